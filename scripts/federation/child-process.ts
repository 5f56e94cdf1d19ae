import { spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';

/** A long-running child (nats-server, gateway, agent) whose output goes to its own log file. */
export interface ChildService {
  readonly name: string;
  readonly logFile: string;
  /** Why the child is no longer running, or `undefined` while it runs. */
  ended(): string | undefined;
  /**
   * Sends `signal` (default SIGTERM), waits up to `timeoutMs`, then SIGKILL; resolves with
   * the exit status (`null` when a signal ended it).
   */
  stop(timeoutMs: number, signal?: NodeJS.Signals): Promise<number | null>;
  /** Ends the child at once, without waiting. */
  kill(): void;
}

/** What {@link spawnService} and {@link runCommand} start. */
export interface CommandSpec {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
}

function openLog(logDir: string, name: string): { readonly path: string; readonly stream: WriteStream } {
  const path = join(logDir, `${name}.log`);
  const stream = createWriteStream(path, { flags: 'a', mode: 0o600 });
  stream.write(`--- ${new Date().toISOString()} start ---\n`);
  return { path, stream };
}

/**
 * Spawns a service with its stdout and stderr appended to `<logDir>/<name>.log`. The child
 * gets its own process group: Ctrl-C in the terminal reaches only `npm start`, which then
 * stops the children in order (agents and gateway before the NATS server they need).
 */
export function spawnService(name: string, spec: CommandSpec, logDir: string): ChildService {
  const log = openLog(logDir, name);
  const child = spawn(spec.command, [...spec.args], {
    cwd: spec.cwd,
    env: spec.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout.pipe(log.stream, { end: false });
  child.stderr.pipe(log.stream, { end: false });
  let endedBecause: string | undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.once('error', (e) => {
      endedBecause = `${name} could not start: ${e.message}`;
      resolve(null);
    });
    child.once('exit', (code, signal) => {
      endedBecause = `${name} exited (${signal ?? `status ${code}`}); see ${log.path}`;
      resolve(code);
    });
  }).finally(() => {
    log.stream.end();
  });
  return {
    name,
    logFile: log.path,
    ended: () => endedBecause,
    async stop(timeoutMs, signal = 'SIGTERM') {
      if (endedBecause === undefined) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
    kill() {
      if (endedBecause === undefined) child.kill('SIGKILL');
    },
  };
}

/** A command that failed; its output is in the log file. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
}

/**
 * Runs a one-shot command (a CLI call), appending its output to `<logDir>/<logName>.log`
 * (standard error only when `secretOutput`), and resolves with its standard output.
 *
 * @throws CommandError when it exits with a non-zero status.
 */
export async function runCommand(
  spec: CommandSpec,
  logDir: string,
  logName: string,
  options: { readonly secretOutput?: boolean } = {},
): Promise<string> {
  const log = openLog(logDir, logName);
  log.stream.write(`$ ${[spec.command, ...spec.args].join(' ')}\n`);
  const child = spawn(spec.command, [...spec.args], {
    cwd: spec.cwd,
    env: spec.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  // Output that holds a secret (a new token) goes to the caller only, never to the log.
  if (options.secretOutput === true) log.stream.write('(standard output not logged: it holds a secret)\n');
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (options.secretOutput !== true) log.stream.write(chunk);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    log.stream.write(chunk);
  });
  const [code] = (await once(child, 'close')) as [number | null];
  log.stream.end();
  if (code !== 0) {
    const last = stderr.trim().split('\n').slice(-3).join(' / ');
    throw new CommandError(`"${spec.args.slice(-8).join(' ')}" failed (status ${code}): ${last} (see ${log.path})`);
  }
  return stdout;
}

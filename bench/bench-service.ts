import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GATEWAY_NODE_FLAGS } from '@atc/gateway/node-flags';
import { freePort, waitFor } from '@atc/tests';
import { BenchError, BenchErrorCode } from './bench-error.js';

/** The repository root: services and helper processes run from its sources. */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** Children still running, killed if the benchmark exits without stopping them (an error, Ctrl-C). */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

function track(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
}

/** Node flags that run TypeScript sources the way `npm run gateway` does (the bench's own helpers). */
const SOURCE_FLAGS = ['--import', 'tsx', '--conditions=source'];

/** A gateway or agent (`serve`) running as a child process, as operators run it. */
export interface BenchService {
  readonly name: string;
  readonly url: string;
  readonly pid: number;
  readonly logFile: string;
  /** SIGTERM and wait for a clean exit (SIGKILL after `timeoutMs`); resolves with the exit code. */
  stop(timeoutMs?: number): Promise<number | null>;
  /** Sends `signal` at once (a crash) and waits for the process to end. */
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

/** Node flags that write a V8 CPU profile into `dir` (and `sub` below it), or none without a dir. */
export function cpuProfFlags(dir: string | undefined, sub = ''): string[] {
  return dir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${join(dir, sub)}`];
}

/** What {@link startService} runs. */
export interface ServiceSpec {
  /** `gateway` or `agent`: names the log file and picks the CLI. */
  readonly kind: 'gateway' | 'agent';
  /** The service's environment (ATC_* settings on top of the bench's child environment). */
  readonly env: Readonly<Record<string, string>>;
  readonly logDir: string;
  /** Log file name without extension (default: the kind). */
  readonly logName?: string;
  /** Extra node flags, e.g. `--cpu-prof`. */
  readonly nodeFlags?: readonly string[];
  /** Listen on this port (a restarted service keeps its address); default: a free one. */
  readonly port?: number;
  /** Run from the TypeScript sources instead of the build (the unit suite does not build). */
  readonly fromSources?: boolean;
}

/**
 * The services run from the build, as the Docker images and systemd units run them (`npm run
 * bench` builds them first): no TypeScript loader in the measured process.
 */
const CLI = { gateway: 'gateway/dist/cli/main.js', agent: 'node-agent/dist/cli/main.js' } as const;
const CLI_SOURCES = { gateway: 'gateway/src/cli/main.ts', agent: 'node-agent/src/cli/main.ts' } as const;

/** Starts `atc-gateway serve` or `atc-agent serve` from the build and waits until `/readyz` is 200. */
export async function startService(spec: ServiceSpec): Promise<BenchService> {
  const port = spec.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const name = spec.logName ?? spec.kind;
  const logFile = join(spec.logDir, `${name}.log`);
  const log = createWriteStream(logFile, { flags: 'a', mode: 0o600 });
  const sources = spec.fromSources === true;
  const script = join(repoRoot, sources ? CLI_SOURCES[spec.kind] : CLI[spec.kind]);
  const loader = sources ? SOURCE_FLAGS : [];
  // The gateway runs with the flags it is deployed with (NODE_OPTIONS in the Docker image).
  const deployed = spec.kind === 'gateway' ? GATEWAY_NODE_FLAGS : [];
  const child = spawn(process.execPath, [...loader, ...deployed, ...(spec.nodeFlags ?? []), script, 'serve'], {
    cwd: repoRoot,
    env: { ...spec.env, ATC_HTTP_LISTEN: `127.0.0.1:${port}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track(child);
  // One file for both streams, ended once both closed (`end: true` would let the first to end
  // close it and lose the other's last lines, such as a fatal error on stderr).
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  child.once('close', () => log.end());
  const exited = exitOf(child);
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new BenchError(BenchErrorCode.ServiceFailed, `${name} exited during start-up; see ${logFile}`);
        }
        const res = await fetch(`${url}/readyz`).catch(() => undefined);
        return res?.status === 200;
      },
      { timeoutMs: 60_000, intervalMs: 100, message: `${name} ready at ${url} (log: ${logFile})` },
    );
  } catch (e) {
    child.kill('SIGKILL');
    await exited;
    throw new BenchError(BenchErrorCode.ServiceFailed, `${name} did not start: ${(e as Error).message}`, { cause: e });
  }
  return {
    name,
    url,
    pid: child.pid!,
    logFile,
    async stop(timeoutMs = 30_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
    async kill(signal) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
  };
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      resolve(code);
    });
    child.once('error', () => {
      resolve(null);
    });
  });
}

/** A bench helper process (publisher, baseline consumer) talking to this one over IPC. */
export interface HelperProcess<Out> {
  readonly pid: number;
  /** Calls `onMessage` for each message; resolves when the helper exits with status 0. */
  readonly done: Promise<void>;
  onMessage(listener: (message: Out) => void): void;
  kill(): void;
}

/**
 * Forks `bench/<script>` from the sources with IPC, passing `input` as its first message.
 * Its output goes to `<logDir>/<logName>.log`.
 */
export function forkHelper<Out>(script: string, input: object, logDir: string, logName: string): HelperProcess<Out> {
  const logFile = join(logDir, `${logName}.log`);
  const log = createWriteStream(logFile, { flags: 'a', mode: 0o600 });
  const child = fork(join(repoRoot, 'bench', script), [], {
    cwd: repoRoot,
    execArgv: SOURCE_FLAGS,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  track(child);
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  child.send(input);
  const done = new Promise<void>((resolve, reject) => {
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new BenchError(
            BenchErrorCode.ServiceFailed,
            `bench helper ${logName} ended with ${signal ?? `status ${code}`}; see ${logFile}`,
          ),
        );
    });
  });
  return {
    pid: child.pid!,
    done,
    onMessage(listener) {
      child.on('message', (m) => {
        listener(m as Out);
      });
    },
    kill() {
      child.kill('SIGKILL');
    },
  };
}

/** In a helper process: the first message from the parent. */
export function helperInput<In>(): Promise<In> {
  return new Promise((resolve) => {
    process.once('message', (m) => {
      resolve(m as In);
    });
  });
}

/** In a helper process: sends a message to the parent and waits until it is handed over. */
export function toParent(message: object): Promise<void> {
  return new Promise((resolve, reject) => {
    process.send!(message, undefined, {}, (e: Error | null) => {
      if (e === null) resolve();
      else reject(e);
    });
  });
}

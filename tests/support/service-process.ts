import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, tailLog, waitFor } from '@atc/harness';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The commands as operators run them (each package's bin, relative to the repository): the
 * build when it is up to date (as after `npm run build`, which `npm test` runs first), else the
 * sources through tsx. About 0.6 s of CPU less per process than starting the sources with tsx.
 */
export const Bins = {
  gateway: 'gateway/bin/atc-gateway.mjs',
  verify: 'gateway/bin/atc-verify.mjs',
  agent: 'node-agent/bin/atc-agent.mjs',
} as const;

/** Absolute path of a command's bin (see {@link Bins}). */
export function binPath(bin: keyof typeof Bins): string {
  return join(repoRoot, Bins[bin]);
}

/** A service (`atc-gateway serve` or `atc-agent serve`) running as a child process, as operators run it. */
export interface ServiceProcess {
  readonly url: string;
  readonly logFile: string;
  /** Sends `signal` (default SIGKILL) and waits for the process to end. */
  kill(signal?: NodeJS.Signals): Promise<number | null>;
  /** Starts the process again with the same environment and waits until it is ready. */
  restart(): Promise<void>;
}

/** `atc-gateway serve` as a child process. */
export type GatewayProcess = ServiceProcess;

/** How a spawned service is waited for. */
export interface SpawnOptions {
  /**
   * The path that must answer 200 before the process counts as started: `/readyz` (default),
   * or `/healthz` for a service a test expects to be alive but not ready.
   */
  readonly readyPath?: '/readyz' | '/healthz';
}

/**
 * Runs `atc-gateway serve` with `env` as its command does (the build when it is up to date, as
 * after `npm run build`, else the sources through tsx), logging to a file in `logDir`, and waits
 * until `/readyz` answers 200.
 */
export function spawnGatewayProcess(
  env: Readonly<Record<string, string>>,
  logDir: string,
  options: SpawnOptions = {},
): Promise<ServiceProcess> {
  return spawnServiceProcess('gateway', Bins.gateway, env, logDir, options);
}

/**
 * Runs `atc-agent serve` with `env` as its command does (the build when it is up to date, else
 * the sources), logging to a file in `logDir`, and waits until `/readyz` answers 200.
 */
export function spawnAgentProcess(
  env: Readonly<Record<string, string>>,
  logDir: string,
  options: SpawnOptions = {},
): Promise<ServiceProcess> {
  return spawnServiceProcess('agent', Bins.agent, env, logDir, options);
}

async function spawnServiceProcess(
  name: string,
  script: string,
  env: Readonly<Record<string, string>>,
  logDir: string,
  options: SpawnOptions,
): Promise<ServiceProcess> {
  const readyPath = options.readyPath ?? '/readyz';
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = join(logDir, `${name}.log`);
  let child: ChildProcess | undefined;
  let exited: Promise<number | null> = Promise.resolve(null);

  const start = async (): Promise<void> => {
    const log = createWriteStream(logFile, { flags: 'a' });
    const proc = spawn(process.execPath, [join(repoRoot, script), 'serve'], {
      cwd: repoRoot,
      env: { ...process.env, ...env, ATC_HTTP_LISTEN: `127.0.0.1:${port}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Both streams into one file, which ends once both have closed: with `end: true` the first
    // to end would close the file and lose what the other still had (a fatal error on stderr).
    proc.stdout.pipe(log, { end: false });
    proc.stderr.pipe(log, { end: false });
    const logged = new Promise<void>((resolve) => {
      proc.once('close', () => log.end(resolve));
    });
    child = proc;
    exited = new Promise((resolve) => {
      proc.once('exit', (code) => {
        resolve(code);
      });
    });
    const dead = (): boolean => proc.exitCode !== null || proc.signalCode !== null;
    try {
      // A process that died is not ready either: the wait ends at its next poll.
      await waitFor(
        async () => {
          if (dead()) return true;
          const res = await fetch(`${url}${readyPath}`).catch(() => undefined);
          return res?.status === 200;
        },
        { timeoutMs: 30_000, intervalMs: 100, message: `${name} answering ${readyPath} at ${url}` },
      );
      if (dead())
        throw new Error(`${name} exited with ${proc.exitCode ?? proc.signalCode} before ${readyPath} answered 200`);
    } catch (e) {
      // The log of a failed start goes with the error: a test's clean-up deletes the file.
      if (dead()) await Promise.race([logged, sleep(2_000)]);
      throw new Error(`${(e as Error).message}; the last lines of ${logFile}:\n${await tailLog(logFile, 40, 400)}`, {
        cause: e,
      });
    }
  };

  await start();
  return {
    url,
    logFile,
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      child?.kill(signal);
      return exited;
    },
    restart: start,
  };
}

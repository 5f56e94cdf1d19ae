import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runCli } from '@atc/gateway';
import { binPath, type Bins } from './service-process.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** What one `atc-gateway` command printed and returned. */
export interface GatewayCliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs an `atc-gateway` command in this process (the same code as the binary but main.ts) with `env`. */
export async function runGatewayCli(
  env: Readonly<Record<string, string | undefined>>,
  args: readonly string[],
): Promise<GatewayCliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...args], {
    env: { ...env },
    stdin: process.stdin,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    nextStopSignal: () => new Promise(() => undefined),
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** Output and exit code of a script run in a process of its own. */
export interface ScriptRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** What a child process printed, and its exit code, once it has closed. */
function collect(child: ChildProcessWithoutNullStreams): Promise<ScriptRun> {
  return new Promise((done, fail) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      done({ code, stdout, stderr });
    });
  });
}

/** Options of {@link runNpx}. */
export interface NpxOptions {
  /**
   * Offline and never installing (`--offline --no-install`): a command that is not a local bin
   * fails instead of falling through to a registry package of that name.
   */
  readonly offline?: boolean;
}

/**
 * Runs `npx <args>` in the repository, as a user types a command the README or a program prints,
 * with only PATH and HOME from this process's environment (no ATC_ or npm_ settings leak in).
 */
export function runNpx(args: readonly string[], options: NpxOptions = {}): Promise<ScriptRun> {
  const env: Record<string, string> = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? tmpdir() };
  if (options.offline !== true) return collect(spawn('npx', [...args], { cwd: repoRoot, env }));
  return collect(
    spawn('npx', ['--offline', '--no-install', ...args], {
      cwd: repoRoot,
      env: { ...env, npm_config_offline: 'true', npm_config_yes: 'false' },
    }),
  );
}

/**
 * Runs a command (`atc-gateway`, `atc-verify`, `atc-agent`) through its bin in a process of its
 * own, as an operator runs it, with only PATH and `env` in its environment.
 */
export function runBin(
  bin: keyof typeof Bins,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<ScriptRun> {
  return collect(
    spawn(process.execPath, [binPath(bin), ...args], {
      cwd: repoRoot,
      env: { PATH: process.env['PATH'] ?? '', ...env },
    }),
  );
}

/** Runs `atc-verify <file> [args]` as its own process, as an auditor would run it. */
export function runAtcVerify(file: string, ...args: readonly string[]): Promise<ScriptRun> {
  return runBin('verify', [file, ...args]);
}

/** `atc-gateway` in a process of its own, as an operator runs it beside the service. */
export function runGatewayProcess(env: Readonly<Record<string, string>>, args: readonly string[]): Promise<ScriptRun> {
  return runBin('gateway', args, env);
}

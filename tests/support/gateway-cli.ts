import { runCli } from '@atc/gateway';

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

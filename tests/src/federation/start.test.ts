import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '@atc/tests';

// `npm start` as a newcomer runs it: a real process that spawns its own nats-server, the
// gateway and the agents, in a temp federation dir instead of the repo's .atc.

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const dir = await mkdtemp(join(tmpdir(), 'atc-federation-'));
const running = new Set<ChildProcess>();
afterAll(async () => {
  for (const child of running) child.kill('SIGINT');
  await waitFor(() => running.size === 0, { timeoutMs: 60_000, message: 'npm start stopped' }).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

/** `npm start` running as a child, with what it printed so far. */
interface StartProcess {
  readonly output: () => string;
  readonly exited: Promise<number | null>;
  /** The highest "delivered N" of the status lines. */
  readonly delivered: () => number;
  readonly child: ChildProcess;
}

function startFederation(): StartProcess {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !name.startsWith('ATC_') && name !== 'NATS_URL') env[name] = value;
  }
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', 'scripts/start-federation.ts'], {
    cwd: repoRoot,
    env: { ...env, ATC_FEDERATION_DIR: dir, ATC_DEMO_RATE: '5', ATC_DEMO_MEMBERS: 'KZ,BY,RU' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
    });
  });
  return {
    child,
    exited,
    output: () => output,
    delivered: () => Math.max(0, ...[...output.matchAll(/ delivered (\d+) /g)].map((m) => Number(m[1]))),
  };
}

async function waitForDeliveries(run: StartProcess, count: number): Promise<void> {
  await waitFor(
    () => {
      if (run.child.exitCode !== null) throw new Error(`npm start exited early:\n${run.output()}`);
      return run.delivered() >= count;
    },
    { timeoutMs: 90_000, intervalMs: 250, message: `${count} deliveries` },
  ).catch((e: unknown) => {
    throw new Error(`${(e as Error).message}\n--- output ---\n${run.output()}`, { cause: e });
  });
}

interface SavedState {
  gatewayPort: number;
  members: Record<string, { agentPort: number; apiKey: string }>;
  operatorToken: string;
}

describe('npm start', { timeout: 240_000 }, () => {
  it('brings up a federation that delivers, stops on SIGINT with 0, and resumes', async () => {
    const first = startFederation();
    await waitForDeliveries(first, 5);
    expect(first.output()).toContain('Creating a new federation');
    expect(first.output()).toContain('Registered members KZ, BY, RU');
    expect(first.output()).toMatch(/gateway\s+http:\/\/127\.0\.0\.1:\d+/);

    // The state file holds the API keys: private, and they work.
    const statePath = join(dir, 'federation.json');
    expect((await stat(statePath)).mode & 0o777).toBe(0o600);
    const state = JSON.parse(await readFile(statePath, 'utf8')) as SavedState;
    const kz = state.members['KZ']!;
    expect(kz.apiKey.length).toBeGreaterThanOrEqual(32);
    const inbox = await fetch(`http://127.0.0.1:${kz.agentPort}/v1/inbox?limit=5`, {
      headers: { authorization: `Bearer ${kz.apiKey}` },
    });
    expect(inbox.status).toBe(200);
    const items = ((await inbox.json()) as { items: { header: Record<string, unknown> }[] }).items;
    expect(items.length).toBeGreaterThan(0);
    expect(items[0]!.header).toMatchObject({ exercise: true });
    expect((await fetch(`http://127.0.0.1:${state.gatewayPort}/readyz`)).status).toBe(200);

    // The operator token is printed with a ready-to-run curl line, and the flow statistics show the traffic.
    expect(state.operatorToken).toMatch(/^atc_/);
    expect(first.output()).toContain(
      `curl -s -H "Authorization: Bearer ${state.operatorToken}" http://127.0.0.1:${state.gatewayPort}/v1/stats/flow`,
    );
    const flow = await fetch(`http://127.0.0.1:${state.gatewayPort}/v1/stats/flow?window=1h`, {
      headers: { authorization: `Bearer ${state.operatorToken}` },
    });
    expect(flow.status).toBe(200);
    const stats = (await flow.json()) as { exercise: { totals: { accepted: number; delivered: number } } };
    expect(stats.exercise.totals.accepted).toBeGreaterThan(0);
    expect(stats.exercise.totals.delivered).toBeGreaterThan(0);

    first.child.kill('SIGINT');
    expect(await first.exited, first.output()).toBe(0);
    expect(first.output()).toContain('Stopped. "npm start" resumes this federation.');

    // Children logged to files, never an API key.
    const logs = await readdir(join(dir, 'logs'));
    expect(logs).toEqual(expect.arrayContaining(['nats.log', 'gateway.log', 'agent-KZ.log', 'setup.log']));
    for (const log of logs) {
      const text = await readFile(join(dir, 'logs', log), 'utf8');
      for (const member of Object.values(state.members)) expect(text).not.toContain(member.apiKey);
      expect(text).not.toContain(state.operatorToken);
    }

    const second = startFederation();
    await waitForDeliveries(second, 5);
    expect(second.output()).toContain('Resuming the federation');
    expect(second.output()).toContain('Members and keys already registered');
    const resumed = JSON.parse(await readFile(statePath, 'utf8')) as SavedState;
    expect(resumed.members['KZ']!.apiKey).toBe(kz.apiKey);
    expect(resumed.operatorToken).toBe(state.operatorToken);
    second.child.kill('SIGINT');
    expect(await second.exited, second.output()).toBe(0);
  });
});

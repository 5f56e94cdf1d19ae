import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, errors } from '@nats-io/transport-node';
import { afterAll, describe, expect, it } from 'vitest';
import {
  connectNats,
  inboxConsumer,
  inboxPullSubject,
  inboxSubject,
  memberInboxPrefix,
  Streams,
  submitSubject,
} from '@atc/shared';
import { bindInboxConsumer, readTrustList } from '@atc/node-agent';
import { makeMessage, runGatewayCli, waitFor } from '@atc/tests';
import { expectPublishRefused, expectSubscribeRefused, rejection } from '../isolation/isolated-nats.js';

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

function startFederation(extraEnv: Record<string, string> = {}): StartProcess {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !name.startsWith('ATC_') && name !== 'NATS_URL') env[name] = value;
  }
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', 'scripts/start-federation.ts'], {
    cwd: repoRoot,
    env: { ...env, ATC_FEDERATION_DIR: dir, ATC_DEMO_RATE: '5', ATC_DEMO_MEMBERS: 'KZ,BY,RU', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, as in a terminal: Ctrl-C signals the whole group.
    detached: true,
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
  // npm start compiles its sources as it goes and runs the set-up commands one by one: on a
  // 2-core host busy with the rest of the suite its first deliveries took over 90 s.
  await waitFor(
    () => {
      if (run.child.exitCode !== null) throw new Error(`npm start exited early:\n${run.output()}`);
      return run.delivered() >= count;
    },
    { timeoutMs: 180_000, intervalMs: 250, message: `${count} deliveries` },
  ).catch((e: unknown) => {
    throw new Error(`${(e as Error).message}\n--- output ---\n${run.output()}`, { cause: e });
  });
}

interface SavedState {
  natsUrl: string;
  gatewayPort: number;
  members: Record<string, { agentPort: number; apiKey: string }>;
  operatorToken: string;
  auditorToken: string;
}

describe('npm start', { timeout: 600_000 }, () => {
  it('refuses a NATS server it cannot give per-member accounts unless the development switch is set', async () => {
    const run = startFederation({ NATS_URL: 'nats://127.0.0.1:1' });
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain('NATS_URL names a NATS server that npm start cannot give per-member accounts');
    expect(run.output()).toContain('ATC_DEMO_SHARED_NATS=1');
  });

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

    await expectDatabankScenario(first, state);

    // Every member on its own NATS account: the demo's agents deliver with their own seeds
    // only, and one member's seed reads nothing of another's inbox.
    await expectMembersIsolated(state.natsUrl, first.delivered);
    expect(first.output()).toContain(
      `CLI: ATC_AGENT_URL=http://127.0.0.1:${kz.agentPort} ATC_API_KEY=${kz.apiKey} npm run agent -- inbox`,
    );

    // One Ctrl-C: the terminal signals the process group, and a wrapper in it (npm forwards the
    // signal to its script) relays a copy once the first is being handled. Both are one request:
    // a graceful stop, agents first, then the gateway, then NATS.
    process.kill(-first.child.pid!, 'SIGINT');
    await waitFor(() => first.output().includes('stopping the federation'), { message: 'the stop began' });
    first.child.kill('SIGINT');
    expect(await first.exited, first.output()).toBe(0);
    expect(first.output()).not.toContain('Second signal');
    expect(first.output()).toContain('Stopped. "npm start" resumes this federation.');
    const stops = first.output().match(/ {2}stopping (.*)\.\.\./g);
    expect(stops).toEqual([
      '  stopping agent-KZ, agent-BY, agent-RU...',
      '  stopping gateway...',
      '  stopping nats...',
    ]);
    const gatewayLog = await readFile(join(dir, 'logs', 'gateway.log'), 'utf8');
    expect(gatewayLog).toContain('"msg":"gateway stopped"');
    // Started with the Docker image's node flags: its heap has a limit, so no warning that it has none.
    expect(gatewayLog).not.toContain('heap limit');
    expect(await readFile(join(dir, 'logs', 'agent-KZ.log'), 'utf8')).toContain('"msg":"agent stopped"');

    // Children logged to files, never an API key.
    const logs = await readdir(join(dir, 'logs'));
    expect(logs).toEqual(expect.arrayContaining(['nats.log', 'gateway.log', 'agent-KZ.log', 'setup.log']));
    const seeds = await Promise.all(['gateway.nk', 'members/KZ.nk'].map((f) => readFile(seedPath(f), 'utf8')));
    for (const log of logs) {
      const text = await readFile(join(dir, 'logs', log), 'utf8');
      for (const member of Object.values(state.members)) expect(text).not.toContain(member.apiKey);
      expect(text).not.toContain(state.operatorToken);
      expect(text).not.toContain(state.auditorToken);
      for (const seed of seeds) expect(text).not.toContain(seed.trim());
    }

    const second = startFederation();
    await waitForDeliveries(second, 5);
    expect(second.output()).toContain('Resuming the federation');
    expect(second.output()).toContain('Members and keys already registered');
    // The scenario is not sent twice: every step was recognised by its Idempotency-Key.
    await waitFor(() => /Data bank scenario: \d+ messages accepted/.test(second.output()), {
      timeoutMs: 90_000,
      intervalMs: 250,
      message: 'the data bank scenario of the resumed federation',
    });
    expect(second.output()).toMatch(
      /Data bank scenario: (\d+) messages accepted \(0 sent now, \1 of them sent by an earlier run\)/,
    );
    const resumed = JSON.parse(await readFile(statePath, 'utf8')) as SavedState;
    expect(resumed.members['KZ']!.apiKey).toBe(kz.apiKey);
    expect(resumed.operatorToken).toBe(state.operatorToken);
    expect(resumed.auditorToken).toBe(state.auditorToken);
    second.child.kill('SIGINT');
    expect(await second.exited, second.output()).toBe(0);
  });
});

/** An inbox item as the agent API lists it. */
interface Item {
  readonly sender: string;
  readonly payloadType: string;
  readonly exercise: boolean;
  readonly record: {
    readonly recordId?: string;
    readonly names?: { readonly script: string }[];
    readonly documents?: { readonly number: string; readonly issuingCountry: string }[];
    readonly target?: { readonly originator: string; readonly recordId: string };
  };
}

/** Every item of a member's inbox, a page at a time. */
async function wholeInbox(member: { agentPort: number; apiKey: string }): Promise<Item[]> {
  const items: Item[] = [];
  let after = 0;
  for (;;) {
    const res = await fetch(`http://127.0.0.1:${member.agentPort}/v1/inbox?limit=1000&after=${after}`, {
      headers: { authorization: `Bearer ${member.apiKey}` },
    });
    expect(res.status).toBe(200);
    const page = (await res.json()) as { items: Item[]; more: boolean; next: number };
    items.push(...page.items);
    if (!page.more) return items;
    after = page.next;
  }
}

/**
 * The data bank scenario: its curl lines in the banner, every message of the demo accepted (no
 * rejection anywhere), the same invented person reported by several members in Cyrillic and
 * Latin with one passport, a withdrawal by its originator, and a bank without flags or conflicts.
 */
async function expectDatabankScenario(run: StartProcess, state: SavedState): Promise<void> {
  const gateway = `http://127.0.0.1:${state.gatewayPort}`;
  // Subjects with the operator token, a dossier (record content) with the auditor's.
  expect(state.auditorToken).toMatch(/^atc_/);
  expect(state.auditorToken).not.toBe(state.operatorToken);
  const tokens = await runGatewayCli({ ATC_DATA_DIR: join(dir, 'gateway') }, ['tokens', 'list', '--json']);
  const roles = (JSON.parse(tokens.stdout) as { name: string; role: string }[]).map((t) => `${t.role} ${t.name}`);
  expect(roles).toContainEqual(expect.stringMatching(/^operator demo-operator-/));
  expect(roles).toContainEqual(expect.stringMatching(/^auditor demo-auditor-/));
  const operator = `-H "Authorization: Bearer ${state.operatorToken}"`;
  const auditor = `-H "Authorization: Bearer ${state.auditorToken}"`;
  expect(run.output()).toContain(`curl -s ${operator} "${gateway}/v1/databank/subjects?category=person"`);
  expect(run.output()).toContain(
    `curl -s -G ${auditor} "${gateway}/v1/databank/subjects/<subjectId>" --data-urlencode "purpose=`,
  );
  // The console: its address in the banner, and the banner's operator token signs in to it.
  expect(run.output()).toContain(`${gateway}/console/`);
  const signIn = await fetch(`${gateway}/v1/console/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: state.operatorToken }),
  });
  expect(signIn.status).toBe(200);
  expect(await signIn.json()).toMatchObject({ role: 'operator' });
  expect(signIn.headers.get('set-cookie')).toMatch(/^atc_session=[^;]+;.*HttpOnly/i);
  await waitFor(
    () => {
      if (run.child.exitCode !== null) throw new Error(`npm start exited early:\n${run.output()}`);
      return run.output().includes('Data bank scenario:');
    },
    { timeoutMs: 90_000, intervalMs: 250, message: 'the data bank scenario finished' },
  );
  const summary = /Data bank scenario: (\d+) messages accepted \((\d+) sent now\)/.exec(run.output());
  expect(summary, run.output()).not.toBeNull();
  expect(summary![2]).toBe(summary![1]);

  // Nothing refused: not by the agents (status line), not by the gateway (flow statistics, outboxes).
  expect(run.output()).not.toMatch(/refused \d+|last problem/);
  const flow = await fetch(`${gateway}/v1/stats/flow?window=1h`, {
    headers: { authorization: `Bearer ${state.operatorToken}` },
  });
  const totals = (await flow.json()) as Record<
    'operational' | 'exercise',
    { totals: { accepted: number; rejected: number } }
  >;
  expect(totals.operational.totals.rejected).toBe(0);
  expect(totals.exercise.totals.rejected).toBe(0);
  expect(totals.operational.totals.accepted).toBeGreaterThan(0);
  for (const [member, m] of Object.entries(state.members)) {
    const res = await fetch(`http://127.0.0.1:${m.agentPort}/v1/messages?status=rejected`, {
      headers: { authorization: `Bearer ${m.apiKey}` },
    });
    expect((await res.json()) as { messages: unknown[] }, member).toMatchObject({ messages: [] });
  }

  // What the members received: Testov Ivan from every member, in both scripts, one passport.
  const inboxes = await Promise.all(Object.values(state.members).map(wholeInbox));
  const received = inboxes.flat().filter((i) => !i.exercise);
  const testov = received.filter(
    (i) => i.payloadType.endsWith('PersonRecord') && (i.record.documents ?? []).some((d) => d.number === 'TEST0001'),
  );
  expect(new Set(testov.map((i) => i.sender))).toEqual(new Set(['KZ', 'BY', 'RU']));
  expect(new Set(testov.flatMap((i) => (i.record.names ?? []).map((n) => n.script)))).toEqual(
    new Set(['Cyrl', 'Latn']),
  );
  for (const i of testov) expect(i.record.documents).toContainEqual(expect.objectContaining({ issuingCountry: 'KZ' }));
  const withdrawals = received.filter((i) => i.payloadType.endsWith('RecordWithdrawal'));
  expect(withdrawals.length).toBeGreaterThan(0);
  for (const w of withdrawals) expect(w.record.target?.originator).toBe(w.sender);
  expect(inboxes.flat().some((i) => i.exercise)).toBe(true);

  // The bank applied all of it: no withdrawal of an unknown record, no foreign originator, no conflict.
  const bankStatus = async () => {
    const status = await runGatewayCli({ ATC_DATA_DIR: join(dir, 'gateway') }, ['databank', 'status', '--json']);
    expect(status.code, status.stderr).toBe(0);
    return JSON.parse(status.stdout) as {
      cursor: number;
      size: number;
      records: number;
      conflicts: number;
      flags: number;
    };
  };
  const archived = (await bankStatus()).size;
  const bank = await waitFor(
    async () => {
      const s = await bankStatus();
      return s.cursor >= archived ? s : false;
    },
    { timeoutMs: 30_000, intervalMs: 500, message: 'the data bank applied what the archive held after the scenario' },
  );
  expect(bank.records).toBeGreaterThan(0);
  expect(bank).toMatchObject({ conflicts: 0, flags: 0 });
}

function seedPath(file: string): string {
  return join(dir, 'nats-auth', file);
}

/**
 * Proves, with real NATS clients on the demo's own server, that KZ's generated credentials
 * reach nothing of BY's inbox (subject, consumer, stream messages), that connections without
 * credentials are refused, and that the members still do their own work meanwhile.
 */
async function expectMembersIsolated(natsUrl: string, delivered: () => number): Promise<void> {
  for (const member of ['KZ', 'BY', 'RU']) {
    expect((await stat(seedPath(`members/${member}.nk`))).mode & 0o777).toBe(0o600);
  }
  expect((await stat(seedPath('gateway.nk'))).mode & 0o777).toBe(0o600);

  const anonymous = await rejection(connect({ servers: natsUrl, reconnect: false }));
  expect(anonymous).toBeInstanceOf(errors.AuthorizationError);

  const kz = await connectNats(
    { natsUrl: [natsUrl], natsNkeyFile: seedPath('members/KZ.nk') },
    { name: 'demo-isolation-KZ', inboxPrefix: memberInboxPrefix('KZ') },
  );
  try {
    // Its own work: the signed trust list is readable with its credentials.
    expect(await readTrustList(kz)).toBeDefined();
    // BY's inbox: no subscription to its subject, no pull from its consumer, no ack for it,
    // no stream message by sequence or direct get, no consumer of its own on the stream.
    await expectSubscribeRefused(kz, inboxSubject('BY'));
    await expectSubscribeRefused(kz, '>');
    const pull = JSON.stringify({ batch: 10, no_wait: true });
    await expectPublishRefused(kz.request(inboxPullSubject('BY'), pull, { timeout: 2_000 }), inboxPullSubject('BY'));
    const got: unknown[] = [];
    const batch = await bindInboxConsumer(jetstream(kz), 'BY').fetch({ max_messages: 10, expires: 1_000, bind: true });
    await rejection(
      (async () => {
        for await (const m of batch) got.push(m);
      })(),
    );
    expect(got).toEqual([]);
    const ack = `$JS.ACK.${Streams.inbox}.${inboxConsumer('BY')}.1.1.1.0.0`;
    await expectPublishRefused(kz.request(ack, '+ACK', { timeout: 2_000 }), ack);
    for (const subject of [
      `$JS.API.STREAM.MSG.GET.${Streams.inbox}`,
      `$JS.API.DIRECT.GET.${Streams.inbox}.${inboxSubject('BY')}`,
      `$JS.API.CONSUMER.CREATE.${Streams.inbox}.spy.${inboxSubject('BY')}`,
    ]) {
      await expectPublishRefused(kz.request(subject, JSON.stringify({ seq: 1 }), { timeout: 2_000 }), subject);
    }
    await expectPublishRefused(jetstreamManager(kz), '$JS.API.INFO');
    // Nor may it speak for BY.
    const forged = makeMessage({ from: 'BY', to: ['KZ'], sequence: 1 });
    await expectPublishRefused(
      jetstream(kz).publish(submitSubject('BY'), forged.bytes, { msgID: forged.messageId }),
      submitSubject('BY'),
    );
  } finally {
    await kz.close();
  }
  // Meanwhile the agents, each on its own seed, kept exchanging records.
  const before = delivered();
  await waitFor(() => delivered() > before, { timeoutMs: 30_000, intervalMs: 250, message: 'more deliveries' });
}

/*
 * The PostgreSQL restart run (issue 20, fault matrix 4): two gateway replicas on one
 * PostgreSQL archive of the test's own, and two member agents exchanging records through
 * their HTTP APIs, while the database is stopped twice under load: once cleanly
 * (`pg_ctl stop -m fast`, every session ended) and once as a crash (`-m immediate`, WAL
 * replayed at the next start). While it is down the agents keep accepting records into their
 * outboxes, and both replicas must say so: not ready, and 503 ERR_STORAGE_UNAVAILABLE with
 * Retry-After from the API rather than a 500. Once it is back, both replicas must be ready
 * again by themselves, and in the end every record is archived once, delivered once, receipted
 * once, the log verifies and every agent's outbox is settled.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { ErrorCode, PayloadType } from '@atc/shared';
import { addToken, openArchiveDb, type SqlDb } from '@atc/gateway';
import {
  callAgent,
  mapLimit,
  personRequest,
  prepareAgent,
  prepareGatewayDataDir,
  runGatewayCli,
  spawnAgentProcess,
  spawnGatewayProcess,
  startNatsServer,
  startThrowawayCluster,
  waitFor,
  type ClusterStopMode,
  type GatewayCliRun,
  type GatewayProcess,
  type NatsServerHandle,
  type ServiceProcess,
  type ThrowawayCluster,
} from '@atc/tests';

/** Records sent in the whole run. */
const TOTAL = 1_500;
const SENDERS = ['KZ', 'BY'] as const;
type Sender = (typeof SENDERS)[number];
/** POSTs in flight per agent. */
const IN_FLIGHT = 12;
/** How far the POSTs may run ahead of the archive while the database is up. */
const LEAD = 300;
/** Records each agent must accept (202) while the database is down, before it is started again. */
const ACCEPTED_WHILE_DOWN = 60;
/** Items each national system takes from its agent's inbox at once. */
const TAKE_IN_FLIGHT = 8;
const ACK = PayloadType.DeliveryAck;

interface Agent {
  readonly member: Sender;
  readonly process: ServiceProcess;
  readonly dataDir: string;
}

interface Sent {
  readonly n: number;
  readonly messageId: string;
  readonly sender: Sender;
  readonly recipient: Sender;
}

interface Readiness {
  readonly status: number;
  readonly checks: readonly { name: string; ok: boolean; reason?: string }[];
}

let nats: NatsServerHandle;
let pgDir: string;
let database: ThrowawayCluster | undefined;
let refused: string | undefined;
let archive: SqlDb;
let work: string;
let gatewayDir: string;
let token: string;
const gateways: GatewayProcess[] = [];
const agents: Agent[] = [];
const timeline: string[] = [];
/** Set when the run fails or ends: the background loops stop acting. */
let stopping = false;

beforeAll(async () => {
  nats = await startNatsServer();
  // Its own folder in /tmp: the postgres user must reach it, and mkdtemp folders are 0700.
  pgDir = await mkdtemp(join(tmpdir(), 'atc-pg-restart-db-'));
  const cluster = await startThrowawayCluster(pgDir);
  if ('refused' in cluster) {
    refused = cluster.refused;
    return;
  }
  database = cluster;
  work = await mkdtemp(join(tmpdir(), 'atc-pg-restart-'));
  gatewayDir = join(work, 'gateway');
  await mkdir(gatewayDir);
  await prepareGatewayDataDir(gatewayDir, { url: database.url });
  token = addToken(join(gatewayDir, 'tokens.json'), { name: 'pg-restart', role: 'admin' }, Date.now()).token;
  const gatewayEnv = {
    ATC_DATA_DIR: gatewayDir,
    ATC_ARCHIVE_URL: database.url,
    ATC_NATS_URL: nats.url,
    ATC_LOG_LEVEL: 'info',
  };
  const startGateway = async (replica: string): Promise<void> => {
    const logDir = join(work, replica);
    await mkdir(logDir);
    gateways.push(await spawnGatewayProcess(gatewayEnv, logDir));
  };
  const startAgent = async (member: Sender): Promise<void> => {
    const prepared = await prepareAgent({ nats, member, env: { ATC_LOG_LEVEL: 'info' } });
    try {
      agents.push({
        member,
        dataDir: prepared.dataDir,
        process: await spawnAgentProcess(prepared.env, prepared.dataDir),
      });
    } catch (e) {
      await rm(prepared.dataDir, { recursive: true, force: true });
      throw e;
    }
  };
  // The first replica creates the streams and migrates; the second and the agents find them.
  // One at a time: a start is mostly compiling the sources, which a busy machine serialises anyway.
  await startGateway('gateway-1');
  archive = await openArchiveDb({ url: database.url });
  await startGateway('gateway-2');
  for (const member of SENDERS) await startAgent(member);
}, 120_000);

afterAll(async () => {
  stopping = true;
  await Promise.all([...agents.map((a) => a.process), ...gateways].map((p) => p.kill('SIGKILL')));
  await archive?.close();
  await nats?.stop();
  await database?.dispose();
  await Promise.all(agents.map((a) => rm(a.dataDir, { recursive: true, force: true })));
  if (work !== undefined) await rm(work, { recursive: true, force: true });
  if (pgDir !== undefined) await rm(pgDir, { recursive: true, force: true });
}, 60_000);

const agentOf = (member: Sender): Agent => agents.find((a) => a.member === member)!;
const elapsed = (since: number): string => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** Record n goes from one agent to the other. */
function route(n: number): { sender: Sender; recipient: Sender } {
  return { sender: SENDERS[n % 2]!, recipient: SENDERS[(n + 1) % 2]! };
}

/** What the run has done so far, shared by the senders and the fault injector. */
class Progress {
  /** Records (not DeliveryAcks) in the archive, as last read; kept while the database is down. */
  archived = 0;
  /** Records the agents answered 202, per sender. */
  readonly accepted = new Map<Sender, number>(SENDERS.map((s) => [s, 0]));
  /** Whether the database is down: the senders may then run ahead of the archive. */
  down = false;
  private timer: NodeJS.Timeout | undefined;
  private querying = false;

  start(): void {
    this.timer = setInterval(() => {
      if (this.querying) return;
      this.querying = true;
      archive
        .get<{ n: number }>('SELECT count(*) AS n FROM messages WHERE sender <> ? AND payload_type <> ?', ['ATC', ACK])
        .then((row) => {
          this.archived = row?.n ?? 0;
        })
        .catch(() => undefined)
        .finally(() => {
          this.querying = false;
        });
    }, 200);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  get sent(): number {
    return [...this.accepted.values()].reduce((a, b) => a + b, 0);
  }
}

/**
 * POSTs every record through its sender's agent, IN_FLIGHT at a time per agent and, while
 * the database is up, at most LEAD ahead of the archive. A POST the agent could not answer is
 * retried with the same Idempotency-Key.
 */
async function sendAll(progress: Progress): Promise<Sent[]> {
  const sent: Sent[] = [];
  const queues = new Map<Sender, number[]>(SENDERS.map((s) => [s, []]));
  for (let n = 0; n < TOTAL; n++) queues.get(route(n).sender)!.push(n);
  const post = async (n: number): Promise<void> => {
    await waitFor(() => stopping || progress.down || progress.sent - progress.archived < LEAD, {
      timeoutMs: 120_000,
      intervalMs: 50,
      message: `archive within ${LEAD} records of the POSTs (${progress.sent} sent, ${progress.archived} archived)`,
    });
    if (stopping) return;
    const { sender, recipient } = route(n);
    const res = await waitFor(
      async () => {
        if (stopping) return 'stopped' as const;
        const r = await callAgent(agentOf(sender).process.url, 'POST', '/v1/messages', personRequest([recipient], n), {
          'idempotency-key': `pg-restart-${n}`,
        });
        return r.status >= 500 || r.status === 429 ? false : r;
      },
      { timeoutMs: 60_000, intervalMs: 200, message: `POST of record ${n} through ${sender}` },
    );
    if (res === 'stopped') return;
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    progress.accepted.set(sender, progress.accepted.get(sender)! + 1);
    sent.push({ n, messageId: res.body['messageId'] as string, sender, recipient });
  };
  const worker = async (queue: number[]): Promise<void> => {
    for (let n = queue.shift(); n !== undefined; n = queue.shift()) await post(n);
  };
  await Promise.all([...queues.values()].flatMap((queue) => Array.from({ length: IN_FLIGHT }, () => worker(queue))));
  return sent;
}

/** A national system that takes every new item of its agent's inbox (POST /v1/inbox/{id}/ack) until stopped. */
class InboxTaker {
  readonly taken: string[] = [];
  private stopped = false;
  private failure: Error | undefined;
  private readonly done: Promise<void>;

  constructor(private readonly agent: Agent) {
    this.done = this.run().catch((e: unknown) => {
      this.failure = e instanceof Error ? e : new Error(String(e));
    });
  }

  /** Stops after the items in hand; throws what made the taker fail, if anything did. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.done;
    if (this.failure !== undefined) throw this.failure;
  }

  private async run(): Promise<void> {
    const { url } = this.agent.process;
    let after = 0;
    while (!this.stopped) {
      const page = await waitFor(
        async () => {
          if (this.stopped) return [];
          const res = await callAgent(url, 'GET', `/v1/inbox?after=${after}&limit=200`);
          const items = res.status === 200 ? (res.body['items'] as { id: string; seq: number }[]) : [];
          return items.length > 0 ? items : false;
        },
        { timeoutMs: 300_000, intervalMs: 100, message: `new items in the inbox of ${this.agent.member}` },
      );
      await mapLimit(page, TAKE_IN_FLIGHT, async (item) => {
        const res = await callAgent(url, 'POST', `/v1/inbox/${item.id}/ack`);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        this.taken.push(item.id);
      });
      after = page.at(-1)?.seq ?? after;
    }
  }
}

/** Every row of a paged agent listing (`/v1/messages` or `/v1/inbox`), following `next`. */
async function listAll(agent: Agent, path: string, key: 'messages' | 'items'): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  let after: string | number | null = null;
  for (;;) {
    const query = after === null ? '' : `&after=${after}`;
    const res = await callAgent(agent.process.url, 'GET', `${path}?limit=1000${query}`);
    expect(res.status).toBe(200);
    const page = res.body[key] as Record<string, unknown>[];
    if (page.length === 0) return rows;
    rows.push(...page);
    after = res.body['next'] as string | number | null;
  }
}

function tally(values: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

async function readiness(gateway: GatewayProcess): Promise<Readiness | undefined> {
  const res = await fetch(`${gateway.url}/readyz`).catch(() => undefined);
  if (res === undefined) return undefined;
  const body = (await res.json()) as { checks?: Readiness['checks'] };
  return { status: res.status, checks: body.checks ?? [] };
}

/**
 * Stops the database with `mode` once `atArchived` records are archived, checks what both
 * replicas say while it is down, keeps it down until each agent has accepted
 * ACCEPTED_WHILE_DOWN more records, starts it and waits for both replicas to be ready.
 */
async function outage(progress: Progress, t0: number, mode: ClusterStopMode, atArchived: number): Promise<void> {
  await waitFor(() => stopping || progress.archived >= atArchived, {
    timeoutMs: 120_000,
    intervalMs: 50,
    message: `${atArchived} records archived before the ${mode} stop`,
  });
  if (stopping) return;
  const db = database!;
  const before = new Map(progress.accepted);
  progress.down = true;
  await db.stop(mode);
  const downAt = performance.now();
  timeline.push(`${elapsed(t0)}: PostgreSQL stopped (${mode}), ${progress.archived} archived, ${progress.sent} sent`);

  // Both replicas say they cannot write, naming the archive; the API answers 503 with Retry-After.
  let last = '';
  onTestFailed(() => {
    console.log(`last readiness after the ${mode} stop: ${last}`);
  });
  await waitFor(
    async () => {
      const states = await Promise.all(gateways.map(readiness));
      last = JSON.stringify(states);
      return states.every(
        (s) =>
          s?.status === 503 &&
          s.checks.some((c) => c.name === 'archive' && !c.ok && c.reason?.includes(ErrorCode.STORAGE_UNAVAILABLE)),
      );
    },
    { timeoutMs: 20_000, intervalMs: 200, message: `both replicas not ready after the ${mode} stop` },
  );
  for (const gateway of gateways) {
    const res = await fetch(`${gateway.url}/v1/members`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { code?: string; detail?: string };
    expect(res.status, JSON.stringify(body)).toBe(503);
    expect(body.code).toBe(ErrorCode.STORAGE_UNAVAILABLE);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
  }
  // The agents keep taking records meanwhile: they wait in the outboxes and in ATC_SUBMIT.
  await waitFor(
    () => stopping || SENDERS.every((s) => progress.accepted.get(s)! - before.get(s)! >= ACCEPTED_WHILE_DOWN),
    { timeoutMs: 60_000, intervalMs: 100, message: `${ACCEPTED_WHILE_DOWN} records accepted by each agent while down` },
  );
  await db.start();
  progress.down = false;
  timeline.push(`${elapsed(t0)}: PostgreSQL started after ${elapsed(downAt)} down, ${progress.sent} sent`);
  const upAt = performance.now();
  await waitFor(async () => (await Promise.all(gateways.map(readiness))).every((s) => s?.status === 200), {
    timeoutMs: 60_000,
    intervalMs: 200,
    message: `both replicas ready again after the ${mode} stop`,
  });
  timeline.push(`${elapsed(t0)}: both replicas ready ${elapsed(upAt)} after the start`);
}

async function injectFaults(progress: Progress, t0: number): Promise<void> {
  await outage(progress, t0, 'fast', TOTAL / 5);
  await outage(progress, t0, 'immediate', (TOTAL * 3) / 5);
}

/** A service log's warnings and errors (the last 30), else its last lines. */
async function logTail(file: string): Promise<string> {
  const lines = (await readFile(file, 'utf8').catch(() => '')).split('\n').filter((l) => l !== '');
  // Warnings and errors, and whatever is not a log line (a crash's stack on standard error).
  const serious = lines.filter((l) => /"level":[4-6]0/.test(l) || !l.startsWith('{'));
  return (serious.length > 0 ? serious.slice(-30) : lines.slice(-10)).map((l) => l.slice(0, 600)).join('\n');
}

interface Settled {
  records: number;
  acks: number;
  delivered: number;
}

async function settledCounts(): Promise<Settled> {
  return (await archive.get<Settled>(
    `SELECT (SELECT count(*) FROM messages WHERE sender <> 'ATC' AND payload_type <> ?) AS records,
       (SELECT count(*) FROM messages WHERE payload_type = ?) AS acks,
       (SELECT count(*) FROM deliveries WHERE state = 'delivered') AS delivered`,
    [ACK, ACK],
  ))!;
}

/** What a sender's agent says about one of its records: accepted once, delivered once. */
async function senderView(m: Sent): Promise<string | undefined> {
  const res = await callAgent(agentOf(m.sender).process.url, 'GET', `/v1/messages/${m.messageId}`);
  const body = res.body as {
    status: string;
    deliveries: { recipient: string; state: string }[];
    receipts: { status: string; recipient: string | null }[];
    log: { verified: boolean } | null;
  };
  const count = (status: string) => body.receipts.filter((r) => r.status === status).length;
  const ok =
    res.status === 200 &&
    body.status === 'accepted' &&
    count('accepted') === 1 &&
    count('rejected') === 0 &&
    count('delivered') === 1 &&
    body.log?.verified === true &&
    body.deliveries.length === 1 &&
    body.deliveries[0]?.recipient === m.recipient &&
    body.deliveries[0]?.state === 'delivered';
  return ok ? undefined : `${m.sender} ${m.messageId}: ${JSON.stringify(body)}`;
}

function verifyArchive(): Promise<GatewayCliRun> {
  return runGatewayCli({ ATC_DATA_DIR: gatewayDir, ATC_ARCHIVE_URL: database!.url }, ['archive', 'verify']);
}

describe('2 gateway replicas on one PostgreSQL archive and 2 agents', () => {
  it(`lose nothing and duplicate nothing of ${TOTAL} records when PostgreSQL is stopped fast, then crashes`, async (ctx) => {
    if (refused !== undefined) {
      ctx.skip(refused);
      return;
    }
    const t0 = performance.now();
    onTestFailed(async () => {
      stopping = true;
      console.log(`timeline:\n${timeline.join('\n')}`);
      for (const [name, file] of [
        ...gateways.map((g, i) => [`gateway-${i + 1}`, g.logFile] as const),
        ...agents.map((a) => [`agent ${a.member}`, a.process.logFile] as const),
      ]) {
        console.log(`--- ${name} (${file}):\n${await logTail(file)}`);
      }
    });
    const takers = agents.map((a) => new InboxTaker(a));
    const progress = new Progress();
    progress.start();
    let sent: Sent[];
    try {
      [sent] = await Promise.all([sendAll(progress), injectFaults(progress, t0)]);
    } finally {
      progress.stop();
    }
    timeline.push(`${elapsed(t0)}: all ${TOTAL} POSTs answered 202`);
    expect(sent).toHaveLength(TOTAL);
    expect(new Set(sent.map((m) => m.messageId)).size).toBe(TOTAL);

    await waitFor(
      async () => {
        const c = await settledCounts();
        return c.records >= TOTAL && c.acks >= TOTAL && c.delivered >= TOTAL;
      },
      { timeoutMs: 120_000, intervalMs: 500, message: `${TOTAL} records and deliveries settled` },
    );
    timeline.push(`${elapsed(t0)}: archive settled`);
    let unsettled: readonly Sent[] = sent;
    await waitFor(
      async () => {
        const views = await mapLimit(unsettled, 16, senderView);
        unsettled = unsettled.filter((_, i) => views[i] !== undefined);
        return unsettled.length === 0;
      },
      { timeoutMs: 60_000, intervalMs: 500, message: 'every sender shows its records accepted and delivered' },
    );
    // The DeliveryAcks too are settled by an ACCEPTED receipt: no agent has anything left to send.
    await waitFor(
      async () => {
        for (const agent of agents) {
          const open = (await listAll(agent, '/v1/messages', 'messages')).filter((m) => m['status'] !== 'accepted');
          if (open.length > 0) return false;
        }
        return true;
      },
      { timeoutMs: 60_000, intervalMs: 500, message: "every agent's outbox settled" },
    );
    timeline.push(`${elapsed(t0)}: agents settled`);
    for (const taker of takers) await taker.stop();

    // Archived exactly once.
    const rows = await archive.all<{
      message_id: string;
      sender: string;
      payload_type: string;
      sender_sequence: number;
      leaf_index: number;
      in_reply_to: string | null;
    }>('SELECT message_id, sender, payload_type, sender_sequence, leaf_index, in_reply_to FROM messages');
    const records = rows.filter((r) => r.sender !== 'ATC' && r.payload_type !== ACK);
    expect(records).toHaveLength(TOTAL);
    expect(records.map((r) => r.message_id).sort()).toEqual(sent.map((m) => m.messageId).sort());
    const acks = rows.filter((r) => r.payload_type === ACK);
    expect(acks).toHaveLength(TOTAL);
    expect([...tally(acks.map((a) => `${a.in_reply_to ?? ''}>${a.sender}`)).entries()].sort()).toEqual(
      sent.map((m) => [`${m.messageId}>${m.recipient}`, 1]).sort(),
    );
    expect(rows.map((r) => r.leaf_index).sort((a, b) => a - b)).toEqual(rows.map((_, i) => i));
    const logSize = await archive.get<{ value: number }>("SELECT value FROM gateway_state WHERE key = 'log_size'");
    expect(logSize?.value).toBe(rows.length);
    const verified = await verifyArchive();
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toContain(`archive verified: ${rows.length} entries`);
    for (const member of SENDERS) {
      const sequences = rows
        .filter((r) => r.sender === member)
        .map((r) => r.sender_sequence)
        .sort((a, b) => a - b);
      expect(sequences, member).toEqual(sequences.map((_, i) => i + 1));
    }

    // Delivered once, receipted once, nothing refused or set aside.
    const deliveries = await archive.all<{ message_id: string; recipient: string; state: string }>(
      'SELECT message_id, recipient, state FROM deliveries',
    );
    expect(deliveries.map((d) => `${d.message_id}>${d.recipient}:${d.state}`).sort()).toEqual(
      sent.map((m) => `${m.messageId}>${m.recipient}:delivered`).sort(),
    );
    const receipts = await archive.all<{ message_id: string; status: string; recipient: string | null }>(
      'SELECT message_id, status, recipient FROM receipts',
    );
    const accepted = tally(receipts.filter((r) => r.status === 'accepted').map((r) => r.message_id));
    const members = rows.filter((r) => r.sender !== 'ATC');
    expect(accepted.size).toBe(members.length);
    expect(members.filter((r) => accepted.get(r.message_id) !== 1)).toEqual([]);
    expect(receipts.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(
      receipts
        .filter((r) => r.status === 'delivered')
        .map((r) => `${r.message_id}>${r.recipient ?? ''}`)
        .sort(),
    ).toEqual(sent.map((m) => `${m.messageId}>${m.recipient}`).sort());
    expect((await archive.get<{ n: number }>('SELECT count(*) AS n FROM quarantine'))?.n).toBe(0);

    // Each recipient holds each record once, taken once; each outbox holds what it sent and its acks.
    for (const [i, agent] of agents.entries()) {
      const expected = sent
        .filter((m) => m.recipient === agent.member)
        .map((m) => m.messageId)
        .sort();
      const inbox = await listAll(agent, '/v1/inbox', 'items');
      expect(inbox.map((item) => item['id'] as string).sort(), `inbox of ${agent.member}`).toEqual(expected);
      expect(inbox.filter((item) => item['state'] !== 'delivered')).toEqual([]);
      expect([...takers[i]!.taken].sort(), `items taken from ${agent.member}`).toEqual(expected);
      const outbox = await listAll(agent, '/v1/messages', 'messages');
      expect(outbox.filter((m) => m['payloadType'] !== ACK)).toHaveLength(TOTAL / 2);
      expect(outbox.filter((m) => m['payloadType'] === ACK)).toHaveLength(expected.length);
      expect(outbox.filter((m) => m['status'] !== 'accepted')).toEqual([]);
      const alarms = await callAgent(agent.process.url, 'GET', '/v1/alarms');
      expect(alarms.body, `alarms of ${agent.member}`).toEqual({ alarms: [], log: [], clock: null, nats: null });
    }
    // Both replicas ready; neither answered an HTTP or a witness's log request with an internal
    // error (the agents were told ERR_STORAGE_UNAVAILABLE and asked again), nor crashed.
    for (const [i, gateway] of gateways.entries()) {
      expect((await readiness(gateway))?.status, `gateway-${i + 1} ready`).toBe(200);
      const log = await readFile(gateway.logFile, 'utf8');
      expect(log.match(/ERR_INTERNAL|request failed|^Node\.js v/gm) ?? [], `gateway-${i + 1} log`).toEqual([]);
    }
    for (const agent of agents) {
      const log = await readFile(agent.process.logFile, 'utf8');
      expect(log.match(/ERR_INTERNAL/g) ?? [], `agent ${agent.member} log`).toEqual([]);
    }
    timeline.push(`${elapsed(t0)}: checked`);
    console.log(`PostgreSQL restart run:\n${timeline.join('\n')}`);
  }, 300_000);
});

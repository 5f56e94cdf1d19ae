/*
 * The cluster fault run: the production shape of the centre (3 clustered nats-servers with R3
 * streams, 2 gateway replicas on one PostgreSQL archive) and 3 member agents exchanging
 * 5,000 records through their HTTP APIs (sent with POST /v1/messages, taken by the recipients
 * with POST /v1/inbox/{id}/ack), while the node leading ATC_SUBMIT and one gateway replica are
 * SIGKILLed at a third of the run and restarted at two thirds. Everything is a real process;
 * the test then checks the archive directly and each agent through its API: archived once,
 * routed and delivered once per recipient, receipted once, the log verifies, and no sender
 * sequence has a gap.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it, onTestFailed, onTestFinished } from 'vitest';
import { inboxConsumer, PayloadType, Streams } from '@atc/shared';
import { GATEWAY_CONSUMER, openArchiveDb, type SqlDb } from '@atc/gateway';
import {
  callAgent,
  createTestDatabase,
  mapLimit,
  personRequest,
  prepareAgent,
  prepareGatewayDataDir,
  runGatewayCli,
  spawnAgentProcess,
  spawnGatewayProcess,
  startNatsCluster,
  waitFor,
  type GatewayCliRun,
  type GatewayProcess,
  type NatsClusterHandle,
  type ServiceProcess,
  type TestDatabase,
} from '@atc/tests';

/** Records sent in the whole run, as the issue asks. */
const TOTAL = 5_000;
const SENDERS = ['KZ', 'BY', 'RU'] as const;
type Sender = (typeof SENDERS)[number];
/** POSTs in flight per agent. */
const IN_FLIGHT = 20;
/**
 * How far the POSTs may run ahead of the archive: enough to keep the pipeline busy, small
 * enough that the faults strike while records still flow through every layer (agent outbox,
 * ATC_SUBMIT, gateway, inboxes) instead of into an idle backlog.
 */
const LEAD = 600;
/** Items each national system takes from its agent's inbox at once (POST /v1/inbox/{id}/ack). */
const TAKE_IN_FLIGHT = 8;
const ACK = PayloadType.DeliveryAck;

interface Agent {
  readonly member: Sender;
  readonly process: ServiceProcess;
  readonly dataDir: string;
}

/** One record the test sent, as its sender's agent named it. */
interface Sent {
  readonly n: number;
  readonly messageId: string;
  readonly sender: Sender;
  readonly recipients: readonly Sender[];
}

let cluster: NatsClusterHandle;
let nc: NatsConnection;
let jsm: JetStreamManager;
let database: TestDatabase;
let archive: SqlDb;
let work: string;
let gatewayDir: string;
const gateways: GatewayProcess[] = [];
const agents: Agent[] = [];
const takers = new Map<Sender, InboxTaker>();
const timeline: string[] = [];
/** Set once the run failed or is being torn down: the background loops stop acting. */
let stopping = false;

beforeAll(async () => {
  cluster = await startNatsCluster({ nodes: 3 });
  nc = await connect({ servers: [...cluster.urls], maxReconnectAttempts: -1, reconnectTimeWait: 100 });
  jsm = await jetstreamManager(nc);
  database = await createTestDatabase();
  work = await mkdtemp(join(tmpdir(), 'atc-cluster-fault-'));
  gatewayDir = join(work, 'gateway');
  await mkdir(gatewayDir);
  // One key and one archive for both replicas: the members, their keys and gateway.jwk.
  await prepareGatewayDataDir(gatewayDir, { url: database.url });
  const gatewayEnv = {
    ATC_DATA_DIR: gatewayDir,
    ATC_ARCHIVE_URL: database.url,
    ATC_NATS_URL: cluster.urls.join(','),
    ATC_STREAM_REPLICAS: '3',
    ATC_LOG_LEVEL: 'info',
  };
  const startGateway = async (replica: string): Promise<void> => {
    const logDir = join(work, replica);
    await mkdir(logDir);
    gateways.push(await spawnGatewayProcess(gatewayEnv, logDir));
  };
  const startAgent = async (member: Sender): Promise<void> => {
    const prepared = await prepareAgent({
      nats: cluster.nodes[0]!,
      member,
      env: { ATC_NATS_URL: cluster.urls.join(','), ATC_LOG_LEVEL: 'info' },
    });
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
  // The first replica provisions the R3 streams; the second and the agents find them.
  await startGateway('gateway-1');
  archive = await openArchiveDb({ url: database.url });
  await Promise.all([startGateway('gateway-2'), ...SENDERS.map(startAgent)]);
}, 120_000);

afterAll(async () => {
  stopping = true;
  await Promise.allSettled([...takers.values()].map((t) => t.stop()));
  await Promise.all([...agents.map((a) => a.process), ...gateways].map((p) => p.kill('SIGKILL')));
  await archive?.close();
  await nc?.close();
  await cluster?.stop();
  await database?.drop();
  await Promise.all(agents.map((a) => rm(a.dataDir, { recursive: true, force: true })));
  if (work !== undefined) await rm(work, { recursive: true, force: true });
}, 60_000);

const agentOf = (member: Sender): Agent => agents.find((a) => a.member === member)!;
const elapsed = (since: number): string => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** Record n goes from SENDERS[n % 3] to one of the two others, or to both for every fourth. */
function route(n: number): { sender: Sender; recipients: Sender[] } {
  const sender = SENDERS[n % SENDERS.length]!;
  const others = SENDERS.filter((m) => m !== sender);
  return { sender, recipients: n % 4 === 0 ? others : [others[Math.floor(n / 3) % 2]!] };
}

/** Records (not DeliveryAcks) in the archive, polled in the background while the run lasts. */
class ArchiveProgress {
  records = 0;
  private timer: NodeJS.Timeout | undefined;
  private querying = false;

  start(): void {
    this.timer = setInterval(() => {
      if (this.querying) return;
      this.querying = true;
      archive
        .get<{ n: number }>('SELECT count(*) AS n FROM messages WHERE sender <> ? AND payload_type <> ?', ['ATC', ACK])
        .then((row) => {
          this.records = row?.n ?? 0;
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
}

/**
 * Every few seconds, one line of where the traffic is: archive counts, the ATC_SUBMIT
 * backlog and the gateway consumer, each member's inbox consumer. Printed with the
 * timeline, it shows where a slow or stuck run waits.
 */
class FlowSampler {
  readonly lines: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private sampling = false;

  constructor(private readonly t0: number) {}

  start(intervalMs = 5_000): void {
    this.timer = setInterval(() => {
      if (this.sampling) return;
      this.sampling = true;
      this.sample()
        .then((line) => this.lines.push(line))
        .catch((e: unknown) => this.lines.push(`${elapsed(this.t0)}: sample failed: ${(e as Error).message}`))
        .finally(() => {
          this.sampling = false;
        });
    }, intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async sample(): Promise<string> {
    const c = await settledCounts();
    const consumer = async (stream: string, name: string): Promise<string> => {
      const info = await jsm.consumers.info(stream, name).catch(() => undefined);
      return info === undefined
        ? '?'
        : `${info.num_pending}/${info.num_ack_pending}/${info.num_waiting}/${info.num_redelivered}`;
    };
    const submit = await jsm.streams.info(Streams.submit).catch(() => undefined);
    const inboxes = await Promise.all(SENDERS.map((m) => consumer(Streams.inbox, inboxConsumer(m))));
    const batches = await Promise.all(gateways.map((g) => gatewayBatches(g)));
    return (
      `${elapsed(this.t0)}: records ${c.records} acks ${c.acks} delivered ${c.delivered}; ` +
      `ATC_SUBMIT ${submit?.state.messages ?? '?'} (leader ${submit?.cluster?.leader?.slice(-2) ?? '-'}), ` +
      `gateway consumer ${await consumer(Streams.submit, GATEWAY_CONSUMER)}, batches ${batches.join('+')}; ` +
      `inbox ${SENDERS.map((m, i) => `${m} ${inboxes[i]!}`).join(' ')}`
    );
  }
}

/** Batches a gateway replica has completed since its start, from its /metrics; '-' while it is down. */
async function gatewayBatches(gateway: GatewayProcess): Promise<string> {
  const res = await fetch(`${gateway.url}/metrics`).catch(() => undefined);
  if (res?.status !== 200) return '-';
  const text = await res.text();
  return /^atc_gateway_batch_size_count(?:\{[^}]*\})? (\d+)/m.exec(text)?.[1] ?? '?';
}

/**
 * POSTs every record through its sender's agent, IN_FLIGHT at a time per agent and at most
 * LEAD ahead of the archive. A POST the agent could not answer is retried with the same
 * Idempotency-Key, so a retry never creates a second message.
 */
async function sendAll(progress: ArchiveProgress, stats: { retries: number }): Promise<Sent[]> {
  const sent: Sent[] = [];
  const queues = new Map<Sender, number[]>(SENDERS.map((s) => [s, []]));
  for (let n = 0; n < TOTAL; n++) queues.get(route(n).sender)!.push(n);
  const post = async (n: number): Promise<void> => {
    await waitFor(() => stopping || sent.length - progress.records < LEAD, {
      timeoutMs: 180_000,
      intervalMs: 50,
      message: `archive within ${LEAD} records of the POSTs (${sent.length} sent, ${progress.records} archived)`,
    });
    if (stopping) return;
    const { sender, recipients } = route(n);
    let attempts = 0;
    const res = await waitFor(
      async () => {
        if (stopping) return 'stopped' as const;
        attempts++;
        const r = await callAgent(agentOf(sender).process.url, 'POST', '/v1/messages', personRequest(recipients, n), {
          'idempotency-key': `cluster-fault-${n}`,
        });
        // Only an answer that says "try again" is retried; any other refusal fails the test.
        return r.status >= 500 || r.status === 429 ? false : r;
      },
      { timeoutMs: 60_000, intervalMs: 200, message: `POST of record ${n} through ${sender}` },
    );
    if (res === 'stopped') return;
    stats.retries += attempts - 1;
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    sent.push({ n, messageId: res.body['messageId'] as string, sender, recipients });
  };
  const worker = async (queue: number[]): Promise<void> => {
    for (let n = queue.shift(); n !== undefined; n = queue.shift()) await post(n);
  };
  await Promise.all([...queues.values()].flatMap((queue) => Array.from({ length: IN_FLIGHT }, () => worker(queue))));
  return sent;
}

/**
 * A national system that pulls: reads its agent's inbox in arrival order (GET /v1/inbox after
 * its cursor) and takes each new item (POST /v1/inbox/{id}/ack, which makes the agent send the
 * DeliveryAck), TAKE_IN_FLIGHT at a time, until stopped.
 */
class InboxTaker {
  readonly taken: string[] = [];
  private stopped = false;
  private failure: Error | undefined;
  private readonly done: Promise<void>;

  constructor(private readonly agent: Agent) {
    // Kept settled, so that a failure surfaces in stop() rather than as an unhandled rejection.
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
        { timeoutMs: 600_000, intervalMs: 100, message: `new items in the inbox of ${this.agent.member}` },
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

/** How often each value occurs. */
function tally(values: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

/** `atc-gateway archive verify` on the shared archive, as an operator would run it. */
function verifyArchive(): Promise<GatewayCliRun> {
  return runGatewayCli({ ATC_DATA_DIR: gatewayDir, ATC_ARCHIVE_URL: database.url }, ['archive', 'verify']);
}

/**
 * At a third of the records archived, SIGKILLs the node leading ATC_SUBMIT and one gateway
 * replica; at two thirds, restarts both and waits until the node is a current peer again.
 */
async function injectFaults(progress: ArchiveProgress, t0: number): Promise<void> {
  await waitFor(() => stopping || progress.records >= TOTAL / 3, {
    timeoutMs: 180_000,
    intervalMs: 50,
    message: `a third of ${TOTAL} records archived`,
  });
  if (stopping) return;
  const leader = (await jsm.streams.info(Streams.submit)).cluster?.leader;
  expect(leader).toBeDefined();
  const node = cluster.node(leader!);
  const gateway = gateways[1]!;
  await Promise.all([node.kill('SIGKILL'), gateway.kill('SIGKILL')]);
  timeline.push(`${elapsed(t0)}: SIGKILL ${leader!} (ATC_SUBMIT leader) and gateway-2, ${progress.records} archived`);

  await waitFor(() => stopping || progress.records >= (2 * TOTAL) / 3, {
    timeoutMs: 180_000,
    intervalMs: 50,
    message: `two thirds of ${TOTAL} records archived with a node and a gateway down`,
  });
  if (stopping) return;
  const newLeader = (await jsm.streams.info(Streams.submit)).cluster?.leader;
  expect(newLeader).not.toBe(leader);
  timeline.push(`${elapsed(t0)}: restart, ${progress.records} archived; ATC_SUBMIT led by ${newLeader ?? '?'}`);
  await node.restart();
  await cluster.waitForHealthy(30_000);
  await gateway.restart();
  // The restarted node is a current replica of both streams again.
  await waitFor(
    async () => {
      for (const stream of [Streams.submit, Streams.inbox]) {
        const peers = (await jsm.streams.info(stream)).cluster?.replicas ?? [];
        if (peers.length !== 2 || !peers.every((p) => p.current)) return false;
      }
      return true;
    },
    {
      timeoutMs: 60_000,
      intervalMs: 200,
      message: `${leader!} current again in ${Streams.submit} and ${Streams.inbox}`,
    },
  );
  timeline.push(`${elapsed(t0)}: ${leader!} and gateway-2 back, ${progress.records} archived`);
}

/** A service log's warnings and errors (the last 30), else its last lines: what to read when the run fails. */
async function logTail(file: string): Promise<string> {
  const lines = (await readFile(file, 'utf8').catch(() => '')).split('\n').filter((l) => l !== '');
  const serious = lines.filter((l) => /"level":[4-6]0/.test(l));
  return (serious.length > 0 ? serious.slice(-30) : lines.slice(-10)).map((l) => l.slice(0, 600)).join('\n');
}

/** Counts in the archive that say the run has settled. */
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

/** What a sender's agent says about one of its records: accepted once, delivered to each recipient. */
async function senderView(m: Sent): Promise<string | undefined> {
  const res = await callAgent(agentOf(m.sender).process.url, 'GET', `/v1/messages/${m.messageId}`);
  const body = res.body as {
    status: string;
    deliveries: { recipient: string; state: string }[];
    receipts: { status: string; recipient: string | null }[];
    log: { verified: boolean } | null;
  };
  const accepted = body.receipts.filter((r) => r.status === 'accepted').length;
  const deliveredReceipts = tally(body.receipts.filter((r) => r.status === 'delivered').map((r) => r.recipient ?? ''));
  const delivered = body.deliveries.filter((d) => d.state === 'delivered').map((d) => d.recipient);
  const ok =
    res.status === 200 &&
    body.status === 'accepted' &&
    accepted === 1 &&
    !body.receipts.some((r) => r.status === 'rejected') &&
    body.log?.verified === true &&
    [...delivered].sort().join() === [...m.recipients].sort().join() &&
    body.deliveries.length === m.recipients.length &&
    m.recipients.every((r) => deliveredReceipts.get(r) === 1) &&
    deliveredReceipts.size === m.recipients.length;
  return ok ? undefined : `${m.sender} ${m.messageId}: ${JSON.stringify(body)}`;
}

describe('a 3-node NATS cluster, 2 gateway replicas on one PostgreSQL archive and 3 agents', () => {
  it(`loses nothing and duplicates nothing of ${TOTAL} records when the ATC_SUBMIT leader and a gateway are SIGKILLed`, async () => {
    const t0 = performance.now();
    const sampler = new FlowSampler(t0);
    sampler.start();
    onTestFinished(() => {
      sampler.stop();
    });
    onTestFailed(async () => {
      stopping = true;
      console.log(`timeline:\n${timeline.join('\n')}\nflow:\n${sampler.lines.join('\n')}`);
      for (const [name, file] of [
        ...gateways.map((g, i) => [`gateway-${i + 1}`, g.logFile] as const),
        ...agents.map((a) => [`agent ${a.member}`, a.process.logFile] as const),
      ]) {
        console.log(`--- ${name} (${file}):\n${await logTail(file)}`);
      }
    });
    for (const agent of agents) takers.set(agent.member, new InboxTaker(agent));
    const progress = new ArchiveProgress();
    progress.start();
    const stats = { retries: 0 };
    let sent: Sent[];
    try {
      [sent] = await Promise.all([sendAll(progress, stats), injectFaults(progress, t0)]);
    } finally {
      progress.stop();
    }
    timeline.push(`${elapsed(t0)}: all ${TOTAL} POSTs answered 202 (${stats.retries} retried)`);
    expect(sent).toHaveLength(TOTAL);
    expect(new Set(sent.map((m) => m.messageId)).size).toBe(TOTAL);
    const pairs = sent.flatMap((m) => m.recipients.map((r) => ({ ...m, recipient: r })));

    // The archive settles: every record, every DeliveryAck, every delivery.
    await waitFor(
      async () => {
        const c = await settledCounts();
        return c.records >= TOTAL && c.acks >= pairs.length && c.delivered >= pairs.length;
      },
      { timeoutMs: 180_000, intervalMs: 500, message: `${TOTAL} records and ${pairs.length} deliveries settled` },
    );
    timeline.push(`${elapsed(t0)}: archive settled`);
    // Each sender hears of it: accepted once, delivered once to each recipient, log proof holding.
    let unsettled: readonly Sent[] = sent;
    await waitFor(
      async () => {
        const views = await mapLimit(unsettled, 16, senderView);
        unsettled = unsettled.filter((_, i) => views[i] !== undefined);
        return unsettled.length === 0;
      },
      { timeoutMs: 120_000, intervalMs: 500, message: 'every sender shows its records accepted and delivered' },
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
    for (const taker of takers.values()) await taker.stop();

    // Archived exactly once: the records are exactly the ones sent.
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
    const bySentId = new Map(sent.map((m) => [m.messageId, m]));
    expect(records.filter((r) => bySentId.get(r.message_id)?.sender !== r.sender)).toEqual([]);
    // One DeliveryAck per (record, recipient), from that recipient.
    const acks = rows.filter((r) => r.payload_type === ACK);
    expect(acks).toHaveLength(pairs.length);
    expect([...tally(acks.map((a) => `${a.in_reply_to ?? ''}>${a.sender}`)).entries()].sort()).toEqual(
      pairs.map((p) => [`${p.messageId}>${p.recipient}`, 1]).sort(),
    );

    // The log: leaves 0..N-1, each once, and the stored tree size agrees.
    expect(rows.map((r) => r.leaf_index).sort((a, b) => a - b)).toEqual(rows.map((_, i) => i));
    const logSize = await archive.get<{ value: number }>("SELECT value FROM gateway_state WHERE key = 'log_size'");
    expect(logSize?.value).toBe(rows.length);
    const verified = await verifyArchive();
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toContain(`archive verified: ${rows.length} entries`);

    // No sender sequence has a gap or a duplicate: records and DeliveryAcks share the agent's counter.
    for (const member of SENDERS) {
      const sequences = rows
        .filter((r) => r.sender === member)
        .map((r) => r.sender_sequence)
        .sort((a, b) => a - b);
      expect(sequences, member).toEqual(sequences.map((_, i) => i + 1));
    }

    // Routed once and delivered once to each recipient, as the gateway recorded it.
    const deliveries = await archive.all<{ message_id: string; recipient: string; state: string }>(
      'SELECT message_id, recipient, state FROM deliveries',
    );
    expect(deliveries.map((d) => `${d.message_id}>${d.recipient}:${d.state}`).sort()).toEqual(
      pairs.map((p) => `${p.messageId}>${p.recipient}:delivered`).sort(),
    );
    // Receipted once: one ACCEPTED receipt per archived member envelope, one DELIVERED per delivery, no refusal.
    const receipts = await archive.all<{ message_id: string; status: string; recipient: string | null }>(
      'SELECT message_id, status, recipient FROM receipts',
    );
    const accepted = tally(receipts.filter((r) => r.status === 'accepted').map((r) => r.message_id));
    const members = rows.filter((r) => r.sender !== 'ATC');
    expect(accepted.size).toBe(members.length);
    expect(members.filter((r) => accepted.get(r.message_id) !== 1)).toEqual([]);
    expect(receipts.filter((r) => r.status === 'rejected')).toEqual([]);
    const deliveredReceipts = receipts.filter((r) => r.status === 'delivered');
    expect(deliveredReceipts.map((r) => `${r.message_id}>${r.recipient ?? ''}`).sort()).toEqual(
      pairs.map((p) => `${p.messageId}>${p.recipient}`).sort(),
    );
    const quarantined = await archive.get<{ n: number }>('SELECT count(*) AS n FROM quarantine');
    expect(quarantined?.n).toBe(0);
    // Envelopes arrive out of sequence order (relay publishes in parallel, replicas commit
    // concurrently); the sequence audit judges the log, so no number was missing nor reused.
    const anomalies = await archive.get<{ n: number }>('SELECT count(*) AS n FROM sequence_anomalies');
    timeline.push(`sequence anomalies recorded: ${anomalies?.n ?? '?'}`);
    expect(anomalies?.n).toBe(0);

    // Each recipient agent holds each record addressed to it once, taken once through the API.
    for (const agent of agents) {
      const expected = pairs
        .filter((p) => p.recipient === agent.member)
        .map((p) => p.messageId)
        .sort();
      const inbox = await listAll(agent, '/v1/inbox', 'items');
      expect(inbox.map((i) => i['id'] as string).sort(), `inbox of ${agent.member}`).toEqual(expected);
      expect(inbox.filter((i) => i['state'] !== 'delivered')).toEqual([]);
      // The national system took each item once, and the agent recorded the hand-over.
      expect([...takers.get(agent.member)!.taken].sort(), `items taken from ${agent.member}`).toEqual(expected);
      expect(inbox.filter((i) => i['channel'] !== 'api')).toEqual([]);
      // The agent's own outbox: the records it was asked to send and a DeliveryAck per item, nothing else.
      const outbox = await listAll(agent, '/v1/messages', 'messages');
      expect(outbox.filter((m) => m['payloadType'] !== ACK).map((m) => m['messageId'] as string)).toEqual(
        sent
          .filter((m) => m.sender === agent.member)
          .map((m) => m.messageId)
          .sort(),
      );
      expect(outbox.filter((m) => m['payloadType'] === ACK)).toHaveLength(expected.length);
      expect(Math.max(...outbox.map((m) => m['sequence'] as number))).toBe(outbox.length);
      // As a witness, the agent saw one consistent log across both replicas.
      const alarms = await callAgent(agent.process.url, 'GET', '/v1/alarms');
      expect(alarms.body, `alarms of ${agent.member}`).toEqual({ alarms: [], log: [], clock: null, nats: null });
    }
    timeline.push(`${elapsed(t0)}: checked`);
    console.log(`cluster fault run:\n${timeline.join('\n')}`);
  }, 600_000);
});

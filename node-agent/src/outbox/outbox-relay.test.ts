import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager, StorageType, type JetStreamManager } from '@nats-io/jetstream';
import { connect, nanos, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, submitSubject, uuidv7 } from '@atc/shared';
import { makeMessage, startNatsServer, waitFor, type NatsServerHandle } from '@atc/harness';
import { openAgentDatabase, type AgentDb } from '../store/open-agent-database.js';
import { OutboxStore } from '../store/outbox-store.js';
import { OutboxRelay, type OutboxRelayOptions } from './outbox-relay.js';

const STREAM = 'OUTBOX_RELAY_TEST';
/** The stream refuses bigger messages: a way to make JetStream turn down one message. */
const MAX_MSG_SIZE = 64 * 1024;
const logger = createLogger({ name: 'outbox-relay-test', level: 'silent' });

/** One publish as the server saw it on the wire (duplicates included). */
interface WirePublish {
  readonly subject: string;
  readonly msgId: string | undefined;
  readonly data: Uint8Array;
}

let nats: NatsServerHandle;
let nc: NatsConnection;
let observer: NatsConnection;
let jsm: JetStreamManager;
let wireTap: Subscription;
const wire: WirePublish[] = [];
/** Every envelope any test queued, by message id. */
const queued = new Map<string, Uint8Array>();

let dir: string;
let db: AgentDb;
let store: OutboxStore;
let relay: OutboxRelay | undefined;

beforeAll(async () => {
  nats = await startNatsServer();
  // As the agent connects: reconnect forever (quickly here, to keep the test short).
  const options = { servers: nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 50, reconnectJitter: 20 };
  nc = await connect({ ...options, name: 'outbox-relay' });
  observer = await connect({ ...options, name: 'outbox-relay-test-observer' });
  // A short API timeout: a request lost while the observer reconnects is retried soon by waitFor.
  jsm = await jetstreamManager(observer, { timeout: 1_000 });
  await jsm.streams.add({
    name: STREAM,
    subjects: ['atc.v1.submit.>'],
    storage: StorageType.File,
    duplicate_window: nanos(120_000),
    max_msg_size: MAX_MSG_SIZE,
  });
  wireTap = observer.subscribe('atc.v1.submit.>', {
    callback: (_err, m) => {
      wire.push({ subject: m.subject, msgId: m.headers?.get('Nats-Msg-Id'), data: m.data });
    },
  });
  await observer.flush();
});

afterAll(async () => {
  wireTap.unsubscribe();
  await observer.close();
  await nc.close();
  await nats.stop();
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atc-agent-relay-'));
  db = openAgentDatabase(join(dir, 'agent.db'));
  store = new OutboxStore(db);
});

afterEach(async () => {
  await relay?.stop();
  relay = undefined;
  db.close();
  await rm(dir, { recursive: true, force: true });
});

function startRelay(memberId: string, options: Partial<OutboxRelayOptions> = {}): OutboxRelay {
  relay = new OutboxRelay({ store, js: jetstream(nc), memberId, logger, pollMs: 50, ...options });
  relay.start();
  return relay;
}

/** Signs and queues `count` real envelopes from `from`, as the API would. */
function enqueue(from: string, count: number): string[] {
  return Array.from({ length: count }, () => {
    const sequence = store.nextSequence();
    const m = makeMessage({ from, to: [from === 'BY' ? 'KZ' : 'BY'], sequence });
    store.enqueue(
      {
        messageId: m.messageId,
        sequence,
        payloadType: m.header.payloadType,
        recipients: m.header.recipients,
        broadcast: false,
        envelope: m.bytes,
      },
      Date.now(),
    );
    queued.set(m.messageId, m.bytes);
    return m.messageId;
  });
}

function acceptedReceipt(messageId: string): Parameters<OutboxStore['applyReceipt']>[0] {
  return {
    receiptId: uuidv7(),
    messageId,
    status: 'accepted',
    recipients: ['BY'],
    envelope: randomBytes(64),
    receivedAt: Date.now(),
  };
}

/** Messages the stream holds on `subject`. */
async function storedCount(subject: string): Promise<number> {
  const info = await jsm.streams.info(STREAM, { subjects_filter: subject });
  return info.state.subjects?.[subject] ?? 0;
}

/** The Nats-Msg-Id of every message the stream holds on `subject`, checking each body is the queued envelope. */
async function storedIds(subject: string): Promise<string[]> {
  const { state } = await jsm.streams.info(STREAM);
  const ids: string[] = [];
  for (let seq = state.first_seq; seq <= state.last_seq; seq++) {
    const m = await jsm.streams.getMessage(STREAM, { seq });
    if (m === null || m.subject !== subject) continue;
    const id = m.header.get('Nats-Msg-Id');
    expect(Buffer.from(m.data).equals(Buffer.from(queued.get(id) ?? []))).toBe(true);
    ids.push(id);
  }
  return ids;
}

/** Every publish seen on `subject` carried a queued message's id and exactly its bytes. */
function expectOnlyQueuedIdsOnWire(subject: string): void {
  const seen = wire.filter((p) => p.subject === subject);
  expect(seen.length).toBeGreaterThan(0);
  for (const p of seen) {
    expect(p.msgId).toBeDefined();
    expect(Buffer.from(p.data).equals(Buffer.from(queued.get(p.msgId!) ?? []))).toBe(true);
  }
}

const publishesOf = (messageId: string): number => wire.filter((p) => p.msgId === messageId).length;

describe('OutboxRelay against a real nats-server', () => {
  it('publishes 100 queued messages, each reaching the stream once under its message id', async () => {
    const subject = submitSubject('KZ');
    const ids = enqueue('KZ', 100);
    startRelay('KZ').wake();

    await waitFor(
      async () => (await storedCount(subject)) === 100 && store.list({ status: 'queued', limit: 1 }).length === 0,
      { timeoutMs: 10_000, message: '100 messages stored and marked published' },
    );
    expect(store.list({ status: 'published', limit: 200 }).map((r) => r.messageId)).toEqual(ids);
    const stored = await storedIds(subject);
    expect(stored).toHaveLength(100);
    expect(new Set(stored)).toEqual(new Set(ids));
    expectOnlyQueuedIdsOnWire(subject);
  });

  it('loses nothing and duplicates nothing across a NATS outage and an agent restart', async () => {
    const subject = submitSubject('BY');
    const tuning = { publishTimeoutMs: 500, retryBaseMs: 100, retryMaxMs: 800, resendAfterMs: 1_000 };
    startRelay('BY', tuning);
    const before = enqueue('BY', 100);
    relay!.wake();
    await nats.kill('SIGKILL');
    const during = enqueue('BY', 100);
    relay!.wake();
    // Attempts fail while the server is down; the relay probes again and again, same ids.
    await waitFor(() => store.list({ status: 'queued', limit: 200 }).some((r) => r.attempts >= 2 && r.lastError), {
      timeoutMs: 10_000,
      message: 'repeated failed attempts recorded during the outage',
    });

    // The agent restarts during the outage: everything it owed is still in its database.
    await relay!.stop();
    db.close();
    db = openAgentDatabase(join(dir, 'agent.db'));
    store = new OutboxStore(db);
    startRelay('BY', tuning);

    await nats.restart();
    await waitFor(
      async () => (await storedCount(subject)) >= 200 && store.list({ status: 'queued', limit: 1 }).length === 0,
      {
        timeoutMs: 20_000,
        intervalMs: 100,
        message: 'all 200 messages stored after the outage',
      },
    );
    const stored = await storedIds(subject);
    expect(stored).toHaveLength(200);
    expect(new Set(stored)).toEqual(new Set([...before, ...during]));
    expectOnlyQueuedIdsOnWire(subject);
  });

  it('never sends an accepted or rejected message again', async () => {
    const subject = submitSubject('RU');
    // Long enough that the first message cannot be re-sent before the test settles it, even on a busy machine.
    startRelay('RU', { resendAfterMs: 1_000 });
    const [acceptedLater, unconfirmed] = enqueue('RU', 2) as [string, string];
    relay!.wake();
    await waitFor(() => store.list({ status: 'queued', limit: 1 }).length === 0, { message: 'both published' });
    store.applyReceipt(acceptedReceipt(acceptedLater));
    // Settled before the relay ever saw them (no await in between, so no poll ran).
    const [acceptedEarly, rejectedEarly] = enqueue('RU', 2) as [string, string];
    store.applyReceipt(acceptedReceipt(acceptedEarly));
    store.applyReceipt({
      receiptId: uuidv7(),
      messageId: rejectedEarly,
      status: 'rejected',
      reasonCode: 'ERR_POLICY_DENIED',
      envelope: randomBytes(64),
      receivedAt: Date.now(),
    });
    relay!.wake();

    // The unconfirmed message is re-sent twice meanwhile: time enough for a wrong resend.
    await waitFor(() => publishesOf(unconfirmed) >= 3, {
      timeoutMs: 10_000,
      message: 'resends of the unconfirmed one',
    });
    expect(store.get(acceptedLater)).toMatchObject({ status: 'accepted', attempts: 1 });
    expect(publishesOf(acceptedLater)).toBe(1);
    for (const id of [acceptedEarly, rejectedEarly]) {
      expect(store.get(id)!.attempts).toBe(0);
      expect(publishesOf(id)).toBe(0);
    }
    expect(await storedIds(subject)).toEqual([acceptedLater, unconfirmed]);
  });

  it('retries a message JetStream refuses on its own, without holding up the others', async () => {
    const subject = submitSubject('AM');
    const [first] = enqueue('AM', 1) as [string];
    const tooBig = { messageId: uuidv7(), sequence: store.nextSequence(), envelope: randomBytes(MAX_MSG_SIZE + 1) };
    store.enqueue({ ...tooBig, payloadType: 'atc.v1.Notice', recipients: ['BY'], broadcast: false }, Date.now());
    queued.set(tooBig.messageId, tooBig.envelope);
    const [last] = enqueue('AM', 1) as [string];
    startRelay('AM', { retryBaseMs: 100, retryMaxMs: 400 }).wake();

    await waitFor(() => (store.get(tooBig.messageId)?.attempts ?? 0) >= 3, {
      timeoutMs: 10_000,
      message: 'the refused message retried',
    });
    const refused = store.get(tooBig.messageId)!;
    expect(refused.status).toBe('queued');
    expect(refused.lastError).toMatch(/JetStreamApiError: message size exceeds maximum/);
    expect(store.get(first)!.status).toBe('published');
    expect(store.get(last)!.status).toBe('published');
    expect(await storedIds(subject)).toEqual([first, last]);
    // Every attempt went out under the one message id.
    await waitFor(() => publishesOf(tooBig.messageId) >= 3, { message: 'attempts seen on the wire' });
    expectOnlyQueuedIdsOnWire(subject);
  });

  it('re-publishes a message without a receipt under the same id, and the stream keeps one copy', async () => {
    const subject = submitSubject('UZ');
    startRelay('UZ', { resendAfterMs: 100 });
    const [id] = enqueue('UZ', 1) as [string];
    relay!.wake();

    await waitFor(() => (store.get(id)?.attempts ?? 0) >= 3, { timeoutMs: 10_000, message: 'two resends' });
    const row = store.get(id)!;
    expect(row.status).toBe('published');
    expect(row.nextAttemptAt).toBeGreaterThan(row.publishedAt!);
    await waitFor(() => publishesOf(id) >= 3, { message: 'resends seen on the wire' });
    expect(await storedIds(subject)).toEqual([id]);
    expectOnlyQueuedIdsOnWire(subject);

    // The gateway's receipt ends it: no more resends.
    store.applyReceipt(acceptedReceipt(id));
    const attempts = store.get(id)!.attempts;
    await relay!.stop();
    expect(store.get(id)!.attempts).toBe(attempts);
    expect(store.due(Date.now() + 3_600_000, 10)).toEqual([]);
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLogger,
  generateKeyPair,
  inboxSubject,
  PayloadType,
  sha256,
  StaticKeyResolver,
  StorageHealth,
  StreamPublisher,
  Streams,
  submitSubject,
  uuidv7,
  verifyEnvelope,
  type atc,
  type Logger,
} from '@atc/shared';
import { capturingLogger, makeMessage, startNatsServer, waitFor, type NatsServerHandle } from '@atc/harness';
import { fixtureKey } from '@atc/shared/testing';
import { openArchive, type Archive } from '../assembly/open-archive.js';
import { batchWrite } from '../domain/batch-write.js';
import { GatewayMetrics } from '../metrics/gateway-metrics.js';
import { GATEWAY_CONSUMER, provisionStreams, SUBMIT_PULL_EXPIRES_MS } from '../nats/provision.js';
import { registryKeyResolver } from '../registry/registry-key-resolver.js';
import { FlowFeed } from '../flow/flow-feed.js';
import { InboxPublisher } from './publisher.js';
import { SubmissionProcessor } from './submission-processor.js';
import { SubmitLoop } from './submit-loop.js';

const logger = createLogger({ name: 'submit-loop-test', level: 'silent' });

let server: NatsServerHandle;
let nc: NatsConnection;
let jsm: JetStreamManager;
let dir: string;
let archive: Archive;
let streams: StreamPublisher;
const gatewayKey = generateKeyPair();

beforeAll(async () => {
  server = await startNatsServer();
  nc = await connect({ servers: server.url, reconnect: false });
  jsm = await jetstreamManager(nc);
  await provisionStreams(jsm, {
    replicas: 1,
    duplicateWindowMs: 60_000,
    maxEnvelopeBytes: 64 * 1024,
    acceptWindowMs: 86_400_000,
  });
  dir = await mkdtemp(join(tmpdir(), 'atc-submit-loop-'));
  archive = await openArchive({
    location: { path: join(dir, 'archive.db') },
    gatewayId: 'ATC',
    logOrigin: 'atc-exchange/test',
    key: gatewayKey,
    clock: () => Date.now(),
  });
  for (const [id, name] of [
    ['KZ', 'Kazakhstan'],
    ['BY', 'Belarus'],
  ] as const) {
    await archive.registry.addMember({ id, name, kind: 'national' }, { who: 'test', why: 'loop' });
    await archive.registry.addKey(id, fixtureKey(id).publicJwk, { validFrom: 0 }, { who: 'test', why: 'loop' });
  }
  streams = new StreamPublisher(nc);
});

afterAll(async () => {
  streams?.close();
  await archive?.close();
  await nc?.close();
  await server?.stop();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

async function pending(): Promise<number> {
  const info = await jsm.consumers.info(Streams.submit, GATEWAY_CONSUMER);
  return info.num_pending + info.num_ack_pending;
}

/** The pipeline's evaluation of batches, on the test's archive. */
function submissionProcessor(): SubmissionProcessor {
  return new SubmissionProcessor({
    store: archive.store,
    members: archive.registry,
    resolver: registryKeyResolver(archive.registry),
    policy: { gatewayId: 'ATC', maxEnvelopeBytes: 64 * 1024, clockSkewMs: 60_000, acceptWindowMs: 86_400_000 },
    clock: () => Date.now(),
  });
}

/**
 * Submits `m` on KZ's subject and runs `loop` until JetStream holds nothing unacknowledged (its
 * receipt and copy published); resolves to the stream message's sequence.
 */
async function submitThrough(
  loop: SubmitLoop,
  m: { readonly bytes: Uint8Array; readonly messageId: string },
): Promise<number> {
  const { seq } = await jetstream(nc).publish(submitSubject('KZ'), m.bytes, { msgID: m.messageId });
  loop.start();
  try {
    await waitFor(async () => (await pending()) === 0, { timeoutMs: 15_000 });
  } finally {
    await loop.stop();
  }
  return seq;
}

/** A submit loop on the test's archive and nats-server, committing through `committer` (the archive's by default). */
async function submitLoop(
  options: {
    readonly committer?: Pick<Archive['committer'], 'commit'>;
    readonly onSubscribe?: () => void;
    readonly backlog?: Int32Array;
    readonly logger?: Logger;
  } = {},
): Promise<SubmitLoop> {
  const { store } = archive;
  const consumer = await jetstream(nc).consumers.get(Streams.submit, GATEWAY_CONSUMER);
  return new SubmitLoop({
    events: new FlowFeed(nc, logger),
    consume: () => {
      options.onSubscribe?.();
      return consumer.consume({ max_messages: 8, expires: SUBMIT_PULL_EXPIRES_MS });
    },
    processor: submissionProcessor(),
    committer: options.committer ?? archive.committer,
    store,
    publisher: new InboxPublisher(streams, store, logger),
    metrics: new GatewayMetrics(),
    logger: options.logger ?? logger,
    batchSize: 4,
    storage: new StorageHealth({ name: 'the archive', reserveBytes: 0 }),
    ...(options.backlog === undefined ? {} : { backlog: options.backlog }),
  });
}

/** The receipts in `member`'s inbox about the message `messageId` (each verified with the gateway's key). */
async function receiptsAbout(member: string, messageId: string): Promise<number> {
  const resolver = new StaticKeyResolver([{ kid: gatewayKey.kid, owner: 'ATC', publicKey: gatewayKey.publicKey }]);
  const { state } = await jsm.streams.info(Streams.inbox);
  let n = 0;
  for (let seq = state.first_seq; seq <= state.last_seq; seq++) {
    const item = await jsm.streams.getMessage(Streams.inbox, { seq });
    if (item?.subject !== inboxSubject(member)) continue;
    const v = await verifyEnvelope(item.data, { resolver });
    if (v.payloadType === PayloadType.Receipt && (v.payload as atc.v1.Receipt).messageId === messageId) n++;
  }
  return n;
}

/** Messages the inbox stream holds for `member`. */
async function inboxItems(member: string): Promise<number> {
  const info = await jsm.streams.info(Streams.inbox, { subjects_filter: inboxSubject(member) });
  return info.state.subjects?.[inboxSubject(member)] ?? 0;
}

describe('SubmitLoop', () => {
  it('takes submissions from start to stop only, and each of them once', async () => {
    let subscriptions = 0;
    const loop = await submitLoop({ onSubscribe: () => subscriptions++ });
    // Bytes that are no envelope: the loop refuses them into the quarantine.
    const id = uuidv7();
    await jetstream(nc).publish(submitSubject('KZ'), new TextEncoder().encode('not an envelope'), { msgID: id });
    const quarantined = async (): Promise<number> =>
      (await archive.db.get<{ n: number }>('SELECT count(*) AS n FROM quarantine'))?.n ?? 0;

    // Constructed, it has taken nothing.
    expect(subscriptions).toBe(0);
    expect(await pending()).toBe(1);

    loop.start();
    loop.start();
    await waitFor(async () => (await pending()) === 0 && (await quarantined()) === 1, { timeoutMs: 10_000 });
    expect(subscriptions).toBe(1);

    await Promise.all([loop.stop(), loop.stop()]);
    // Stopped, it takes nothing more, and does not start again.
    loop.start();
    await jetstream(nc).publish(submitSubject('KZ'), new TextEncoder().encode('after the stop'), { msgID: uuidv7() });
    expect(await pending()).toBe(1);
    expect(subscriptions).toBe(1);
    expect(await quarantined()).toBe(1);
  });

  it('answers a submission once when a commit reported failure after it had committed', async () => {
    // A commit whose outcome the gateway could not learn (on PostgreSQL: the connection lost
    // after COMMIT was sent): the data is in the archive, yet the step failed and is retried.
    let lost = 0;
    const committer: Pick<Archive['committer'], 'commit'> = {
      commit: async (write) => {
        const committed = await archive.committer.commit(write);
        if (write.messages.length > 0 && lost++ === 0) throw new Error('connection lost after COMMIT');
        return committed;
      },
    };
    const m = makeMessage({ from: 'KZ', to: ['BY'], sequence: 1 });
    await submitThrough(await submitLoop({ committer }), m);
    expect(lost).toBe(1);
    // Archived once (one row, one log leaf), its copy routed once.
    const rows = await archive.db.get<{ n: number }>('SELECT count(*) AS n FROM messages WHERE message_id = ?', [
      m.messageId,
    ]);
    expect(rows?.n).toBe(1);
    expect(await inboxItems('BY')).toBe(1);
    // The retry is the same stream message again: its receipt is not sent a second time.
    expect(await receiptsAbout('KZ', m.messageId)).toBe(1);
  });

  it('sets aside a submission it cannot process once, though the quarantine commit reported failure after it had committed', async () => {
    const poison = makeMessage({ from: 'KZ', to: ['BY'], sequence: 7 });
    let lost = 0;
    const committer: Pick<Archive['committer'], 'commit'> = {
      commit: async (write) => {
        // A fault only this message meets, every time the archive is asked to take it.
        if (write.messages.some((w) => w.messageId === poison.messageId)) throw new Error('simulated fault');
        const committed = await archive.committer.commit(write);
        // The quarantine's commit lands, but the gateway cannot learn it: the step is retried.
        if (write.quarantine.length > 0 && lost++ === 0) throw new Error('connection lost after COMMIT');
        return committed;
      },
    };
    const seq = await submitThrough(await submitLoop({ committer }), poison);
    expect(lost).toBeGreaterThan(0);
    const rows = await archive.db.all<{ reason: string; detail: string }>(
      'SELECT reason, detail FROM quarantine WHERE stream_seq = ?',
      [seq],
    );
    expect(rows).toEqual([{ reason: 'ERR_INTERNAL', detail: expect.stringContaining('simulated fault') as string }]);
    expect(await archive.db.get('SELECT count(*) AS n FROM messages WHERE message_id = ?', [poison.messageId])).toEqual(
      {
        n: 0,
      },
    );
  }, 30_000);

  it('acknowledges, without a second row, a submission it cannot process that an earlier run set aside', async () => {
    const poison = makeMessage({ from: 'KZ', to: ['BY'], sequence: 8 });
    const committer: Pick<Archive['committer'], 'commit'> = {
      commit: async (write) => {
        if (write.messages.some((w) => w.messageId === poison.messageId)) throw new Error('simulated fault');
        return archive.committer.commit(write);
      },
    };
    // A gateway set this stream message aside and stopped before acknowledging it: the row is
    // there, and the batch's look-up of its stream messages' refusals finds it (a replay).
    const { seq } = await jetstream(nc).publish(submitSubject('KZ'), poison.bytes, { msgID: poison.messageId });
    await archive.committer.commit(
      batchWrite({
        quarantine: [
          {
            receivedAt: Date.now(),
            subject: submitSubject('KZ'),
            transportSender: 'KZ',
            claimedSender: null,
            messageId: poison.messageId,
            reason: 'ERR_INTERNAL',
            detail: 'set aside by the run before',
            envelopeSha256: sha256(poison.bytes),
            size: poison.bytes.length,
            head: poison.bytes,
            securityEvent: false,
            receiptId: null,
            exercise: false,
            streamSeq: seq,
          },
        ],
      }),
    );
    const loop = await submitLoop({ committer });
    loop.start();
    try {
      await waitFor(async () => (await pending()) === 0, { timeoutMs: 15_000 });
    } finally {
      await loop.stop();
    }
    expect(
      await archive.db.all<{ detail: string }>('SELECT detail FROM quarantine WHERE stream_seq = ?', [seq]),
    ).toEqual([{ detail: 'set aside by the run before' }]);
  }, 30_000);

  it('warns of an archive that cannot write once per kind of failure, and tries again within a second', async () => {
    // A fault of the batch, then a full disk three times, then a database that refuses
    // connections twice, then a commit that succeeds.
    const failures = [
      new Error('a bug'),
      ...Array.from({ length: 3 }, () => Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })),
      ...Array.from({ length: 2 }, () => Object.assign(new Error('connect refused'), { code: 'ECONNREFUSED' })),
    ];
    const attemptsAt: number[] = [];
    const committer: Pick<Archive['committer'], 'commit'> = {
      commit: async (write) => {
        if (write.messages.length > 0) {
          attemptsAt.push(Date.now());
          const failure = failures.shift();
          if (failure !== undefined) throw failure;
        }
        return archive.committer.commit(write);
      },
    };
    const lines: string[] = [];
    const m = makeMessage({ from: 'KZ', to: ['BY'], sequence: 50 });
    await submitThrough(await submitLoop({ committer, logger: capturingLogger('loop', lines) }), m);
    expect(attemptsAt).toHaveLength(7);
    const logged = lines
      .map((l) => JSON.parse(l) as { level: number; code?: string; msg: string })
      .filter((l) => l.level >= 40)
      .map((l) => [l.level, l.code ?? null]);
    expect(logged).toEqual([
      [50, null],
      [40, 'ERR_STORAGE_FULL'],
      [40, 'ERR_STORAGE_UNAVAILABLE'],
    ]);
    // The backoff (200, 400, 800 ms...) is capped at 1 s while the archive cannot write.
    const gaps = attemptsAt.slice(1).map((t, i) => t - attemptsAt[i]!);
    expect(Math.max(...gaps.slice(3))).toBeLessThan(1_500);
    expect(await receiptsAbout('KZ', m.messageId)).toBe(1);
  });

  it("sends a resubmission's receipts once more, however often their publication is tried", async () => {
    const m = makeMessage({ from: 'KZ', to: ['BY'], sequence: 2 });
    await submitThrough(await submitLoop(), m);
    expect(await receiptsAbout('KZ', m.messageId)).toBe(1);
    // The same bytes submitted anew (another stream message, after JetStream's de-duplication
    // window): a replay whose receipts go out again.
    const { replays, write } = await submissionProcessor().process([
      { subject: submitSubject('KZ'), data: m.bytes, msgId: m.messageId, streamSeq: 1_000_000, redelivered: false },
    ]);
    expect(write.messages).toEqual([]);
    const publisher = new InboxPublisher(streams, archive.store, logger);
    // Published, then tried again as after a JetStream acknowledgement that came too late.
    await publisher.replay(replays);
    await publisher.replay(replays);
    expect(await receiptsAbout('KZ', m.messageId)).toBe(2);
  });

  // nats-server was seen to deliver a stream message again with a delivery count of 1 after the
  // gateway that had taken it was killed: the redelivered flag alone would call it a resubmission.
  it('answers its own stream message delivered again as a redelivery, whatever delivery count it carries', async () => {
    const m = makeMessage({ from: 'KZ', to: ['BY'], sequence: 3 });
    const seq = await submitThrough(await submitLoop(), m);
    expect(await receiptsAbout('KZ', m.messageId)).toBe(1);
    const again = { subject: submitSubject('KZ'), data: m.bytes, msgId: m.messageId, streamSeq: seq };
    const publisher = new InboxPublisher(streams, archive.store, logger);
    for (const redelivered of [false, true]) {
      const { replays, write } = await submissionProcessor().process([{ ...again, redelivered }]);
      expect(write.messages).toEqual([]);
      expect(replays).toEqual([{ messageId: m.messageId }]);
      await publisher.replay(replays);
    }
    expect(await receiptsAbout('KZ', m.messageId)).toBe(1);
    // Twice in one batch (the first delivery and the next one): archived once, answered once.
    const fresh = makeMessage({ from: 'KZ', to: ['BY'], sequence: 4 });
    const both = await submissionProcessor().process([
      {
        subject: submitSubject('KZ'),
        data: fresh.bytes,
        msgId: fresh.messageId,
        streamSeq: 2_000_000,
        redelivered: false,
      },
      {
        subject: submitSubject('KZ'),
        data: fresh.bytes,
        msgId: fresh.messageId,
        streamSeq: 2_000_000,
        redelivered: false,
      },
    ]);
    expect(both.write.messages.map((w) => [w.messageId, w.streamSeq])).toEqual([[fresh.messageId, 2_000_000]]);
    expect(both.replays).toEqual([{ messageId: fresh.messageId }]);
    // Another stream message with the same bytes is a resubmission, even flagged as redelivered:
    // the sequence decides, both ways.
    const resubmitted = await submissionProcessor().process([
      { ...again, streamSeq: seq + 1_000_000, redelivered: true },
    ]);
    expect(resubmitted.replays).toEqual([{ messageId: m.messageId, resend: `seq${seq + 1_000_000}` }]);
  });

  it('keeps the refusal of its own stream message delivered again, though the checks would now let it through', async () => {
    // Refused as 10 minutes ahead of the centre's clock (the skew allowed is 60 s).
    const m = makeMessage({ from: 'KZ', to: ['BY'], sequence: 5, createdAt: Date.now() + 600_000 });
    const seq = await submitThrough(await submitLoop(), m);
    expect(await receiptsAbout('KZ', m.messageId)).toBe(1);
    // Delivered again half an hour later, with a delivery count of 1: its created_at now passes.
    const later = new SubmissionProcessor({
      store: archive.store,
      members: archive.registry,
      resolver: registryKeyResolver(archive.registry),
      policy: { gatewayId: 'ATC', maxEnvelopeBytes: 64 * 1024, clockSkewMs: 60_000, acceptWindowMs: 86_400_000 },
      clock: () => Date.now() + 1_800_000,
    });
    const again = { subject: submitSubject('KZ'), data: m.bytes, msgId: m.messageId, redelivered: false };
    const { replays, write } = await later.process([{ ...again, streamSeq: seq }]);
    expect(write.messages).toEqual([]);
    expect(write.quarantine).toEqual([]);
    expect(replays).toEqual([{ messageId: m.messageId }]);
    await new InboxPublisher(streams, archive.store, logger).replay(replays);
    expect(await receiptsAbout('KZ', m.messageId)).toBe(1);
    // The same bytes as another stream message (a resubmission) are judged anew: accepted now.
    const anew = await later.process([{ ...again, streamSeq: seq + 1_000_000 }]);
    expect(anew.write.messages.map((w) => [w.messageId, w.streamSeq])).toEqual([[m.messageId, seq + 1_000_000]]);
    // A stream message refused twice in one batch: one quarantine row, its receipt not resent.
    const early = makeMessage({ from: 'KZ', to: ['BY'], sequence: 6, createdAt: Date.now() + 600_000 });
    const twice = { subject: submitSubject('KZ'), data: early.bytes, msgId: early.messageId, streamSeq: 3_000_000 };
    const batch = await submissionProcessor().process([
      { ...twice, redelivered: false },
      { ...twice, redelivered: false },
    ]);
    expect(batch.write.quarantine.map((q) => [q.messageId, q.streamSeq])).toEqual([[early.messageId, 3_000_000]]);
    expect(batch.replays).toEqual([{ messageId: early.messageId }]);
  });

  it('keeps the acceptance of its own stream message delivered again after the sender key was revoked', async () => {
    const actor = { who: 'test', why: 'revoked after the crash' };
    await archive.registry.addMember({ id: 'RU', name: 'Russia', kind: 'national' }, actor);
    await archive.registry.addKey('RU', fixtureKey('RU').publicJwk, { validFrom: 0 }, actor);
    const m = makeMessage({ from: 'RU', to: ['BY'], sequence: 1 });
    const submission = { subject: submitSubject('RU'), data: m.bytes, msgId: m.messageId, redelivered: false };
    const first = await submissionProcessor().process([{ ...submission, streamSeq: 4_000_000 }]);
    expect(first.write.messages.map((w) => w.messageId)).toEqual([m.messageId]);
    await archive.committer.commit(first.write);
    // The key is revoked as compromised; JetStream then delivers the committed message again.
    await archive.registry.revokeKey(fixtureKey('RU').kid, { at: 0, reason: 'compromised' }, actor);
    const again = await submissionProcessor().process([{ ...submission, streamSeq: 4_000_000 }]);
    expect(again.write.quarantine).toEqual([]);
    expect(again.write.receipts).toEqual([]);
    expect(again.replays).toEqual([{ messageId: m.messageId }]);
    // The same bytes as another stream message are judged now: refused, the key being revoked.
    const anew = await submissionProcessor().process([{ ...submission, streamSeq: 4_000_001 }]);
    expect(anew.write.quarantine.map((q) => [q.messageId, q.reason])).toEqual([[m.messageId, 'ERR_KEY_REVOKED']]);
  });

  it('keeps the count of submissions it holds outside a batch in shared memory, for the data bank to defer to', async () => {
    // A commit held back: the submissions behind it wait in the loop's queue, as behind a backlog.
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const committer: Pick<Archive['committer'], 'commit'> = {
      commit: async (write) => {
        await held;
        return archive.committer.commit(write);
      },
    };
    const backlog = new Int32Array(new SharedArrayBuffer(4));
    const loop = await submitLoop({ committer, backlog });
    for (let i = 0; i < 12; i++) {
      const m = makeMessage({ from: 'KZ', to: ['BY'], sequence: 100 + i });
      await jetstream(nc).publish(submitSubject('KZ'), m.bytes, { msgID: m.messageId });
    }
    loop.start();
    try {
      // The first batch (4) waits for its commit; the queue fills to two batches' worth and stops there.
      await waitFor(() => Promise.resolve(Atomics.load(backlog, 0) === 8), { timeoutMs: 10_000 });
      release();
      await waitFor(async () => (await pending()) === 0, { timeoutMs: 15_000 });
      expect(Atomics.load(backlog, 0)).toBe(0);
    } finally {
      release();
      await loop.stop();
    }
  });
});

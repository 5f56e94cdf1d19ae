import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { atc, PayloadType, uuidv7 } from '@atc/shared';
import { fixtureKey } from '@atc/shared/testing';
import { DeliveryRecorder } from '../handover/delivery-recorder.js';
import { MessageComposer } from '../messages/message-composer.js';
import { AGENT_MIGRATIONS } from '../store/agent-schema.js';
import { openAgentDatabase, type AgentDb } from '../store/open-agent-database.js';
import { OutboxStore } from '../store/outbox-store.js';
import { InboxStore, type NewInboxItem } from './inbox-store.js';
import { withoutPayload } from './withdrawal-store.js';
import { testComposer } from '../testing/test-composer.js';

const T0 = 1_767_000_000_000;
/** A name no other test data holds: found in the file's bytes only if erasure left it there. */
const MARKER = 'Testov-Erasable-Marker';

let dir: string;
let path: string;
let db: AgentDb;
let inbox: InboxStore;
let outbox: OutboxStore;
let recorder: DeliveryRecorder;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atc-agent-withdrawals-'));
  path = join(dir, 'agent.db');
  db = openAgentDatabase(path);
  inbox = new InboxStore(db);
  outbox = new OutboxStore(db);
  const composer = testComposer(outbox, 'BY', T0 + 60_000);
  recorder = new DeliveryRecorder({ db, inbox, withdrawals: inbox.withdrawals, composer });
});

afterEach(async () => {
  if (db.open) db.close();
  await rm(dir, { recursive: true, force: true });
});

/** An envelope whose payload holds `text`: erasure must leave the header and signature only. */
function envelopeWith(text: string): Uint8Array {
  return atc.v1.Envelope.encode({
    header: new Uint8Array([1, 2, 3]),
    payload: new TextEncoder().encode(text),
    signature: 'sig..nature',
  }).finish();
}

function record(
  recordId: string,
  version: number,
  options: { sender?: string; exercise?: boolean; at?: number; type?: string } = {},
): NewInboxItem {
  return {
    messageId: uuidv7(),
    sender: options.sender ?? 'KZ',
    payloadType: options.type ?? PayloadType.PersonRecord,
    createdAt: T0,
    receivedAt: options.at ?? T0,
    tlp: 2,
    exercise: options.exercise ?? false,
    header: { sender: options.sender ?? 'KZ' },
    payload: { recordId, version, names: [{ script: 'Latn', parts: [{ type: 'FAMILY', value: MARKER }] }] },
    envelope: envelopeWith(`${MARKER} ${recordId} v${version}`),
  };
}

function withdrawal(
  recordId: string,
  options: { sender?: string; exercise?: boolean; at?: number; version?: number } = {},
): NewInboxItem {
  return {
    messageId: uuidv7(),
    sender: options.sender ?? 'KZ',
    payloadType: PayloadType.RecordWithdrawal,
    createdAt: T0 - 1_000,
    receivedAt: options.at ?? T0 + 1_000,
    tlp: 2,
    exercise: options.exercise ?? false,
    header: {},
    payload: {
      recordId: 'KZ-W-0001',
      version: 1,
      target: { originator: options.sender ?? 'KZ', recordId, version: options.version ?? 0 },
      reason: 'INACCURATE',
      explanation: 'Synthetic withdrawal of test data.',
    },
    envelope: envelopeWith('withdrawal'),
  };
}

const listedIds = (): string[] => inbox.list({ limit: 100 }).map((i) => i.messageId);

/** The PurgeAck payloads queued in the outbox. */
function purgeAcks(): atc.v1.PurgeAck[] {
  const rows = db
    .prepare<[string], { envelope: Buffer }>('SELECT envelope FROM outbox WHERE payload_type = ? ORDER BY sequence')
    .all(PayloadType.PurgeAck);
  return rows.map((r) => atc.v1.PurgeAck.decode(atc.v1.Envelope.decode(r.envelope).payload));
}

describe('withdrawal of a record in the agent inbox', () => {
  it('erases every version of the record held, with the same exercise marking, in the transaction that stores the withdrawal', () => {
    const v1 = record('KZ-P-0001', 1);
    const v2 = record('KZ-P-0001', 2);
    const exerciseCopy = record('KZ-P-0001', 1, { exercise: true });
    const otherOriginator = record('KZ-P-0001', 1, { sender: 'RU' });
    const otherRecord = record('KZ-P-0002', 1);
    const request = record('KZ-P-0001', 1, { type: PayloadType.InformationRequest });
    for (const i of [v1, v2, exerciseCopy, otherOriginator, otherRecord, request]) expect(inbox.add(i)).toBe(true);
    recorder.deliver(inbox.get(v1.messageId)!, T0 + 10, 'webhook');

    const w = withdrawal('KZ-P-0001');
    expect(inbox.add(w)).toBe(true);

    for (const id of [v1.messageId, v2.messageId]) {
      const erased = inbox.get(id)!;
      expect(erased).toMatchObject({ state: 'erased', erasedBy: w.messageId, erasedAt: T0 + 1_000, payload: {} });
      const env = db
        .prepare<[string], { envelope: Buffer }>('SELECT envelope FROM inbox WHERE message_id = ?')
        .get(id)!;
      expect(Buffer.from(env.envelope).toString('latin1')).not.toContain(MARKER);
      const kept = atc.v1.Envelope.decode(env.envelope);
      expect([kept.signature, [...kept.header], kept.payload.length]).toEqual(['sig..nature', [1, 2, 3], 0]);
    }
    // Delivered before the withdrawal: the hand-over stays on record beside the erasure.
    expect(inbox.get(v1.messageId)).toMatchObject({ channel: 'webhook', deliveredAt: T0 + 10 });
    for (const kept of [exerciseCopy, otherOriginator, otherRecord, request]) {
      expect(inbox.get(kept.messageId)?.state).toBe('pending');
    }
    expect(listedIds()).toEqual([
      exerciseCopy.messageId,
      otherOriginator.messageId,
      otherRecord.messageId,
      request.messageId,
      w.messageId,
    ]);

    expect(inbox.withdrawals.get(w.messageId)).toMatchObject({
      originator: 'KZ',
      recordId: 'KZ-P-0001',
      exercise: false,
      targetVersion: 0,
      reason: 'INACCURATE',
      explanation: 'Synthetic withdrawal of test data.',
      withdrawnAt: T0 - 1_000,
      erasedAt: T0 + 1_000,
      versions: [1, 2],
      itemIds: [v1.messageId, v2.messageId],
      count: 2,
      lateCount: 0,
      purgeAckMessageId: null,
    });
    // The erased pending version no longer holds the withdrawal's hand-over back (the request
    // and the exercise copy, which bear the same record id, still go first).
    for (const first of [request, exerciseCopy]) recorder.deliver(inbox.get(first.messageId)!, T0 + 1_500, 'api');
    expect(inbox.dueHeads(T0 + 2_000, 10, new Set()).map((i) => i.messageId)).toContain(w.messageId);
  });

  it("erases the answers to this agent's searches that quote the record, and no other", () => {
    /** The centre's DataBankResult quoting (originator, recordId, version) whole, or as a restricted hit (no envelope). */
    const result = (
      hits: { recordId: string; version: number; quoted: boolean }[],
      exercise = false,
    ): NewInboxItem => ({
      ...record('unused', 1, { sender: 'ATC', exercise, type: PayloadType.DataBankResult }),
      payload: {
        queryMessageId: uuidv7(),
        hits: hits.map((h) => ({
          record: { originator: 'KZ', recordId: h.recordId, version: h.version },
          score: 800,
          reasons: [],
          ...(h.quoted ? { envelope: Buffer.from(`${MARKER} ${h.recordId}`).toString('base64') } : {}),
        })),
      },
      envelope: envelopeWith(`${MARKER} quoted`),
    });
    const quoting = result([
      { recordId: 'KZ-P-0002', version: 1, quoted: true },
      { recordId: 'KZ-P-0001', version: 2, quoted: true },
    ]);
    const restrictedHit = result([{ recordId: 'KZ-P-0001', version: 2, quoted: false }]);
    const otherRecord = result([{ recordId: 'KZ-P-0002', version: 1, quoted: true }]);
    const exerciseResult = result([{ recordId: 'KZ-P-0001', version: 2, quoted: true }], true);
    for (const i of [quoting, restrictedHit, otherRecord, exerciseResult]) expect(inbox.add(i)).toBe(true);

    const w = withdrawal('KZ-P-0001');
    expect(inbox.add(w)).toBe(true);
    expect(inbox.get(quoting.messageId)).toMatchObject({ state: 'erased', erasedBy: w.messageId, payload: {} });
    for (const kept of [restrictedHit, otherRecord, exerciseResult])
      expect(inbox.get(kept.messageId)?.state).toBe('pending');
    expect(inbox.withdrawals.get(w.messageId)).toMatchObject({ count: 1, versions: [2], itemIds: [quoting.messageId] });

    // An answer delivered after the withdrawal (archived before it, published after it) is
    // erased as it arrives, and counted on the tombstone as a late copy.
    const late = result([{ recordId: 'KZ-P-0001', version: 1, quoted: true }]);
    expect(inbox.add(late)).toBe(true);
    expect(inbox.get(late.messageId)).toMatchObject({ state: 'erased', erasedBy: w.messageId });
    expect(inbox.withdrawals.get(w.messageId)).toMatchObject({
      count: 2,
      lateCount: 1,
      versions: [1, 2],
      itemIds: [quoting.messageId, late.messageId],
    });
    const unrelated = result([{ recordId: 'KZ-P-0002', version: 1, quoted: true }]);
    expect(inbox.add(unrelated)).toBe(true);
    expect(inbox.get(unrelated.messageId)?.state).toBe('pending');
  });

  it('erases a version that arrives after the withdrawal on arrival and counts it on the tombstone', () => {
    const v1 = record('KZ-P-0003', 1);
    inbox.add(v1);
    const w = withdrawal('KZ-P-0003');
    inbox.add(w);
    const late = record('KZ-P-0003', 3, { at: T0 + 5_000 });
    expect(inbox.add(late)).toBe(true);
    expect(inbox.get(late.messageId)).toMatchObject({ state: 'erased', erasedBy: w.messageId, payload: {} });
    expect(listedIds()).toEqual([w.messageId]);
    expect(inbox.dueHeads(T0 + 10_000, 10, new Set()).map((i) => i.messageId)).toEqual([w.messageId]);
    expect(inbox.withdrawals.get(w.messageId)).toMatchObject({
      versions: [1, 3],
      itemIds: [v1.messageId, late.messageId],
      count: 2,
      lateCount: 1,
      lastErasedAt: T0 + 5_000,
    });
    // Redelivered: the same message id is not stored (nor counted) twice.
    expect(inbox.add(late)).toBe(false);
    expect(inbox.withdrawals.get(w.messageId)?.count).toBe(2);
    // Exercise traffic of the same record id is another record.
    const exercise = record('KZ-P-0003', 4, { exercise: true });
    inbox.add(exercise);
    expect(inbox.get(exercise.messageId)?.state).toBe('pending');
  });

  it('leaves no erased content in the database file nor in its write-ahead log', async () => {
    const v = record('KZ-P-0004', 1);
    inbox.add(v);
    const wal = `${path}-wal`;
    expect((await readFile(wal)).toString('latin1')).toContain(MARKER);
    inbox.add(withdrawal('KZ-P-0004'));
    // While the agent runs, right after the erasure.
    for (const file of [path, wal]) {
      const bytes = existsSync(file) ? await readFile(file) : Buffer.alloc(0);
      expect(bytes.toString('latin1')).not.toContain(MARKER);
    }
  });

  it('queues the PurgeAck once, in the transaction that records the hand-over of the withdrawal', () => {
    const v1 = record('KZ-P-0005', 1);
    const v2 = record('KZ-P-0005', 2);
    inbox.add(v1);
    inbox.add(v2);
    const w = withdrawal('KZ-P-0005', { exercise: false });
    inbox.add(w);
    expect(purgeAcks()).toEqual([]);
    // A record's hand-over queues no PurgeAck; an erased item's hand-over is not recorded.
    recorder.deliver(inbox.get(v1.messageId)!, T0 + 2_000, 'webhook');
    expect(inbox.get(v1.messageId)?.state).toBe('erased');

    const item = inbox.get(w.messageId)!;
    recorder.deliver(item, T0 + 3_000, 'api');
    recorder.deliver(item, T0 + 4_000, 'api');
    recorder.deliverAll([item], T0 + 5_000);
    const acks = purgeAcks();
    expect(acks).toHaveLength(1);
    expect(acks[0]).toMatchObject({
      withdrawalMessageId: w.messageId,
      originator: 'KZ',
      recordId: 'KZ-P-0005',
      versions: [1, 2],
      count: 2,
      erasedAt: { seconds: Math.floor((T0 + 1_000) / 1000) },
    });
    const t = inbox.withdrawals.get(w.messageId)!;
    expect(t.purgeAckedAt).toBe(T0 + 3_000);
    const row = db
      .prepare<[string], { message_id: string }>('SELECT message_id FROM outbox WHERE message_id = ?')
      .get(t.purgeAckMessageId!);
    expect(row).toBeDefined();
  });

  it('rolls the hand-over back when its PurgeAck cannot be queued, and sends it when the hand-over is recorded again', () => {
    const w = withdrawal('KZ-P-0006');
    inbox.add(record('KZ-P-0006', 1));
    inbox.add(w);
    const failing = new DeliveryRecorder({
      db,
      inbox,
      withdrawals: inbox.withdrawals,
      composer: {
        deliveryAck: (...args) => new OutboxComposer().deliveryAck(...args),
        purgeAck: () => {
          throw new Error('the disk is full');
        },
      },
    });
    const item = inbox.get(w.messageId)!;
    expect(() => {
      failing.deliver(item, T0 + 2_000, 'api');
    }).toThrow(/disk is full/);
    expect(inbox.get(w.messageId)?.state).toBe('pending');
    expect(inbox.withdrawals.get(w.messageId)?.purgeAckMessageId).toBeNull();
    expect(outbox.depth()).toBe(0);
    recorder.deliver(item, T0 + 3_000, 'api');
    expect(purgeAcks().map((a) => a.withdrawalMessageId)).toEqual([w.messageId]);
  });

  it('keeps the queued PurgeAck across a restart, and queues no second one after it', () => {
    inbox.add(record('KZ-P-0011', 1));
    const w = withdrawal('KZ-P-0011');
    inbox.add(w);
    recorder.deliver(inbox.get(w.messageId)!, T0 + 2_000, 'api');
    // The process ends before the relay published anything.
    db.close();
    db = openAgentDatabase(path);
    inbox = new InboxStore(db);
    outbox = new OutboxStore(db);
    const again = new DeliveryRecorder({ db, inbox, withdrawals: inbox.withdrawals, composer: new OutboxComposer() });
    expect(purgeAcks().map((a) => a.withdrawalMessageId)).toEqual([w.messageId]);
    again.deliver(inbox.get(w.messageId)!, T0 + 3_000, 'api');
    again.deliverAll([inbox.get(w.messageId)!], T0 + 4_000);
    expect(purgeAcks()).toHaveLength(1);
    expect(inbox.withdrawals.purgeDue(w.messageId)).toBeUndefined();
  });

  it('answers a withdrawal of a record it never held with count 0, and a repeated one with the versions erased before', () => {
    const never = withdrawal('KZ-P-0007', { version: 3 });
    inbox.add(never);
    recorder.deliver(inbox.get(never.messageId)!, T0 + 2_000, 'api');
    inbox.add(record('KZ-P-0008', 2));
    const first = withdrawal('KZ-P-0008');
    const again = withdrawal('KZ-P-0008');
    inbox.add(first);
    inbox.add(again);
    expect(inbox.withdrawals.get(again.messageId)).toMatchObject({ count: 0, versions: [] });
    recorder.deliver(inbox.get(again.messageId)!, T0 + 3_000, 'api');
    expect(purgeAcks().map((a) => ({ versions: a.versions, count: a.count }))).toEqual([
      { versions: [3], count: 0 },
      { versions: [2], count: 0 },
    ]);
    expect(inbox.withdrawals.list({ limit: 10 }).map((t) => t.withdrawalMessageId)).toEqual([
      never.messageId,
      first.messageId,
      again.messageId,
    ]);
    expect(inbox.withdrawals.list({ after: 2, limit: 10 }).map((t) => t.withdrawalMessageId)).toEqual([
      again.messageId,
    ]);
  });

  it('keeps nothing of an envelope that does not decode', () => {
    expect(withoutPayload(new Uint8Array([0xff, 0xff, 0xff]))).toEqual(new Uint8Array(0));
  });

  it('keeps inbox items and their cursor through the upgrade that adds erasure', () => {
    db.close();
    const oldPath = join(dir, 'old.db');
    const old = new Database(oldPath);
    for (const m of AGENT_MIGRATIONS.slice(0, 4)) old.exec(m);
    old.pragma('user_version = 4');
    const insert = old.prepare(
      `INSERT INTO inbox (message_id, sender, payload_type, created_at, received_at, tlp, exercise, header_json, payload_json, envelope, state, next_attempt_at, order_key)
       VALUES (?, 'KZ', 'atc.v1.PersonRecord', 0, 0, 0, 0, '{}', '{"recordId":"KZ-P-0009","version":1}', x'01', ?, 0, 'KZ/KZ-P-0009')`,
    );
    const ids = [uuidv7(), uuidv7(), uuidv7()];
    insert.run(ids[0], 'delivered');
    insert.run(ids[1], 'pending');
    insert.run(ids[2], 'failed');
    old.close();
    db = openAgentDatabase(oldPath);
    inbox = new InboxStore(db);
    expect(inbox.list({ limit: 10 }).map((i) => [i.seq, i.state])).toEqual([
      [1, 'delivered'],
      [2, 'pending'],
      [3, 'failed'],
    ]);
    const next = record('KZ-P-0010', 1);
    inbox.add(next);
    expect(inbox.get(next.messageId)?.seq).toBe(4);
    inbox.add(withdrawal('KZ-P-0009'));
    expect(ids.map((id) => inbox.get(id)?.state)).toEqual(['erased', 'erased', 'erased']);
  });
});

/** A composer of this test's outbox, for a recorder whose PurgeAck fails. */
class OutboxComposer extends MessageComposer {
  constructor() {
    super({
      store: outbox,
      signer: fixtureKey('BY'),
      memberId: 'BY',
      gatewayId: 'ATC',
      maxEnvelopeBytes: 1 << 20,
      clock: () => T0 + 60_000,
      onQueued: () => undefined,
    });
  }
}

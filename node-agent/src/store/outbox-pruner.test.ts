import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtcError, ErrorCode, PayloadType, RefusalCode, RefusalError, uuidv7 } from '@atc/shared';
import { pruneOutbox } from '../cli/prune-outbox.js';
import { AGENT_MIGRATIONS } from './agent-schema.js';
import { backupAgentStore } from './agent-store-backup.js';
import { openAgentDatabase, type AgentDb } from './open-agent-database.js';
import { OutboxPruner } from './outbox-pruner.js';
import { InboxExpiry } from './inbox-expiry.js';
import { InboxStore } from '../inbox/inbox-store.js';
import { SearchStore } from '../search/search-store.js';
import { SEARCH_EXPIRED_AFTER_MS } from '../search/result-json.js';
import type { NewOutboxMessage, ReceiptInput } from './outbox-records.js';
import { OutboxStore } from './outbox-store.js';

const T0 = 1_767_000_000_000;
const DAY = 86_400_000;

let dir: string;
let path: string;
let db: AgentDb;
let store: OutboxStore;
let pruner: OutboxPruner;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atc-agent-prune-'));
  path = join(dir, 'agent.db');
  db = openAgentDatabase(path);
  store = new OutboxStore(db);
  pruner = new OutboxPruner(db);
});

afterEach(async () => {
  if (db.open) db.close();
  await rm(dir, { recursive: true, force: true });
});

const sha256 = (bytes: Uint8Array | string): Buffer => createHash('sha256').update(bytes).digest();

function message(overrides: Partial<NewOutboxMessage> = {}): NewOutboxMessage {
  return {
    messageId: uuidv7(),
    sequence: overrides.sequence ?? store.nextSequence(),
    payloadType: 'atc.v1.PersonRecord',
    recipients: ['BY', 'RU'],
    broadcast: false,
    envelope: randomBytes(200),
    ...overrides,
  };
}

function receipt(messageId: string, status: ReceiptInput['status'], extra: Partial<ReceiptInput> = {}): ReceiptInput {
  return { receiptId: uuidv7(), messageId, status, envelope: randomBytes(100), receivedAt: T0, ...extra };
}

/** Sends a message to BY and RU and has it accepted and delivered to both at `at`. */
function delivered(at: number, overrides: Partial<NewOutboxMessage> = {}): NewOutboxMessage {
  const m = message(overrides);
  store.enqueue(m, at - 10);
  store.applyReceipt(receipt(m.messageId, 'accepted', { recipients: ['BY', 'RU'], receivedAt: at - 5 }));
  store.applyReceipt(receipt(m.messageId, 'delivered', { recipient: 'BY', receivedAt: at - 1 }));
  store.applyReceipt(receipt(m.messageId, 'delivered', { recipient: 'RU', receivedAt: at }));
  return m;
}

/** The centre's answer to `query`, stored in the inbox and taken by the national system at `takenAt`; its id. */
function answer(query: NewOutboxMessage, takenAt: number): string {
  const inbox = new InboxStore(db);
  const resultId = uuidv7();
  inbox.add({
    messageId: resultId,
    sender: 'GATEWAY',
    payloadType: PayloadType.DataBankResult,
    createdAt: takenAt - 2,
    receivedAt: takenAt - 1,
    tlp: 3,
    exercise: false,
    header: {},
    payload: { hits: [] },
    envelope: randomBytes(100),
  });
  inbox.markDelivered(resultId, takenAt, 'api', false);
  const searches = new SearchStore(db);
  searches.record(query.messageId, takenAt - 3);
  searches.answer(query.messageId, resultId, takenAt - 1);
  return resultId;
}

const settledAt = (id: string): number | null =>
  (db.prepare('SELECT settled_at FROM outbox WHERE message_id = ?').get(id) as { settled_at: number | null })
    .settled_at;
const count = (table: string): number => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('settled_at', () => {
  it('is the time of the last receipt: a rejection, or the last delivery after the acceptance', () => {
    const rejected = message();
    store.enqueue(rejected, T0);
    store.applyReceipt(
      receipt(rejected.messageId, 'rejected', { reasonCode: 'ERR_POLICY_DENIED', receivedAt: T0 + 7 }),
    );
    expect(settledAt(rejected.messageId)).toBe(T0 + 7);

    const m = message();
    store.enqueue(m, T0);
    // A DELIVERED receipt before the ACCEPTED one settles nothing: RU's delivery is not known yet.
    store.applyReceipt(receipt(m.messageId, 'delivered', { recipient: 'BY', receivedAt: T0 + 1 }));
    expect(settledAt(m.messageId)).toBeNull();
    store.applyReceipt(receipt(m.messageId, 'accepted', { recipients: ['BY', 'RU'], receivedAt: T0 + 2 }));
    expect(settledAt(m.messageId)).toBeNull();
    store.applyReceipt(receipt(m.messageId, 'delivered', { recipient: 'RU', receivedAt: T0 + 3 }));
    expect(settledAt(m.messageId)).toBe(T0 + 3);

    // An ack has no recipient: its ACCEPTED receipt is the last.
    const ack = message({ payloadType: PayloadType.DeliveryAck, recipients: [] });
    store.enqueue(ack, T0);
    store.applyReceipt(receipt(ack.messageId, 'accepted', { receivedAt: T0 + 4 }));
    expect(settledAt(ack.messageId)).toBe(T0 + 4);
  });

  it('is filled in by migration 7 for rows settled before it', () => {
    db.close();
    const old = new Database(path);
    // Back to version 6: what migrations 7 and 8 added goes.
    old.exec('DROP INDEX inbox_results');
    old.exec('DROP TABLE outbox_pruned');
    old.exec('DROP INDEX outbox_settled');
    old.exec('ALTER TABLE outbox DROP COLUMN settled_at');
    old.pragma('user_version = 6');
    const ins = old.prepare(
      `INSERT INTO outbox (message_id, sequence, payload_type, recipients, broadcast, envelope, status, created_at,
         next_attempt_at, accepted_at) VALUES (?, ?, 'atc.v1.PersonRecord', '["BY"]', 0, x'00', ?, ?, 0, ?)`,
    );
    ins.run('rejected', 1, 'rejected', T0, null);
    ins.run('done', 2, 'accepted', T0, T0 + 1);
    ins.run('pending', 3, 'accepted', T0, T0 + 1);
    ins.run('queued', 4, 'queued', T0, null);
    const rec = old.prepare(
      `INSERT INTO receipts (receipt_id, message_id, status, recipient, received_at, envelope) VALUES (?, ?, ?, ?, ?, x'00')`,
    );
    rec.run('r1', 'rejected', 'rejected', null, T0 + 9);
    rec.run('r2', 'done', 'accepted', null, T0 + 1);
    rec.run('r3', 'done', 'delivered', 'BY', T0 + 20);
    rec.run('r4', 'pending', 'accepted', null, T0 + 1);
    old.exec(
      `INSERT INTO deliveries VALUES ('done', 'BY', 'delivered', ${T0 + 20}), ('pending', 'BY', 'pending', NULL)`,
    );
    old.close();
    db = openAgentDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(AGENT_MIGRATIONS.length);
    expect(['rejected', 'done', 'pending', 'queued'].map(settledAt)).toEqual([T0 + 9, T0 + 20, null, null]);
  });
});

describe('OutboxPruner', () => {
  it('prunes only settled rows past the retention, in bounded batches, and keeps a search query whose answer is held', async () => {
    const old = Array.from({ length: 7 }, () => delivered(T0));
    const oldRejected = message();
    store.enqueue(oldRejected, T0);
    store.applyReceipt(receipt(oldRejected.messageId, 'rejected', { reasonCode: 'ERR_POLICY_DENIED', receivedAt: T0 }));
    const recent = delivered(T0 + 20 * DAY);
    const pending = message();
    store.enqueue(pending, T0);
    store.applyReceipt(receipt(pending.messageId, 'accepted', { recipients: ['BY', 'RU'], receivedAt: T0 }));
    const query = delivered(T0, { payloadType: PayloadType.DataBankQuery, recipients: [] });
    answer(query, T0);
    const unsent = message();
    store.enqueue(unsent, T0);
    expect(count('outbox')).toBe(12);
    expect(count('receipts')).toBe(7 * 3 + 1 + 3 + 1 + 3);

    const before = T0 + 10 * DAY;
    // Each delivered message has 3 receipts, the rejected one 1.
    expect(pruner.count(before, T0 + 30 * DAY)).toEqual({ messages: 8, receipts: 7 * 3 + 1 });
    const batches: number[] = [];
    const pruned = await pruner.pruneAll(before, T0 + 30 * DAY, (b) => batches.push(b.messages), 3);
    expect(pruned).toEqual({ messages: 8, receipts: 22 });
    expect(batches).toEqual([3, 3, 2]);
    expect(count('outbox')).toBe(4);
    expect(count('outbox_pruned')).toBe(8);
    expect(count('receipts')).toBe(3 + 1 + 3);
    expect(count('deliveries')).toBe(2 + 2 + 2);
    for (const m of [recent, pending, query, unsent]) expect(store.envelopeOf(m.messageId)).toBeDefined();
    for (const m of [...old, oldRejected]) expect(store.envelopeOf(m.messageId)).toBeUndefined();
    // A second pass finds nothing; foreign keys hold.
    expect(await pruner.pruneAll(before, T0 + 30 * DAY)).toEqual({ messages: 0, receipts: 0 });
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('prunes a search query once its answer is expired or erased, or when no answer came', async () => {
    const held = delivered(T0, { payloadType: PayloadType.DataBankQuery, recipients: [] });
    answer(held, T0);
    const expired = delivered(T0, { payloadType: PayloadType.DataBankQuery, recipients: [] });
    answer(expired, T0 - DAY);
    const erased = delivered(T0, { payloadType: PayloadType.DataBankQuery, recipients: [] });
    const erasedAnswer = answer(erased, T0);
    const unanswered = delivered(T0, { payloadType: PayloadType.DataBankQuery, recipients: [] });
    new SearchStore(db).record(unanswered.messageId, T0);
    // The answer taken before T0 - 12 h loses its content; a withdrawal erased another.
    expect(new InboxExpiry(db).expireBatch(T0 - DAY / 2, T0)).toEqual({ items: 1 });
    db.prepare(
      "UPDATE inbox SET state = 'erased', erased_at = ?, erased_by = 'withdrawal-1', payload_json = '{}' WHERE message_id = ?",
    ).run(T0, erasedAnswer);

    expect(pruner.count(T0 + DAY, T0 + 2 * DAY).messages).toBe(3);
    expect(await pruner.pruneAll(T0 + DAY, T0 + 2 * DAY)).toMatchObject({ messages: 3 });
    expect(store.envelopeOf(held.messageId)).toBeDefined();
    for (const m of [expired, erased, unanswered]) {
      expect(store.envelopeOf(m.messageId)).toBeUndefined();
      expect(store.get(m.messageId)).toMatchObject({ status: 'accepted', prunedAt: T0 + 2 * DAY });
    }
  });

  it('keeps a search query with no answer yet while the centre may still answer it', async () => {
    // A short retention (ATC_OUTBOX_RETENTION=1ms): the query settles on its ACCEPTED receipt,
    // and the centre answers within SEARCH_ANSWER_WINDOW_MS of archiving it.
    const query = delivered(T0, { payloadType: PayloadType.DataBankQuery, recipients: [] });
    new SearchStore(db).record(query.messageId, T0);
    const soon = T0 + 60_000;
    expect(pruner.count(soon - 1, soon).messages).toBe(0);
    expect(await pruner.pruneAll(soon - 1, soon)).toMatchObject({ messages: 0 });
    // The answer comes: a follow-up request about a hit quotes the query's header.
    answer(query, soon + 1);
    expect(store.envelopeOf(query.messageId)).toBeDefined();
    // Never answered: it goes once the centre's window (and some slack) is over.
    const late = delivered(T0, { payloadType: PayloadType.DataBankQuery, recipients: [] });
    new SearchStore(db).record(late.messageId, T0);
    // Accepted at T0 - 5 (see delivered).
    const over = T0 - 5 + SEARCH_EXPIRED_AFTER_MS;
    expect(await pruner.pruneAll(over - 1, over - 1)).toMatchObject({ messages: 0 });
    expect(pruner.count(over, over).messages).toBe(1);
    expect(await pruner.pruneAll(over, over)).toMatchObject({ messages: 1 });
    expect(store.envelopeOf(late.messageId)).toBeUndefined();
    expect(store.envelopeOf(query.messageId)).toBeDefined();
  });

  it('keeps what idempotency, sender_sequence and GET /v1/messages/{id} need', async () => {
    const body = sha256('request');
    const m = delivered(T0, { idempotencyKey: 'key-1', requestSha256: body });
    const rejected = message();
    store.enqueue(rejected, T0);
    store.applyReceipt(receipt(rejected.messageId, 'rejected', { reasonCode: 'ERR_POLICY_DENIED', detail: 'no' }));
    await pruner.pruneAll(T0 + DAY, T0 + 2 * DAY);

    // The final status, without receipts and deliveries, with the time it was pruned.
    expect(store.get(m.messageId)).toMatchObject({
      status: 'accepted',
      sequence: m.sequence,
      idempotencyKey: 'key-1',
      receipts: [],
      deliveries: [],
      prunedAt: T0 + 2 * DAY,
    });
    expect(store.row(rejected.messageId)).toMatchObject({ status: 'rejected', reasonCode: 'ERR_POLICY_DENIED' });

    // The same request again is a repeat; the key with another request is refused.
    expect(store.findByIdempotencyKey('key-1', body)).toMatchObject({ messageId: m.messageId, prunedAt: T0 + 2 * DAY });
    expect(() => store.findByIdempotencyKey('key-1', sha256('other'))).toThrow(AtcError);
    try {
      store.findByIdempotencyKey('key-1', sha256('other'));
    } catch (e) {
      expect((e as AtcError).code).toBe(ErrorCode.IDEMPOTENCY_KEY_REUSED);
    }
    // The same id with the same bytes is a repeat; with other bytes a reuse.
    expect(store.enqueue(m, T0 + 3 * DAY)).toMatchObject({ created: false, row: { messageId: m.messageId } });
    expect(store.enqueue(rejected, T0 + 3 * DAY)).toMatchObject({
      created: false,
      row: { messageId: rejected.messageId },
    });
    let reuse: unknown;
    try {
      store.enqueue({ ...rejected, envelope: randomBytes(200) }, T0 + 3 * DAY);
    } catch (e) {
      reuse = e;
    }
    expect(reuse).toBeInstanceOf(RefusalError);
    expect((reuse as RefusalError).code).toBe(RefusalCode.MESSAGE_ID_REUSED);

    // A receipt sent again about a pruned message is dropped.
    expect(store.applyReceipt(receipt(m.messageId, 'accepted'))).toMatchObject({ stored: false, messageKnown: true });
    expect(count('receipts')).toBe(0);

    // sender_sequence goes on above the pruned messages, even from a counter that fell behind.
    db.prepare("UPDATE agent_state SET value = 0 WHERE key = 'sender_sequence'").run();
    expect(store.nextSequence()).toBe(rejected.sequence + 1);
  });

  it('atc-agent state prune counts with --dry-run, then prunes', async () => {
    delivered(T0);
    delivered(T0);
    delivered(T0 + 40 * DAY);
    db.close();
    const now = T0 + 35 * DAY;
    const dry = await pruneOutbox(path, { retentionMs: 30 * DAY, inboxRetentionMs: 30 * DAY, dryRun: true, now });
    expect(dry).toMatchObject({ dryRun: true, messages: 2, receipts: 6, before: T0 + 5 * DAY });
    const done = await pruneOutbox(path, { retentionMs: 30 * DAY, inboxRetentionMs: 30 * DAY, dryRun: false, now });
    expect(done).toMatchObject({ dryRun: false, messages: 2, receipts: 6 });
    db = openAgentDatabase(path);
    expect(count('outbox')).toBe(1);
    expect(count('outbox_pruned')).toBe(2);
    // A backup of the pruned database passes the agent's checks.
    db.close();
    expect(await backupAgentStore(path, join(dir, 'backup.db'))).toMatchObject({ outbox: 1, senderSequence: 3 });
    db = openAgentDatabase(path);
  });
});

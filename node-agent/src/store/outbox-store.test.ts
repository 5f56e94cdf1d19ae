import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqliteTempFiles } from '@atc/harness';
import { AtcError, ErrorCode, RefusalCode, uuidv7, type AnyErrorCode } from '@atc/shared';
import { AGENT_MIGRATIONS } from './agent-schema.js';
import { openAgentDatabase, type AgentDb } from './open-agent-database.js';
import type { EnqueueResult, NewOutboxMessage, ReceiptInput } from './outbox-records.js';
import { OutboxStore, RESEND_RECHECK_MS } from './outbox-store.js';

const T0 = 1_767_000_000_000;

let dir: string;
let path: string;
let db: AgentDb;
let store: OutboxStore;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atc-agent-store-'));
  path = join(dir, 'agent.db');
  db = openAgentDatabase(path);
  store = new OutboxStore(db);
});

afterEach(async () => {
  if (db.open) db.close();
  await rm(dir, { recursive: true, force: true });
});

function reopen(): void {
  db.close();
  db = openAgentDatabase(path);
  store = new OutboxStore(db);
}

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
  return { receiptId: uuidv7(), messageId, status, envelope: randomBytes(100), receivedAt: T0 + 1000, ...extra };
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();

/** Asserts that `fn` throws an AtcError with `code` (and a message matching `message`). */
function expectError(fn: () => unknown, code: AnyErrorCode, message?: RegExp): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(AtcError);
  expect((error as AtcError).code).toBe(code);
  if (message !== undefined) expect((error as AtcError).message).toMatch(message);
}

describe('openAgentDatabase', () => {
  it('opens in WAL mode with synchronous=FULL, foreign keys on and every migration applied', () => {
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(AGENT_MIGRATIONS.length);
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table'").all();
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['outbox', 'receipts', 'deliveries', 'agent_state']),
    );
  });

  it('reopens without migrating again, and refuses a database from a newer agent', () => {
    reopen();
    expect(db.pragma('user_version', { simple: true })).toBe(AGENT_MIGRATIONS.length);
    db.pragma(`user_version = ${AGENT_MIGRATIONS.length + 1}`);
    db.close();
    expectError(() => openAgentDatabase(path), ErrorCode.INTERNAL, /upgrade the node agent/);
  });

  it('says which data dir is missing', () => {
    expectError(() => openAgentDatabase(join(dir, 'missing', 'agent.db')), ErrorCode.NOT_INITIALISED, /ATC_DATA_DIR/);
  });
});

describe('nextSequence', () => {
  it('counts from 1, persists every reservation and never reuses one after a reopen', () => {
    expect([store.nextSequence(), store.nextSequence(), store.nextSequence()]).toEqual([1, 2, 3]);
    // 3 was reserved but never enqueued (a crash between the two): it stays used.
    store.enqueue(message({ sequence: 2 }), T0);
    reopen();
    expect(store.nextSequence()).toBe(4);
    reopen();
    expect(store.nextSequence()).toBe(5);
  });

  it('stays ahead of every sequence in the outbox, even if the counter fell behind', () => {
    store.enqueue(message({ sequence: 41 }), T0);
    expect(store.nextSequence()).toBe(42);
  });

  it('refuses to queue a sequence another message holds', () => {
    const seq = store.nextSequence();
    store.enqueue(message({ sequence: seq }), T0);
    expectError(() => store.enqueue(message({ sequence: seq }), T0), ErrorCode.INTERNAL, /nextSequence/);
  });
});

describe('enqueue', () => {
  it('stores a queued row, due at once, with the envelope byte for byte', () => {
    const m = message();
    const { created, row } = store.enqueue(m, T0);
    expect(created).toBe(true);
    expect(row).toMatchObject({
      messageId: m.messageId,
      sequence: m.sequence,
      recipients: ['BY', 'RU'],
      broadcast: false,
      status: 'queued',
      createdAt: T0,
      attempts: 0,
      nextAttemptAt: T0,
      publishedAt: null,
    });
    expect(Buffer.from(store.envelopeOf(m.messageId)!)).toEqual(Buffer.from(m.envelope));
    expect(store.due(T0, 10).map((d) => d.messageId)).toEqual([m.messageId]);
  });

  it('answers the same Idempotency-Key and request with the first row', () => {
    const first = store.enqueue(message({ idempotencyKey: 'k-1', requestSha256: sha256('a') }), T0);
    expect(store.findByIdempotencyKey('k-1', sha256('a'))).toEqual(first.row);
    const again = store.enqueue(message({ idempotencyKey: 'k-1', requestSha256: sha256('a') }), T0 + 5);
    expect(again).toEqual({ created: false, row: first.row });
    expect(store.list({ limit: 10 })).toHaveLength(1);
    expect(store.findByIdempotencyKey('k-unknown', sha256('a'))).toBeUndefined();
  });

  it('refuses the same Idempotency-Key with a different request', () => {
    store.enqueue(message({ idempotencyKey: 'k-2', requestSha256: sha256('a') }), T0);
    for (const attempt of [
      () => store.enqueue(message({ idempotencyKey: 'k-2', requestSha256: sha256('b') }), T0),
      () => store.enqueue(message({ idempotencyKey: 'k-2' }), T0),
      () => store.findByIdempotencyKey('k-2', sha256('b')),
    ]) {
      expectError(attempt, ErrorCode.IDEMPOTENCY_KEY_REUSED, /new key/);
    }
    expect(store.list({ limit: 10 })).toHaveLength(1);
  });

  it('treats the same id and bytes as a repeat, and refuses the same id with other bytes', () => {
    const m = message();
    store.enqueue(m, T0);
    expect(store.enqueue(m, T0 + 1).created).toBe(false);
    expectError(() => store.enqueue({ ...m, envelope: randomBytes(200) }, T0), RefusalCode.MESSAGE_ID_REUSED);
  });
});

describe('enqueueGrouped', () => {
  /** Builds a message once its sequence is known, as the composer does. */
  const built =
    (overrides: Partial<NewOutboxMessage> = {}) =>
    (sequence: number): NewOutboxMessage =>
      message({ ...overrides, sequence });

  it('stores submissions that arrive together in one flush, numbered in the order they are stored', async () => {
    const pending = Array.from({ length: 50 }, () => store.enqueueGrouped(built(), undefined, T0));
    // Queued synchronously in the meantime (as a DeliveryAck is): it takes the next number first.
    const ack = store.enqueue(message(), T0);
    const changesBefore = db.prepare<[], { n: number }>('SELECT total_changes() AS n').get()!.n;
    const results = await Promise.all(pending);
    // One reservation and one row each, all written by the flush.
    expect(db.prepare<[], { n: number }>('SELECT total_changes() AS n').get()!.n - changesBefore).toBe(100);
    expect(ack.row.sequence).toBe(1);
    expect(results.map((r) => r.row.sequence)).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));
    expect(results.every((r) => r.created && r.row.status === 'queued')).toBe(true);
  });

  it('uses up no sequence number for a repeat or a refusal, and refuses each alone', async () => {
    const stored = store.enqueue(message(), T0);
    const key = { key: 'k-1', requestSha256: sha256('a') };
    const results = await Promise.allSettled([
      store.enqueueGrouped(built({ idempotencyKey: 'k-1', requestSha256: sha256('a') }), key, T0),
      // The same key again, in the same flush: answered with the first row.
      store.enqueueGrouped(built({ idempotencyKey: 'k-1', requestSha256: sha256('a') }), key, T0),
      // The same key with another request: refused.
      store.enqueueGrouped(
        built({ idempotencyKey: 'k-1', requestSha256: sha256('b') }),
        { key: 'k-1', requestSha256: sha256('b') },
        T0,
      ),
      // An id already stored with other bytes: refused.
      store.enqueueGrouped(built({ messageId: stored.row.messageId }), undefined, T0),
      store.enqueueGrouped(built(), undefined, T0),
    ]);
    const value = (i: number) => (results[i] as PromiseFulfilledResult<EnqueueResult>).value;
    expect(value(0)).toMatchObject({ created: true, row: { sequence: 2 } });
    expect(value(1)).toMatchObject({ created: false, row: { messageId: value(0).row.messageId } });
    expect(results[2]).toMatchObject({ status: 'rejected', reason: { code: ErrorCode.IDEMPOTENCY_KEY_REUSED } });
    expect(results[3]).toMatchObject({ status: 'rejected', reason: { code: RefusalCode.MESSAGE_ID_REUSED } });
    // The refusals gave their numbers back: the next stored message follows without a gap.
    expect(value(4)).toMatchObject({ created: true, row: { sequence: 3 } });
    expect(store.nextSequence()).toBe(4);
  });
});

describe.runIf(process.platform === 'linux')("the agent database's temporary storage", () => {
  /**
   * Changes the status of 300 stored rows of 4 KB in one statement, after another in the same
   * transaction (a statement that may fail half-way, so SQLite journals every page it changes
   * to undo it alone), and returns the temporary files SQLite held meanwhile.
   */
  const heldWhileChangingEveryRow = (): string[] => {
    for (let i = 0; i < 300; i++) store.enqueue(message({ envelope: randomBytes(4096) }), T0);
    return db.transaction(() => {
      store.nextSequence();
      expect(db.prepare("UPDATE outbox SET status = 'published' WHERE status = 'queued'").run().changes).toBe(300);
      return sqliteTempFiles();
    })();
  };

  it('stays in memory: no copy of changed pages (records) in a file outside the data directory', () => {
    expect(db.pragma('temp_store', { simple: true })).toBe(2);
    expect(heldWhileChangingEveryRow()).toEqual([]);
  });

  it("spills into a file with SQLite's default (what the agent's setting prevents; the test can fail)", () => {
    db.pragma('temp_store = DEFAULT');
    expect(heldWhileChangingEveryRow().length).toBeGreaterThan(0);
  });
});

describe('due, markPublished and markAttemptFailed', () => {
  it('returns unconfirmed rows whose time has come, lowest sequence first', () => {
    const [a, b, c] = [message(), message(), message()];
    store.enqueue(c, T0); // enqueue order differs from sequence order on purpose
    store.enqueue(a, T0);
    store.enqueue(b, T0);
    expect(store.due(T0, 10).map((d) => d.messageId)).toEqual([a.messageId, b.messageId, c.messageId]);
    expect(store.due(T0, 2)).toHaveLength(2);
    // Rows being sent are left out, and the limit still fills with others.
    expect(store.due(T0, 2, new Set([a.messageId])).map((d) => d.messageId)).toEqual([b.messageId, c.messageId]);
    expect(Buffer.from(store.due(T0, 1, new Set([a.messageId]))[0]!.envelope)).toEqual(Buffer.from(b.envelope));
    expect(store.due(T0 - 1, 10)).toEqual([]);

    expect(store.markAttemptFailed(a.messageId, 'TimeoutError: timeout', T0 + 500)).toBe(true);
    expect(store.markPublished(b.messageId, T0 + 10, T0 + 30_000)).toBe(true);
    // Bookkeeping commits skip the fsync, then the connection is back to synchronous=FULL.
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    // Inside a caller's transaction (a hand-over and its DeliveryAck) a reservation joins it.
    expect(db.transaction(() => store.nextSequence())()).toBeGreaterThan(0);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(store.due(T0 + 100, 10).map((d) => d.messageId)).toEqual([c.messageId]);
    expect(store.due(T0 + 500, 10).map((d) => d.messageId)).toEqual([a.messageId, c.messageId]);
    expect(store.due(T0 + 30_000, 10).map((d) => [d.messageId, d.status])).toEqual([
      [a.messageId, 'queued'],
      [b.messageId, 'published'],
      [c.messageId, 'queued'],
    ]);
    expect(store.get(a.messageId)).toMatchObject({ attempts: 1, lastError: 'TimeoutError: timeout', status: 'queued' });
  });

  it('finds every resend at its time, though it walks the published rows only when one can be due', () => {
    const [early, late] = [message(), message()];
    store.enqueue(early, T0);
    store.enqueue(late, T0);
    store.markPublished(late.messageId, T0, T0 + 60_000);
    // Nothing due: the earliest resend time is noted, and the walk skipped until then.
    expect(store.due(T0 + 1, 10).map((d) => d.messageId)).toEqual([early.messageId]);
    // This store's own earlier resend time brings the next look forward.
    store.markPublished(early.messageId, T0 + 2, T0 + 100);
    expect(store.due(T0 + 99, 10)).toEqual([]);
    expect(store.due(T0 + 100, 10).map((d) => [d.messageId, d.status])).toEqual([[early.messageId, 'published']]);
    // So does a failed resend, due again soon.
    store.markAttemptFailed(early.messageId, 'TimeoutError: timeout', T0 + 150);
    expect(store.due(T0 + 120, 10)).toEqual([]);
    expect(store.due(T0 + 150, 10).map((d) => d.messageId)).toEqual([early.messageId]);
    expect(store.due(T0 + 60_000, 10).map((d) => d.messageId)).toEqual([early.messageId, late.messageId]);
  });

  it('sees a resend time another connection moved earlier within RESEND_RECHECK_MS, and looks again when the clock went back', () => {
    const m = message();
    store.enqueue(m, T0);
    store.markPublished(m.messageId, T0, T0 + 600_000);
    expect(store.due(T0 + 10, 10)).toEqual([]);
    // Another process (the CLI, a restored file) moves the resend time before the noted one.
    const other = new Database(path);
    other.prepare('UPDATE outbox SET next_attempt_at = ? WHERE message_id = ?').run(T0 + 20, m.messageId);
    other.close();
    expect(store.due(T0 + 10 + RESEND_RECHECK_MS - 1, 10)).toEqual([]);
    expect(store.due(T0 + 10 + RESEND_RECHECK_MS, 10).map((d) => d.messageId)).toEqual([m.messageId]);

    // A note taken at a later time does not hide what is due when the clock has gone back.
    const n = message();
    store.enqueue(n, T0);
    store.markPublished(n.messageId, T0, T0 + 5);
    expect(store.due(T0 + 5_000, 10).map((d) => d.messageId)).toEqual([m.messageId, n.messageId]);
    store.markPublished(m.messageId, T0 + 5_000, T0 + 900_000);
    store.markPublished(n.messageId, T0 + 5_000, T0 + 900_000);
    expect(store.due(T0 + 5_001, 10)).toEqual([]);
    const back = new Database(path);
    back.prepare('UPDATE outbox SET next_attempt_at = ? WHERE message_id = ?').run(T0 + 3, n.messageId);
    back.close();
    expect(store.due(T0 + 4, 10).map((d) => d.messageId)).toEqual([n.messageId]);
  });

  it('keeps the first PubAck time across resends and clears the last error', () => {
    const m = message();
    store.enqueue(m, T0);
    store.markPublished(m.messageId, T0 + 10, T0 + 100);
    store.markAttemptFailed(m.messageId, 'TimeoutError: timeout', T0 + 200);
    expect(store.get(m.messageId)).toMatchObject({
      status: 'published',
      attempts: 2,
      lastError: 'TimeoutError: timeout',
    });
    store.markPublished(m.messageId, T0 + 300, T0 + 900);
    expect(store.get(m.messageId)).toMatchObject({
      status: 'published',
      publishedAt: T0 + 10,
      attempts: 3,
      lastError: null,
      nextAttemptAt: T0 + 900,
    });
  });

  it('never brings back a settled row, and ignores late publish outcomes for it', () => {
    const [accepted, rejected] = [message(), message()];
    store.enqueue(accepted, T0);
    store.enqueue(rejected, T0);
    store.applyReceipt(receipt(accepted.messageId, 'accepted'));
    store.applyReceipt(receipt(rejected.messageId, 'rejected', { reasonCode: 'ERR_POLICY_DENIED' }));
    expect(store.markPublished(accepted.messageId, T0, T0)).toBe(false);
    expect(store.markAttemptFailed(rejected.messageId, 'x', T0)).toBe(false);
    expect(store.due(T0 + 10 ** 9, 10)).toEqual([]);
    expect(store.get(accepted.messageId)!.status).toBe('accepted');
  });
});

describe('applyReceipt', () => {
  it('follows queued → published → accepted → delivered per recipient', () => {
    const m = message({ recipients: ['BY', 'RU'] });
    store.enqueue(m, T0);
    store.markPublished(m.messageId, T0 + 5, T0 + 30_000);
    expect(store.get(m.messageId)!.status).toBe('published');

    const accepted = store.applyReceipt(
      receipt(m.messageId, 'accepted', { recipients: ['BY', 'RU'], receivedAt: T0 + 50 }),
    );
    expect(accepted).toEqual({
      stored: true,
      messageKnown: true,
      statusBefore: 'published',
      statusAfter: 'accepted',
      deliveriesAdded: ['BY', 'RU'],
      deliveredNow: [],
    });
    const delivered = store.applyReceipt(receipt(m.messageId, 'delivered', { recipient: 'BY', receivedAt: T0 + 80 }));
    expect(delivered).toMatchObject({ statusBefore: 'accepted', statusAfter: 'accepted', deliveredNow: ['BY'] });

    const detail = store.get(m.messageId)!;
    expect(detail).toMatchObject({ status: 'accepted', acceptedAt: T0 + 50, reasonCode: null });
    expect(detail.deliveries).toEqual([
      { recipient: 'BY', state: 'delivered', deliveredAt: T0 + 80 },
      { recipient: 'RU', state: 'pending', deliveredAt: null },
    ]);
    expect(detail.receipts.map((r) => [r.status, r.recipient])).toEqual([
      ['accepted', null],
      ['delivered', 'BY'],
    ]);
  });

  it.each(['atc.v1.DeliveryAck', 'atc.v1.PurgeAck'])(
    'expects no delivery of a %s, addressed to the centre alone',
    (type) => {
      const m = message({ payloadType: type, recipients: ['ATC'] });
      store.enqueue(m, T0);
      expect(store.applyReceipt(receipt(m.messageId, 'accepted'))).toMatchObject({
        statusAfter: 'accepted',
        deliveriesAdded: [],
      });
      expect(store.get(m.messageId)!.deliveries).toEqual([]);
    },
  );

  it('applies each receipt id once', () => {
    const m = message();
    store.enqueue(m, T0);
    const r = receipt(m.messageId, 'accepted', { recipients: ['BY'] });
    expect(store.applyReceipt(r).stored).toBe(true);
    expect(store.applyReceipt(r)).toEqual({
      stored: false,
      messageKnown: true,
      statusBefore: 'accepted',
      statusAfter: 'accepted',
      deliveriesAdded: [],
      deliveredNow: [],
    });
    const d = receipt(m.messageId, 'delivered', { recipient: 'BY' });
    expect(store.applyReceipt(d).deliveredNow).toEqual(['BY']);
    expect(store.applyReceipt(d).deliveredNow).toEqual([]);
    expect(store.get(m.messageId)!.receipts).toHaveLength(2);
  });

  it("routes to the receipt's recipients (broadcast expansion), else to the row's", () => {
    const broadcast = message({ recipients: [], broadcast: true });
    const direct = message({ recipients: ['UZ'] });
    store.enqueue(broadcast, T0);
    store.enqueue(direct, T0);
    store.applyReceipt(receipt(broadcast.messageId, 'accepted', { recipients: ['AM', 'BY', 'KG'] }));
    store.applyReceipt(receipt(direct.messageId, 'accepted', { recipients: [] }));
    expect(store.get(broadcast.messageId)!.deliveries.map((d) => d.recipient)).toEqual(['AM', 'BY', 'KG']);
    expect(store.get(direct.messageId)!.deliveries.map((d) => d.recipient)).toEqual(['UZ']);
  });

  it('records a rejection with its reason, but never over an acceptance', () => {
    const [m, n] = [message(), message()];
    store.enqueue(m, T0);
    store.enqueue(n, T0);
    const rejected = store.applyReceipt(
      receipt(m.messageId, 'rejected', {
        reasonCode: 'ERR_RECIPIENT_UNKNOWN',
        detail: 'recipient XX is not registered',
      }),
    );
    expect(rejected).toMatchObject({ statusBefore: 'queued', statusAfter: 'rejected' });
    expect(store.get(m.messageId)).toMatchObject({
      status: 'rejected',
      reasonCode: 'ERR_RECIPIENT_UNKNOWN',
      reasonDetail: 'recipient XX is not registered',
    });

    store.applyReceipt(receipt(n.messageId, 'accepted'));
    const late = store.applyReceipt(receipt(n.messageId, 'rejected', { reasonCode: 'ERR_MESSAGE_ID_REUSED' }));
    expect(late).toMatchObject({ stored: true, statusBefore: 'accepted', statusAfter: 'accepted' });
    expect(store.get(n.messageId)).toMatchObject({ status: 'accepted', reasonCode: null });
    expect(store.get(n.messageId)!.receipts).toHaveLength(2);
  });

  it('takes a DELIVERED receipt that overtook its ACCEPTED one as acceptance', () => {
    const m = message({ recipients: ['BY', 'RU'] });
    store.enqueue(m, T0);
    const early = store.applyReceipt(receipt(m.messageId, 'delivered', { recipient: 'RU', receivedAt: T0 + 7 }));
    expect(early).toMatchObject({ statusBefore: 'queued', statusAfter: 'accepted', deliveredNow: ['RU'] });
    const accepted = store.applyReceipt(receipt(m.messageId, 'accepted', { recipients: ['BY', 'RU'] }));
    expect(accepted.deliveriesAdded).toEqual(['BY']);
    expect(store.get(m.messageId)!.deliveries.map((d) => [d.recipient, d.state])).toEqual([
      ['BY', 'pending'],
      ['RU', 'delivered'],
    ]);
  });

  it('applies a group of receipts in order in one transaction, each once, and none when one fails', () => {
    const a = message({ recipients: ['BY'] });
    const b = message({ recipients: ['RU'] });
    store.enqueue(a, T0);
    store.enqueue(b, T0);
    const accepted = receipt(a.messageId, 'accepted', { recipients: ['BY'] });
    // In one group: DELIVERED after ACCEPTED, and the same receipt twice.
    const effects = store.applyReceipts([
      accepted,
      receipt(a.messageId, 'delivered', { recipient: 'BY', receivedAt: T0 + 9 }),
      accepted,
      receipt(b.messageId, 'rejected', { reasonCode: 'ERR_POLICY_DENIED' }),
    ]);
    expect(effects.map((e) => [e.stored, e.statusAfter, e.deliveriesAdded, e.deliveredNow])).toEqual([
      [true, 'accepted', ['BY'], []],
      [true, 'accepted', [], ['BY']],
      [false, 'accepted', [], []],
      [true, 'rejected', [], []],
    ]);
    expect(store.get(a.messageId)!.receipts).toHaveLength(2);

    // A group whose last receipt cannot be stored: the first is not stored either.
    const c = message({ recipients: ['BY'] });
    store.enqueue(c, T0);
    const bad = { ...receipt(c.messageId, 'accepted'), status: 'lost' as ReceiptInput['status'] };
    expect(() => store.applyReceipts([receipt(c.messageId, 'accepted', { recipients: ['BY'] }), bad])).toThrow();
    expect(store.get(c.messageId)).toMatchObject({ status: 'queued', receipts: [] });
  });

  it('keeps a receipt about an unknown message without inventing a row', () => {
    const id = uuidv7();
    expect(store.applyReceipt(receipt(id, 'accepted', { recipients: ['BY'] }))).toEqual({
      stored: true,
      messageKnown: false,
      statusBefore: null,
      statusAfter: null,
      deliveriesAdded: [],
      deliveredNow: [],
    });
    expect(store.get(id)).toBeUndefined();
  });
});

describe('list, depth and oldestQueuedAge', () => {
  it('pages by message id, optionally by status', () => {
    const ids = Array.from({ length: 7 }, () => store.enqueue(message(), T0).row.messageId);
    store.markPublished(ids[1]!, T0, T0 + 1);
    store.markPublished(ids[4]!, T0, T0 + 1);
    store.applyReceipt(receipt(ids[5]!, 'accepted'));

    const page1 = store.list({ limit: 3 });
    const page2 = store.list({ limit: 3, after: page1.at(-1)!.messageId });
    const page3 = store.list({ limit: 3, after: page2.at(-1)!.messageId });
    expect([...page1, ...page2, ...page3].map((r) => r.messageId)).toEqual(ids);
    expect(page3).toHaveLength(1);

    expect(store.list({ status: 'published', limit: 10 }).map((r) => r.messageId)).toEqual([ids[1], ids[4]]);
    expect(store.list({ status: 'published', after: ids[1]!, limit: 10 }).map((r) => r.messageId)).toEqual([ids[4]]);
    expect(store.list({ status: 'queued', limit: 2 }).map((r) => r.messageId)).toEqual([ids[0], ids[2]]);
    expect(store.list({ status: 'rejected', limit: 10 })).toEqual([]);
    expect(store.list({ limit: 0 })).toHaveLength(1);
  });

  it('counts what awaits a verdict and the age of the oldest', () => {
    expect(store.depth()).toBe(0);
    expect(store.oldestQueuedAge(T0)).toBe(0);
    const a = store.enqueue(message(), T0).row;
    store.enqueue(message(), T0 + 1_000);
    store.markPublished(a.messageId, T0 + 10, T0 + 30_000);
    expect(store.depth()).toBe(2);
    expect(store.oldestQueuedAge(T0 + 5_000)).toBe(5_000);
    store.applyReceipt(receipt(a.messageId, 'accepted'));
    expect(store.depth()).toBe(1);
    expect(store.oldestQueuedAge(T0 + 5_000)).toBe(4_000);
  });
});

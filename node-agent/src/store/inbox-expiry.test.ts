import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { atc, createLogger, PayloadType, uuidv7 } from '@atc/shared';
import { DeliveryRecorder } from '../handover/delivery-recorder.js';
import { InboxStore, type NewInboxItem } from '../inbox/inbox-store.js';
import { pruneOutbox } from '../cli/prune-outbox.js';
import { AGENT_MIGRATIONS } from './agent-schema.js';
import { InboxExpiry } from './inbox-expiry.js';
import { openAgentDatabase, type AgentDb } from './open-agent-database.js';
import { OutboxPruner } from './outbox-pruner.js';
import { RetentionSchedule } from './retention-schedule.js';
import { OutboxStore } from './outbox-store.js';
import { testComposer } from '../testing/test-composer.js';

const T0 = 1_767_000_000_000;
const DAY = 86_400_000;
/** A name no other test data holds: found in the file's bytes only if expiry left it there. */
const MARKER = 'Testova-Expirable-Marker';

let dir: string;
let path: string;
let db: AgentDb;
let inbox: InboxStore;
let expiry: InboxExpiry;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atc-agent-expiry-'));
  path = join(dir, 'agent.db');
  db = openAgentDatabase(path);
  inbox = new InboxStore(db);
  expiry = new InboxExpiry(db);
});

afterEach(async () => {
  if (db.open) db.close();
  await rm(dir, { recursive: true, force: true });
});

const HEADER = new Uint8Array([7, 7, 7]);

function record(recordId: string, options: { type?: string; sender?: string; version?: number } = {}): NewInboxItem {
  return {
    messageId: uuidv7(),
    sender: options.sender ?? 'KZ',
    payloadType: options.type ?? PayloadType.PersonRecord,
    createdAt: T0,
    receivedAt: T0,
    tlp: 2,
    exercise: false,
    header: { sender: options.sender ?? 'KZ' },
    payload: {
      recordId,
      version: options.version ?? 1,
      names: [{ script: 'Latn', parts: [{ type: 'FAMILY', value: MARKER }] }],
    },
    envelope: atc.v1.Envelope.encode({
      header: HEADER,
      payload: new TextEncoder().encode(`${MARKER} ${recordId}`),
      signature: 'sig..nature',
    }).finish(),
  };
}

/** Stores `item` and has the national system take it at `at`. */
function taken(item: NewInboxItem, at: number): NewInboxItem {
  expect(inbox.add(item)).toBe(true);
  expect(inbox.markDelivered(item.messageId, at, 'webhook', true)).toBe(true);
  return item;
}

const envelopeRow = (id: string): Buffer =>
  db.prepare<[string], { envelope: Buffer }>('SELECT envelope FROM inbox WHERE message_id = ?').get(id)!.envelope;

describe('InboxExpiry', () => {
  it('empties only items taken before the retention, in bounded batches, keeping their signed header', async () => {
    const old = [1, 2, 3, 4, 5].map((n) => taken(record(`KZ-P-${n}`), T0 + n));
    const recent = taken(record('KZ-P-R'), T0 + 20 * DAY);
    const pending = record('KZ-P-W');
    inbox.add(pending);
    const failed = record('KZ-P-F');
    inbox.add(failed);
    inbox.markFailed(failed.messageId, 'HTTP 400');

    const before = T0 + 10 * DAY;
    expect(expiry.count(before)).toEqual({ items: 5 });
    const batches: number[] = [];
    expect(await expiry.expireAll(before, T0 + 30 * DAY, (b) => batches.push(b.items), 2)).toEqual({ items: 5 });
    expect(batches).toEqual([2, 2, 1]);

    for (const [n, m] of old.entries()) {
      expect(inbox.get(m.messageId)).toMatchObject({
        state: 'expired',
        expiredAt: T0 + 30 * DAY,
        deliveredAt: T0 + n + 1,
        header: { sender: 'KZ' },
        sender: 'KZ',
        payloadType: PayloadType.PersonRecord,
      });
      // Of the record, only its version is left (a later withdrawal names it in its PurgeAck).
      expect(inbox.get(m.messageId)?.payload).toEqual({ version: 1 });
      expect(inbox.envelopeOf(m.messageId)).toBeUndefined();
      // The envelope as received without its payload: still the signed header and signature.
      const kept = atc.v1.Envelope.decode(envelopeRow(m.messageId));
      expect(kept.payload).toHaveLength(0);
      expect(Buffer.from(kept.header).equals(Buffer.from(HEADER))).toBe(true);
      expect(kept.signature).toBe('sig..nature');
    }
    for (const m of [recent, pending, failed]) {
      expect(inbox.get(m.messageId)?.payload).toMatchObject({ recordId: m.payload['recordId'] });
      expect(inbox.envelopeOf(m.messageId)).toBeDefined();
    }
    // Left out of the listing, counted apart.
    expect(inbox.list({ limit: 100 }).map((i) => i.messageId)).toEqual([
      recent.messageId,
      pending.messageId,
      failed.messageId,
    ]);
    expect(inbox.list({ limit: 100, state: 'delivered' }).map((i) => i.messageId)).toEqual([recent.messageId]);
    expect(inbox.stats(T0).byState).toMatchObject({ delivered: 1, expired: 5, pending: 1, failed: 1 });
    // A second pass finds nothing; an expired item is not taken again.
    expect(await expiry.expireAll(before, T0 + 31 * DAY)).toEqual({ items: 0 });
    expect(inbox.markDelivered(old[0]!.messageId, T0 + 32 * DAY, 'api', false)).toBe(false);
    expect(inbox.get(old[0]!.messageId)?.expiredAt).toBe(T0 + 30 * DAY);
  });

  it('leaves no trace of the content in the database file or its write-ahead log', async () => {
    const items = [1, 2, 3].map((n) => taken(record(`KZ-P-${n}`), T0));
    await expiry.expireAll(T0 + DAY, T0 + 2 * DAY);
    for (const m of items) expect(inbox.get(m.messageId)?.state).toBe('expired');
    const files = [path, `${path}-wal`].filter((f) => existsSync(f));
    for (const f of files) expect((await readFile(f)).includes(MARKER), f).toBe(false);
  });

  it('lets a withdrawal that comes later erase an expired copy, and count it in its tombstone', () => {
    const v1 = taken(record('KZ-P-1'), T0);
    expiry.expireBatch(T0 + DAY, T0 + 2 * DAY);
    const w: NewInboxItem = {
      ...record('KZ-W-1'),
      payloadType: PayloadType.RecordWithdrawal,
      receivedAt: T0 + 3 * DAY,
      payload: {
        recordId: 'KZ-W-1',
        version: 1,
        target: { originator: 'KZ', recordId: 'KZ-P-1', version: 0 },
        reason: 'INACCURATE',
        explanation: 'Synthetic withdrawal of test data.',
      },
    };
    expect(inbox.add(w)).toBe(true);
    expect(inbox.get(v1.messageId)).toMatchObject({
      state: 'erased',
      erasedBy: w.messageId,
      expiredAt: T0 + 2 * DAY,
    });
    expect(inbox.withdrawals.get(w.messageId)).toMatchObject({ count: 1, itemIds: [v1.messageId] });
  });

  it('atc-agent state prune counts taken items with --dry-run, then empties them', async () => {
    taken(record('KZ-P-1'), T0);
    taken(record('KZ-P-2'), T0);
    const kept = taken(record('KZ-P-3'), T0 + 40 * DAY);
    db.close();
    const now = T0 + 35 * DAY;
    // Another outbox retention, so that each is seen to rule its own store.
    const options = { retentionMs: 60 * DAY, inboxRetentionMs: 30 * DAY, now };
    expect(await pruneOutbox(path, { ...options, dryRun: true })).toMatchObject({
      dryRun: true,
      inboxItems: 2,
      inboxBefore: T0 + 5 * DAY,
    });
    expect(await pruneOutbox(path, { ...options, dryRun: false })).toMatchObject({ dryRun: false, inboxItems: 2 });
    db = openAgentDatabase(path);
    inbox = new InboxStore(db);
    expect(inbox.list({ limit: 10 }).map((i) => i.messageId)).toEqual([kept.messageId]);
  });
});

/** KZ's withdrawal of its record `recordId` (every version: target version 0), received at `at`. */
function withdrawal(recordId: string, at: number): NewInboxItem {
  return {
    ...record(`KZ-W-${recordId}`),
    payloadType: PayloadType.RecordWithdrawal,
    receivedAt: at,
    payload: {
      recordId: `KZ-W-${recordId}`,
      version: 1,
      target: { originator: 'KZ', recordId, version: 0 },
      reason: 'INACCURATE',
      explanation: 'Synthetic withdrawal of test data.',
    },
  };
}

describe('an expired item afterwards', () => {
  it('is still named with its version in the tombstone and the PurgeAck of a later withdrawal', async () => {
    // The centre delivered versions 2 and 3 of the record to this member; it checks that the
    // PurgeAck names both (else ERR_PURGE_INCOMPLETE, and the purge stays open).
    const v2 = taken(record('KZ-P-1', { version: 2 }), T0);
    const v3 = taken(record('KZ-P-1', { version: 3 }), T0);
    expect(await expiry.expireAll(T0 + DAY, T0 + 2 * DAY)).toEqual({ items: 2 });
    const w = withdrawal('KZ-P-1', T0 + 3 * DAY);
    expect(inbox.add(w)).toBe(true);
    expect(inbox.withdrawals.get(w.messageId)).toMatchObject({
      count: 2,
      itemIds: [v2.messageId, v3.messageId],
      versions: [2, 3],
    });
    expect(inbox.withdrawals.purgeDue(w.messageId)).toMatchObject({ versions: [2, 3], count: 2 });
  });

  it('expires once taken at or before the boundary, not a millisecond later', async () => {
    const at = taken(record('KZ-P-1'), T0);
    const after = taken(record('KZ-P-2'), T0 + 1);
    expect(expiry.count(T0)).toEqual({ items: 1 });
    expect(await expiry.expireAll(T0, T0 + 1)).toEqual({ items: 1 });
    expect(inbox.get(at.messageId)?.state).toBe('expired');
    expect(inbox.get(after.messageId)?.state).toBe('delivered');
  });

  it('never dates the removal before the hand-over, on a clock that stepped back', async () => {
    const item = taken(record('KZ-P-1'), T0 + DAY);
    // A retention of zero on a clock now a minute behind the hand-over's.
    expect(await expiry.expireAll(T0 + DAY, T0 + DAY - 60_000)).toEqual({ items: 1 });
    expect(inbox.get(item.messageId)).toMatchObject({ state: 'expired', deliveredAt: T0 + DAY, expiredAt: T0 + DAY });
  });

  it('is acknowledged again when the centre routes its copy again', async () => {
    const outbox = new OutboxStore(db);
    const composer = testComposer(outbox, 'BY', T0);
    const recorder = new DeliveryRecorder({ db, inbox, withdrawals: inbox.withdrawals, composer });
    const item = record('KZ-P-1');
    inbox.add(item);
    recorder.deliver(item, T0, 'webhook');
    const firstAck = db
      .prepare<[string], { ack: string }>('SELECT ack_message_id AS ack FROM inbox WHERE message_id = ?')
      .get(item.messageId)!.ack;
    // The centre refused that DeliveryAck (the member was suspended, say) and, a month on,
    // routes the item again (atc-gateway deliveries resend): it still holds no DeliveryAck.
    db.prepare("UPDATE outbox SET status = 'rejected' WHERE message_id = ?").run(firstAck);
    expect(await expiry.expireAll(T0 + DAY, T0 + 31 * DAY)).toEqual({ items: 1 });
    expect(recorder.ackAgain(item.messageId)).toBe(true);
    expect(inbox.get(item.messageId)).toMatchObject({ state: 'expired', deliveredAt: T0, channel: 'webhook' });
    // Once sent, not again while it is on its way.
    expect(recorder.ackAgain(item.messageId)).toBe(false);
  });
});

describe('RetentionSchedule', () => {
  it('empties the taken items even when a pass cannot prune the outbox, and says the pass failed', async () => {
    const item = taken(record('KZ-P-1'), T0);
    // An outbox that cannot be pruned: its pruner's connection is closed.
    const other = openAgentDatabase(join(dir, 'other.db'));
    const pruner = new OutboxPruner(other);
    other.close();
    const lines: string[] = [];
    const logger = createLogger({
      name: 'retention-test',
      level: 'info',
      destination: { write: (l: string) => lines.push(l) },
    });
    const expired: number[] = [];
    const schedule = new RetentionSchedule({
      pruner,
      outboxRetentionMs: DAY,
      expiry,
      inboxRetentionMs: DAY,
      everyMs: 3_600_000,
      clock: () => T0 + 2 * DAY,
      logger,
      onExpired: (n) => expired.push(n),
    });
    await schedule.runNow();
    await schedule.stop();
    expect(inbox.get(item.messageId)).toMatchObject({ state: 'expired', expiredAt: T0 + 2 * DAY });
    expect(expired).toEqual([1]);
    expect(lines.join('')).toMatch(/retention failed; it runs again later/);
  });
});

describe('migration 9', () => {
  it('keeps every item, its cursor and the sequence that numbers the next one', () => {
    db.close();
    const file = join(dir, 'v8.db');
    const old = new Database(file);
    for (const m of AGENT_MIGRATIONS.slice(0, 8)) old.exec(m);
    old.pragma('user_version = 8');
    const insert = old.prepare(
      `INSERT INTO inbox (message_id, sender, payload_type, created_at, received_at, tlp, exercise, header_json,
         payload_json, envelope, state, next_attempt_at, delivered_at, channel, erased_at, erased_by)
       VALUES (?, 'KZ', 'atc.v1.PersonRecord', 0, 0, 2, 0, '{}', ?, x'01', ?, 0, ?, ?, ?, ?)`,
    );
    insert.run('a', '{"recordId":"A"}', 'delivered', T0, 'webhook', null, null);
    insert.run('b', '{}', 'erased', null, null, T0, 'w-1');
    insert.run('c', '{"recordId":"C"}', 'pending', null, null, null, null);
    // The newest item ever given out is gone from the table (as if deleted): its seq must not come back.
    insert.run('d', '{}', 'pending', null, null, null, null);
    old.prepare("DELETE FROM inbox WHERE message_id = 'd'").run();
    old.close();

    db = openAgentDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(AGENT_MIGRATIONS.length);
    inbox = new InboxStore(db);
    expect(['a', 'b', 'c'].map((id) => [inbox.get(id)?.seq, inbox.get(id)?.state])).toEqual([
      [1, 'delivered'],
      [2, 'erased'],
      [3, 'pending'],
    ]);
    expect(inbox.get('a')?.payload).toEqual({ recordId: 'A' });
    const next = record('KZ-P-N');
    inbox.add(next);
    expect(inbox.get(next.messageId)?.seq).toBe(5);
    // The new state is allowed, and only with its time.
    expect(() => db.prepare("UPDATE inbox SET state = 'expired' WHERE message_id = 'c'").run()).toThrow(/CHECK/);
    expect(new InboxExpiry(db).expireBatch(T0, T0 + 1)).toEqual({ items: 1 });
    expect(inbox.get('a')).toMatchObject({ state: 'expired', expiredAt: T0 + 1 });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});

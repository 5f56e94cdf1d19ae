import type Database from 'better-sqlite3';
import { PayloadType } from '@atc/shared';
import { WithdrawalStore } from './withdrawal-store.js';
import { dropRewrittenPages } from '../store/open-agent-database.js';

/**
 * Hand-over state of an inbox item; `erased` once its record was withdrawn (its content is
 * gone, a tombstone says why); `expired` once it was taken longer than the inbox retention
 * ago (its content is gone, see {@link InboxExpiry}).
 */
export type InboxState = 'pending' | 'delivered' | 'failed' | 'erased' | 'expired';

/** A verified item for the national system. */
export interface InboxItem {
  readonly seq: number;
  readonly messageId: string;
  readonly sender: string;
  readonly payloadType: string;
  readonly createdAt: number;
  readonly receivedAt: number;
  readonly tlp: number;
  readonly exercise: boolean;
  readonly header: Record<string, unknown>;
  readonly payload: Record<string, unknown>;
  readonly state: InboxState;
  readonly attempts: number;
  readonly nextAttemptAt: number;
  readonly lastError: string | null;
  readonly deliveredAt: number | null;
  readonly channel: 'webhook' | 'api' | null;
  /** When the item was erased (state `erased`). */
  readonly erasedAt: number | null;
  /** The RecordWithdrawal that erased it: the key of its tombstone. */
  readonly erasedBy: string | null;
  /** When its content was removed after the inbox retention (state `expired`, or erased since). */
  readonly expiredAt: number | null;
  /** The record it belongs to, `<originator>/<record id>` (see {@link orderKeyOf}). */
  readonly orderKey: string;
}

/** What {@link InboxStore.add} stores. */
export interface NewInboxItem {
  readonly messageId: string;
  readonly sender: string;
  readonly payloadType: string;
  readonly createdAt: number;
  readonly receivedAt: number;
  readonly tlp: number;
  readonly exercise: boolean;
  readonly header: Record<string, unknown>;
  readonly payload: Record<string, unknown>;
  readonly envelope: Uint8Array;
}

/** An item refused by verification: never handed over, kept for operators. */
export interface InboxQuarantineRow {
  readonly receivedAt: number;
  readonly reason: string;
  readonly detail: string;
  readonly envelopeSha256: Uint8Array;
  readonly size: number;
  readonly head: Uint8Array;
  readonly claimedSender: string | null;
  readonly messageId: string | null;
}

interface Row {
  seq: number;
  message_id: string;
  sender: string;
  payload_type: string;
  created_at: number;
  received_at: number;
  tlp: number;
  exercise: number;
  header_json: string;
  payload_json: string;
  state: InboxState;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  delivered_at: number | null;
  channel: 'webhook' | 'api' | null;
  erased_at: number | null;
  erased_by: string | null;
  expired_at: number | null;
  order_key: string;
}

const COLUMNS =
  'seq, message_id, sender, payload_type, created_at, received_at, tlp, exercise, header_json, payload_json, state, attempts, next_attempt_at, last_error, delivered_at, channel, erased_at, erased_by, expired_at, order_key';

function toItem(r: Row): InboxItem {
  return {
    seq: r.seq,
    messageId: r.message_id,
    sender: r.sender,
    payloadType: r.payload_type,
    createdAt: r.created_at,
    receivedAt: r.received_at,
    tlp: r.tlp,
    exercise: r.exercise === 1,
    header: JSON.parse(r.header_json) as Record<string, unknown>,
    payload: JSON.parse(r.payload_json) as Record<string, unknown>,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    deliveredAt: r.delivered_at,
    channel: r.channel,
    erasedAt: r.erased_at,
    erasedBy: r.erased_by,
    expiredAt: r.expired_at,
    orderKey: r.order_key,
  };
}

/** A non-empty string field of a JSON object, if there is one. */
function textField(value: unknown, name: string): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const field = (value as Record<string, unknown>)[name];
  return typeof field === 'string' && field !== '' ? field : undefined;
}

/**
 * The record an item belongs to, `<originator>/<record id>`: the withdrawn record for a
 * withdrawal (so that it follows the versions it withdraws), else the item's own record.
 * Items of one key are handed over in arrival order. Migration 4 computes the same in SQL.
 */
export function orderKeyOf(item: Pick<NewInboxItem, 'sender' | 'messageId' | 'payload'>): string {
  const target = item.payload['target'];
  const originator = textField(target, 'originator') ?? item.sender;
  const recordId = textField(target, 'recordId') ?? textField(item.payload, 'recordId') ?? item.messageId;
  return `${originator}/${recordId}`;
}

/**
 * The agent's inbox on SQLite: each message id once (duplicates from redelivery are
 * dropped), with its hand-over state. A RecordWithdrawal erases the items of its record as
 * it is stored (see {@link WithdrawalStore}); erased and expired items are not listed.
 */
export class InboxStore {
  /** Tombstones of withdrawn records. */
  readonly withdrawals: WithdrawalStore;
  private readonly stmts;
  readonly #addMany: (items: readonly NewInboxItem[]) => ('added' | 'erased' | 'duplicate')[];

  constructor(private readonly db: Database.Database) {
    this.withdrawals = new WithdrawalStore(db);
    this.stmts = {
      insert: db.prepare(
        `INSERT INTO inbox (message_id, sender, payload_type, created_at, received_at, tlp, exercise, header_json, payload_json, envelope, state, next_attempt_at, order_key)
         VALUES (@messageId, @sender, @payloadType, @createdAt, @receivedAt, @tlp, @exercise, @headerJson, @payloadJson, @envelope, 'pending', @receivedAt, @orderKey)
         ON CONFLICT (message_id) DO NOTHING`,
      ),
      get: db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM inbox WHERE message_id = ?`),
      envelope: db.prepare<[string], { envelope: Buffer }>(
        "SELECT envelope FROM inbox WHERE message_id = ? AND state NOT IN ('erased', 'expired')",
      ),
      list: db.prepare<[number, number], Row>(
        `SELECT ${COLUMNS} FROM inbox INDEXED BY inbox_listed WHERE seq > ? AND state NOT IN ('erased', 'expired') ORDER BY seq LIMIT ?`,
      ),
      listState: db.prepare<[number, string, number], Row>(
        `SELECT ${COLUMNS} FROM inbox WHERE seq > ? AND state = ? ORDER BY seq LIMIT ?`,
      ),
      // Due items that no earlier pending item of the same record holds back (in flight, or
      // waiting for its retry), oldest first.
      dueHeads: db.prepare<[number, number], { message_id: string }>(
        `SELECT message_id FROM inbox AS i INDEXED BY inbox_pending
         WHERE state = 'pending' AND next_attempt_at <= ?
           AND NOT EXISTS (SELECT 1 FROM inbox AS e INDEXED BY inbox_pending_key
                           WHERE e.state = 'pending' AND e.order_key = i.order_key AND e.seq < i.seq)
         ORDER BY seq LIMIT ?`,
      ),
      // Never an erased item: a hand-over that ends after the withdrawal came is not recorded.
      delivered: db.prepare(
        "UPDATE inbox SET state = 'delivered', delivered_at = ?, channel = ?, attempts = attempts + ? WHERE message_id = ? AND state IN ('pending', 'failed')",
      ),
      setAck: db.prepare('UPDATE inbox SET ack_message_id = ? WHERE message_id = ?'),
      retry: db.prepare(
        "UPDATE inbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE message_id = ? AND state = 'pending'",
      ),
      failed: db.prepare(
        "UPDATE inbox SET state = 'failed', attempts = attempts + 1, last_error = ? WHERE message_id = ? AND state = 'pending'",
      ),
      quarantine: db.prepare(
        `INSERT INTO inbox_quarantine (received_at, reason, detail, envelope_sha256, size, head, claimed_sender, message_id)
         VALUES (@receivedAt, @reason, @detail, @envelopeSha256, @size, @head, @claimedSender, @messageId)`,
      ),
      quarantined: db.prepare<[number], InboxQuarantineRow & { received_at: number }>(
        'SELECT received_at AS receivedAt, reason, detail, envelope_sha256 AS envelopeSha256, size, head, claimed_sender AS claimedSender, message_id AS messageId FROM inbox_quarantine ORDER BY id DESC LIMIT ?',
      ),
      counts: db.prepare<[], { state: InboxState; n: number }>('SELECT state, count(*) AS n FROM inbox GROUP BY state'),
      latest: db.prepare<[], { s: number | null }>('SELECT max(seq) AS s FROM inbox'),
      oldestPending: db.prepare<[], { t: number | null }>(
        "SELECT min(received_at) AS t FROM inbox WHERE state = 'pending'",
      ),
    };
    const addOne = (item: NewInboxItem): 'added' | 'erased' | 'duplicate' => {
      const info = this.stmts.insert.run({
        ...item,
        exercise: item.exercise ? 1 : 0,
        headerJson: JSON.stringify(item.header),
        payloadJson: JSON.stringify(item.payload),
        orderKey: orderKeyOf(item),
      });
      if (info.changes !== 1) return 'duplicate';
      if (item.payloadType === PayloadType.RecordWithdrawal) {
        return this.withdrawals.withdraw(item).count > 0 ? 'erased' : 'added';
      }
      return this.withdrawals.eraseIfWithdrawn(item, item.envelope) === undefined ? 'added' : 'erased';
    };
    this.#addMany = db.transaction((items: readonly NewInboxItem[]) => items.map(addOne));
  }

  /**
   * Stores a verified item; false when its message id is already in the inbox. In the same
   * transaction, a RecordWithdrawal erases the items of its record (keeping a tombstone), and
   * a version of a record withdrawn before is erased as it arrives.
   */
  add(item: NewInboxItem): boolean {
    const [added] = this.addMany([item]);
    return added === true;
  }

  /**
   * Stores verified items in one transaction (one commit for a burst of arrivals), in their
   * order, each as {@link add} would; per item, false when its message id was already in the
   * inbox (or earlier in `items`). Nothing is stored when it throws.
   */
  addMany(items: readonly NewInboxItem[]): boolean[] {
    const outcomes = this.#addMany(items);
    if (outcomes.includes('erased')) dropRewrittenPages(this.db);
    return outcomes.map((o) => o !== 'duplicate');
  }

  /** One item. */
  get(messageId: string): InboxItem | undefined {
    const r = this.stmts.get.get(messageId);
    return r === undefined ? undefined : toItem(r);
  }

  /** The signed envelope of an item, as received; `undefined` once erased or expired. */
  envelopeOf(messageId: string): Uint8Array | undefined {
    return this.stmts.envelope.get(messageId)?.envelope;
  }

  /** Items after the `after` cursor (a seq), oldest first. */
  list(options: { readonly after?: number; readonly limit: number; readonly state?: InboxState }): InboxItem[] {
    const after = options.after ?? 0;
    const rows =
      options.state === undefined
        ? this.stmts.list.all(after, options.limit)
        : this.stmts.listState.all(after, options.state, options.limit);
    return rows.map(toItem);
  }

  /** The cursor of the newest item (0 when the inbox is empty). */
  latestSeq(): number {
    return this.stmts.latest.get()?.s ?? 0;
  }

  /**
   * Up to `limit` pending items whose next webhook attempt is due, oldest first, leaving out
   * those in `skip` (in flight) and every item behind an earlier pending one of the same
   * record: versions of a record are handed over one at a time, in arrival order.
   */
  dueHeads(now: number, limit: number, skip: { has(id: string): boolean; readonly size: number }): InboxItem[] {
    return this.stmts.dueHeads
      .all(now, limit + skip.size)
      .filter((r) => !skip.has(r.message_id))
      .slice(0, limit)
      .flatMap((r) => {
        const row = this.stmts.get.get(r.message_id);
        return row === undefined ? [] : [toItem(row)];
      });
  }

  /** Records the hand-over; false when the item was already delivered (or is unknown). */
  markDelivered(messageId: string, at: number, channel: 'webhook' | 'api', countAttempt: boolean): boolean {
    return this.stmts.delivered.run(at, channel, countAttempt ? 1 : 0, messageId).changes === 1;
  }

  /** Remembers the DeliveryAck sent for an item. */
  setAckMessage(messageId: string, ackMessageId: string): void {
    this.stmts.setAck.run(ackMessageId, messageId);
  }

  /** Records a failed attempt and when to try again. */
  markRetry(messageId: string, nextAttemptAt: number, error: string): void {
    this.stmts.retry.run(nextAttemptAt, error.slice(0, 500), messageId);
  }

  /** Gives up on pushing an item; it stays readable through the API. */
  markFailed(messageId: string, error: string): void {
    this.stmts.failed.run(error.slice(0, 500), messageId);
  }

  /** Keeps an item refused by verification. */
  quarantine(row: InboxQuarantineRow): void {
    this.stmts.quarantine.run(row);
  }

  /** The newest refused items. */
  quarantined(limit: number): InboxQuarantineRow[] {
    return this.stmts.quarantined.all(limit);
  }

  /** Items by state, and the age of the oldest pending one, for metrics. */
  stats(now: number): { readonly byState: Record<InboxState, number>; readonly oldestPendingAgeMs: number } {
    const byState: Record<InboxState, number> = { pending: 0, delivered: 0, failed: 0, erased: 0, expired: 0 };
    for (const r of this.stmts.counts.all()) byState[r.state] = r.n;
    const oldest = this.stmts.oldestPending.get()?.t ?? null;
    return { byState, oldestPendingAgeMs: oldest === null ? 0 : now - oldest };
  }
}

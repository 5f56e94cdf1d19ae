import { withoutFsync } from '@atc/shared';
import { dropRewrittenPages, type AgentDb } from './open-agent-database.js';
import { inBatches } from './in-batches.js';
import { withoutPayload } from '../inbox/withdrawal-store.js';

/** Items expired per transaction, so the write lock is never held for long. */
export const EXPIRE_BATCH = 200;

/** What one expiry pass did (or, counted, would do). */
export interface InboxExpiryResult {
  /** Inbox items whose content was removed (or would be). */
  readonly items: number;
}

/** Items the national system took longer than the retention ago, the oldest hand-over first. */
const DUE = `SELECT message_id, envelope FROM inbox INDEXED BY inbox_taken
  WHERE state = 'delivered' AND delivered_at <= @before ORDER BY delivered_at LIMIT @limit`;

/**
 * Removes the content of inbox items the national system took longer than the retention ago
 * (ATC_INBOX_RETENTION): the agent is a relay, not a second register of the records it passed
 * on. An expired item keeps what says what it was (message id, sender, type, record version,
 * times, the signed header and its signature) and loses its payload, as an erased one does; `GET
 * /v1/inbox/{id}` then answers 410 `ERR_ITEM_EXPIRED`, and the listing leaves it out. Items not
 * taken (pending, failed) keep their content whatever their age. Works in batches of
 * {@link EXPIRE_BATCH}, each its own short transaction; the pages the batches rewrote are
 * moved out of the write-ahead log after a pass (secure_delete zeroes them in the file).
 */
export class InboxExpiry {
  private readonly s;

  constructor(private readonly db: AgentDb) {
    this.s = {
      due: db.prepare<[{ before: number; limit: number }], { message_id: string; envelope: Buffer }>(DUE),
      countDue: db.prepare<[{ before: number }], { items: number }>(
        `SELECT count(*) AS items FROM inbox INDEXED BY inbox_taken WHERE state = 'delivered' AND delivered_at <= @before`,
      ),
      expire: db.prepare<[{ id: string; envelope: Uint8Array; now: number }]>(
        // The record's version stays: a withdrawal that erases the item later names it in its
        // tombstone and PurgeAck (the centre holds the purge open until every version it
        // delivered is acknowledged).
        // Never before the hand-over, even on a clock that stepped back since.
        `UPDATE inbox SET state = 'expired', expired_at = max(@now, delivered_at), envelope = @envelope,
           payload_json = CASE WHEN json_type(payload_json, '$.version') = 'integer'
             THEN json_object('version', json_extract(payload_json, '$.version')) ELSE '{}' END
         WHERE message_id = @id AND state = 'delivered'`,
      ),
    };
  }

  /** What {@link expireAll} would expire, in all, for items taken at or before `before`. */
  count(before: number): InboxExpiryResult {
    return this.s.countDue.get({ before })!;
  }

  /**
   * Expires up to `limit` items taken at or before `before`, in one transaction. A batch lost
   * to a power cut is expired again by the next pass, so it does not wait for the disk.
   */
  expireBatch(before: number, now: number, limit = EXPIRE_BATCH): InboxExpiryResult {
    return withoutFsync(this.db, () =>
      this.db
        .transaction((): InboxExpiryResult => {
          let items = 0;
          for (const { message_id: id, envelope } of this.s.due.all({ before, limit })) {
            items += this.s.expire.run({ id, envelope: withoutPayload(envelope), now }).changes;
          }
          return { items };
        })
        .immediate(),
    );
  }

  /**
   * Expires every item taken at or before `before`, batch after batch (see {@link inBatches}).
   * `onBatch` is told of each.
   */
  async expireAll(
    before: number,
    now: number,
    onBatch?: (batch: InboxExpiryResult) => void,
    limit = EXPIRE_BATCH,
  ): Promise<InboxExpiryResult> {
    const batches = await inBatches(
      () => this.expireBatch(before, now, limit),
      (b) => b.items,
      limit,
      onBatch,
    );
    const items = batches.reduce((n, b) => n + b.items, 0);
    if (items > 0) dropRewrittenPages(this.db);
    return { items };
  }
}

import { PayloadType, sha256, withoutFsync } from '@atc/shared';
import type { AgentDb } from './open-agent-database.js';
import { inBatches } from './in-batches.js';
import { SEARCH_EXPIRED_AFTER_MS } from '../search/result-json.js';

/** Messages pruned per transaction, so the write lock is never held for long. */
export const PRUNE_BATCH = 200;

/** What one pruning pass did (or, dry, would do). */
export interface OutboxPruneResult {
  /** Messages pruned (or prunable, for a dry run). */
  readonly messages: number;
  /** Receipts removed with them (or that would be). */
  readonly receipts: number;
}

/**
 * Settled rows past the retention, oldest first. A search query is kept while this agent
 * holds its answer's content: a follow-up InformationRequest about a hit quotes the query's
 * header, which only its envelope holds. Once the answer is erased or expired (or none came
 * while the centre answers: accepted at or before `@answersUntil`), the query goes like any
 * message.
 */
const DUE = `SELECT message_id FROM outbox INDEXED BY outbox_settled
  WHERE settled_at IS NOT NULL AND settled_at <= @before
    AND (payload_type != '${PayloadType.DataBankQuery}' OR (NOT EXISTS (
      SELECT 1 FROM databank_searches s JOIN inbox i ON i.message_id = s.result_message_id
      WHERE s.query_id = outbox.message_id AND i.state NOT IN ('erased', 'expired'))
      AND (coalesce(accepted_at, 0) <= @answersUntil OR EXISTS (
        SELECT 1 FROM databank_searches s WHERE s.query_id = outbox.message_id AND s.result_message_id IS NOT NULL))))
  ORDER BY settled_at LIMIT @limit`;

/** At `now`, the centre may still answer the queries it accepted after this time. */
const answersUntil = (now: number): number => now - SEARCH_EXPIRED_AFTER_MS;

/**
 * Prunes settled outbox rows: a message whose last receipt (REJECTED, or ACCEPTED and every
 * recipient's DELIVERED) came longer than the retention ago loses its envelope, receipts and
 * deliveries. What is kept of it in outbox_pruned (status, reason, sender_sequence,
 * Idempotency-Key and request digest, the envelope's SHA-256) still answers a repeated request
 * as a repeat, GET /v1/messages/{id} with its final status, and keeps sender_sequence rising.
 * Works in batches of {@link PRUNE_BATCH}, each its own short transaction.
 */
export class OutboxPruner {
  private readonly s;

  constructor(private readonly db: AgentDb) {
    this.s = {
      due: db.prepare<[{ before: number; answersUntil: number; limit: number }], { message_id: string }>(DUE),
      countDue: db.prepare<[{ before: number; answersUntil: number }], { messages: number; receipts: number }>(
        `SELECT count(*) AS messages,
           coalesce(sum((SELECT count(*) FROM receipts r WHERE r.message_id = o.message_id)), 0) AS receipts
         FROM (${DUE.replace('LIMIT @limit', '')}) o`,
      ),
      envelopeOf: db.prepare<[string], { envelope: Buffer }>('SELECT envelope FROM outbox WHERE message_id = ?'),
      keep: db.prepare<[{ id: string; digest: Buffer; now: number }]>(
        `INSERT INTO outbox_pruned (message_id, sequence, payload_type, recipients, broadcast, status, reason_code,
           reason_detail, idempotency_key, request_sha256, envelope_sha256, created_at, published_at, accepted_at,
           attempts, settled_at, pruned_at)
         SELECT message_id, sequence, payload_type, recipients, broadcast, status, reason_code, reason_detail,
           idempotency_key, request_sha256, @digest, created_at, published_at, accepted_at, attempts, settled_at, @now
         FROM outbox WHERE message_id = @id`,
      ),
      deleteReceipts: db.prepare<[string]>('DELETE FROM receipts WHERE message_id = ?'),
      deleteDeliveries: db.prepare<[string]>('DELETE FROM deliveries WHERE message_id = ?'),
      deleteRow: db.prepare<[string]>('DELETE FROM outbox WHERE message_id = ?'),
    };
  }

  /** What {@link pruneBatch} would prune at `now`, in all, for rows settled at or before `before`. */
  count(before: number, now: number): OutboxPruneResult {
    return this.s.countDue.get({ before, answersUntil: answersUntil(now) })!;
  }

  /**
   * Prunes up to `limit` rows settled at or before `before`, in one transaction. A batch lost
   * to a power cut is pruned again by the next pass, so it does not wait for the disk.
   */
  pruneBatch(before: number, now: number, limit = PRUNE_BATCH): OutboxPruneResult {
    return withoutFsync(this.db, () =>
      this.db
        .transaction((): OutboxPruneResult => {
          let receipts = 0;
          const ids = this.s.due.all({ before, answersUntil: answersUntil(now), limit });
          for (const { message_id: id } of ids) {
            const envelope = this.s.envelopeOf.get(id)!.envelope;
            this.s.keep.run({ id, digest: sha256(envelope), now });
            receipts += this.s.deleteReceipts.run(id).changes;
            this.s.deleteDeliveries.run(id);
            this.s.deleteRow.run(id);
          }
          return { messages: ids.length, receipts };
        })
        .immediate(),
    );
  }

  /**
   * Prunes every row settled at or before `before`, batch after batch (see {@link inBatches}).
   * `onBatch` is told of each.
   */
  async pruneAll(
    before: number,
    now: number,
    onBatch?: (batch: OutboxPruneResult) => void,
    limit = PRUNE_BATCH,
  ): Promise<OutboxPruneResult> {
    const batches = await inBatches(
      () => this.pruneBatch(before, now, limit),
      (b) => b.messages,
      limit,
      onBatch,
    );
    return {
      messages: batches.reduce((n, b) => n + b.messages, 0),
      receipts: batches.reduce((n, b) => n + b.receipts, 0),
    };
  }
}

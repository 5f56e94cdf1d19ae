import type pg from 'pg';
import { qualified, type PgRowState, type PgTableNames } from './pg-tables.js';

/** A pending outbox row, as taken. `id` is the bigserial as text (it may pass 2^53). */
export interface PendingRow {
  readonly id: string;
  readonly payload: unknown;
}

/** What becomes of an outbox row after the agent's answer (or its receipt). */
export interface RowOutcome {
  readonly id: string;
  readonly state: PgRowState;
  readonly messageId: string | null;
  readonly receiptStatus: 'accepted' | 'rejected' | null;
  readonly refusalCode: string | null;
  readonly refusalDetail: string | null;
}

/** A sent row waiting for its receipt. */
export interface SentRow {
  readonly id: string;
  readonly messageId: string;
}

/** The largest page of sent rows read at once when their receipts are looked up. */
export const SENT_PAGE = 1000;

/** A received item as the inbox table holds it. */
export interface InboxRowInput {
  readonly messageId: string;
  readonly receivedAt: string;
  readonly sender: string;
  readonly payloadType: string;
  readonly exercise: boolean;
  readonly header: unknown;
  readonly record: unknown;
  readonly tombstone: unknown;
}

/**
 * The SQL of the adapter on the national system's tables. Every statement runs on the
 * connection it is given; transactions are the caller's.
 */
export class PgRows {
  readonly #outbox: string;
  readonly #inbox: string;

  constructor(names: PgTableNames) {
    this.#outbox = qualified(names, 'outbox');
    this.#inbox = qualified(names, 'inbox');
  }

  /**
   * Locks up to `limit` pending rows in id order; rows another agent (or transaction) holds
   * are skipped, not waited for.
   */
  async takePending(client: pg.ClientBase, limit: number): Promise<PendingRow[]> {
    const { rows } = await client.query<PendingRow>(
      `SELECT id::text AS id, payload FROM ${this.#outbox}
       WHERE state = 'pending' ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows;
  }

  /** Writes outcomes back in one statement; a row only ever moves forward from `onlyFrom`. */
  async writeOutcomes(
    client: pg.ClientBase,
    outcomes: readonly RowOutcome[],
    onlyFrom: typeof PgRowState.pending | typeof PgRowState.sent,
  ): Promise<void> {
    if (outcomes.length === 0) return;
    await client.query(
      `UPDATE ${this.#outbox} AS t
       SET state = v.state, message_id = coalesce(v.message_id, t.message_id), receipt_status = v.receipt_status,
           refusal_code = v.refusal_code, refusal_detail = v.refusal_detail, updated_at = now()
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
         AS v(id, state, message_id, receipt_status, refusal_code, refusal_detail)
       WHERE t.id = v.id AND t.state = $7`,
      [
        outcomes.map((o) => o.id),
        outcomes.map((o) => o.state),
        outcomes.map((o) => o.messageId),
        outcomes.map((o) => o.receiptStatus),
        outcomes.map((o) => o.refusalCode),
        outcomes.map((o) => o.refusalDetail),
        onlyFrom,
      ],
    );
  }

  /**
   * Writes the verdicts of messages whose receipts just arrived into the rows that sent
   * them (by message id); returns the states written, one per row moved.
   */
  async settleByMessageId(client: pg.ClientBase, outcomes: readonly Omit<RowOutcome, 'id'>[]): Promise<PgRowState[]> {
    if (outcomes.length === 0) return [];
    const { rows } = await client.query<{ state: PgRowState }>(
      `UPDATE ${this.#outbox} AS t
       SET state = v.state, receipt_status = v.receipt_status, refusal_code = v.refusal_code,
           refusal_detail = v.refusal_detail, updated_at = now()
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
         AS v(message_id, state, receipt_status, refusal_code, refusal_detail)
       WHERE t.message_id = v.message_id AND t.state = 'sent'
       RETURNING t.state`,
      [
        outcomes.map((o) => o.messageId),
        outcomes.map((o) => o.state),
        outcomes.map((o) => o.receiptStatus),
        outcomes.map((o) => o.refusalCode),
        outcomes.map((o) => o.refusalDetail),
      ],
    );
    return rows.map((r) => r.state);
  }

  /** A page of rows waiting for their receipt, in id order after `afterId`. */
  async sentAfter(client: pg.ClientBase, afterId: string): Promise<SentRow[]> {
    const { rows } = await client.query<{ id: string; message_id: string }>(
      `SELECT id::text AS id, message_id FROM ${this.#outbox}
       WHERE state = 'sent' AND id > $1::bigint ORDER BY id LIMIT $2`,
      [afterId, SENT_PAGE],
    );
    return rows.map((r) => ({ id: r.id, messageId: r.message_id }));
  }

  /** Inserts received items; one already there (same message id) is left as it is. */
  async insertInbox(client: pg.ClientBase, items: readonly InboxRowInput[]): Promise<void> {
    if (items.length === 0) return;
    const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));
    await client.query(
      `INSERT INTO ${this.#inbox} (message_id, received_at, sender, payload_type, exercise, header, record, tombstone)
       SELECT v.message_id, v.received_at, v.sender, v.payload_type, v.exercise, v.header::jsonb, v.record::jsonb,
              v.tombstone::jsonb
       FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::boolean[], $6::text[], $7::text[],
                   $8::text[])
         AS v(message_id, received_at, sender, payload_type, exercise, header, record, tombstone)
       ON CONFLICT (message_id) DO NOTHING`,
      [
        items.map((i) => i.messageId),
        items.map((i) => i.receivedAt),
        items.map((i) => i.sender),
        items.map((i) => i.payloadType),
        items.map((i) => i.exercise),
        items.map((i) => json(i.header)),
        items.map((i) => json(i.record)),
        items.map((i) => json(i.tombstone)),
      ],
    );
  }
}

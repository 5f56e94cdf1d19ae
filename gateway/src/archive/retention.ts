import { PayloadType, payloadKind } from '@atc/shared';
import { eraseEnvelopePayload } from './erased-envelope.js';
import type { SqlDb } from './sql/sql-db.js';

/** How long each record type's payload is kept after archiving (ms); `default` for the rest. */
export type RetentionPolicy = Readonly<Record<string, number>>;

/** Rows erased per transaction, so a large sweep never holds the write lock for long. */
const SWEEP_BATCH = 500;

const RECORD_TYPES = Object.values(PayloadType).filter((t) => payloadKind(t) === 'record');

const SQL = {
  due: `SELECT seq, envelope FROM messages
    WHERE payload_erased_at IS NULL AND payload_type IN (${RECORD_TYPES.map((t) => `'${t}'`).join(', ')})
      AND (review_by <= ? OR (payload_type = ? AND archived_at <= ?))
    LIMIT ?`,
  erase: 'UPDATE messages SET envelope = ?, payload_erased_at = ? WHERE seq = ? AND payload_erased_at IS NULL',
} as const;

/**
 * Retention (DESIGN.md section 5): once a record's handling.review_by has passed, or its
 * type's retention period since archiving, its payload bytes are erased. Header, signature
 * and leaf hash stay, so the log and `archive verify` still hold; control messages (acks,
 * receipts, key events) are kept whole.
 */
export class RetentionSweeper {
  constructor(
    private readonly db: SqlDb,
    private readonly policy: RetentionPolicy,
  ) {}

  /** Erases every payload due at `now`; returns how many. */
  async sweep(now: number, onProgress?: (erased: number) => void): Promise<number> {
    let total = 0;
    // One pass per record type with its own period; the default applies to every type.
    const fallback = this.policy['default'] ?? Number.POSITIVE_INFINITY;
    for (const type of RECORD_TYPES) {
      const period = this.policy[type] ?? fallback;
      const byType = Number.isFinite(period) ? now - period : -1;
      for (;;) {
        const erased = await this.db.transaction(
          async () => {
            const rows = await this.db.all<{ seq: number; envelope: Buffer }>(SQL.due, [
              now,
              type,
              byType,
              SWEEP_BATCH,
            ]);
            for (const r of rows) await this.db.run(SQL.erase, [eraseEnvelopePayload(r.envelope), now, r.seq]);
            return rows.length;
          },
          { write: true },
        );
        total += erased;
        if (erased > 0) onProgress?.(total);
        if (erased < SWEEP_BATCH) break;
      }
    }
    return total;
  }
}

import { PayloadType, payloadKind, Periodic, type Clock, type Component, type Logger } from '@atc/shared';
import { eraseEnvelopePayload } from '../domain/erased-envelope.js';
import type { SqlDb, SqlValue } from '../db/sql-db.js';

/** How long each record type's payload is kept after archiving (ms); `default` for the rest. */
export type RetentionPolicy = Readonly<Record<string, number>>;

/** Rows erased per transaction, so a large sweep never holds the write lock for long. */
const SWEEP_BATCH = 500;

/** Types whose payloads retention erases: the records, and the data bank's answers, which quote records. */
const RECORD_TYPES = [
  ...Object.values(PayloadType).filter((t) => payloadKind(t) === 'record'),
  PayloadType.DataBankResult,
];

const RECORD_TYPE_LIST = RECORD_TYPES.map((t) => `'${t}'`).join(', ');

/**
 * Each finds due payloads through an index: messages_review, then messages_unerased. The
 * type test of the first is written as an expression so that SQLite does not pick the
 * type index for it (which would read every unerased record).
 */
const SQL = {
  dueForReview: `SELECT seq, envelope FROM messages
    WHERE review_by <= ? AND review_by IS NOT NULL AND payload_erased_at IS NULL AND (payload_type || '') IN (${RECORD_TYPE_LIST})
    LIMIT ?`,
  dueByAge: `SELECT seq, envelope FROM messages
    WHERE payload_type = ? AND archived_at <= ? AND payload_erased_at IS NULL
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
    const eraseAll = async (sql: string, params: readonly SqlValue[]): Promise<void> => {
      for (;;) {
        const erased = await this.db.transaction(
          async () => {
            const rows = await this.db.all<{ seq: number; envelope: Buffer }>(sql, [...params, SWEEP_BATCH]);
            for (const r of rows) await this.db.run(SQL.erase, [eraseEnvelopePayload(r.envelope), now, r.seq]);
            return rows.length;
          },
          { write: true },
        );
        total += erased;
        if (erased > 0) onProgress?.(total);
        if (erased < SWEEP_BATCH) return;
      }
    };
    await eraseAll(SQL.dueForReview, [now]);
    // Then each record type whose period has run out (the default applies to every type).
    const fallback = this.policy['default'] ?? Number.POSITIVE_INFINITY;
    for (const type of RECORD_TYPES) {
      const period = this.policy[type] ?? fallback;
      if (Number.isFinite(period)) await eraseAll(SQL.dueByAge, [type, now - period]);
    }
    return total;
  }
}

/**
 * The gateway's retention schedule: sweeps every `everyMs`, and once at start without
 * waiting for it (a large first sweep must not hold up the start). A failed sweep is logged
 * and the next one tries again; `stop` waits for a sweep in flight.
 */
export class RetentionSchedule implements Component {
  readonly #periodic: Periodic;

  constructor(options: {
    readonly sweeper: RetentionSweeper;
    readonly everyMs: number;
    readonly clock: Clock;
    readonly logger: Logger;
  }) {
    const { sweeper, clock, logger } = options;
    this.#periodic = new Periodic({
      name: 'retention sweep',
      everyMs: options.everyMs,
      runAtStart: true,
      logger,
      task: async () => {
        const erased = await sweeper.sweep(clock());
        if (erased > 0) logger.info({ erased }, 'retention erased payloads');
      },
    });
  }

  start(): void {
    this.#periodic.start();
  }

  stop(): Promise<void> {
    return this.#periodic.stop();
  }
}

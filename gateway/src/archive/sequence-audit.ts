import { Periodic, type Clock, type Component, type Logger } from '@atc/shared';
import type { SequenceAnomalyRow } from '../domain/batch-write.js';
import type { SqlDb } from '../db/sql-db.js';
import { insertRows } from '../db/insert-rows.js';

/**
 * Leaves one audit run reads at most (a few columns each, under the write lock); the next run
 * goes on from there. A run every 10 s keeps up with 2,000 submissions/s.
 */
const LEAVES_PER_RUN = 20_000;
/** Numbers above a member's watermark one run reads at most, per member. */
const NUMBERS_PER_MEMBER = 5_000;

const SQL = {
  cursor: "SELECT value FROM gateway_state WHERE key = 'sequence_audit_next_leaf'",
  setCursor: "UPDATE gateway_state SET value = ? WHERE key = 'sequence_audit_next_leaf'",
  marks: 'SELECT member, contiguous_through, highest FROM sequence_watermarks',
  upsertMark: `INSERT INTO sequence_watermarks (member, contiguous_through, highest) VALUES (?, ?, ?)
    ON CONFLICT (member) DO UPDATE SET contiguous_through = excluded.contiguous_through, highest = excluded.highest`,
  newLeaves: `SELECT leaf_index, message_id, sender, sender_sequence FROM messages
    WHERE leaf_index >= ? AND leaf_index < ? AND sender <> ? ORDER BY leaf_index`,
  /** Among new leaves, those whose sender used their sender_sequence on an earlier leaf. */
  reused: `SELECT m.leaf_index FROM messages m WHERE m.leaf_index >= ? AND m.leaf_index < ? AND m.sender <> ?
    AND EXISTS (SELECT 1 FROM messages o WHERE o.sender = m.sender AND o.sender_sequence = m.sender_sequence
      AND o.leaf_index < m.leaf_index)`,
  logEnd: 'SELECT COALESCE(MAX(leaf_index) + 1, 0) AS n FROM messages',
  above: `SELECT sender_sequence, message_id, archived_at FROM messages WHERE sender = ? AND sender_sequence > ?
    ORDER BY sender_sequence, leaf_index LIMIT ?`,
} as const;

interface Mark {
  contiguous: number;
  highest: number;
  changed: boolean;
}

/**
 * The sender_sequence audit (replaces judging sequences per batch, which flagged false gaps
 * whenever two replicas committed one sender's batches out of order). It reads the archive
 * log, the one order every replica shares, and keeps per member a watermark: the highest
 * number archived with every number below it. Its verdicts depend only on what the archive
 * holds, never on which replica committed what when:
 *
 * - a *regression* is a number the member already used on an earlier leaf (an agent whose
 *   counter went back, e.g. restored from a backup): reported as soon as it is audited;
 * - a *gap* is a number still missing below one archived at least `graceMs` ago (a message
 *   lost, or refused): reported once, after which the watermark moves past it. A number
 *   that arrives late, within the grace, is no anomaly.
 *
 * Every run is one write transaction under the archive's write lock, so replicas that all
 * run it take turns and each verdict is written once.
 */
export class SequenceAudit {
  constructor(
    private readonly db: SqlDb,
    private readonly options: { readonly gatewayId: string; readonly graceMs: number },
  ) {}

  /** Audits what was archived since the last run; returns (and records) the anomalies found. */
  run(now: number): Promise<SequenceAnomalyRow[]> {
    return this.db.transaction(() => this.#run(now), { write: true });
  }

  async #run(now: number): Promise<SequenceAnomalyRow[]> {
    const { db } = this;
    const { gatewayId, graceMs } = this.options;
    const from = (await db.get<{ value: number }>(SQL.cursor))?.value ?? 0;
    const end = Math.min((await db.get<{ n: number }>(SQL.logEnd))?.n ?? 0, from + LEAVES_PER_RUN);
    const marks = new Map<string, Mark>();
    for (const r of await db.all<{ member: string; contiguous_through: number; highest: number }>(SQL.marks)) {
      marks.set(r.member, { contiguous: r.contiguous_through, highest: r.highest, changed: false });
    }
    const markOf = (member: string): Mark => {
      let mark = marks.get(member);
      if (mark === undefined) {
        mark = { contiguous: 0, highest: 0, changed: true };
        marks.set(member, mark);
      }
      return mark;
    };
    const found: SequenceAnomalyRow[] = [];
    if (end > from) {
      const reused = new Set(
        (await db.all<{ leaf_index: number }>(SQL.reused, [from, end, gatewayId])).map((r) => r.leaf_index),
      );
      const leaves = await db.all<{ leaf_index: number; message_id: string; sender: string; sender_sequence: number }>(
        SQL.newLeaves,
        [from, end, gatewayId],
      );
      for (const leaf of leaves) {
        const mark = markOf(leaf.sender);
        const got = leaf.sender_sequence;
        if (reused.has(leaf.leaf_index)) {
          found.push({
            member: leaf.sender,
            messageId: leaf.message_id,
            kind: 'regression',
            expected: mark.highest + 1,
            got,
            at: now,
          });
        }
        if (got > mark.highest) {
          mark.highest = got;
          mark.changed = true;
        }
      }
    }
    for (const [member, mark] of marks) {
      if (mark.contiguous >= mark.highest) continue;
      const numbers = await db.all<{ sender_sequence: number; message_id: string; archived_at: number }>(SQL.above, [
        member,
        mark.contiguous,
        NUMBERS_PER_MEMBER,
      ]);
      for (const n of numbers) {
        const got = n.sender_sequence;
        const expected = mark.contiguous + 1;
        if (got < expected) continue;
        if (got > expected) {
          // Numbers missing below one archived within the grace may still come.
          if (n.archived_at > now - graceMs) break;
          found.push({ member, messageId: n.message_id, kind: 'gap', expected, got, at: now });
        }
        mark.contiguous = got;
        mark.changed = true;
      }
    }
    for (const [member, mark] of marks) {
      if (mark.changed) await db.run(SQL.upsertMark, [member, mark.contiguous, mark.highest]);
    }
    await insertRows(
      db,
      'sequence_anomalies',
      ['member', 'message_id', 'kind', 'expected', 'got', 'at'],
      found.map((a) => [a.member, a.messageId, a.kind, a.expected, a.got, a.at]),
    );
    if (end > from) await db.run(SQL.setCursor, [end]);
    return found;
  }
}

/** Runs the {@link SequenceAudit} on a timer and tells of each anomaly it records. */
export class SequenceAuditSchedule implements Component {
  readonly #periodic: Periodic;

  constructor(options: {
    readonly audit: SequenceAudit;
    readonly everyMs: number;
    readonly clock: Clock;
    readonly logger: Logger;
    readonly onAnomaly: (anomaly: SequenceAnomalyRow) => void;
  }) {
    const { audit, clock, logger, onAnomaly } = options;
    this.#periodic = new Periodic({
      name: 'sequence audit',
      everyMs: options.everyMs,
      runAtStart: true,
      logger,
      task: async () => {
        for (const anomaly of await audit.run(clock())) {
          logger.warn({ ...anomaly }, `sender_sequence ${anomaly.kind} of ${anomaly.member}`);
          onAnomaly(anomaly);
        }
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

import { Periodic, type Clock, type Component, type Logger } from '@atc/shared';
import { marks, padded } from '../db/insert-rows.js';
import type { SqlDb } from '../db/sql-db.js';

/** Which signed checkpoints are kept. */
export interface CheckpointKeepPolicy {
  /** Every checkpoint younger than this is kept (ms). */
  readonly keepAllMs: number;
  /** Of the older ones, the last of each period of this length (ms, from the Unix epoch: days in UTC) is kept. */
  readonly keepOnePerMs: number;
}

/** What a pruning pass removed (or, dry, would remove). */
export interface CheckpointPruneResult {
  readonly checkpoints: number;
  readonly cosignatures: number;
}

/** Checkpoints read, and at most deleted, per transaction. */
const PAGE = 500;

const SQL = {
  page: 'SELECT tree_size, created_at FROM checkpoints WHERE tree_size > ? ORDER BY tree_size LIMIT ?',
  // Index cosignatures_witness: one entry per witness.
  witnessesLatest: 'SELECT witness, max(tree_size) AS size FROM cosignatures GROUP BY witness',
  firstAfter: 'SELECT tree_size FROM checkpoints WHERE tree_size > ? ORDER BY tree_size LIMIT 1',
} as const;

/**
 * Prunes the log's old checkpoints and their cosignatures (DESIGN.md section 5). Nothing the
 * log's proofs need is removed: the tree's nodes stay, so an inclusion or consistency proof
 * for any size is still served, and a receipt carries its own signed checkpoint. Kept are the
 * newest checkpoint, every checkpoint younger than `keepAllMs` (a witness cosigns what it was
 * served moments ago), the last checkpoint of each `keepOnePerMs` period before that (a
 * history an auditor can walk with consistency proofs), and for each witness the newest
 * checkpoint it cosigned with the first one after it (the "cosignature missing" alarm dates
 * the wait from it). Each page of {@link PAGE} checkpoints is read and pruned in one short
 * write transaction; passes are idempotent, so two replicas pruning at once do no harm.
 */
export class CheckpointPruner {
  /**
   * @param pageSize checkpoints read, and at most deleted, per transaction (default 500).
   */
  constructor(
    private readonly db: SqlDb,
    private readonly policy: CheckpointKeepPolicy,
    private readonly pageSize = PAGE,
  ) {
    if (!(policy.keepOnePerMs > 0) || !(policy.keepAllMs >= 0)) {
      throw new RangeError('keepOnePerMs must be above 0 and keepAllMs at least 0');
    }
  }

  /** Prunes (or with `dryRun` only counts) what the policy lets go at `now`. */
  async prune(
    now: number,
    options: { readonly dryRun?: boolean; readonly onBatch?: (batch: CheckpointPruneResult) => void } = {},
  ): Promise<CheckpointPruneResult> {
    const horizon = now - this.policy.keepAllMs;
    const kept = await this.witnessSizes();
    let checkpoints = 0;
    let cosignatures = 0;
    let after = -1;
    for (;;) {
      // One beyond the page tells whether the page's last checkpoint is the last of its period.
      const rows = await this.db.all<{ tree_size: number; created_at: number }>(SQL.page, [after, this.pageSize + 1]);
      const doomed: number[] = [];
      let done = rows.length <= this.pageSize;
      for (let i = 0; i < Math.min(rows.length, this.pageSize); i++) {
        const row = rows[i]!;
        const next = rows[i + 1];
        if (row.created_at >= horizon) {
          done = true;
          break;
        }
        // The newest checkpoint has no next one.
        if (next === undefined || kept.has(row.tree_size)) continue;
        if (this.period(next.created_at) !== this.period(row.created_at)) continue;
        doomed.push(row.tree_size);
      }
      if (doomed.length > 0) {
        const batch = options.dryRun === true ? await this.count(doomed) : await this.delete(doomed);
        checkpoints += batch.checkpoints;
        cosignatures += batch.cosignatures;
        options.onBatch?.(batch);
      }
      if (done) return { checkpoints, cosignatures };
      after = rows[this.pageSize - 1]!.tree_size;
    }
  }

  private period(createdAt: number): number {
    return Math.floor(createdAt / this.policy.keepOnePerMs);
  }

  /** Each witness's newest cosigned checkpoint and the one after it. */
  private async witnessSizes(): Promise<Set<number>> {
    const kept = new Set<number>();
    for (const w of await this.db.all<{ witness: string; size: number }>(SQL.witnessesLatest)) {
      kept.add(w.size);
      const next = await this.db.get<{ tree_size: number }>(SQL.firstAfter, [w.size]);
      if (next !== undefined) kept.add(next.tree_size);
    }
    return kept;
  }

  private async count(sizes: readonly number[]): Promise<CheckpointPruneResult> {
    // A page's sizes, padded to one of a few lengths (a repeated size changes no result).
    const list = padded(sizes);
    const n = await this.db.get<{ n: number }>(
      `SELECT count(*) AS n FROM cosignatures WHERE tree_size IN (${marks(list.length)})`,
      list,
    );
    return { checkpoints: sizes.length, cosignatures: n?.n ?? 0 };
  }

  /** Deletes the checkpoints and their cosignatures; a lost commit is redone by the next pass. */
  private delete(sizes: readonly number[]): Promise<CheckpointPruneResult> {
    const list = padded(sizes);
    const marked = marks(list.length);
    return this.db.transaction(
      async () => {
        const cosignatures = await this.db.run(`DELETE FROM cosignatures WHERE tree_size IN (${marked})`, list);
        const checkpoints = await this.db.run(`DELETE FROM checkpoints WHERE tree_size IN (${marked})`, list);
        return { checkpoints, cosignatures };
      },
      { write: true, relaxed: true },
    );
  }
}

/**
 * Prunes checkpoints every `everyMs`, and once at start without waiting for it. A failed
 * pass is logged and the next one tries again; `stop` waits for a pass in flight.
 */
export class CheckpointPruneSchedule implements Component {
  readonly #periodic: Periodic;

  constructor(options: {
    readonly pruner: CheckpointPruner;
    readonly everyMs: number;
    readonly clock: Clock;
    readonly logger: Logger;
    /** Told of each batch pruned. */
    readonly onPruned?: (batch: CheckpointPruneResult) => void;
  }) {
    const { pruner, clock, logger } = options;
    this.#periodic = new Periodic({
      name: 'checkpoint pruning',
      everyMs: options.everyMs,
      runAtStart: true,
      logger,
      task: async () => {
        const pruned = await pruner.prune(clock(), { ...(options.onPruned ? { onBatch: options.onPruned } : {}) });
        if (pruned.checkpoints > 0) logger.info({ ...pruned }, 'old log checkpoints pruned');
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

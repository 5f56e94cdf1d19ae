import { openAgentDatabase } from '../store/open-agent-database.js';
import { InboxExpiry } from '../store/inbox-expiry.js';
import { OutboxPruner, type OutboxPruneResult } from '../store/outbox-pruner.js';

/** What `atc-agent state prune` did, or would do with `dryRun`. */
export interface PruneOutboxReport extends OutboxPruneResult {
  readonly dryRun: boolean;
  /** Rows settled at or before this time were (or would be) pruned. */
  readonly before: number;
  /** Inbox items taken at or before `inboxBefore` whose content was (or would be) removed. */
  readonly inboxItems: number;
  readonly inboxBefore: number;
}

/**
 * Prunes the settled outbox messages of the agent database at `databasePath` whose last
 * receipt is older than `retentionMs`, and removes the content of the inbox items the
 * national system took longer than `inboxRetentionMs` ago (what the running agent does every
 * ATC_OUTBOX_PRUNE_INTERVAL), or only counts them. Safe while the agent runs: each batch is a
 * short transaction of its own.
 */
export async function pruneOutbox(
  databasePath: string,
  options: {
    readonly retentionMs: number;
    readonly inboxRetentionMs: number;
    readonly dryRun: boolean;
    readonly now?: number;
  },
): Promise<PruneOutboxReport> {
  const db = openAgentDatabase(databasePath);
  try {
    const now = options.now ?? Date.now();
    const before = now - options.retentionMs;
    const inboxBefore = now - options.inboxRetentionMs;
    const pruner = new OutboxPruner(db);
    const expiry = new InboxExpiry(db);
    const result = options.dryRun ? pruner.count(before, now) : await pruner.pruneAll(before, now);
    const inbox = options.dryRun ? expiry.count(inboxBefore) : await expiry.expireAll(inboxBefore, now);
    return { ...result, dryRun: options.dryRun, before, inboxItems: inbox.items, inboxBefore };
  } finally {
    db.close();
  }
}

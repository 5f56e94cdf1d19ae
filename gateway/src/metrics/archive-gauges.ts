import { stat } from 'node:fs/promises';
import type { StorageHealth } from '@atc/shared';
import type { MerkleLog } from '../archive/merkle-log.js';
import { witnessWait } from '../console-api/member-activity.js';
import { bankPathOf } from '../db/bank-file.js';
import type { SqlDb } from '../db/sql-db.js';
import type { GatewayMetrics } from './gateway-metrics.js';

/** What {@link refreshArchiveGauges} reads. */
export interface ArchiveGaugeSources {
  readonly db: SqlDb;
  readonly log: Pick<MerkleLog, 'size' | 'latestCheckpoint'>;
  /** The archive's storage and its folder: free space (SQLite only; undefined with PostgreSQL). */
  readonly storage: Pick<StorageHealth, 'freeBytes'>;
  readonly folder: string | undefined;
  /** The active members, whose agents are the log's witnesses. */
  readonly witnesses: () => Promise<readonly string[]>;
  readonly now: number;
}

type ArchiveGauges = Pick<
  GatewayMetrics,
  | 'logEntries'
  | 'checkpointAgeSeconds'
  | 'witnessWaitSeconds'
  | 'witnessNeverCosigned'
  | 'archiveBytes'
  | 'archiveDiskFreeBytes'
>;

/** Bytes of a file, 0 when it does not exist (a WAL between checkpoints may not). */
async function fileBytes(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw e;
  }
}

async function archiveBytes(db: SqlDb): Promise<number> {
  if (db.dialect === 'postgres') {
    // pg_database_size is a bigint, returned as a string by the driver.
    const row = await db.get<{ n: string | number }>('SELECT pg_database_size(current_database()) AS n');
    return Number(row?.n ?? 0);
  }
  // With the data bank's file beside it (db/bank-file.ts), as PostgreSQL counts the bank's tables.
  const bank = bankPathOf(db.location);
  let bytes = 0;
  for (const file of [db.location, `${db.location}-wal`, bank, `${bank}-wal`]) bytes += await fileBytes(file);
  return bytes;
}

/**
 * Sets the gauges about the archive before a scrape: log size, the newest checkpoint's age,
 * how long each witness's cosignature has been waited for, the archive's size and its disk's
 * free space. Each is a few index reads, so that a scrape stays cheap.
 */
export async function refreshArchiveGauges(metrics: ArchiveGauges, sources: ArchiveGaugeSources): Promise<void> {
  const { db, log, now } = sources;
  metrics.logEntries.set(await log.size());
  const latest = await log.latestCheckpoint();
  metrics.checkpointAgeSeconds.set(latest === undefined ? 0 : Math.max(0, now - latest.createdAt) / 1000);

  // Reset first: a member suspended or removed since the last scrape leaves no stale series.
  metrics.witnessWaitSeconds.reset();
  metrics.witnessNeverCosigned.reset();
  for (const witness of await sources.witnesses()) {
    const wait = await witnessWait(db, witness);
    metrics.witnessWaitSeconds.set(
      { witness },
      wait.waiting === undefined ? 0 : Math.max(0, now - wait.waiting.createdAt) / 1000,
    );
    metrics.witnessNeverCosigned.set({ witness }, wait.cosignedSize === null ? 1 : 0);
  }

  metrics.archiveBytes.set(await archiveBytes(db));
  // No series rather than a 0 that would read as a full disk.
  metrics.archiveDiskFreeBytes.reset();
  const free = await sources.storage.freeBytes();
  if (free !== undefined && sources.folder !== undefined)
    metrics.archiveDiskFreeBytes.set({ folder: sources.folder }, free);
}

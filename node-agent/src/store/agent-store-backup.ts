import Database from 'better-sqlite3';
import { AtcError, ErrorCode, snapshotBackup, writeBackupFile } from '@atc/shared';
import { AGENT_MIGRATIONS } from './agent-schema.js';

/** What a checked agent database holds. */
export interface AgentStoreReport {
  /** Messages in the outbox, and how many the gateway has not yet confirmed (queued or published). */
  readonly outbox: number;
  readonly unconfirmed: number;
  /** The last sender_sequence reserved. */
  readonly senderSequence: number;
  /** Items in the inbox, and tombstones of withdrawals. */
  readonly inbox: number;
  readonly withdrawals: number;
  /** The largest checkpoint of the centre's log this agent, as a witness, accepted (0: none). */
  readonly witnessedTreeSize: number;
}

/** Tables every agent database has, whatever its schema version. */
const AGENT_TABLES = ['outbox', 'receipts', 'deliveries', 'agent_state'] as const;

/**
 * Writes a backup of the agent database at `databasePath` to `target` while the agent may be
 * running: SQLite's online backup of one snapshot into a temporary file, checked as
 * {@link checkAgentStoreFile} does, fsynced and renamed (see `writeBackupFile`). The copy is a
 * single file (rollback journal); an agent opening it returns to WAL.
 *
 * @throws AtcError BACKUP_TARGET_EXISTS (unless `force`), BACKUP_UNWRITABLE or BACKUP_INVALID.
 */
export function backupAgentStore(
  databasePath: string,
  target: string,
  options: { readonly force?: boolean; readonly onProgress?: (done: number, total: number) => void } = {},
): Promise<AgentStoreReport> {
  return writeBackupFile(target, { what: 'the backup', force: options.force ?? false }, async (temporary) => {
    const source = openReadonly(databasePath, databasePath);
    try {
      await snapshotBackup(source, temporary, options.onProgress);
    } finally {
      source.close();
    }
    const copy = new Database(temporary);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    return checkAgentStoreFile(temporary, `the copy of ${databasePath}`);
  });
}

/**
 * Restores a backup to `target`, a new file (the agent is stopped, or `target` is in a new
 * data dir): checks it as {@link checkAgentStoreFile} does, then copies it all or nothing.
 *
 * @throws AtcError BACKUP_INVALID, BACKUP_TARGET_EXISTS or BACKUP_UNWRITABLE; nothing is written then.
 */
export async function restoreAgentStore(backup: string, target: string): Promise<AgentStoreReport> {
  const report = checkAgentStoreFile(backup);
  await writeBackupFile(target, { what: 'the restored agent database' }, async (temporary) => {
    const source = openReadonly(backup, backup);
    try {
      await snapshotBackup(source, temporary);
    } finally {
      source.close();
    }
  });
  return report;
}

/**
 * Checks that `file` (named `label` in messages) is a whole agent database this agent can
 * run on: SQLite's integrity_check and foreign_key_check, the agent's tables and a schema
 * version it knows, and the invariants the agent keeps: no outbox message has a
 * sender_sequence above the last one reserved (else the agent would give a number twice).
 * Reads only.
 *
 * @throws AtcError BACKUP_INVALID naming what does not hold.
 */
export function checkAgentStoreFile(file: string, label: string = file): AgentStoreReport {
  const db = openReadonly(file, label);
  try {
    const problem = structureProblem(db) ?? invariantProblem(db);
    if (problem !== undefined) throw invalid(label, problem);
    const count = (sql: string): number => (db.prepare(sql).get() as { n: number | null }).n ?? 0;
    const tables = tableNames(db);
    return {
      outbox: count('SELECT count(*) AS n FROM outbox'),
      unconfirmed: count("SELECT count(*) AS n FROM outbox WHERE status IN ('queued', 'published')"),
      senderSequence: count("SELECT value AS n FROM agent_state WHERE key = 'sender_sequence'"),
      inbox: tables.has('inbox') ? count('SELECT count(*) AS n FROM inbox') : 0,
      withdrawals: tables.has('inbox_withdrawals') ? count('SELECT count(*) AS n FROM inbox_withdrawals') : 0,
      witnessedTreeSize: tables.has('witness_checkpoints')
        ? count('SELECT max(tree_size) AS n FROM witness_checkpoints')
        : 0,
    };
  } catch (e) {
    if (e instanceof AtcError) throw e;
    throw invalid(label, `SQLite cannot read it (${(e as Error).message})`, e);
  } finally {
    db.close();
  }
}

function openReadonly(file: string, label: string): Database.Database {
  try {
    return new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw invalid(label, `it cannot be opened (${(e as Error).message})`, e);
  }
}

function tableNames(db: Database.Database): Set<string> {
  return new Set(
    (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name),
  );
}

function structureProblem(db: Database.Database): string | undefined {
  // A file that is not SQLite fails here with "file is not a database".
  const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  if (integrity.length !== 1 || integrity[0] !== 'ok') {
    return `SQLite's integrity_check finds it damaged (${integrity.slice(0, 3).join('; ')})`;
  }
  const missing = AGENT_TABLES.filter((t) => !tableNames(db).has(t));
  if (missing.length > 0) return `it is not an ATC agent database (no table ${missing.join(', ')})`;
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > AGENT_MIGRATIONS.length) {
    return `its schema version ${version} is newer than this agent knows (${AGENT_MIGRATIONS.length}); restore it with the agent version that wrote it`;
  }
  return undefined;
}

function invariantProblem(db: Database.Database): string | undefined {
  const orphans = db.pragma('foreign_key_check') as { table: string; parent: string }[];
  if (orphans.length > 0) {
    return `${orphans.length} rows refer to missing rows (first: ${orphans[0]!.table} -> ${orphans[0]!.parent})`;
  }
  const sequences = db
    .prepare(
      `SELECT max(coalesce((SELECT max(sequence) FROM outbox), 0), ${prunedMax(db)}) AS used,
         (SELECT value FROM agent_state WHERE key = 'sender_sequence') AS reserved`,
    )
    .get() as { used: number | null; reserved: number | null };
  if (sequences.reserved === null) return 'it has no sender_sequence counter';
  if ((sequences.used ?? 0) > sequences.reserved) {
    return `an outbox message has sender_sequence ${sequences.used}, above the last one reserved (${sequences.reserved})`;
  }
  return undefined;
}

/** The highest sender_sequence of a pruned message, as SQL (0 before migration 7 made the table). */
function prunedMax(db: Database.Database): string {
  return tableNames(db).has('outbox_pruned') ? '(SELECT coalesce(max(sequence), 0) FROM outbox_pruned)' : '0';
}

function invalid(label: string, what: string, cause?: unknown): AtcError {
  return new AtcError(
    ErrorCode.BACKUP_INVALID,
    `${label} is not a usable agent database: ${what}. Nothing was written.`,
    cause === undefined ? {} : { cause },
  );
}

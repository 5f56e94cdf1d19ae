import Database from 'better-sqlite3';
import { AtcError, ErrorCode, snapshotBackup, writeBackupFile } from '@atc/shared';
import { openDatabase } from '../db/open-database.js';
import { MIGRATIONS } from '../db/schema.js';
import { SqliteDb } from '../db/sqlite-db.js';
import { verifyArchive, type ArchiveVerification, type VerifyOptions } from './verify-archive.js';

/** What a checked archive file holds: its verified log and the latest signed checkpoint. */
export interface ArchiveFileReport {
  readonly verification: ArchiveVerification;
  /** The latest checkpoint stored in the file (`undefined` for an archive that never signed one). */
  readonly checkpoint: { readonly size: number; readonly rootHash: string } | undefined;
}

/** Settings of {@link backupArchive} and {@link restoreArchive}. */
export interface ArchiveBackupOptions {
  /** The gateway whose log the file must verify against (its id, key and log origin). */
  readonly verify: Omit<VerifyOptions, 'onProgress'>;
  /** Reports the copy's progress in pages, and then the verification's in entries. */
  readonly onProgress?: (phase: 'copy' | 'verify', done: number, total: number) => void;
}

/** Tables every archive has, whatever its schema version. */
const ARCHIVE_TABLES = ['messages', 'log_nodes', 'checkpoints', 'gateway_state'] as const;

/**
 * Writes a backup of the SQLite archive at `archivePath` to `target` while a gateway may be
 * running and writing: SQLite's online backup of one snapshot, into a temporary file that is
 * then checked as {@link checkArchiveFile} does, fsynced and renamed (see `writeBackupFile`).
 * The copy is a single file (rollback journal, not WAL); a gateway opening it returns to WAL.
 *
 * @throws AtcError BACKUP_TARGET_EXISTS (unless `force`), BACKUP_UNWRITABLE, or BACKUP_INVALID
 *   when the copy does not verify (then the live archive does not either: run `archive verify`).
 */
export async function backupArchive(
  archivePath: string,
  target: string,
  options: ArchiveBackupOptions & { readonly force?: boolean },
): Promise<ArchiveFileReport> {
  return writeBackupFile(target, { what: 'the backup', force: options.force ?? false }, async (temporary) => {
    const source = openDatabase(archivePath, { readonly: true });
    try {
      await snapshotBackup(source, temporary, (done, total) => options.onProgress?.('copy', done, total));
    } finally {
      source.close();
    }
    const copy = new Database(temporary);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    return checkArchiveFile(temporary, options, `the copy of ${archivePath}`);
  });
}

/**
 * Restores a backup to `target`, a new file (the gateway is stopped, or `target` is the
 * archive of a new one): checks the backup as {@link checkArchiveFile} does, then copies it
 * all or nothing. An existing target, or one with a -wal or -shm beside it, is refused.
 *
 * @throws AtcError BACKUP_INVALID, BACKUP_TARGET_EXISTS or BACKUP_UNWRITABLE; nothing is written then.
 */
export async function restoreArchive(
  backup: string,
  target: string,
  options: ArchiveBackupOptions,
): Promise<ArchiveFileReport> {
  const report = await checkArchiveFile(backup, options);
  await writeBackupFile(target, { what: 'the restored archive' }, async (temporary) => {
    const source = openBackup(backup);
    try {
      await snapshotBackup(source, temporary, (done, total) => options.onProgress?.('copy', done, total));
    } finally {
      source.close();
    }
  });
  return report;
}

/**
 * Checks that `file` (named `label` in messages) is a whole, untouched archive of this gateway: SQLite's integrity_check,
 * the archive's tables and a schema version this gateway knows, then `archive verify`'s checks
 * of the log (every envelope, signature, subtree and signed checkpoint). Reads only.
 *
 * @throws AtcError BACKUP_INVALID naming what does not hold.
 */
export async function checkArchiveFile(
  file: string,
  options: ArchiveBackupOptions,
  label: string = file,
): Promise<ArchiveFileReport> {
  const db = openBackup(file, label);
  try {
    const problem = structureProblem(db);
    if (problem !== undefined) throw invalid(label, problem);
    const verification = await verifyArchive(new SqliteDb(db, file), {
      ...options.verify,
      onProgress: (done, total) => options.onProgress?.('verify', done, total),
    }).catch((e: unknown) => {
      throw invalid(label, `its log cannot be read (${(e as Error).message})`, e);
    });
    const d = verification.discrepancy;
    if (d !== undefined) {
      throw invalid(
        label,
        `its log does not verify (${ErrorCode.ARCHIVE_TAMPERED}: ${d.leafIndex === null ? '' : `leaf ${d.leafIndex}: `}${d.what})`,
      );
    }
    const latest = db.prepare('SELECT tree_size, root_hash FROM checkpoints ORDER BY tree_size DESC LIMIT 1').get() as
      { tree_size: number; root_hash: Buffer } | undefined;
    return {
      verification,
      checkpoint:
        latest === undefined ? undefined : { size: latest.tree_size, rootHash: latest.root_hash.toString('base64') },
    };
  } catch (e) {
    if (e instanceof AtcError) throw e;
    throw invalid(label, `SQLite cannot read it (${(e as Error).message})`, e);
  } finally {
    db.close();
  }
}

function openBackup(file: string, label: string = file): Database.Database {
  try {
    return new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw invalid(label, `it cannot be opened (${(e as Error).message})`, e);
  }
}

/** What makes `db` not an archive this gateway can restore, or `undefined`. */
function structureProblem(db: Database.Database): string | undefined {
  // A file that is not SQLite fails here with "file is not a database".
  const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  if (integrity.length !== 1 || integrity[0] !== 'ok') {
    return `SQLite's integrity_check finds it damaged (${integrity.slice(0, 3).join('; ')})`;
  }
  const tables = new Set(
    (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name),
  );
  const missing = ARCHIVE_TABLES.filter((t) => !tables.has(t));
  if (missing.length > 0) return `it is not an ATC archive (no table ${missing.join(', ')})`;
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    return `its schema version ${version} is newer than this gateway knows (${MIGRATIONS.length}); restore it with the gateway version that wrote it`;
  }
  return undefined;
}

function invalid(label: string, what: string, cause?: unknown): AtcError {
  return new AtcError(
    ErrorCode.BACKUP_INVALID,
    `${label} is not a usable archive: ${what}. Nothing was written.`,
    cause === undefined ? {} : { cause },
  );
}

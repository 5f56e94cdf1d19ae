import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, link, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { AtcError, ErrorCode, isAtcError } from '../errors/atc-error.js';

/** How far a backup is, as SQLite's online backup reports it. */
export interface SqliteBackupProgress {
  readonly totalPages: number;
  readonly remainingPages: number;
}

/** The part of a better-sqlite3 connection an online backup uses. */
export interface SqliteBackupSource {
  exec(sql: string): unknown;
  prepare(sql: string): { get(...params: unknown[]): unknown };
  backup(file: string, options?: { progress?: (info: SqliteBackupProgress) => number }): Promise<unknown>;
}

/** Pages copied per step (4 KiB each): small steps keep the event loop free to report progress. */
const PAGES_PER_STEP = 2_048;

/** Files SQLite keeps beside a database while it is open or was not closed cleanly. */
const COMPANIONS = ['-wal', '-shm', '-journal'] as const;

/**
 * Copies the database of `source` to `file` with SQLite's online backup, as of one snapshot:
 * a read transaction is held on `source` for the whole copy, so that writes by other
 * connections or processes (a running service, in WAL mode) neither restart the copy nor
 * leak into it. Meanwhile the WAL cannot be checkpointed past that snapshot; it shrinks
 * again once the copy ends. `onProgress` hears pages done and total after every step.
 */
export async function snapshotBackup(
  source: SqliteBackupSource,
  file: string,
  onProgress?: (donePages: number, totalPages: number) => void,
): Promise<void> {
  source.exec('BEGIN');
  try {
    // A deferred transaction takes its snapshot at its first read.
    source.prepare('SELECT count(*) FROM sqlite_schema').get();
    await source.backup(file, {
      progress: (info) => {
        onProgress?.(info.totalPages - info.remainingPages, info.totalPages);
        return PAGES_PER_STEP;
      },
    });
  } finally {
    source.exec('COMMIT');
  }
}

/** Options of {@link writeBackupFile}. */
export interface WriteBackupOptions {
  /** Replace an existing file at the target (never one with a -wal or -shm beside it: that one is in use). */
  readonly force?: boolean;
  /** What is written, for messages: "the backup", "the restored archive". */
  readonly what: string;
}

/**
 * Writes `target` all or nothing: `write` fills a hidden temporary file in the target's
 * folder (and may check it), which is then fsynced and moved to `target`, and the folder
 * fsynced; if anything fails the temporary file is removed and `target` is untouched. An
 * existing target is refused unless `force`; a target with SQLite's -wal, -shm or -journal
 * beside it (a database in use, or not closed cleanly) always is.
 *
 * @throws AtcError BACKUP_TARGET_EXISTS, BACKUP_UNWRITABLE (the folder is missing or a write
 *   fails), or what `write` throws.
 */
export async function writeBackupFile<T>(
  target: string,
  options: WriteBackupOptions,
  write: (temporaryFile: string) => Promise<T>,
): Promise<T> {
  const file = resolve(target);
  const folder = dirname(file);
  await checkFolder(folder, file, options.what);
  for (const suffix of COMPANIONS) {
    if (await exists(file + suffix)) {
      throw new AtcError(
        ErrorCode.BACKUP_TARGET_EXISTS,
        `${file}${suffix} exists: a database at ${file} is in use or was not closed cleanly; ${options.what} was not written. Choose another file.`,
      );
    }
  }
  if (options.force !== true && (await exists(file))) {
    throw new AtcError(
      ErrorCode.BACKUP_TARGET_EXISTS,
      `${file} exists already; ${options.what} was not written. Choose a new file name${options.what === 'the backup' ? ', or give --force to replace it' : ''}.`,
    );
  }
  const temporary = join(folder, `.${basename(file)}.${randomBytes(6).toString('hex')}.partial`);
  try {
    const result = await write(temporary);
    await fsync(temporary, 'r+');
    if (options.force === true) await rename(temporary, file);
    else {
      // link() refuses an existing name: a file that appeared meanwhile is not replaced.
      await link(temporary, file);
      await rm(temporary);
    }
    await fsync(folder, 'r');
    return result;
  } catch (e) {
    await removeWithCompanions(temporary);
    if (isAtcError(e)) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      throw new AtcError(
        ErrorCode.BACKUP_TARGET_EXISTS,
        `${file} appeared while ${options.what} was written; it was left as it is. Choose a new file name.`,
        { cause: e },
      );
    }
    throw new AtcError(
      ErrorCode.BACKUP_UNWRITABLE,
      `cannot write ${options.what} to ${file} (${(e as Error).message}); nothing was left there. Check the folder's free space and permissions.`,
      { cause: e },
    );
  }
}

async function checkFolder(folder: string, file: string, what: string): Promise<void> {
  const problem = await stat(folder).then(
    (s) => (s.isDirectory() ? undefined : 'is not a folder'),
    () => 'does not exist',
  );
  const denied =
    problem === undefined &&
    (await access(folder, constants.W_OK | constants.X_OK).then(
      () => false,
      () => true,
    ));
  if (problem !== undefined || denied) {
    throw new AtcError(
      ErrorCode.BACKUP_UNWRITABLE,
      `cannot write ${what} to ${file}: the folder ${folder} ${problem ?? 'is not writable by this user'}. Give a file in a folder that exists and can be written.`,
    );
  }
  if (
    await stat(file).then(
      (s) => s.isDirectory(),
      () => false,
    )
  ) {
    throw new AtcError(
      ErrorCode.BACKUP_TARGET_EXISTS,
      `${file} is a folder; ${what} was not written. Give a file name.`,
    );
  }
}

function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function fsync(path: string, flags: 'r' | 'r+'): Promise<void> {
  const handle = await open(path, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function removeWithCompanions(path: string): Promise<void> {
  for (const suffix of ['', ...COMPANIONS]) await rm(path + suffix, { force: true });
}

import Database from 'better-sqlite3';
import { AtcError, ErrorCode } from '@atc/shared';
import { POSTGRES_MIGRATIONS } from './postgres-schema.js';
import { MIGRATIONS } from './schema.js';
import { attachBank } from './bank-file.js';
import { PostgresDb, redactedUrl, type PostgresDbOptions } from './postgres-db.js';
import type { SqlDb } from './sql-db.js';
import { BUSY_TIMEOUT_MS, SqliteDb } from './sqlite-db.js';

/** The SQLite connection type used by the archive. */
export type Db = Database.Database;

/** Where the archive lives: a SQLite file, or a PostgreSQL database. */
export type ArchiveLocation = { readonly path: string } | PostgresDbOptions;

/**
 * Longest wait for one statement of the running service on PostgreSQL. Its statements are
 * short (a batch commit, an API read, a probe, a bounded step of the data bank), so one
 * unanswered this long means a link gone silent. The operator's commands (archive verify,
 * databank rebuild and the rest) and migrations have no bound: their work can take minutes.
 */
export const SERVICE_QUERY_TIMEOUT_MS = 15_000;

/** `location` as the running service opens it: on PostgreSQL, with {@link SERVICE_QUERY_TIMEOUT_MS}. */
export function serviceArchiveLocation(location: ArchiveLocation): ArchiveLocation {
  return 'path' in location ? location : { ...location, queryTimeoutMs: SERVICE_QUERY_TIMEOUT_MS };
}

/** Advisory lock key serialising schema migrations of gateway replicas starting together. */
const MIGRATION_LOCK_KEY = 0x41_54_43_4d; // "ATCM"

/**
 * Opens the archive (creating and migrating its schema if needed): SQLite by default,
 * PostgreSQL when `location` has a URL. Refuses a database written by a newer version.
 */
export async function openArchiveDb(location: ArchiveLocation): Promise<SqlDb> {
  if ('path' in location) return new SqliteDb(openDatabase(location.path), location.path);
  // Migrations run unbounded, on a connection of their own when the archive's are bounded.
  const bounded = location.queryTimeoutMs !== undefined;
  const db = new PostgresDb(location, redactedUrl(location.url));
  const migrating = bounded
    ? new PostgresDb({ ...location, queryTimeoutMs: undefined, maxConnections: 1 }, db.location)
    : db;
  try {
    try {
      await migratePostgres(migrating);
    } finally {
      if (bounded) await migrating.close();
    }
  } catch (e) {
    await db.close();
    if (e instanceof AtcError) throw e;
    throw new AtcError(
      ErrorCode.INTERNAL,
      `the PostgreSQL archive at ${db.location} cannot be opened (${(e as Error).message}); check ATC_ARCHIVE_URL, ATC_ARCHIVE_PASSWORD and that the server accepts connections.`,
      { cause: e },
    );
  }
  return db;
}

/**
 * The page size of a new SQLite archive: 4 KiB, SQLite's own. A commit writes each page it
 * changed to the write-ahead log as a frame of its own, and a batch changes pages all over the
 * messages table, its indexes, the deliveries, receipts and log tables: a batch of 20 about a
 * hundred, whatever their size. Larger pages take fewer frames but more bytes: 16 KiB pages
 * (new archives' size from 2026-12-07 to 2026-12-08) wrote 1.8-2.8 times the bytes, into the
 * log and again into the database at each checkpoint, and the committer took 16-22% more CPU
 * per message in batches of 20 and 6-14% more in batches of 5 (README, Performance, "Which page
 * size, then": pairs run side by side), for 2-4% more throughput in a drain of full batches.
 * SQLite cannot change the page size of a database in WAL mode, so an existing archive keeps
 * its own.
 */
export const NEW_ARCHIVE_PAGE_SIZE = 4_096;

/** SQLite's page cache per read-write connection, in KiB. */
const CACHE_KIB = 32 * 1024;

/**
 * Opens (creating if needed) the SQLite archive at `path` in WAL mode with full fsync on
 * commit, and applies pending migrations, with the data bank's file attached (see
 * {@link attachBank}). Refuses a database written by a newer version.
 */
export function openDatabase(path: string, options: { readonly readonly?: boolean } = {}): Db {
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('foreign_keys = ON');
    if (options.readonly !== true) {
      // Only a file without pages takes it; an archive keeps the page size it was created with.
      if (db.pragma('page_count', { simple: true }) === 0) db.pragma(`page_size = ${NEW_ARCHIVE_PAGE_SIZE}`);
      db.pragma('journal_mode = WAL');
      // FULL: a commit is on disk before the JetStream message is acknowledged.
      db.pragma('synchronous = FULL');
      // 32 MiB of page cache (the default is 2 MiB): the indexes the pipeline and the data bank
      // write at random places stay in memory instead of being read again for every insert.
      db.pragma(`cache_size = -${CACHE_KIB}`);
      migrate(db);
    }
    attachBank(db, path, { readonly: options.readonly ?? false, cacheKib: CACHE_KIB });
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

function checkVersion(current: number): void {
  if (current > MIGRATIONS.length) {
    throw new AtcError(
      ErrorCode.INTERNAL,
      `the archive database has schema version ${current}, newer than this gateway knows (${MIGRATIONS.length}); upgrade the gateway.`,
    );
  }
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  checkVersion(current);
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}

/** Applies pending migrations, one replica at a time (the others wait on the lock, then find nothing to do). */
async function migratePostgres(db: PostgresDb): Promise<void> {
  await db.transaction(async () => {
    await db.get('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK_KEY]);
    await db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const row = await db.get<{ version: number }>('SELECT version FROM schema_version');
    if (row === undefined) await db.run('INSERT INTO schema_version (version) VALUES (0)');
    const current = row?.version ?? 0;
    checkVersion(current);
    for (let version = current; version < POSTGRES_MIGRATIONS.length; version++) {
      await db.exec(POSTGRES_MIGRATIONS[version]!);
      await db.run('UPDATE schema_version SET version = ?', [version + 1]);
    }
  });
}

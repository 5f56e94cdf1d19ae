import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { AtcError, ErrorCode } from '@atc/shared';
import { BANK_FILE_TABLES, BANK_TABLES_AS_OF, MIGRATIONS } from './schema.js';

/** The schema name the bank's file is attached under on every connection to the archive. */
export const BANK_SCHEMA = 'bank';

/**
 * The data bank's file beside the SQLite archive at `archivePath` (`archive.db` ->
 * `archive.databank.db`). It holds the bank's projection only, all of it rebuildable from the
 * archive: backups of the archive leave it out, and a gateway rebuilds it when it is missing.
 */
export function bankPathOf(archivePath: string): string {
  if (archivePath === ':memory:' || archivePath === '') return archivePath;
  return `${archivePath.endsWith('.db') ? archivePath.slice(0, -3) : archivePath}.databank.db`;
}

/** The table of the bank's file that names the archive it projects (and that its writers lock). */
const FILE_TABLE = 'databank_file';

/** Versioned schema of the bank's file, applied as the archive's MIGRATIONS are (`PRAGMA bank.user_version`). */
const BANK_MIGRATIONS: readonly (() => string)[] = [
  // 1: the bank's tables as the archive's migrations 1-18 left them, derived from those migrations
  // (the definitions are written once), and the file's own table. Its cursor row and the
  // archive's id are written by the reset that follows (a new file is stale: it names no archive).
  () => `
  ${bankTablesAsOf18().join(';\n')};
  CREATE TABLE ${BANK_SCHEMA}.${FILE_TABLE} (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    archive_id  INTEGER NOT NULL
  ) STRICT;
  `,
];

let derived: string[] | undefined;

/**
 * The CREATE statements of the bank's tables and indexes as migrations 1-18 leave them in an
 * empty database, each moved into the bank's schema.
 */
function bankTablesAsOf18(): string[] {
  if (derived !== undefined) return derived;
  const scratch = new Database(':memory:');
  try {
    for (const m of MIGRATIONS.slice(0, BANK_TABLES_AS_OF)) scratch.exec(m);
    const rows = scratch
      .prepare(
        `SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND tbl_name IN (${BANK_FILE_TABLES.map(() => '?').join(', ')})
         ORDER BY type = 'index', rowid`,
      )
      .all(...BANK_FILE_TABLES) as { sql: string }[];
    derived = rows.map((r) => r.sql.replace(/^CREATE (TABLE|INDEX|UNIQUE INDEX) /, `CREATE $1 ${BANK_SCHEMA}.`));
    return derived;
  } finally {
    scratch.close();
  }
}

/**
 * Attaches the data bank's file to a connection to the archive at `archivePath`, under the
 * schema `bank`: the bank's tables are then named as before (a name not in the archive's own
 * schema is looked up in the attached one) and read together with the archive's. Read-only:
 * attached only when it exists. Read-write, after the archive's own migrations: the file is
 * created and migrated, and emptied when it is stale (see {@link isStale}), so that the
 * projection rebuilds it from leaf 0; both under both files' write locks, so that processes
 * opening the archive together do it once. Commits to it do not wait for the disk
 * (`synchronous = NORMAL`): a commit lost to a power failure goes with the cursor it moved, and
 * its leaves are applied again.
 */
export function attachBank(
  db: Database.Database,
  archivePath: string,
  options: { readonly readonly: boolean; readonly cacheKib: number },
): void {
  const path = bankPathOf(archivePath);
  if (options.readonly && path !== ':memory:' && !existsSync(path)) return;
  // What is read of the archive is read first (ATTACH reads its schema when nothing has yet):
  // damage to the archive must not be blamed on the bank's file.
  db.prepare('SELECT count(*) FROM main.sqlite_schema').get();
  const archive = options.readonly ? undefined : archiveFacts(db);
  try {
    attachAndMigrate(db, path, options.cacheKib, archive);
  } catch (e) {
    throw bankFileDamage(e, path) ?? e;
  }
}

/**
 * The refusal of a bank file that SQLite found not to be a database, or damaged
 * (`SQLITE_NOTADB`, `SQLITE_CORRUPT*`), naming the file and what to do; undefined for any other
 * failure.
 */
export function bankFileDamage(e: unknown, path: string): AtcError | undefined {
  const code = damageCodeOf(e);
  if (code === undefined) return undefined;
  return new AtcError(
    ErrorCode.DATABANK_FILE_DAMAGED,
    `the data bank's file ${path} cannot be read (${code}: ${(e as Error).message}); stop every process using the archive, delete that file (and its -wal and -shm files beside it), and start again: the gateway rebuilds the bank from the archive, which this file is no part of.`,
    { cause: e },
  );
}

/**
 * What to tell an operator when the data bank's thread, running, meets a page SQLite finds
 * damaged (`SQLITE_CORRUPT*`, `SQLITE_NOTADB`): the thread reads the archive and writes the
 * bank's file, so either may be the damaged one. Undefined for any other failure.
 */
export function damageWhileProjecting(e: unknown, path: string): string | undefined {
  const code = damageCodeOf(e);
  if (code === undefined) return undefined;
  return `the data bank's projection cannot read the archive or the bank's file ${path} (${code}: ${(e as Error).message}); it tries again, and the bank falls behind meanwhile. Run \`atc-gateway archive verify\`: if the archive verifies, stop every process using it, delete the bank's file (and its -wal and -shm files beside it), and start again: the gateway rebuilds the bank from the archive.`;
}

/**
 * The SQLite code of a failure that says a file is not a database or is damaged
 * (`SQLITE_NOTADB`, `SQLITE_CORRUPT*`), unless it was a read of the archive's own figures.
 */
function damageCodeOf(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null || archiveReadFailures.has(e)) return undefined;
  const { code } = e as { code?: unknown };
  return typeof code === 'string' && /^SQLITE_(NOTADB|CORRUPT)/.test(code) ? code : undefined;
}

/** {@link attachBank}'s work on the bank's file, whose SQLite failures it names; read-only without `archive`. */
function attachAndMigrate(
  db: Database.Database,
  path: string,
  cacheKib: number,
  archive: ArchiveFacts | undefined,
): void {
  db.prepare(`ATTACH DATABASE ? AS ${BANK_SCHEMA}`).run(path);
  db.pragma(`${BANK_SCHEMA}.cache_size = -${cacheKib}`);
  if (archive === undefined) return;
  db.pragma(`${BANK_SCHEMA}.journal_mode = WAL`);
  db.pragma(`${BANK_SCHEMA}.synchronous = NORMAL`);
  const version = (): number => {
    const current = db.pragma(`${BANK_SCHEMA}.user_version`, { simple: true }) as number;
    if (current > BANK_MIGRATIONS.length) {
      throw new AtcError(
        ErrorCode.INTERNAL,
        `the data bank's file ${path} has schema version ${current}, newer than this gateway knows (${BANK_MIGRATIONS.length}); upgrade the gateway, or delete the file (the gateway rebuilds it from the archive).`,
      );
    }
    return current;
  };
  // Looked at first without a lock: the usual opening writes nothing. (The archive's figures
  // only grow: a bank not stale by those read before is not stale by later ones.)
  if (version() === BANK_MIGRATIONS.length && !isStale(db, archive)) return;
  db.transaction(() => {
    for (let v = version(); v < BANK_MIGRATIONS.length; v++) {
      db.exec(BANK_MIGRATIONS[v]!());
      db.pragma(`${BANK_SCHEMA}.user_version = ${v + 1}`);
    }
    // Read again under the locks: another process may have moved the log and the bank since.
    const now = archiveFacts(db);
    if (!isStale(db, now)) return;
    for (const table of BANK_FILE_TABLES) db.exec(`DELETE FROM ${BANK_SCHEMA}.${table}`);
    db.exec(`INSERT INTO ${BANK_SCHEMA}.databank_cursor (id, next_leaf, updated_at) VALUES (1, 0, 0)`);
    db.prepare(
      `INSERT INTO ${BANK_SCHEMA}.${FILE_TABLE} (id, archive_id) VALUES (1, ?)
       ON CONFLICT (id) DO UPDATE SET archive_id = excluded.archive_id`,
    ).run(now.id);
  }).immediate();
}

/** What a bank's file is checked against: the archive's id (migration 19), log size and last decision. */
interface ArchiveFacts {
  readonly id: number;
  readonly logSize: number;
  readonly lastDecision: number;
}

/** Failures of reads of the archive's own file, which are never the bank file's damage. */
const archiveReadFailures = new WeakSet<object>();

/** The column `n` of the first row `sql` reads, if any. */
function numberOf(db: Database.Database, sql: string): number | undefined {
  return (db.prepare(sql).get() as { n: number } | undefined)?.n;
}

function archiveFacts(db: Database.Database): ArchiveFacts {
  try {
    return {
      id: numberOf(db, "SELECT value AS n FROM main.gateway_state WHERE key = 'archive_id'")!,
      logSize: numberOf(db, "SELECT value AS n FROM main.gateway_state WHERE key = 'log_size'") ?? 0,
      lastDecision: numberOf(db, 'SELECT COALESCE(MAX(decision_id), 0) AS n FROM main.databank_decisions') ?? 0,
    };
  } catch (e) {
    if (typeof e === 'object' && e !== null) archiveReadFailures.add(e);
    throw e;
  }
}

/**
 * Whether the bank's file (migrated) cannot stand for the archive's log as it is: made for
 * another archive (or none yet), further along the log than the archive holds, or having
 * applied operators' decisions the archive does not hold (an archive restored from an older
 * backup beside a newer bank).
 */
function isStale(db: Database.Database, archive: ArchiveFacts): boolean {
  if (numberOf(db, `SELECT archive_id AS n FROM ${BANK_SCHEMA}.${FILE_TABLE} WHERE id = 1`) !== archive.id) return true;
  const cursor = numberOf(db, `SELECT next_leaf AS n FROM ${BANK_SCHEMA}.databank_cursor WHERE id = 1`);
  if (cursor === undefined || cursor > archive.logSize) return true;
  const applied = numberOf(
    db,
    `SELECT COALESCE(MAX(decision_id), 0) AS n FROM ${BANK_SCHEMA}.databank_decisions_applied`,
  );
  return (applied ?? 0) > archive.lastDecision;
}

/**
 * The statement that takes a schema's write lock and no other (SQLite's `BEGIN IMMEDIATE`
 * takes every attached file's): a write of no row to a table of that schema.
 */
export function lockStatement(schema: 'main' | typeof BANK_SCHEMA): string {
  return schema === 'main'
    ? 'DELETE FROM main.gateway_state WHERE 0'
    : `DELETE FROM ${BANK_SCHEMA}.${FILE_TABLE} WHERE 0`;
}

import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
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
  // (the definitions are written once), the cursor at leaf 0, and the file's own table.
  () => `
  ${bankTablesAsOf18().join(';\n')};
  INSERT INTO ${BANK_SCHEMA}.databank_cursor (id, next_leaf, updated_at) VALUES (1, 0, 0);
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
 * schema is looked up in the attached one) and read together with the archive's. Read-write:
 * the file is created, migrated, and emptied when it projects another archive or more of the log
 * than the archive holds (an archive restored from a backup beside a newer bank): the projection
 * then rebuilds it from leaf 0. Read-only: attached only when it exists. Call after the archive's
 * own migrations. Commits to it do not wait for the disk (`synchronous = NORMAL`): a commit lost
 * to a power failure goes with the cursor it moved, and its leaves are applied again.
 */
export function attachBank(
  db: Database.Database,
  archivePath: string,
  options: { readonly readonly: boolean; readonly cacheKib: number },
): void {
  const path = bankPathOf(archivePath);
  if (options.readonly && path !== ':memory:' && !existsSync(path)) return;
  db.prepare(`ATTACH DATABASE ? AS ${BANK_SCHEMA}`).run(path);
  db.pragma(`${BANK_SCHEMA}.cache_size = -${options.cacheKib}`);
  if (options.readonly) return;
  db.pragma(`${BANK_SCHEMA}.journal_mode = WAL`);
  db.pragma(`${BANK_SCHEMA}.synchronous = NORMAL`);
  const current = db.pragma(`${BANK_SCHEMA}.user_version`, { simple: true }) as number;
  if (current > BANK_MIGRATIONS.length) {
    throw new Error(
      `the data bank's file ${path} has schema version ${current}, newer than this gateway knows (${BANK_MIGRATIONS.length}); upgrade the gateway, or delete the file (the gateway rebuilds it from the archive).`,
    );
  }
  const archiveId = (
    db.prepare("SELECT value FROM main.gateway_state WHERE key = 'archive_id'").get() as { value: number } | undefined
  )?.value;
  if (archiveId === undefined) return;
  db.transaction(() => {
    for (let version = current; version < BANK_MIGRATIONS.length; version++) {
      db.exec(BANK_MIGRATIONS[version]!());
      db.pragma(`${BANK_SCHEMA}.user_version = ${version + 1}`);
    }
    const held = db.prepare(`SELECT archive_id FROM ${BANK_SCHEMA}.${FILE_TABLE} WHERE id = 1`).get() as
      { archive_id: number } | undefined;
    const cursor = (
      db.prepare(`SELECT next_leaf FROM ${BANK_SCHEMA}.databank_cursor WHERE id = 1`).get() as {
        next_leaf: number;
      }
    ).next_leaf;
    const size =
      (db.prepare("SELECT value FROM main.gateway_state WHERE key = 'log_size'").get() as { value: number } | undefined)
        ?.value ?? 0;
    if (held?.archive_id === archiveId && cursor <= size) return;
    for (const table of BANK_FILE_TABLES) db.exec(`DELETE FROM ${BANK_SCHEMA}.${table}`);
    db.exec(`INSERT INTO ${BANK_SCHEMA}.databank_cursor (id, next_leaf, updated_at) VALUES (1, 0, 0)`);
    db.prepare(
      `INSERT INTO ${BANK_SCHEMA}.${FILE_TABLE} (id, archive_id) VALUES (1, ?)
       ON CONFLICT (id) DO UPDATE SET archive_id = excluded.archive_id`,
    ).run(archiveId);
    // Deferred: the first write is the bank's, so this takes the bank's write lock only (an
    // archive's writer, the pipeline, may hold its own while a bank's thread opens).
  }).deferred();
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

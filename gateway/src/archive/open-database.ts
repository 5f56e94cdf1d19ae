import Database from 'better-sqlite3';
import { AtcError, ErrorCode } from '@atc/shared';
import { MIGRATIONS } from './schema.js';

/** The SQLite connection type used by the archive. */
export type Db = Database.Database;

/**
 * Opens (creating if needed) the SQLite archive at `path` in WAL mode with full fsync on
 * commit, and applies pending migrations. Refuses a database written by a newer version.
 */
export function openDatabase(path: string, options: { readonly readonly?: boolean } = {}): Db {
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  if (options.readonly !== true) {
    db.pragma('journal_mode = WAL');
    // FULL: a commit is on disk before the JetStream message is acknowledged.
    db.pragma('synchronous = FULL');
    migrate(db);
  }
  return db;
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new AtcError(
      ErrorCode.INTERNAL,
      `the archive database has schema version ${current}, newer than this gateway knows (${MIGRATIONS.length}); upgrade the gateway.`,
    );
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}

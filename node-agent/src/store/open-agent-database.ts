import Database from 'better-sqlite3';
import { AtcError, ErrorCode } from '@atc/shared';
import { AGENT_MIGRATIONS } from './agent-schema.js';

/** The SQLite connection type of the agent database. */
export type AgentDb = Database.Database;

/**
 * Best effort: moves the pages a removal of content rewrote (a withdrawal's erasure, the inbox
 * retention) out of the write-ahead log and truncates it, so that the removed content does not
 * linger there (secure_delete zeroes it in the file). A later checkpoint does it otherwise.
 */
export function dropRewrittenPages(db: AgentDb): void {
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // A later checkpoint moves the pages.
  }
}

/**
 * Opens (creating if needed) the agent database at `path` in WAL mode with a full fsync on
 * every commit, and applies pending migrations. The folder must exist.
 *
 * @throws AtcError `ERR_NOT_INITIALISED` when the file cannot be opened or created, and
 *   `ERR_INTERNAL` when the database was written by a newer agent.
 */
export function openAgentDatabase(path: string): AgentDb {
  let db: AgentDb;
  try {
    db = new Database(path);
  } catch (e) {
    throw new AtcError(
      ErrorCode.NOT_INITIALISED,
      `cannot open the agent database ${path}: ${e instanceof Error ? e.message : String(e)}; check that the data dir (ATC_DATA_DIR) exists and is writable by the agent.`,
      { cause: e },
    );
  }
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    db.pragma('journal_mode = WAL');
    // FULL: a record is on disk before the integrator hears "queued", so none is lost on power failure.
    db.pragma('synchronous = FULL');
    // Content that is overwritten or deleted (a withdrawn record's erased items) is zeroed in
    // the file, not left in free space.
    db.pragma('secure_delete = ON');
    // Statement journals (the pages a statement changing many rows changed, kept to undo it
    // alone), sorts and transient indexes stay in memory. Past SQLite's 64 KiB they went to files
    // in the system's temporary directory (a few a second while the agent ingested at full
    // rate): copies of records' content outside the data directory, which secure_delete never
    // reaches. The agent's sorts are small (one message's receipts; the inbox counted by state).
    db.pragma('temp_store = MEMORY');
    migrate(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

function migrate(db: AgentDb): void {
  const target = AGENT_MIGRATIONS.length;
  for (;;) {
    // IMMEDIATE, and the version read inside: a second agent process opening the same
    // file waits for the first and then finds the work done, instead of migrating twice.
    const applied = db
      .transaction((): boolean => {
        const current = db.pragma('user_version', { simple: true }) as number;
        if (current > target) {
          throw new AtcError(
            ErrorCode.INTERNAL,
            `the agent database has schema version ${current}, newer than this agent knows (${target}); upgrade the node agent.`,
          );
        }
        if (current === target) return false;
        db.exec(AGENT_MIGRATIONS[current]!);
        db.pragma(`user_version = ${current + 1}`);
        return true;
      })
      .immediate();
    if (!applied) return;
  }
}

import type Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import { AmbientTransaction } from './ambient.js';
import { BANK_SCHEMA, lockStatement } from './bank-file.js';
import type { SqlDb, SqlValue, TransactionOptions } from './sql-db.js';

/** How long a statement waits for a lock another connection holds (SQLite's busy handler). */
export const BUSY_TIMEOUT_MS = 5_000;
/** Prepared statements kept per connection. */
const MAX_CACHED_STATEMENTS = 256;
/** How long a writing transaction waits for the write lock. */
const WRITE_LOCK_TIMEOUT_MS = 30_000;

/** The better-sqlite3 connection type. */
export type SqliteConnection = Database.Database;

/**
 * {@link SqlDb} on one better-sqlite3 connection. Statements run synchronously; while a
 * transaction is open (possibly waiting on something asynchronous), statements from other
 * async contexts wait for it to end, so they never slip into it. Other processes are kept
 * out by SQLite's own locking (each writer takes its files' write locks first, polling).
 */
export class SqliteDb implements SqlDb {
  readonly dialect = 'sqlite';
  readonly #statements = new Map<string, Statement>();
  readonly #ambient = new AmbientTransaction<{ readonly owner: SqliteDb }>();
  /** Resolves when the open transaction ends; `undefined` when none is open. */
  #open: Promise<void> | undefined;

  /** The data bank's file is attached (db/bank-file.ts): write transactions lock one file, not both. */
  readonly #bank: boolean;

  constructor(
    /** The connection, for SQLite-only work (migrations, bulk loads in tests and benchmarks). */
    readonly connection: SqliteConnection,
    readonly location: string,
  ) {
    this.#bank = (connection.pragma('database_list') as { name: string }[]).some((d) => d.name === BANK_SCHEMA);
  }

  all<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    const statement = this.#statement(sql);
    return this.#run(statement, () => statement.all(...params) as T[]);
  }

  get<T>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    const statement = this.#statement(sql);
    return this.#run(statement, () => statement.get(...params) as T | undefined);
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    const statement = this.#statement(sql);
    return this.#run(statement, () => statement.run(...params).changes);
  }

  /**
   * Runs `statement`. A write outside a transaction takes the write lock as a write
   * transaction does (waiting off the event loop), not in
   * SQLite's busy handler, which would block the event loop while another connection writes.
   */
  #run<T>(statement: Statement, execute: () => T): Promise<T> {
    if (!statement.reader && !this.inTransaction()) {
      return this.transaction(() => Promise.resolve(execute()), { write: true });
    }
    return this.#now(execute);
  }

  async exec(sql: string): Promise<void> {
    await this.#turn();
    this.connection.exec(sql);
  }

  inTransaction(): boolean {
    return this.#ambient.current()?.owner === this;
  }

  async transaction<T>(fn: () => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    if (this.inTransaction()) return fn();
    for (;;) {
      await this.#turn();
      if (this.#open === undefined) break;
    }
    let end!: () => void;
    this.#open = new Promise((resolve) => {
      end = resolve;
    });
    const db = this.connection;
    // The bank's file always commits without waiting for the disk (see attachBank).
    const bankOnly = options.writes === 'databank' && this.#bank;
    const relaxed = options.relaxed === true && !bankOnly;
    const write = options.write === true;
    try {
      // The safety level cannot change inside a transaction: set it around this one. Pragmas
      // are set with `pragma`, which prepares them each time, never through a cached statement:
      // SQLite applies these settings while it prepares the statement, not when it runs it.
      if (relaxed) db.pragma('synchronous = NORMAL');
      // A write transaction keeps SQLite's temporary storage in memory. Its statement journals
      // (the pages a statement changed, kept to undo that statement alone) outgrow SQLite's
      // 64 KiB in sixteen 4 KiB pages (four of 16 KiB), and went to files in the system's
      // temporary directory, created and unlinked about 40 times a second at
      // 200 messages a second: copies of records' content outside the data directory, and 12%
      // of the data bank's projection time. Writes come in batches of bounded size; reads keep
      // the default (a file) for sorts that may be large. It cannot change inside a transaction.
      if (write) {
        db.pragma('temp_store = MEMORY');
        await this.#beginWrite(bankOnly ? BANK_SCHEMA : options.writes === 'both' ? 'both' : 'main');
      } else db.exec('BEGIN');
      // A deferred transaction takes its WAL snapshot at its first read: take it now.
      if (options.snapshot === true) this.#statement('SELECT count(*) FROM sqlite_schema').get();
      try {
        const result = await this.#ambient.run({ owner: this }, fn);
        db.exec('COMMIT');
        return result;
      } catch (e) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw e;
      }
    } finally {
      if (relaxed) db.pragma('synchronous = FULL');
      if (write) db.pragma('temp_store = DEFAULT');
      this.#open = undefined;
      end();
    }
  }

  close(): Promise<void> {
    this.connection.close();
    return Promise.resolve();
  }

  /**
   * Begins a transaction holding the write lock of `schema`'s file: the archive's (`main`) or
   * the data bank's, and no other (`BEGIN IMMEDIATE` would take every attached file's: the
   * pipeline would wait for the bank's commits); `both`: `BEGIN IMMEDIATE`, every attached
   * file's. Without the bank's file attached, `BEGIN IMMEDIATE`. Another process (or
   * connection) holding a lock makes this wait
   * asynchronously, polling, instead of in SQLite's busy handler, which would block the
   * event loop, and with it the other holder when that is in this process.
   */
  async #beginWrite(schema: 'main' | typeof BANK_SCHEMA | 'both'): Promise<void> {
    const db = this.connection;
    const deadline = Date.now() + WRITE_LOCK_TIMEOUT_MS;
    db.pragma('busy_timeout = 0');
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          if (!this.#bank || schema === 'both') db.exec('BEGIN IMMEDIATE');
          else {
            db.exec('BEGIN');
            try {
              this.#statement(lockStatement(schema)).run();
            } catch (e) {
              if (db.inTransaction) db.exec('ROLLBACK');
              throw e;
            }
          }
          return;
        } catch (e) {
          // SQLITE_BUSY, or an extended code of it (another writer committed between this
          // statement's snapshot and its lock: SQLITE_BUSY_SNAPSHOT): try again.
          if (!String((e as { code?: string }).code).startsWith('SQLITE_BUSY') || Date.now() > deadline) throw e;
          await new Promise((resolve) => setTimeout(resolve, Math.min(50, 1 + attempt)));
        }
      }
    } finally {
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
  }

  /**
   * Runs a statement at once when no other context's transaction is open (the usual case, and
   * always inside this context's own), or after that transaction ends: without an extra
   * promise per statement on the fast path, which the data bank's projection runs thousands
   * of times a second.
   */
  #now<T>(statement: () => T): Promise<T> {
    if (this.#open === undefined || this.inTransaction()) {
      try {
        return Promise.resolve(statement());
      } catch (e) {
        // better-sqlite3 throws SqliteError (an Error); anything else is passed on as it came.
        return Promise.reject(e instanceof Error ? e : new Error(String(e)));
      }
    }
    return this.#turn().then(statement);
  }

  /** Waits until no transaction of another context is open. */
  async #turn(): Promise<void> {
    while (this.#open !== undefined && !this.inTransaction()) await this.#open;
  }

  #statement(sql: string): Statement {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.connection.prepare(sql);
      // A bounded cache, least recently prepared out first: SQL built at run time (a CLI
      // query, a test) must not grow it for ever.
      if (this.#statements.size >= MAX_CACHED_STATEMENTS) {
        this.#statements.delete(this.#statements.keys().next().value!);
      }
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}

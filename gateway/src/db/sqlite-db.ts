import type Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import { AmbientTransaction } from './ambient.js';
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
 * out by SQLite's own locking (`BEGIN IMMEDIATE` with a busy timeout).
 */
export class SqliteDb implements SqlDb {
  readonly dialect = 'sqlite';
  readonly #statements = new Map<string, Statement>();
  readonly #ambient = new AmbientTransaction<{ readonly owner: SqliteDb }>();
  /** Resolves when the open transaction ends; `undefined` when none is open. */
  #open: Promise<void> | undefined;

  /**
   * How many writers of this process wait for SQLite's write lock now, in shared memory: a
   * thread of the process that writes the same file through a connection of its own (the data
   * bank's projection) reads it and lets them go first.
   */
  readonly writeWaiters: Int32Array;

  constructor(
    /** The connection, for SQLite-only work (migrations, bulk loads in tests and benchmarks). */
    readonly connection: SqliteConnection,
    readonly location: string,
    /** Another connection's {@link writeWaiters} to count in (default: a counter of its own). */
    writeWaiters?: Int32Array,
  ) {
    this.writeWaiters = writeWaiters ?? new Int32Array(new SharedArrayBuffer(4));
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
   * transaction does (waiting off the event loop, counted in {@link writeWaiters}), not in
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
    try {
      // The safety level cannot change inside a transaction: set it around this one.
      if (options.relaxed === true) db.pragma('synchronous = NORMAL');
      if (options.write === true) await this.#beginImmediate();
      else db.exec('BEGIN');
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
      if (options.relaxed === true) db.pragma('synchronous = FULL');
      this.#open = undefined;
      end();
    }
  }

  close(): Promise<void> {
    this.connection.close();
    return Promise.resolve();
  }

  /**
   * Takes SQLite's write lock. Another process (or connection) holding it makes this wait
   * asynchronously, polling, instead of in SQLite's busy handler, which would block the
   * event loop, and with it the other holder when that is in this process.
   */
  async #beginImmediate(): Promise<void> {
    const db = this.connection;
    const deadline = Date.now() + WRITE_LOCK_TIMEOUT_MS;
    db.pragma('busy_timeout = 0');
    let waiting = false;
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          db.exec('BEGIN IMMEDIATE');
          return;
        } catch (e) {
          if ((e as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw e;
          if (!waiting) {
            waiting = true;
            Atomics.add(this.writeWaiters, 0, 1);
          }
          await new Promise((resolve) => setTimeout(resolve, Math.min(50, 1 + attempt)));
        }
      }
    } finally {
      if (waiting) Atomics.sub(this.writeWaiters, 0, 1);
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

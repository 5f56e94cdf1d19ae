import pg from 'pg';
import { storageFailureOf } from '@atc/shared';
import { AmbientTransaction } from './ambient.js';
import type { SqlDb, SqlValue, TransactionOptions } from './sql-db.js';

/** Key of the advisory lock every writing transaction takes (see TransactionOptions.write). */
export const WRITE_LOCK_KEY = 0x41_54_43_57; // "ATCW"
/** Key of the advisory lock the data bank's writing transactions take instead (TransactionOptions.writes). */
export const DATABANK_WRITE_LOCK_KEY = 0x41_54_43_42; // "ATCB"

const INT8_OID = 20;

/** Longest wait for a new connection, or for a free one of the pool. */
export const CONNECT_TIMEOUT_MS = 5_000;

/**
 * Idle time after which TCP keepalive probes a pooled connection: a connection whose link
 * went silent while idle is found dead and replaced before a statement is sent on it.
 */
export const KEEPALIVE_DELAY_MS = 5_000;

/** The message node-postgres gives a statement that outlived `query_timeout`. */
const QUERY_TIMEOUT_MESSAGE = 'Query read timeout';

/** Settings of {@link PostgresDb}. */
export interface PostgresDbOptions {
  readonly url: string;
  readonly password?: string | undefined;
  readonly maxConnections?: number;
  /**
   * Longest wait for one statement's answer, in ms; none when absent. A statement that
   * outlives it fails as a lost connection (a storage failure), and its connection is
   * dropped; the server cancels it too, at twice the bound.
   */
  readonly queryTimeoutMs?: number | undefined;
}

/**
 * Row values as the archive code expects them on both engines: BIGINT as a number (every
 * integer the archive stores is below 2^53: times in ms, sizes, sequences) instead of pg's
 * default string.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (value: string): number => Number(value)
      : (pg.types.getTypeParser as (oid: number, format?: 'text' | 'binary') => unknown)(
          oid,
          format,
        )) as pg.CustomTypesConfig['getTypeParser'],
};

/** Rewrites `?` placeholders as `$1, $2, ...` (the archive's SQL has no `?` in literals). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/**
 * {@link SqlDb} on a PostgreSQL connection pool. Statements are prepared once per
 * connection (named by their text); a transaction holds one connection, and statements of
 * its async context run on it.
 */
export class PostgresDb implements SqlDb {
  readonly dialect = 'postgres';
  readonly #pool: pg.Pool;
  readonly #names = new Map<string, { readonly name: string; readonly text: string }>();
  readonly #ambient = new AmbientTransaction<{ readonly owner: PostgresDb; readonly client: pg.PoolClient }>();

  constructor(
    options: PostgresDbOptions,
    readonly location: string,
  ) {
    const timeout = options.queryTimeoutMs;
    this.#pool = new pg.Pool({
      connectionString: options.url,
      ...(options.password === undefined ? {} : { password: options.password }),
      max: options.maxConnections ?? 8,
      types,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      keepAlive: true,
      keepAliveInitialDelayMillis: KEEPALIVE_DELAY_MS,
      // Over a link gone silent (a partition, a host gone) a statement would otherwise wait
      // for TCP to give up, many minutes. The server's own bound, later than the client's,
      // ends a statement whose client has given up on it (and the locks it holds).
      ...(timeout === undefined ? {} : { query_timeout: timeout, statement_timeout: 2 * timeout }),
      application_name: 'atc-gateway',
    });
    // An idle connection the server dropped is replaced by the pool; without a listener
    // the error would end the process.
    this.#pool.on('error', () => undefined);
  }

  async all<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return (await this.#query(sql, params)).rows as T[];
  }

  async get<T>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    return (await this.#query(sql, params)).rows[0] as T | undefined;
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return (await this.#query(sql, params)).rowCount ?? 0;
  }

  async exec(sql: string): Promise<void> {
    await this.#client().query(sql);
  }

  inTransaction(): boolean {
    return this.#ambient.current()?.owner === this;
  }

  async transaction<T>(fn: () => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    if (this.inTransaction()) return fn();
    const client = await this.#pool.connect();
    let broken: Error | undefined;
    // The pool stops listening to a client it hands out. A session the server ends while the
    // transaction awaits something else (a restart: 57P01, or the socket closing) is emitted
    // as an 'error' event, which would end the process without a listener; the transaction's
    // next statement fails instead, and the client is not reused.
    const onError = (e: Error): void => {
      broken ??= e;
    };
    client.on('error', onError);
    try {
      try {
        await client.query(options.snapshot === true ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN');
      } catch (e) {
        // A BEGIN that failed for a storage reason (or timed out) leaves the connection unfit too.
        if (storageFailureOf(e) !== undefined) broken ??= e as Error;
        throw e;
      }
      try {
        if (options.write === true) {
          // Always in this order (the archive's, then the bank's), so that no two writers can each wait for the other.
          if (options.writes !== 'databank') await client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK_KEY]);
          if (options.writes !== undefined) {
            await client.query('SELECT pg_advisory_xact_lock($1)', [DATABANK_WRITE_LOCK_KEY]);
          }
        }
        if (options.relaxed === true) await client.query('SET LOCAL synchronous_commit TO OFF');
        const result = await this.#ambient.run({ owner: this, client }, fn);
        await client.query('COMMIT');
        return result;
      } catch (e) {
        // A statement that timed out is still in flight on the connection: a ROLLBACK would
        // only queue behind it. Dropping the connection ends the transaction on the server.
        if (isQueryTimeout(e)) broken ??= e as Error;
        else {
          try {
            await client.query('ROLLBACK');
          } catch (rollback) {
            // The connection is unusable: the pool must not hand it out again.
            broken = rollback as Error;
          }
        }
        // Nor one that met a storage failure: it may be bound to a server state that has
        // changed since (a session made read-only, a backend being shut down); a new one is.
        if (storageFailureOf(e) !== undefined) broken ??= e as Error;
        throw e;
      }
    } finally {
      client.removeListener('error', onError);
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }

  #client(): pg.Pool | pg.PoolClient {
    const tx = this.#ambient.current();
    return tx?.owner === this ? tx.client : this.#pool;
  }

  #query(sql: string, params: readonly SqlValue[]): Promise<pg.QueryResult> {
    let prepared = this.#names.get(sql);
    if (prepared === undefined) {
      prepared = { name: `atc_${this.#names.size}`, text: numbered(sql) };
      this.#names.set(sql, prepared);
    }
    // Not `{ ...prepared, values }`: an object spread and then extended costs about 2 µs in V8 here.
    return this.#client().query({ name: prepared.name, text: prepared.text, values: params as unknown[] });
  }
}

/** Whether `e`, or an error it wraps, is a statement that outlived `query_timeout`. */
function isQueryTimeout(e: unknown): boolean {
  for (let at = e, depth = 0; at instanceof Error && depth < 8; depth++) {
    if (at.message === QUERY_TIMEOUT_MESSAGE) return true;
    at = at.cause;
  }
  return false;
}

/** A PostgreSQL URL fit for messages and logs: the password, if any, replaced. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

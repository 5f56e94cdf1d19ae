/** A value bound to a `?` placeholder. */
export type SqlValue = string | number | null | Uint8Array;

/** Which database engine holds the archive. */
export type SqlDialect = 'sqlite' | 'postgres';

/** How a transaction treats other writers and the disk. */
export interface TransactionOptions {
  /**
   * Takes the archive's write lock before the first statement (SQLite: its file's lock,
   * PostgreSQL a transaction-scoped advisory lock), so that writers appending to the log,
   * taking sequence numbers or changing the registry run one after the other, also across
   * processes and gateway replicas.
   */
  readonly write?: boolean;
  /**
   * With `write`, which write locks it takes. Default: the archive's. `databank`: the
   * transaction writes the data bank's projection only, and takes the bank's write lock instead
   * (SQLite: the bank's own file, see db/bank-file.ts; PostgreSQL: an advisory lock of its own),
   * so that it never waits for the pipeline's commits nor holds them up. `both`: the archive's,
   * then the bank's (an operator's decision: its row and audit row in the archive, applied to
   * the bank at the bank's cursor, no batch of the projection in between). On SQLite the two
   * files commit one after the other, the archive's first: a decision whose bank part a crash
   * lost is applied by the projection, which applies every decision it has not yet applied.
   */
  readonly writes?: 'databank' | 'both';
  /**
   * Commits without waiting for the disk (SQLite `synchronous = NORMAL`, PostgreSQL
   * `synchronous_commit = off`): for bookkeeping that recovery can redo, never for decisions.
   */
  readonly relaxed?: boolean;
  /**
   * Reads one consistent snapshot and writes nothing (SQLite: a read transaction, whose WAL
   * snapshot is fixed by its first read, taken at once; PostgreSQL: `REPEATABLE READ READ
   * ONLY`): for readers that must see the log and its rows as of one commit while writers go
   * on (`archive verify` on a running gateway). On SQLite it holds back WAL checkpoints past
   * its snapshot for as long as it lasts. On SQLite the snapshot is the archive's file's; the
   * data bank's file (db/bank-file.ts) gets its own at its first read in the transaction.
   */
  readonly snapshot?: boolean;
}

/**
 * The archive's database, SQLite or PostgreSQL, behind one asynchronous interface. SQL is
 * written once, with `?` placeholders, in the subset both engines understand; integers come
 * back as numbers and binary columns as Buffers on both.
 *
 * Transactions are ambient: a statement issued anywhere inside the callback of
 * {@link transaction} (in its async context) belongs to that transaction, and a
 * `transaction` call inside another one joins it. Statements issued outside wait for (on
 * SQLite) or do not see (on PostgreSQL) an open transaction.
 */
export interface SqlDb {
  readonly dialect: SqlDialect;
  /** Where the archive lives, for messages: a file path or a URL without its password. */
  readonly location: string;
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** Runs a statement; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Runs several statements without parameters (DDL). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: () => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** True inside the async context of a transaction of this database. */
  inTransaction(): boolean;
  close(): Promise<void>;
}

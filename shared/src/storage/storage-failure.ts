import { ErrorCode } from '../errors/atc-error.js';

/** A failure of the service's own storage: never the fault of what it was storing. */
export interface StorageFailure {
  /** `ERR_STORAGE_FULL` for a full disk or quota, `ERR_STORAGE_UNAVAILABLE` for the rest. */
  readonly code: typeof ErrorCode.STORAGE_FULL | typeof ErrorCode.STORAGE_UNAVAILABLE;
  /** What failed, from the driver's own code and message (no data, no credentials). */
  readonly detail: string;
}

/** SQLite result codes (better-sqlite3 `SqliteError.code`, extended codes included) of a full disk. */
const SQLITE_FULL = /^SQLITE_FULL/;
/** SQLite codes of storage that cannot be written now: I/O, locks held too long, read-only, unopenable. */
const SQLITE_UNAVAILABLE = /^SQLITE_(IOERR|BUSY|LOCKED|READONLY|CANTOPEN|PROTOCOL|NOLFS|CORRUPT|NOTADB)/;
/** Node system error codes of a full disk or quota. */
const SYSTEM_FULL = new Set(['ENOSPC', 'EDQUOT']);
/** Node system error codes of an unusable disk or a lost database connection. */
const SYSTEM_UNAVAILABLE = new Set([
  'EIO',
  'EROFS',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  // The database's host name not found: its service being replaced (a restarted pod).
  'ENOTFOUND',
]);
/**
 * PostgreSQL SQLSTATEs: 53100 disk_full and the rest of class 53 (insufficient resources);
 * class 08 (connection), 57P01-57P03 (shutdown, cannot connect now), 57014 (a statement
 * cancelled: the server's statement_timeout, which the gateway sets at twice the client's
 * query_timeout and which a busy client may hear of first, or an operator's cancel), class 58 (system, I/O),
 * 25006 (read-only transaction: a standby, or writes switched off), 40001/40P01 (serialisation
 * failure, deadlock: retrying succeeds).
 */
const PG_FULL = new Set(['53100']);
const PG_UNAVAILABLE = /^(08...|53...|57P0[123]|57014|58...|25006|40001|40P01)$/;
/**
 * node-postgres reports a lost connection, an exhausted pool or a statement that outlived its
 * `query_timeout` (a link gone silent) without a code.
 */
const PG_CONNECTION_LOST =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout)/;

/**
 * Tells apart a failure of the storage itself (disk full, I/O error, database unreachable or
 * read-only) from everything else, looking through `cause` chains. A caller that gets one
 * must neither blame nor discard what it was writing: it waits and tries again.
 */
export function storageFailureOf(e: unknown): StorageFailure | undefined {
  for (let at = e, depth = 0; at !== undefined && at !== null && depth < 8; depth++) {
    if (typeof at !== 'object') return undefined;
    const { code, message } = at as { code?: unknown; message?: unknown };
    const text = typeof message === 'string' ? message.slice(0, 300) : '';
    if (code === ErrorCode.STORAGE_FULL || code === ErrorCode.STORAGE_UNAVAILABLE) return { code, detail: text };
    if (typeof code === 'string') {
      const detail = `${code}: ${text}`;
      if (SQLITE_FULL.test(code) || SYSTEM_FULL.has(code) || PG_FULL.has(code)) {
        return { code: ErrorCode.STORAGE_FULL, detail };
      }
      if (SQLITE_UNAVAILABLE.test(code) || SYSTEM_UNAVAILABLE.has(code) || PG_UNAVAILABLE.test(code)) {
        return { code: ErrorCode.STORAGE_UNAVAILABLE, detail };
      }
    }
    if (PG_CONNECTION_LOST.test(text)) return { code: ErrorCode.STORAGE_UNAVAILABLE, detail: text };
    at = (at as { cause?: unknown }).cause;
  }
  return undefined;
}

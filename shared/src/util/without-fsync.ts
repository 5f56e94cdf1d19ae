/** The part of a better-sqlite3 connection that {@link withoutFsync} needs. */
export interface PragmaConnection {
  pragma(source: string): unknown;
  readonly inTransaction: boolean;
}

/**
 * Runs a bookkeeping write on a WAL database opened with synchronous=FULL without waiting
 * for the disk (synchronous=NORMAL for its commit), then restores FULL. Only for writes whose
 * loss to a power cut is harmless: the next synced commit makes them durable anyway, since
 * the WAL is written in order. Synchronous, so no other write can slip in between. Inside
 * a caller's transaction it just runs the write: that transaction's commit decides.
 */
export function withoutFsync<T>(db: PragmaConnection, write: () => T): T {
  if (db.inTransaction) return write();
  db.pragma('synchronous = NORMAL');
  try {
    return write();
  } finally {
    db.pragma('synchronous = FULL');
  }
}

/** What {@link holdTransaction} needs of a database (the gateway's `SqlDb`). */
export interface TransactionRunner<O> {
  transaction<T>(fn: () => Promise<T>, options: O): Promise<T>;
}

/**
 * Opens a transaction on `db` with `options` (a writer that has taken its locks, as a batch in
 * progress on another connection) and holds it open. Resolves once it is open (rejects if it
 * cannot open) with `release`, which ends it and resolves once it has committed.
 */
export async function holdTransaction<O>(
  db: TransactionRunner<O>,
  options: O,
): Promise<{ readonly release: () => Promise<void> }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let opened!: () => void;
  const open = new Promise<void>((resolve) => {
    opened = resolve;
  });
  const done = db.transaction(async () => {
    opened();
    await released;
  }, options);
  await Promise.race([open, done]);
  return {
    release: async () => {
      release();
      await done;
    },
  };
}

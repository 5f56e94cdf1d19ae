/**
 * How many of this process's writers of the bank (operators' decisions, which hold the bank's
 * write lock with the archive's) wait for its lock or hold it, in shared memory (`count[0]`,
 * kept by {@link DatabankSubjects}). While there are any, the projection's thread ends its batch
 * after the entry in progress and starts no other: on SQLite a writer that found the lock
 * taken tries again every few milliseconds, and between batches that follow each other
 * closely it would seldom find it free (the lock has no queue).
 */
export interface BankWriters {
  readonly count: Int32Array;
}

/** A counter of {@link BankWriters} for one process. */
export function bankWritersCounter(): BankWriters {
  return { count: new Int32Array(new SharedArrayBuffer(4)) };
}

/** Runs `write` counted among the {@link BankWriters} (when given) from its start to its end. */
export async function asBankWriter<T>(writers: BankWriters | undefined, write: () => Promise<T>): Promise<T> {
  if (writers === undefined) return write();
  Atomics.add(writers.count, 0, 1);
  try {
    return await write();
  } finally {
    Atomics.sub(writers.count, 0, 1);
  }
}

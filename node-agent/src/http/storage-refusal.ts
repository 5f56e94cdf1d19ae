import { AtcError, ErrorCode, type StorageHealth } from '@atc/shared';

/** Seconds a client is told to wait (`Retry-After`) when the agent cannot store a record. */
export const STORAGE_RETRY_AFTER_SECONDS = 10;

/** The codes of a refusal for the agent's own storage: 503 with `Retry-After`. */
export function isStorageRefusal(e: unknown): e is AtcError {
  return e instanceof AtcError && (e.code === ErrorCode.STORAGE_FULL || e.code === ErrorCode.STORAGE_UNAVAILABLE);
}

/** A retryable refusal of a record the agent could not store, saying what to do. */
export function storageRefusal(
  code: typeof ErrorCode.STORAGE_FULL | typeof ErrorCode.STORAGE_UNAVAILABLE,
  why: string,
  cause?: unknown,
): AtcError {
  const advice =
    code === ErrorCode.STORAGE_FULL
      ? "nothing was stored; send the same request again (with its Idempotency-Key) once the agent's disk has free space"
      : 'nothing was stored; send the same request again (with its Idempotency-Key) shortly';
  return new AtcError(code, `${why}: ${advice}.`, { cause, retryable: true });
}

/**
 * Refuses, before anything is signed or a sequence number is taken, while the agent's
 * storage cannot take a record: its disk is under the reserve, or a write failed for a
 * storage reason and none has succeeded since.
 */
export async function refuseUnlessWritable(storage: StorageHealth): Promise<void> {
  const state = await storage.state();
  if (state.writable) return;
  throw storageRefusal(state.code ?? ErrorCode.STORAGE_UNAVAILABLE, state.reason ?? 'the outbox cannot write');
}

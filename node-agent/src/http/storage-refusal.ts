import { AtcError, ErrorCode, type StorageHealth } from '@atc/shared';

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

/** First retry delay before jitter, by default: one second. */
export const DEFAULT_BASE_DELAY_MS = 1_000;

/** Longest delay between two attempts, by default: five minutes. */
export const DEFAULT_MAX_DELAY_MS = 5 * 60_000;

/** Options of {@link nextRetryDelay}. */
export interface RetryDelayOptions {
  /** The ceiling of the first retry; it doubles with each attempt. Default 1 s. */
  readonly baseDelayMs?: number;
  /** The ceiling never grows past this. Default 5 min. */
  readonly maxDelayMs?: number;
  /** A source of numbers in [0, 1); default `Math.random`. Tests inject fixed values. */
  readonly random?: () => number;
}

/**
 * How long to wait, in whole milliseconds, after attempt number `attempt` (1-based)
 * failed: exponential backoff with full jitter, `min(maxDelayMs, baseDelayMs * 2^(attempt-1))
 * * random()`, and at least `baseDelayMs / 2`. Full jitter spreads the retries of many
 * items that failed together (a receiver that was down), so they do not come back in step.
 */
export function nextRetryDelay(attempt: number, options: RetryDelayOptions = {}): number {
  const base = options.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
  const max = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  const random = options.random ?? Math.random;
  if (!Number.isSafeInteger(attempt) || attempt < 1) throw new RangeError('attempt must be a whole number from 1');
  // 2 ** n is Infinity for a large n; min() brings it back to the cap.
  const ceiling = Math.min(max, base * 2 ** (attempt - 1));
  return Math.max(Math.ceil(base / 2), Math.floor(ceiling * random()));
}

/** Options of {@link retryBackoff}. */
export interface RetryBackoffOptions {
  /** Ceiling of the first delay; it doubles with each attempt. */
  readonly baseMs: number;
  /** The ceiling never grows past this. */
  readonly maxMs: number;
  /** A source of numbers in [0, 1); default `Math.random`. */
  readonly random?: () => number;
}

/**
 * Delay in whole milliseconds before retry number `attempt` (1-based): exponential,
 * `min(maxMs, baseMs * 2^(attempt-1))`, with equal jitter (between half and all of that).
 * The jitter spreads out the retries of messages that failed together; the floor of one
 * half keeps a retry from coming straight back.
 */
export function retryBackoff(attempt: number, options: RetryBackoffOptions): number {
  const random = options.random ?? Math.random;
  // 2 ** n is Infinity for a large n; min() brings it back to the cap.
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

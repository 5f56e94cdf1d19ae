/**
 * How a retry delay is spread around its ceiling:
 * - `equal`: between half and all of the ceiling. The floor of one half keeps a retry from
 *   coming straight back (the outbox relay's publishes and probes).
 * - `full`: anywhere below the ceiling, but never under half the base delay. The widest spread
 *   for many items that failed together (a webhook receiver that was down).
 * - `none`: the ceiling itself.
 */
export const Jitter = { EQUAL: 'equal', FULL: 'full', NONE: 'none' } as const;
/** One of {@link Jitter}. */
export type Jitter = (typeof Jitter)[keyof typeof Jitter];

/** Options of {@link backoffDelay}. */
export interface BackoffOptions {
  /** Ceiling of the first retry; it doubles with each attempt. */
  readonly baseMs: number;
  /** The ceiling never grows past this. */
  readonly maxMs: number;
  readonly jitter: Jitter;
  /** A source of numbers in [0, 1); default `Math.random`. Tests inject fixed values. */
  readonly random?: () => number;
}

/**
 * Delay in whole milliseconds before retry number `attempt` (1-based): exponential, with a
 * ceiling of `min(maxMs, baseMs * 2^(attempt-1))`, spread by `jitter`.
 *
 * @throws RangeError for an attempt that is not a whole number from 1.
 */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  if (!Number.isSafeInteger(attempt) || attempt < 1) throw new RangeError('attempt must be a whole number from 1');
  // 2 ** n is Infinity for a large n; min() brings it back to the cap.
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** (attempt - 1));
  const random = options.random ?? Math.random;
  switch (options.jitter) {
    case Jitter.EQUAL:
      return Math.round(ceiling / 2 + (ceiling / 2) * random());
    case Jitter.FULL:
      return Math.max(Math.ceil(options.baseMs / 2), Math.floor(ceiling * random()));
    case Jitter.NONE:
      return Math.round(ceiling);
  }
}

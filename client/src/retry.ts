/** How a client retries: bounded attempts, exponential backoff with full jitter. */
export interface RetryPolicy {
  /** Tries in all, the first included (default 4; 1 never retries). */
  readonly attempts?: number;
  /** Ceiling of the first wait (default 250 ms); doubled for each further try. */
  readonly baseDelayMs?: number;
  /** Ceiling of any backoff wait (default 8 s). */
  readonly maxDelayMs?: number;
  /** A Retry-After longer than this ends the retries at once (default 60 s): the error is thrown. */
  readonly maxRetryAfterMs?: number;
}

/** A policy with every default filled in. */
export type ResolvedRetryPolicy = Required<RetryPolicy>;

export function resolveRetryPolicy(policy: RetryPolicy = {}): ResolvedRetryPolicy {
  const resolved = {
    attempts: policy.attempts ?? 4,
    baseDelayMs: policy.baseDelayMs ?? 250,
    maxDelayMs: policy.maxDelayMs ?? 8_000,
    maxRetryAfterMs: policy.maxRetryAfterMs ?? 60_000,
  };
  if (!Number.isSafeInteger(resolved.attempts) || resolved.attempts < 1) {
    throw new RangeError('retry.attempts must be a whole number of 1 or more');
  }
  for (const key of ['baseDelayMs', 'maxDelayMs', 'maxRetryAfterMs'] as const) {
    if (!Number.isFinite(resolved[key]) || resolved[key] < 0) throw new RangeError(`retry.${key} must be 0 or more`);
  }
  return resolved;
}

/**
 * The wait before try number `attempt + 1` (attempt counts from 1): the server's
 * Retry-After when it gave one, else a random wait up to base * 2^(attempt-1), capped
 * ("full jitter", so that many clients do not come back at the same instant).
 * `undefined` when the server asked for longer than the policy allows.
 */
export function retryDelayMs(
  policy: ResolvedRetryPolicy,
  attempt: number,
  retryAfterSeconds: number | undefined,
  random: () => number,
): number | undefined {
  if (retryAfterSeconds !== undefined) {
    const ms = retryAfterSeconds * 1000;
    return ms > policy.maxRetryAfterMs ? undefined : ms;
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * A Retry-After header in seconds: delta-seconds or an HTTP date (in the past: 0).
 * `undefined` when absent or not readable.
 */
export function parseRetryAfter(header: string | null, nowMs: number = Date.now()): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^[0-9]{1,9}$/.test(value)) return Number(value);
  const date = Date.parse(value);
  if (Number.isNaN(date) || !/[a-z]/i.test(value)) return undefined;
  return Math.max(0, Math.ceil((date - nowMs) / 1000));
}

/** Answers worth another try: overload (429) and server-side failures (5xx). */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/** Waits `ms`, or rejects with the signal's reason once it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(signal.reason as Error);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

import { setTimeout as sleep } from 'node:timers/promises';

import { HarnessError, HarnessErrorCode } from './harness-error.js';

/** Options for {@link waitFor}. */
export interface WaitForOptions {
  /** Give up after this many milliseconds (default 5000). */
  readonly timeoutMs?: number;
  /** Pause between attempts (default 25 ms). */
  readonly intervalMs?: number;
  /** Says what was awaited; it becomes the start of the timeout error's message. */
  readonly message?: string;
}

/** A value `waitFor` treats as "not yet". */
type NotYet = undefined | null | false;

/**
 * Polls `check` until it returns a value other than `undefined`, `null` or `false`, and
 * resolves with that value. A `check` that throws counts as "not yet" (so "connect until it
 * works" needs no extra code); on timeout the last thrown error is kept as the `cause`.
 * Use this instead of fixed sleeps.
 */
export async function waitFor<T>(
  check: () => T | NotYet | Promise<T | NotYet>,
  options: WaitForOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const intervalMs = options.intervalMs ?? 25;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  let attempts = 0;
  for (;;) {
    attempts++;
    try {
      const result = await check();
      if (result !== undefined && result !== null && result !== false) return result;
      lastError = undefined;
    } catch (error: unknown) {
      lastError = error;
    }
    if (Date.now() >= deadline) break;
    await sleep(Math.min(intervalMs, Math.max(0, deadline - Date.now())));
  }
  const what = options.message ?? 'condition';
  const detail = lastError instanceof Error ? `; last error: ${lastError.message}` : '';
  throw new HarnessError(
    HarnessErrorCode.WaitTimeout,
    `${what}: not met within ${timeoutMs} ms (${attempts} attempts)${detail}`,
    lastError === undefined ? undefined : { cause: lastError },
  );
}

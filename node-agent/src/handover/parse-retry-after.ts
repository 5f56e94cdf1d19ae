const DELTA_SECONDS = /^[0-9]+$/;
/** IMF-fixdate, the one date form HTTP senders generate: `Sun, 06 Nov 1994 08:49:37 GMT`. */
const IMF_FIXDATE = /^[A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT$/;

/**
 * The delay in milliseconds an HTTP `Retry-After` value asks for (RFC 9110 section 10.2.3):
 * delay-seconds, or an IMF-fixdate measured from `nowMs` (a date in the past means 0).
 * `undefined` when the header is absent or unreadable, so that the caller falls back to
 * its own backoff.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (DELTA_SECONDS.test(text)) return Number(text) * 1000;
  if (!IMF_FIXDATE.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

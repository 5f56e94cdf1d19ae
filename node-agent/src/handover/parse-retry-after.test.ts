import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './parse-retry-after.js';

const NOW = Date.UTC(2026, 0, 15, 9, 30, 0);

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('7', NOW)).toBe(7000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
  });

  it('reads an HTTP date relative to now, a past date meaning now', () => {
    expect(parseRetryAfter('Thu, 15 Jan 2026 09:30:42 GMT', NOW)).toBe(42_000);
    expect(parseRetryAfter('Thu, 15 Jan 2026 09:00:00 GMT', NOW)).toBe(0);
  });

  it('answers undefined for an absent or unreadable value', () => {
    for (const value of [null, undefined, '', '-5', '1.5', 'soon', '2026-01-15T09:31:00Z']) {
      expect(parseRetryAfter(value, NOW)).toBeUndefined();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { retryBackoff } from './retry-backoff.js';

describe('retryBackoff', () => {
  const options = { baseMs: 250, maxMs: 30_000 };

  it('doubles per attempt, between half and all of the ceiling', () => {
    expect([1, 2, 3, 4].map((n) => retryBackoff(n, { ...options, random: () => 0 }))).toEqual([125, 250, 500, 1000]);
    expect([1, 2, 3, 4].map((n) => retryBackoff(n, { ...options, random: () => 0.999_999 }))).toEqual([
      250, 500, 1000, 2000,
    ]);
  });

  it('stops growing at the cap, however many attempts', () => {
    for (const attempt of [8, 50, 5000]) {
      const delay = retryBackoff(attempt, options);
      expect(delay).toBeGreaterThanOrEqual(15_000);
      expect(delay).toBeLessThanOrEqual(30_000);
    }
  });
});

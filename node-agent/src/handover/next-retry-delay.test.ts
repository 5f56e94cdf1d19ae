import { describe, expect, it } from 'vitest';
import { DEFAULT_BASE_DELAY_MS, DEFAULT_MAX_DELAY_MS, nextRetryDelay } from './next-retry-delay.js';

const fixed = (value: number) => () => value;

describe('nextRetryDelay', () => {
  it('is at least half the base delay, even when the jitter draws 0', () => {
    for (const attempt of [1, 2, 5, 30]) {
      expect(nextRetryDelay(attempt, { baseDelayMs: 1000, random: fixed(0) })).toBe(500);
    }
  });

  it('stays under the doubling ceiling when the jitter draws 0.999', () => {
    const options = { baseDelayMs: 1000, maxDelayMs: 60_000, random: fixed(0.999) };
    expect(nextRetryDelay(1, options)).toBe(999);
    expect(nextRetryDelay(2, options)).toBe(1998);
    expect(nextRetryDelay(3, options)).toBe(3996);
    expect(nextRetryDelay(6, options)).toBe(31_968);
    expect(nextRetryDelay(7, options)).toBe(59_940); // 64 s capped at 60 s
  });

  it('scales the ceiling by the random draw (full jitter)', () => {
    expect(nextRetryDelay(4, { baseDelayMs: 1000, random: fixed(0.25) })).toBe(2000);
  });

  it('never overflows for large attempt numbers', () => {
    expect(nextRetryDelay(5000, { random: fixed(0.999) })).toBe(Math.floor(DEFAULT_MAX_DELAY_MS * 0.999));
  });

  it('defaults to 1 s doubling up to 5 min, jittered by Math.random', () => {
    expect(DEFAULT_BASE_DELAY_MS).toBe(1000);
    expect(DEFAULT_MAX_DELAY_MS).toBe(300_000);
    for (let i = 0; i < 100; i++) {
      const delay = nextRetryDelay(3);
      expect(delay).toBeGreaterThanOrEqual(500);
      expect(delay).toBeLessThan(4000);
      expect(Number.isInteger(delay)).toBe(true);
    }
  });

  it('refuses attempt numbers below 1', () => {
    expect(() => nextRetryDelay(0)).toThrow(RangeError);
    expect(() => nextRetryDelay(1.5)).toThrow(RangeError);
  });
});

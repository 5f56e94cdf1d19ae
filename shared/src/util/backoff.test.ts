import { describe, expect, it } from 'vitest';
import { backoffDelay, Jitter } from './backoff.js';

const fixed = (value: number) => () => value;

describe('backoffDelay with equal jitter', () => {
  const options = { baseMs: 250, maxMs: 30_000, jitter: Jitter.EQUAL };

  it('doubles per attempt, between half and all of the ceiling', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, { ...options, random: fixed(0) }))).toEqual([125, 250, 500, 1000]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, { ...options, random: fixed(0.999_999) }))).toEqual([
      250, 500, 1000, 2000,
    ]);
  });

  it('stops growing at the cap, however many attempts', () => {
    for (const attempt of [8, 50, 5000]) {
      const delay = backoffDelay(attempt, options);
      expect(delay).toBeGreaterThanOrEqual(15_000);
      expect(delay).toBeLessThanOrEqual(30_000);
    }
  });
});

describe('backoffDelay with full jitter', () => {
  const options = { baseMs: 1000, maxMs: 300_000, jitter: Jitter.FULL };

  it('is at least half the base delay, even when the jitter draws 0', () => {
    for (const attempt of [1, 2, 5, 30]) expect(backoffDelay(attempt, { ...options, random: fixed(0) })).toBe(500);
  });

  it('stays under the doubling ceiling when the jitter draws 0.999', () => {
    const capped = { ...options, maxMs: 60_000, random: fixed(0.999) };
    expect([1, 2, 3, 6, 7].map((n) => backoffDelay(n, capped))).toEqual([999, 1998, 3996, 31_968, 59_940]);
  });

  it('scales the ceiling by the random draw', () => {
    expect(backoffDelay(4, { ...options, random: fixed(0.25) })).toBe(2000);
  });

  it('never overflows for large attempt numbers', () => {
    expect(backoffDelay(5000, { ...options, random: fixed(0.999) })).toBe(Math.floor(300_000 * 0.999));
  });

  it('draws from Math.random by default, in whole milliseconds', () => {
    for (let i = 0; i < 100; i++) {
      const delay = backoffDelay(3, options);
      expect(delay).toBeGreaterThanOrEqual(500);
      expect(delay).toBeLessThan(4000);
      expect(Number.isInteger(delay)).toBe(true);
    }
  });
});

describe('backoffDelay without jitter', () => {
  it('is the ceiling: doubling from the base up to the cap', () => {
    const options = { baseMs: 100, maxMs: 5_000, jitter: Jitter.NONE, random: fixed(0.5) };
    expect([1, 2, 3, 6, 7, 1000].map((n) => backoffDelay(n, options))).toEqual([100, 200, 400, 3200, 5000, 5000]);
  });
});

describe('backoffDelay', () => {
  it('refuses attempt numbers that are not whole numbers from 1', () => {
    const options = { baseMs: 100, maxMs: 5_000, jitter: Jitter.EQUAL };
    expect(() => backoffDelay(0, options)).toThrow(RangeError);
    expect(() => backoffDelay(1.5, options)).toThrow(RangeError);
    expect(() => backoffDelay(Number.NaN, options)).toThrow(RangeError);
  });
});

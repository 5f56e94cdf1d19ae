import { describe, expect, it } from 'vitest';
import { isRetryableStatus, parseRetryAfter, resolveRetryPolicy, retryDelayMs, sleep } from './retry.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('reads seconds and HTTP dates; a past date is 0', () => {
    expect(parseRetryAfter('10', now)).toBe(10);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
  });
  it('ignores what it cannot read', () => {
    for (const bad of [null, '', '-1', '1.5', 'soon', '2026-01-01']) expect(parseRetryAfter(bad, now)).toBeUndefined();
  });
});

describe('retryDelayMs', () => {
  const policy = resolveRetryPolicy({ baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 });
  it('grows the ceiling of a jittered wait by doubling, up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((a) => retryDelayMs(policy, a, undefined, () => 0.999999))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
    expect(retryDelayMs(policy, 3, undefined, () => 0)).toBe(0);
    expect(retryDelayMs(policy, 3, undefined, () => 0.5)).toBe(200);
  });
  it("takes the server's Retry-After, and gives up when it is longer than allowed", () => {
    expect(retryDelayMs(policy, 1, 2, () => 0)).toBe(2000);
    expect(retryDelayMs(policy, 1, 6, () => 0)).toBeUndefined();
  });
  it('refuses a policy without tries or with a negative wait', () => {
    expect(() => resolveRetryPolicy({ attempts: 0 })).toThrow(/attempts/);
    expect(() => resolveRetryPolicy({ baseDelayMs: -1 })).toThrow(/baseDelayMs/);
  });
});

describe('isRetryableStatus and sleep', () => {
  it('retries 429 and 5xx only', () => {
    expect([429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([200, 400, 401, 404, 409, 410, 413, 415, 422].some(isRetryableStatus)).toBe(false);
  });
  it('sleep ends early with the abort reason', async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort(new Error('stopped'));
    await expect(waiting).rejects.toThrow('stopped');
  });
});

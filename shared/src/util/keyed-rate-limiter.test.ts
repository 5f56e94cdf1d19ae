import { describe, expect, it } from 'vitest';
import { KeyedRateLimiter } from './keyed-rate-limiter.js';

describe('KeyedRateLimiter', () => {
  it('allows a burst, then refuses with the wait until the next token', () => {
    let now = 1_000_000;
    const limiter = new KeyedRateLimiter({ perMinute: 60, burst: 3 }, () => now);
    expect([limiter.take('KZ'), limiter.take('KZ'), limiter.take('KZ')]).toEqual([0, 0, 0]);
    expect(limiter.take('KZ')).toBe(1000);
    now += 400;
    expect(limiter.take('KZ')).toBe(600);
    now += 600;
    expect(limiter.take('KZ')).toBe(0);
    expect(limiter.take('KZ')).toBeGreaterThan(0);
  });

  it('keeps keys apart', () => {
    const now = 5;
    const limiter = new KeyedRateLimiter({ perMinute: 1, burst: 1 }, () => now);
    expect(limiter.take('KZ')).toBe(0);
    expect(limiter.take('KZ')).toBe(60_000);
    expect(limiter.take('UZ')).toBe(0);
  });

  it('refills up to the burst only', () => {
    let now = 0;
    const limiter = new KeyedRateLimiter({ perMinute: 600, burst: 2 }, () => now);
    now += 3_600_000;
    expect([limiter.take('a'), limiter.take('a')]).toEqual([0, 0]);
    expect(limiter.take('a')).toBe(100);
  });

  it('keeps limiting a busy key while many other keys come and go', () => {
    let now = 0;
    const limiter = new KeyedRateLimiter({ perMinute: 1, burst: 1 }, () => now);
    expect(limiter.take('busy')).toBe(0);
    for (let i = 0; i < 10_050; i++) {
      now += 1;
      expect(limiter.take(`k${i}`)).toBe(0);
    }
    expect(limiter.take('busy')).toBe(60_000 - 10_050);
  });

  it('refuses a limit that lets nothing through', () => {
    expect(() => new KeyedRateLimiter({ perMinute: 0, burst: 1 })).toThrow(RangeError);
    expect(() => new KeyedRateLimiter({ perMinute: 10, burst: 0 })).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../index.js';

describe('BoundedCache', () => {
  it('never holds more than its limit, and lets go of the entries not used for two generations', () => {
    const cache = new BoundedCache<number, string>(10);
    for (let i = 0; i < 1_000; i++) {
      cache.set(i, `v${i}`);
      expect(cache.size).toBeLessThanOrEqual(10);
    }
    // The last two generations (five entries each) are held, the rest is gone.
    expect(cache.size).toBe(10);
    expect(cache.get(0)).toBeUndefined();
    expect(cache.get(989)).toBeUndefined();
    for (let i = 995; i < 1_000; i++) expect(cache.get(i)).toBe(`v${i}`);
    expect(cache.get(990)).toBe('v990');
  });

  it('keeps an entry in use however many others come and go', () => {
    const cache = new BoundedCache<string, number>(4);
    cache.set('kept', 1);
    for (let i = 0; i < 100; i++) {
      cache.set(`other-${i}`, i);
      expect(cache.get('kept')).toBe(1);
    }
    expect(cache.size).toBeLessThanOrEqual(4);
  });

  it('keeps null as a value, computes a missing one once, and replaces a value set again', () => {
    const cache = new BoundedCache<string, number | null>(4);
    let computed = 0;
    const compute = (): null => {
      computed++;
      return null;
    };
    expect(cache.getOrSet('unreadable', compute)).toBeNull();
    expect(cache.getOrSet('unreadable', compute)).toBeNull();
    expect(computed).toBe(1);
    cache.set('a', 1);
    cache.set('a', 2);
    expect(cache.get('a')).toBe(2);
    expect(cache.size).toBe(2);
  });

  it('refuses a limit that cannot hold two generations', () => {
    for (const limit of [0, 1, 2.5, Number.NaN, -4]) expect(() => new BoundedCache(limit)).toThrow(RangeError);
  });
});

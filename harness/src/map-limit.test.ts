import { describe, expect, it } from 'vitest';
import { mapLimit } from './map-limit.js';

describe('mapLimit', () => {
  it('keeps the order of the items and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const out = await mapLimit([5, 1, 4, 2, 3, 0, 6], 3, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30, 0, 60]);
    expect(most).toBe(3);
  });

  it('runs nothing for no items, and after a failure begins no other item', async () => {
    expect(await mapLimit([], 4, () => Promise.reject(new Error('never called')))).toEqual([]);
    const begun: number[] = [];
    await expect(
      mapLimit([1, 2, 3, 4, 5, 6], 2, (n) => {
        begun.push(n);
        return n === 2 ? Promise.reject(new Error('item 2 failed')) : Promise.resolve(n);
      }),
    ).rejects.toThrow('item 2 failed');
    expect(begun).toEqual([1, 2, 3]);
  });
});

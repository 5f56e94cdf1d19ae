import { describe, expect, it } from 'vitest';
import { pooledRandomBytes } from './random-pool.js';

describe('pooledRandomBytes', () => {
  it('hands out fresh, independent bytes across pool refills, and large requests directly', () => {
    const seen = new Set<string>();
    const all: Buffer[] = [];
    for (let i = 0; i < 2_000; i++) {
      const b = pooledRandomBytes(16);
      expect(b.length).toBe(16);
      seen.add(b.toString('hex'));
      all.push(b);
    }
    expect(seen.size).toBe(2_000);
    // Each is its own copy: later draws do not change earlier ones.
    const first = Buffer.from(all[0]!);
    pooledRandomBytes(8192);
    for (let i = 0; i < 600; i++) pooledRandomBytes(16);
    expect(all[0]!.equals(first)).toBe(true);
    expect(pooledRandomBytes(10_000).length).toBe(10_000);
  });
});

import { describe, expect, it } from 'vitest';
import { Histogram } from './histogram.js';

describe('Histogram', () => {
  it('gives percentiles within 1% over a wide range of values', () => {
    const h = new Histogram();
    // 1 us .. 10 s, uniform in ms steps of 0.5 ms from 0.001.
    const values: number[] = [];
    for (let i = 0; i < 20_000; i++) values.push(0.001 + i * 0.5);
    for (const v of values) h.record(v);
    const sorted = [...values].sort((a, b) => a - b);
    for (const p of [50, 90, 99, 99.9]) {
      const exact = sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
      const got = h.percentile(p);
      expect(got).toBeGreaterThanOrEqual(exact * 0.99);
      expect(got).toBeLessThanOrEqual(exact * 1.01);
    }
    expect(h.count).toBe(20_000);
    expect(h.max).toBeCloseTo(sorted[sorted.length - 1]!, 3);
    expect(h.min).toBeCloseTo(0.001, 6);
  });

  it('is exact for small values and never reports above the maximum', () => {
    const h = new Histogram();
    for (const ms of [0.1, 0.2, 0.25, 0.255]) h.record(ms);
    expect(h.percentile(25)).toBe(0.1);
    expect(h.percentile(50)).toBe(0.2);
    expect(h.percentile(100)).toBe(0.255);
    const big = new Histogram();
    big.record(12.345);
    expect(big.percentile(99)).toBe(12.345);
  });

  it('keeps a heavy tail visible: p99 of 98 fast and 2 slow values is slow', () => {
    const h = new Histogram();
    for (let i = 0; i < 98; i++) h.record(2);
    h.record(250);
    h.record(300);
    expect(h.percentile(50)).toBeCloseTo(2, 1);
    expect(h.percentile(99)).toBeGreaterThanOrEqual(250 * 0.99);
    expect(h.summary()).toMatchObject({ count: 100, maxMs: 300 });
  });

  it('reports NaN when empty and refuses impossible percentiles', () => {
    const h = new Histogram();
    expect(h.percentile(50)).toBeNaN();
    expect(h.summary().p99Ms).toBeNaN();
    expect(() => h.percentile(0)).toThrow(RangeError);
    expect(() => h.percentile(101)).toThrow(RangeError);
  });
});

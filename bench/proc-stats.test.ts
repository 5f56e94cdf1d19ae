import { describe, expect, it } from 'vitest';
import { peakRssByQuarter, statCpuSeconds, statField } from './proc-stats.js';

const MB = 2 ** 20;

describe('peakRssByQuarter', () => {
  // 1,000 items done over 10 s, 100 a second.
  const progress = Array.from({ length: 11 }, (_, i) => ({ atMs: i * 1000, done: i * 100 }));

  it('keeps the highest reading of each quarter, by the items done when it was read', () => {
    const readings = [
      { atMs: 500, rssBytes: 100 * MB }, // 0 done: first quarter
      { atMs: 2000, rssBytes: 180 * MB }, // 200 done
      { atMs: 2600, rssBytes: 150 * MB }, // 200 done (the sample at 2 s)
      { atMs: 3000, rssBytes: 210 * MB }, // 300 done: second quarter
      { atMs: 5000, rssBytes: 200 * MB }, // 500 done: still the second (up to 50%)
      { atMs: 7000, rssBytes: 240 * MB }, // 700 done: third
      { atMs: 10_000, rssBytes: 230 * MB }, // all done: fourth
    ];
    expect(peakRssByQuarter(progress, readings, 1000)).toEqual([180 * MB, 210 * MB, 240 * MB, 230 * MB]);
  });

  it('reads the readings in time order whatever order they come in', () => {
    const readings = [
      { atMs: 9000, rssBytes: 4 * MB },
      { atMs: 1000, rssBytes: 1 * MB },
      { atMs: 6000, rssBytes: 3 * MB },
      { atMs: 4000, rssBytes: 2 * MB },
    ];
    expect(peakRssByQuarter(progress, readings, 1000)).toEqual([1 * MB, 2 * MB, 3 * MB, 4 * MB]);
  });

  it('says null for a quarter no reading fell in, and ignores readings before the first progress sample', () => {
    const late = progress.map((p) => ({ atMs: p.atMs + 100_000, done: p.done }));
    const readings = [
      { atMs: 50, rssBytes: 999 * MB }, // before any progress sample
      { atMs: 100_500, rssBytes: 120 * MB },
      { atMs: 110_000, rssBytes: 130 * MB },
    ];
    expect(peakRssByQuarter(late, readings, 1000)).toEqual([120 * MB, null, null, 130 * MB]);
  });

  it('gives four nulls when nothing was to be done or nothing was read', () => {
    expect(peakRssByQuarter(progress, [], 1000)).toEqual([null, null, null, null]);
    expect(peakRssByQuarter(progress, [{ atMs: 1000, rssBytes: MB }], 0)).toEqual([null, null, null, null]);
  });
});

describe('a /proc/<pid>/stat text', () => {
  // A command name with a space and a ")" in it, nice 5, utime 250 and stime 50 ticks.
  const stat = '4242 (node (main) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 5 12 0 100 0 0';

  it('is read by its fields as proc(5) numbers them, after the command name', () => {
    expect(statField(stat, 3)).toBe('S');
    expect(statField(stat, 19)).toBe('5');
    expect(statCpuSeconds(stat)).toBe(3);
  });
});

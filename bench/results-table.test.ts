import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from './bench-args.js';
import { benchPlan } from './bench-plan.js';
import { summaryFigures, type BenchResults } from './bench-results.js';
import type { LatencySummary } from './histogram.js';
import type { MemberRoundTripResult } from './member-round-trip.js';
import { resultReport } from './results-table.js';

const latency = (p95Ms: number): LatencySummary => ({
  count: 200,
  meanMs: p95Ms / 2,
  p50Ms: p95Ms / 2,
  p90Ms: p95Ms * 0.9,
  p95Ms,
  p99Ms: p95Ms * 1.2,
  maxMs: p95Ms * 2,
});

/** The results of a search phase alone, on a bank of `persons`, with `memberRoundTrip`. */
function searchOnly(memberRoundTrip: MemberRoundTripResult, persons = 1_000_000): BenchResults {
  const timings = {
    persons,
    tokens: 10,
    skeletons: 10,
    seconds: 1,
    path: 'HTTP',
    queries: 10,
    latency: latency(20),
    found: 9,
    lookedFor: 9,
    noHitEmpty: 1,
    noHitQueries: 1,
  };
  return {
    mode: 'full',
    startedAt: '2026-01-01T00:00:00Z',
    durationSeconds: 1,
    phaseSeconds: { search: 1 },
    machine: {
      cores: 2,
      cpuModel: 'test',
      memoryGiB: 4,
      os: 'test',
      node: 'v20',
      natsServer: '2.9.10',
      loadAverageAtStart: [0, 0, 0],
    },
    plan: benchPlan(parseBenchArgs([])),
    search: {
      method: 'test',
      note: persons < 1_000_000 ? 'smaller bank' : undefined,
      engines: { sqlite: timings, postgres: { reason: 'no PostgreSQL' } },
      quality: { queries: 10, pairs: 10, distractors: 0, recallAt10: 1, precisionAt3: 1, recallByKind: {}, missed: [] },
      memberRoundTrip,
    },
  };
}

const measured = (p95Ms: number, timeouts = 0): MemberRoundTripResult => ({
  available: true,
  method: 'through one agent',
  offeredPerSecond: 20,
  answeredPerSecond: 19.8,
  seconds: 30,
  sent: 600,
  answered: 600 - timeouts,
  timeouts,
  errors: 0,
  firstError: undefined,
  latency: latency(p95Ms),
  oneAtATimeMs: 42,
});

const roundTripRow = (r: BenchResults) =>
  resultReport(r).rows.find((row) => row.metric.startsWith('member round trip'));

describe('the member round trip in the results', () => {
  it('gives p50 / p95 / p99 against the 150 ms target, and the counts of what came back', () => {
    const report = resultReport(searchOnly(measured(120)));
    expect(roundTripRow(searchOnly(measured(120)))).toMatchObject({
      metric: 'member round trip p50 / p95 / p99 at 20 queries/s (SQLite bank)',
      value: '60.0 ms / 120.0 ms / 144.0 ms',
      target: 'p95 <= 150 ms',
      verdict: 'meets',
    });
    expect(report.rows.find((row) => row.metric.startsWith('member round trip, one'))?.value).toBe('42.0 ms');
    expect(report.rows.find((row) => row.metric.startsWith('member searches answered'))?.value).toBe(
      '600 / 0 / 0 of 600 in 30 s (19.8 answers/s steady)',
    );
    expect(roundTripRow(searchOnly(measured(180)))?.verdict).toBe('MISSES');
    // Timeouts miss the target whatever the percentiles of those answered, and are noted.
    expect(roundTripRow(searchOnly(measured(100, 3)))?.verdict).toBe('MISSES');
    expect(resultReport(searchOnly(measured(100, 3))).notes.join('\n')).toContain('3 searches had no answer');
  });

  it('gives no verdict on a smaller bank, and says why when it was not measured', () => {
    expect(roundTripRow(searchOnly(measured(120), 20_000))?.verdict).toBe('');
    const none = searchOnly({ available: false, reason: 'not measured: the agent did not start' });
    expect(roundTripRow(none)).toMatchObject({ value: 'not measured', verdict: '' });
    expect(resultReport(none).notes).toContain('search: member round trip: not measured: the agent did not start.');
  });

  it('puts the p95 on the last line only when searches were answered', () => {
    expect(summaryFigures(searchOnly(measured(120))).memberRoundTripP95Ms).toBe(120);
    expect(summaryFigures(searchOnly({ available: false, reason: 'x' })).memberRoundTripP95Ms).toBeUndefined();
  });
});

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

const rate = (perSecond: number) => ({
  perSecond,
  overallPerSecond: perSecond,
  windowStartMs: 0,
  windowEndMs: 1_000,
  windowItems: perSecond,
});

/** The results of the baseline and the floor alone: the floor at `cpuMs` per message, nats-server at `natsMs`. */
function floorRun(cpuMs: number, natsMs: number | null, baseline = 6_000): BenchResults {
  const { search: _search, ...base } = searchOnly(measured(120));
  const drain = { messages: 1_000, drainedAll: true, peakRssMb: 100, natsCpuMsPerMessage: natsMs };
  return {
    ...base,
    phaseSeconds: { baseline: 1, floor: 1 },
    baseline: { ...drain, method: 'test', rate: rate(baseline), invalid: 0, cpuMsPerMessage: 0.17 },
    floor: {
      ...drain,
      method: 'test',
      rate: rate(1_000 / cpuMs),
      cpuMsPerMessage: cpuMs,
      ceilingPerSecond: natsMs === null ? null : (2 * 1_000) / (cpuMs + natsMs),
      publishedPerMessage: 3,
    },
  };
}

describe('the floor in the results', () => {
  const row = (r: BenchResults, metric: string) =>
    resultReport(r).rows.find((x) => x.phase !== 'baseline' && x.metric === metric);

  it("sets the unavoidable steps' cost and this machine's ceiling beside the baseline", () => {
    const r = floorRun(0.4, 0.1);
    expect(row(r, 'unavoidable steps only, one thread')?.value).toBe('2,500 msg/s');
    expect(row(r, 'CPU per message')?.value).toBe('0.40 ms');
    expect(row(r, "nats-server's CPU per message")?.value).toBe('0.10 ms');
    // 2 cores / 0.5 ms = 4,000 msg/s; against a baseline of 6,000: 0.67.
    expect(row(r, 'ceiling on 2 cores (all busy)')?.value).toBe('4,000 msg/s');
    expect(row(r, 'floor ceiling / baseline')?.value).toBe('0.67');
  });

  it('says when the unavoidable steps alone cannot meet the CPU or ratio target', () => {
    const notes = (r: BenchResults) => resultReport(r).notes.join('\n');
    expect(notes(floorRun(0.25, 0.05))).not.toContain('floor:');
    expect(notes(floorRun(0.4, 0.05))).toContain(
      "the unavoidable steps alone cost 0.40 ms of CPU per message, above the gateway's target of 0.30 ms",
    );
    // 2 cores / 0.8 ms = 2,500 msg/s: 0.42 of a 6,000 msg/s baseline.
    expect(notes(floorRun(0.6, 0.2))).toContain(
      'this machine would carry 0.42 of the baseline, under the ratio target of 0.6',
    );
  });

  it('gives no ceiling when the server was not measured', () => {
    const r = floorRun(0.4, null);
    expect(row(r, "nats-server's CPU per message")).toBeUndefined();
    expect(row(r, 'floor ceiling / baseline')).toBeUndefined();
  });
});

/** A latency phase alone, whose data bank caught up as `catchUp` and `beforeLowLoad` say. */
function latencyRun(
  beforeLowLoad: { entries: number; seconds: number; caughtUp: boolean; left: number } | undefined,
  catchUp = { entries: 0, seconds: 0, caughtUp: true, left: 0 },
): BenchResults {
  const { search: _search, ...base } = searchOnly(measured(120));
  return {
    ...base,
    phaseSeconds: { latency: 1 },
    latency: {
      method: 'test',
      offeredRate: 1_000,
      achievedRate: 1_000,
      measuredSeconds: 30,
      toRecipient: latency(40),
      toReceipt: latency(40),
      lowLoad: { offeredRate: 200, toRecipient: latency(20), missing: 0 },
      missing: 0,
      gatewayPeakRssMb: 250,
      timeline: [],
      cpuCores: { gateway: 1, natsServer: 0.3, loadGenerator: 0.2, machineCores: 2 },
      gatewayStagesMs: {},
      databank: {
        catchUp,
        underLoad: { samples: 10, intervalMs: 100, maxEntries: 20_752, maxSeconds: 20.84 },
        beforeLowLoad,
      },
    },
  };
}

describe("the data bank's catching up between the latency phase's two loads", () => {
  const row = (r: BenchResults, metric = 'catch-up before the 200 msg/s load') =>
    resultReport(r).rows.find((x) => x.phase === 'databank' && x.metric === metric);

  it('says how far behind the bank was before the lighter load, how long it took, and whether it caught up', () => {
    expect(row(latencyRun({ entries: 20_752, seconds: 14.25, caughtUp: true, left: 0 }))?.value).toBe(
      '20,752 entries in 14.3 s',
    );
    expect(row(latencyRun({ entries: 300_000, seconds: 300, caughtUp: false, left: 120_000 }))?.value).toBe(
      '300,000 entries in 300.0 s (not caught up: 120,000 behind)',
    );
  });

  it('says when the bank was waited for only as far as the heavier load found it', () => {
    const r = latencyRun(
      { entries: 140_000, seconds: 12.5, caughtUp: true, left: 109_000 },
      { entries: 195_000, seconds: 300, caughtUp: false, left: 110_000 },
    );
    expect(row(r, 'catch-up in the gateway before the latency load')?.value).toBe(
      '195,000 entries in 300.0 s (not caught up: 110,000 behind)',
    );
    expect(row(r)?.value).toBe('from 140,000 to 109,000 entries behind in 12.5 s, as the 1,000 msg/s load found it');
    const notBack = { entries: 140_000, seconds: 300, caughtUp: false, left: 125_000 };
    expect(row(latencyRun(notBack, r.latency!.databank!.catchUp))?.value).toBe(
      'from 140,000 to 125,000 entries behind in 300.0 s (not back to 110,000)',
    );
    const noWait = { entries: 90_000, seconds: 0, caughtUp: true, left: 90_000 };
    expect(row(latencyRun(noWait, r.latency!.databank!.catchUp))?.value).toBe(
      '90,000 entries behind, no more than the 1,000 msg/s load found: no wait',
    );
  });

  it('has no such row where the gateway had no data bank to wait for', () => {
    expect(row(latencyRun(undefined))).toBeUndefined();
  });
});

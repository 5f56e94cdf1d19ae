import { describe, expect, it } from 'vitest';
import { sumMetric } from './prometheus-text.js';
import { steadyRate } from './steady-rate.js';
import { generatedMessageId } from './archive-fill.js';
import { isUuidV7 } from '@atc/shared';

describe('steadyRate', () => {
  it('leaves out a slow warm-up and the tail where the backlog runs dry', () => {
    // 1,000 items: 100 in the first 2 s (warm-up), then 1,000/s, then a slow last 50.
    const samples = [
      { atMs: 0, done: 0 },
      { atMs: 2_000, done: 100 },
      { atMs: 2_500, done: 600 },
      { atMs: 2_850, done: 950 },
      { atMs: 4_000, done: 1_000 },
    ];
    const r = steadyRate(samples, 1_000);
    expect(r.perSecond).toBeCloseTo(1_000, 0);
    expect(r.overallPerSecond).toBeCloseTo(250, 0);
    expect(r.windowItems).toBe(850);
  });

  it('runs to the last sample when the tail is not excluded, and falls back to the whole run', () => {
    const samples = [
      { atMs: 0, done: 0 },
      { atMs: 1_000, done: 500 },
      { atMs: 2_000, done: 1_000 },
    ];
    expect(steadyRate(samples, 1_000, { endFraction: 1 }).perSecond).toBeCloseTo(500, 0);
    expect(steadyRate([samples[0]!, samples[2]!], 1_000).perSecond).toBeCloseTo(500, 0);
    expect(() => steadyRate([samples[0]!], 1)).toThrow(RangeError);
  });
});

describe('sumMetric', () => {
  it('sums every label set of a metric and nothing else', () => {
    const text = [
      '# HELP atc_gateway_accepted_total Submissions accepted',
      '# TYPE atc_gateway_accepted_total counter',
      'atc_gateway_accepted_total{payload_type="atc.v1.PersonRecord"} 1200',
      'atc_gateway_accepted_total{payload_type="atc.v1.DeliveryAck"} 34',
      'atc_gateway_accepted_total_other 99',
      'atc_gateway_refused_total 0',
    ].join('\n');
    expect(sumMetric(text, 'atc_gateway_accepted_total')).toBe(1234);
    expect(sumMetric(text, 'atc_gateway_refused_total')).toBe(0);
    expect(sumMetric(text, 'atc_missing')).toBe(0);
  });
});

describe('generatedMessageId', () => {
  it('makes distinct, time-ordered lowercase UUIDv7 ids', () => {
    const ids = [0, 1, 4095, 4096, 16_384, 999_999].map(generatedMessageId);
    for (const id of ids) expect(isUuidV7(id)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});

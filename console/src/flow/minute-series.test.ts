import { describe, expect, it } from 'vitest';
import type { FlowEventJson, FlowTotals } from './flow-model';
import { minuteRates, parseFlowSeries, type FlowSeriesJson } from './minute-series';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 15, 10, 0, 0);
const zero: FlowTotals = { accepted: 0, rejected: 0, delivered: 0, replayed: 0, sequenceAnomalies: 0 };

/** Three minutes 10:00..10:02, read at 10:02:30; operational accepted 1, 2, 3; one exercise refusal at 10:01. */
const base: FlowSeriesJson = {
  window: '1h',
  from: new Date(T0).toISOString(),
  to: new Date(T0 + 2 * MIN + 30_000).toISOString(),
  stepSeconds: 60,
  points: [0, 1, 2].map((i) => ({
    at: new Date(T0 + i * MIN).toISOString(),
    operational: { ...zero, accepted: i + 1 },
    exercise: { ...zero, rejected: i === 1 ? 1 : 0 },
  })),
};

const event = (kind: FlowEventJson['kind'], at: number, extra: Partial<FlowEventJson> = {}): FlowEventJson => ({
  kind,
  at: new Date(at).toISOString(),
  messageId: null,
  sender: 'KZ',
  ...extra,
});

describe('minuteRates', () => {
  it('draws the series per traffic and adds the events read after it to their minute', () => {
    expect(minuteRates(base, [], 'operational', T0 + 2 * MIN + 40_000)).toEqual([
      [T0 / 1000, T0 / 1000 + 60, T0 / 1000 + 120],
      [1, 2, 3],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(minuteRates(base, [], 'exercise', T0 + 2 * MIN + 40_000)[2]).toEqual([0, 1, 0]);
    const events = [
      event('accepted', T0 + 2 * MIN + 10_000), // before the series was read: already counted
      event('accepted', T0 + 2 * MIN + 45_000),
      event('delivered', T0 + 2 * MIN + 50_000, { delivery: { messageId: 'm', sender: 'BY', first: true } }),
      event('delivered', T0 + 2 * MIN + 51_000, { delivery: { messageId: 'm', sender: 'BY', first: false } }),
      event('rejected', T0 + 2 * MIN + 55_000, { exercise: true }),
      event('replayed', T0 + 2 * MIN + 56_000),
    ];
    const operational = minuteRates(base, events, 'operational', T0 + 2 * MIN + 59_000);
    expect(operational.slice(1)).toEqual([
      [1, 2, 4],
      [0, 0, 0],
      [0, 0, 1],
    ]);
    expect(minuteRates(base, events, 'exercise', T0 + 2 * MIN + 59_000)[2]).toEqual([0, 1, 1]);
  });

  it('slides on with the clock: older minutes dropped, new ones counted from the feed', () => {
    const data = minuteRates(base, [event('accepted', T0 + 3 * MIN + 5000)], 'operational', T0 + 3 * MIN + 6000);
    expect(data[0]).toEqual([T0 / 1000 + 60, T0 / 1000 + 120, T0 / 1000 + 180]);
    expect(data[1]).toEqual([2, 3, 1]);
  });

  it('refuses a body it does not understand', () => {
    expect(() => parseFlowSeries({ points: 'none' })).toThrow(/does not understand/);
    expect(parseFlowSeries(JSON.parse(JSON.stringify(base)))).toEqual(base);
  });
});

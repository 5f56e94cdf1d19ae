import { describe, expect, it } from 'vitest';
import { matrixOf, parseFlowEvent, parseFlowStats, withLiveEvents, type FlowStatsJson } from './flow-model';
import { RateSeries } from './rate-series';

const zero = { accepted: 0, rejected: 0, delivered: 0, replayed: 0, sequenceAnomalies: 0 };

const base: FlowStatsJson = {
  window: '1h',
  from: '2026-01-01T10:00:00.000Z',
  to: '2026-01-01T10:10:00.000Z',
  seconds: 600,
  operational: {
    totals: { ...zero, accepted: 2, delivered: 1 },
    flows: [{ sender: 'KZ', recipient: 'BY', count: 2, rate: 2 / 600, delivered: 1 }],
    refusals: [],
  },
  exercise: { totals: { ...zero }, flows: [], refusals: [] },
  members: [
    { member: 'BY', lastSeen: null, backlog: 0 },
    { member: 'KZ', lastSeen: '2026-01-01T10:05:00.000Z', backlog: 1 },
  ],
  truncated: false,
};

describe('flow model', () => {
  it('adds only events dated after the statistics, operational and exercise apart', () => {
    const live = withLiveEvents(base, [
      // Already counted by the statistics: dated before their `to`.
      { kind: 'accepted', at: '2026-01-01T10:09:59.000Z', messageId: 'm0', sender: 'KZ', recipients: ['BY'] },
      { kind: 'accepted', at: '2026-01-01T10:10:01.000Z', messageId: 'm1', sender: 'KZ', recipients: ['BY', 'RU'] },
      {
        kind: 'delivered',
        at: '2026-01-01T10:10:02.000Z',
        messageId: 'a1',
        sender: 'RU',
        delivery: { messageId: 'm1', sender: 'KZ', first: true },
      },
      // A repeated acknowledgement delivers nothing new.
      {
        kind: 'delivered',
        at: '2026-01-01T10:10:03.000Z',
        messageId: 'a2',
        sender: 'RU',
        delivery: { messageId: 'm1', sender: 'KZ', first: false },
      },
      {
        kind: 'accepted',
        at: '2026-01-01T10:10:04.000Z',
        messageId: 'm2',
        sender: 'BY',
        recipients: ['KZ'],
        exercise: true,
      },
      {
        kind: 'rejected',
        at: '2026-01-01T10:10:05.000Z',
        messageId: 'm3',
        sender: 'BY',
        code: 'ERR_SIGNATURE_INVALID',
      },
    ]);
    expect(live.operational.totals).toEqual({ ...zero, accepted: 3, delivered: 2, rejected: 1 });
    expect(live.exercise.totals).toEqual({ ...zero, accepted: 1 });
    const m = matrixOf(live.operational.flows);
    expect(m.senders).toEqual(['KZ']);
    expect(m.recipients).toEqual(['BY', 'RU']);
    expect(m.cell('KZ', 'BY')).toMatchObject({ count: 3, delivered: 1 });
    expect(m.cell('KZ', 'RU')).toMatchObject({ count: 1, delivered: 1 });
    expect(m.cell('KZ', 'RU')?.rate).toBeCloseTo(1 / 605);
    expect(matrixOf(live.exercise.flows).cell('BY', 'KZ')).toMatchObject({ count: 1 });
    expect(live.operational.refusals).toEqual([{ code: 'ERR_SIGNATURE_INVALID', count: 1 }]);
    expect(live.members.find((x) => x.member === 'BY')?.lastSeen).toBe('2026-01-01T10:10:05.000Z');
    expect(live.members.find((x) => x.member === 'RU')).toMatchObject({ backlog: null });
    expect(live.to).toBe('2026-01-01T10:10:05.000Z');
    // The base is left as it was.
    expect(base.operational.totals.accepted).toBe(2);
  });

  it('returns the statistics unchanged when no event is newer', () => {
    expect(withLiveEvents(base, [])).toBe(base);
  });

  it('rejects feed data and statistics it cannot read', () => {
    expect(parseFlowEvent('{"kind":"accepted"}')).toBeUndefined();
    expect(parseFlowEvent('{"kind":"bogus","at":"2026-01-01T00:00:00Z"}')).toBeUndefined();
    expect(parseFlowEvent('not json')).toBeUndefined();
    expect(
      parseFlowEvent('{"kind":"replayed","at":"2026-01-01T00:00:00Z","messageId":null,"sender":"KZ"}'),
    ).toMatchObject({ kind: 'replayed' });
    expect(() => parseFlowStats({ to: 'x' })).toThrow(TypeError);
    expect(parseFlowStats(base)).toBe(base);
  });

  it('counts events per second over the chart span and drops older seconds', () => {
    const series = new RateSeries(5);
    const t0 = Date.parse('2026-01-01T10:00:00.000Z');
    series.record('accepted', t0);
    series.record('accepted', t0 + 200);
    series.record('rejected', t0 + 1000);
    series.record('delivered', t0 + 4999);
    const [times, accepted, rejected, delivered] = series.data(t0 + 4500);
    expect(times).toHaveLength(5);
    expect(times[0]).toBe(t0 / 1000);
    expect(accepted).toEqual([2, 0, 0, 0, 0]);
    expect(rejected).toEqual([0, 1, 0, 0, 0]);
    expect(delivered).toEqual([0, 0, 0, 0, 1]);
    expect(series.data(t0 + 6000)[1]).toEqual([0, 0, 0, 0, 0]);
  });
});

import { describe, expect, it } from 'vitest';
import { FlowBuckets, type Observation } from './flow-buckets.js';

const MIN = 60_000;
/** A fixed "now": 10:30:20 on some day, 20 s into its minute. */
const NOW = Date.UTC(2026, 0, 15, 10, 30, 20);
const minuteStart = Math.floor(NOW / MIN) * MIN;

const accepted = (at: number, sender = 'KZ', recipients = ['BY'], exercise = false): Observation => ({
  at,
  kind: 'accepted',
  exercise,
  pairs: recipients.map((r) => [sender, r] as const),
});

describe('FlowBuckets', () => {
  it('counts pairs, totals and refusals, operational and exercise apart', () => {
    const b = new FlowBuckets();
    b.record(accepted(NOW - 1000, 'KZ', ['BY', 'RU']), NOW);
    b.record(accepted(NOW - 2000, 'KZ', ['BY']), NOW);
    b.record(accepted(NOW - 3000, 'BY', ['KZ'], true), NOW);
    b.record({ at: NOW, kind: 'delivered', exercise: false, pairs: [['KZ', 'BY']] }, NOW);
    b.record({ at: NOW, kind: 'rejected', exercise: false, code: 'ERR_RECIPIENT_UNKNOWN' }, NOW);
    b.record({ at: NOW, kind: 'rejected', exercise: false, code: 'ERR_RECIPIENT_UNKNOWN' }, NOW);
    b.record({ at: NOW, kind: 'rejected', exercise: false, code: 'ERR_SIGNATURE_INVALID' }, NOW);
    b.record({ at: NOW, kind: 'replayed', exercise: false }, NOW);
    const s = b.summarize(60, NOW);
    expect(s.operational.totals).toEqual({
      accepted: 2,
      rejected: 3,
      delivered: 1,
      replayed: 1,
      sequenceAnomalies: 0,
    });
    expect(s.operational.flows).toEqual([
      { sender: 'KZ', recipient: 'BY', accepted: 2, delivered: 1 },
      { sender: 'KZ', recipient: 'RU', accepted: 1, delivered: 0 },
    ]);
    expect(s.operational.refusals).toEqual([
      { code: 'ERR_RECIPIENT_UNKNOWN', count: 2 },
      { code: 'ERR_SIGNATURE_INVALID', count: 1 },
    ]);
    expect(s.exercise.totals.accepted).toBe(1);
    expect(s.exercise.flows).toEqual([{ sender: 'BY', recipient: 'KZ', accepted: 1, delivered: 0 }]);
    expect(s.truncated).toBe(false);
  });

  it('covers the N whole minutes before the current one and the current one, to the millisecond', () => {
    const b = new FlowBuckets();
    const from = minuteStart - MIN; // the 1-minute window starts one whole minute back
    b.record(accepted(from), NOW); // first millisecond inside
    b.record(accepted(from - 1, 'BY'), NOW); // last millisecond outside
    b.record(accepted(NOW, 'RU'), NOW); // now
    const s = b.summarize(1, NOW);
    expect(s.from).toBe(from);
    expect(s.to).toBe(NOW);
    expect(s.operational.flows.map((f) => f.sender).sort()).toEqual(['KZ', 'RU']);
    // The hour window holds all three; the day window too.
    expect(b.summarize(60, NOW).operational.totals.accepted).toBe(3);
    expect(b.summarize(1440, NOW).from).toBe(minuteStart - 1440 * MIN);
  });

  it('forgets what is older than a day, and refuses it when it comes late', () => {
    const b = new FlowBuckets();
    const dayAgo = minuteStart - 1440 * MIN;
    expect(b.record(accepted(dayAgo), NOW)).toBe(true); // the oldest minute still kept
    expect(b.record(accepted(dayAgo - 1), NOW)).toBe(false);
    expect(b.summarize(1440, NOW).operational.totals.accepted).toBe(1);
    // A minute later, that oldest minute has left the day window.
    const later = NOW + MIN;
    expect(b.summarize(1440, later).operational.totals.accepted).toBe(0);
    // Its slot is reused by the new minute; the old minute's count does not leak into it.
    b.record(accepted(later, 'RU'), later);
    const s = b.summarize(1440, later);
    expect(s.operational.flows).toEqual([{ sender: 'RU', recipient: 'BY', accepted: 1, delivered: 0 }]);
  });

  it('counts a time in the future (a clock running ahead) in the current minute', () => {
    const b = new FlowBuckets();
    expect(b.record(accepted(NOW + 10 * MIN), NOW)).toBe(true);
    expect(b.summarize(1, NOW).operational.totals.accepted).toBe(1);
  });

  it('keeps memory bounded: at most 1441 minutes, and a fixed number of pairs per minute', () => {
    const b = new FlowBuckets();
    // Three days of traffic, one event a minute.
    for (let m = 3 * 1440; m >= 0; m--) b.record(accepted(NOW - m * MIN), NOW - m * MIN);
    expect(b.minutesHeld).toBe(1441);
    expect(b.summarize(1440, NOW).operational.totals.accepted).toBe(1441);
    // Thousands of distinct pairs in one minute: the totals stay exact, the pairs are capped.
    const c = new FlowBuckets();
    for (let i = 0; i < 5000; i++) c.record(accepted(NOW, `S${i}`, ['BY']), NOW);
    const s = c.summarize(1, NOW);
    expect(s.operational.totals.accepted).toBe(5000);
    expect(s.operational.flows.length).toBe(1024);
    expect(s.truncated).toBe(true);
  });

  it('gives a series per step without gaps that adds up to the summary of the same window', () => {
    const b = new FlowBuckets();
    b.record(accepted(NOW - 1000), NOW);
    b.record(accepted(NOW - 5 * MIN, 'KZ', ['BY'], true), NOW);
    b.record({ at: NOW - 60 * MIN, kind: 'rejected', exercise: false }, NOW); // the oldest minute of the hour
    b.record(accepted(NOW - 61 * MIN), NOW); // outside the hour
    const hour = b.series(60, 1, NOW);
    expect(hour).toHaveLength(61);
    expect(hour[0]!.at).toBe(minuteStart - 60 * MIN);
    expect(hour.at(-1)!.at).toBe(minuteStart);
    expect(hour.at(-1)!.operational.accepted).toBe(1);
    expect(hour[0]!.operational.rejected).toBe(1);
    expect(hour.at(-6)!.exercise.accepted).toBe(1);
    const total = (points: typeof hour, t: 'operational' | 'exercise', k: 'accepted' | 'rejected'): number =>
      points.reduce((n, p) => n + p[t][k], 0);
    const s = b.summarize(60, NOW);
    expect(total(hour, 'operational', 'accepted')).toBe(s.operational.totals.accepted);
    expect(total(hour, 'operational', 'rejected')).toBe(s.operational.totals.rejected);
    expect(total(hour, 'exercise', 'accepted')).toBe(s.exercise.totals.accepted);
    // 10:30 with 15-minute steps: 09:30 .. 10:30 is five steps, aligned to the quarter hour.
    const quarters = b.series(60, 15, NOW);
    expect(quarters.map((p) => (p.at - minuteStart) / MIN)).toEqual([-60, -45, -30, -15, 0]);
    expect(total(quarters, 'operational', 'accepted')).toBe(1);
    expect(quarters[0]!.operational.rejected).toBe(1);
    expect(quarters.at(-2)!.exercise.accepted).toBe(1);
  });
});

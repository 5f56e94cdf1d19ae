import { describe, expect, it } from 'vitest';
import { ClockOffsetEstimate } from './clock-offset-estimate.js';

function estimate(): { e: ClockOffsetEstimate; advance(ms: number): void } {
  let now = 0;
  const e = new ClockOffsetEstimate({ maxWidthMs: 10_000, keep: 5, maxAgeMs: 60_000, monotonic: () => now });
  return {
    e,
    advance: (ms) => {
      now += ms;
    },
  };
}

describe('ClockOffsetEstimate', () => {
  it('knows nothing before a sample', () => {
    expect(estimate().e.offsetMs()).toBeUndefined();
  });

  it('takes the midpoint of narrow samples and the median of several, so one odd sample moves nothing', () => {
    const { e } = estimate();
    expect(e.add({ low: 599_900, high: 600_100 })).toBe(true);
    expect(e.offsetMs()).toBe(600_000);
    e.add({ low: 600_000, high: 600_200 });
    e.add({ low: -5_000, high: -4_000 });
    expect(e.offsetMs()).toBe(600_000);
  });

  it('drops samples too wide to say anything (a receipt read from a backlog) and inverted bounds', () => {
    const { e } = estimate();
    expect(e.add({ low: 0, high: 3_600_000 })).toBe(false);
    expect(e.add({ low: 10, high: 5 })).toBe(false);
    expect(e.offsetMs()).toBeUndefined();
  });

  it('follows the clock once it is corrected: the newest samples outvote the old', () => {
    const { e } = estimate();
    for (let i = 0; i < 5; i++) e.add({ low: 600_000, high: 600_050 });
    for (let i = 0; i < 3; i++) e.add({ low: 10, high: 30 });
    expect(e.offsetMs()).toBe(20);
  });

  it('forgets samples older than its horizon', () => {
    const clock = estimate();
    clock.e.add({ low: 600_000, high: 600_050 });
    clock.advance(60_001);
    expect(clock.e.offsetMs()).toBeUndefined();
  });
});

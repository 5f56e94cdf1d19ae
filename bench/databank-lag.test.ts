import { describe, expect, it } from 'vitest';
import { summarizeLag, type BankPosition } from './databank-lag.js';

const at = (ms: number, cursor: number, size: number): { at: number; position: BankPosition } => ({
  at: ms,
  position: { cursor, size, lag: size - cursor },
});

describe('summarizeLag', () => {
  it('reports the most entries behind and the longest wait of the oldest unapplied leaf', () => {
    const summary = summarizeLag(
      [
        at(0, 100, 100), // caught up
        at(100, 100, 150), // leaf 100 appeared between 0 and 100 ms
        at(200, 120, 260), // leaf 120 too: waiting at most 200 ms
        at(300, 260, 300), // leaf 260 appeared between 200 and 300 ms: at most 100 ms
        at(400, 400, 400),
      ],
      100,
    );
    expect(summary).toEqual({ samples: 5, intervalMs: 100, maxEntries: 140, maxSeconds: 0.2 });
  });

  it('reports no lag when the bank never fell behind, and nothing without samples', () => {
    expect(summarizeLag([at(0, 5, 5), at(100, 9, 9)], 100)).toMatchObject({ maxEntries: 0, maxSeconds: 0 });
    expect(summarizeLag([], 100)).toBeUndefined();
  });
});

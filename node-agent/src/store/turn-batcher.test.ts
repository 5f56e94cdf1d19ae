import { describe, expect, it } from 'vitest';
import { TurnBatcher, type Outcome, type TurnBatcherOptions } from './turn-batcher.js';

/** Resolves after the immediates queued so far have run: the end of the current turn. */
const endOfTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A batcher over numbers whose write returns each item doubled, recording what it did. */
function recorded(options: Partial<TurnBatcherOptions<number, number[]>> = {}) {
  const groups: number[][] = [];
  const settled: [number, Outcome<number>][] = [];
  const failures: [unknown, number[]][] = [];
  const batcher = new TurnBatcher<number, number[]>({
    write: (items) => {
      groups.push([...items]);
      return items.map((n) => n * 2);
    },
    settle: (item, outcome, index) => {
      settled.push([item, outcome.ok ? { ok: true, result: outcome.result[index]! } : outcome]);
    },
    onWriteError: (error, items) => {
      failures.push([error, [...items]]);
    },
    ...options,
  });
  return { batcher, groups, settled, failures };
}

describe('TurnBatcher', () => {
  it('writes the items of one turn as one group at its end, in order, then settles each with its result', async () => {
    const { batcher, groups, settled } = recorded();
    batcher.add(1);
    batcher.add(2);
    batcher.add(3);
    expect(groups).toEqual([]);
    await endOfTurn();
    expect(groups).toEqual([[1, 2, 3]]);
    expect(settled).toEqual([
      [1, { ok: true, result: 2 }],
      [2, { ok: true, result: 4 }],
      [3, { ok: true, result: 6 }],
    ]);
    // The next turn's items are the next group.
    batcher.add(4);
    await endOfTurn();
    expect(groups).toEqual([[1, 2, 3], [4]]);
  });

  it('writes a group at once when it reaches the bound, and the rest at the end of the turn', async () => {
    const { batcher, groups } = recorded({ maxItems: 2 });
    for (const n of [1, 2, 3, 4, 5]) batcher.add(n);
    expect(groups).toEqual([
      [1, 2],
      [3, 4],
    ]);
    await endOfTurn();
    expect(groups).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('settles every item of a group whose write threw with that error, after telling of it once; the next group is written', async () => {
    const error = new Error('disk I/O error');
    let fail = true;
    const { batcher, groups, settled, failures } = recorded({
      write: (items) => {
        if (fail) throw error;
        groups.push([...items]);
        return items.map((n) => n * 2);
      },
    });
    batcher.add(1);
    batcher.add(2);
    await endOfTurn();
    expect(failures).toEqual([[error, [1, 2]]]);
    expect(settled).toEqual([
      [1, { ok: false, error }],
      [2, { ok: false, error }],
    ]);

    fail = false;
    batcher.add(3);
    await endOfTurn();
    expect(groups).toEqual([[3]]);
    expect(settled.slice(2)).toEqual([[3, { ok: true, result: 6 }]]);
    expect(failures).toHaveLength(1);
  });

  it('writes what is waiting on an explicit flush, and the end of the turn then finds nothing', async () => {
    const { batcher, groups, settled } = recorded();
    batcher.flush();
    expect(groups).toEqual([]);
    batcher.add(1);
    batcher.add(2);
    batcher.flush();
    expect(groups).toEqual([[1, 2]]);
    expect(settled.map(([item]) => item)).toEqual([1, 2]);
    await endOfTurn();
    expect(groups).toEqual([[1, 2]]);
  });

  it('starts the next group with an item added while a group is settled', async () => {
    const groups: number[][] = [];
    const batcher: TurnBatcher<number, void> = new TurnBatcher<number, void>({
      write: (items) => {
        groups.push([...items]);
      },
      settle: (item) => {
        if (item === 1) batcher.add(10);
      },
    });
    batcher.add(1);
    batcher.add(2);
    await endOfTurn();
    expect(groups).toEqual([[1, 2]]);
    await endOfTurn();
    expect(groups).toEqual([[1, 2], [10]]);
  });

  it('settles the rest of a group when one settle throws, and tells of the throw', () => {
    const settled: number[] = [];
    const told: [string, number][] = [];
    const batcher = new TurnBatcher<number, void>({
      write: () => undefined,
      settle: (item) => {
        if (item === 2) throw new Error('connection closed');
        settled.push(item);
      },
      onSettleError: (error, item) => {
        told.push([(error as Error).message, item]);
      },
    });
    for (const n of [1, 2, 3]) batcher.add(n);
    batcher.flush();
    expect(settled).toEqual([1, 3]);
    expect(told).toEqual([['connection closed', 2]]);
  });

  it("throws a settle's error once the whole group is settled when nothing is told of it", () => {
    const settled: number[] = [];
    const batcher = new TurnBatcher<number, void>({
      write: () => undefined,
      settle: (item) => {
        if (item !== 3) throw new Error(`settle ${item}`);
        settled.push(item);
      },
    });
    for (const n of [1, 2, 3]) batcher.add(n);
    expect(() => {
      batcher.flush();
    }).toThrow('settle 1');
    expect(settled).toEqual([3]);
  });
});

import { describe, expect, it } from 'vitest';
import { PairMemo } from './person-score.js';

interface Side {
  readonly text: string;
}
const side = (text: string): Side => ({ text });
const memo = (texts: number, idLimit?: number, slotBits = 10) =>
  new PairMemo<Side>(slotBits, texts, (s) => s.text, idLimit);

describe('the memo of pairs the person score keeps', () => {
  it('gives equal texts one id, other texts others, and an object the same id each time', () => {
    const m = memo(100);
    const a = side('abdullaev');
    expect(m.id(a)).toBe(m.id(side('abdullaev')));
    expect(m.id(a)).toBe(m.id(a));
    expect(m.id(side('abdulaev'))).not.toBe(m.id(a));
  });

  it('answers a pair kept by other objects with the same texts, and nothing for the pair turned round', () => {
    const m = memo(100);
    m.keep(m.pair(side('ivan'), side('iwan')), 0.93);
    expect(m.value(m.pair(side('ivan'), side('iwan')))).toBe(0.93);
    expect(m.value(m.pair(side('iwan'), side('ivan')))).toBeUndefined();
    expect(m.value(m.pair(side('ivan'), side('ivanov')))).toBeUndefined();
  });

  it('never gives an id again to another text, however many texts it lets go of', () => {
    const m = memo(4);
    const first = side('t0');
    const a = m.id(first);
    m.keep(m.pair(first, first), 1);
    const ids = new Map<number, string>([[a, 't0']]);
    for (let i = 1; i < 50; i++) {
      const text = `t${i}`;
      const id = m.id(side(text));
      expect(ids.get(id) ?? text).toBe(text);
      ids.set(id, text);
    }
    // 't0' was let go of: a new object with its text has a new id, which answers nothing kept for the old.
    const again = m.id(side('t0'));
    expect(again).not.toBe(a);
    expect(ids.has(again)).toBe(false);
    expect(m.value(m.pair(side('t0'), side('t0')))).toBeUndefined();
    // The object that had the old id keeps it (its value may have been let go of, never another's).
    expect(m.id(first)).toBe(a);
  });

  it('starts again when its ids run out: nothing kept before answers for the new ids', () => {
    const m = memo(100, 3);
    const [a, b, c] = [side('a'), side('b'), side('c')];
    m.keep(m.pair(a, b), 0.5);
    m.id(c);
    expect(m.generation).toBe(0);
    expect(m.value(m.pair(a, b))).toBe(0.5);
    // The fourth text starts a new generation: 'd' takes id 0, which was 'a''s.
    const d = side('d');
    const pair = m.pair(d, side('b'));
    expect(m.generation).toBe(1);
    expect(m.id(d)).toBe(0);
    expect(m.value(pair)).toBeUndefined();
    expect(m.value(m.pair(a, b))).toBeUndefined();
    // A pair whose second side starts the generation gets the first side's new id, not its old one.
    const n = memo(100, 2);
    const x = side('x');
    n.id(x);
    n.id(side('y'));
    const crossing = n.pair(x, side('z'));
    expect(n.generation).toBe(1);
    expect(crossing).toBe(n.pairOfIds(n.id(x), n.id(side('z'))));
  });

  it('answers a pair with its own value or nothing, never with the value of a pair that took its slot', () => {
    const m = memo(1_000, undefined, 2);
    const sides = Array.from({ length: 30 }, (_, i) => side(`s${i}`));
    const valueOf = (i: number, j: number) => i * 100 + j;
    for (let i = 0; i < sides.length; i++)
      for (let j = 0; j < sides.length; j++) m.keep(m.pair(sides[i]!, sides[j]!), valueOf(i, j));
    let kept = 0;
    for (let i = 0; i < sides.length; i++) {
      for (let j = 0; j < sides.length; j++) {
        const v = m.value(m.pair(sides[i]!, sides[j]!));
        if (v !== undefined) {
          expect(v).toBe(valueOf(i, j));
          kept++;
        }
      }
    }
    // Four slots: at most four pairs kept, and the last ones kept are there.
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(4);
    expect(m.value(m.pair(sides[29]!, sides[29]!))).toBe(valueOf(29, 29));
  });

  it('refuses a table it cannot have', () => {
    expect(() => new PairMemo<Side>(0, 10, (s) => s.text)).toThrow(RangeError);
    expect(() => new PairMemo<Side>(25, 10, (s) => s.text)).toThrow(RangeError);
  });
});

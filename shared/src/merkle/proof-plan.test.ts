import { describe, expect, it } from 'vitest';
import {
  AtcError,
  consistencyProofPlan,
  foldRange,
  inclusionProofPlan,
  leafHash,
  nodeKey,
  planNodes,
  resolvePlan,
  rootPlan,
} from '../index.js';
import { MerkleError } from './merkle-error.js';
import { nodeHash } from './merkle-hash.js';

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(MerkleError);
    expect(e).toBeInstanceOf(AtcError);
    return (e as AtcError).code;
  }
  return undefined;
}
const keys = (plan: readonly (readonly { level: number; index: number }[])[]): string[][] =>
  plan.map((range) => range.map(nodeKey));

describe('proof plans', () => {
  it('match the worked examples of RFC 9162 section 2.1.5 (the 7-leaf tree)', () => {
    // Leaves a..g are 0/0..0/6; the RFC's k = 2/0, l = [1/2, 0/6], i = 1/2, j = 0/6, g = 1/0, h = 1/1.
    expect(keys(inclusionProofPlan(0, 7))).toEqual([['0/1'], ['1/1'], ['1/2', '0/6']]); // [b, h, l]
    expect(keys(inclusionProofPlan(3, 7))).toEqual([['0/2'], ['1/0'], ['1/2', '0/6']]); // [c, g, l]
    expect(keys(inclusionProofPlan(4, 7))).toEqual([['0/5'], ['0/6'], ['2/0']]); // [f, j, k]
    expect(keys(inclusionProofPlan(6, 7))).toEqual([['1/2'], ['2/0']]); // [i, k]
    expect(keys(consistencyProofPlan(3, 7))).toEqual([['0/2'], ['0/3'], ['1/0'], ['1/2', '0/6']]); // [c, d, g, l]
    expect(keys(consistencyProofPlan(4, 7))).toEqual([['1/2', '0/6']]); // [l]
    expect(keys(consistencyProofPlan(6, 7))).toEqual([['1/2'], ['0/6'], ['2/0']]); // [i, j, k]
    expect(rootPlan(7).map(nodeKey)).toEqual(['2/0', '1/2', '0/6']);
    expect(rootPlan(0)).toEqual([]);
  });

  it('are empty where RFC 9162 has no proof', () => {
    expect(consistencyProofPlan(0, 0)).toEqual([]);
    expect(consistencyProofPlan(0, 9)).toEqual([]);
    expect(consistencyProofPlan(9, 9)).toEqual([]);
    expect(inclusionProofPlan(0, 1)).toEqual([]);
  });

  it('refuse indexes and sizes outside the tree or not safe integers', () => {
    const bad: [number, number][] = [
      [5, 5],
      [6, 5],
      [-1, 5],
      [0.5, 5],
      [0, 1.5],
      [0, Number.NaN],
      [0, Number.POSITIVE_INFINITY],
      [0, 2 ** 53],
    ];
    for (const [a, b] of bad) expect(codeOf(() => inclusionProofPlan(a, b))).toBe('ERR_LOG_RANGE');
    expect(codeOf(() => consistencyProofPlan(6, 5))).toBe('ERR_LOG_RANGE');
    expect(codeOf(() => consistencyProofPlan(-1, 5))).toBe('ERR_LOG_RANGE');
    expect(codeOf(() => consistencyProofPlan(1, 2 ** 53))).toBe('ERR_LOG_RANGE');
    expect(codeOf(() => rootPlan(-1))).toBe('ERR_LOG_RANGE');
    expect(() => inclusionProofPlan(5, 5)).toThrow(/leaf 5 is not in a tree of 5 leaves/);
  });

  it('resolve through a lookup and name a missing node', () => {
    const hashes = ['a', 'b', 'c'].map((s) => leafHash(Buffer.from(s)));
    const stored = new Map([
      ['0/0', hashes[0]!],
      ['0/1', hashes[1]!],
      ['0/2', hashes[2]!],
      ['1/0', nodeHash(hashes[0]!, hashes[1]!)],
    ]);
    const lookup = (id: { level: number; index: number }): Buffer | undefined => stored.get(nodeKey(id));
    expect(resolvePlan(inclusionProofPlan(2, 3), lookup)).toEqual([stored.get('1/0')]);
    expect(foldRange(resolvePlan([rootPlan(3)], lookup))).toEqual(nodeHash(stored.get('1/0')!, hashes[2]!));
    stored.delete('1/0');
    expect(codeOf(() => resolvePlan(inclusionProofPlan(2, 3), lookup))).toBe('ERR_LOG_NODE_MISSING');
    expect(() => resolvePlan(inclusionProofPlan(2, 3), lookup)).toThrow(/node 1\/0 \(leaves 0 to 1\)/);
    stored.set('1/0', Buffer.alloc(31));
    expect(codeOf(() => resolvePlan(inclusionProofPlan(2, 3), lookup))).toBe('ERR_LOG_HASH_INVALID');
  });

  it('fold ranges right to left, and the empty range to the empty root', () => {
    const [a, b, c] = ['a', 'b', 'c'].map((s) => leafHash(Buffer.from(s))) as [Buffer, Buffer, Buffer];
    expect(foldRange([a, b, c])).toEqual(nodeHash(a, nodeHash(b, c)));
    expect(foldRange([a])).toEqual(a);
    expect(foldRange([])).toEqual(
      Buffer.from('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'hex'),
    );
  });

  it('list each needed node once', () => {
    const plan = [...consistencyProofPlan(3, 7), ...inclusionProofPlan(2, 7)];
    const ids = planNodes(plan).map(nodeKey);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(plan.flat().map(nodeKey)));
  });
});

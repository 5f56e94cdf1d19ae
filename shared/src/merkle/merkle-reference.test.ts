import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  consistencyProofPlan,
  foldRange,
  inclusionProofPlan,
  MerkleFrontier,
  planNodes,
  resolvePlan,
  rootPlan,
  verifyConsistency,
  verifyInclusion,
  type NodeId,
  type ProofPlan,
} from '../index.js';
import { rootFromInclusionProof } from './verify-proof.js';

// ---------------------------------------------------------------------------------------
// Reference: RFC 9162 section 2.1 transcribed as written (recursive MTH, PATH, PROOF and
// SUBPROOF over the list of entries), sharing no code with the implementation under test.
// ---------------------------------------------------------------------------------------

function sha256(...parts: Uint8Array[]): Buffer {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}
const LEAF = Buffer.from([0x00]);
const NODE = Buffer.from([0x01]);
const node = (l: Uint8Array, r: Uint8Array): Buffer => sha256(NODE, l, r);

/** "k be the largest power of two smaller than n", for n > 1. */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

class ReferenceTree {
  readonly #memo = new Map<string, Buffer>();
  constructor(readonly entries: readonly Buffer[]) {}

  /** MTH(D[lo:hi]). */
  mth(lo: number, hi: number): Buffer {
    const n = hi - lo;
    if (n === 0) return sha256();
    if (n === 1) return sha256(LEAF, this.entries[lo]!);
    const key = `${lo}:${hi}`;
    let h = this.#memo.get(key);
    if (h === undefined) {
      const k = splitPoint(n);
      h = node(this.mth(lo, lo + k), this.mth(lo + k, hi));
      this.#memo.set(key, h);
    }
    return h;
  }

  /** PATH(m, D[lo:hi]). */
  path(m: number, lo: number, hi: number): Buffer[] {
    const n = hi - lo;
    if (n === 1) return [];
    const k = splitPoint(n);
    return m < k
      ? [...this.path(m, lo, lo + k), this.mth(lo + k, hi)]
      : [...this.path(m - k, lo + k, hi), this.mth(lo, lo + k)];
  }

  /** PROOF(m, D[n]) = SUBPROOF(m, D[n], true). */
  proof(m: number, n: number): Buffer[] {
    return this.subproof(m, 0, n, true);
  }

  subproof(m: number, lo: number, hi: number, b: boolean): Buffer[] {
    const n = hi - lo;
    if (m === n) return b ? [] : [this.mth(lo, hi)];
    const k = splitPoint(n);
    return m <= k
      ? [...this.subproof(m, lo, lo + k, b), this.mth(lo + k, hi)]
      : [...this.subproof(m - k, lo + k, hi, false), this.mth(lo, lo + k)];
  }

  /** Every perfect subtree of the first n entries, keyed "level/index". */
  perfectNodes(n: number): Map<string, Buffer> {
    const map = new Map<string, Buffer>();
    for (let width = 1, level = 0; width <= n; width *= 2, level++) {
      for (let i = 0; (i + 1) * width <= n; i++) map.set(`${level}/${i}`, this.mth(i * width, (i + 1) * width));
    }
    return map;
  }
}

/** The root a PATH proof implies, by undoing the recursion of PATH (undefined when the shape does not fit). */
function referenceRootFromPath(m: number, n: number, leaf: Buffer, proof: readonly Buffer[]): Buffer | undefined {
  if (m < 0 || m >= n) return undefined;
  if (n === 1) return proof.length === 0 ? leaf : undefined;
  if (proof.length === 0) return undefined;
  const k = splitPoint(n);
  const last = proof[proof.length - 1]!;
  const rest = proof.slice(0, -1);
  if (m < k) {
    const left = referenceRootFromPath(m, k, leaf, rest);
    return left && node(left, last);
  }
  const right = referenceRootFromPath(m - k, n - k, leaf, rest);
  return right && node(last, right);
}

/** Consistency by undoing SUBPROOF: rebuilds both roots from the proof. */
function referenceConsistent(m: number, n: number, proof: readonly Buffer[], root1: Buffer, root2: Buffer): boolean {
  if (m <= 0 || m > n) return false;
  if (m === n) return proof.length === 0 && root1.equals(root2);
  const undo = (m: number, n: number, b: boolean, p: readonly Buffer[]): { r1: Buffer; r2: Buffer } | undefined => {
    if (m === n) {
      if (b) return p.length === 0 ? { r1: root1, r2: root1 } : undefined;
      return p.length === 1 ? { r1: p[0]!, r2: p[0]! } : undefined;
    }
    if (p.length === 0) return undefined;
    const k = splitPoint(n);
    const last = p[p.length - 1]!;
    if (m <= k) {
      const s = undo(m, k, b, p.slice(0, -1));
      return s && { r1: s.r1, r2: node(s.r2, last) };
    }
    const s = undo(m - k, n - k, false, p.slice(0, -1));
    return s && { r1: node(last, s.r1), r2: node(last, s.r2) };
  };
  const r = undo(m, n, true, proof);
  return r !== undefined && r.r1.equals(root1) && r.r2.equals(root2);
}

// ---------------------------------------------------------------------------------------

const entriesOf = (seed: number, n: number): Buffer[] =>
  Array.from({ length: n }, (_, i) => Buffer.from(`entry ${seed}/${i}`));
const lookupIn =
  (nodes: Map<string, Buffer>) =>
  (id: NodeId): Buffer | undefined =>
    nodes.get(`${id.level}/${id.index}`);
const flip = (b: Buffer, bit: number): Buffer => {
  const c = Buffer.from(b);
  c[(bit >> 3) % c.length]! ^= 1 << (bit & 7);
  return c;
};
// Deep equality of Buffers through expect() is slow; compare hex text instead.
const hex = (hashes: readonly Uint8Array[]): string[] => hashes.map((h) => Buffer.from(h).toString('hex'));
const tree = fc.record({ n: fc.integer({ min: 1, max: 300 }), seed: fc.integer() });

describe('Merkle tree against the RFC 9162 reference', () => {
  it('the frontier root equals MTH at every size', () => {
    fc.assert(
      fc.property(tree, ({ n, seed }) => {
        const ref = new ReferenceTree(entriesOf(seed, n));
        // The perfect nodes of the full tree include those of every smaller one.
        const lookup = lookupIn(ref.perfectNodes(n));
        const frontier = new MerkleFrontier();
        expect(hex([frontier.root()])).toEqual(hex([ref.mth(0, 0)]));
        for (let i = 0; i < n; i++) {
          frontier.append(sha256(LEAF, ref.entries[i]!));
          const want = hex([ref.mth(0, i + 1)]);
          expect(hex([frontier.root()])).toEqual(want);
          expect(hex(resolvePlan([rootPlan(i + 1)], lookup))).toEqual(want);
        }
      }),
      { numRuns: 15 },
    );
  });

  it('resolved inclusion plans equal PATH, and verify', () => {
    fc.assert(
      fc.property(tree, ({ n, seed }) => {
        const ref = new ReferenceTree(entriesOf(seed, n));
        const lookup = lookupIn(ref.perfectNodes(n));
        const root = ref.mth(0, n);
        expect(foldRange(rootPlan(n).map((id) => lookup(id)!)).equals(root)).toBe(true);
        for (let m = 0; m < n; m++) {
          const proof = resolvePlan(inclusionProofPlan(m, n), lookup);
          expect(hex(proof)).toEqual(hex(ref.path(m, 0, n)));
          const leaf = sha256(LEAF, ref.entries[m]!);
          expect(rootFromInclusionProof(m, n, leaf, proof)?.equals(root)).toBe(true);
          expect(verifyInclusion(m, n, leaf, proof, root)).toBe(true);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('resolved consistency plans equal PROOF, and verify', () => {
    fc.assert(
      fc.property(tree, ({ n, seed }) => {
        const ref = new ReferenceTree(entriesOf(seed, n));
        const lookup = lookupIn(ref.perfectNodes(n));
        expect(consistencyProofPlan(0, n)).toEqual([]);
        for (let m = 1; m <= n; m++) {
          const proof = resolvePlan(consistencyProofPlan(m, n), lookup);
          expect(hex(proof)).toEqual(hex(ref.proof(m, n)));
          expect(verifyConsistency(m, n, proof, ref.mth(0, m), ref.mth(0, n))).toBe(true);
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe('proof verification rejects what it must', () => {
  const garbage = sha256(Buffer.from('not a node of this tree'));

  it('inclusion: any bit flip, wrong index, truncation or extension; a wrong size unless PATH fits it', () => {
    fc.assert(
      fc.property(tree, fc.nat(), fc.nat(), fc.integer({ min: 1, max: 600 }), ({ n, seed }, pick, bit, otherSize) => {
        const ref = new ReferenceTree(entriesOf(seed, 600));
        const m = pick % n;
        const root = ref.mth(0, n);
        const leaf = sha256(LEAF, ref.entries[m]!);
        const proof = ref.path(m, 0, n);
        const ok = (p: readonly Buffer[], idx = m, size = n, l = leaf, r = root): boolean =>
          verifyInclusion(idx, size, l, p, r);
        expect(ok(proof)).toBe(true);
        proof.forEach((_, i) => {
          expect(ok(proof.map((h, j) => (j === i ? flip(h, bit) : h)))).toBe(false);
        });
        expect(ok(proof, m, n, flip(leaf, bit))).toBe(false);
        expect(ok(proof, m, n, leaf, flip(root, bit))).toBe(false);
        if (proof.length > 0) expect(ok(proof.slice(0, -1))).toBe(false);
        if (proof.length > 0) expect(ok(proof.slice(1))).toBe(false);
        expect(ok([...proof, garbage])).toBe(false);
        expect(ok([garbage, ...proof])).toBe(false);
        for (const idx of [m - 1, m + 1, m ^ 1, n, n + 1]) if (idx !== m) expect(ok(proof, idx)).toBe(false);
        // RFC 9162 proofs do not bind the tree size by themselves (PATH(0, D[3]) also
        // verifies as PATH(0, D[4]) against the same root); the signed checkpoint binds
        // size and root together. What must hold: a wrong size verifies exactly when the
        // RFC recursion, undone for that size, rebuilds the root.
        if (otherSize !== n) {
          const expected = referenceRootFromPath(m, otherSize, leaf, proof)?.equals(root) ?? false;
          expect(ok(proof, m, otherSize)).toBe(expected);
          // In particular, a size whose PATH has another length never verifies.
          if (m < otherSize && ref.path(m, 0, otherSize).length !== proof.length) {
            expect(ok(proof, m, otherSize)).toBe(false);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('inclusion: the size ambiguity of RFC 9162 proofs is real, so sizes must come from signed checkpoints', () => {
    const ref = new ReferenceTree(entriesOf(1, 4));
    const leaf = sha256(LEAF, ref.entries[0]!);
    const proof = ref.path(0, 0, 3);
    expect(verifyInclusion(0, 3, leaf, proof, ref.mth(0, 3))).toBe(true);
    expect(verifyInclusion(0, 4, leaf, proof, ref.mth(0, 3))).toBe(true);
    expect(verifyInclusion(0, 4, leaf, proof, ref.mth(0, 4))).toBe(false);
  });

  it('consistency: any bit flip, truncation or extension; other sizes exactly when SUBPROOF fits them', () => {
    fc.assert(
      fc.property(
        tree,
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 0, max: 600 }),
        fc.integer({ min: 0, max: 600 }),
        ({ n, seed }, pick, bit, size1, size2) => {
          const ref = new ReferenceTree(entriesOf(seed, 600));
          const m = 1 + (pick % n);
          const [root1, root2] = [ref.mth(0, m), ref.mth(0, n)];
          const proof = ref.proof(m, n);
          const ok = (p: readonly Buffer[], r1 = root1, r2 = root2, s1 = m, s2 = n): boolean =>
            verifyConsistency(s1, s2, p, r1, r2);
          expect(ok(proof)).toBe(true);
          proof.forEach((_, i) => {
            expect(ok(proof.map((h, j) => (j === i ? flip(h, bit) : h)))).toBe(false);
          });
          expect(ok(proof, flip(root1, bit))).toBe(false);
          expect(ok(proof, root1, flip(root2, bit))).toBe(false);
          if (proof.length > 0) expect(ok(proof.slice(0, -1))).toBe(false);
          if (proof.length > 0) expect(ok(proof.slice(1))).toBe(false);
          expect(ok([...proof, garbage])).toBe(false);
          expect(ok([garbage, ...proof])).toBe(false);
          expect(ok(proof, root1, root2, 0)).toBe(false);
          for (const [s1, s2] of [
            [size1, n],
            [m, size2],
            [size1, size2],
            [m - 1, n],
            [m + 1, n],
            [m, n + 1],
            [m, n - 1],
          ] as const) {
            if (s1 === m && s2 === n) continue;
            expect(ok(proof, root1, root2, s1, s2)).toBe(referenceConsistent(s1, s2, proof, root1, root2));
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('sizes up to 2^53 - 1', () => {
  // A tree whose leaves are all equal has one hash per level, so trees of any size can be
  // checked in full: plans, frontier and verification all meet numbers far past 2^32.
  const levels: Buffer[] = [sha256(LEAF, Buffer.from('same'))];
  for (let l = 1; l <= 53; l++) levels.push(node(levels[l - 1]!, levels[l - 1]!));
  const uniformRoot = (n: number): Buffer => {
    let width = 1;
    let level = 0;
    while (width * 2 <= n) [width, level] = [width * 2, level + 1];
    if (width === n) return levels[level]!;
    const k = splitPoint(n);
    return node(uniformRoot(k), uniformRoot(n - k));
  };
  const lookupWithin =
    (size: number) =>
    (id: NodeId): Buffer | undefined =>
      (id.index + 1) * 2 ** id.level <= size && Number.isSafeInteger(id.index) ? levels[id.level] : undefined;
  const big = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });

  function coverage(plan: ProofPlan): [number, number][] {
    return plan.map((range) => {
      range.forEach((id, i) => {
        if (i > 0) expect(id.index * 2 ** id.level).toBe((range[i - 1]!.index + 1) * 2 ** range[i - 1]!.level);
      });
      const first = range[0]!;
      const last = range[range.length - 1]!;
      return [first.index * 2 ** first.level, (last.index + 1) * 2 ** last.level];
    });
  }
  function expectPartition(ranges: [number, number][], n: number): void {
    const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
    let at = 0;
    for (const [b, e] of sorted) {
      expect(b).toBe(at);
      at = e;
    }
    expect(at).toBe(n);
  }

  it('inclusion plans partition the tree, resolve within it and verify', () => {
    fc.assert(
      fc.property(
        big.chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n - 1 }))),
        ([n, idx]) => {
          const plan = inclusionProofPlan(idx, n);
          expectPartition([...coverage(plan), [idx, idx + 1]], n);
          expect(planNodes(plan).length).toBeLessThanOrEqual(2 * 53);
          const proof = resolvePlan(plan, lookupWithin(n));
          expect(verifyInclusion(idx, n, levels[0]!, proof, uniformRoot(n))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('consistency plans resolve within the newer tree and verify', () => {
    fc.assert(
      fc.property(big, big, (a, b) => {
        const [m, n] = a <= b ? [a, b] : [b, a];
        const plan = consistencyProofPlan(m, n);
        if (m < n) {
          const ranges = coverage(plan);
          if (Number.isInteger(Math.log2(m)) && 2 ** Math.log2(m) === m) ranges.push([0, m]);
          expectPartition(ranges, n);
        }
        const proof = resolvePlan(plan, lookupWithin(n));
        expect(verifyConsistency(m, n, proof, uniformRoot(m), uniformRoot(n))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('one append closes every level up to 52 when the size reaches a power of two', () => {
    for (let k = 0; k <= 52; k++) {
      const n = 2 ** k - 1;
      const frontier = new MerkleFrontier(
        n,
        MerkleFrontier.frontierIds(n).map((id) => levels[id.level]!),
      );
      const completed = frontier.append(levels[0]!);
      expect(completed.map(({ id }) => `${id.level}/${id.index}`)).toEqual(
        Array.from({ length: k + 1 }, (_, l) => `${l}/${2 ** (k - l) - 1}`),
      );
      expect(frontier.nodes().map((h) => h.toString('hex'))).toEqual([levels[k]!.toString('hex')]);
      expect(frontier.root().equals(levels[k]!)).toBe(true);
    }
  });

  it('a frontier restored at a huge size appends and reports completed nodes correctly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER - 40 }), (n) => {
        const frontier = new MerkleFrontier(
          n,
          MerkleFrontier.frontierIds(n).map((id) => levels[id.level]!),
        );
        expect(frontier.root().equals(n === 0 ? sha256() : uniformRoot(n))).toBe(true);
        for (let i = n; i < n + 33; i++) {
          const completed = frontier.append(levels[0]!);
          completed.forEach(({ id, hash }) => {
            expect((id.index + 1) * 2 ** id.level).toBe(i + 1);
            expect(hash.equals(levels[id.level]!)).toBe(true);
          });
          // Every perfect subtree ending at leaf i, and no other.
          let expected = 1;
          while ((i + 1) % 2 ** expected === 0) expected++;
          expect(completed).toHaveLength(expected);
        }
        expect(frontier.root().equals(uniformRoot(n + 33))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

import { randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  consistencyProofPlan,
  inclusionProofPlan,
  MerkleFrontier,
  planNodes,
  resolvePlan,
  verifyConsistency,
  verifyInclusion,
  type NodeId,
} from '../index.js';
import { nodeHash } from './merkle-hash.js';

const LEAVES = 1_000_000;

describe('a log of a million leaves', () => {
  it('appends fast, and its stored nodes prove inclusion and consistency', { timeout: 120_000 }, () => {
    // Leaf hashes are random bytes: hashing entries is the caller's cost, not the tree's.
    const pool = randomBytes(32 * LEAVES);
    const leaf = (i: number): Buffer => pool.subarray(32 * i, 32 * (i + 1));
    // The node table a gateway would write: one flat buffer per level (2M retained Buffer
    // objects would measure the garbage collector, not the tree).
    const stored = Array.from({ length: 20 }, (_, level) => Buffer.alloc(32 * Math.floor(LEAVES / 2 ** level)));
    const earlier = [1, 2, 3, 1000, 65_536, 65_537, randomInt(1, LEAVES), randomInt(1, LEAVES)];
    const roots = new Map<number, Buffer>();
    const frontier = new MerkleFrontier();

    // Calibration on the same machine at the same moment: bare node hashes.
    const probe = leaf(0);
    const probeStarted = performance.now();
    for (let i = 0; i < 100_000; i++) nodeHash(probe, probe);
    const perHashMs = (performance.now() - probeStarted) / 100_000;

    const started = performance.now();
    for (let i = 0; i < LEAVES; i++) {
      for (const { id, hash } of frontier.append(leaf(i))) hash.copy(stored[id.level]!, 32 * id.index);
      if (earlier.includes(i + 1)) roots.set(i + 1, frontier.root());
    }
    const appendMs = performance.now() - started;
    // An append costs one node hash on average plus bookkeeping: a few seconds on an idle
    // machine. Loose on purpose, and scaled when other work shares the cores; what it
    // catches is any per-append cost that grows with the tree.
    expect(appendMs).toBeLessThan(Math.max(10_000, 4 * LEAVES * perHashMs));
    expect(frontier.size).toBe(LEAVES);
    const root = frontier.root();

    const lookup = (id: NodeId): Buffer | undefined => {
      const level = stored[id.level];
      return level && 32 * (id.index + 1) <= level.length
        ? level.subarray(32 * id.index, 32 * (id.index + 1))
        : undefined;
    };
    const bound = 2 * Math.ceil(Math.log2(LEAVES));
    const planStarted = performance.now();
    for (const m of [0, 1, LEAVES - 1, 524_287, 524_288, randomInt(LEAVES), randomInt(LEAVES)]) {
      const plan = inclusionProofPlan(m, LEAVES);
      expect(planNodes(plan).length).toBeLessThanOrEqual(bound);
      const proof = resolvePlan(plan, lookup);
      expect(verifyInclusion(m, LEAVES, leaf(m), proof, root)).toBe(true);
      expect(verifyInclusion(m, LEAVES, leaf((m + 1) % LEAVES), proof, root)).toBe(false);
    }
    for (const [size, oldRoot] of roots) {
      const plan = consistencyProofPlan(size, LEAVES);
      expect(planNodes(plan).length).toBeLessThanOrEqual(bound);
      expect(verifyConsistency(size, LEAVES, resolvePlan(plan, lookup), oldRoot, root)).toBe(true);
    }
    expect(performance.now() - planStarted).toBeLessThan(1_000);
    console.log(`1M appends: ${Math.round(appendMs)} ms (${(perHashMs * 1000).toFixed(1)} µs per bare node hash)`);
  });
});

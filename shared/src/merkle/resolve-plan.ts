import { ErrorCode } from '../errors/atc-error.js';
import { MerkleError } from './merkle-error.js';
import { checkHash, EMPTY_TREE_ROOT, nodeHash } from './merkle-hash.js';
import { nodeKey, nodeRange, type NodeId } from './node-id.js';
import type { ProofPlan } from './proof-plan.js';

/**
 * The hash of a range of leaves from the perfect subtrees covering it, left to right:
 * nodeHash(p1, nodeHash(p2, ... nodeHash(pk-1, pk))). One hash is itself; none is the
 * empty tree's root, so `foldRange` of a resolved `rootPlan(size)` is always the root.
 */
export function foldRange(hashes: readonly Uint8Array[]): Buffer {
  const last = hashes.length - 1;
  if (last < 0) return Buffer.from(EMPTY_TREE_ROOT);
  if (last === 0) return Buffer.from(hashes[0]!);
  let acc = nodeHash(hashes[last - 1]!, hashes[last]!);
  for (let i = last - 2; i >= 0; i--) acc = nodeHash(hashes[i]!, acc);
  return acc;
}

/**
 * Resolves a plan into proof hashes with a node lookup (a Map built from one database
 * query of `planNodes(plan)`, or an in-memory tree).
 *
 * @throws MerkleError LOG_NODE_MISSING naming the first node the lookup does not have,
 *   LOG_HASH_INVALID when it returns something that is not a 32-byte hash.
 */
export function resolvePlan(plan: ProofPlan, lookup: (id: NodeId) => Uint8Array | undefined): Buffer[] {
  return plan.map((range) =>
    foldRange(
      range.map((id) => {
        const hash = lookup(id);
        if (hash === undefined) {
          const [begin, end] = nodeRange(id);
          throw new MerkleError(
            ErrorCode.LOG_NODE_MISSING,
            `the log has no stored hash for node ${nodeKey(id)} (leaves ${begin} to ${end - 1}). The node table lags behind or lost rows: check that the tree really holds ${end} leaves and rebuild the nodes from the leaf hashes if it does.`,
          );
        }
        checkHash(hash, `stored node ${nodeKey(id)}`);
        return hash;
      }),
    ),
  );
}

/** Every distinct node a plan needs, in first-use order, so storage can fetch them at once. */
export function planNodes(plan: ProofPlan): NodeId[] {
  const seen = new Set<string>();
  const out: NodeId[] = [];
  for (const range of plan) {
    for (const id of range) {
      const key = nodeKey(id);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(id);
    }
  }
  return out;
}

// How nodes are addressed, and why only perfect subtrees are stored: see node-id.ts.
import { ErrorCode } from '../errors/atc-error.js';
import { MerkleError } from './merkle-error.js';
import { checkCount, coverRange, MAX_LEVEL, POW2, type NodeId } from './node-id.js';

/**
 * Which stored perfect subtrees a proof needs: one entry per proof hash, in RFC 9162 order
 * (leaf to root); each entry lists the perfect subtrees covering that hash's range of
 * leaves, left to right. The hash is `foldRange` of their hashes (see node-id.ts).
 */
export type ProofPlan = readonly (readonly NodeId[])[];

/** The perfect subtrees covering [0, treeSize), largest first: the root is their fold. */
export function rootPlan(treeSize: number): readonly NodeId[] {
  checkCount(treeSize, 'the tree size');
  return coverRange(0, treeSize);
}

/**
 * The inclusion proof of leaf `leafIndex` in the tree of `treeSize` leaves (RFC 9162
 * section 2.1.3.1, PATH).
 *
 * @throws MerkleError LOG_RANGE when the leaf is not in the tree or an input is not a count.
 */
export function inclusionProofPlan(leafIndex: number, treeSize: number): ProofPlan {
  checkCount(leafIndex, 'the leaf index');
  checkCount(treeSize, 'the tree size');
  if (leafIndex >= treeSize) {
    throw new MerkleError(
      ErrorCode.LOG_RANGE,
      `leaf ${leafIndex} is not in a tree of ${treeSize} leaves. Ask for a proof against a checkpoint whose size is greater than the leaf index.`,
    );
  }
  return pathPlan(0, leafIndex, treeSize);
}

/**
 * The consistency proof from the tree of `size1` leaves to the tree of `size2` leaves
 * (RFC 9162 section 2.1.4.1, PROOF and SUBPROOF). Empty when size1 is 0 or equals size2:
 * there is nothing to prove.
 *
 * @throws MerkleError LOG_RANGE when size1 > size2 or an input is not a count.
 */
export function consistencyProofPlan(size1: number, size2: number): ProofPlan {
  checkCount(size1, 'the first tree size');
  checkCount(size2, 'the second tree size');
  if (size1 > size2) {
    throw new MerkleError(
      ErrorCode.LOG_RANGE,
      `a tree of ${size1} leaves cannot be proven consistent with a smaller one of ${size2}. Pass the older (smaller) size first.`,
    );
  }
  if (size1 === 0 || size1 === size2) return [];
  // The smallest perfect subtree at the right edge of the first tree: every node of the
  // first tree's root lies to its left, so the proof is this node's path in the second
  // tree, preceded by the node itself unless it is the whole first tree (size1 = 2^k),
  // whose root the verifier already has.
  let level = 0;
  while (size1 % POW2[level + 1]! === 0) level++;
  const index = size1 / POW2[level]! - 1;
  const path = pathPlan(level, index, size2);
  return index === 0 ? path : [[{ level, index }], ...path];
}

/**
 * The hashes that combine with perfect node (level, index) into the root of a tree of
 * `size` leaves. Climbs through the siblings while the parent is still a perfect subtree
 * of the tree (these are single stored nodes); from that "fork" node up, what remains is
 * the ephemeral range to its right, if any (one proof hash made of several nodes), then
 * the perfect subtrees to its left, nearest first.
 */
function pathPlan(startLevel: number, startIndex: number, size: number): NodeId[][] {
  const plan: NodeId[][] = [];
  let level = startLevel;
  let index = startIndex;
  while (level < MAX_LEVEL && (Math.floor(index / 2) + 1) * POW2[level + 1]! <= size) {
    plan.push([{ level, index: index % 2 === 0 ? index + 1 : index - 1 }]);
    index = Math.floor(index / 2);
    level++;
  }
  const begin = index * POW2[level]!;
  const end = begin + POW2[level]!;
  if (end < size) plan.push(coverRange(end, size));
  const left = coverRange(0, begin);
  for (let k = left.length - 1; k >= 0; k--) plan.push([left[k]!]);
  return plan;
}

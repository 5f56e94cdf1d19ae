/**
 * How the log addresses tree nodes
 * ================================
 *
 * The archive is an RFC 9162 (section 2) Merkle tree over its leaves, numbered from 0 in
 * append order. Only *perfect* subtrees are ever stored: a node is named by its `level`
 * (0 for a leaf, up to 52) and its `index` among the nodes of that level, and it covers
 * the leaves [index * 2^level, (index + 1) * 2^level). So `{ level: 0, index: 7 }` is the
 * hash of leaf 7, and `{ level: 2, index: 1 }` is the node over leaves 4..7. A node's
 * children are (level - 1, 2 * index) and (level - 1, 2 * index + 1); its hash never
 * changes once the tree has grown past its last leaf, which is why it can be written once
 * and read by any later proof.
 *
 * A tree whose size is not a power of two also hashes *ephemeral* nodes (RFC 9162 splits a
 * range of n leaves at the largest power of two below n). Those are never stored: the
 * range they cover is a run of perfect subtrees of decreasing size, left to right (the
 * binary digits of its length), and its hash is their right fold
 * `nodeHash(p1, nodeHash(p2, ... nodeHash(pk-1, pk)))` (see `foldRange`). The root of a
 * tree of `size` leaves is the fold of `rootPlan(size)`, which is also the appender's
 * frontier (`MerkleFrontier`).
 *
 * A proof is a list of hashes; a *plan* says, for each of them, which stored perfect nodes
 * to fold. The gateway fetches `planNodes(plan)` in one query and `resolvePlan` does the
 * rest. Sizes and indexes are JavaScript numbers and must be safe integers, so nothing here
 * uses 32-bit bitwise operators: halving and powers of two are exact in doubles below 2^53.
 * A `nodeKey` (`level/index`) names a node in maps and logs.
 */
import { ErrorCode } from '../errors/atc-error.js';
import { MerkleError } from './merkle-error.js';

/** A perfect subtree: level 0 is a leaf; covers leaves [index * 2^level, (index + 1) * 2^level). */
export interface NodeId {
  readonly level: number;
  readonly index: number;
}

/** The highest level a node can have while its leaves stay below 2^53. */
export const MAX_LEVEL = 52;

/** POW2[i] = 2^i, exact for i <= 53. */
export const POW2: readonly number[] = Array.from({ length: 54 }, (_, i) => 2 ** i);

/** A map key for a node, `${level}/${index}`. */
export function nodeKey(id: NodeId): string {
  return `${id.level}/${id.index}`;
}

/** The leaves a node covers, as [begin, end). */
export function nodeRange(id: NodeId): [begin: number, end: number] {
  const width = POW2[id.level]!;
  return [id.index * width, (id.index + 1) * width];
}

/** Throws MerkleError LOG_RANGE unless `value` is a safe integer >= 0. */
export function checkCount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new MerkleError(
      ErrorCode.LOG_RANGE,
      `${what} must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, got ${String(value)}. Pass a tree size or leaf index as read from a checkpoint or the archive.`,
    );
  }
}

/**
 * The perfect subtrees covering the leaves [begin, end), left to right, each as large as
 * its alignment allows. For the ranges a Merkle tree hashes (aligned ones), these are the
 * binary digits of the range length, largest first.
 */
export function coverRange(begin: number, end: number): NodeId[] {
  const out: NodeId[] = [];
  let at = begin;
  while (at < end) {
    let level = 0;
    while (level < MAX_LEVEL && at % POW2[level + 1]! === 0 && at + POW2[level + 1]! <= end) level++;
    out.push({ level, index: at / POW2[level]! });
    at += POW2[level]!;
  }
  return out;
}

import { ErrorCode } from '../errors/atc-error.js';
import { MerkleError } from './merkle-error.js';
import { checkHash, nodeHash } from './merkle-hash.js';
import { checkCount, nodeKey, type NodeId } from './node-id.js';
import { rootPlan } from './proof-plan.js';
import { foldRange } from './resolve-plan.js';

/** A perfect subtree completed by an append, with its hash, ready to be stored. */
export interface CompletedNode {
  readonly id: NodeId;
  readonly hash: Buffer;
}

/**
 * The right edge of the log's tree: one hash per perfect subtree of `rootPlan(size)`,
 * which is all an appender needs in memory to add leaves and compute the root. Each
 * append reports the perfect subtrees it completed, so storage can write them once and
 * serve any later proof from them.
 */
export class MerkleFrontier {
  #size: number;
  // Hashes in rootPlan(size) order: largest subtree first, the last one is the newest.
  readonly #nodes: Buffer[];

  /**
   * Starts from a tree of `size` leaves given its frontier nodes (rootPlan(size) order),
   * or from the empty tree.
   *
   * @throws MerkleError LOG_RANGE for a size that is not a count, LOG_NODE_MISSING when the
   *   number of nodes does not match the size, LOG_HASH_INVALID for a node that is not 32 bytes.
   */
  constructor(size = 0, nodes: readonly Uint8Array[] = []) {
    const ids = MerkleFrontier.frontierIds(size);
    if (nodes.length !== ids.length) {
      throw new MerkleError(
        ErrorCode.LOG_NODE_MISSING,
        `a tree of ${size} leaves has ${ids.length} frontier nodes (${ids.map(nodeKey).join(', ') || 'none'}), but ${nodes.length} were given. Load exactly the nodes of MerkleFrontier.frontierIds(size), in that order.`,
      );
    }
    nodes.forEach((hash, i) => {
      checkHash(hash, `frontier node ${nodeKey(ids[i]!)}`);
    });
    this.#size = size;
    this.#nodes = nodes.map((hash) => Buffer.from(hash));
  }

  /** The nodes a frontier of `size` leaves holds, in order: the same as `rootPlan(size)`. */
  static frontierIds(size: number): NodeId[] {
    return [...rootPlan(size)];
  }

  /** The number of leaves appended so far. */
  get size(): number {
    return this.#size;
  }

  /** Copies of the frontier node hashes, rootPlan(size) order. */
  nodes(): Buffer[] {
    return this.#nodes.map((hash) => Buffer.from(hash));
  }

  /**
   * Appends one leaf hash and returns every perfect subtree it completed, the leaf itself
   * (level 0) first, then each parent it closed, up to the largest.
   *
   * @throws MerkleError LOG_HASH_INVALID for a leaf hash that is not 32 bytes, LOG_RANGE
   *   when the tree is full (2^53 - 1 leaves).
   */
  append(leaf: Uint8Array): CompletedNode[] {
    checkHash(leaf, 'the leaf hash');
    checkCount(this.#size + 1, 'the new tree size');
    let index = this.#size;
    let level = 0;
    let hash: Buffer = Buffer.from(leaf);
    const completed: CompletedNode[] = [{ id: { level, index }, hash }];
    // Each trailing 1 bit of the old size is a left sibling waiting on the frontier.
    while (index % 2 === 1) {
      hash = nodeHash(this.#nodes.pop()!, hash);
      index = (index - 1) / 2;
      level++;
      completed.push({ id: { level, index }, hash });
    }
    // Kept apart from what the caller receives, so nothing it does to those bytes reaches the tree.
    this.#nodes.push(Buffer.from(hash));
    this.#size++;
    return completed;
  }

  /** The root hash of the tree so far; the empty tree's root when no leaf was appended. */
  root(): Buffer {
    return foldRange(this.#nodes);
  }

  /** An independent copy: appending to one does not change the other. */
  clone(): MerkleFrontier {
    return new MerkleFrontier(this.#size, this.#nodes);
  }
}

import { createHash, hash } from 'node:crypto';
import { ErrorCode } from '../errors/atc-error.js';
import { MerkleError } from './merkle-error.js';

/** The size of every tree hash (SHA-256). */
export const HASH_BYTES = 32;

// Allocated once: the hot path (about 10k appends per second, a proof per leaf) feeds
// these to the hash instead of concatenating a fresh buffer per call.
const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** The RFC 9162 leaf hash: SHA-256(0x00 || data). */
export function leafHash(data: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(data).digest();
}

// 0x01 || left || right for two 32-byte children, filled in place: the one-shot hash()
// skips creating a Hash object per node, which is most of the cost of a 65-byte hash.
// Safe to share: hashing is synchronous and nothing else touches it.
const NODE_INPUT = Buffer.alloc(1 + 2 * HASH_BYTES);
NODE_INPUT[0] = 0x01;

/** The RFC 9162 interior node hash: SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length === HASH_BYTES && right.length === HASH_BYTES) {
    NODE_INPUT.set(left, 1);
    NODE_INPUT.set(right, 1 + HASH_BYTES);
    return hash('sha256', NODE_INPUT, 'buffer');
  }
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** The root of the empty tree, SHA-256 of the empty string (RFC 9162 section 2.1.1). Never modify it. */
export const EMPTY_TREE_ROOT: Buffer = createHash('sha256').digest();

/** Throws {@link MerkleError} LOG_HASH_INVALID unless `hash` is a 32-byte tree hash. */
export function checkHash(hash: Uint8Array, what: string): void {
  if (!(hash instanceof Uint8Array) || hash.length !== HASH_BYTES) {
    const got = hash instanceof Uint8Array ? `${hash.length} bytes` : typeof hash;
    throw new MerkleError(
      ErrorCode.LOG_HASH_INVALID,
      `${what} must be a ${HASH_BYTES}-byte SHA-256 hash, got ${got}. Pass the leaf or node hash, not the entry bytes or its text form.`,
    );
  }
}

import { HASH_BYTES, nodeHash } from './merkle-hash.js';

// Verification never throws: a proof comes from outside (a receipt, a gateway answer), and
// anything malformed about it is simply a proof that does not verify. The algorithms are
// the ones RFC 9162 spells out in sections 2.1.3.2 and 2.1.4.2, with `>> 1` written as a
// halving so that sizes up to 2^53 - 1 work.

function isCount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

function isHash(value: Uint8Array | undefined): value is Uint8Array {
  return value instanceof Uint8Array && value.length === HASH_BYTES;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a instanceof Uint8Array && b instanceof Uint8Array && Buffer.compare(a, b) === 0;
}

function isPowerOfTwo(n: number): boolean {
  let m = n;
  while (m > 1 && m % 2 === 0) m /= 2;
  return m === 1;
}

const half = (n: number): number => Math.floor(n / 2);

/**
 * The root that an inclusion proof of leaf hash `leaf` at `leafIndex` implies for a tree
 * of `treeSize` leaves (RFC 9162 section 2.1.3.2), or undefined when the proof cannot be
 * one: index outside the tree, a hash that is not 32 bytes, too few or too many hashes.
 */
export function rootFromInclusionProof(
  leafIndex: number,
  treeSize: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
): Buffer | undefined {
  if (!isCount(leafIndex) || !isCount(treeSize) || leafIndex >= treeSize || !isHash(leaf)) return undefined;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r: Uint8Array = leaf;
  for (const p of proof) {
    if (!isHash(p) || sn === 0) return undefined;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? Buffer.from(r) : undefined;
}

/** True when `proof` proves leaf hash `leaf` at `leafIndex` in the tree of `treeSize` leaves with root `root`. */
export function verifyInclusion(
  leafIndex: number,
  treeSize: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  const computed = rootFromInclusionProof(leafIndex, treeSize, leaf, proof);
  return computed !== undefined && sameBytes(computed, root);
}

/**
 * True when `proof` proves that the tree of `size2` leaves with root `root2` extends the
 * tree of `size1` leaves with root `root1` (RFC 9162 section 2.1.4.2).
 *
 * Equal sizes need an empty proof and equal roots. A first size of 0 is always false:
 * every tree extends the empty tree, so such a "proof" would vouch for nothing and a
 * caller who relies on one has a bug (a witness that has seen no checkpoint yet simply
 * records the first one it verifies).
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): boolean {
  if (!isCount(size1) || !isCount(size2) || size1 > size2 || size1 === 0) return false;
  if (size1 === size2) return proof.length === 0 && sameBytes(root1, root2);
  if (proof.length === 0 || !isHash(root1) || !isHash(root2) || !proof.every(isHash)) return false;
  // When the first tree is a perfect subtree of the second, its root is the proof's seed.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Uint8Array = path[0]!;
  let sr: Uint8Array = path[0]!;
  for (let i = 1; i < path.length; i++) {
    const c = path[i]!;
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && sameBytes(fr, root1) && sameBytes(sr, root2);
}

import { concat, fromBase64, sameBytes, sha256, toBase64, type Bytes } from './bytes';
import { ProofFailure, ProofReason } from './proof-failure';

// RFC 9162 section 2.1: a leaf hashes as SHA-256(0x00 || entry), a node as
// SHA-256(0x01 || left || right); the proof algorithms are those of sections 2.1.3.2 and
// 2.1.4.2, with `>> 1` written as a halving so that sizes up to 2^53 - 1 work.

const HASH_BYTES = 32;
const half = (n: number): number => Math.floor(n / 2);

/** SHA-256(0x00 || entry): the leaf hash of an envelope. */
export function leafHash(entry: Bytes): Promise<Bytes> {
  return sha256(concat(new Uint8Array([0x00]), entry));
}

/** SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Promise<Bytes> {
  return sha256(concat(new Uint8Array([0x01]), left, right));
}

/** One step up an inclusion proof: the sibling hash, which side it is on, and the hash so far. */
export interface InclusionStep {
  readonly sibling: string;
  /** Where the sibling sits: `left` means the step hashed (sibling, running). */
  readonly side: 'left' | 'right';
  /** Base64 of the running hash after this step. */
  readonly running: string;
}

/** An inclusion proof as the gateway serves it (base64 hashes). */
export interface InclusionProofJson {
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly leafHash: string;
  readonly proof: readonly string[];
}

function hashes(texts: readonly string[]): Bytes[] {
  return texts.map((text, i) => {
    const bytes = fromBase64(text);
    if (bytes?.length !== HASH_BYTES) {
      throw new ProofFailure(ProofReason.PROOF_MALFORMED, `proof hash ${i + 1} is not standard base64 of 32 bytes`);
    }
    return bytes;
  });
}

function isCount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

/**
 * Walks an inclusion proof from the leaf to the root it implies, step by step.
 *
 * @throws ProofFailure PROOF_MALFORMED when the index is outside the tree, a hash is not 32
 *   bytes, or the proof has too few or too many hashes for the tree.
 */
export async function inclusionSteps(p: InclusionProofJson): Promise<{ steps: InclusionStep[]; root: Bytes }> {
  const [leaf] = hashes([p.leafHash]);
  const proof = hashes(p.proof);
  if (!isCount(p.leafIndex) || !isCount(p.treeSize) || p.leafIndex >= p.treeSize) {
    throw new ProofFailure(ProofReason.PROOF_MALFORMED, `leaf ${p.leafIndex} is not in a tree of ${p.treeSize}`);
  }
  let fn = p.leafIndex;
  let sn = p.treeSize - 1;
  let r: Bytes = leaf!;
  const steps: InclusionStep[] = [];
  for (const sibling of proof) {
    if (sn === 0)
      throw new ProofFailure(ProofReason.PROOF_MALFORMED, 'the proof has more hashes than the tree has levels');
    const left = fn % 2 === 1 || fn === sn;
    r = left ? await nodeHash(sibling, r) : await nodeHash(r, sibling);
    if (left) {
      while (fn % 2 === 0 && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    }
    fn = half(fn);
    sn = half(sn);
    steps.push({ sibling: toBase64(sibling), side: left ? 'left' : 'right', running: toBase64(r) });
  }
  if (sn !== 0) throw new ProofFailure(ProofReason.PROOF_MALFORMED, 'the proof has fewer hashes than the tree needs');
  return { steps, root: r };
}

/**
 * Checks that `proof` leads from its leaf to `root` (a signed checkpoint's) in a tree of
 * exactly `size`, and returns the steps.
 *
 * @throws ProofFailure SIZE_MISMATCH, PROOF_MALFORMED or ROOT_MISMATCH.
 */
export async function verifyInclusion(p: InclusionProofJson, size: number, root: Bytes): Promise<InclusionStep[]> {
  if (p.treeSize !== size) {
    throw new ProofFailure(
      ProofReason.SIZE_MISMATCH,
      `the proof is for a tree of ${p.treeSize}, the checkpoint's is ${size}`,
    );
  }
  const walked = await inclusionSteps(p);
  if (!sameBytes(walked.root, root)) {
    throw new ProofFailure(
      ProofReason.ROOT_MISMATCH,
      `the proof leads to root ${toBase64(walked.root)}, the signed checkpoint has ${toBase64(root)}`,
    );
  }
  return walked.steps;
}

function isPowerOfTwo(n: number): boolean {
  let m = n;
  while (m > 1 && m % 2 === 0) m /= 2;
  return m === 1;
}

/**
 * Checks that the tree of `size2` leaves with root `root2` extends the tree of `size1` with
 * root `root1` (RFC 9162 section 2.1.4.2). Equal sizes need an empty proof and equal roots;
 * a first size of 0 proves nothing and is refused.
 *
 * @throws ProofFailure SIZE_MISMATCH, PROOF_MALFORMED or ROOT_MISMATCH.
 */
export async function verifyConsistency(
  size1: number,
  size2: number,
  proofTexts: readonly string[],
  root1: Bytes,
  root2: Bytes,
): Promise<void> {
  if (!isCount(size1) || !isCount(size2) || size1 > size2 || size1 === 0) {
    throw new ProofFailure(ProofReason.SIZE_MISMATCH, `no consistency proof exists from ${size1} to ${size2}`);
  }
  const proof = hashes(proofTexts);
  if (size1 === size2) {
    if (proof.length !== 0) throw new ProofFailure(ProofReason.PROOF_MALFORMED, 'equal sizes need an empty proof');
    if (!sameBytes(root1, root2))
      throw new ProofFailure(ProofReason.ROOT_MISMATCH, 'two checkpoints of one size differ');
    return;
  }
  if (proof.length === 0) throw new ProofFailure(ProofReason.PROOF_MALFORMED, 'the proof is empty');
  // When the first tree is a perfect subtree of the second, its root is the proof's seed.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Bytes = path[0]!;
  let sr: Bytes = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) throw new ProofFailure(ProofReason.PROOF_MALFORMED, 'the proof has more hashes than the trees need');
    if (fn % 2 === 1 || fn === sn) {
      fr = await nodeHash(c, fr);
      sr = await nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = await nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) throw new ProofFailure(ProofReason.PROOF_MALFORMED, 'the proof has fewer hashes than the trees need');
  if (!sameBytes(fr, root1) || !sameBytes(sr, root2)) {
    throw new ProofFailure(
      ProofReason.ROOT_MISMATCH,
      `the proof does not lead to the signed roots of sizes ${size1} and ${size2}`,
    );
  }
}

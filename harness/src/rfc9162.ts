import { createHash, verify as ed25519Verify, type KeyObject } from 'node:crypto';

// RFC 9162 section 2.1 proof verification and C2SP note signatures, written from the texts
// for the tests: it shares no code with the production modules it checks.

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const node = (l: Uint8Array, r: Uint8Array): Buffer => sha256(Buffer.from([1]), l, r);

/** Leaf hash: SHA-256(0x00 || entry). */
export function referenceLeafHash(entry: Uint8Array): Buffer {
  return sha256(Buffer.from([0]), entry);
}

/** "k is the largest power of two smaller than n" (n > 1). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The root an inclusion proof leads to, following PATH(m, D[n]) (the last element is the top sibling). */
export function referenceRootFromPath(
  m: number,
  n: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
): Buffer | undefined {
  if (m >= n) return undefined;
  if (n === 1) return proof.length === 0 ? Buffer.from(leaf) : undefined;
  if (proof.length === 0) return undefined;
  const k = split(n);
  const sibling = proof[proof.length - 1]!;
  const rest = proof.slice(0, -1);
  if (m < k) {
    const left = referenceRootFromPath(m, k, leaf, rest);
    return left === undefined ? undefined : node(left, sibling);
  }
  const right = referenceRootFromPath(m - k, n - k, leaf, rest);
  return right === undefined ? undefined : node(sibling, right);
}

/** Old and new subtree hashes a SUBPROOF(m, D[n], b) proves, or undefined when malformed. */
function subproofRoots(
  m: number,
  n: number,
  b: boolean,
  proof: readonly Uint8Array[],
  oldRoot: Uint8Array,
): { old: Buffer; new: Buffer } | undefined {
  if (m === n) {
    if (b) return proof.length === 0 ? { old: Buffer.from(oldRoot), new: Buffer.from(oldRoot) } : undefined;
    return proof.length === 1 ? { old: Buffer.from(proof[0]!), new: Buffer.from(proof[0]!) } : undefined;
  }
  if (proof.length === 0) return undefined;
  const k = split(n);
  const last = proof[proof.length - 1]!;
  const rest = proof.slice(0, -1);
  if (m <= k) {
    const sub = subproofRoots(m, k, b, rest, oldRoot);
    return sub === undefined ? undefined : { old: sub.old, new: node(sub.new, last) };
  }
  const sub = subproofRoots(m - k, n - k, false, rest, oldRoot);
  return sub === undefined ? undefined : { old: node(last, sub.old), new: node(last, sub.new) };
}

/** True when `proof` proves the tree of `m` leaves (root1) is a prefix of the tree of `n` (root2). */
export function referenceVerifyConsistency(
  m: number,
  n: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): boolean {
  if (m < 1 || m > n) return false;
  if (m === n) return proof.length === 0 && Buffer.from(root1).equals(Buffer.from(root2));
  const roots = subproofRoots(m, n, true, proof, root1);
  return roots !== undefined && roots.old.equals(Buffer.from(root1)) && roots.new.equals(Buffer.from(root2));
}

/** A C2SP checkpoint note split into its parts. */
export interface ReferenceCheckpoint {
  readonly body: string;
  readonly origin: string;
  readonly size: number;
  readonly root: Buffer;
  readonly signatures: readonly { readonly name: string; readonly keyHash: Buffer; readonly sig: Buffer }[];
}

/** Parses a checkpoint note: body lines, a blank line, "— name base64" lines. */
export function referenceParseCheckpoint(text: string): ReferenceCheckpoint {
  const at = text.indexOf('\n\n');
  const body = text.slice(0, at + 1);
  const [origin, size, root] = body.split('\n');
  const signatures = text
    .slice(at + 2)
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const [dash, name, b64] = l.split(' ');
      if (dash !== '\u2014' || name === undefined || b64 === undefined) throw new Error(`bad signature line ${l}`);
      const raw = Buffer.from(b64, 'base64');
      return { name, keyHash: raw.subarray(0, 4), sig: raw.subarray(4) };
    });
  return { body, origin: origin!, size: Number(size), root: Buffer.from(root!, 'base64'), signatures };
}

function rawKey(key: KeyObject): Buffer {
  return Buffer.from(key.export({ format: 'jwk' }).x!, 'base64url');
}

/** Key hash of a signed-note verifier key: SHA-256(name || 0x0A || type || key)[:4]. */
function keyHash(name: string, type: number, key: KeyObject): Buffer {
  return sha256(Buffer.from(name), Buffer.from([0x0a, type]), rawKey(key)).subarray(0, 4);
}

/** True when the note carries a valid Ed25519 signature of `name` with `key` (type 0x01). */
export function referenceNoteSigned(cp: ReferenceCheckpoint, name: string, key: KeyObject): boolean {
  const kh = keyHash(name, 0x01, key);
  return cp.signatures.some(
    (s) => s.name === name && s.keyHash.equals(kh) && ed25519Verify(null, Buffer.from(cp.body), key, s.sig),
  );
}

/** True when the note carries a valid tlog-cosignature/v1 of `name` with `key` (type 0x04). */
export function referenceCosigned(cp: ReferenceCheckpoint, name: string, key: KeyObject): boolean {
  const kh = keyHash(name, 0x04, key);
  return cp.signatures.some((s) => {
    if (s.name !== name || !s.keyHash.equals(kh) || s.sig.length !== 72) return false;
    const time = s.sig.readBigUInt64BE(0);
    const message = Buffer.from(`cosignature/v1\ntime ${time}\n${cp.body}`);
    return ed25519Verify(null, message, key, s.sig.subarray(8));
  });
}

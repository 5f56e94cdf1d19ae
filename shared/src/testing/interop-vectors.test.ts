import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  isAtcError,
  openCheckpoint,
  publicKeyFromJwk,
  verifyConsistency,
  verifyInclusion,
  verifyReceipt,
  verifyTrustList,
} from '../index.js';
import { leafHash } from '../merkle/merkle-hash.js';
import {
  buildVectorFiles,
  type CheckpointVector,
  type ProofVectors,
  type ReceiptVector,
  type TrustListVector,
} from './index.js';

const repo = (path: string): string => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
const read = (name: string): unknown => JSON.parse(readFileSync(repo(`proto/vectors/${name}`), 'utf8'));
const outcome = async (f: () => unknown): Promise<string> => {
  try {
    await f();
    return 'valid';
  } catch (e) {
    return isAtcError(e) ? e.code : `unexpected ${String(e)}`;
  }
};
const bytes = (b64: string): Buffer => Buffer.from(b64, 'base64');

describe('interop vector files (proto/vectors/)', () => {
  it.each(buildVectorFiles().map((f) => [f.name, f] as const))('%s is reproduced byte for byte', (name, file) => {
    expect(readFileSync(repo(`proto/vectors/${name}`), 'utf8')).toBe(file.text);
  });

  const trustLists = read('trust-lists.json') as TrustListVector[];
  it.each(trustLists.map((v) => [v.name, v] as const))('trust list: %s', async (_name, v) => {
    expect(await outcome(() => verifyTrustList(v.jws, v.gateway_jwk))).toBe(v.expect);
    if (v.expect === 'valid') {
      expect((await verifyTrustList(v.jws, v.gateway_jwk)).members.map((m) => m.id)).toEqual(v.members);
    }
  });

  const receipts = read('receipts.json') as ReceiptVector[];
  it.each(receipts.map((v) => [v.name, v] as const))('receipt: %s', async (_name, v) => {
    const check = () =>
      verifyReceipt(Buffer.from(v.receipt_envelope_hex, 'hex'), Buffer.from(v.submitted_envelope_hex, 'hex'), {
        id: v.gateway_id,
        publicJwk: v.gateway_jwk,
      });
    expect(await outcome(check)).toBe(v.expect);
  });

  const checkpoints = read('checkpoints.json') as CheckpointVector[];
  it.each(checkpoints.map((v) => [v.name, v] as const))('checkpoint: %s', async (_name, v) => {
    const open = () =>
      openCheckpoint(v.note, { name: v.key_name, publicKey: publicKeyFromJwk(v.public_jwk) }, v.origin);
    expect(await outcome(open)).toBe(v.expect);
    if (v.expect === 'valid') {
      const { checkpoint } = open();
      expect([checkpoint.size, checkpoint.rootHash.toString('base64')]).toEqual([v.size, v.root_hash]);
    }
  });

  const proofs = read('proofs.json') as ProofVectors;
  it.each(proofs.inclusion.map((v) => [v.name, v] as const))('inclusion proof: %s', (_name, v) => {
    const leaf = leafHash(Buffer.from(v.leaf_hex, 'hex'));
    const ok = verifyInclusion(v.leaf_index, v.tree_size, leaf, v.proof.map(bytes), bytes(v.root_hash));
    expect(ok ? 'valid' : 'ERR_INCLUSION_PROOF_INVALID').toBe(v.expect);
  });
  it.each(proofs.consistency.map((v) => [v.name, v] as const))('consistency proof: %s', (_name, v) => {
    const ok = verifyConsistency(v.size1, v.size2, v.proof.map(bytes), bytes(v.root1), bytes(v.root2));
    expect(ok ? 'valid' : 'ERR_LOG_INCONSISTENT').toBe(v.expect);
  });

  it('hold positive and negative cases of every kind', () => {
    for (const list of [trustLists, receipts, checkpoints, proofs.inclusion, proofs.consistency] as {
      expect: string;
    }[][]) {
      expect(list.some((v) => v.expect === 'valid')).toBe(true);
      expect(list.some((v) => v.expect !== 'valid')).toBe(true);
    }
  });
});

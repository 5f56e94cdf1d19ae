import { describe, expect, it } from 'vitest';
import fixture from './log-fixture.json';
import type { InclusionProofJson } from './merkle-proof';
import { ProofReason } from './proof-failure';
import { proveConsistency, proveInclusion } from './prove';

// The checks the console's pages run, against the gateway log code's fixture: what verified,
// what was shown on the way, and why not.

const key = { jwk: fixture.gatewayKey, origin: fixture.origin };
const checkpoints = fixture.checkpoints as Record<string, string>;
const proofAt13 = fixture.inclusion.find((p) => p.treeSize === 13 && p.leafIndex === 6)!;

const source = (note: string, proof: InclusionProofJson = proofAt13) => ({
  latestCheckpoint: () => Promise.resolve(note),
  inclusionProof: (size: number) => Promise.resolve({ ...proof, treeSize: size }),
});

describe('proveInclusion', () => {
  it('verifies a leaf against the latest signed checkpoint and gives every step', async () => {
    const outcome = await proveInclusion(source(fixture.cosigned), key, 6);
    expect(outcome.failure).toBeUndefined();
    expect(outcome.checkpoint?.size).toBe(13);
    expect(outcome.steps?.map((s) => s.sibling)).toEqual(proofAt13.proof);
    expect(outcome.steps?.at(-1)?.running).toBe(proofAt13.rootHash);
  });

  it('says why not: another key, another leaf, an altered hash, an unreachable gateway', async () => {
    const altered = { ...proofAt13, proof: proofAt13.proof.map((h, i) => (i === 0 ? `A${h.slice(1)}` : h)) };
    const cases = {
      [ProofReason.SIGNATURE_MISSING]: await proveInclusion(source(fixture.otherKey), key, 6),
      [ProofReason.LEAF_MISMATCH]: await proveInclusion(source(fixture.cosigned), key, 7),
      [ProofReason.ROOT_MISMATCH]: await proveInclusion(source(fixture.cosigned, altered), key, 6),
      [ProofReason.UNAVAILABLE]: await proveInclusion(
        { latestCheckpoint: () => Promise.reject(new Error('HTTP 503')), inclusionProof: source('').inclusionProof },
        key,
        6,
      ),
    };
    for (const [reason, outcome] of Object.entries(cases)) expect(outcome.failure?.reason, reason).toBe(reason);
    // The altered proof is still shown, step by step, up to the root it leads to.
    expect(cases[ProofReason.ROOT_MISMATCH].steps?.length).toBe(proofAt13.proof.length);
    expect(cases[ProofReason.ROOT_MISMATCH].checkpoint?.size).toBe(13);
  });
});

describe('proveConsistency', () => {
  const c = fixture.consistency.find((x) => x.first === 3 && x.second === 13)!;
  const load = () => Promise.resolve(c);

  it('verifies two signed checkpoints and the proof between them', async () => {
    const outcome = await proveConsistency(checkpoints['3']!, checkpoints['13']!, key, load);
    expect(outcome.failure).toBeUndefined();
    expect([outcome.first?.size, outcome.second?.size]).toEqual([3, 13]);
  });

  it('refuses a checkpoint by another key and a proof between other sizes', async () => {
    expect((await proveConsistency(checkpoints['3']!, fixture.otherKey, key, load)).failure?.reason).toBe(
      ProofReason.SIGNATURE_MISSING,
    );
    expect((await proveConsistency(checkpoints['5']!, checkpoints['13']!, key, load)).failure?.reason).toBe(
      ProofReason.SIZE_MISMATCH,
    );
  });
});

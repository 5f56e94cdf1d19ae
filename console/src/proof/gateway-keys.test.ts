import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from './bytes';
import { verifyCheckpoint, type PinnedLogKey } from './checkpoint';
import { provenLogKeys, verifyCheckpointWithKeys, type GatewayRotationsJson } from './gateway-keys';
import { ProofReason } from './proof-failure';
import { proveConsistency } from './prove';
import fixture from './rotation-fixture.json';

// The console's check across a gateway key rotation, with WebCrypto only as in the browser,
// against a log made by the gateway's own code (see tests/support/rotation-fixture.ts): the
// key pinned at sign-in is the new one; the old key's checkpoints hold only through the
// rotation entries proven in the latest checkpoint, and only within their term.

const pinned: PinnedLogKey = { jwk: fixture.newKey, origin: fixture.origin };
const checkpoints = fixture.checkpoints as Record<string, string>;
const rotations = fixture.rotations as GatewayRotationsJson;
const BEFORE_GRACE = fixture.graceUntil - 1;
const AFTER_GRACE = fixture.graceUntil + 1;

async function keysFrom(served: GatewayRotationsJson, latestNote = checkpoints['8']!) {
  return provenLogKeys(pinned, await verifyCheckpoint(latestNote, pinned), served);
}

const consistencyProof = (first: number) => {
  const c = fixture.consistency.find((x) => x.first === first)!;
  return () => Promise.resolve(c);
};

describe('gateway keys proven from the pinned key', () => {
  it("accepts the old key's checkpoints before the rotation and within the grace; consistency holds across it", async () => {
    const { keys, failure } = await keysFrom(rotations);
    expect(failure).toBeUndefined();
    expect(keys.map((k) => k.kid)).toEqual([fixture.newKey.kid, fixture.oldKey.kid]);
    expect(keys[1]).toMatchObject({ rotatedAt: 3, graceUntil: fixture.graceUntil });
    for (const size of ['2', '4']) {
      const cp = await verifyCheckpointWithKeys(checkpoints[size]!, keys);
      expect(cp).toMatchObject({
        size: Number(size),
        olderKey: true,
        signerKid: fixture.oldKey.kid,
        graceUnproven: false,
      });
    }
    // Past the rotation (size 6 > 4): its signature verifies, but that it was made within the
    // grace rests on the gateway's unsigned record of its time: never called verified here.
    expect(await verifyCheckpointWithKeys(checkpoints['6']!, keys, BEFORE_GRACE)).toMatchObject({
      size: 6,
      olderKey: true,
      graceUnproven: true,
    });
    const latest = await verifyCheckpointWithKeys(checkpoints['8']!, keys);
    expect(latest).toMatchObject({ size: 8, olderKey: false, graceUnproven: false });
    for (const first of [2, 4]) {
      const outcome = await proveConsistency(
        checkpoints[String(first)]!,
        checkpoints['8']!,
        keys,
        consistencyProof(first),
      );
      expect(outcome.failure).toBeUndefined();
    }
    const graced = await proveConsistency(
      { note: checkpoints['6']!, recordedAt: BEFORE_GRACE },
      checkpoints['8']!,
      keys,
      consistencyProof(6),
    );
    expect(graced.failure).toBeUndefined();
    expect(graced.first?.graceUnproven).toBe(true);
    expect(graced.second?.graceUnproven).toBe(false);
  });

  it("refuses the old key's checkpoint past its rotation and grace", async () => {
    const { keys } = await keysFrom(rotations);
    await expect(verifyCheckpointWithKeys(checkpoints['6']!, keys, AFTER_GRACE)).rejects.toMatchObject({
      reason: ProofReason.KEY_RETIRED,
    });
    await expect(verifyCheckpointWithKeys(checkpoints['6']!, keys)).rejects.toMatchObject({
      reason: ProofReason.KEY_RETIRED,
    });
  });

  it('with only the pinned key (no rotations, or the gateway serves none), the old key signs nothing', async () => {
    const { keys, failure } = await keysFrom({ treeSize: 8, entries: [] });
    expect(failure).toBeUndefined();
    expect(keys).toHaveLength(1);
    await expect(verifyCheckpointWithKeys(checkpoints['2']!, keys)).rejects.toMatchObject({
      reason: ProofReason.SIGNATURE_MISSING,
    });
    const outcome = await proveConsistency(checkpoints['2']!, checkpoints['8']!, keys, consistencyProof(2));
    expect(outcome.failure?.reason).toBe(ProofReason.SIGNATURE_MISSING);
    // One half of the rotation is not enough either.
    const half = await keysFrom({ treeSize: 8, entries: [rotations.entries[0]!] });
    expect(half.keys).toHaveLength(1);
  });

  it('refuses an altered rotation entry, or one proven in another tree', async () => {
    const bytes = fromBase64(rotations.entries[0]!.envelope)!;
    bytes[bytes.length - 30] = bytes[bytes.length - 30]! ^ 0x01;
    const altered = {
      ...rotations,
      entries: [{ ...rotations.entries[0]!, envelope: toBase64(bytes) }, rotations.entries[1]!],
    };
    const result = await keysFrom(altered);
    expect(result.failure?.reason).toBe(ProofReason.ROTATION_UNPROVED);
    expect(result.keys).toHaveLength(1);
    expect((await keysFrom({ ...rotations, treeSize: 6 })).failure?.reason).toBe(ProofReason.SIZE_MISMATCH);
  });

  it('refuses a rotation entry off the chain (a third key announced)', async () => {
    const result = await keysFrom({ ...rotations, entries: [...rotations.entries, fixture.offChain] });
    expect(result.failure?.reason).toBe(ProofReason.ROTATION_INVALID);
    expect(result.failure?.message).toContain('which no rotation from the pinned key reaches');
  });

  it('refuses an announcement in the log that the key it replaces did not sign', async () => {
    const result = await keysFrom(fixture.forged.rotations, fixture.forged.checkpoint);
    expect(result.failure?.reason).toBe(ProofReason.ROTATION_INVALID);
    expect(result.failure?.message).toContain('does not verify with the key it replaces');
    expect(result.keys).toHaveLength(1);
  });
});

// A bundle whose entries and checkpoints were signed partly before a gateway key rotation:
// it verifies with the newest key alone through the rotation entries it carries, and only
// through them. The log is built in memory, entry by entry as the gateway writes it
// (gateway KeyEvents signed like key-event-recorder.ts signs them).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ErrorCode,
  leafHash,
  PayloadType,
  RefusalCode,
  signCheckpoint,
  signEnvelope,
  type KeyPair,
  type SignedEnvelope,
  type Signer,
} from '@atc/shared';
import {
  changeOneByte,
  fixtureKey,
  fixtureRequest,
  fixtureRoute,
  FIXTURE_TIME,
  fuzzParameters,
  gatewayKeyEventRequest,
  jsonAround,
  MemoryLog,
  singleByteChange,
  VECTOR_LOG_ORIGIN,
} from '@atc/shared/testing';
import { BUNDLE_FORMAT, type ArchiveBundle, type BundleKey } from './archive-bundle.js';
import { verifyBundle } from './verify-bundle.js';

const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');
const GRACE = 10 * 60_000;
const ROTATED = FIXTURE_TIME + 60_000;
const oldKey = fixtureKey('ATC');
const newKey = fixtureKey('ATC-NEXT');
const stranger = fixtureKey('MALLORY');
const member = fixtureRoute(PayloadType.PersonRecord).sender;

/** A gateway KeyEvent about `key` of `memberId`, signed by `signer` at `at`. */
function keyEvent(
  signer: Signer,
  type: 'registered' | 'revoked',
  memberId: string,
  key: KeyPair,
  at: number,
  revokedAt?: number,
): SignedEnvelope {
  const request = gatewayKeyEventRequest({
    type,
    memberId,
    key,
    sequence: at,
    at,
    revokedAt,
    comment: 'gateway key rotation: test',
  });
  return signEnvelope(signer, request, () => at);
}

const memberKey = (name: string): BundleKey => ({
  kid: fixtureKey(name).kid,
  memberId: name,
  publicJwk: { kty: 'OKP', crv: 'Ed25519', x: fixtureKey(name).publicJwk.x },
  validFrom: 0,
  validUntil: null,
  revokedAt: null,
  revocationReason: null,
});

/** The standard log: entries before, during (grace) and after a rotation at entries 2 and 3. */
function rotatedLeaves(): SignedEnvelope[] {
  return [
    signEnvelope(fixtureKey(member), fixtureRequest(PayloadType.PersonRecord, 1)),
    keyEvent(oldKey, 'registered', 'BY', fixtureKey('BY'), FIXTURE_TIME),
    keyEvent(oldKey, 'revoked', 'ATC', oldKey, ROTATED, ROTATED + GRACE),
    keyEvent(oldKey, 'registered', 'ATC', newKey, ROTATED),
    // A replica not yet restarted still signs with the old key, within the grace.
    keyEvent(oldKey, 'registered', 'AM', fixtureKey('AM'), ROTATED + 1_000),
    signEnvelope(fixtureKey(member), fixtureRequest(PayloadType.PersonRecord, 2)),
    keyEvent(newKey, 'registered', 'TJ', fixtureKey('TJ'), ROTATED + GRACE + 1_000),
  ];
}

/** A checkpoint of the first `size` leaves of `log`, signed by `key`. */
function checkpoint(log: MemoryLog, size: number, key: KeyPair): string {
  return signCheckpoint(
    { origin: VECTOR_LOG_ORIGIN, size, rootHash: log.root(size), extensions: [] },
    VECTOR_LOG_ORIGIN,
    key.privateKey,
  );
}

/**
 * A bundle of all `leaves` against a checkpoint of `signer` (the new key), with the earlier
 * checkpoints `earlier` (size and signing key) and the rotation entries at `rotations`.
 */
function bundleOf(
  leaves: readonly SignedEnvelope[],
  options: {
    readonly earlier?: readonly (readonly [number, KeyPair])[];
    readonly rotations?: readonly number[];
    readonly signer?: KeyPair;
  } = {},
): ArchiveBundle {
  const log = new MemoryLog(leaves.map((l) => l.bytes));
  const size = leaves.length;
  const signer = options.signer ?? newKey;
  return {
    format: BUNDLE_FORMAT,
    exportedAt: new Date(ROTATED + GRACE * 2).toISOString(),
    gatewayId: 'ATC',
    origin: VECTOR_LOG_ORIGIN,
    gatewayKey: { kty: 'OKP', crv: 'Ed25519', x: signer.publicJwk.x, kid: signer.kid },
    checkpoint: checkpoint(log, size, signer),
    from: 0,
    to: size,
    keys: [memberKey(member)],
    entries: leaves.map((s, index) => ({
      index,
      leafHash: b64(leafHash(s.bytes)),
      envelope: b64(s.bytes),
      payloadErased: false,
      messageId: s.messageId,
      archivedAt: ROTATED,
      inclusionProof: log.inclusion(index, size).map(b64),
    })),
    earlierCheckpoints: (
      options.earlier ?? [
        [2, oldKey],
        [5, oldKey],
      ]
    ).map(([n, key]) => ({ note: checkpoint(log, n, key), consistencyProof: log.consistency(n, size).map(b64) })),
    gatewayRotations: (options.rotations ?? [3, 2]).map((index) => ({
      index,
      envelope: b64(leaves[index]!.bytes),
      inclusionProof: log.inclusion(index, size).map(b64),
    })),
  };
}

const trusted = { trustedGatewayKey: newKey.publicJwk };
const leaves = rotatedLeaves();
const good = bundleOf(leaves);

/** The problems of a report that carry `code`. */
const withCode = (problems: readonly string[], code: string): string[] => problems.filter((p) => p.includes(code));

describe('verifyBundle across a gateway key rotation', () => {
  it('holds with only the new key trusted: old-key entries and checkpoints before and within the grace', async () => {
    expect(await verifyBundle(good, trusted)).toMatchObject({ ok: true, entries: 7, problems: [] });
    // The bundle's own key as the anchor gives the same answer.
    expect(await verifyBundle(good)).toMatchObject({ ok: true, problems: [] });
  });

  it('a bundle without rotations still holds where no rotation is involved (the format before rotations)', async () => {
    const before = leaves.slice(0, 2);
    const { gatewayRotations: _none, ...old } = bundleOf(before, {
      signer: oldKey,
      earlier: [[1, oldKey]],
      rotations: [],
    });
    expect(await verifyBundle(old)).toMatchObject({ ok: true, problems: [] });
    expect(await verifyBundle(old, { trustedGatewayKey: oldKey.publicJwk })).toMatchObject({ ok: true });
  });

  it('refuses the bundle when its rotation entries are removed, each use of the old key named', async () => {
    for (const rotations of [[], [3], [2]]) {
      const report = await verifyBundle(bundleOf(leaves, { rotations }), trusted);
      expect(report.ok).toBe(false);
      // Entries 1, 2, 3 and 4 are the old key's; both earlier checkpoints too.
      expect(withCode(report.problems, ErrorCode.GATEWAY_ROTATION_UNPROVED).length).toBeGreaterThanOrEqual(4);
      expect(withCode(report.problems, ErrorCode.GATEWAY_KEY_UNTRUSTED)).toHaveLength(2);
    }
  });

  it('refuses an altered rotation entry (its inclusion proof no longer holds)', async () => {
    const altered = bundleOf(leaves);
    const rotations = altered.gatewayRotations!.map((r, i) =>
      i === 0 ? { ...r, envelope: b64(changeOneByte(leaves[3]!.bytes, { at: 40, xor: 1 })) } : r,
    );
    const report = await verifyBundle({ ...altered, gatewayRotations: rotations }, trusted);
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatch(/^rotation entry 3: ERR_GATEWAY_ROTATION_UNPROVED: /);
  });

  it('refuses a rotation entry in the log whose signature does not verify with the key it replaces', async () => {
    // The announcement names the old key as its signer but another key signed it.
    const forged = [...leaves];
    forged[3] = keyEvent({ kid: oldKey.kid, privateKey: stranger.privateKey }, 'registered', 'ATC', newKey, ROTATED);
    const report = await verifyBundle(bundleOf(forged), trusted);
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatch(
      new RegExp(
        `^rotation entry 3: ${ErrorCode.GATEWAY_ROTATION_INVALID}: it does not verify with the key it replaces`,
      ),
    );
    expect(report.problems[0]).toContain(RefusalCode.SIGNATURE_INVALID);
    // So the old key is not proven: what it signed is refused.
    expect(withCode(report.problems, ErrorCode.GATEWAY_ROTATION_UNPROVED).length).toBeGreaterThan(0);
  });

  it('refuses a rotation entry naming a key the chain from the trusted key does not reach', async () => {
    // A third key announced in the log, signed by the old key, off the chain to the new key.
    const third = [...leaves, keyEvent(oldKey, 'registered', 'ATC', stranger, ROTATED + 2_000)];
    const report = await verifyBundle(bundleOf(third, { rotations: [3, 2, 7] }), trusted);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.stringMatching(
        new RegExp(`^rotation entry 7: ${ErrorCode.GATEWAY_ROTATION_INVALID}: it names gateway key ${stranger.kid}`),
      ),
    ]);
  });

  it('refuses what a third, unrelated key signed as the gateway', async () => {
    const report = await verifyBundle(
      bundleOf(leaves, {
        earlier: [
          [2, oldKey],
          [5, stranger],
        ],
      }),
      trusted,
    );
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.stringMatching(/^earlier checkpoint 1: ERR_GATEWAY_KEY_UNTRUSTED: /)]);

    const signedByStranger = [...leaves, keyEvent(stranger, 'registered', 'KG', fixtureKey('KG'), ROTATED + 3_000)];
    const entry = await verifyBundle(bundleOf(signedByStranger), trusted);
    expect(entry.problems).toEqual([
      expect.stringContaining(
        `entry 7 (message ${signedByStranger[7]!.messageId}): ${ErrorCode.GATEWAY_ROTATION_UNPROVED}`,
      ),
    ]);

    // Trusting another key than the one that signed the checkpoint, old or unrelated.
    for (const key of [stranger, oldKey]) {
      const report = await verifyBundle(good, { trustedGatewayKey: key.publicJwk });
      expect(report.problems).toEqual([expect.stringMatching(/^checkpoint: ERR_GATEWAY_KEY_UNTRUSTED: /)]);
    }
  });

  it("refuses the old key's signatures past its rotation and its grace", async () => {
    const late = [...leaves, keyEvent(oldKey, 'registered', 'KG', fixtureKey('KG'), ROTATED + GRACE + 2_000)];
    const entry = await verifyBundle(bundleOf(late), trusted);
    expect(entry.problems).toEqual([expect.stringContaining(RefusalCode.KEY_REVOKED)]);
    // A checkpoint of the old key whose last entry was created within the grace holds; one
    // whose last entry came after the grace does not.
    const within = await verifyBundle(bundleOf(leaves, { earlier: [[6, oldKey]] }), trusted);
    expect(within).toMatchObject({ ok: true, problems: [] });
    const past = bundleOf([...leaves, signEnvelope(fixtureKey(member), fixtureRequest(PayloadType.PersonRecord, 3))], {
      earlier: [
        [2, oldKey],
        [7, oldKey],
      ],
    });
    const refused = await verifyBundle(past, trusted);
    expect(refused.problems).toEqual([expect.stringMatching(/^checkpoint 7: ERR_GATEWAY_KEY_RETIRED: /)]);
  });

  it('answers every value around a rotated bundle with a report (never a TypeError)', async () => {
    await fc.assert(
      fc.asyncProperty(jsonAround(good), async (value) => {
        const report = await verifyBundle(value, trusted);
        expect(typeof report.ok).toBe('boolean');
        if (!report.ok) expect(report.problems.length).toBeGreaterThan(0);
      }),
      fuzzParameters(300),
    );
  });

  it('does not hold when one byte of a rotation entry changed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(0, 1), singleByteChange, async (which, change) => {
        const rotations = good.gatewayRotations!.map((r, i) =>
          i === which ? { ...r, envelope: b64(changeOneByte(Buffer.from(r.envelope, 'base64'), change)) } : r,
        );
        expect((await verifyBundle({ ...good, gatewayRotations: rotations }, trusted)).ok).toBe(false);
      }),
      fuzzParameters(100),
    );
  });
});

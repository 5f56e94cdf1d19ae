// atc-verify reads archive bundles handed to an auditor, which it must not trust: whatever a
// bundle file holds, verifyBundle answers with a report (never a TypeError), and a bundle
// whose signed bytes changed anywhere does not hold.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leafHash, signEnvelope } from '@atc/shared';
import {
  changeOneByte,
  fixtureKey,
  fixtureRequest,
  fixtureRoute,
  FIXTURE_TIME,
  fuzzParameters,
  jsonAround,
  MemoryLog,
  singleByteChange,
  VECTOR_LOG_ORIGIN,
} from '@atc/shared/testing';
import { BUNDLE_FORMAT, type ArchiveBundle, type BundleKey } from './archive-bundle.js';
import { verifyBundle } from './verify-bundle.js';

const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');
const types = ['atc.v1.PersonRecord', 'atc.v1.OrganizationRecord', 'atc.v1.IncidentReport', 'atc.v1.Notice'] as const;
const signed = types.map((t, i) => signEnvelope(fixtureKey(fixtureRoute(t).sender), fixtureRequest(t, i + 1)));
const log = new MemoryLog(signed.map((s) => s.bytes));
const size = signed.length;
const members = [...new Set(types.map((t) => fixtureRoute(t).sender))];

function key(member: string): BundleKey {
  const k = fixtureKey(member);
  return {
    kid: k.kid,
    memberId: member,
    publicJwk: { kty: k.publicJwk.kty, crv: k.publicJwk.crv, x: k.publicJwk.x },
    validFrom: 0,
    validUntil: null,
    revokedAt: null,
    revocationReason: null,
  };
}

const gatewayJwk = fixtureKey('ATC').publicJwk;
const bundle: ArchiveBundle = {
  format: BUNDLE_FORMAT,
  exportedAt: new Date(FIXTURE_TIME).toISOString(),
  gatewayId: 'ATC',
  origin: VECTOR_LOG_ORIGIN,
  gatewayKey: { kty: gatewayJwk.kty, crv: gatewayJwk.crv, x: gatewayJwk.x, kid: fixtureKey('ATC').kid },
  checkpoint: log.checkpoint(size),
  from: 0,
  to: size,
  keys: members.map(key),
  entries: signed.map((s, index) => ({
    index,
    leafHash: b64(leafHash(s.bytes)),
    envelope: b64(s.bytes),
    payloadErased: false,
    messageId: s.messageId,
    archivedAt: FIXTURE_TIME,
    inclusionProof: log.inclusion(index, size).map(b64),
  })),
  earlierCheckpoints: [{ note: log.checkpoint(2), consistencyProof: log.consistency(2, size).map(b64) }],
};

describe('verifyBundle', () => {
  it('holds for the bundle the properties start from', async () => {
    expect(await verifyBundle(bundle)).toMatchObject({ ok: true, entries: size, problems: [] });
  });

  it('reports a bundle without its keys, or with an entry of the wrong form (it threw a TypeError before)', async () => {
    // Counterexamples the property below found: no "keys" list; an entry whose proof is not a list.
    const { keys: _keys, ...withoutKeys } = bundle;
    expect(await verifyBundle(withoutKeys)).toMatchObject({ ok: false, problems: ['keys is not a list'] });
    const entries = [{ ...bundle.entries[0]!, inclusionProof: 'AA==' }];
    expect(await verifyBundle({ ...bundle, entries })).toMatchObject({
      ok: false,
      problems: ['entries[0].inclusionProof is missing or of the wrong type'],
    });
  });

  it('answers every bundle-shaped or arbitrary JSON value with a report', async () => {
    await fc.assert(
      fc.asyncProperty(jsonAround(bundle), async (value) => {
        const report = await verifyBundle(value);
        expect(typeof report.ok).toBe('boolean');
        if (!report.ok) expect(report.problems.length).toBeGreaterThan(0);
      }),
      fuzzParameters(500),
    );
  });

  it('does not hold when one byte of an archived envelope changed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: size - 1 }), singleByteChange, async (which, change) => {
        const entries = bundle.entries.map((e, i) =>
          i === which ? { ...e, envelope: b64(changeOneByte(signed[i]!.bytes, change)) } : e,
        );
        expect((await verifyBundle({ ...bundle, entries })).ok).toBe(false);
      }),
      fuzzParameters(150),
    );
  });
});

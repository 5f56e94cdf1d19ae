import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atc, canonicalProtectedHeader, encodeEnvelope, envelopeParts, leafHash, signCheckpoint } from '@atc/shared';
import { fixtureKey, nonCanonicalHeaderSpellings, signWithProtectedHeader } from '@atc/shared/testing';
import { makeMessage, runAtcVerify } from '@atc/tests';

const ORIGIN = 'atc-exchange/ATC';
const gateway = fixtureKey('ATC');
const kz = fixtureKey('KZ');
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'atc-verify-header-'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/**
 * A one-entry bundle as "atc-gateway archive export" writes it, holding `envelope` (its
 * payload erased when asked): as an archive kept from before the header was checked byte
 * for byte would hold it, with a genuine inclusion proof and checkpoint.
 */
async function bundleOf(
  name: string,
  envelope: Uint8Array,
  messageId: string,
  erased = false,
  listedKey: { readonly x: string } = kz.publicJwk,
): Promise<string> {
  const leaf = leafHash(envelope);
  const kept = erased
    ? encodeEnvelope({ ...envelopeParts(atc.v1.Envelope.decode(envelope)), payload: new Uint8Array(0) })
    : envelope;
  const bundle = {
    format: 'atc-archive-bundle/1',
    exportedAt: new Date().toISOString(),
    gatewayId: 'ATC',
    origin: ORIGIN,
    gatewayKey: { kty: 'OKP', crv: 'Ed25519', x: gateway.publicJwk.x, kid: gateway.kid },
    // A tree of one leaf: its root is the leaf hash, the inclusion proof is empty.
    checkpoint: signCheckpoint({ origin: ORIGIN, size: 1, rootHash: leaf, extensions: [] }, ORIGIN, gateway.privateKey),
    from: 0,
    to: 1,
    keys: [
      {
        kid: kz.kid,
        memberId: 'KZ',
        publicJwk: { kty: 'OKP', crv: 'Ed25519', x: listedKey.x },
        validFrom: 0,
        validUntil: null,
        revokedAt: null,
        revocationReason: null,
      },
    ],
    entries: [
      {
        index: 0,
        leafHash: leaf.toString('base64'),
        envelope: Buffer.from(kept).toString('base64'),
        payloadErased: erased,
        messageId,
        archivedAt: Date.now(),
        inclusionProof: [],
      },
    ],
    earlierCheckpoints: [],
  };
  const file = join(work, `${name}.json`);
  await writeFile(file, JSON.stringify(bundle));
  return file;
}

describe('atc-verify and the spelling of the protected header', () => {
  it('refuses an archived envelope whose protected header is not the canonical bytes', async () => {
    const m = makeMessage({ from: 'KZ', to: ['BY'], sequence: 1 });
    const good = await runAtcVerify(await bundleOf('canonical', m.bytes, m.messageId));
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toContain('bundle holds: 1 entries');

    // Correctly signed by KZ's registered key; only the spelling of the header differs.
    const [spelling] = nonCanonicalHeaderSpellings(kz.kid, fixtureKey('BY').kid);
    const respelled = encodeEnvelope({
      header: m.headerBytes,
      payload: m.payloadBytes,
      signature: signWithProtectedHeader(kz, spelling!.json, m.headerBytes),
    });
    for (const erased of [false, true]) {
      const run = await runAtcVerify(await bundleOf(`respelled-${erased}`, respelled, m.messageId, erased));
      expect(run.code, run.stdout).toBe(1);
      expect(run.stderr).toContain(`entry 0 (message ${m.messageId}): the`);
      expect(run.stderr).toContain('ERR_SIGNATURE_MALFORMED');
      expect(run.stderr).toContain('atc-verify: ERR_BUNDLE_INVALID: 1 problem(s) found');
    }
  });

  it("refuses an envelope whose key the bundle lists under a kid that is not the key's thumbprint", async () => {
    const by = fixtureKey('BY');
    const m = makeMessage({ from: 'KZ', to: ['BY'], sequence: 2 });
    // Signed with BY's private key under KZ's kid, in a bundle that lists BY's key as KZ's.
    const forged = encodeEnvelope({
      header: m.headerBytes,
      payload: m.payloadBytes,
      signature: signWithProtectedHeader(by, canonicalProtectedHeader(kz.kid).toString(), m.headerBytes),
    });
    const run = await runAtcVerify(await bundleOf('misfiled', forged, m.messageId, false, by.publicJwk));
    expect(run.code, run.stdout).toBe(1);
    expect(run.stderr).toContain('ERR_SIGNATURE_MALFORMED');
    expect(run.stderr).toContain('is not the thumbprint of the key registered under it');
  });
});

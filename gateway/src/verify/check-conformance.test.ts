import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { atc, encodeEnvelope, envelopeParts, signEnvelope, signHeaderBytes, StaticKeyResolver } from '@atc/shared';
import { buildVectors, fixtureKey, fixtureRequest } from '@atc/shared/testing';
import { checkConformance } from './check-conformance.js';

const kz = fixtureKey('KZ');
const resolverFor = (owner: string, key = kz) =>
  new StaticKeyResolver([{ kid: key.kid, owner, publicKey: key.publicKey }]);
const MIB = 1024 * 1024;

function ownerOf(bytes: Uint8Array): string {
  try {
    return atc.v1.Header.decode(atc.v1.Envelope.decode(bytes).header).sender;
  } catch {
    return 'KZ';
  }
}

describe('checkConformance', () => {
  it.each(buildVectors().map((v) => [v.name, v] as const))(
    'names the refusal of interop vector "%s" first, or none for a valid one',
    async (_name, v) => {
      const bytes = Buffer.from(v.envelope_hex, 'hex');
      const key = [fixtureKey('KZ'), fixtureKey('BY'), fixtureKey('RU'), fixtureKey('ATC')].find(
        (k) => k.kid === v.public_jwk.kid,
      )!;
      const result = await checkConformance(bytes, resolverFor(ownerOf(bytes), key), MIB);
      expect(result.broken[0]?.code ?? 'valid').toBe(v.expect);
      for (const b of result.broken) expect(b.message.length).toBeGreaterThan(20);
    },
  );

  it('names every independent rule broken: signature, digest and payload at once', async () => {
    const good = signEnvelope(kz, fixtureRequest('atc.v1.PersonRecord', 40));
    const parts = envelopeParts(atc.v1.Envelope.decode(good.bytes));
    // A payload that is not a PersonRecord, with the header (and so the signature) of the real one,
    // signed by another key under KZ's kid.
    const payload = Buffer.from([0x0a, 0x02, 0x00, 0x00]);
    const forged = `${parts.signature.split('..')[0]!}..${Buffer.alloc(64, 7).toString('base64url')}`;
    const result = await checkConformance(
      encodeEnvelope({ ...parts, payload, signature: forged }),
      resolverFor('KZ'),
      MIB,
    );
    expect(result.broken.map((b) => b.code)).toEqual([
      'ERR_SIGNATURE_INVALID',
      'ERR_PAYLOAD_DIGEST_MISMATCH',
      'ERR_PAYLOAD_MALFORMED',
    ]);
    expect(result).toMatchObject({ sender: 'KZ', payloadType: 'atc.v1.PersonRecord' });
  });

  it('checks the payload of an envelope whose digest is wrong', async () => {
    const request = fixtureRequest('atc.v1.PersonRecord', 41);
    const bad = signEnvelope(kz, request);
    const payload = Buffer.from([0x0a, 0x02, 0x00, 0x00]);
    const header = atc.v1.Header.encode({
      ...atc.v1.Header.toObject(bad.header, { defaults: false }),
      payloadSha256: createHash('sha256').update('something else').digest(),
    }).finish();
    const bytes = encodeEnvelope({ header, payload, signature: signHeaderBytes(kz, header) });
    const result = await checkConformance(bytes, resolverFor('KZ'), MIB);
    expect(result.broken.map((b) => b.code)).toEqual(['ERR_PAYLOAD_DIGEST_MISMATCH', 'ERR_PAYLOAD_MALFORMED']);
  });

  it('reports an envelope over the size limit and still checks the rest', async () => {
    const good = signEnvelope(kz, fixtureRequest('atc.v1.PersonRecord', 42));
    const result = await checkConformance(good.bytes, resolverFor('KZ'), 100);
    expect(result.broken.map((b) => b.code)).toEqual(['ERR_ENVELOPE_TOO_LARGE']);
  });

  it('passes a correct envelope with nothing broken', async () => {
    const good = signEnvelope(kz, fixtureRequest('atc.v1.PersonRecord', 43));
    expect((await checkConformance(good.bytes, resolverFor('KZ'), MIB)).broken).toEqual([]);
  });
});

import { createHash, createPublicKey, verify as ed25519Verify } from 'node:crypto';
import { CompactSign, compactVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  atc,
  encodeEnvelope,
  envelopeParts,
  generateKeyPair,
  RefusalError,
  RevocationReason,
  signEnvelope,
  signHeaderBytes,
  StaticKeyResolver,
  verifyEnvelope,
  VERSIONED_RECORD_TYPES,
  type KeyPair,
  type ResolvedKey,
} from '../index.js';
import { payloadTypes } from '../proto/payload-types.js';
import { FIXTURE_TIME, fixtureKey, fixtureRequest, fixtureRoute } from '../testing/index.js';

function resolverFor(entries: [KeyPair, string, Partial<ResolvedKey>?][]): StaticKeyResolver {
  return new StaticKeyResolver(
    entries.map(([k, owner, extra]) => ({ kid: k.kid, owner, publicKey: k.publicKey, ...extra })),
  );
}

const kz = fixtureKey('KZ');
const by = fixtureKey('BY');
const atcKey = fixtureKey('ATC');
const trusted = resolverFor([
  [kz, 'KZ'],
  [by, 'BY'],
  [atcKey, 'ATC'],
]);

async function refusalOf(promise: Promise<unknown>): Promise<RefusalError> {
  const err: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RefusalError);
  return err as RefusalError;
}

describe('sign and verify', () => {
  it.each(payloadTypes)('round-trips %s', async (type) => {
    const sender = fixtureRoute(type).sender;
    const signed = signEnvelope(fixtureKey(sender), fixtureRequest(type, 7));
    const verified = await verifyEnvelope(signed.bytes, { resolver: trusted, transportSender: sender });
    expect(verified.header.messageId).toBe(signed.messageId);
    expect(verified.header.sender).toBe(sender);
    expect(verified.payloadType).toBe(type);
    expect(verified.key.kid).toBe(fixtureKey(sender).kid);
    expect(verified.header.senderSequence).toBe(7);
    expect(Buffer.from(verified.parts.payload).equals(Buffer.from(signed.payloadBytes))).toBe(true);
  });

  it.each(payloadTypes)(
    'reads the same %s payload when it is decoded on demand, and its record version either way',
    async (type) => {
      const sender = fixtureRoute(type).sender;
      const signed = signEnvelope(fixtureKey(sender), fixtureRequest(type, 7));
      const kept = await verifyEnvelope(signed.bytes, { resolver: trusted });
      const onDemand = await verifyEnvelope(signed.bytes, { resolver: trusted, payloadOnDemand: (t) => t === type });
      const payload = kept.payload as { recordId?: string; version?: number };
      const versioned = VERSIONED_RECORD_TYPES.includes(type);
      expect(kept.record).toEqual(versioned ? { recordId: payload.recordId, version: payload.version } : undefined);
      if (versioned) expect(kept.record?.recordId).not.toBe('');
      expect(onDemand.record).toEqual(kept.record);
      // Decoded again when read: equal to the one kept, the same object on every read, and in a copy.
      expect(onDemand.payload).toEqual(kept.payload);
      expect(onDemand.payload).toBe(onDemand.payload);
      expect({ ...onDemand }.payload).toEqual(kept.payload);
    },
  );

  it('checks a payload decoded on demand as any other: a record that breaks the payload rules is refused', async () => {
    const signed = signEnvelope(kz, fixtureRequest('atc.v1.PersonRecord', 1));
    const envelope = atc.v1.Envelope.decode(signed.bytes);
    const record = atc.v1.PersonRecord.decode(envelope.payload);
    record.names[0]!.script = 'cyrillic';
    const payload = atc.v1.PersonRecord.encode(record).finish();
    const header = atc.v1.Header.decode(envelope.header);
    header.payloadSha256 = createHash('sha256').update(payload).digest();
    const headerBytes = atc.v1.Header.encode(header).finish();
    const bytes = encodeEnvelope({ header: headerBytes, payload, signature: signHeaderBytes(kz, headerBytes) });
    const refusal = await refusalOf(verifyEnvelope(bytes, { resolver: trusted, payloadOnDemand: () => true }));
    expect(refusal.code).toBe('ERR_PAYLOAD_MALFORMED');
    expect(refusal.message).toMatch(/script/);
  });

  it('keeps Cyrillic and Latin name parts intact', async () => {
    const signed = signEnvelope(kz, fixtureRequest('atc.v1.PersonRecord', 1));
    const v = await verifyEnvelope(signed.bytes, { resolver: trusted });
    const person = v.payload as atc.v1.PersonRecord;
    expect(person.names.map((n) => n.script)).toEqual(['Cyrl', 'Latn']);
    expect(person.names[0]?.parts?.[0]?.value).toBe('Тестов');
  });

  it('produces a signature plain node:crypto verifies from the rebuilt signing input', () => {
    const signed = signEnvelope(kz, fixtureRequest('atc.v1.Notice', 3));
    const env = atc.v1.Envelope.decode(signed.bytes);
    const [protectedB64, empty, sigB64] = env.signature.split('.');
    expect(empty).toBe('');
    expect(JSON.parse(Buffer.from(protectedB64!, 'base64url').toString())).toEqual({
      alg: 'EdDSA',
      kid: kz.kid,
      typ: 'atc+protobuf',
    });
    const input = Buffer.from(`${protectedB64}.${Buffer.from(env.header).toString('base64url')}`);
    const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: kz.publicJwk.x }, format: 'jwk' });
    expect(ed25519Verify(null, input, publicKey, Buffer.from(sigB64!, 'base64url'))).toBe(true);
    const digest = createHash('sha256').update(env.payload).digest();
    expect(Buffer.from(atc.v1.Header.decode(env.header).payloadSha256).equals(digest)).toBe(true);
  });

  it('signs exactly what jose CompactSign produces, with the payload detached', async () => {
    const signed = signEnvelope(kz, fixtureRequest('atc.v1.Notice', 4));
    const jws = await new CompactSign(signed.headerBytes)
      .setProtectedHeader({ alg: 'EdDSA', kid: kz.kid, typ: 'atc+protobuf' })
      .sign(kz.privateKey);
    const [p, , s] = jws.split('.');
    expect(signHeaderBytes(kz, signed.headerBytes)).toBe(`${p}..${s}`);
  });

  it('verifies with jose given an explicit EdDSA allowlist, once the header bytes are put back', async () => {
    const signed = signEnvelope(kz, fixtureRequest('atc.v1.IncidentReport', 5));
    const env = atc.v1.Envelope.decode(signed.bytes);
    const [p, , s] = env.signature.split('.');
    const compact = `${p}.${Buffer.from(env.header).toString('base64url')}.${s}`;
    const { payload, protectedHeader } = await compactVerify(compact, kz.publicKey, { algorithms: ['EdDSA'] });
    expect(Buffer.from(payload).equals(Buffer.from(env.header))).toBe(true);
    expect(protectedHeader).toEqual({ alg: 'EdDSA', kid: kz.kid, typ: 'atc+protobuf' });
    await expect(compactVerify(compact, kz.publicKey, { algorithms: ['ES256'] })).rejects.toThrow();
  });

  it('refuses to sign a record that receivers would refuse', () => {
    const req = fixtureRequest('atc.v1.PersonRecord', 1);
    const bad = { ...req, payload: { ...req.payload, names: [] } };
    expect(() => signEnvelope(kz, bad)).toThrow(expect.objectContaining({ code: 'ERR_PAYLOAD_MALFORMED' }));
    const noPurpose = { ...req, header: { ...req.header, purpose: '' } };
    expect(() => signEnvelope(kz, noPurpose)).toThrow(expect.objectContaining({ code: 'ERR_HEADER_FIELD_MISSING' }));
  });
});

describe('verification refusals', () => {
  const signed = signEnvelope(kz, fixtureRequest('atc.v1.PersonRecord', 9));
  const created = FIXTURE_TIME;

  it('refuses a message published on another member subject', async () => {
    const e = await refusalOf(verifyEnvelope(signed.bytes, { resolver: trusted, transportSender: 'BY' }));
    expect(e.code).toBe('ERR_SENDER_MISMATCH');
  });

  it("refuses a kid that is not the sender's", async () => {
    const claimsKz = fixtureRequest('atc.v1.PersonRecord', 10);
    const signedByBy = signEnvelope(by, claimsKz);
    const e = await refusalOf(verifyEnvelope(signedByBy.bytes, { resolver: trusted }));
    expect(e.code).toBe('ERR_KEY_OWNER_MISMATCH');
    expect(e.message).toContain('belongs to BY');
  });

  it('refuses an unknown key', async () => {
    const stranger = generateKeyPair();
    const e = await refusalOf(
      verifyEnvelope(signEnvelope(stranger, fixtureRequest('atc.v1.Notice', 1)).bytes, { resolver: trusted }),
    );
    expect(e.code).toBe('ERR_KEY_UNKNOWN');
  });

  it('accepts messages created before a superseded key was revoked, refuses later ones', async () => {
    const before = resolverFor([[kz, 'KZ', { revokedAt: created + 1, revocationReason: RevocationReason.SUPERSEDED }]]);
    await expect(verifyEnvelope(signed.bytes, { resolver: before })).resolves.toBeDefined();
    const after = resolverFor([[kz, 'KZ', { revokedAt: created, revocationReason: RevocationReason.SUPERSEDED }]]);
    expect((await refusalOf(verifyEnvelope(signed.bytes, { resolver: after }))).code).toBe('ERR_KEY_REVOKED');
  });

  it('refuses everything under a compromised key, whatever created_at says', async () => {
    const r = resolverFor([
      [kz, 'KZ', { revokedAt: created + 86_400_000, revocationReason: RevocationReason.COMPROMISED }],
    ]);
    const e = await refusalOf(verifyEnvelope(signed.bytes, { resolver: r }));
    expect(e.code).toBe('ERR_KEY_REVOKED');
    expect(e.message).toContain('compromised');
  });

  it('refuses messages created outside the key validity period', async () => {
    const notYet = resolverFor([[kz, 'KZ', { validFrom: created + 1 }]]);
    expect((await refusalOf(verifyEnvelope(signed.bytes, { resolver: notYet }))).code).toBe(
      'ERR_KEY_NOT_VALID_AT_TIME',
    );
    const expired = resolverFor([[kz, 'KZ', { validUntil: created }]]);
    expect((await refusalOf(verifyEnvelope(signed.bytes, { resolver: expired }))).code).toBe(
      'ERR_KEY_NOT_VALID_AT_TIME',
    );
  });

  it('refuses a signature over other header bytes', async () => {
    const env = atc.v1.Envelope.decode(signed.bytes);
    const other = signEnvelope(kz, fixtureRequest('atc.v1.PersonRecord', 11));
    const swapped = encodeEnvelope({ ...envelopeParts(env), signature: atc.v1.Envelope.decode(other.bytes).signature });
    expect((await refusalOf(verifyEnvelope(swapped, { resolver: trusted }))).code).toBe('ERR_SIGNATURE_INVALID');
  });

  it('refuses a payload that does not match the signed digest', async () => {
    const env = atc.v1.Envelope.decode(signed.bytes);
    const other = signEnvelope(kz, fixtureRequest('atc.v1.PersonRecord', 12));
    const swapped = encodeEnvelope({ ...envelopeParts(env), payload: other.payloadBytes });
    expect((await refusalOf(verifyEnvelope(swapped, { resolver: trusted }))).code).toBe('ERR_PAYLOAD_DIGEST_MISMATCH');
  });

  it('refuses a signature whose unused base64url bits were changed', async () => {
    const env = atc.v1.Envelope.decode(signed.bytes);
    const last = env.signature.at(-1)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // 64 bytes use 2 of the last character's 6 bits' worth of padding: +1 keeps the bytes.
    const twin = alphabet[alphabet.indexOf(last) + 1]!;
    const mutated = encodeEnvelope({ ...envelopeParts(env), signature: env.signature.slice(0, -1) + twin });
    expect((await refusalOf(verifyEnvelope(mutated, { resolver: trusted }))).code).toBe('ERR_SIGNATURE_MALFORMED');
  });
});

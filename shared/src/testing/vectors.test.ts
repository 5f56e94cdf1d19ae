import { createHash, createPublicKey, verify as ed25519Verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import {
  atc,
  publicKeyFromJwk,
  RefusalError,
  StaticKeyResolver,
  validateReferences,
  verifyEnvelope,
} from '../index.js';
import { jwkThumbprint } from '../keys/ed25519-jwk.js';
import { buildVectors, renderVectors, type EnvelopeVector } from './index.js';

const repo = (path: string): string => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
const committedText = readFileSync(repo('proto/vectors/envelopes.json'), 'utf8');
const committed = JSON.parse(committedText) as EnvelopeVector[];

/** The protocol as integrators in other languages see it: the .proto files, loaded at run time. */
const runtime = await protobuf.load(
  ['envelope.proto', 'records.proto', 'control.proto', 'search.proto'].map((f) => repo(`proto/atc/v1/${f}`)),
);
const RtEnvelope = runtime.lookupType('atc.v1.Envelope');
const RtHeader = runtime.lookupType('atc.v1.Header');

interface RtEnvelopeFields {
  header: Uint8Array;
  payload: Uint8Array;
  signature: string;
}

describe('interop vectors (proto/vectors/envelopes.json)', () => {
  it('are reproduced byte for byte by the generator', () => {
    expect(renderVectors(buildVectors())).toBe(committedText);
  });

  it('cover every refusal the foundation names', () => {
    const expects = new Set(committed.map((v) => v.expect));
    for (const code of [
      'ERR_SIGNATURE_INVALID',
      'ERR_PAYLOAD_DIGEST_MISMATCH',
      'ERR_SIGNATURE_ALGORITHM_NOT_ALLOWED',
      'ERR_SIGNATURE_NOT_DETACHED',
      'ERR_SIGNATURE_MALFORMED',
      'ERR_PAYLOAD_TYPE_UNKNOWN',
      'ERR_NOT_ORIGINATOR',
      'ERR_REFERENCE_MISMATCH',
      'ERR_REFERENCE_UNKNOWN',
    ]) {
      expect(expects).toContain(code);
    }
    const validTypes = committed.filter((v) => v.expect === 'valid').map((v) => v.name);
    expect(validTypes).toHaveLength(13);
  });

  it.each(committed.map((v) => [v.name, v] as const))('%s gives its expected result', async (_name, vector) => {
    const key = publicKeyFromJwk(vector.public_jwk);
    const bytes = Buffer.from(vector.envelope_hex, 'hex');
    // The verifier knows exactly one key: the vector's, owned by the claimed sender.
    let owner = 'KZ';
    try {
      owner = (
        RtHeader.decode((RtEnvelope.decode(bytes) as unknown as RtEnvelopeFields).header) as unknown as atc.v1.Header
      ).sender;
    } catch {
      // Undecodable vectors never reach the key lookup.
    }
    const resolver = new StaticKeyResolver([{ kid: jwkThumbprint(vector.public_jwk), owner, publicKey: key }]);
    // As the gateway does: the signature first, then what the envelope alone says of ownership and references.
    const outcome = await verifyEnvelope(bytes, { resolver })
      .then((v) => {
        validateReferences(v);
        return 'valid';
      })
      .catch((e: unknown) => (e instanceof RefusalError ? e.code : `unexpected ${String(e)}`));
    expect(outcome).toBe(vector.expect);
  });

  it.each(committed.filter((v) => v.expect === 'valid').map((v) => [v.name, v] as const))(
    '%s verifies with plain Ed25519 given only the JWK and the bytes',
    (_name, vector) => {
      const env = RtEnvelope.decode(Buffer.from(vector.envelope_hex, 'hex')) as unknown as RtEnvelopeFields;
      const [protectedB64, detached, signatureB64] = env.signature.split('.');
      expect(detached).toBe('');
      const input = `${protectedB64}.${Buffer.from(env.header).toString('base64url')}`;
      const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: vector.public_jwk.x }, format: 'jwk' });
      expect(ed25519Verify(null, Buffer.from(input), key, Buffer.from(signatureB64!, 'base64url'))).toBe(true);
      const header = RtHeader.toObject(RtHeader.decode(env.header), { longs: Number }) as {
        payloadSha256: Uint8Array;
        payloadType: string;
      };
      expect(Buffer.from(header.payloadSha256).equals(createHash('sha256').update(env.payload).digest())).toBe(true);
      // The payload decodes as its type with the runtime-loaded schema too.
      expect(() => runtime.lookupType(header.payloadType).decode(env.payload)).not.toThrow();
    },
  );

  it('decode the same with run-time .proto files as with the generated code', () => {
    for (const vector of committed.filter((v) => v.expect === 'valid')) {
      const bytes = Buffer.from(vector.envelope_hex, 'hex');
      const rt = RtEnvelope.decode(bytes) as unknown as RtEnvelopeFields;
      const gen = atc.v1.Envelope.decode(bytes);
      expect(rt.signature).toBe(gen.signature);
      const rtHeader = RtHeader.toObject(RtHeader.decode(rt.header), { longs: Number, enums: String, bytes: String });
      const genHeader = atc.v1.Header.toObject(atc.v1.Header.decode(gen.header), {
        longs: Number,
        enums: String,
        bytes: String,
      });
      expect(rtHeader).toEqual(genHeader);
      const type = rtHeader['payloadType'] as string;
      const rtPayload = runtime.lookupType(type);
      expect(rtPayload.toObject(rtPayload.decode(rt.payload), { longs: Number, enums: String, bytes: String })).toEqual(
        (atc.v1 as unknown as Record<string, protobuf.Type>)[type.slice('atc.v1.'.length)]!.toObject(
          (atc.v1 as unknown as Record<string, protobuf.Type>)[type.slice('atc.v1.'.length)]!.decode(gen.payload),
          { longs: Number, enums: String, bytes: String },
        ),
      );
    }
  });
});

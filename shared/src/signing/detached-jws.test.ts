import { generateKeyPairSync, verify as ed25519Verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  atc,
  canonicalProtectedHeader,
  encodeEnvelope,
  parseDetachedJws,
  RefusalError,
  signEnvelope,
  signingInput,
  StaticKeyResolver,
  verifyEnvelope,
  type KeyResolver,
} from '../index.js';
import { protectedHeader } from './detached-jws.js';
import { fixtureKey, fixtureRequest, nonCanonicalHeaderSpellings, signWithProtectedHeader } from '../testing/index.js';

const kz = fixtureKey('KZ');
const by = fixtureKey('BY');
const signed = signEnvelope(kz, fixtureRequest('atc.v1.PersonRecord', 7));
const trusted = new StaticKeyResolver([{ kid: kz.kid, owner: 'KZ', publicKey: kz.publicKey }]);
const b64 = (text: string): string => Buffer.from(text).toString('base64url');
const sig64 = b64('s'.repeat(64));

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof RefusalError) return e.code;
    throw e;
  }
  return 'accepted';
}

async function verifyCode(signature: string, resolver: KeyResolver = trusted): Promise<string> {
  const bytes = encodeEnvelope({ header: signed.headerBytes, payload: signed.payloadBytes, signature });
  return verifyEnvelope(bytes, { resolver }).then(
    () => 'valid',
    (e: unknown) => (e instanceof RefusalError ? e.code : `unexpected ${String(e)}`),
  );
}

describe('the protected header is exactly the canonical bytes', () => {
  it('is {"alg":"EdDSA","kid":KID,"typ":"atc+protobuf"} when signing, and parses back to its kid', () => {
    const expected = `{"alg":"EdDSA","kid":"${kz.kid}","typ":"atc+protobuf"}`;
    expect(canonicalProtectedHeader(kz.kid).toString('latin1')).toBe(expected);
    expect(protectedHeader(kz.kid)).toBe(b64(expected));
    const jws = parseDetachedJws(`${b64(expected)}..${sig64}`);
    expect(jws.kid).toBe(kz.kid);
    expect(jws.protectedB64).toBe(b64(expected));
  });

  it.each(nonCanonicalHeaderSpellings(kz.kid, by.kid).map((s) => [s.name, s] as const))(
    'refuses a header with %s, although its signature verifies',
    async (_name, spelling) => {
      const signature = signWithProtectedHeader(kz, spelling.json, signed.headerBytes);
      // The signature itself is good: a lenient verifier would accept it.
      const [p, s] = signature.split('..') as [string, string];
      expect(ed25519Verify(null, signingInput(p, signed.headerBytes), kz.publicKey, Buffer.from(s, 'base64url'))).toBe(
        true,
      );
      expect(codeOf(() => parseDetachedJws(signature))).toBe('ERR_SIGNATURE_MALFORMED');
      expect(await verifyCode(signature)).toBe('ERR_SIGNATURE_MALFORMED');
    },
  );

  it('refuses a duplicated alg whichever value comes last', () => {
    const h = (json: string): string => `${b64(json)}..${sig64}`;
    const rest = `"kid":"${kz.kid}","typ":"atc+protobuf"`;
    expect(codeOf(() => parseDetachedJws(h(`{"alg":"EdDSA",${rest},"alg":"none"}`)))).toBe('ERR_SIGNATURE_MALFORMED');
    expect(codeOf(() => parseDetachedJws(h(`{"alg":"none",${rest},"alg":"EdDSA"}`)))).toBe('ERR_SIGNATURE_MALFORMED');
  });

  it('refuses headers that are not UTF-8, not JSON or not an object, with the malformed code', () => {
    const raw = (bytes: Buffer): string => `${bytes.toString('base64url')}..${sig64}`;
    const canonical = canonicalProtectedHeader(kz.kid);
    const latin1 = Buffer.from(canonical);
    latin1[10] = 0xe9; // a byte that is not UTF-8 inside "kid"
    expect(codeOf(() => parseDetachedJws(raw(latin1)))).toBe('ERR_SIGNATURE_MALFORMED');
    expect(codeOf(() => parseDetachedJws(raw(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), canonical]))))).toBe(
      'ERR_SIGNATURE_MALFORMED',
    );
    expect(codeOf(() => parseDetachedJws(raw(Buffer.from('["EdDSA"]'))))).toBe('ERR_SIGNATURE_MALFORMED');
    expect(codeOf(() => parseDetachedJws(raw(Buffer.from('{"alg":"EdDSA"'))))).toBe('ERR_SIGNATURE_MALFORMED');
    expect(codeOf(() => parseDetachedJws(raw(Buffer.alloc(0))))).toBe('ERR_SIGNATURE_MALFORMED');
  });

  it('refuses a long or deeply nested header without parsing it, with the malformed code', async () => {
    const deep = `{"alg":${'['.repeat(300_000)}${']'.repeat(300_000)}}`;
    expect(codeOf(() => parseDetachedJws(`${b64(deep)}..${sig64}`))).toBe('ERR_SIGNATURE_MALFORMED');
    expect(await verifyCode(`${b64(deep)}..${sig64}`)).toBe('ERR_SIGNATURE_MALFORMED');
    const padded = `{"alg":"none","kid":"${kz.kid}","typ":"atc+protobuf","x":"${'x'.repeat(2000)}"}`;
    expect(codeOf(() => parseDetachedJws(`${b64(padded)}..${sig64}`))).toBe('ERR_SIGNATURE_MALFORMED');
  });

  it('names another algorithm only in an otherwise canonical-shaped header', () => {
    const of = (alg: string): string => `${b64(`{"alg":${alg},"kid":"${kz.kid}","typ":"atc+protobuf"}`)}..${sig64}`;
    expect(codeOf(() => parseDetachedJws(of('"none"')))).toBe('ERR_SIGNATURE_ALGORITHM_NOT_ALLOWED');
    expect(codeOf(() => parseDetachedJws(of('"HS256"')))).toBe('ERR_SIGNATURE_ALGORITHM_NOT_ALLOWED');
    expect(codeOf(() => parseDetachedJws(of('null')))).toBe('ERR_SIGNATURE_ALGORITHM_NOT_ALLOWED');
    const spaced = `${b64(`{"alg": "none","kid":"${kz.kid}","typ":"atc+protobuf"}`)}..${sig64}`;
    expect(codeOf(() => parseDetachedJws(spaced))).toBe('ERR_SIGNATURE_MALFORMED');
    const long = parseError(of(JSON.stringify('x'.repeat(800))));
    expect(long.code).toBe('ERR_SIGNATURE_ALGORITHM_NOT_ALLOWED');
    expect(long.message.length).toBeLessThan(300);
  });

  it('refuses a carried payload as not detached only under the canonical header', () => {
    const canonical = protectedHeader(kz.kid);
    expect(codeOf(() => parseDetachedJws(`${canonical}.${b64('payload')}.${sig64}`))).toBe(
      'ERR_SIGNATURE_NOT_DETACHED',
    );
    const spaced = b64(`{"alg":"EdDSA", "kid":"${kz.kid}","typ":"atc+protobuf"}`);
    expect(codeOf(() => parseDetachedJws(`${spaced}.${b64('payload')}.${sig64}`))).toBe('ERR_SIGNATURE_MALFORMED');
  });

  it('takes the kid from the key that verifies, not from the header', async () => {
    // A registry that holds BY's key under KZ's kid: BY's signature under KZ's kid verified before.
    const misfiled = new StaticKeyResolver([{ kid: kz.kid, owner: 'KZ', publicKey: by.publicKey }]);
    const forged = `${protectedHeader(kz.kid)}..${signWithProtectedHeader(by, canonicalProtectedHeader(kz.kid).toString(), signed.headerBytes).split('..')[1]!}`;
    expect(await verifyCode(forged, misfiled)).toBe('ERR_SIGNATURE_MALFORMED');
    // A resolver that finds keys by a kid spelled in another case.
    const lenient: KeyResolver = {
      resolveKey: (kid) =>
        kid.toLowerCase() === kz.kid.toLowerCase() ? { kid, owner: 'KZ', publicKey: kz.publicKey } : undefined,
    };
    const otherCase = kz.kid.replace(/[a-z]/, (c) => c.toUpperCase());
    expect(otherCase).not.toBe(kz.kid);
    const json = canonicalProtectedHeader(otherCase).toString();
    expect(await verifyCode(signWithProtectedHeader(kz, json, signed.headerBytes), lenient)).toBe(
      'ERR_SIGNATURE_MALFORMED',
    );
    // The canonical header under the key's own kid still verifies with either resolver.
    expect(await verifyCode(atc.v1.Envelope.decode(signed.bytes).signature, lenient)).toBe('valid');
  });

  it('refuses a key that is not an Ed25519 public key as unable to verify', async () => {
    const { publicKey } = generateKeyPairSync('x25519');
    const resolver = new StaticKeyResolver([{ kid: kz.kid, owner: 'KZ', publicKey }]);
    expect(await verifyCode(atc.v1.Envelope.decode(signed.bytes).signature, resolver)).toBe('ERR_SIGNATURE_INVALID');
  });
});

function parseError(jws: string): RefusalError {
  try {
    parseDetachedJws(jws);
  } catch (e) {
    if (e instanceof RefusalError) return e;
    throw e;
  }
  throw new Error('accepted');
}

describe('a parsed signature', () => {
  it('holds its 64 bytes in memory of its own, not in a shared slab of the buffer pool', () => {
    const jws = parseDetachedJws(`${protectedHeader(kz.kid)}..${sig64}`);
    expect(jws.signature.byteLength).toBe(64);
    // A pooled Buffer would be a view into an 8 KiB ArrayBuffer that it keeps alive.
    expect(jws.signature.buffer.byteLength).toBe(64);
    expect(Buffer.from(jws.signature).toString('base64url')).toBe(jws.signatureB64);
  });
});

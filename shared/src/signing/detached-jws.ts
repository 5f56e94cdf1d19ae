import type { KeyObject } from 'node:crypto';
import { RefusalError } from '../errors/atc-error.js';
import { BoundedCache } from '../util/bounded-cache.js';
import { RefusalCode } from '../errors/refusal-codes.js';
import { jwkThumbprint } from '../keys/ed25519-jwk.js';

/** The only JWS algorithm of the protocol: Ed25519 (RFC 8037). */
export const JWS_ALGORITHM = 'EdDSA';

/** The `typ` of every envelope signature. */
export const JWS_TYPE = 'atc+protobuf';

/** Length of an Ed25519 signature in bytes. */
export const SIGNATURE_BYTES = 64;

/** The parsed parts of a detached compact JWS. */
export interface DetachedJws {
  /** The protected header exactly as sent, base64url. */
  readonly protectedB64: string;
  /** The signer's key id (RFC 7638 thumbprint). */
  readonly kid: string;
  /** The raw signature. */
  readonly signature: Uint8Array;
  /** The signature exactly as sent, base64url. */
  readonly signatureB64: string;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const KID = /^[A-Za-z0-9_-]{43}$/;
const ALLOWED_PARAMS = new Set(['alg', 'kid', 'typ']);

/** Where the kid stands in the canonical protected header, and the header's length. */
const KID_OFFSET = `{"alg":"${JWS_ALGORITHM}","kid":"`.length;
const KID_LENGTH = 43;
const HEADER_LENGTH = KID_OFFSET + KID_LENGTH + `","typ":"${JWS_TYPE}"}`.length;

/** The one spelling of the protected header the protocol admits, for the advice of a refusal. */
const CANONICAL_SPELLING = `{"alg":"${JWS_ALGORITHM}","kid":"<kid>","typ":"${JWS_TYPE}"}`;

function malformed(detail: string): never {
  throw new RefusalError(RefusalCode.SIGNATURE_MALFORMED, `signature ${detail}`, { field: 'signature' });
}

function decodeB64url(text: string, what: string): Buffer {
  const bytes = Buffer.from(text, 'base64url');
  // Buffer.from skips characters outside the alphabet and ignores unused trailing bits:
  // only the one canonical spelling of the bytes is accepted.
  if (!BASE64URL.test(text) || bytes.toString('base64url') !== text)
    malformed(`has a ${what} that is not canonical base64url`);
  return bytes;
}

/**
 * The exact bytes of the protected header for `kid` (DESIGN.md section 2):
 * `{"alg":"EdDSA","kid":"<kid>","typ":"atc+protobuf"}`, no whitespace, each parameter once.
 */
export function canonicalProtectedHeader(kid: string): Buffer {
  return Buffer.from(JSON.stringify({ alg: JWS_ALGORITHM, kid, typ: JWS_TYPE }));
}

/** Encoded protected headers by kid: a signer signs many envelopes with one key. */
const protectedHeaders = new BoundedCache<string, string>(1_000);

/** The protected header every signature carries, base64url of {@link canonicalProtectedHeader}. */
export function protectedHeader(kid: string): string {
  return protectedHeaders.getOrSet(kid, () => canonicalProtectedHeader(kid).toString('base64url'));
}

/**
 * The kid of a protected header that is exactly the canonical bytes, or `undefined`.
 * The kid is cut from its fixed place, then the whole header is compared with the
 * serialization rebuilt from that kid: nothing a JSON parser would read differently
 * (a duplicated parameter, another key order, whitespace, escapes) can pass.
 */
function canonicalKid(bytes: Buffer): string | undefined {
  if (bytes.length !== HEADER_LENGTH) return undefined;
  const kid = bytes.toString('latin1', KID_OFFSET, KID_OFFSET + KID_LENGTH);
  return KID.test(kid) && canonicalProtectedHeader(kid).equals(bytes) ? kid : undefined;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The longest non-canonical protected header that is parsed to say what is wrong with it. */
const MAX_DIAGNOSED_HEADER_BYTES = 1024;

/**
 * Why a protected header that is not the canonical bytes is refused. Only a header that is
 * the one serialization of what it parses to (JSON.stringify gives its bytes back, so no
 * parameter is repeated and nothing is spelled another way) is read at all: its `alg` is
 * named when it is not EdDSA. Everything else is ERR_SIGNATURE_MALFORMED.
 */
function refuseNonCanonical(bytes: Buffer): never {
  // Nothing this long can be a header worth naming, and JSON nested deep enough would
  // overflow the stack of JSON.stringify: such a header is not read at all.
  if (bytes.length > MAX_DIAGNOSED_HEADER_BYTES) {
    malformed(`has a protected header of ${bytes.length} bytes, not exactly ${CANONICAL_SPELLING}`);
  }
  let header: unknown;
  let unambiguous: boolean;
  try {
    const text = strictUtf8.decode(bytes);
    header = JSON.parse(text);
    unambiguous = JSON.stringify(header) === text;
  } catch {
    malformed('has a protected header that is not JSON in UTF-8');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    malformed('has a protected header that is not a JSON object');
  }
  if (!unambiguous) {
    malformed(
      `has a protected header that is not exactly ${CANONICAL_SPELLING} (a parameter repeated, whitespace, an escaped character or another spelling)`,
    );
  }
  const params = header as Record<string, unknown>;
  if (params['alg'] !== JWS_ALGORITHM) {
    throw new RefusalError(
      RefusalCode.SIGNATURE_ALGORITHM_NOT_ALLOWED,
      `signature algorithm ${JSON.stringify(params['alg'] ?? null).slice(0, 40)} is not allowed`,
      { field: 'signature' },
    );
  }
  const extra = Object.keys(params).filter((k) => !ALLOWED_PARAMS.has(k));
  if (extra.length > 0) malformed(`has header parameters that are not allowed: ${extra.join(', ').slice(0, 200)}`);
  if (params['typ'] !== JWS_TYPE) {
    malformed(`has typ ${JSON.stringify(params['typ'] ?? null).slice(0, 40)}, expected "${JWS_TYPE}"`);
  }
  const kid = params['kid'];
  if (typeof kid !== 'string' || !KID.test(kid)) malformed('has no kid that is an RFC 7638 thumbprint');
  malformed(`has a protected header that is not exactly ${CANONICAL_SPELLING} (its parameters in another order)`);
}

/**
 * Parses `BASE64URL(protected) + ".." + BASE64URL(signature)` and checks its form. The
 * protected header must be exactly the bytes of {@link canonicalProtectedHeader} for the kid
 * it names; one that is not is refused, and its `alg` named when it is unambiguously
 * another algorithm (so that `none` and HMAC are reported as such). Then detachment and the
 * signature length.
 *
 * @throws RefusalError SIGNATURE_MALFORMED, SIGNATURE_NOT_DETACHED or
 *   SIGNATURE_ALGORITHM_NOT_ALLOWED.
 */
export function parseDetachedJws(jws: string): DetachedJws {
  if (jws === '') malformed('is missing');
  const parts = jws.split('.');
  if (parts.length !== 3) malformed('is not a compact JWS (three parts separated by dots)');
  const [protectedB64, payloadB64, signatureB64] = parts as [string, string, string];
  const headerBytes = decodeB64url(protectedB64, 'protected header');
  const kid = canonicalKid(headerBytes) ?? refuseNonCanonical(headerBytes);
  if (payloadB64 !== '') {
    throw new RefusalError(
      RefusalCode.SIGNATURE_NOT_DETACHED,
      'signature carries its payload instead of detaching it',
      {
        field: 'signature',
      },
    );
  }
  // Its own 64 bytes, not a slice of Node's 8 KiB buffer pool: a submission keeps its signature
  // while it is checked and committed, and a pooled slice would keep its whole slab alive (a
  // gateway draining a backlog held about 1,000 such slabs, 8 MB, for 64 KB of signatures).
  const signature = new Uint8Array(decodeB64url(signatureB64, 'signature'));
  if (signature.length !== SIGNATURE_BYTES) malformed(`is ${signature.length} bytes long, expected ${SIGNATURE_BYTES}`);
  return { protectedB64, kid, signature, signatureB64 };
}

/** Thumbprints of the keys seen, so that each KeyObject is exported and hashed once. */
const thumbprints = new WeakMap<KeyObject, string>();

function thumbprintOf(publicKey: KeyObject): string {
  let kid = thumbprints.get(publicKey);
  if (kid === undefined) {
    kid = jwkThumbprint({ x: publicKey.export({ format: 'jwk' }).x ?? '' });
    thumbprints.set(publicKey, kid);
  }
  return kid;
}

/**
 * The protected header for the key that will verify the signature: the canonical bytes
 * with the kid computed from that key (its RFC 7638 thumbprint), not the kid read from the
 * header. A resolver that found the key by a kid spelled otherwise, or that holds a key
 * under a kid not its own, cannot make another header verify.
 *
 * @throws RefusalError SIGNATURE_MALFORMED when the header sent is not exactly those bytes,
 *   SIGNATURE_INVALID when the key is not an Ed25519 public key.
 */
export function protectedHeaderFor(jws: DetachedJws, publicKey: KeyObject): string {
  if (publicKey.type !== 'public' || publicKey.asymmetricKeyType !== 'ed25519') {
    throw new RefusalError(
      RefusalCode.SIGNATURE_INVALID,
      `the key ${jws.kid} cannot verify ${JWS_ALGORITHM} signatures`,
    );
  }
  const expected = protectedHeader(thumbprintOf(publicKey));
  if (jws.protectedB64 !== expected) {
    malformed(`has a protected header whose kid ${jws.kid} is not the thumbprint of the key registered under it`);
  }
  return expected;
}

/** The JWS signing input for `headerBytes` under a protected header (RFC 7515 section 5.1). */
export function signingInput(protectedB64: string, headerBytes: Uint8Array): Buffer {
  // Written in place: base64url of n bytes is ceil(4n/3) characters without padding.
  const encodedLength = Math.ceil((headerBytes.length * 4) / 3);
  const input = Buffer.allocUnsafe(protectedB64.length + 1 + encodedLength);
  input.write(protectedB64, 0, 'latin1');
  input[protectedB64.length] = 0x2e; // '.'
  const view = Buffer.from(headerBytes.buffer, headerBytes.byteOffset, headerBytes.byteLength);
  input.write(view.toString('base64url'), protectedB64.length + 1, 'latin1');
  return input;
}

import { RefusalError } from '../errors/atc-error.js';
import { RefusalCode } from '../errors/refusal-codes.js';

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
const ALLOWED_PARAMS = new Set(['alg', 'kid', 'typ']);

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

/** Encoded protected headers by kid: a signer signs many envelopes with one key. */
const protectedHeaders = new Map<string, string>();

/** The protected header every signature carries, serialized in this key order. */
export function protectedHeader(kid: string): string {
  let encoded = protectedHeaders.get(kid);
  if (encoded === undefined) {
    encoded = Buffer.from(JSON.stringify({ alg: JWS_ALGORITHM, kid, typ: JWS_TYPE })).toString('base64url');
    if (protectedHeaders.size >= 1_000) protectedHeaders.clear();
    protectedHeaders.set(kid, encoded);
  }
  return encoded;
}

/**
 * Parses `BASE64URL(protected) + ".." + BASE64URL(signature)` and checks its form:
 * the algorithm first (so that `none` and HMAC are named as such), then detachment, the
 * exact set of header parameters, `typ`, `kid` and the signature length.
 *
 * @throws RefusalError SIGNATURE_MALFORMED, SIGNATURE_NOT_DETACHED or
 *   SIGNATURE_ALGORITHM_NOT_ALLOWED.
 */
export function parseDetachedJws(jws: string): DetachedJws {
  if (jws === '') malformed('is missing');
  const parts = jws.split('.');
  if (parts.length !== 3) malformed('is not a compact JWS (three parts separated by dots)');
  const [protectedB64, payloadB64, signatureB64] = parts as [string, string, string];
  let header: unknown;
  try {
    header = JSON.parse(decodeB64url(protectedB64, 'protected header').toString('utf8'));
  } catch (e) {
    if (e instanceof RefusalError) throw e;
    malformed('has a protected header that is not JSON');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    malformed('has a protected header that is not a JSON object');
  }
  const params = header as Record<string, unknown>;
  if (params['alg'] !== JWS_ALGORITHM) {
    throw new RefusalError(
      RefusalCode.SIGNATURE_ALGORITHM_NOT_ALLOWED,
      `signature algorithm ${JSON.stringify(params['alg'] ?? null)} is not allowed`,
      { field: 'signature' },
    );
  }
  if (payloadB64 !== '') {
    throw new RefusalError(
      RefusalCode.SIGNATURE_NOT_DETACHED,
      'signature carries its payload instead of detaching it',
      {
        field: 'signature',
      },
    );
  }
  const extra = Object.keys(params).filter((k) => !ALLOWED_PARAMS.has(k));
  if (extra.length > 0) malformed(`has header parameters that are not allowed: ${extra.join(', ')}`);
  if (params['typ'] !== JWS_TYPE) malformed(`has typ ${JSON.stringify(params['typ'] ?? null)}, expected "${JWS_TYPE}"`);
  const kid = params['kid'];
  if (typeof kid !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(kid))
    malformed('has no kid that is an RFC 7638 thumbprint');
  const signature = decodeB64url(signatureB64, 'signature');
  if (signature.length !== SIGNATURE_BYTES) malformed(`is ${signature.length} bytes long, expected ${SIGNATURE_BYTES}`);
  return { protectedB64, kid, signature, signatureB64 };
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

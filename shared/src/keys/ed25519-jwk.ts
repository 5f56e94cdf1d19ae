import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { AtcError, ErrorCode } from '../errors/atc-error.js';

/** A public Ed25519 key as a JWK (RFC 8037). */
export interface PublicJwk {
  readonly kty: 'OKP';
  readonly crv: 'Ed25519';
  readonly x: string;
  readonly kid?: string;
}

/** A private Ed25519 key as a JWK: the public JWK plus the private scalar `d`. */
export interface PrivateJwk extends PublicJwk {
  readonly d: string;
}

const B64URL_32 = /^[A-Za-z0-9_-]{43}$/;

function invalid(detail: string): never {
  throw new AtcError(ErrorCode.KEY_INVALID, `${detail}. Provide an Ed25519 key as a JWK (kty "OKP", crv "Ed25519").`);
}

/**
 * The RFC 7638 thumbprint of an Ed25519 key: SHA-256 over the required members in
 * lexicographic order, base64url. It is the `kid` of every signature made with the key.
 */
export function jwkThumbprint(jwk: Pick<PublicJwk, 'x'>): string {
  const canonical = `{"crv":"Ed25519","kty":"OKP","x":"${jwk.x}"}`;
  return createHash('sha256').update(canonical).digest('base64url');
}

/**
 * Checks that `value` is a public Ed25519 JWK and returns it without private or
 * unknown members, with `kid` set to its thumbprint.
 */
export function toPublicJwk(value: unknown): PublicJwk {
  if (typeof value !== 'object' || value === null) invalid('the key is not a JSON object');
  const jwk = value as Record<string, unknown>;
  if (jwk['kty'] !== 'OKP' || jwk['crv'] !== 'Ed25519') invalid('the key is not an Ed25519 key');
  const x = jwk['x'];
  if (typeof x !== 'string' || !B64URL_32.test(x)) invalid('the key has no 32-byte "x"');
  const kid = jwkThumbprint({ x });
  if (jwk['kid'] !== undefined && jwk['kid'] !== kid) invalid('the key\'s "kid" is not its RFC 7638 thumbprint');
  return { kty: 'OKP', crv: 'Ed25519', x, kid };
}

/** The node:crypto public key of a public (or private) Ed25519 JWK. */
export function publicKeyFromJwk(value: unknown): KeyObject {
  const jwk = toPublicJwk(value);
  return createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: 'jwk' });
}

/** Checks that `value` is a private Ed25519 JWK whose `x` matches its `d`. */
export function toPrivateJwk(value: unknown): PrivateJwk {
  const pub = toPublicJwk(value);
  const d = (value as Record<string, unknown>)['d'];
  if (typeof d !== 'string' || !B64URL_32.test(d)) invalid('the key has no 32-byte private "d"');
  let derived: string | undefined;
  try {
    const key = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', x: pub.x, d }, format: 'jwk' });
    derived = createPublicKey(key).export({ format: 'jwk' }).x;
  } catch {
    invalid('the key cannot be loaded');
  }
  if (derived !== pub.x) invalid('the key\'s "x" does not belong to its "d"');
  return { ...pub, d };
}

/** The node:crypto private key of a private Ed25519 JWK. */
export function privateKeyFromJwk(value: unknown): KeyObject {
  const jwk = toPrivateJwk(value);
  return createPrivateKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, d: jwk.d }, format: 'jwk' });
}

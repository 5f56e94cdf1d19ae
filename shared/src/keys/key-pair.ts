import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { jwkThumbprint, toPrivateJwk, type PrivateJwk, type PublicJwk } from './ed25519-jwk.js';

/** An Ed25519 key pair with its key id. */
export interface KeyPair {
  /** RFC 7638 thumbprint of the public key. */
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly privateJwk: PrivateJwk;
  readonly publicJwk: PublicJwk;
}

/** Builds the key pair of a private JWK (checked). */
export function keyPairFromJwk(value: unknown): KeyPair {
  const jwk = toPrivateJwk(value);
  const privateKey = createPrivateKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, d: jwk.d }, format: 'jwk' });
  const publicKey = createPublicKey(privateKey);
  const kid = jwkThumbprint(jwk);
  return {
    kid,
    privateKey,
    publicKey,
    privateJwk: { ...jwk, kid },
    publicJwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid },
  };
}

/** A fresh random Ed25519 key pair. */
export function generateKeyPair(): KeyPair {
  const { privateKey } = generateKeyPairSync('ed25519');
  return keyPairFromJwk(privateKey.export({ format: 'jwk' }));
}

/**
 * The key pair whose private key is the 32-byte `seed` (RFC 8032). Deterministic:
 * for test vectors and fixtures only, never for real members.
 */
export function keyPairFromSeed(seed: Uint8Array): KeyPair {
  if (seed.length !== 32) throw new RangeError('an Ed25519 seed is 32 bytes');
  // PKCS#8 wrapping of a raw Ed25519 private key (RFC 8410).
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  return keyPairFromJwk(privateKey.export({ format: 'jwk' }));
}

// What the benchmark's hand-written consumers (the baseline and the floor) share: the members'
// public keys they are given, and the check of an envelope's detached JWS over its header
// bytes, with node:crypto on the calling thread.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { atc, KeyPair } from '@atc/shared';

/** A member's public key as a helper process is given it. */
export interface PublicKeyEntry {
  readonly kid: string;
  readonly publicJwk: Record<string, unknown>;
}

/** The public keys of `keys`, to give a helper process. */
export function publicKeyEntries(keys: Iterable<KeyPair>): PublicKeyEntry[] {
  return [...keys].map((k) => ({ kid: k.kid, publicJwk: { ...k.publicJwk } }));
}

/** The keys a helper was given, by kid. */
export function publicKeysByKid(entries: readonly PublicKeyEntry[]): Map<string, KeyObject> {
  return new Map(entries.map((k) => [k.kid, createPublicKey({ key: k.publicJwk, format: 'jwk' })]));
}

/** Whether the envelope's detached JWS (EdDSA, a key of `keys`) verifies over its header bytes. */
export function detachedJwsValid(envelope: atc.v1.Envelope, keys: ReadonlyMap<string, KeyObject>): boolean {
  try {
    const [protectedB64 = '', payload, signatureB64 = ''] = envelope.signature.split('.');
    if (payload !== '') return false;
    const header = JSON.parse(Buffer.from(protectedB64, 'base64url').toString('utf8')) as {
      alg?: unknown;
      kid?: unknown;
    };
    const key = typeof header.kid === 'string' ? keys.get(header.kid) : undefined;
    if (header.alg !== 'EdDSA' || key === undefined) return false;
    const signingInput = Buffer.from(`${protectedB64}.${Buffer.from(envelope.header).toString('base64url')}`);
    return verify(null, signingInput, key, Buffer.from(signatureB64, 'base64url'));
  } catch {
    return false;
  }
}

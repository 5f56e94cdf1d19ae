import { verify as ed25519Verify } from 'node:crypto';
import {
  atc,
  checkKeyValidity,
  fromTimestamp,
  isRefusal,
  parseDetachedJws,
  protectedHeaderFor,
  signingInput,
  type KeyResolver,
} from '@atc/shared';

/**
 * The envelope kept once retention erased its payload: the same header bytes and
 * signature, no payload. The header still proves who sent what kind of record to whom and
 * when, and its payload_sha256 still binds the erased bytes; the log keeps the leaf hash.
 */
export function eraseEnvelopePayload(envelope: Uint8Array): Uint8Array {
  const e = atc.v1.Envelope.decode(envelope);
  return atc.v1.Envelope.encode({ header: e.header, signature: e.signature }).finish();
}

/**
 * Verifies what is left of an erased envelope: its header signature, with the sender's key
 * as the resolver gives it. Returns a sentence naming the problem, or `undefined`.
 */
export async function verifyErasedEnvelope(bytes: Uint8Array, resolver: KeyResolver): Promise<string | undefined> {
  try {
    const e = atc.v1.Envelope.decode(bytes);
    if (e.payload.length > 0) return 'an erased envelope still holds payload bytes';
    const header = atc.v1.Header.decode(e.header);
    const jws = parseDetachedJws(e.signature);
    const key = await resolver.resolveKey(jws.kid);
    if (key === undefined) return `signing key ${jws.kid} is not registered`;
    if (key.owner !== header.sender) return `signing key ${jws.kid} belongs to ${key.owner}, not to ${header.sender}`;
    checkKeyValidity(key, fromTimestamp(header.createdAt) ?? 0);
    const protectedB64 = protectedHeaderFor(jws, key.publicKey);
    const ok = ed25519Verify(null, signingInput(protectedB64, e.header), key.publicKey, jws.signature);
    return ok ? undefined : `the header signature does not verify with key ${jws.kid}`;
  } catch (e) {
    if (isRefusal(e)) return `${e.code} (${e.message})`;
    return `the erased envelope cannot be decoded (${(e as Error).message})`;
  }
}

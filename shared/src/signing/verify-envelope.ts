import { timingSafeEqual, verify as ed25519Verify } from 'node:crypto';
import { decodeEnvelope, type DecodedEnvelope, type DecodeOptions } from '../codec/decode-envelope.js';
import { decodePayload } from '../codec/decode-payload.js';
import { isAtcError, RefusalError } from '../errors/atc-error.js';
import { RefusalCode } from '../errors/refusal-codes.js';
import { recordVersionOf, type PayloadOf, type PayloadType, type RecordVersion } from '../proto/payload-types.js';
import { fromTimestamp } from '../util/time.js';
import { JWS_ALGORITHM, protectedHeaderFor, signingInput } from './detached-jws.js';
import { checkKeyValidity, type KeyResolver, type ResolvedKey } from './key-resolver.js';
import { sha256 } from '../util/sha256.js';

/** Options of {@link verifyEnvelope}. */
export interface VerifyOptions extends DecodeOptions {
  /** Where signing keys are looked up. */
  readonly resolver: KeyResolver;
  /**
   * The member the transport says sent the message (the member of its submit subject).
   * When given, header.sender must equal it.
   */
  readonly transportSender?: string;
  /**
   * Checks the Ed25519 signature (default: `node:crypto` on this thread). The gateway passes
   * a worker pool, so that a batch's signatures are checked in parallel off the main thread.
   */
  readonly verifySignature?: SignatureCheck;
  /**
   * Payload types whose decoded payload the result does not keep (default: none). Their
   * payload is decoded and checked like any other, then dropped, and `payload` decodes the same
   * checked bytes again when first read. For a caller that holds many verified envelopes for a
   * while and reads little of their payloads: the gateway's pipeline reads a record's id and
   * version only (`record`), and a decoded record it kept for the length of a batch outlived
   * the young generation's collections, which copied and promoted it (about a sixth of their time).
   */
  readonly payloadOnDemand?: (payloadType: PayloadType) => boolean;
}

/** Whether `signature` is a valid Ed25519 signature of `input` by `key`; throws if the key cannot verify. */
export type SignatureCheck = (input: Uint8Array, key: ResolvedKey, signature: Uint8Array) => boolean | Promise<boolean>;

const checkHere: SignatureCheck = (input, key, signature) => ed25519Verify(null, input, key.publicKey, signature);

/** An envelope whose signature, key and payload have been verified. */
export interface VerifiedEnvelope<T extends PayloadType = PayloadType> extends DecodedEnvelope {
  readonly key: ResolvedKey;
  readonly payloadType: T;
  readonly payload: PayloadOf[T];
  /** A versioned record's (record_id, version) (see VERSIONED_RECORD_TYPES); `undefined` for other payloads. */
  readonly record?: RecordVersion | undefined;
}

/**
 * Verifies an envelope end to end, in the order of the gateway pipeline (DESIGN.md
 * section 4): size and form (decodeEnvelope), transport sender = header.sender = owner of
 * the key, key known and valid at created_at, signature, payload digest, payload.
 *
 * @throws RefusalError with the code of the first check that fails. Nothing else is
 *   thrown for any input, except errors of the resolver itself.
 */
export async function verifyEnvelope(bytes: Uint8Array, options: VerifyOptions): Promise<VerifiedEnvelope> {
  const decoded = decodeEnvelope(bytes, options);
  const { header, jws, parts } = decoded;
  if (options.transportSender !== undefined && options.transportSender !== header.sender) {
    throw new RefusalError(
      RefusalCode.SENDER_MISMATCH,
      `the message claims sender ${header.sender} but was submitted by ${options.transportSender}`,
      { field: 'sender' },
    );
  }
  const key = await options.resolver.resolveKey(jws.kid);
  if (key === undefined) {
    throw new RefusalError(RefusalCode.KEY_UNKNOWN, `signing key ${jws.kid} is not registered`);
  }
  if (key.owner !== header.sender) {
    throw new RefusalError(
      RefusalCode.KEY_OWNER_MISMATCH,
      `signing key ${jws.kid} belongs to ${key.owner}, not to the sender ${header.sender}`,
    );
  }
  checkKeyValidity(key, fromTimestamp(header.createdAt) ?? 0);

  // parseDetachedJws admitted only the canonical header with alg EdDSA (the allowlist); the
  // signing input is rebuilt from the key itself, so only that exact header can verify.
  const protectedB64 = protectedHeaderFor(jws, key.publicKey);
  let valid = false;
  try {
    valid = await (options.verifySignature ?? checkHere)(signingInput(protectedB64, parts.header), key, jws.signature);
  } catch (e) {
    // The checker's own failure (a worker that died) is not the sender's fault.
    if (isAtcError(e)) throw e;
    throw new RefusalError(
      RefusalCode.SIGNATURE_INVALID,
      `the key ${jws.kid} cannot verify ${JWS_ALGORITHM} signatures`,
      {
        cause: e,
      },
    );
  }
  if (!valid) {
    throw new RefusalError(
      RefusalCode.SIGNATURE_INVALID,
      `the signature does not verify over the header with key ${jws.kid}`,
    );
  }

  const digest = sha256(parts.payload);
  if (!timingSafeEqual(digest, header.payloadSha256)) {
    throw new RefusalError(
      RefusalCode.PAYLOAD_DIGEST_MISMATCH,
      'the SHA-256 of the payload differs from header.payloadSha256',
      { field: 'payloadSha256' },
    );
  }
  const type = header.payloadType;
  const payload = decodePayload(type, parts.payload);
  const record = recordVersionOf(type, payload);
  // Object.assign: an object spread and then extended costs about 2 µs in V8 here, per message.
  if (options.payloadOnDemand?.(type) !== true)
    return Object.assign({}, decoded, { key, payloadType: type, payload, record });
  let kept: PayloadOf[PayloadType] | undefined;
  return Object.defineProperty(Object.assign({}, decoded, { key, payloadType: type, record }), 'payload', {
    enumerable: true,
    get: () => (kept ??= decodePayload(type, parts.payload)),
  }) as VerifiedEnvelope;
}

import { sign as ed25519Sign, type KeyObject } from 'node:crypto';
import { pooledRandomBytes } from '../util/random-pool.js';
import { decodeEnvelope, encodeEnvelope } from '../codec/decode-envelope.js';
import { decodePayload } from '../codec/decode-payload.js';
import { validateReferences } from '../codec/validate-references.js';
import { NONCE_BYTES } from '../codec/payload-rules.js';
import { PROTOCOL_VERSION } from '../codec/header-rules.js';
import { atc } from '../proto/protobuf.js';
import { encodePayloadBytes, type PayloadInput, type PayloadType } from '../proto/payload-types.js';
import { systemClock, toTimestamp, type Clock } from '../util/time.js';
import { uuidv7 } from '../util/uuid-v7.js';
import { AtcError, ErrorCode } from '../errors/atc-error.js';
import { protectedHeader, SIGNATURE_BYTES, signingInput } from './detached-jws.js';
import { sha256 } from '../util/sha256.js';

/** A private key with its id, able to sign envelopes. */
export interface Signer {
  /** RFC 7638 thumbprint of the public key. */
  readonly kid: string;
  readonly privateKey: KeyObject;
}

/** Header fields the caller provides; the rest are filled in by {@link signEnvelope}. */
export type HeaderInput = Omit<
  atc.v1.Header.$Properties,
  'protocol' | 'payloadType' | 'payloadSha256' | '$unknowns' | 'sender' | 'senderSequence'
> & {
  readonly sender: string;
  readonly senderSequence: number;
};

/** What to sign. */
export interface SignRequest<T extends PayloadType> {
  /** Header fields. `messageId` defaults to a new UUIDv7, `createdAt` to now. */
  readonly header: HeaderInput;
  readonly payloadType: T;
  /** The record. A missing `nonce` is filled with fresh random bytes. */
  readonly payload: PayloadInput<T>;
}

/** A signed envelope and its parts. */
export interface SignedEnvelope {
  /** The serialized atc.v1.Envelope, ready to publish. */
  readonly bytes: Uint8Array;
  readonly messageId: string;
  readonly header: atc.v1.Header;
  readonly headerBytes: Uint8Array;
  readonly payloadBytes: Uint8Array;
}

/**
 * The detached compact JWS over `headerBytes` (DESIGN.md section 2):
 * `BASE64URL(protected) + ".." + BASE64URL(Ed25519 signature)`.
 */
export function signHeaderBytes(signer: Signer, headerBytes: Uint8Array): string {
  const protectedB64 = protectedHeader(signer.kid);
  const signature = ed25519Sign(null, signingInput(protectedB64, headerBytes), signer.privateKey);
  return `${protectedB64}..${signature.toString('base64url')}`;
}

/**
 * Builds, checks and signs an envelope. The payload and header are checked by the same
 * rules receivers apply, so a message this function returns is never refused for its
 * form: a bad record is reported here, to the one who can fix it.
 *
 * @throws RefusalError describing the first problem with the header or the record.
 */
export function signEnvelope<T extends PayloadType>(
  signer: Signer,
  request: SignRequest<T>,
  clock: Clock = systemClock,
): SignedEnvelope {
  const { payloadBytes, headerBytes, bytes } = encodeAndSign(request, clock, true, (h) => signHeaderBytes(signer, h));
  const { header } = decodeEnvelope(bytes, { maxBytes: Number.MAX_SAFE_INTEGER });
  return { bytes, messageId: header.messageId, header, headerBytes, payloadBytes };
}

/** Characters of a base64url Ed25519 signature (unpadded). */
const SIGNATURE_B64_LENGTH = Math.ceil((SIGNATURE_BYTES * 4) / 3);

/**
 * Checks a request as {@link signEnvelope} does, without signing it (the signature is a
 * placeholder of the real length): whether the header and record pass the receivers' rules,
 * and how large the envelope will be. An agent checks a record this way before it takes a
 * sequence number for it, then signs it with {@link signOwnEnvelope}.
 *
 * @throws RefusalError describing the first problem with the header or the record.
 */
export function checkEnvelope<T extends PayloadType>(
  kid: string,
  request: SignRequest<T>,
  clock: Clock = systemClock,
): { readonly size: number } {
  const placeholder = `${protectedHeader(kid)}..${'A'.repeat(SIGNATURE_B64_LENGTH)}`;
  const { bytes, payloadBytes } = encodeAndSign(request, clock, true, () => placeholder);
  const { header } = decodeEnvelope(bytes, { maxBytes: Number.MAX_SAFE_INTEGER });
  // Refused here as the centre would refuse it, before it takes a sequence number.
  validateReferences({
    header,
    payloadType: request.payloadType,
    payload: decodePayload(request.payloadType, payloadBytes),
  });
  return { size: bytes.length };
}

/**
 * Signs an envelope built by the caller's own code from values it controls (the gateway's
 * receipts), or one whose request already passed {@link checkEnvelope}: the same bytes
 * {@link signEnvelope} would produce, without re-checking the record and header on the way,
 * which is most of the cost. Anything else built from outside input goes through
 * {@link signEnvelope}.
 */
export function signOwnEnvelope<T extends PayloadType>(
  signer: Signer,
  request: SignRequest<T> & { readonly header: HeaderInput & { readonly messageId: string } },
  clock: Clock = systemClock,
): { readonly bytes: Uint8Array; readonly messageId: string } {
  const unsigned = prepareOwnEnvelope(signer.kid, request, clock);
  return {
    bytes: completeEnvelope(unsigned, ed25519Sign(null, unsigned.signingInput, signer.privateKey)),
    messageId: unsigned.messageId,
  };
}

/**
 * An envelope of the caller's own, encoded as {@link signOwnEnvelope} encodes it and waiting
 * for its Ed25519 signature over {@link signingInput}, which may be made elsewhere (a worker
 * thread); {@link completeEnvelope} then gives the same bytes {@link signOwnEnvelope} would.
 */
export interface UnsignedEnvelope {
  readonly messageId: string;
  /** What the signature is made over: the JWS signing input of the header bytes. */
  readonly signingInput: Uint8Array;
  readonly protectedB64: string;
  readonly headerBytes: Uint8Array;
  readonly payloadBytes: Uint8Array;
}

/** The first half of {@link signOwnEnvelope}: the same request, for the same callers, encoded without its signature. */
export function prepareOwnEnvelope<T extends PayloadType>(
  kid: string,
  request: SignRequest<T> & { readonly header: HeaderInput & { readonly messageId: string } },
  clock: Clock = systemClock,
): UnsignedEnvelope {
  const { payloadBytes, headerBytes } = encodeParts(request, clock, false);
  const protectedB64 = protectedHeader(kid);
  return {
    messageId: request.header.messageId,
    signingInput: signingInput(protectedB64, headerBytes),
    protectedB64,
    headerBytes,
    payloadBytes,
  };
}

/**
 * The second half of {@link signOwnEnvelope}: the envelope's bytes with `signature`, the
 * Ed25519 signature of `unsigned.signingInput`.
 *
 * @throws AtcError ERR_INTERNAL when the signature is not 64 bytes long.
 */
export function completeEnvelope(unsigned: UnsignedEnvelope, signature: Uint8Array): Uint8Array {
  if (signature.length !== SIGNATURE_BYTES) {
    throw new AtcError(ErrorCode.INTERNAL, `an Ed25519 signature is ${SIGNATURE_BYTES} bytes, not ${signature.length}`);
  }
  return encodeEnvelope({
    header: unsigned.headerBytes,
    payload: unsigned.payloadBytes,
    signature: `${unsigned.protectedB64}..${Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength).toString('base64url')}`,
  });
}

function encodeAndSign<T extends PayloadType>(
  request: SignRequest<T>,
  clock: Clock,
  check: boolean,
  signature: (headerBytes: Uint8Array) => string,
): { payloadBytes: Uint8Array; headerBytes: Uint8Array; bytes: Uint8Array } {
  const { payloadBytes, headerBytes } = encodeParts(request, clock, check);
  const bytes = encodeEnvelope({
    header: headerBytes,
    payload: payloadBytes,
    signature: signature(headerBytes),
  });
  return { payloadBytes, headerBytes, bytes };
}

/** The payload and header bytes of a request (the payload checked by the receivers' rules when `check`). */
function encodeParts<T extends PayloadType>(
  request: SignRequest<T>,
  clock: Clock,
  check: boolean,
): { payloadBytes: Uint8Array; headerBytes: Uint8Array } {
  const payload = { nonce: pooledRandomBytes(NONCE_BYTES), ...request.payload } as PayloadInput<T>;
  const payloadBytes = encodePayloadBytes(request.payloadType, payload);
  if (check) decodePayload(request.payloadType, payloadBytes);

  // Object.assign, not `{ ...header, protocol, ... }`: V8 builds an object spread and then
  // extended on a slow path, and the encoder reads it slower (6.1 against 1.2 µs to encode a
  // receipt's header). The object is the same but for an own `__proto__` key, which would set
  // its prototype; the encoder reads own fields only, so the bytes are the same either way.
  const headerProps: atc.v1.Header.$Properties = Object.assign({}, request.header, {
    protocol: PROTOCOL_VERSION,
    messageId: request.header.messageId ?? uuidv7(),
    createdAt: request.header.createdAt ?? toTimestamp(clock()),
    payloadType: request.payloadType,
    payloadSha256: sha256(payloadBytes),
  } satisfies atc.v1.Header.$Properties);
  const headerBytes = atc.v1.Header.encode(headerProps).finish();
  return { payloadBytes, headerBytes };
}

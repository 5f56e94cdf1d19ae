import { RefusalError } from '../errors/atc-error.js';
import { RefusalCode } from '../errors/refusal-codes.js';
import { atc } from '../proto/protobuf.js';
import type { PayloadType } from '../proto/payload-types.js';
import { checkWire } from '../proto/wire-check.js';
import { parseDetachedJws, type DetachedJws } from '../signing/detached-jws.js';
import { validateHeader } from './header-rules.js';

/** Default upper bound of an envelope: 1 MiB. */
export const DEFAULT_MAX_ENVELOPE_BYTES = 1024 * 1024;

/** Options of {@link decodeEnvelope}. */
export interface DecodeOptions {
  /** Envelopes larger than this are refused unread. Default 1 MiB. */
  readonly maxBytes?: number;
}

/** The three fields of an envelope. */
export interface EnvelopeParts {
  readonly header: Uint8Array;
  readonly payload: Uint8Array;
  readonly signature: string;
}

/** A header whose payload type has been checked. */
export type CheckedHeader = atc.v1.Header & { readonly payloadType: PayloadType };

/** An envelope that is well-formed; its signature is not verified yet. */
export interface DecodedEnvelope {
  /** The exact bytes received. */
  readonly bytes: Uint8Array;
  readonly parts: EnvelopeParts;
  readonly header: CheckedHeader;
  readonly jws: DetachedJws;
}

/** The three fields of a decoded atc.v1.Envelope as a plain object (no checks). */
export function envelopeParts(env: atc.v1.Envelope.$Properties): EnvelopeParts {
  return {
    header: env.header ?? new Uint8Array(0),
    payload: env.payload ?? new Uint8Array(0),
    signature: env.signature ?? '',
  };
}

/** Serializes the three envelope fields in canonical form. */
export function encodeEnvelope(parts: EnvelopeParts): Uint8Array {
  return atc.v1.Envelope.encode(parts).finish();
}

/** The canonical tags of the envelope's fields 1-3 (wire type 2), by field number. */
const FIELD_TAGS = [0, 0x0a, 0x12, 0x1a] as const;

/**
 * Whether `bytes` are exactly what {@link encodeEnvelope} gives for the envelope they decode
 * to, for bytes that the strict wire check passed with unknown fields refused (fields 1-3
 * only, each at most once, each length-delimited and inside the bytes, the signature valid
 * UTF-8, which decodes and encodes back to the same bytes): the fields in number order, each
 * with its one-byte tag and a minimal length, none empty (the encoder leaves empty fields out).
 * Read in place: encoding the envelope again to compare cost about 3% of the gateway's main
 * thread per message. `canonical.property.test.ts` checks it against that comparison.
 */
export function isCanonicalEnvelope(bytes: Uint8Array): boolean {
  let pos = 0;
  let lastField = 0;
  while (pos < bytes.length) {
    const tag = bytes[pos++]!;
    const field = tag >> 3;
    if (field <= lastField || field > 3 || tag !== FIELD_TAGS[field]) return false;
    lastField = field;
    // The length: a varint of at most 5 bytes whose last byte is not 0 unless it is the only one.
    let length = 0;
    let byte: number;
    let size = 0;
    do {
      if (pos >= bytes.length || size === 5) return false;
      byte = bytes[pos++]!;
      length += (byte & 0x7f) * 2 ** (7 * size);
      size++;
    } while ((byte & 0x80) !== 0);
    if (length === 0 || (size > 1 && byte === 0)) return false;
    pos += length;
  }
  return pos === bytes.length;
}

/**
 * Decodes and checks the form of an envelope: size, structure, canonical encoding, the
 * header (strict wire checks, then the header rules) and the shape of the signature. It
 * does not look at keys or verify the signature; see verifyEnvelope.
 *
 * @throws RefusalError with the code of the first check that fails.
 */
export function decodeEnvelope(bytes: Uint8Array, options: DecodeOptions = {}): DecodedEnvelope {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_ENVELOPE_BYTES;
  if (bytes.length === 0) throw new RefusalError(RefusalCode.ENVELOPE_EMPTY, 'the message is empty');
  if (bytes.length > maxBytes) {
    throw new RefusalError(
      RefusalCode.ENVELOPE_TOO_LARGE,
      `the envelope is ${bytes.length} bytes, more than the limit of ${maxBytes} bytes`,
    );
  }
  checkWire('atc.v1.Envelope', bytes, 'envelope', false);
  let parts: EnvelopeParts;
  try {
    parts = atc.v1.Envelope.decode(bytes);
  } catch (e) {
    throw new RefusalError(RefusalCode.ENVELOPE_MALFORMED, 'the bytes are not an atc.v1.Envelope', { cause: e });
  }
  if (!isCanonicalEnvelope(bytes)) {
    throw new RefusalError(
      RefusalCode.ENVELOPE_NOT_CANONICAL,
      'the envelope is not in canonical form (field order, field repeated, or non-minimal length)',
    );
  }
  if (parts.header.length === 0) {
    throw new RefusalError(RefusalCode.HEADER_FIELD_MISSING, 'envelope.header is missing', { field: 'header' });
  }
  checkWire('atc.v1.Header', parts.header, 'header');
  let header: atc.v1.Header;
  try {
    header = atc.v1.Header.decode(parts.header);
  } catch (e) {
    throw new RefusalError(RefusalCode.HEADER_MALFORMED, 'envelope.header is not an atc.v1.Header', { cause: e });
  }
  validateHeader(header);
  const jws = parseDetachedJws(parts.signature);
  return { bytes, parts, header: header as CheckedHeader, jws };
}

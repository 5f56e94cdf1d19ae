import { RefusalError } from '../errors/atc-error.js';
import { RefusalCode } from '../errors/refusal-codes.js';
import { decodePayloadBytes, type PayloadOf, type PayloadType } from '../proto/payload-types.js';
import { checkWire } from '../proto/wire-check.js';
import { validatePayload } from './payload-rules.js';

/**
 * Decodes a payload as `type` strictly: wire checks (duplicates, UTF-8, wire types), the
 * generated decoder, then the type's required-field rules.
 *
 * @throws RefusalError PAYLOAD_MALFORMED, FIELD_DUPLICATED or UTF8_INVALID.
 */
export function decodePayload<T extends PayloadType>(type: T, bytes: Uint8Array): PayloadOf[T] {
  checkWire(type, bytes, 'payload');
  let payload: PayloadOf[T];
  try {
    payload = decodePayloadBytes(type, bytes);
  } catch (e) {
    throw new RefusalError(RefusalCode.PAYLOAD_MALFORMED, `the payload is not an ${type}`, { cause: e });
  }
  validatePayload(type, payload);
  return payload;
}

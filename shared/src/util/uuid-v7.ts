import { createHash } from 'node:crypto';
import { pooledRandomBytes } from './random-pool.js';

/** A UUIDv7 in lowercase canonical text form, as a pattern string (also for JSON Schemas). */
export const UUID_V7_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$';
const UUID_V7 = new RegExp(UUID_V7_PATTERN);

let lastMillis = 0;
let counter = 0;

/**
 * A new UUIDv7 (RFC 9562) in lowercase canonical form. Ids made by one process sort in
 * creation order: within one millisecond the 12-bit `rand_a` field is a counter
 * (RFC 9562 section 6.2, method 1), started at a random value below 2^11.
 */
export function uuidv7(now: number = Date.now()): string {
  const bytes = pooledRandomBytes(16);
  if (now > lastMillis) {
    lastMillis = now;
    counter = ((bytes[6]! << 8) | bytes[7]!) & 0x7ff;
  } else {
    // Same millisecond (or the clock stepped back): keep ordering by counting on
    // from the last id; when the counter overflows, borrow the next millisecond.
    counter += 1;
    if (counter > 0xfff) {
      lastMillis += 1;
      counter = 0;
    }
  }
  const ms = lastMillis;
  bytes[0] = Math.floor(ms / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(ms / 2 ** 32) & 0xff;
  bytes[2] = (ms >>> 24) & 0xff;
  bytes[3] = (ms >>> 16) & 0xff;
  bytes[4] = (ms >>> 8) & 0xff;
  bytes[5] = ms & 0xff;
  bytes[6] = 0x70 | (counter >>> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A UUIDv7 derived from what it names instead of drawn at random: `ms` as its time and the
 * first 74 bits of SHA-256(`seed`) as `rand_a` and `rand_b` (RFC 9562 section 6.2 allows
 * any source of those bits). Whoever derives it from the same inputs gets the same id, so a
 * message announced by two replicas, or again after a restart, is one message.
 */
export function uuidv7From(ms: number, seed: Uint8Array | string): string {
  if (!Number.isSafeInteger(ms) || ms < 0 || ms >= 2 ** 48) throw new RangeError(`${ms} is not a UUIDv7 time`);
  const bytes = Buffer.alloc(16);
  const hash = createHash('sha256').update(seed).digest();
  hash.copy(bytes, 6, 0, 10);
  bytes[0] = Math.floor(ms / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(ms / 2 ** 32) & 0xff;
  bytes[2] = (ms >>> 24) & 0xff;
  bytes[3] = (ms >>> 16) & 0xff;
  bytes[4] = (ms >>> 8) & 0xff;
  bytes[5] = ms & 0xff;
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** True when `id` is a UUIDv7 in lowercase canonical text form. */
export function isUuidV7(id: string): boolean {
  return UUID_V7.test(id);
}

/** The creation time (Unix milliseconds) encoded in a UUIDv7. */
export function uuidv7Time(id: string): number {
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

import { hash } from 'node:crypto';

/**
 * The SHA-256 of `data`, in one call: without a Hash object per digest, which is most of the
 * cost on a message's bytes (1.3 against 2.2 µs for 1,650 bytes here). On the path of every
 * message (the envelope's digest, the payload's, the receipts'), so it is the one to use.
 */
export function sha256(data: Uint8Array): Buffer {
  return hash('sha256', data, 'buffer');
}

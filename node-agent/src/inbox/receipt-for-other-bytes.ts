import { sha256 } from '@atc/shared';
import type { IncomingReceipt } from './inbox-consumer.js';

/** Why a gateway receipt is about bytes this agent did not send. */
export type OtherBytes = 'unidentified' | 'other_envelope';

/**
 * Whether a receipt is about bytes other than the ones this agent sent: `unidentified` when
 * the gateway refused bytes on this member's submit subject that carry no message id (the
 * agent never sends such bytes); `other_envelope` when its `envelope_sha256` is not the digest
 * of the envelope the outbox holds under that id (JetStream or the archive holds another
 * envelope under one of this agent's message ids). `undefined` for a receipt about the bytes
 * sent, a DELIVERED receipt (no digest), or a message this outbox does not hold.
 */
export function receiptForOtherBytes(receipt: IncomingReceipt, sent: Uint8Array | undefined): OtherBytes | undefined {
  if (receipt.messageId === '') return 'unidentified';
  if (receipt.envelopeSha256.length === 0 || sent === undefined) return undefined;
  const digest = sha256(sent);
  return digest.equals(receipt.envelopeSha256) ? undefined : 'other_envelope';
}

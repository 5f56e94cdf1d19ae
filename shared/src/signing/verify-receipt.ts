import { AtcError, ErrorCode, RefusalError } from '../errors/atc-error.js';
import { RefusalCode } from '../errors/refusal-codes.js';
import { jwkThumbprint, publicKeyFromJwk, type PublicJwk } from '../keys/ed25519-jwk.js';
import { openCheckpoint, type Checkpoint } from '../merkle/checkpoint.js';
import { leafHash } from '../merkle/merkle-hash.js';
import { verifyInclusion } from '../merkle/verify-proof.js';
import { atc } from '../proto/protobuf.js';
import { PayloadType } from '../proto/payload-types.js';
import { StaticKeyResolver } from './key-resolver.js';
import { verifyEnvelope } from './verify-envelope.js';
import { sha256 } from '../util/sha256.js';

/** The gateway a member's agent pins: its id (the receipts' sender) and public key. */
export interface PinnedGateway {
  readonly id: string;
  readonly publicJwk: PublicJwk;
}

/** A receipt that holds, and the checkpoint it proved inclusion in (ACCEPTED only). */
export interface VerifiedReceipt {
  readonly header: atc.v1.Header;
  readonly receipt: atc.v1.Receipt;
  readonly checkpoint: Checkpoint | undefined;
}

/**
 * Verifies a gateway receipt about `submitted` (the exact envelope bytes the member sent),
 * as an integrator in any language should: the receipt is an envelope signed by the pinned
 * gateway key with sender = the gateway id and payload type atc.v1.Receipt; it answers the
 * submission's message id (header.in_reply_to and Receipt.message_id); ACCEPTED and
 * REJECTED receipts name the SHA-256 of exactly those bytes; an ACCEPTED receipt's
 * checkpoint is signed by the gateway (key name = its origin line) and its inclusion proof
 * links SHA-256(0x00 || submitted) at leaf_index to the checkpoint's root.
 *
 * @throws RefusalError for an envelope that does not verify (codes as the gateway's), a
 *   receipt of another type (PAYLOAD_TYPE_NOT_ALLOWED) or about another message
 *   (REFERENCE_MISMATCH); AtcError RECEIPT_OTHER_ENVELOPE, NOTE_INVALID,
 *   NOTE_SIGNATURE_INVALID, CHECKPOINT_INVALID or INCLUSION_PROOF_INVALID.
 */
export async function verifyReceipt(
  receiptBytes: Uint8Array,
  submitted: Uint8Array,
  gateway: PinnedGateway,
): Promise<VerifiedReceipt> {
  const publicKey = publicKeyFromJwk(gateway.publicJwk);
  const resolver = new StaticKeyResolver([{ kid: jwkThumbprint(gateway.publicJwk), owner: gateway.id, publicKey }]);
  const v = await verifyEnvelope(receiptBytes, { resolver });
  if (v.payloadType !== PayloadType.Receipt) {
    throw new RefusalError(
      RefusalCode.PAYLOAD_TYPE_NOT_ALLOWED,
      `a receipt must be an atc.v1.Receipt, not ${v.payloadType}`,
    );
  }
  const receipt = v.payload as atc.v1.Receipt;
  const messageId = atc.v1.Header.decode(atc.v1.Envelope.decode(submitted).header).messageId;
  if (receipt.messageId !== messageId || v.header.inReplyTo !== messageId) {
    throw new RefusalError(
      RefusalCode.REFERENCE_MISMATCH,
      `the receipt answers message ${receipt.messageId || '(none)'} (in_reply_to ${v.header.inReplyTo || '(none)'}), not the submitted ${messageId}`,
      { field: 'in_reply_to' },
    );
  }
  const status = receipt.status;
  const accepted = status === atc.v1.ReceiptStatus.RECEIPT_STATUS_ACCEPTED;
  if (
    (accepted || status === atc.v1.ReceiptStatus.RECEIPT_STATUS_REJECTED) &&
    !sha256(submitted).equals(receipt.envelopeSha256)
  ) {
    throw new AtcError(
      ErrorCode.RECEIPT_OTHER_ENVELOPE,
      'the receipt names the digest of other envelope bytes than the ones submitted under this message id. Do not count the message as archived: look up which bytes the centre holds under it.',
    );
  }
  if (!accepted) return { header: v.header, receipt, checkpoint: undefined };
  const note = receipt.checkpoint;
  const { checkpoint } = openCheckpoint(note, {
    name: note.slice(0, Math.max(0, note.indexOf('\n'))),
    publicKey,
  });
  if (
    !verifyInclusion(
      receipt.leafIndex,
      checkpoint.size,
      leafHash(submitted),
      receipt.inclusionProof,
      checkpoint.rootHash,
    )
  ) {
    throw new AtcError(
      ErrorCode.INCLUSION_PROOF_INVALID,
      `the receipt's inclusion proof does not link the submitted envelope at leaf ${receipt.leafIndex} to the root of the signed checkpoint of ${checkpoint.size} entries. Do not count the message as archived: ask the centre for a fresh proof.`,
    );
  }
  return { header: v.header, receipt, checkpoint };
}

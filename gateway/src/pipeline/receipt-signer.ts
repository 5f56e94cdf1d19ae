import { atc, PayloadType, signOwnEnvelope, systemClock, toTimestamp, type Clock, type Signer } from '@atc/shared';
import type { ReceiptIntent, ReceiptLogProof, ReceiptRow, ReceiptStatus } from '../domain/batch-write.js';

const STATUS: Readonly<Record<ReceiptStatus, atc.v1.ReceiptStatus>> = {
  accepted: atc.v1.ReceiptStatus.RECEIPT_STATUS_ACCEPTED,
  rejected: atc.v1.ReceiptStatus.RECEIPT_STATUS_REJECTED,
  delivered: atc.v1.ReceiptStatus.RECEIPT_STATUS_DELIVERED,
};

/**
 * Signs the gateway's receipts: envelopes from the gateway id, with the gateway key,
 * addressed to one member. The caller allocates the gateway's sender_sequence inside the
 * commit transaction, so that sequences have no gaps and no two writers share one.
 */
export class ReceiptSigner {
  constructor(
    private readonly signer: Signer,
    private readonly gatewayId: string,
    private readonly clock: Clock = systemClock,
  ) {}

  /** A signed receipt, ready to store and publish. */
  sign(content: ReceiptIntent, sequence: number, log?: ReceiptLogProof): ReceiptRow {
    const now = this.clock();
    const signed = signOwnEnvelope(
      this.signer,
      {
        header: {
          messageId: content.receiptId,
          sender: this.gatewayId,
          recipients: [content.member],
          senderSequence: sequence,
          createdAt: toTimestamp(now),
          inReplyTo: content.messageId,
          correlationId: content.correlationId ?? '',
          exercise: content.exercise ?? false,
          // A receipt names a message and its recipients: for the submitter only.
          handling: { tlp: atc.v1.TlpLevel.TLP_LEVEL_AMBER_STRICT },
          urgency: atc.v1.Urgency.URGENCY_NORMAL,
        },
        payloadType: PayloadType.Receipt,
        payload: {
          messageId: content.messageId,
          status: STATUS[content.status],
          reason: content.reason ?? atc.v1.ReasonCode.REASON_CODE_UNSPECIFIED,
          detail: content.detail ?? '',
          recipients: [...(content.recipients ?? [])],
          recipient: content.recipient ?? '',
          envelopeSha256: content.envelopeSha256 ?? new Uint8Array(0),
          at: toTimestamp(content.at ?? now),
          ...(log === undefined
            ? {}
            : { leafIndex: log.leafIndex, checkpoint: log.checkpoint, inclusionProof: [...log.proof] }),
        },
      },
      this.clock,
    );
    return {
      receiptId: signed.messageId,
      messageId: content.messageId,
      member: content.member,
      status: content.status,
      recipient: content.recipient ?? null,
      reason: content.reasonCode ?? null,
      envelope: signed.bytes,
      createdAt: now,
    };
  }
}

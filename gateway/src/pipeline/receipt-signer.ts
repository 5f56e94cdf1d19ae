import { atc, PayloadType, signEnvelope, systemClock, toTimestamp, type Clock, type Signer } from '@atc/shared';
import type { ReceiptRow, ReceiptStatus } from '../archive/message-store.js';

/** What a receipt says about a submission. */
export interface ReceiptContent {
  /** The member the receipt goes to. */
  readonly member: string;
  /** The submission's message id. */
  readonly messageId: string;
  readonly status: ReceiptStatus;
  readonly reason?: atc.v1.ReasonCode;
  readonly reasonCode?: string;
  readonly detail?: string;
  readonly recipients?: readonly string[];
  readonly recipient?: string;
  readonly envelopeSha256?: Uint8Array;
  readonly at?: number;
  /** Copied from the submission so that the receipt is marked and filed alike. */
  readonly correlationId?: string | null;
  readonly exercise?: boolean;
}

const STATUS: Readonly<Record<ReceiptStatus, atc.v1.ReceiptStatus>> = {
  accepted: atc.v1.ReceiptStatus.RECEIPT_STATUS_ACCEPTED,
  rejected: atc.v1.ReceiptStatus.RECEIPT_STATUS_REJECTED,
  delivered: atc.v1.ReceiptStatus.RECEIPT_STATUS_DELIVERED,
};

/**
 * Signs the gateway's receipts: envelopes from the gateway id, with the gateway key and
 * the gateway's own sender_sequence, addressed to one member.
 */
export class ReceiptSigner {
  private sequence: number;

  constructor(
    private readonly signer: Signer,
    private readonly gatewayId: string,
    lastSequence: number,
    private readonly clock: Clock = systemClock,
  ) {
    this.sequence = lastSequence;
  }

  /** The last sender_sequence used. */
  get lastSequence(): number {
    return this.sequence;
  }

  /** A signed receipt, ready to store and publish. */
  sign(content: ReceiptContent): ReceiptRow {
    const now = this.clock();
    this.sequence += 1;
    const signed = signEnvelope(
      this.signer,
      {
        header: {
          sender: this.gatewayId,
          recipients: [content.member],
          senderSequence: this.sequence,
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

import { sign as ed25519Sign, type KeyObject } from 'node:crypto';
import {
  atc,
  completeEnvelope,
  PayloadType,
  prepareOwnEnvelope,
  systemClock,
  toTimestamp,
  type Clock,
  type Signer,
  type UnsignedEnvelope,
} from '@atc/shared';
import type { ReceiptRow, ReceiptStatus, ReceiptToSign } from '../domain/batch-write.js';

/** Makes Ed25519 signatures of many inputs elsewhere (the signature pool's workers), in their order. */
export type SignMany = (privateKey: KeyObject, inputs: readonly Uint8Array[]) => Promise<Uint8Array[]>;

/**
 * Receipts fewer than this are signed on the calling thread: a worker's round trip costs
 * more than a signature or two, and a lightly loaded gateway's batches are that small.
 */
const SIGN_APART_FROM = 4;

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
    /** Where batches of receipts are signed (default: on the calling thread). */
    private readonly signMany?: SignMany,
  ) {}

  /**
   * A batch's receipts, signed and ready to store and publish, in the order given. The
   * signatures are made together, on the workers of {@link signMany} when there is one and
   * the batch is not tiny.
   *
   * @throws AtcError ERR_INTERNAL when the workers could not sign (the batch is then retried).
   */
  async signAll(items: readonly ReceiptToSign[]): Promise<ReceiptRow[]> {
    const now = this.clock();
    const unsigned = items.map((item) => this.#prepare(item, now));
    const inputs = unsigned.map((u) => u.signingInput);
    const signatures =
      this.signMany === undefined || inputs.length < SIGN_APART_FROM
        ? inputs.map((input) => ed25519Sign(null, input, this.signer.privateKey))
        : await this.signMany(this.signer.privateKey, inputs);
    return items.map((item, i) => ({
      receiptId: unsigned[i]!.messageId,
      messageId: item.intent.messageId,
      member: item.intent.member,
      status: item.intent.status,
      recipient: item.intent.recipient ?? null,
      reason: item.intent.reasonCode ?? null,
      envelope: completeEnvelope(unsigned[i]!, signatures[i]!),
      createdAt: now,
    }));
  }

  /** One receipt, encoded and waiting for its signature. */
  #prepare({ intent: content, sequence, log }: ReceiptToSign, now: number): UnsignedEnvelope {
    return prepareOwnEnvelope(
      this.signer.kid,
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
  }
}

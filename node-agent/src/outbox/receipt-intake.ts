import type { Logger } from '@atc/shared';
import type { IncomingReceipt } from '../inbox/inbox-consumer.js';
import { receiptForOtherBytes } from '../inbox/receipt-for-other-bytes.js';
import type { AgentMetrics } from '../metrics/agent-metrics.js';
import type { ReceiptInput } from '../store/outbox-records.js';
import type { OutboxStore } from '../store/outbox-store.js';
import type { LogProofCheck } from '../witness/log-proof-check.js';

/** What a {@link ReceiptIntake} needs. */
export interface ReceiptIntakeDeps {
  readonly outbox: Pick<OutboxStore, 'envelopeOf' | 'applyReceipts'>;
  readonly logProof: Pick<LogProofCheck, 'check'>;
  readonly metrics: Pick<AgentMetrics, 'receiptsForOtherBytes'>;
  readonly logger: Logger;
}

/**
 * Takes the verified gateway receipts the inbox consumer reads: a receipt about bytes this
 * agent did not send is counted and reported, never applied; any other has its log proof
 * checked and is applied to the outbox.
 */
export class ReceiptIntake {
  constructor(private readonly deps: ReceiptIntakeDeps) {}

  /**
   * Handles a group of receipts, in their order (the inbox consumer's `onReceipts`): those it
   * applies are applied in one transaction, after their log proofs were checked. Throws when
   * the outbox cannot record them (none is then recorded).
   */
  readonly take = (group: readonly IncomingReceipt[]): void => {
    const applied: ReceiptInput[] = [];
    for (const r of group) {
      const input = this.#applicable(r);
      if (input !== undefined) applied.push(input);
    }
    if (applied.length > 0) this.deps.outbox.applyReceipts(applied);
  };

  /** The receipt as the outbox records it, once its log proof was checked; undefined for one about other bytes. */
  #applicable(r: IncomingReceipt): ReceiptInput | undefined {
    const { outbox, logProof } = this.deps;
    // Read once: what the receipt is about, and what its log proof is checked against.
    const sent = r.messageId === '' ? undefined : outbox.envelopeOf(r.messageId);
    const other = receiptForOtherBytes(r, sent);
    if (other !== undefined) {
      this.deps.metrics.receiptsForOtherBytes.inc({ kind: other });
      this.deps.logger.error(
        {
          kind: other,
          messageId: r.messageId,
          envelopeSha256: Buffer.from(r.envelopeSha256).toString('hex'),
          reasonCode: r.reasonCode,
        },
        other === 'unidentified'
          ? 'the centre refused bytes without a message id from this member: something else publishes with its NATS credentials'
          : 'the centre holds another envelope under this message id: the receipt is not applied, and the message is sent again',
      );
      // Nothing in the outbox is about these bytes: an `other_envelope` message stays unsettled,
      // so that its next resend (after JetStream's window) reaches the gateway, which refuses
      // it as ERR_MESSAGE_ID_REUSED with a receipt about this agent's own bytes.
      return undefined;
    }
    logProof.check(r.messageId, r.status, r.envelope, sent);
    return {
      receiptId: r.receiptId,
      messageId: r.messageId,
      status: r.status,
      recipients: r.recipients,
      recipient: r.recipient,
      reasonCode: r.reasonCode,
      detail: r.detail,
      envelope: r.envelope,
      receivedAt: r.receivedAt,
    };
  }
}

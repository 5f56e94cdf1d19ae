import type { GatewayKeys } from './open-gateway-checkpoint.js';
import type { Logger } from '@atc/shared';
import { checkReceiptProof } from './receipt-proof.js';
import type { Witness } from './witness.js';

/** What a {@link LogProofCheck} needs. */
export interface LogProofCheckDeps {
  /** The trusted gateway keys, which sign receipts and checkpoints. */
  readonly gatewayKey: GatewayKeys;
  readonly witness: Pick<Witness, 'observe' | 'reportBadReceipt'>;
  readonly logger: Logger;
}

/**
 * Checks the archive-log proof an ACCEPTED receipt carries: the inclusion of the envelope
 * this agent sent must hold, or the witness raises an alarm about the receipt; when it holds,
 * the receipt's checkpoint is checked like any other the witness sees.
 */
export class LogProofCheck {
  constructor(private readonly deps: LogProofCheckDeps) {}

  /**
   * Checks one receipt against `sent`, the envelope this agent sent under its message id (as
   * the caller read it from the outbox); other statuses and receipts about messages not in the
   * outbox carry nothing to check.
   */
  check(messageId: string, status: string, receipt: Uint8Array, sent: Uint8Array | undefined): void {
    if (status !== 'accepted') return;
    const proof = sent === undefined ? undefined : checkReceiptProof(receipt, sent, this.deps.gatewayKey);
    if (proof === undefined) return;
    if (!proof.verified) {
      this.deps.witness.reportBadReceipt(messageId, proof.problem ?? 'proof does not hold', { ...proof });
      return;
    }
    this.deps.witness.observe(proof.checkpoint).catch((e: unknown) => {
      this.deps.logger.warn({ err: e }, 'checkpoint of a receipt not checked');
    });
  }
}

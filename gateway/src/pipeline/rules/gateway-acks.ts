import { RefusalCode, RefusalError, type VerifiedEnvelope } from '@atc/shared';
import { archiveAccepted, receiptIntent, type BatchState, type RuleContext } from '../batch-state.js';

/** Refuses an ack (DeliveryAck, PurgeAck) or a DataBankQuery that is not addressed to the gateway alone (POLICY_DENIED). */
export function requireAddressedToGateway(v: VerifiedEnvelope, context: RuleContext): void {
  const { header } = v;
  const { gatewayId } = context.policy;
  if (header.broadcast || header.recipients.length !== 1 || header.recipients[0] !== gatewayId) {
    throw new RefusalError(
      RefusalCode.POLICY_DENIED,
      `a ${v.payloadType.slice('atc.v1.'.length)} is addressed to the gateway (${gatewayId}) only`,
      { field: 'recipients' },
    );
  }
}

/**
 * Archives an ack, routed to no one, and answers its sender: an ack is a submission like any
 * other, and its sender's outbox waits for the receipt.
 */
export function archiveAck(v: VerifiedEnvelope, sha: Buffer, state: BatchState, context: RuleContext): void {
  archiveAccepted(v, sha, [], state, context.clock);
  state.receipts.push(
    receiptIntent({
      member: v.header.sender,
      messageId: v.header.messageId,
      status: 'accepted',
      envelopeSha256: sha,
      exercise: v.header.exercise,
    }),
  );
}

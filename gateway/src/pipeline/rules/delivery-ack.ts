import { fromTimestamp, RefusalCode, RefusalError, type atc, type VerifiedEnvelope } from '@atc/shared';
import { receiptIntent, type BatchState, type RuleContext } from '../batch-state.js';
import type { FlowEvent } from '../../domain/flow-event.js';
import { envelopeEvent } from '../flow-events.js';
import { archiveAck, requireAddressedToGateway } from './gateway-acks.js';

/**
 * A DeliveryAck: addressed to the gateway only, for a message the centre routed to its
 * sender. Archived and receipted like any submission; the first ack of a recipient marks the
 * delivery and sends the original sender a DELIVERED receipt, a repeated one delivers nothing new.
 */
export async function acceptAck(
  v: VerifiedEnvelope,
  sha: Buffer,
  state: BatchState,
  context: RuleContext,
): Promise<void> {
  const { header } = v;
  const { clockSkewMs, acceptWindowMs } = context.policy;
  requireAddressedToGateway(v, context);
  const ack = v.payload as atc.v1.DeliveryAck;
  const original = state.seen.get(ack.messageId) ?? state.archived.get(ack.messageId);
  const delivery =
    original === undefined
      ? undefined
      : (await context.store.deliveriesOf(ack.messageId)).find((d) => d.recipient === header.sender);
  const inBatch = state.seen.get(ack.messageId)?.recipients.includes(header.sender) ?? false;
  // One refusal, one sentence, whether the message does not exist or went to others: an
  // ack must not tell its sender which message ids the archive holds.
  if (original === undefined || (delivery === undefined && !inBatch)) {
    throw new RefusalError(
      RefusalCode.REFERENCE_UNKNOWN,
      `the acknowledged message ${ack.messageId} is not one the centre routed to ${header.sender}`,
      { field: 'messageId' },
    );
  }
  archiveAck(v, sha, state, context);
  const alreadyDelivered =
    delivery?.state === 'delivered' ||
    state.delivered.some((d) => d.messageId === ack.messageId && d.recipient === header.sender);
  // The recipient's clock says when; the centre's bounds it (never before now - window,
  // never after now + skew), so no stored time is absurd.
  const now = context.clock();
  const claimed = fromTimestamp(ack.deliveredAt) ?? now;
  const at = Math.min(now + clockSkewMs, Math.max(now - acceptWindowMs, claimed));
  state.events.push(
    Object.assign(envelopeEvent('delivered', v, context.clock()), {
      recipients: [header.sender],
      delivery: { messageId: ack.messageId, sender: original.sender, first: !alreadyDelivered },
    } satisfies Partial<FlowEvent>),
  );
  if (alreadyDelivered) return;
  state.delivered.push({ messageId: ack.messageId, recipient: header.sender, at, ackMessageId: header.messageId });
  // The gateway's own messages (Notices) are tracked by their delivery rows: no receipt to itself.
  if (original.sender === context.policy.gatewayId) return;
  state.receipts.push(
    receiptIntent({
      member: original.sender,
      messageId: ack.messageId,
      status: 'delivered',
      recipient: header.sender,
      at,
      exercise: header.exercise,
    }),
  );
}

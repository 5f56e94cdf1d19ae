import { atc, PayloadType, RefusalCode, RefusalError, type VerifiedEnvelope } from '@atc/shared';
import { archiveAccepted, receiptIntent, type BatchState, type RuleContext } from '../batch-state.js';
import type { FlowEvent } from '../../domain/flow-event.js';
import { envelopeEvent } from '../flow-events.js';
import { withdrawalRecipients } from './withdrawal.js';

/** The recipients a record goes to, after broadcast expansion and checks. */
export function resolveRecipients(v: VerifiedEnvelope, context: RuleContext): string[] {
  const { header } = v;
  const { members, policy } = context;
  if (header.broadcast) {
    if (header.handling?.tlp === atc.v1.TlpLevel.TLP_LEVEL_RED) {
      throw new RefusalError(RefusalCode.BROADCAST_RED_FORBIDDEN, 'a TLP:RED message may not be broadcast');
    }
    return members
      .listMembers()
      .filter((m) => m.status === 'active' && m.id !== header.sender && m.id !== policy.gatewayId)
      .map((m) => m.id)
      .sort();
  }
  for (const r of header.recipients) {
    const member = members.getMember(r);
    if (member === undefined || r === policy.gatewayId) {
      throw new RefusalError(RefusalCode.RECIPIENT_UNKNOWN, `recipient ${r} is not a registered member`, {
        field: 'recipients',
      });
    }
    if (member.status !== 'active') {
      throw new RefusalError(RefusalCode.RECIPIENT_SUSPENDED, `recipient ${r} is suspended`, { field: 'recipients' });
    }
  }
  return [...header.recipients];
}

/**
 * An InformationResponse answers a request the centre routed to the responder: header.in_reply_to
 * names an archived InformationRequest of which the responder is a recipient (REFERENCE_UNKNOWN,
 * with one sentence whether the request does not exist or was not addressed to the responder,
 * so the refusal reveals nothing of others' traffic); the response goes back to the requester,
 * among any other recipients, with the request's exercise marking (REFERENCE_MISMATCH).
 */
export async function checkAnswers(
  v: VerifiedEnvelope,
  recipients: readonly string[],
  state: BatchState,
  context: RuleContext,
): Promise<void> {
  const { header } = v;
  const requestId = header.inReplyTo;
  const inBatch = state.seen.get(requestId);
  const request = inBatch ?? state.archived.get(requestId);
  const addressed =
    request !== undefined &&
    (inBatch?.recipients.includes(header.sender) ??
      (await context.store.deliveriesOf(requestId)).some((d) => d.recipient === header.sender));
  if (request === undefined || !addressed) {
    throw new RefusalError(
      RefusalCode.REFERENCE_UNKNOWN,
      `header.in_reply_to ${requestId} names no request the centre routed to ${header.sender}`,
      { field: 'inReplyTo' },
    );
  }
  if (request.payloadType !== PayloadType.InformationRequest) {
    throw new RefusalError(
      RefusalCode.REFERENCE_MISMATCH,
      `header.in_reply_to ${requestId} names a ${request.payloadType.slice('atc.v1.'.length)}, not an InformationRequest`,
      { field: 'inReplyTo' },
    );
  }
  if (!recipients.includes(request.sender)) {
    throw new RefusalError(
      RefusalCode.REFERENCE_MISMATCH,
      `the response to ${requestId} must go to its requester ${request.sender}`,
      { field: 'recipients' },
    );
  }
  if (request.exercise !== header.exercise) {
    throw new RefusalError(
      RefusalCode.REFERENCE_MISMATCH,
      `the response to ${requestId} must be ${request.exercise ? '' : 'non-'}exercise traffic like the request`,
      { field: 'exercise' },
    );
  }
}

/**
 * Accepts a record: archived, routed to its recipients, receipted to its sender. A
 * RecordWithdrawal also goes to every member holding a copy of the record it withdraws.
 */
export async function acceptRecord(
  v: VerifiedEnvelope,
  sha: Buffer,
  state: BatchState,
  context: RuleContext,
): Promise<void> {
  const recipients =
    v.payloadType === PayloadType.RecordWithdrawal
      ? await withdrawalRecipients(v, state, context, () => resolveRecipients(v, context))
      : resolveRecipients(v, context);
  if (v.payloadType === PayloadType.InformationResponse) await checkAnswers(v, recipients, state, context);
  archiveAccepted(v, sha, recipients, state, context.clock);
  for (const r of recipients) state.deliveries.push({ messageId: v.header.messageId, recipient: r });
  state.routes.push({ messageId: v.header.messageId, envelope: v.bytes, recipients });
  state.receipts.push(
    receiptIntent({
      member: v.header.sender,
      messageId: v.header.messageId,
      status: 'accepted',
      recipients,
      envelopeSha256: sha,
      correlationId: v.header.correlationId,
      exercise: v.header.exercise,
    }),
  );
  // Object.assign on the new event, not a spread then extended (slow in V8: README, Performance).
  state.events.push(
    Object.assign(envelopeEvent('accepted', v, context.clock()), { recipients } satisfies Partial<FlowEvent>),
  );
}

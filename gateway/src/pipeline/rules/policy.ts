import {
  fromTimestamp,
  payloadKind,
  PayloadType,
  RefusalCode,
  replyDueProblem,
  RefusalError,
  toIso,
  validateReferences,
  type VerifiedEnvelope,
} from '@atc/shared';
import type { BatchState, RuleContext } from '../batch-state.js';

/**
 * Idempotency: identical bytes under a known id are a replay (true); different bytes under
 * a known id are refused and flagged as a security event.
 */
export function isReplay(v: VerifiedEnvelope, sha: Buffer, state: BatchState): boolean {
  const id = v.header.messageId;
  const known = state.seen.get(id)?.sha ?? state.archived.get(id)?.envelopeSha256;
  if (known === undefined) return false;
  if (known.equals(sha)) return true;
  throw new RefusalError(
    RefusalCode.MESSAGE_ID_REUSED,
    `message id ${id} was already accepted for different bytes; this is recorded as a security event`,
  );
}

/** What members may send, references, the time window and the sender's standing. */
export function checkPolicy(v: VerifiedEnvelope, context: RuleContext): void {
  const { header } = v;
  const now = context.clock();
  if (payloadKind(v.payloadType) === 'gateway') {
    throw new RefusalError(RefusalCode.PAYLOAD_TYPE_NOT_ALLOWED, `members may not send ${v.payloadType}`);
  }
  // After the replay check: an exact replay of what was accepted before these rules
  // existed is still answered with its original receipt.
  validateReferences(v);
  const created = fromTimestamp(header.createdAt) ?? 0;
  const { clockSkewMs, acceptWindowMs } = context.policy;
  if (created > now + clockSkewMs) {
    throw new RefusalError(
      RefusalCode.TIMESTAMP_IN_FUTURE,
      `created_at ${toIso(created)} is more than ${clockSkewMs / 1000} s ahead of the centre's clock (${toIso(now)})`,
    );
  }
  if (created < now - acceptWindowMs) {
    throw new RefusalError(
      RefusalCode.TIMESTAMP_TOO_OLD,
      `created_at ${toIso(created)} is older than the acceptance window of ${Math.round(acceptWindowMs / 86_400_000)} days`,
    );
  }
  const due = v.payloadType === PayloadType.InformationRequest ? fromTimestamp(header.replyDueAt) : undefined;
  const dueProblem = due === undefined ? undefined : replyDueProblem(created, due);
  if (dueProblem !== undefined) {
    throw new RefusalError(RefusalCode.HEADER_FIELD_INVALID, `header.${dueProblem}`, { field: 'replyDueAt' });
  }
  const sender = context.members.getMember(header.sender);
  if (sender === undefined)
    throw new RefusalError(RefusalCode.SENDER_UNKNOWN, `${header.sender} is not a registered member`);
  if (sender.status !== 'active') throw new RefusalError(RefusalCode.SENDER_SUSPENDED, `${header.sender} is suspended`);
}

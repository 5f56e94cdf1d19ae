import {
  fromTimestamp,
  PayloadType,
  RefusalCode,
  RefusalError,
  toIso,
  type atc,
  type VerifiedEnvelope,
} from '@atc/shared';
import type { BatchState, RuleContext } from '../batch-state.js';
import { envelopeEvent } from '../flow-events.js';
import { archiveAck, requireAddressedToGateway } from './gateway-acks.js';

/**
 * A PurgeAck: addressed to the gateway only, answering a RecordWithdrawal the centre routed to
 * its sender, naming a record of the withdrawal's originator, erased no later than now (within
 * the clock skew). Archived and receipted like any submission, routed to no one: the archive
 * keeps it as the member's word that its copy is erased.
 */
export async function acceptPurgeAck(
  v: VerifiedEnvelope,
  sha: Buffer,
  state: BatchState,
  context: RuleContext,
): Promise<void> {
  const { header } = v;
  const { clockSkewMs } = context.policy;
  requireAddressedToGateway(v, context);
  const ack = v.payload as atc.v1.PurgeAck;
  const withdrawalId = ack.withdrawalMessageId;
  const inBatch = state.seen.get(withdrawalId);
  const withdrawal = inBatch ?? state.archived.get(withdrawalId);
  const routed =
    withdrawal !== undefined &&
    (inBatch?.recipients.includes(header.sender) ??
      (await context.store.deliveriesOf(withdrawalId)).some((d) => d.recipient === header.sender));
  // One refusal, one sentence, whether the message does not exist or went to others: a
  // PurgeAck must not tell its sender which message ids the archive holds.
  if (withdrawal === undefined || !routed) {
    throw new RefusalError(
      RefusalCode.REFERENCE_UNKNOWN,
      `the withdrawal ${withdrawalId} is not one the centre routed to ${header.sender}`,
      { field: 'withdrawalMessageId' },
    );
  }
  if (withdrawal.payloadType !== PayloadType.RecordWithdrawal) {
    throw new RefusalError(
      RefusalCode.REFERENCE_MISMATCH,
      `${withdrawalId} is a ${withdrawal.payloadType.slice('atc.v1.'.length)}, not a RecordWithdrawal`,
      { field: 'withdrawalMessageId' },
    );
  }
  // A withdrawal withdraws only its sender's own records (NOT_ORIGINATOR), so the record a
  // PurgeAck names is one of the withdrawal sender's; the record id is the purge tracking's to check.
  if (ack.originator !== withdrawal.sender) {
    throw new RefusalError(
      RefusalCode.REFERENCE_MISMATCH,
      `the PurgeAck names a record of ${ack.originator}, but the withdrawal ${withdrawalId} came from ${withdrawal.sender}`,
      { field: 'originator' },
    );
  }
  const now = context.clock();
  const erasedAt = fromTimestamp(ack.erasedAt) ?? now;
  if (erasedAt > now + clockSkewMs) {
    throw new RefusalError(
      RefusalCode.TIMESTAMP_IN_FUTURE,
      `erased_at ${toIso(erasedAt)} is more than ${clockSkewMs / 1000} s ahead of the centre's clock (${toIso(now)})`,
      { field: 'erasedAt' },
    );
  }
  archiveAck(v, sha, state, context);
  state.events.push({ ...envelopeEvent('accepted', v, now), recipients: [] });
}

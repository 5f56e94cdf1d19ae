import {
  atc,
  decodePayload,
  fromTimestamp,
  isRefusal,
  PayloadType,
  RefusalCode,
  RefusalError,
  toIso,
  type VerifiedEnvelope,
} from '@atc/shared';
import type { BatchState, RuleContext } from '../batch-state.js';
import type { FlowEvent } from '../../domain/flow-event.js';
import { envelopeEvent } from '../flow-events.js';
import { archiveAck, requireAddressedToGateway } from './gateway-acks.js';

/**
 * The record id a withdrawal withdraws: from the batch, or from its archived payload;
 * `undefined` once retention erased that payload (the data bank checks it then).
 */
async function withdrawnRecordId(
  withdrawalId: string,
  state: BatchState,
  context: RuleContext,
): Promise<string | undefined> {
  const inBatch = state.seen.get(withdrawalId)?.withdrawnRecordId;
  if (inBatch !== undefined) return inBatch;
  const envelope = await context.store.envelopeOf(withdrawalId);
  if (envelope === undefined) return undefined;
  const payload = atc.v1.Envelope.decode(envelope).payload;
  if (payload.length === 0) return undefined;
  try {
    return decodePayload(PayloadType.RecordWithdrawal, payload).target?.recordId ?? '';
  } catch (e) {
    if (isRefusal(e)) return undefined;
    throw e;
  }
}

/**
 * A PurgeAck: addressed to the gateway only, answering a RecordWithdrawal the centre routed to
 * its sender, naming the record that withdrawal withdraws (its originator and record id),
 * erased no later than now (within the clock skew). Whether its versions cover every version
 * the member received is the data bank's to judge (ERR_PURGE_INCOMPLETE): the ack is the
 * member's word on what it erased, kept even when it falls short. Archived and receipted like any submission, routed to no one: the archive
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
  // PurgeAck names is one of the withdrawal sender's, and the one the withdrawal names.
  if (ack.originator !== withdrawal.sender) {
    throw new RefusalError(
      RefusalCode.REFERENCE_MISMATCH,
      `the PurgeAck names a record of ${ack.originator}, but the withdrawal ${withdrawalId} came from ${withdrawal.sender}`,
      { field: 'originator' },
    );
  }
  const recordId = await withdrawnRecordId(withdrawalId, state, context);
  if (recordId !== undefined && ack.recordId !== recordId) {
    throw new RefusalError(
      RefusalCode.REFERENCE_MISMATCH,
      `the PurgeAck names record ${ack.recordId}, but the withdrawal ${withdrawalId} withdraws ${withdrawal.sender}'s record ${recordId}`,
      { field: 'recordId' },
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
  state.events.push(Object.assign(envelopeEvent('accepted', v, now), { recipients: [] } satisfies Partial<FlowEvent>));
}

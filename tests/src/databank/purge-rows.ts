import { createHash } from 'node:crypto';
import type { ArchivedMessageRow } from '@atc/gateway';
import { atc, PayloadType, signEnvelope, toTimestamp, type PayloadInput } from '@atc/shared';
import { FIXTURE_TIME, fixtureKey, fixtureRequest } from '@atc/shared/testing';

/**
 * Archived rows for the purge tracking's tests, committed straight to an archive with their
 * routing rows: records, withdrawals and PurgeAcks of fictitious members.
 */
export interface Routed {
  readonly row: ArchivedMessageRow;
  /** Routing rows of the message (its recipients). */
  readonly deliveries: { messageId: string; recipient: string }[];
}

function routed<
  T extends
    | typeof PayloadType.PersonRecord
    | typeof PayloadType.RecordWithdrawal
    | typeof PayloadType.PurgeAck
    | typeof PayloadType.DataBankResult,
>(
  type: T,
  sender: string,
  n: number,
  to: readonly string[],
  payload: Partial<PayloadInput<T>>,
  exercise = false,
): Routed {
  const request = fixtureRequest(type, n);
  const signed = signEnvelope(fixtureKey(sender), {
    ...request,
    header: { ...request.header, sender, recipients: [...to], exercise, inReplyTo: '' },
    payload: { ...request.payload, ...payload },
  });
  const row: ArchivedMessageRow = {
    messageId: signed.messageId,
    sender,
    payloadType: type,
    createdAt: FIXTURE_TIME + n,
    archivedAt: FIXTURE_TIME + n,
    tlp: atc.v1.TlpLevel.TLP_LEVEL_AMBER,
    urgency: atc.v1.Urgency.URGENCY_NORMAL,
    broadcast: false,
    exercise,
    correlationId: null,
    inReplyTo: null,
    senderSequence: n,
    kid: fixtureKey(sender).kid,
    reviewBy: null,
    envelope: signed.bytes,
    envelopeSha256: createHash('sha256').update(signed.bytes).digest(),
  };
  return { row, deliveries: to.map((recipient) => ({ messageId: signed.messageId, recipient })) };
}

/** Version `version` of `sender`'s person record `recordId`, routed to `to`. */
export function version(
  sender: string,
  n: number,
  recordId: string,
  v: number,
  to: readonly string[],
  exercise = false,
) {
  return routed(PayloadType.PersonRecord, sender, n, to, { recordId, version: v }, exercise);
}

/** `sender`'s withdrawal of its record `recordId`, routed to `to`. */
export function withdrawalOf(sender: string, n: number, recordId: string, to: readonly string[], exercise = false) {
  return routed(
    PayloadType.RecordWithdrawal,
    sender,
    n,
    to,
    { recordId: `${sender}-W-${n}`, version: 1, target: { originator: sender, recordId, version: 0 } },
    exercise,
  );
}

/** `sender`'s PurgeAck of `withdrawal`, naming `recordId` (default: the one withdrawn) and `versions`. */
export function purgeAckOf(
  sender: string,
  n: number,
  withdrawal: Routed,
  recordId: string,
  versions: readonly number[],
  count = versions.length,
) {
  return routed(PayloadType.PurgeAck, sender, n, ['ATC'], {
    withdrawalMessageId: withdrawal.row.messageId,
    originator: withdrawal.row.sender,
    recordId,
    versions: [...versions],
    erasedAt: toTimestamp(FIXTURE_TIME + n),
    count,
  });
}

/**
 * The centre's DataBankResult to `asker` whose hits quote the signed envelopes of `quoted`,
 * followed by a restricted hit, which quotes nothing.
 */
export function resultQuoting(n: number, asker: string, quoted: readonly Routed[], exercise = false) {
  const hits = quoted.map((q) => {
    const payload = atc.v1.PersonRecord.decode(atc.v1.Envelope.decode(q.row.envelope).payload);
    return {
      record: { originator: q.row.sender, recordId: payload.recordId, version: payload.version },
      score: 900,
      envelope: q.row.envelope,
    };
  });
  const restricted = {
    record: { originator: 'UZ', recordId: 'UZ-P-TEST0099', version: 1 },
    score: 800,
    restricted: true,
  };
  return routed(PayloadType.DataBankResult, 'ATC', n, [asker], { hits: [...hits, restricted] }, exercise);
}

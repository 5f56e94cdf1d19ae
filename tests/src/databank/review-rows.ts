import { createHash } from 'node:crypto';
import type { ArchivedMessageRow } from '@atc/gateway';
import { atc, Duration, PayloadType, signEnvelope, toTimestamp } from '@atc/shared';
import { FIXTURE_TIME, fixtureKey, fixtureRequest } from '@atc/shared/testing';

/** FIXTURE_TIME plus `days` days: review dates of the review tests. */
export const day = (days: number): number => FIXTURE_TIME + days * Duration.day;

/**
 * An archived PersonRecord row (version `version` of `recordId` from `sender`) whose handling
 * carries `reviewBy` (none when null), archived at FIXTURE_TIME + n ms.
 */
export function reviewed(
  sender: string,
  n: number,
  recordId: string,
  version: number,
  reviewBy: number | null,
  options: { readonly exercise?: boolean } = {},
): ArchivedMessageRow {
  const request = fixtureRequest(PayloadType.PersonRecord, n);
  const exercise = options.exercise === true;
  const signed = signEnvelope(fixtureKey(sender), {
    ...request,
    header: {
      ...request.header,
      sender,
      recipients: ['RU'],
      exercise,
      handling: {
        tlp: atc.v1.TlpLevel.TLP_LEVEL_AMBER,
        ...(reviewBy === null ? {} : { reviewBy: toTimestamp(reviewBy) }),
      },
    },
    payload: { ...request.payload, recordId, version },
  });
  return {
    messageId: signed.messageId,
    sender,
    payloadType: PayloadType.PersonRecord,
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
    reviewBy,
    envelope: signed.bytes,
    envelopeSha256: createHash('sha256').update(signed.bytes).digest(),
  };
}

import { createHash } from 'node:crypto';
import type { ArchivedMessageRow } from '@atc/gateway';
import { atc, PayloadType, signEnvelope } from '@atc/shared';
import { FIXTURE_TIME, fixtureKey, fixtureRequest } from '@atc/shared/testing';

/** Archived rows of records and withdrawals for the data bank's tests, committed straight to an archive. */
export interface Options {
  readonly exercise?: boolean;
  readonly name?: string;
}

/** An archived row of `type` from `sender`, built from the fixture with `payload` over it. */
export function row(
  type: typeof PayloadType.PersonRecord | typeof PayloadType.RecordWithdrawal,
  sender: string,
  n: number,
  payload: Record<string, unknown>,
  options: Options = {},
): ArchivedMessageRow {
  const request = fixtureRequest(type, n);
  const signed = signEnvelope(fixtureKey(sender), {
    ...request,
    header: { ...request.header, sender, recipients: ['RU'], exercise: options.exercise === true },
    payload: { ...request.payload, ...payload },
  });
  return {
    messageId: signed.messageId,
    sender,
    payloadType: type,
    createdAt: FIXTURE_TIME + n,
    archivedAt: FIXTURE_TIME + n,
    tlp: atc.v1.TlpLevel.TLP_LEVEL_AMBER,
    urgency: atc.v1.Urgency.URGENCY_NORMAL,
    broadcast: false,
    exercise: options.exercise === true,
    correlationId: null,
    inReplyTo: null,
    senderSequence: n,
    kid: fixtureKey(sender).kid,
    reviewBy: null,
    envelope: signed.bytes,
    envelopeSha256: createHash('sha256').update(signed.bytes).digest(),
  };
}

export function person(sender: string, n: number, recordId: string, version: number, options: Options = {}) {
  const request = fixtureRequest(PayloadType.PersonRecord, n);
  const names =
    options.name === undefined
      ? request.payload.names
      : [
          {
            script: 'Latn',
            language: 'en',
            parts: [{ type: atc.v1.NamePartType.NAME_PART_TYPE_FAMILY, value: options.name }],
          },
        ];
  return row(PayloadType.PersonRecord, sender, n, { recordId, version, names }, options);
}

export function withdrawal(sender: string, n: number, originator: string, recordId: string, options: Options = {}) {
  return row(
    PayloadType.RecordWithdrawal,
    sender,
    n,
    { recordId: `${sender}-W-${n}`, version: 1, target: { originator, recordId, version: 0 } },
    options,
  );
}

import { createHash } from 'node:crypto';
import type { ArchivedMessageRow, LabelledSet } from '@atc/gateway';
import { atc, PayloadType, signEnvelope, toTimestamp } from '@atc/shared';
import { FIXTURE_TIME, fixtureKey, fixtureRequest } from '@atc/shared/testing';

/** Clearly fictitious persons for the person search tests, as archived rows. */

const T = atc.v1.NamePartType;
const KIND = { f: T.NAME_PART_TYPE_FAMILY, g: T.NAME_PART_TYPE_GIVEN, p: T.NAME_PART_TYPE_PATRONYMIC, u: 0 } as const;

/** A name from "f:Testov g:Ivan p:Ivanovich" (kinds f, g, p, u), in `script`. */
export function typedName(script: string, spec: string): atc.v1.PersonName.$Properties {
  return {
    script,
    parts: spec.split(/\s+/).map((item) => {
      const [kind, value] = item.split(':') as [keyof typeof KIND, string];
      return { type: KIND[kind], value: value.replace(/_/g, ' ') };
    }),
  };
}

export interface SearchPersonSpec {
  readonly names: atc.v1.PersonName.$Properties[];
  readonly aliases?: atc.v1.PersonName.$Properties[];
  readonly dateOfBirth?: { year: number; month?: number; day?: number };
  readonly sex?: atc.v1.Sex;
  readonly nationalities?: string[];
  readonly documents?: atc.v1.IdentityDocument.$Properties[];
}

/** Message `n`: version `version` of person `recordId` from `sender` (review date and namespace optional). */
export function searchPersonRow(
  sender: string,
  n: number,
  recordId: string,
  version: number,
  spec: SearchPersonSpec,
  options: { readonly exercise?: boolean; readonly reviewBy?: number } = {},
): ArchivedMessageRow {
  return archivedRow(
    PayloadType.PersonRecord,
    sender,
    n,
    {
      recordId,
      version,
      names: spec.names,
      aliases: spec.aliases ?? [],
      dateOfBirth: spec.dateOfBirth,
      sex: spec.sex ?? 0,
      nationalities: spec.nationalities ?? [],
      documents: spec.documents ?? [],
    },
    options,
  );
}

/** Message `n`: `sender` withdraws its record `recordId`. */
export function searchWithdrawalRow(
  sender: string,
  n: number,
  recordId: string,
  options: { readonly exercise?: boolean } = {},
): ArchivedMessageRow {
  return archivedRow(
    PayloadType.RecordWithdrawal,
    sender,
    n,
    { recordId: `${sender}-W-${n}`, version: 1, target: { originator: sender, recordId, version: 0 } },
    options,
  );
}

function archivedRow(
  type: PayloadType,
  sender: string,
  n: number,
  payload: Record<string, unknown>,
  options: { readonly exercise?: boolean; readonly reviewBy?: number },
): ArchivedMessageRow {
  const request = fixtureRequest(type, n);
  const exercise = options.exercise === true;
  const signed = signEnvelope(fixtureKey(sender), {
    ...request,
    header: {
      ...request.header,
      sender,
      recipients: [sender === 'AM' ? 'RU' : 'AM'],
      exercise,
      handling: {
        tlp: atc.v1.TlpLevel.TLP_LEVEL_AMBER,
        ...(options.reviewBy === undefined ? {} : { reviewBy: toTimestamp(options.reviewBy) }),
      },
    },
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
    exercise,
    correlationId: null,
    inReplyTo: null,
    senderSequence: n,
    kid: fixtureKey(sender).kid,
    reviewBy: options.reviewBy ?? null,
    envelope: signed.bytes,
    envelopeSha256: createHash('sha256').update(signed.bytes).digest(),
  };
}

/** The labelled set's records as archived rows, message `i + 1` for record `i`, each version 1. */
export function labelledRows(set: LabelledSet): ArchivedMessageRow[] {
  return set.records.map((r, i) =>
    searchPersonRow(r.originator, i + 1, r.recordId, 1, {
      names: r.record.names ?? [],
      dateOfBirth: r.record.dateOfBirth as { year: number; month?: number; day?: number },
      sex: r.record.sex ?? atc.v1.Sex.SEX_UNSPECIFIED,
      nationalities: r.record.nationalities ?? [],
      documents: r.record.documents ?? [],
    }),
  );
}

import { createHash } from 'node:crypto';
import type { ArchivedMessageRow } from '@atc/gateway';
import { atc, PayloadType, signEnvelope, signOwnEnvelope } from '@atc/shared';
import { FIXTURE_TIME, fixtureKey, fixtureRequest } from '@atc/shared/testing';

/** Clearly fictitious persons and organisations for the subject tests, as archived rows. */

const { NAME_PART_TYPE_FAMILY: FAMILY, NAME_PART_TYPE_GIVEN: GIVEN } = atc.v1.NamePartType;

/** A name in one script: family then given. */
export function name(script: 'Cyrl' | 'Latn', family: string, given: string) {
  return {
    script,
    parts: [
      { type: FAMILY, value: family },
      { type: GIVEN, value: given },
    ],
  };
}

/** A passport (or another document type) issued by `country`. */
export function passport(number: string, country: string, type = atc.v1.DocumentType.DOCUMENT_TYPE_PASSPORT) {
  return { type, number, issuingCountry: country };
}

export interface PersonSpec {
  readonly names?: ReturnType<typeof name>[];
  readonly documents?: ReturnType<typeof passport>[];
  readonly dateOfBirth?: { year: number; month?: number; day?: number } | null;
  readonly nationalities?: string[];
}

export interface RowOptions {
  readonly exercise?: boolean;
  readonly reviewBy?: number;
  /** Signed without today's payload rules, as a record an older gateway archived. */
  readonly unchecked?: boolean;
}

/** Signs without checking the payload (its message id is the fixture's). */
function signUnchecked(...[signer, request]: Parameters<typeof signEnvelope>): {
  bytes: Uint8Array;
  messageId: string;
} {
  const messageId = request.header.messageId ?? '';
  return signOwnEnvelope(signer, { ...request, header: { ...request.header, messageId } });
}

function archived(
  type: PayloadType,
  sender: string,
  n: number,
  payload: Record<string, unknown>,
  options: RowOptions = {},
): ArchivedMessageRow {
  const request = fixtureRequest(type, n);
  const exercise = options.exercise === true;
  const sign = options.unchecked === true ? signUnchecked : signEnvelope;
  const signed = sign(fixtureKey(sender), {
    ...request,
    header: {
      ...request.header,
      sender,
      recipients: ['AM'],
      exercise,
      handling: {
        tlp: atc.v1.TlpLevel.TLP_LEVEL_AMBER,
        sourceReliability: atc.v1.SourceReliability.SOURCE_RELIABILITY_B,
        informationAssessment: atc.v1.InformationAssessment.INFORMATION_ASSESSMENT_2,
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

/** Message `n`: version `version` of person `recordId` from `sender`. */
export function personRow(
  sender: string,
  n: number,
  recordId: string,
  version: number,
  spec: PersonSpec,
  options: RowOptions = {},
): ArchivedMessageRow {
  return archived(
    PayloadType.PersonRecord,
    sender,
    n,
    {
      recordId,
      version,
      names: spec.names ?? [name('Latn', 'Testov', 'Ivan')],
      aliases: [],
      documents: spec.documents ?? [],
      dateOfBirth: spec.dateOfBirth === null ? undefined : (spec.dateOfBirth ?? { year: 1990, month: 4, day: 1 }),
      nationalities: spec.nationalities ?? [sender],
    },
    options,
  );
}

/** Message `n`: an organisation record. */
export function organizationRow(
  sender: string,
  n: number,
  recordId: string,
  names: string[],
  countries: string[],
  options: RowOptions = {},
): ArchivedMessageRow {
  return archived(
    PayloadType.OrganizationRecord,
    sender,
    n,
    { recordId, version: 1, names: names.map((value) => ({ value, script: 'Latn' })), aliases: [], countries },
    options,
  );
}

/** Message `n`: `sender` withdraws its record `recordId`. */
export function withdrawalRow(
  sender: string,
  n: number,
  recordId: string,
  options: RowOptions = {},
): ArchivedMessageRow {
  return archived(
    PayloadType.RecordWithdrawal,
    sender,
    n,
    { recordId: `${sender}-W-${n}`, version: 1, target: { originator: sender, recordId, version: 0 } },
    options,
  );
}

import { isAtcError, RefusalError } from '../errors/atc-error.js';
import { RefusalCode } from '../errors/refusal-codes.js';
import { atc } from '../proto/protobuf.js';
import type { PayloadOf, PayloadType } from '../proto/payload-types.js';
import { matchKeys } from '../search/match-keys.js';
import { checkDataBankQuery as checkSearchQuery } from '../search/query-rules.js';
import { isMemberId } from '../util/member-id.js';
import { timestampProblem } from '../util/time.js';
import { isUuidV7 } from '../util/uuid-v7.js';

/** Length of the random nonce every payload carries. */
export const NONCE_BYTES = 16;

/**
 * The most entries a record may list in each of its lists (names, aliases, documents,
 * nationalities, countries, designations, related records). The data bank derives keys from
 * them (an organisation has one per name and country, a person's names are read under each
 * date of birth that can agree), so an unbounded list would let one record stall it.
 */
export const MAX_LIST_ENTRIES = 100;
/** The most parts one name may have. */
export const MAX_NAME_PARTS = 20;

const COUNTRY = /^[A-Z]{2}$/;
const SCRIPT = /^[A-Z][a-z]{3}$/;

type Check = (path: string, problem: string) => never;

const fail: Check = (path, problem) => {
  throw new RefusalError(RefusalCode.PAYLOAD_MALFORMED, `${path} ${problem}`, { field: path });
};

const isText = (value: string): boolean => value.trim() !== '';
const REQUIRED = 'is required';

function requireText(value: string, path: string): void {
  if (!isText(value)) fail(path, REQUIRED);
}

const listSizeProblem = (length: number, max: number): string =>
  `has ${length} entries; at most ${max} are allowed (keep the most useful, drop duplicates)`;

function checkListSize(list: readonly unknown[], path: string, max = MAX_LIST_ENTRIES): void {
  if (list.length > max) fail(path, listSizeProblem(list.length, max));
}

function requireEnum(value: number, path: string): void {
  if (value === 0) fail(path, REQUIRED);
}

const countryProblem = (code: string): string => `must be an ISO 3166-1 alpha-2 code, got ${JSON.stringify(code)}`;

function checkCountries(values: readonly string[], path: string): void {
  checkListSize(values, path);
  values.forEach((c, i) => {
    if (!COUNTRY.test(c)) fail(`${path}[${i}]`, countryProblem(c));
  });
}

/** What is wrong with a partial date, if anything: the part and a phrase to follow its name (as timestampProblem). */
function dateProblem(
  d: atc.v1.PartialDate.$Properties | null | undefined,
): { part: 'year' | 'month' | 'day'; problem: string } | undefined {
  if (d === null || d === undefined) return undefined;
  const year = d.year ?? 0;
  const month = d.month ?? 0;
  const day = d.day ?? 0;
  if (year > 9999) return { part: 'year', problem: 'must be at most 9999' };
  if (month > 12) return { part: 'month', problem: 'must be 1-12' };
  if (day > 31) return { part: 'day', problem: 'must be 1-31' };
  if (month !== 0 && year === 0) return { part: 'month', problem: 'needs a year' };
  if (day !== 0 && month === 0) return { part: 'day', problem: 'needs a month' };
  return undefined;
}

/** A person's document's dates. */
const DOCUMENT_DATES = ['issuedOn', 'expiresOn'] as const;

function checkDate(d: atc.v1.PartialDate.$Properties | null | undefined, path: string): void {
  const wrong = dateProblem(d);
  if (wrong !== undefined) fail(`${path}.${wrong.part}`, wrong.problem);
}

/** A protobuf Timestamp inside google's range (years 1-9999, nanos 0-999999999). */
function checkTimestamp(ts: { seconds?: number | null; nanos?: number | null } | null | undefined, path: string): void {
  if (ts === null || ts === undefined) return;
  const wrong = timestampProblem(ts);
  if (wrong !== undefined) fail(`${path}.${wrong.part}`, wrong.problem);
}

function checkRefs(refs: readonly atc.v1.RecordRef.$Properties[], path: string): void {
  checkListSize(refs, path);
  refs.forEach((r, i) => {
    checkRef(r, `${path}[${i}]`);
  });
}

function checkRef(r: atc.v1.RecordRef.$Properties | null | undefined, path: string): void {
  if (r === null || r === undefined) return fail(path, 'is required');
  if (!isMemberId(r.originator ?? '')) fail(`${path}.originator`, 'must be a member id');
  requireText(r.recordId ?? '', `${path}.recordId`);
}

const scriptProblem = (script: string): string =>
  `must be an ISO 15924 script code such as Cyrl or Latn, got ${JSON.stringify(script)}`;

function checkScript(script: string, path: string): void {
  if (!SCRIPT.test(script)) fail(path, scriptProblem(script));
}

// The checks below that run for every name and document of every record build a field's path
// only when they refuse it (with the conditions and refusals of the checks above: isText,
// listSizeProblem, countryProblem, scriptProblem): building it for each one was about 3% of
// what the gateway's main thread allocates per message.

function checkPersonNames(names: readonly atc.v1.PersonName.$Properties[], path: string): void {
  names.forEach((n, i) => {
    const parts = n.parts ?? [];
    if (parts.length === 0) fail(`${path}[${i}].parts`, 'needs at least one part');
    parts.forEach((part, j) => {
      if (!isText(part.value ?? '')) fail(`${path}[${i}].parts[${j}].value`, REQUIRED);
    });
    const script = n.script ?? '';
    if (!SCRIPT.test(script)) fail(`${path}[${i}].script`, scriptProblem(script));
  });
}

/** A record's names: bounded in number and parts (a query has tighter bounds of its own). */
function checkRecordNames(names: readonly atc.v1.PersonName.$Properties[], path: string): void {
  checkListSize(names, path);
  names.forEach((n, i) => {
    const parts = n.parts ?? [];
    if (parts.length > MAX_NAME_PARTS) fail(`${path}[${i}].parts`, listSizeProblem(parts.length, MAX_NAME_PARTS));
  });
  checkPersonNames(names, path);
}

function checkOrgNames(names: readonly atc.v1.OrganizationName.$Properties[], path: string): void {
  checkListSize(names, path);
  names.forEach((n, i) => {
    requireText(n.value ?? '', `${path}[${i}].value`);
    checkScript(n.script ?? '', `${path}[${i}].script`);
  });
}

/**
 * A DataBankQuery by the search's own rules (query-rules.ts: breadth, limit, sizes, names read
 * through the match keys), each refusal with a code of the wire: QUERY_TOO_BROAD,
 * QUERY_LIMIT_INVALID, QUERY_NAME_UNREADABLE for a name part the tables cannot read, and
 * PAYLOAD_MALFORMED for a query over the size caps.
 */
function checkDataBankQuery(p: atc.v1.DataBankQuery): void {
  checkPersonNames(p.names, 'DataBankQuery.names');
  checkDate(p.dateOfBirth, 'DataBankQuery.dateOfBirth');
  checkCountries(p.nationalities, 'DataBankQuery.nationalities');
  p.documents.forEach((d, i) => {
    const path = `DataBankQuery.documents[${i}]`;
    requireText(d.number ?? '', `${path}.number`);
    if ((d.issuingCountry ?? '') !== '') checkCountries([d.issuingCountry ?? ''], `${path}.issuingCountry`);
  });
  p.names.forEach((n, i) => {
    (n.parts ?? []).forEach((part, j) => {
      readableNamePart(part.value ?? '', `DataBankQuery.names[${i}].parts[${j}].value`);
    });
  });
  try {
    checkSearchQuery(p);
  } catch (e) {
    if (!isAtcError(e)) throw e;
    const detail = e.message.replace(/\.$/, '');
    if (e.code === RefusalCode.QUERY_TOO_BROAD)
      throw new RefusalError(e.code, detail, { field: 'DataBankQuery.names', cause: e });
    if (e.code === RefusalCode.QUERY_LIMIT_INVALID)
      throw new RefusalError(e.code, detail, { field: 'DataBankQuery.limit', cause: e });
    throw new RefusalError(RefusalCode.PAYLOAD_MALFORMED, detail, { field: 'DataBankQuery', cause: e });
  }
}

/** A refusal naming the part when the search cannot read a query's name part at all. */
function readableNamePart(value: string, path: string): void {
  try {
    matchKeys(value);
  } catch (e) {
    if (!isAtcError(e)) throw e;
    const reason = e.message.replace(/\.$/, '');
    throw new RefusalError(RefusalCode.QUERY_NAME_UNREADABLE, `${path} cannot be searched: ${reason}`, {
      field: path,
      cause: e,
    });
  }
}

function checkHit(h: atc.v1.DataBankHit.$Properties, path: string): void {
  checkRef(h.record, `${path}.record`);
  if ((h.score ?? 0) > 1000) fail(`${path}.score`, 'must be 0..1000');
  if (h.restricted === true && ((h.envelope?.length ?? 0) > 0 || (h.reasons?.length ?? 0) > 0))
    fail(path, 'is restricted and must carry no envelope and no reasons');
}

/** Fields every data record has. */
interface RecordBase {
  nonce: Uint8Array;
  recordId: string;
  version: number;
}

function checkRecordBase(r: RecordBase, name: string): void {
  requireText(r.recordId, `${name}.recordId`);
  if (r.recordId.length > 128) fail(`${name}.recordId`, 'must be at most 128 characters');
  if (r.version < 1) fail(`${name}.version`, 'must be 1 or more');
}

const rules: { [T in PayloadType]: (p: PayloadOf[T]) => void } = {
  'atc.v1.PersonRecord': (p) => {
    checkRecordBase(p, 'PersonRecord');
    requireEnum(p.category, 'PersonRecord.category');
    if (p.names.length === 0) fail('PersonRecord.names', 'needs at least one name');
    checkRecordNames(p.names, 'PersonRecord.names');
    checkRecordNames(p.aliases, 'PersonRecord.aliases');
    checkDate(p.dateOfBirth, 'PersonRecord.dateOfBirth');
    checkCountries(p.nationalities, 'PersonRecord.nationalities');
    checkListSize(p.documents, 'PersonRecord.documents');
    p.documents.forEach((d, i) => {
      const path = (field: string): string => `PersonRecord.documents[${i}].${field}`;
      if (!isText(d.number ?? '')) fail(path('number'), REQUIRED);
      const country = d.issuingCountry ?? '';
      if (country !== '' && !COUNTRY.test(country)) fail(`${path('issuingCountry')}[0]`, countryProblem(country));
      for (const field of DOCUMENT_DATES) {
        const wrong = dateProblem(d[field]);
        if (wrong !== undefined) fail(`${path(field)}.${wrong.part}`, wrong.problem);
      }
    });
    checkRefs(p.related, 'PersonRecord.related');
  },
  'atc.v1.OrganizationRecord': (p) => {
    checkRecordBase(p, 'OrganizationRecord');
    requireEnum(p.category, 'OrganizationRecord.category');
    if (p.names.length === 0) fail('OrganizationRecord.names', 'needs at least one name');
    checkOrgNames(p.names, 'OrganizationRecord.names');
    checkOrgNames(p.aliases, 'OrganizationRecord.aliases');
    checkCountries(p.countries, 'OrganizationRecord.countries');
    checkListSize(p.designations, 'OrganizationRecord.designations');
    p.designations.forEach((d, i) => {
      checkDate(d.designatedOn, `OrganizationRecord.designations[${i}].designatedOn`);
    });
    checkRefs(p.related, 'OrganizationRecord.related');
  },
  'atc.v1.IncidentReport': (p) => {
    checkRecordBase(p, 'IncidentReport');
    requireEnum(p.category, 'IncidentReport.category');
    requireText(p.title, 'IncidentReport.title');
    checkTimestamp(p.occurredAt, 'IncidentReport.occurredAt');
    if (p.country !== '') checkCountries([p.country], 'IncidentReport.country');
    checkRefs(p.related, 'IncidentReport.related');
  },
  'atc.v1.InformationRequest': (p) => {
    checkRecordBase(p, 'InformationRequest');
    requireText(p.subject, 'InformationRequest.subject');
    if (p.questions.length === 0) fail('InformationRequest.questions', 'needs at least one question');
    p.questions.forEach((q, i) => {
      requireText(q, `InformationRequest.questions[${i}]`);
    });
    checkRefs(p.about, 'InformationRequest.about');
  },
  'atc.v1.InformationResponse': (p) => {
    checkRecordBase(p, 'InformationResponse');
    requireEnum(p.outcome, 'InformationResponse.outcome');
    checkRefs(p.related, 'InformationResponse.related');
  },
  'atc.v1.RecordWithdrawal': (p) => {
    checkRecordBase(p, 'RecordWithdrawal');
    checkRef(p.target, 'RecordWithdrawal.target');
    requireEnum(p.reason, 'RecordWithdrawal.reason');
  },
  'atc.v1.Notice': (p) => {
    checkRecordBase(p, 'Notice');
    requireEnum(p.category, 'Notice.category');
    requireText(p.title, 'Notice.title');
    checkTimestamp(p.validUntil, 'Notice.validUntil');
  },
  'atc.v1.DeliveryAck': (p) => {
    if (!isUuidV7(p.messageId)) fail('DeliveryAck.messageId', 'must be the UUIDv7 of the delivered message');
    if (p.deliveredAt === null || p.deliveredAt === undefined) fail('DeliveryAck.deliveredAt', 'is required');
    checkTimestamp(p.deliveredAt, 'DeliveryAck.deliveredAt');
  },
  'atc.v1.PurgeAck': (p) => {
    if (!isUuidV7(p.withdrawalMessageId))
      fail('PurgeAck.withdrawalMessageId', 'must be the UUIDv7 of the RecordWithdrawal it answers');
    if (!isMemberId(p.originator)) fail('PurgeAck.originator', 'must be a member id');
    requireText(p.recordId, 'PurgeAck.recordId');
    if (p.versions.length === 0) fail('PurgeAck.versions', 'needs at least one version');
    p.versions.forEach((v, i) => {
      if (v < 1) fail(`PurgeAck.versions[${i}]`, 'must be 1 or more');
      if (i > 0 && v <= p.versions[i - 1]!) fail(`PurgeAck.versions[${i}]`, 'must be greater than the one before');
    });
    if (p.erasedAt === null || p.erasedAt === undefined) fail('PurgeAck.erasedAt', 'is required');
    checkTimestamp(p.erasedAt, 'PurgeAck.erasedAt');
  },
  'atc.v1.DataBankQuery': checkDataBankQuery,
  'atc.v1.DataBankResult': (p) => {
    if (!isUuidV7(p.queryMessageId)) fail('DataBankResult.queryMessageId', 'must be the UUIDv7 of the query');
    p.hits.forEach((h, i) => {
      checkHit(h, `DataBankResult.hits[${i}]`);
    });
    if (p.refusalCode !== '') {
      if (!/^ERR_[A-Z0-9_]{1,60}$/.test(p.refusalCode)) fail('DataBankResult.refusalCode', 'must be an ERR_ code');
      if (p.hits.length > 0) fail('DataBankResult.hits', 'must be empty when the query was refused');
    }
  },
  'atc.v1.Receipt': (p) => {
    // Empty only when the gateway refused bytes that carry no usable message id: the
    // submitter then matches the receipt by envelope_sha256.
    const unidentified =
      p.messageId === '' && p.status === atc.v1.ReceiptStatus.RECEIPT_STATUS_REJECTED && p.envelopeSha256.length === 32;
    if (!unidentified && !isUuidV7(p.messageId)) fail('Receipt.messageId', 'must be the UUIDv7 of the submission');
    requireEnum(p.status, 'Receipt.status');
    checkTimestamp(p.at, 'Receipt.at');
  },
  'atc.v1.KeyEvent': (p) => {
    requireEnum(p.type, 'KeyEvent.type');
    if (!isMemberId(p.memberId)) fail('KeyEvent.memberId', 'must be a member id');
    requireText(p.kid, 'KeyEvent.kid');
    checkTimestamp(p.validFrom, 'KeyEvent.validFrom');
    checkTimestamp(p.validUntil, 'KeyEvent.validUntil');
    checkTimestamp(p.revokedAt, 'KeyEvent.revokedAt');
  },
};

/**
 * Checks the fields a payload of `type` must have, beyond what protobuf itself enforces:
 * the 16-byte nonce, record id and version, categories, names with their script, valid
 * partial dates and country codes, and lists of at most {@link MAX_LIST_ENTRIES} entries.
 *
 * @throws RefusalError PAYLOAD_MALFORMED naming the field.
 */
export function validatePayload<T extends PayloadType>(type: T, payload: PayloadOf[T]): void {
  const nonce = (payload as { nonce: Uint8Array }).nonce;
  if (nonce.length !== NONCE_BYTES)
    fail(`${type.slice('atc.v1.'.length)}.nonce`, `must be ${NONCE_BYTES} random bytes`);
  rules[type](payload);
}

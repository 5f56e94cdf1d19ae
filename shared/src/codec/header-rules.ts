import { RefusalError } from '../errors/atc-error.js';
import { RefusalCode } from '../errors/refusal-codes.js';
import { atc } from '../proto/protobuf.js';
import { isPayloadType, payloadKind } from '../proto/payload-types.js';
import { isMemberId } from '../util/member-id.js';
import { timestampProblem } from '../util/time.js';
import { isUuidV7 } from '../util/uuid-v7.js';

/** The protocol version this library speaks. */
export const PROTOCOL_VERSION = 1;

/** Upper bounds of free-text header fields, in characters. */
const TEXT_LIMITS = { purpose: 1000, legalBasis: 1000, correlationId: 200 } as const;

/** Largest number of named recipients in one message. */
export const MAX_RECIPIENTS = 256;

function missing(field: string): never {
  throw new RefusalError(RefusalCode.HEADER_FIELD_MISSING, `header.${field} is missing`, { field });
}

function invalid(field: string, problem: string): never {
  throw new RefusalError(RefusalCode.HEADER_FIELD_INVALID, `header.${field} ${problem}`, { field });
}

function memberId(value: string, field: string): void {
  if (!isMemberId(value)) {
    throw new RefusalError(
      RefusalCode.MEMBER_ID_INVALID,
      `header.${field} ${JSON.stringify(value)} is not a member id`,
      { field },
    );
  }
}

function timestamp(ts: atc.v1.Header['createdAt'], field: string): void {
  if (ts === null || ts === undefined) return;
  const wrong = timestampProblem(ts);
  if (wrong !== undefined) invalid(`${field}.${wrong.part}`, wrong.problem);
}

function enumValue(values: object, value: number, field: string): void {
  if (!Object.values(values).includes(value)) invalid(field, `has an unknown value ${value}`);
}

/**
 * Checks a decoded header against the protocol's rules, field by field in field-number
 * order, so that the first problem found is always the same one.
 *
 * @throws RefusalError naming the field: HEADER_FIELD_MISSING, HEADER_FIELD_INVALID,
 *   PROTOCOL_UNSUPPORTED, MESSAGE_ID_INVALID, MEMBER_ID_INVALID or PAYLOAD_TYPE_UNKNOWN.
 */
export function validateHeader(h: atc.v1.Header): void {
  if (h.protocol === 0) missing('protocol');
  if (h.protocol !== PROTOCOL_VERSION) {
    throw new RefusalError(
      RefusalCode.PROTOCOL_UNSUPPORTED,
      `header.protocol is ${h.protocol}; this gateway speaks protocol ${PROTOCOL_VERSION}`,
      { field: 'protocol' },
    );
  }
  if (h.messageId === '') missing('messageId');
  if (!isUuidV7(h.messageId)) {
    throw new RefusalError(
      RefusalCode.MESSAGE_ID_INVALID,
      `header.messageId ${JSON.stringify(h.messageId.slice(0, 64))} is not a lowercase UUIDv7`,
      { field: 'messageId' },
    );
  }
  if (h.sender === '') missing('sender');
  memberId(h.sender, 'sender');

  if (h.recipients.length > MAX_RECIPIENTS) invalid('recipients', `names more than ${MAX_RECIPIENTS} members`);
  h.recipients.forEach((r, i) => {
    memberId(r, `recipients[${i}]`);
  });
  if (new Set(h.recipients).size !== h.recipients.length) invalid('recipients', 'names a member more than once');
  if (h.recipients.includes(h.sender)) invalid('recipients', 'names the sender');
  if (h.broadcast && h.recipients.length > 0) invalid('broadcast', 'is set together with recipients');
  if (!h.broadcast && h.recipients.length === 0) missing('recipients');

  if (h.createdAt === null || h.createdAt === undefined) missing('createdAt');
  timestamp(h.createdAt, 'createdAt');

  if (h.payloadType === '') missing('payloadType');
  if (!isPayloadType(h.payloadType)) {
    throw new RefusalError(
      RefusalCode.PAYLOAD_TYPE_UNKNOWN,
      `header.payloadType ${JSON.stringify(h.payloadType.slice(0, 100))} is not a payload type of protocol ${PROTOCOL_VERSION}`,
      { field: 'payloadType' },
    );
  }
  if (h.payloadSha256.length === 0) missing('payloadSha256');
  if (h.payloadSha256.length !== 32) invalid('payloadSha256', 'must be 32 bytes');

  if (h.handling === null || h.handling === undefined) missing('handling');
  const handling = h.handling;
  if ((handling.tlp ?? 0) === 0) missing('handling.tlp');
  enumValue(atc.v1.TlpLevel, handling.tlp ?? 0, 'handling.tlp');
  enumValue(atc.v1.SourceReliability, handling.sourceReliability ?? 0, 'handling.sourceReliability');
  enumValue(atc.v1.InformationAssessment, handling.informationAssessment ?? 0, 'handling.informationAssessment');
  timestamp(handling.reviewBy, 'handling.reviewBy');

  const isRecord = payloadKind(h.payloadType) === 'record';
  if (isRecord && h.purpose.trim() === '') missing('purpose');
  if (isRecord && h.legalBasis.trim() === '') missing('legalBasis');
  for (const [field, limit] of Object.entries(TEXT_LIMITS)) {
    const value = h[field as keyof typeof TEXT_LIMITS];
    if (value.length > limit) invalid(field, `is longer than ${limit} characters`);
  }

  if (h.urgency === atc.v1.Urgency.URGENCY_UNSPECIFIED) missing('urgency');
  enumValue(atc.v1.Urgency, h.urgency, 'urgency');
  timestamp(h.replyDueAt, 'replyDueAt');
  if (h.inReplyTo !== '' && !isUuidV7(h.inReplyTo)) {
    throw new RefusalError(RefusalCode.MESSAGE_ID_INVALID, 'header.inReplyTo is not a lowercase UUIDv7', {
      field: 'inReplyTo',
    });
  }
  if (h.senderSequence === 0) missing('senderSequence');
  if (!Number.isSafeInteger(h.senderSequence)) invalid('senderSequence', 'is larger than 2^53');
}

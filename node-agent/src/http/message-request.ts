import { createHash } from 'node:crypto';
import {
  type atc,
  fromTimestamp,
  JsonFieldsError,
  MAX_RECIPIENTS,
  parseRfc3339Timestamp,
  RFC3339_PATTERN,
  UUID_V7_PATTERN,
  payloadFromJson,
  protocolEnumNames,
  type EnumNames,
  type PayloadInput,
  PayloadType,
  replyDueProblem,
} from '@atc/shared';
import type { ComposeHeader } from '../messages/message-composer.js';

/** Record types integrators send, by short name. */
export const RECORD_TYPES = [
  'PersonRecord',
  'OrganizationRecord',
  'IncidentReport',
  'InformationRequest',
  'InformationResponse',
  'RecordWithdrawal',
  'Notice',
] as const;

/** The names of the header's enums the request uses, e.g. `AMBER` for `TLP_LEVEL_AMBER`. */
const TLP = protocolEnumNames<atc.v1.TlpLevel>('atc.v1.TlpLevel');
const URGENCY = protocolEnumNames<atc.v1.Urgency>('atc.v1.Urgency');
const RELIABILITY = protocolEnumNames<atc.v1.SourceReliability>('atc.v1.SourceReliability');
const ASSESSMENT = protocolEnumNames<atc.v1.InformationAssessment>('atc.v1.InformationAssessment');

/** JSON Schema of the body of `POST /v1/messages`. */
export const messageRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'record', 'handling', 'purpose', 'legalBasis'],
  properties: {
    type: { type: 'string', enum: RECORD_TYPES, description: 'The record type, e.g. PersonRecord.' },
    record: { type: 'object', description: 'The record in its JSON form (see the record schemas).' },
    recipients: {
      type: 'array',
      maxItems: MAX_RECIPIENTS,
      uniqueItems: true,
      items: { type: 'string', pattern: '^[A-Z][A-Z0-9]{1,15}$' },
      description: 'Member ids of the addressees; omit when broadcast is true.',
    },
    broadcast: { type: 'boolean', description: 'Send to every active member (never for TLP RED).' },
    handling: {
      type: 'object',
      additionalProperties: false,
      required: ['tlp'],
      properties: {
        tlp: { type: 'string', enum: TLP.shortNames },
        noOnwardTransmission: { type: 'boolean' },
        noJudicialUse: { type: 'boolean' },
        hitNoHitOnly: {
          type: 'boolean',
          description:
            "Members' searches of the data bank learn only that the record exists (originator, reference, score).",
        },
        otherConditions: { type: 'string', maxLength: 1000 },
        sourceReliability: { type: 'string', enum: RELIABILITY.shortNames },
        informationAssessment: { type: 'string', enum: ASSESSMENT.shortNames },
        reviewBy: { type: 'string', pattern: RFC3339_PATTERN },
      },
    },
    purpose: { type: 'string', minLength: 1, maxLength: 1000 },
    legalBasis: { type: 'string', minLength: 1, maxLength: 1000 },
    urgency: { type: 'string', enum: URGENCY.shortNames, description: 'Default NORMAL.' },
    replyDueAt: { type: 'string', pattern: RFC3339_PATTERN },
    correlationId: { type: 'string', maxLength: 200 },
    inReplyTo: { type: 'string', pattern: UUID_V7_PATTERN },
    exercise: { type: 'boolean', description: 'Joint-exercise traffic, never mixed into operational records.' },
  },
} as const;

/** The validated body of `POST /v1/messages`. */
export interface MessageRequestBody {
  readonly type: (typeof RECORD_TYPES)[number];
  readonly record: Record<string, unknown>;
  readonly recipients?: readonly string[];
  readonly broadcast?: boolean;
  readonly handling: {
    /** A short name of TlpLevel, e.g. `AMBER`. */
    readonly tlp: string;
    readonly noOnwardTransmission?: boolean;
    readonly noJudicialUse?: boolean;
    readonly hitNoHitOnly?: boolean;
    readonly otherConditions?: string;
    readonly sourceReliability?: string;
    readonly informationAssessment?: string;
    readonly reviewBy?: string;
  };
  readonly purpose: string;
  readonly legalBasis: string;
  readonly urgency?: string;
  readonly replyDueAt?: string;
  readonly correlationId?: string;
  readonly inReplyTo?: string;
  readonly exercise?: boolean;
}

/**
 * The number of `name` in `names`; 0 (UNSPECIFIED, which the header rules refuse where a
 * value is required) for a name the schema would not have let through.
 */
function wireValue<V extends number>(names: EnumNames<V>, name: string | undefined): V {
  const unspecified = 0 as V;
  return name === undefined ? unspecified : (names.valueOf(name) ?? unspecified);
}

/** An RFC 3339 field of the request as a protobuf Timestamp; impossible dates are refused. */
const timestamp = (text: string | undefined, field: string): { seconds: number; nanos: number } | undefined => {
  if (text === undefined) return undefined;
  const parsed = parseRfc3339Timestamp(text);
  if (!parsed.ok) throw new JsonFieldsError('message', [{ field, message: parsed.problem }]);
  return parsed.value;
};

/** The header fields and payload of a validated request, ready for the composer. */
export function toComposeRequest(
  body: MessageRequestBody,
  now = Date.now(),
): {
  readonly payloadType: PayloadType;
  readonly payload: PayloadInput<PayloadType>;
  readonly header: ComposeHeader;
} {
  const payloadType = `atc.v1.${body.type}` as PayloadType;
  const payload = payloadFromJson(payloadType, body.record, { path: 'record' });
  const h = body.handling;
  const reviewBy = timestamp(h.reviewBy, 'handling.reviewBy');
  const replyDueAt = timestamp(body.replyDueAt, 'replyDueAt');
  if (replyDueAt !== undefined && payloadType === PayloadType.InformationRequest) {
    // Held to the centre's rule now, rather than refused in a receipt after it was queued.
    const problem = replyDueProblem(now, fromTimestamp(replyDueAt)!);
    if (problem !== undefined) throw new JsonFieldsError('message', [{ field: 'replyDueAt', message: problem }]);
  }
  const header: ComposeHeader = {
    recipients: [...(body.recipients ?? [])],
    broadcast: body.broadcast ?? false,
    handling: {
      tlp: wireValue(TLP, h.tlp),
      noOnwardTransmission: h.noOnwardTransmission ?? false,
      noJudicialUse: h.noJudicialUse ?? false,
      hitNoHitOnly: h.hitNoHitOnly ?? false,
      otherConditions: h.otherConditions ?? '',
      sourceReliability: wireValue(RELIABILITY, h.sourceReliability),
      informationAssessment: wireValue(ASSESSMENT, h.informationAssessment),
      ...(reviewBy === undefined ? {} : { reviewBy }),
    },
    purpose: body.purpose,
    legalBasis: body.legalBasis,
    urgency: wireValue(URGENCY, body.urgency ?? 'NORMAL'),
    ...(replyDueAt === undefined ? {} : { replyDueAt }),
    correlationId: body.correlationId ?? '',
    inReplyTo: body.inReplyTo ?? '',
    exercise: body.exercise ?? false,
  };
  return { payloadType, payload, header };
}

/** A digest of the request that tells a retry (same digest) from a different request. */
export function requestDigest(body: unknown): Buffer {
  return createHash('sha256').update(canonicalJson(body)).digest();
}

/** JSON with object keys sorted, so that key order does not change the digest. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

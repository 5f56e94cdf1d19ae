import { createHash } from 'node:crypto';
import { keyPairFromSeed, type KeyPair } from '../keys/key-pair.js';
import { atc } from '../proto/protobuf.js';
import { PayloadType, type PayloadInput } from '../proto/payload-types.js';
import type { HeaderInput, SignRequest } from '../signing/sign-envelope.js';
import { toTimestamp } from '../util/time.js';

/**
 * Deterministic fixtures for tests and interop vectors. The keys are derived from public
 * strings: they are known to everyone and must never be registered in a real federation.
 */

const fixtureKeys = new Map<string, KeyPair>();

/** A fixed Ed25519 key pair for `member`, derived from its name. */
export function fixtureKey(member: string): KeyPair {
  let key = fixtureKeys.get(member);
  if (key === undefined) {
    key = keyPairFromSeed(createHash('sha256').update(`atc-exchange fixture key ${member}`).digest());
    fixtureKeys.set(member, key);
  }
  return key;
}

/** The fixed creation time of fixture messages: 2026-01-15T09:30:00Z. */
export const FIXTURE_TIME = Date.UTC(2026, 0, 15, 9, 30, 0);

/** A fixed UUIDv7 for fixture message `n` (its time is FIXTURE_TIME). */
export function fixtureMessageId(n: number): string {
  const ms = FIXTURE_TIME.toString(16).padStart(12, '0');
  const tail = n.toString(16).padStart(12, '0');
  return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7000-8000-${tail}`;
}

/** A fixed nonce for fixture message `n`. */
export function fixtureNonce(n: number): Uint8Array {
  return createHash('sha256').update(`nonce ${n}`).digest().subarray(0, 16);
}

const AMBER = { tlp: atc.v1.TlpLevel.TLP_LEVEL_AMBER, noOnwardTransmission: true };

/** The header of fixture message `n` from `sender` to `recipients`. */
export function fixtureHeader(n: number, sender: string, recipients: readonly string[]): HeaderInput {
  return {
    messageId: fixtureMessageId(n),
    sender,
    recipients: [...recipients],
    createdAt: toTimestamp(FIXTURE_TIME),
    handling: AMBER,
    purpose: 'Counter-terrorism information exchange (synthetic test data)',
    legalBasis: 'Fictitious agreement on information exchange, art. 5',
    urgency: atc.v1.Urgency.URGENCY_NORMAL,
    senderSequence: n,
    exercise: true,
  };
}

const ref = { originator: 'KZ', recordId: 'KZ-P-0001', version: 1 };

/** A valid, clearly fictitious record of each payload type. */
export const fixturePayloads: { readonly [T in PayloadType]: PayloadInput<T> } = {
  'atc.v1.PersonRecord': {
    recordId: 'KZ-P-0001',
    version: 1,
    category: atc.v1.PersonCategory.PERSON_CATEGORY_SUSPECT,
    names: [
      {
        script: 'Cyrl',
        language: 'ru',
        parts: [
          { type: atc.v1.NamePartType.NAME_PART_TYPE_FAMILY, value: 'Тестов' },
          { type: atc.v1.NamePartType.NAME_PART_TYPE_GIVEN, value: 'Иван' },
          { type: atc.v1.NamePartType.NAME_PART_TYPE_PATRONYMIC, value: 'Примерович' },
        ],
      },
      {
        script: 'Latn',
        parts: [
          { type: atc.v1.NamePartType.NAME_PART_TYPE_FAMILY, value: 'Testov' },
          { type: atc.v1.NamePartType.NAME_PART_TYPE_GIVEN, value: 'Ivan' },
          { type: atc.v1.NamePartType.NAME_PART_TYPE_PATRONYMIC, value: 'Primerovich' },
        ],
      },
    ],
    aliases: [{ script: 'Latn', parts: [{ type: atc.v1.NamePartType.NAME_PART_TYPE_OTHER, value: 'Example' }] }],
    dateOfBirth: { year: 1990, month: 4 },
    placeOfBirth: 'Fictional town',
    sex: atc.v1.Sex.SEX_MALE,
    nationalities: ['KZ'],
    documents: [{ type: atc.v1.DocumentType.DOCUMENT_TYPE_PASSPORT, number: 'N00000000', issuingCountry: 'KZ' }],
    legalBasis: 'Fictitious court decision 0/0000',
    summary: 'Synthetic record for tests.',
  },
  'atc.v1.OrganizationRecord': {
    recordId: 'KZ-O-0001',
    version: 1,
    category: atc.v1.OrganizationCategory.ORGANIZATION_CATEGORY_EXTREMIST,
    names: [
      { value: 'Пример-Групп', script: 'Cyrl' },
      { value: 'Primer Group', script: 'Latn' },
    ],
    countries: ['KZ', 'KG'],
    designations: [{ authority: 'Fictitious court', reference: '0/0000', designatedOn: { year: 2020 } }],
    legalBasis: 'Fictitious designation 0/0000',
    summary: 'Synthetic organisation for tests.',
    related: [ref],
  },
  'atc.v1.IncidentReport': {
    recordId: 'KZ-I-0001',
    version: 1,
    category: atc.v1.IncidentCategory.INCIDENT_CATEGORY_BORDER_CROSSING,
    occurredAt: toTimestamp(FIXTURE_TIME - 3_600_000),
    country: 'KZ',
    location: 'Fictional border post',
    title: 'Synthetic border crossing',
    related: [ref],
  },
  'atc.v1.InformationRequest': {
    recordId: 'KZ-R-0001',
    version: 1,
    subject: 'Synthetic request about a fictitious person',
    questions: ['Is the person known to your service?', 'Known travel in the last 12 months?'],
    about: [ref],
  },
  'atc.v1.InformationResponse': {
    recordId: 'BY-A-0001',
    version: 1,
    outcome: atc.v1.ResponseOutcome.RESPONSE_OUTCOME_NO_INFORMATION,
    answers: ['Not known.', 'No records.'],
  },
  'atc.v1.RecordWithdrawal': {
    recordId: 'KZ-W-0001',
    version: 1,
    target: ref,
    reason: atc.v1.WithdrawalReason.WITHDRAWAL_REASON_INACCURATE,
    explanation: 'Synthetic withdrawal.',
  },
  'atc.v1.Notice': {
    recordId: 'KZ-N-0001',
    version: 1,
    category: atc.v1.NoticeCategory.NOTICE_CATEGORY_SERVICE,
    title: 'Synthetic maintenance notice',
    body: 'Nothing happens; this is test data.',
  },
  'atc.v1.DeliveryAck': {
    messageId: fixtureMessageId(1),
    deliveredAt: toTimestamp(FIXTURE_TIME + 1_000),
    channel: atc.v1.DeliveryChannel.DELIVERY_CHANNEL_WEBHOOK,
  },
  'atc.v1.Receipt': {
    messageId: fixtureMessageId(1),
    status: atc.v1.ReceiptStatus.RECEIPT_STATUS_ACCEPTED,
    recipients: ['BY'],
    at: toTimestamp(FIXTURE_TIME + 500),
  },
  'atc.v1.KeyEvent': {
    type: atc.v1.KeyEventType.KEY_EVENT_TYPE_REGISTERED,
    memberId: 'KZ',
    kid: fixtureKey('KZ').kid,
    publicJwk: JSON.stringify(fixtureKey('KZ').publicJwk),
    validFrom: toTimestamp(FIXTURE_TIME - 86_400_000),
  },
  'atc.v1.PurgeAck': {
    // Fixture message 6 is the RecordWithdrawal of the interop vectors.
    withdrawalMessageId: fixtureMessageId(6),
    originator: 'KZ',
    recordId: 'KZ-P-0001',
    versions: [1],
    erasedAt: toTimestamp(FIXTURE_TIME + 2_000),
    count: 1,
  },
  'atc.v1.DataBankQuery': {
    names: [
      {
        script: 'Cyrl',
        language: 'ru',
        parts: [
          { type: atc.v1.NamePartType.NAME_PART_TYPE_FAMILY, value: 'Тестов' },
          { type: atc.v1.NamePartType.NAME_PART_TYPE_GIVEN, value: 'Пример' },
        ],
      },
    ],
    dateOfBirth: { year: 1980 },
    nationalities: ['KZ'],
    limit: 10,
  },
  'atc.v1.DataBankResult': {
    // Fixture message 12 is the DataBankQuery of the interop vectors.
    queryMessageId: fixtureMessageId(12),
    hits: [{ record: ref, score: 912, restricted: true, subjectId: 'S-0001' }],
  },
};

/** Who sends each payload type in fixtures, and to whom. */
export function fixtureRoute(type: PayloadType): { sender: string; recipients: readonly string[] } {
  switch (type) {
    case PayloadType.InformationResponse:
    case PayloadType.DeliveryAck:
    case PayloadType.PurgeAck:
      return { sender: 'BY', recipients: type === PayloadType.InformationResponse ? ['KZ'] : ['ATC'] };
    case PayloadType.DataBankQuery:
      return { sender: 'KZ', recipients: ['ATC'] };
    case PayloadType.Receipt:
    case PayloadType.KeyEvent:
    case PayloadType.DataBankResult:
      return { sender: 'ATC', recipients: ['KZ'] };
    default:
      return { sender: 'KZ', recipients: ['BY', 'RU'] };
  }
}

/**
 * What fixture messages of `type` answer: a DeliveryAck the message its payload names, a
 * PurgeAck the withdrawal its payload names, an InformationResponse fixture message 4 (the
 * InformationRequest of the interop vectors).
 */
function fixtureReplyTo(type: PayloadType): string | undefined {
  if (type === PayloadType.DeliveryAck) return fixturePayloads[type].messageId ?? undefined;
  if (type === PayloadType.PurgeAck) return fixturePayloads[type].withdrawalMessageId ?? undefined;
  if (type === PayloadType.InformationResponse) return fixtureMessageId(4);
  if (type === PayloadType.DataBankResult) return fixturePayloads[type].queryMessageId ?? undefined;
  return undefined;
}

/** A complete, valid sign request for fixture message `n` of `type`. */
export function fixtureRequest<T extends PayloadType>(type: T, n: number): SignRequest<T> {
  const { sender, recipients } = fixtureRoute(type);
  const inReplyTo = fixtureReplyTo(type);
  return {
    header: { ...fixtureHeader(n, sender, recipients), ...(inReplyTo === undefined ? {} : { inReplyTo }) },
    payloadType: type,
    payload: { nonce: fixtureNonce(n), ...fixturePayloads[type] },
  };
}

/** What {@link gatewayKeyEventRequest} describes. */
export interface GatewayKeyEventFixture {
  readonly type: 'registered' | 'revoked';
  /** Whose key: a member's, or the gateway's own ('ATC') in a rotation. */
  readonly memberId: string;
  readonly key: KeyPair;
  /** The gateway's sender_sequence of the entry. */
  readonly sequence: number;
  /** When the gateway made it (createdAt and validFrom). */
  readonly at: number;
  readonly revokedAt?: number | undefined;
  /** A fixed message id (default: a new UUIDv7 when signed). */
  readonly messageId?: string;
  /** A fixed nonce (default: fresh random bytes when signed). */
  readonly nonce?: Uint8Array;
  readonly comment: string;
}

/**
 * A gateway KeyEvent log entry about `key`, as the gateway's key-event recorder makes it
 * (broadcast from 'ATC', TLP:CLEAR, purpose "key transparency"): sign it with the gateway
 * key in force, or with another to forge one.
 */
export function gatewayKeyEventRequest(e: GatewayKeyEventFixture): SignRequest<typeof PayloadType.KeyEvent> {
  return {
    header: {
      ...(e.messageId === undefined ? {} : { messageId: e.messageId }),
      sender: 'ATC',
      recipients: [],
      broadcast: true,
      senderSequence: e.sequence,
      createdAt: toTimestamp(e.at),
      handling: { tlp: atc.v1.TlpLevel.TLP_LEVEL_CLEAR },
      urgency: atc.v1.Urgency.URGENCY_NORMAL,
      purpose: 'key transparency',
    },
    payloadType: PayloadType.KeyEvent,
    payload: {
      ...(e.nonce === undefined ? {} : { nonce: e.nonce }),
      type:
        e.type === 'registered'
          ? atc.v1.KeyEventType.KEY_EVENT_TYPE_REGISTERED
          : atc.v1.KeyEventType.KEY_EVENT_TYPE_REVOKED,
      memberId: e.memberId,
      kid: e.key.kid,
      publicJwk: JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: e.key.publicJwk.x }),
      validFrom: toTimestamp(e.at),
      ...(e.revokedAt === undefined ? {} : { revokedAt: toTimestamp(e.revokedAt) }),
      reason: atc.v1.RevocationReason.REVOCATION_REASON_SUPERSEDED,
      comment: e.comment,
    },
  };
}

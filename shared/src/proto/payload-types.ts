import type { Writer } from 'protobufjs';
import { atc } from './protobuf.js';

/** Fully qualified names of the payload types of protocol v1. */
export const PayloadType = {
  PersonRecord: 'atc.v1.PersonRecord',
  OrganizationRecord: 'atc.v1.OrganizationRecord',
  IncidentReport: 'atc.v1.IncidentReport',
  InformationRequest: 'atc.v1.InformationRequest',
  InformationResponse: 'atc.v1.InformationResponse',
  RecordWithdrawal: 'atc.v1.RecordWithdrawal',
  Notice: 'atc.v1.Notice',
  DeliveryAck: 'atc.v1.DeliveryAck',
  Receipt: 'atc.v1.Receipt',
  KeyEvent: 'atc.v1.KeyEvent',
  PurgeAck: 'atc.v1.PurgeAck',
  DataBankQuery: 'atc.v1.DataBankQuery',
  DataBankResult: 'atc.v1.DataBankResult',
} as const;

/** One of the payload type names. */
export type PayloadType = (typeof PayloadType)[keyof typeof PayloadType];

/** The decoded payload of each type. */
export interface PayloadOf {
  'atc.v1.PersonRecord': atc.v1.PersonRecord;
  'atc.v1.OrganizationRecord': atc.v1.OrganizationRecord;
  'atc.v1.IncidentReport': atc.v1.IncidentReport;
  'atc.v1.InformationRequest': atc.v1.InformationRequest;
  'atc.v1.InformationResponse': atc.v1.InformationResponse;
  'atc.v1.RecordWithdrawal': atc.v1.RecordWithdrawal;
  'atc.v1.Notice': atc.v1.Notice;
  'atc.v1.DeliveryAck': atc.v1.DeliveryAck;
  'atc.v1.Receipt': atc.v1.Receipt;
  'atc.v1.KeyEvent': atc.v1.KeyEvent;
  'atc.v1.PurgeAck': atc.v1.PurgeAck;
  'atc.v1.DataBankQuery': atc.v1.DataBankQuery;
  'atc.v1.DataBankResult': atc.v1.DataBankResult;
}

/** The properties accepted when encoding a payload of each type. */
export type PayloadInput<T extends PayloadType> = ConstructorParameters<(typeof classes)[T]>[0] & object;

/** Any decoded payload. */
export type AnyPayload = PayloadOf[PayloadType];

/**
 * What a payload is for. Data records need purpose and legal basis in the header;
 * control messages do not. Members may send records (and data bank queries), delivery acks and
 * purge acks; only the gateway sends receipts, key events and data bank results.
 */
export type PayloadKind = 'record' | 'ack' | 'gateway';

const classes = {
  'atc.v1.PersonRecord': atc.v1.PersonRecord,
  'atc.v1.OrganizationRecord': atc.v1.OrganizationRecord,
  'atc.v1.IncidentReport': atc.v1.IncidentReport,
  'atc.v1.InformationRequest': atc.v1.InformationRequest,
  'atc.v1.InformationResponse': atc.v1.InformationResponse,
  'atc.v1.RecordWithdrawal': atc.v1.RecordWithdrawal,
  'atc.v1.Notice': atc.v1.Notice,
  'atc.v1.DeliveryAck': atc.v1.DeliveryAck,
  'atc.v1.Receipt': atc.v1.Receipt,
  'atc.v1.KeyEvent': atc.v1.KeyEvent,
  'atc.v1.PurgeAck': atc.v1.PurgeAck,
  'atc.v1.DataBankQuery': atc.v1.DataBankQuery,
  'atc.v1.DataBankResult': atc.v1.DataBankResult,
} as const;

const kinds: Readonly<Record<PayloadType, PayloadKind>> = {
  'atc.v1.PersonRecord': 'record',
  'atc.v1.OrganizationRecord': 'record',
  'atc.v1.IncidentReport': 'record',
  'atc.v1.InformationRequest': 'record',
  'atc.v1.InformationResponse': 'record',
  'atc.v1.RecordWithdrawal': 'record',
  'atc.v1.Notice': 'record',
  'atc.v1.DeliveryAck': 'ack',
  'atc.v1.Receipt': 'gateway',
  'atc.v1.KeyEvent': 'gateway',
  'atc.v1.PurgeAck': 'ack',
  // A query is signed with purpose and legal basis like a record: who searched for whom and why.
  'atc.v1.DataBankQuery': 'record',
  'atc.v1.DataBankResult': 'gateway',
};

/**
 * Every payload type name, in declaration order (types added later come last, so that the
 * numbering of fixtures and interop vectors of earlier types never changes).
 */
export const payloadTypes: readonly PayloadType[] = Object.values(PayloadType);

/**
 * Payload types that are versioned records: a member's record under its own (record_id,
 * version), which a later version replaces and a RecordWithdrawal may withdraw. A withdrawal's
 * own record id names the withdrawal, not a record it could be asked to erase, so it is left
 * out; a data bank query has no record id.
 */
export const VERSIONED_RECORD_TYPES: readonly PayloadType[] = payloadTypes.filter(
  (t) => kinds[t] === 'record' && t !== PayloadType.RecordWithdrawal && t !== PayloadType.DataBankQuery,
);

/**
 * The data records: persons, organisations and incidents. The data bank keeps their versions
 * and consolidates them into subjects, a withdrawal erases them wherever they are held, and a
 * search answer may quote them.
 */
export const DATA_RECORD_TYPES = [
  PayloadType.PersonRecord,
  PayloadType.OrganizationRecord,
  PayloadType.IncidentReport,
] as const;

/** A versioned record's id and version. */
export interface RecordVersion {
  readonly recordId: string;
  readonly version: number;
}

const VERSIONED: ReadonlySet<string> = new Set(VERSIONED_RECORD_TYPES);

/** Whether `type` is one of the {@link VERSIONED_RECORD_TYPES}. */
export function isVersionedRecordType(type: string): type is PayloadType {
  return VERSIONED.has(type);
}

/** The (record_id, version) of a payload of one of the {@link VERSIONED_RECORD_TYPES}; `undefined` for other types. */
export function recordVersionOf(type: PayloadType, payload: object): RecordVersion | undefined {
  if (!VERSIONED.has(type)) return undefined;
  const { recordId, version } = payload as { readonly recordId?: string | null; readonly version?: number | null };
  return { recordId: recordId ?? '', version: version ?? 0 };
}

/** True when `name` is a payload type of protocol v1. */
export function isPayloadType(name: string): name is PayloadType {
  return Object.hasOwn(classes, name);
}

/** What a payload type is for. */
export function payloadKind(type: PayloadType): PayloadKind {
  return kinds[type];
}

/** Serializes a payload of `type` (no validation; see encodePayload). */
export function encodePayloadBytes<T extends PayloadType>(type: T, payload: PayloadInput<T>): Uint8Array {
  const cls = classes[type] as { encode(m: object): Writer };
  return cls.encode(payload).finish();
}

/** Deserializes a payload of `type` with the generated decoder (no validation). */
export function decodePayloadBytes<T extends PayloadType>(type: T, bytes: Uint8Array): PayloadOf[T] {
  const cls = classes[type] as unknown as { decode(b: Uint8Array): PayloadOf[T] };
  return cls.decode(bytes);
}

/** How outbox, receipt and delivery rows look in SQLite, and their conversion to the public records. */
import type {
  OutboxStatus,
  DeliveryRecord,
  DueMessage,
  OutboxRow,
  ReceiptRecord,
  ReceiptStatus,
} from './outbox-records.js';

/** The outbox columns of an {@link OutboxDbRow} (all but the envelope). */
export const ROW_COLUMNS = `message_id, sequence, payload_type, recipients, broadcast, status, reason_code, reason_detail,
  idempotency_key, request_sha256, created_at, published_at, attempts, last_error, next_attempt_at, accepted_at`;

/** An outbox row as SQLite returns it. */
export interface OutboxDbRow {
  message_id: string;
  sequence: number;
  payload_type: string;
  recipients: string;
  broadcast: number;
  status: OutboxStatus;
  reason_code: string | null;
  reason_detail: string | null;
  idempotency_key: string | null;
  request_sha256: Buffer | null;
  created_at: number;
  published_at: number | null;
  attempts: number;
  last_error: string | null;
  next_attempt_at: number;
  accepted_at: number | null;
}

/** A row of the relay's work list as SQLite returns it (its envelope is read apart). */
export interface DueDbRow {
  message_id: string;
  sequence: number;
  status: DueMessage['status'];
  attempts: number;
  published_at: number | null;
}

/** A receipts row as SQLite returns it. */
export interface ReceiptDbRow {
  receipt_id: string;
  message_id: string;
  status: ReceiptStatus;
  recipient: string | null;
  reason_code: string | null;
  detail: string | null;
  received_at: number;
  envelope: Buffer;
}

/** A deliveries row as SQLite returns it. */
export interface DeliveryDbRow {
  recipient: string;
  state: DeliveryRecord['state'];
  delivered_at: number | null;
}

/** The columns an outbox row and what is kept of a pruned message have in common. */
type SharedColumns = Pick<
  OutboxDbRow,
  | 'message_id'
  | 'sequence'
  | 'payload_type'
  | 'recipients'
  | 'broadcast'
  | 'status'
  | 'reason_code'
  | 'reason_detail'
  | 'idempotency_key'
  | 'created_at'
  | 'published_at'
  | 'accepted_at'
  | 'attempts'
>;

/** The public fields both forms of a message give alike. */
function sharedFields(r: SharedColumns) {
  return {
    messageId: r.message_id,
    sequence: r.sequence,
    payloadType: r.payload_type,
    recipients: JSON.parse(r.recipients) as string[],
    broadcast: r.broadcast === 1,
    status: r.status,
    reasonCode: r.reason_code,
    reasonDetail: r.reason_detail,
    idempotencyKey: r.idempotency_key,
    createdAt: r.created_at,
    publishedAt: r.published_at,
    acceptedAt: r.accepted_at,
    attempts: r.attempts,
  };
}

/** The public form of an outbox row. */
export function toRow(r: OutboxDbRow): OutboxRow {
  // Object.assign, not a spread then extended: about 2 µs less per row in V8 here.
  return Object.assign(sharedFields(r), {
    lastError: r.last_error,
    nextAttemptAt: r.next_attempt_at,
    prunedAt: null,
  } satisfies Partial<OutboxRow>);
}

/** The columns of an {@link PrunedDbRow}. */
export const PRUNED_COLUMNS = `message_id, sequence, payload_type, recipients, broadcast, status, reason_code, reason_detail,
  idempotency_key, request_sha256, envelope_sha256, created_at, published_at, accepted_at, attempts, settled_at, pruned_at`;

/** A row of outbox_pruned (what is kept of a pruned message) as SQLite returns it. */
export interface PrunedDbRow {
  message_id: string;
  sequence: number;
  payload_type: string;
  recipients: string;
  broadcast: number;
  status: OutboxStatus;
  reason_code: string | null;
  reason_detail: string | null;
  idempotency_key: string | null;
  request_sha256: Buffer | null;
  envelope_sha256: Buffer;
  created_at: number;
  published_at: number | null;
  accepted_at: number | null;
  attempts: number;
  settled_at: number;
  pruned_at: number;
}

/** The public form of a pruned message: its settled row without envelope, receipts and deliveries. */
export function prunedToRow(r: PrunedDbRow): OutboxRow {
  return Object.assign(sharedFields(r), {
    lastError: null,
    nextAttemptAt: r.settled_at,
    prunedAt: r.pruned_at,
  } satisfies Partial<OutboxRow>);
}

/** The public form of a receipts row. */
export function toReceipt(r: ReceiptDbRow): ReceiptRecord {
  return {
    receiptId: r.receipt_id,
    messageId: r.message_id,
    status: r.status,
    recipient: r.recipient,
    reasonCode: r.reason_code,
    detail: r.detail,
    receivedAt: r.received_at,
    envelope: r.envelope,
  };
}

/** better-sqlite3 binds Buffers, not plain Uint8Arrays; this wraps without copying. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Byte equality, where two absent values are equal too. */
export function sameBytes(a: Uint8Array | null | undefined, b: Uint8Array | null | undefined): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  return asBuffer(a).equals(asBuffer(b));
}

/** Empty text from a protobuf field means "absent". */
export function orNull(text: string | null | undefined): string | null {
  return text === undefined || text === null || text === '' ? null : text;
}

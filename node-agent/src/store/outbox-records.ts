/**
 * Where a submission stands. `queued`: stored, not yet taken by JetStream. `published`:
 * JetStream acknowledged it (the server has it, possibly not on disk). `accepted` /
 * `rejected`: the gateway's signed receipt says so; the outbox's duty ends there.
 */
export const OutboxStatus = {
  queued: 'queued',
  published: 'published',
  accepted: 'accepted',
  rejected: 'rejected',
} as const;

/** One of the {@link OutboxStatus} values. */
export type OutboxStatus = (typeof OutboxStatus)[keyof typeof OutboxStatus];

/** What a gateway receipt reports about a submission. */
export const ReceiptStatus = {
  accepted: 'accepted',
  rejected: 'rejected',
  delivered: 'delivered',
} as const;

/** One of the {@link ReceiptStatus} values. */
export type ReceiptStatus = (typeof ReceiptStatus)[keyof typeof ReceiptStatus];

/** Whether one recipient's agent has confirmed receiving an accepted message. */
export const DeliveryState = {
  pending: 'pending',
  delivered: 'delivered',
} as const;

/** One of the {@link DeliveryState} values. */
export type DeliveryState = (typeof DeliveryState)[keyof typeof DeliveryState];

/** A signed envelope to put in the outbox. */
export interface NewOutboxMessage {
  readonly messageId: string;
  /** The header's sender_sequence, reserved with `OutboxStore.nextSequence()`. */
  readonly sequence: number;
  readonly payloadType: string;
  /** The header's recipients (empty for a broadcast). */
  readonly recipients: readonly string[];
  readonly broadcast: boolean;
  /** The serialized atc.v1.Envelope, published byte for byte. */
  readonly envelope: Uint8Array;
  /** The integrator's Idempotency-Key, when it sent one. */
  readonly idempotencyKey?: string;
  /** SHA-256 of the integrator's request, to tell a retry from a different request under the same key. */
  readonly requestSha256?: Uint8Array;
}

/** An outbox row without its envelope bytes. */
export interface OutboxRow {
  readonly messageId: string;
  readonly sequence: number;
  readonly payloadType: string;
  readonly recipients: readonly string[];
  readonly broadcast: boolean;
  readonly status: OutboxStatus;
  /** The refusal code of a rejected message (`ERR_...`). */
  readonly reasonCode: string | null;
  /** The gateway's sentence about a rejection. */
  readonly reasonDetail: string | null;
  readonly idempotencyKey: string | null;
  readonly createdAt: number;
  /** First JetStream acknowledgement. */
  readonly publishedAt: number | null;
  readonly acceptedAt: number | null;
  /** Publish attempts so far, successful or not. */
  readonly attempts: number;
  /** Why the last attempt failed; cleared by a successful one. */
  readonly lastError: string | null;
  /** When the relay sends it (again) if no receipt arrives first. */
  readonly nextAttemptAt: number;
  /**
   * When its envelope, receipts and deliveries were pruned (settled and past the outbox
   * retention); null while they are kept. A pruned row keeps its status and reason.
   */
  readonly prunedAt: number | null;
}

/** What `OutboxStore.enqueue` did. */
export interface EnqueueResult {
  /** False when the request was a repeat (same Idempotency-Key and request, or same id and bytes). */
  readonly created: boolean;
  readonly row: OutboxRow;
}

/** A row the relay should publish now. */
export interface DueMessage {
  readonly messageId: string;
  readonly sequence: number;
  readonly status: typeof OutboxStatus.queued | typeof OutboxStatus.published;
  readonly envelope: Uint8Array;
  readonly attempts: number;
  readonly publishedAt: number | null;
}

/** A verified gateway receipt to record. Fields absent from the receipt may be omitted or null. */
export interface ReceiptInput {
  /** The receipt envelope's own message id. */
  readonly receiptId: string;
  /** The submission it is about. */
  readonly messageId: string;
  readonly status: ReceiptStatus;
  /** ACCEPTED: the recipients after broadcast expansion. */
  readonly recipients?: readonly string[] | null;
  /** DELIVERED: the recipient whose agent took it. */
  readonly recipient?: string | null;
  /** REJECTED: the refusal code. */
  readonly reasonCode?: string | null;
  readonly detail?: string | null;
  /** The signed receipt envelope, kept as proof. */
  readonly envelope: Uint8Array;
  readonly receivedAt: number;
}

/** A stored gateway receipt. */
export interface ReceiptRecord {
  readonly receiptId: string;
  readonly messageId: string;
  readonly status: ReceiptStatus;
  readonly recipient: string | null;
  readonly reasonCode: string | null;
  readonly detail: string | null;
  readonly receivedAt: number;
  readonly envelope: Uint8Array;
}

/** One recipient's delivery state. */
export interface DeliveryRecord {
  readonly recipient: string;
  readonly state: DeliveryState;
  readonly deliveredAt: number | null;
}

/** A submission with its receipts (oldest first) and per-recipient delivery. */
export interface OutboxMessage extends OutboxRow {
  readonly receipts: readonly ReceiptRecord[];
  readonly deliveries: readonly DeliveryRecord[];
}

/** What `OutboxStore.applyReceipt` changed. */
export interface ReceiptEffect {
  /** False when this receipt id was already stored (a redelivery): nothing changed. */
  readonly stored: boolean;
  /** False when the outbox holds no message with the receipt's message id. */
  readonly messageKnown: boolean;
  readonly statusBefore: OutboxStatus | null;
  readonly statusAfter: OutboxStatus | null;
  /** Recipients that got a pending delivery row. */
  readonly deliveriesAdded: readonly string[];
  /** Recipients that became delivered. */
  readonly deliveredNow: readonly string[];
}

/** A page request of `OutboxStore.list`. */
export interface OutboxListOptions {
  readonly status?: OutboxStatus;
  /** Cursor: only messages with a greater message id (UUIDv7, so: created later). */
  readonly after?: string;
  /** Page size, clamped to 1..{@link MAX_LIST_LIMIT} + 1 (a page and the row that says there is more). */
  readonly limit: number;
}

/** The largest page `OutboxStore.list` returns. */
export const MAX_LIST_LIMIT = 1000;

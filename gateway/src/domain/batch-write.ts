// The pipeline's decisions as the archive writes them: rows of one batch, receipts to sign
// at commit time, and what the commit produced. Shared by the pipeline and the archive.
import type { atc, RecordVersion } from '@atc/shared';

/** The record id and version a record's payload carries (as verification reads it: VerifiedEnvelope.record). */
export type RecordKey = RecordVersion;

/** An accepted envelope with the header fields the archive indexes. */
export interface ArchivedMessageRow {
  readonly messageId: string;
  readonly sender: string;
  readonly payloadType: string;
  readonly createdAt: number;
  readonly archivedAt: number;
  readonly tlp: number;
  readonly urgency: number;
  readonly broadcast: boolean;
  readonly exercise: boolean;
  readonly correlationId: string | null;
  readonly inReplyTo: string | null;
  readonly senderSequence: number;
  readonly kid: string;
  /** handling.review_by: after it, retention erases the payload. */
  readonly reviewBy?: number | null;
  /** The envelope exactly as received. */
  readonly envelope: Uint8Array;
  readonly envelopeSha256: Uint8Array;
  /** A record's (record_id, version), when the writer decoded it already; else the archive decodes it for its record index. */
  readonly record?: RecordKey;
  /** A RecordWithdrawal's target record id, when the writer decoded it already. */
  readonly withdrawnRecordId?: string;
  /** The ATC_SUBMIT stream message it came in (none: the gateway's own, or not from the stream). */
  readonly streamSeq?: number | null;
}

/** A refused submission, kept for operators: never routed, never lost. */
export interface QuarantineRow {
  readonly receivedAt: number;
  readonly subject: string;
  readonly transportSender: string | null;
  readonly claimedSender: string | null;
  readonly messageId: string | null;
  readonly reason: string;
  readonly detail: string;
  readonly envelopeSha256: Uint8Array;
  readonly size: number;
  /** The first 64 KiB of the bytes. */
  readonly head: Uint8Array;
  readonly securityEvent: boolean;
  readonly receiptId: string | null;
  /** Whether its header claimed exercise traffic (false when the header could not be read). */
  readonly exercise: boolean;
  /**
   * The JetStream stream sequence of the submission refused (null when not known): a
   * redelivery of that same submission finds its decision by it.
   */
  readonly streamSeq: number | null;
}

/** Lifecycle steps a receipt reports. */
export type ReceiptStatus = 'accepted' | 'rejected' | 'delivered';

/** A signed receipt envelope the gateway sent, or is about to send, to `member`. */
export interface ReceiptRow {
  readonly receiptId: string;
  readonly messageId: string;
  readonly member: string;
  readonly status: ReceiptStatus;
  readonly recipient: string | null;
  readonly reason: string | null;
  readonly envelope: Uint8Array;
  readonly createdAt: number;
}

/** A per-sender sequence gap or regression, as the sequence audit finds it (archive/sequence-audit.ts). */
export interface SequenceAnomalyRow {
  readonly member: string;
  readonly messageId: string;
  readonly kind: 'gap' | 'regression';
  readonly expected: number;
  readonly got: number;
  readonly at: number;
}

/** What a receipt says about a submission. */
export interface ReceiptContent {
  /** The member the receipt goes to. */
  readonly member: string;
  /** The submission's message id. */
  readonly messageId: string;
  readonly status: ReceiptStatus;
  readonly reason?: atc.v1.ReasonCode;
  readonly reasonCode?: string;
  readonly detail?: string;
  readonly recipients?: readonly string[];
  readonly recipient?: string;
  readonly envelopeSha256?: Uint8Array;
  readonly at?: number;
  /** Copied from the submission so that the receipt is marked and filed alike. */
  readonly correlationId?: string | null;
  readonly exercise?: boolean;
}

/** A receipt decided by the pipeline, signed at commit time (sequence and log position). */
export interface ReceiptIntent extends ReceiptContent {
  /** The receipt envelope's message id, chosen up front so quarantine rows can name it. */
  readonly receiptId: string;
}

/** Everything one batch writes, in one transaction. */
export interface BatchWrite {
  readonly messages: readonly ArchivedMessageRow[];
  /** New routing rows (state pending). */
  readonly deliveries: readonly { readonly messageId: string; readonly recipient: string }[];
  readonly delivered: readonly {
    readonly messageId: string;
    readonly recipient: string;
    readonly at: number;
    readonly ackMessageId: string;
  }[];
  readonly quarantine: readonly QuarantineRow[];
  readonly receipts: readonly ReceiptIntent[];
  readonly senderSequences: ReadonlyMap<string, number>;
}

/** A {@link BatchWrite} of only `parts`: every list not given is empty. */
export function batchWrite(parts: Partial<BatchWrite>): BatchWrite {
  return {
    messages: [],
    deliveries: [],
    delivered: [],
    quarantine: [],
    receipts: [],
    senderSequences: new Map(),
    ...parts,
  };
}

/** Where an accepted envelope sits in the archive log, for its ACCEPTED receipt. */
export interface ReceiptLogProof {
  readonly leafIndex: number;
  /** Signed checkpoint (C2SP tlog-checkpoint note) whose tree contains the leaf. */
  readonly checkpoint: string;
  /** RFC 9162 inclusion proof of the leaf in that tree. */
  readonly proof: readonly Uint8Array[];
}

/** A receipt to sign at commit time: its gateway sender_sequence (and, for an ACCEPTED receipt, its place in the log) is known. */
export interface ReceiptToSign {
  readonly intent: ReceiptIntent;
  readonly sequence: number;
  readonly log?: ReceiptLogProof | undefined;
}

/** Signs a batch's receipts at commit time, in the order given. */
export type SignReceipts = (items: readonly ReceiptToSign[]) => Promise<readonly ReceiptRow[]>;

/** What a committed batch produced. */
export interface CommittedBatch {
  /** The signed receipts, in the order of the batch's intents. */
  readonly receipts: readonly ReceiptRow[];
  /** Tree size after the batch, or `undefined` when it archived nothing. */
  readonly logSize: number | undefined;
  /**
   * Withdrawals routed at commit to more members than the pipeline had decided (holders of
   * a version another gateway replica committed meanwhile), by message id: route them too.
   */
  readonly addedRecipients: ReadonlyMap<string, readonly string[]>;
}

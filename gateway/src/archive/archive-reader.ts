import { atc, decodePayload, payloadKind, PayloadType, type PayloadType as PayloadTypeName } from '@atc/shared';
import type { SqlDb } from '../db/sql-db.js';
import type { ArchivedMessageRow } from '../domain/batch-write.js';
import { recordDeliveries, type RecordDelivery } from './record-index.js';
import type { MessageHeaderColumns } from './message-columns.js';

/** An archived envelope: its header fields as the archive indexes them, and its bytes. */
export interface ArchivedEnvelope extends Omit<ArchivedMessageRow, 'reviewBy'> {
  /** handling.review_by, when the record has one. */
  readonly reviewBy: number | null;
  /** Index of the envelope's leaf in the archive log. */
  readonly leafIndex: number;
  /** When retention erased the payload, if it did. */
  readonly payloadErasedAt: number | null;
  /** The payload bytes, or `undefined` once retention erased them. */
  readonly payload: Uint8Array | undefined;
}

/** One archived version of a record: the envelope that carried it, with its record id and version. */
export interface ArchivedRecordVersion extends ArchivedEnvelope {
  readonly recordId: string;
  readonly version: number;
}

/**
 * The archive as its readers see it (the data bank's projection, search, the console):
 * read only, and the only way they read it. Accepted envelopes only; refused submissions,
 * receipts bookkeeping and the log's own tables stay behind it.
 */
export interface ArchiveReader {
  /** An accepted envelope by message id. */
  message(messageId: string): Promise<ArchivedEnvelope | undefined>;
  /**
   * Accepted envelopes in log order from leaf index `from` (inclusive), at most `limit`: a
   * projection keeps the next leaf index as its cursor and reads on from it.
   */
  messagesFrom(from: number, limit: number): Promise<ArchivedEnvelope[]>;
  /**
   * Every archived version of the record (originator, recordId) whose payload is still
   * kept, in log order. The originator is the sender of the envelopes that carry it.
   */
  recordVersions(originator: string, recordId: string): Promise<ArchivedRecordVersion[]>;
  /**
   * Every copy the centre routed of the record (originator, recordId) in the namespace
   * `exercise` before leaf `beforeLeaf` (default: all), one per version and recipient, in log
   * order, from the archive's record index: which members received which versions.
   */
  recordDeliveries(
    record: { readonly originator: string; readonly recordId: string; readonly exercise: boolean },
    beforeLeaf?: number,
  ): Promise<RecordDelivery[]>;
  /** The members an accepted message was routed to, sorted (its routing rows, written with it). */
  recipientsOf(messageId: string): Promise<string[]>;
  /** Number of leaves in the log: the cursor after the last archived envelope. */
  size(): Promise<number>;
}

interface EnvelopeDbRow extends MessageHeaderColumns {
  sender_sequence: number;
  kid: string;
  review_by: number | null;
  leaf_index: number;
  payload_erased_at: number | null;
  envelope_sha256: Uint8Array;
  envelope: Uint8Array;
}

const COLUMNS = `message_id, sender, payload_type, created_at, archived_at, tlp, urgency, broadcast, exercise,
  correlation_id, in_reply_to, sender_sequence, kid, review_by, leaf_index, payload_erased_at, envelope_sha256, envelope`;

const RECORD_TYPES = Object.values(PayloadType).filter(
  (t) => payloadKind(t) === 'record' && t !== PayloadType.DataBankQuery,
);

const SQL = {
  byId: `SELECT ${COLUMNS} FROM messages WHERE message_id = ? AND leaf_index IS NOT NULL`,
  from: `SELECT ${COLUMNS} FROM messages WHERE leaf_index >= ? ORDER BY leaf_index LIMIT ?`,
  records: `SELECT ${COLUMNS} FROM messages
    WHERE sender = ? AND payload_erased_at IS NULL AND payload_type IN (${RECORD_TYPES.map(() => '?').join(', ')})
    ORDER BY leaf_index`,
  size: "SELECT value FROM gateway_state WHERE key = 'log_size'",
  recipients: 'SELECT recipient FROM deliveries WHERE message_id = ? ORDER BY recipient',
} as const;

function toEnvelope(row: EnvelopeDbRow): ArchivedEnvelope {
  const payload = atc.v1.Envelope.decode(row.envelope).payload;
  return {
    messageId: row.message_id,
    sender: row.sender,
    payloadType: row.payload_type,
    createdAt: row.created_at,
    archivedAt: row.archived_at,
    tlp: row.tlp,
    urgency: row.urgency,
    broadcast: row.broadcast === 1,
    exercise: row.exercise === 1,
    correlationId: row.correlation_id,
    inReplyTo: row.in_reply_to,
    senderSequence: row.sender_sequence,
    kid: row.kid,
    reviewBy: row.review_by,
    leafIndex: row.leaf_index,
    payloadErasedAt: row.payload_erased_at,
    envelopeSha256: row.envelope_sha256,
    envelope: row.envelope,
    payload: row.payload_erased_at === null ? payload : undefined,
  };
}

/** The {@link ArchiveReader} over the archive's database (SQLite or PostgreSQL). */
export class SqlArchiveReader implements ArchiveReader {
  constructor(private readonly db: SqlDb) {}

  async message(messageId: string): Promise<ArchivedEnvelope | undefined> {
    const row = await this.db.get<EnvelopeDbRow>(SQL.byId, [messageId]);
    return row === undefined ? undefined : toEnvelope(row);
  }

  async messagesFrom(from: number, limit: number): Promise<ArchivedEnvelope[]> {
    return (await this.db.all<EnvelopeDbRow>(SQL.from, [from, limit])).map(toEnvelope);
  }

  async recordVersions(originator: string, recordId: string): Promise<ArchivedRecordVersion[]> {
    const rows = await this.db.all<EnvelopeDbRow>(SQL.records, [originator, ...RECORD_TYPES]);
    const versions: ArchivedRecordVersion[] = [];
    for (const row of rows) {
      const envelope = toEnvelope(row);
      if (envelope.payload === undefined) continue;
      const record = decodePayload(envelope.payloadType as PayloadTypeName, envelope.payload) as {
        readonly recordId?: string;
        readonly version?: number;
      };
      if (record.recordId !== recordId) continue;
      versions.push({ ...envelope, recordId, version: record.version ?? 0 });
    }
    return versions;
  }

  recordDeliveries(
    record: { readonly originator: string; readonly recordId: string; readonly exercise: boolean },
    beforeLeaf?: number,
  ): Promise<RecordDelivery[]> {
    return recordDeliveries(this.db, record, beforeLeaf);
  }

  async recipientsOf(messageId: string): Promise<string[]> {
    return (await this.db.all<{ recipient: string }>(SQL.recipients, [messageId])).map((r) => r.recipient);
  }

  async size(): Promise<number> {
    return (await this.db.get<{ value: number }>(SQL.size))?.value ?? 0;
  }
}

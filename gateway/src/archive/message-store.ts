import type { ArchivedMessageRow, BatchWrite, ReceiptRow, ReceiptStatus } from '../domain/batch-write.js';
import { inLists, insertRows, marks, tuples } from '../db/insert-rows.js';
import type { SqlDb } from '../db/sql-db.js';
import { indexRecords, recordDeliveries, type RecordDelivery } from './record-index.js';
import type { MessageHeaderColumns } from './message-columns.js';

/** One recipient's delivery state. */
export interface DeliveryRow {
  readonly recipient: string;
  readonly state: 'pending' | 'routed' | 'delivered';
  readonly routedAt: number | null;
  readonly deliveredAt: number | null;
  readonly ackMessageId: string | null;
}

/** What the archive holds about a message id. */
export interface MessageRef {
  readonly messageId: string;
  readonly sender: string;
  readonly payloadType: string;
  readonly envelopeSha256: Buffer;
  readonly exercise: boolean;
  readonly tlp: number;
  readonly correlationId: string | null;
  /** The ATC_SUBMIT stream message it came in (null: unknown). */
  readonly streamSeq: number | null;
}

/** A quarantine row that refused a stream message (see {@link MessageStore.quarantinedFromStreams}). */
export interface StreamRefusal {
  readonly envelopeSha256: Buffer;
  readonly messageId: string | null;
  readonly receiptId: string | null;
  readonly reason: string;
  readonly exercise: boolean;
}

/** A message with its routing and receipts, for the operator API. */
export interface MessageDetail extends Omit<ArchivedMessageRow, 'envelope' | 'envelopeSha256'> {
  readonly seq: number;
  readonly envelopeSha256: Buffer;
  readonly size: number;
  /** Index of the envelope's leaf in the archive log. */
  readonly leafIndex: number | null;
  /** When retention erased the payload, if it did. */
  readonly payloadErasedAt: number | null;
  readonly deliveries: readonly DeliveryRow[];
  readonly receipts: readonly Omit<ReceiptRow, 'envelope'>[];
}

interface MessageDbRow extends MessageHeaderColumns {
  seq: number;
  sender_sequence: number;
  kid: string;
  envelope_sha256: Buffer;
  size: number;
  leaf_index: number | null;
  payload_erased_at: number | null;
}

interface ReceiptDbRow {
  receipt_id: string;
  message_id: string;
  member: string;
  status: ReceiptStatus;
  recipient: string | null;
  reason: string | null;
  envelope: Buffer;
  created_at: number;
}

interface MessageRefRow {
  message_id: string;
  sender: string;
  payload_type: string;
  envelope_sha256: Buffer;
  exercise: number;
  tlp: number;
  correlation_id: string | null;
  stream_seq: number | null;
}

function toMessageRef(row: MessageRefRow): MessageRef {
  return {
    messageId: row.message_id,
    sender: row.sender,
    payloadType: row.payload_type,
    envelopeSha256: row.envelope_sha256,
    exercise: row.exercise === 1,
    tlp: row.tlp,
    correlationId: row.correlation_id,
    streamSeq: row.stream_seq,
  };
}

function toReceipt(r: ReceiptDbRow): ReceiptRow {
  return {
    receiptId: r.receipt_id,
    messageId: r.message_id,
    member: r.member,
    status: r.status,
    recipient: r.recipient,
    reason: r.reason,
    envelope: r.envelope,
    createdAt: r.created_at,
  };
}

const SQL = {
  findMessages:
    'SELECT message_id, sender, payload_type, envelope_sha256, exercise, tlp, correlation_id, stream_seq FROM messages WHERE message_id IN',
  markDelivered:
    "UPDATE deliveries SET state = 'delivered', delivered_at = ?, ack_message_id = ? WHERE message_id = ? AND recipient = ? AND state != 'delivered'",
  /** PostgreSQL; followed by `(VALUES ...) AS v (message_id, recipient, at, ack) WHERE ...`. */
  markDeliveredFrom: "UPDATE deliveries SET state = 'delivered', delivered_at = v.at, ack_message_id = v.ack FROM",
  /** Followed by `(VALUES (?, ?), ...)`. */
  markRouted:
    "UPDATE deliveries SET state = 'routed', routed_at = ? WHERE state = 'pending' AND (message_id, recipient) IN",
  receiptsFor: 'SELECT * FROM receipts WHERE message_id = ? ORDER BY created_at, receipt_id',
  /** Followed by `(?, ...)`. */
  markReceiptsPublished: 'UPDATE receipts SET published_at = ? WHERE published_at IS NULL AND receipt_id IN',
  unpublishedReceipts: 'SELECT * FROM receipts WHERE published_at IS NULL ORDER BY created_at LIMIT ?',
  // `state <> 'delivered'` is deliveries_open's own condition: named, SQLite reads that index.
  pendingDeliveries:
    "SELECT message_id, recipient FROM deliveries WHERE state <> 'delivered' AND state = 'pending' LIMIT ?",
  deliveriesOf:
    'SELECT recipient, state, routed_at, delivered_at, ack_message_id FROM deliveries WHERE message_id = ? ORDER BY recipient',
  leafOf: 'SELECT leaf_index FROM messages WHERE message_id = ?',
  envelopeOf: 'SELECT envelope FROM messages WHERE message_id = ?',
  /** After `INSERT INTO sender_sequences ... VALUES ...`: a member's highest sequence stays. */
  sequenceConflict: ` ON CONFLICT (member) DO UPDATE SET updated_at = excluded.updated_at, last_sequence =
      CASE WHEN excluded.last_sequence > sender_sequences.last_sequence
        THEN excluded.last_sequence ELSE sender_sequences.last_sequence END`,
  lastSequences: 'SELECT member, last_sequence FROM sender_sequences',
  getState: 'SELECT value FROM gateway_state WHERE key = ?',
  setState: 'UPDATE gateway_state SET value = ? WHERE key = ?',
  detail: `SELECT seq, message_id, sender, payload_type, created_at, archived_at, tlp, urgency, broadcast, exercise,
      correlation_id, in_reply_to, sender_sequence, kid, envelope_sha256, length(envelope) AS size, leaf_index,
      payload_erased_at FROM messages WHERE message_id = ?`,
  quarantinedAs:
    'SELECT message_id, receipt_id, stream_seq FROM quarantine WHERE envelope_sha256 = ? AND reason = ? ORDER BY id LIMIT 1',
  /** Followed by `(?, ...) ORDER BY id`. */
  quarantinedFromStreams:
    'SELECT stream_seq, envelope_sha256, message_id, receipt_id, reason, exercise FROM quarantine WHERE stream_seq IN',
  unpublishedReceiptsFor:
    'SELECT * FROM receipts WHERE message_id = ? AND published_at IS NULL ORDER BY created_at, receipt_id',
  quarantineCount: 'SELECT count(*) AS n FROM quarantine WHERE message_id = ?',
} as const;

const MESSAGE_COLUMNS = [
  'message_id',
  'sender',
  'payload_type',
  'created_at',
  'archived_at',
  'tlp',
  'urgency',
  'broadcast',
  'exercise',
  'correlation_id',
  'in_reply_to',
  'sender_sequence',
  'kid',
  'envelope',
  'envelope_sha256',
  'leaf_index',
  'review_by',
  'stream_seq',
] as const;

const QUARANTINE_COLUMNS = [
  'received_at',
  'subject',
  'transport_sender',
  'claimed_sender',
  'message_id',
  'reason',
  'detail',
  'envelope_sha256',
  'size',
  'head',
  'security_event',
  'receipt_id',
  'exercise',
  'stream_seq',
] as const;

const RECEIPT_COLUMNS = [
  'receipt_id',
  'message_id',
  'member',
  'status',
  'recipient',
  'reason',
  'envelope',
  'created_at',
] as const;

/**
 * The archive's message side: accepted envelopes, deliveries, receipts, quarantine and
 * sequence tracking, on SQLite or PostgreSQL. A batch is written in one transaction (group
 * commit); the caller acknowledges JetStream only after the commit returned.
 */
export class MessageStore {
  constructor(private readonly db: SqlDb) {}

  /** The archived messages among `messageIds`, by id (one read per 256 ids). */
  async findMessages(messageIds: readonly string[]): Promise<Map<string, MessageRef>> {
    const found = new Map<string, MessageRef>();
    for (const chunk of inLists([...new Set(messageIds)])) {
      const rows = await this.db.all<MessageRefRow>(`${SQL.findMessages} (${marks(chunk.length)})`, chunk);
      for (const row of rows) found.set(row.message_id, toMessageRef(row));
    }
    return found;
  }

  /** The leaf index of an archived message in the log. */
  async leafIndexOf(messageId: string): Promise<number | undefined> {
    return (await this.db.get<{ leaf_index: number | null }>(SQL.leafOf, [messageId]))?.leaf_index ?? undefined;
  }

  /** The archived envelope bytes of a message. */
  async envelopeOf(messageId: string): Promise<Buffer | undefined> {
    return (await this.db.get<{ envelope: Buffer }>(SQL.envelopeOf, [messageId]))?.envelope;
  }

  /**
   * Writes one batch's rows: its messages as leaves `firstLeaf`, `firstLeaf + 1`, ..., and its
   * signed receipts. Runs inside the caller's transaction (see BatchCommitter).
   */
  async writeWithinTransaction(
    batch: BatchWrite,
    firstLeaf: number,
    receipts: readonly ReceiptRow[],
    gatewaySequence: number,
  ): Promise<void> {
    const db = this.db;
    await insertRows(
      db,
      'messages',
      MESSAGE_COLUMNS,
      batch.messages.map((m, i) => [
        m.messageId,
        m.sender,
        m.payloadType,
        m.createdAt,
        m.archivedAt,
        m.tlp,
        m.urgency,
        m.broadcast ? 1 : 0,
        m.exercise ? 1 : 0,
        m.correlationId,
        m.inReplyTo,
        m.senderSequence,
        m.kid,
        m.envelope,
        m.envelopeSha256,
        firstLeaf + i,
        m.reviewBy ?? null,
        m.streamSeq ?? null,
      ]),
    );
    await indexRecords(db, batch.messages, firstLeaf);
    await insertRows(
      db,
      'deliveries',
      ['message_id', 'recipient', 'state'],
      batch.deliveries.map((d) => [d.messageId, d.recipient, 'pending']),
    );
    await this.#markDelivered(batch.delivered);
    await insertRows(
      db,
      'quarantine',
      QUARANTINE_COLUMNS,
      batch.quarantine.map((q) => [
        q.receivedAt,
        q.subject,
        q.transportSender,
        q.claimedSender,
        q.messageId,
        q.reason,
        q.detail,
        q.envelopeSha256,
        q.size,
        q.head,
        q.securityEvent ? 1 : 0,
        q.receiptId,
        q.exercise ? 1 : 0,
        q.streamSeq,
      ]),
    );
    await insertRows(
      db,
      'receipts',
      RECEIPT_COLUMNS,
      receipts.map((r) => [
        r.receiptId,
        r.messageId,
        r.member,
        r.status,
        r.recipient,
        r.reason,
        r.envelope,
        r.createdAt,
      ]),
    );
    const now = Date.now();
    // Each member once (a map): one statement for the batch's senders, not one each.
    await insertRows(
      db,
      'sender_sequences',
      ['member', 'last_sequence', 'updated_at'],
      [...batch.senderSequences].map(([member, last]) => [member, last, now]),
      SQL.sequenceConflict,
    );
    await db.run(SQL.setState, [gatewaySequence, 'sender_sequence']);
  }

  /**
   * Marks the copies these DeliveryAcks acknowledge delivered; a copy already delivered keeps
   * its first acknowledgement (so does a copy acknowledged twice in one batch). On SQLite one
   * statement per copy (no round trip, a primary-key update each); on PostgreSQL one per
   * 256 copies, since each statement is a round trip made while the
   * batch holds the archive's write lock.
   */
  async #markDelivered(delivered: BatchWrite['delivered']): Promise<void> {
    if (this.db.dialect === 'sqlite') {
      for (const d of delivered) await this.db.run(SQL.markDelivered, [d.at, d.ackMessageId, d.messageId, d.recipient]);
      return;
    }
    const first = new Map<string, BatchWrite['delivered'][number]>();
    for (const d of delivered) {
      const key = `${d.messageId}\u0000${d.recipient}`;
      if (!first.has(key)) first.set(key, d);
    }
    // A repeated row (the padding) sets the same values again.
    for (const list of inLists([...first.values()])) {
      await this.db.run(
        `${SQL.markDeliveredFrom} (VALUES ${list.map(() => '(?, ?, CAST(? AS BIGINT), ?)').join(', ')})
         AS v (message_id, recipient, at, ack)
         WHERE deliveries.message_id = v.message_id AND deliveries.recipient = v.recipient
           AND deliveries.state != 'delivered'`,
        list.flatMap((d) => [d.messageId, d.recipient, d.at, d.ackMessageId]),
      );
    }
  }

  /**
   * Records that routed copies (one per message and recipient) are stored in their
   * recipients' inboxes and that receipts reached their members' inboxes, in one write.
   */
  async markPublished(
    published: {
      readonly routes: readonly { readonly messageId: string; readonly recipients: readonly string[] }[];
      readonly receiptIds: readonly string[];
    },
    at: number,
  ): Promise<void> {
    const copies = published.routes.flatMap((r) => r.recipients.map((recipient) => [r.messageId, recipient]));
    if (copies.length === 0 && published.receiptIds.length === 0) return;
    await this.relaxed(async () => {
      for (const list of inLists(copies)) {
        await this.db.run(`${SQL.markRouted} (VALUES ${tuples(list.length, 2)})`, [at, ...list.flat()]);
      }
      for (const list of inLists(published.receiptIds)) {
        await this.db.run(`${SQL.markReceiptsPublished} (${marks(list.length)})`, [at, ...list]);
      }
    });
  }

  /**
   * Runs bookkeeping writes in one transaction without waiting for the disk: a mark lost to
   * a power cut only makes recovery publish a copy again, under the same de-duplication id,
   * and agents drop duplicates by message id. Decisions (the batch commit) stay fully synced.
   */
  private relaxed(write: () => Promise<void>): Promise<void> {
    return this.db.transaction(write, { write: true, relaxed: true });
  }

  /** Receipts about a submission, oldest first. */
  async receiptsFor(messageId: string): Promise<ReceiptRow[]> {
    return (await this.db.all<ReceiptDbRow>(SQL.receiptsFor, [messageId])).map(toReceipt);
  }

  /** Receipts about a submission not yet published, oldest first. */
  async unpublishedReceiptsFor(messageId: string): Promise<ReceiptRow[]> {
    return (await this.db.all<ReceiptDbRow>(SQL.unpublishedReceiptsFor, [messageId])).map(toReceipt);
  }

  /** Receipts not yet published (left by a crash), oldest first. */
  async unpublishedReceipts(limit: number): Promise<ReceiptRow[]> {
    return (await this.db.all<ReceiptDbRow>(SQL.unpublishedReceipts, [limit])).map(toReceipt);
  }

  /** Routing rows not yet routed (left by a crash). */
  async pendingDeliveries(limit: number): Promise<{ messageId: string; recipient: string }[]> {
    const rows = await this.db.all<{ message_id: string; recipient: string }>(SQL.pendingDeliveries, [limit]);
    return rows.map((r) => ({ messageId: r.message_id, recipient: r.recipient }));
  }

  /** The delivery state of each recipient of a message. */
  async deliveriesOf(messageId: string): Promise<DeliveryRow[]> {
    const rows = await this.db.all<{
      recipient: string;
      state: DeliveryRow['state'];
      routed_at: number | null;
      delivered_at: number | null;
      ack_message_id: string | null;
    }>(SQL.deliveriesOf, [messageId]);
    return rows.map((d) => ({
      recipient: d.recipient,
      state: d.state,
      routedAt: d.routed_at,
      deliveredAt: d.delivered_at,
      ackMessageId: d.ack_message_id,
    }));
  }

  /**
   * Every copy the centre routed of any archived version of the record (originator,
   * recordId) in the namespace `exercise`, from the record index: who must erase what
   * when the originator withdraws it.
   */
  recordDeliveries(originator: string, recordId: string, exercise: boolean): Promise<RecordDelivery[]> {
    return recordDeliveries(this.db, { originator, recordId, exercise });
  }

  /** The last sender_sequence seen per member. */
  async lastSequences(): Promise<Map<string, number>> {
    const rows = await this.db.all<{ member: string; last_sequence: number }>(SQL.lastSequences);
    return new Map(rows.map((r) => [r.member, r.last_sequence]));
  }

  /** The gateway's own last used sender_sequence. */
  async gatewaySequence(): Promise<number> {
    return (await this.db.get<{ value: number }>(SQL.getState, ['sender_sequence']))?.value ?? 0;
  }

  /**
   * The quarantine row of exactly these bytes refused for this reason before, if any: a
   * redelivery (after a crash) or a resubmission that fails the same way again.
   */
  async quarantinedAs(
    envelopeSha256: Buffer,
    reason: string,
  ): Promise<{ messageId: string | null; receiptId: string | null; streamSeq: number | null } | undefined> {
    const row = await this.db.get<{
      message_id: string | null;
      receipt_id: string | null;
      stream_seq: number | null;
    }>(SQL.quarantinedAs, [envelopeSha256, reason]);
    return row === undefined
      ? undefined
      : { messageId: row.message_id, receiptId: row.receipt_id, streamSeq: row.stream_seq };
  }

  /**
   * The quarantine rows that refused any of the stream messages `streamSeqs`, oldest first
   * per stream message (one read for a batch: each of its submissions may be one of them, come
   * again).
   */
  async quarantinedFromStreams(streamSeqs: readonly number[]): Promise<Map<number, StreamRefusal[]>> {
    const found = new Map<number, StreamRefusal[]>();
    for (const chunk of inLists([...new Set(streamSeqs)])) {
      const rows = await this.db.all<{
        stream_seq: number;
        envelope_sha256: Buffer;
        message_id: string | null;
        receipt_id: string | null;
        reason: string;
        exercise: number;
      }>(`${SQL.quarantinedFromStreams} (${marks(chunk.length)}) ORDER BY id`, chunk);
      for (const r of rows) {
        const refusal: StreamRefusal = {
          envelopeSha256: r.envelope_sha256,
          messageId: r.message_id,
          receiptId: r.receipt_id,
          reason: r.reason,
          exercise: r.exercise === 1,
        };
        const refusals = found.get(r.stream_seq);
        if (refusals === undefined) found.set(r.stream_seq, [refusal]);
        else refusals.push(refusal);
      }
    }
    return found;
  }

  /** Quarantine rows recorded for a message id. */
  async quarantineCount(messageId: string): Promise<number> {
    return (await this.db.get<{ n: number }>(SQL.quarantineCount, [messageId]))?.n ?? 0;
  }

  /** A message with its deliveries and receipts. */
  async messageDetail(messageId: string): Promise<MessageDetail | undefined> {
    const m = await this.db.get<MessageDbRow>(SQL.detail, [messageId]);
    if (m === undefined) return undefined;
    return {
      seq: m.seq,
      messageId: m.message_id,
      sender: m.sender,
      payloadType: m.payload_type,
      createdAt: m.created_at,
      archivedAt: m.archived_at,
      tlp: m.tlp,
      urgency: m.urgency,
      broadcast: m.broadcast === 1,
      exercise: m.exercise === 1,
      correlationId: m.correlation_id,
      inReplyTo: m.in_reply_to,
      senderSequence: m.sender_sequence,
      kid: m.kid,
      envelopeSha256: m.envelope_sha256,
      size: m.size,
      leafIndex: m.leaf_index,
      payloadErasedAt: m.payload_erased_at,
      deliveries: await this.deliveriesOf(messageId),
      receipts: (await this.receiptsFor(messageId)).map(({ envelope: _e, ...r }) => r),
    };
  }
}

import { AtcError, ErrorCode, PayloadType, RefusalCode, RefusalError, sha256, withoutFsync } from '@atc/shared';
import type { AgentDb } from './open-agent-database.js';
import {
  MAX_LIST_LIMIT,
  OutboxStatus,
  ReceiptStatus,
  type DueMessage,
  type EnqueueResult,
  type NewOutboxMessage,
  type OutboxListOptions,
  type OutboxMessage,
  type OutboxRow,
  type ReceiptEffect,
  type ReceiptInput,
} from './outbox-records.js';
import {
  asBuffer,
  orNull,
  PRUNED_COLUMNS,
  prunedToRow,
  ROW_COLUMNS,
  sameBytes,
  toReceipt,
  toRow,
  type DeliveryDbRow,
  type DueDbRow,
  type OutboxDbRow,
  type PrunedDbRow,
  type ReceiptDbRow,
} from './outbox-db-rows.js';
import { TurnBatcher, type Outcome } from './turn-batcher.js';

/** Payload types addressed to the gateway alone, never routed to a member. */
const ACK_TYPES: ReadonlySet<string> = new Set([PayloadType.DeliveryAck, PayloadType.PurgeAck]);

/** Longest `last_error` kept: enough for a diagnosis, bounded whatever a library throws. */
const MAX_ERROR_TEXT = 1000;

/** The Idempotency-Key of a request and its digest, checked before a sequence number is taken. */
export interface IdempotencyClaim {
  readonly key: string;
  readonly requestSha256: Uint8Array | undefined;
}

/** A submission of {@link OutboxStore.enqueueGrouped} waiting for its group's transaction. */
interface GroupedEnqueue {
  readonly build: (sequence: number) => NewOutboxMessage;
  readonly idempotency: IdempotencyClaim | undefined;
  readonly now: number;
  readonly resolve: (r: EnqueueResult) => void;
  readonly reject: (e: unknown) => void;
}

/** How long {@link OutboxStore.due} may rely on its note of the earliest resend time. */
export const RESEND_RECHECK_MS = 1_000;

/**
 * The outbox on the agent database: every signed submission from the moment the integrator
 * hears "queued" until the gateway's signed receipt ends the agent's duty, with the receipts
 * and per-recipient delivery that follow. Methods are synchronous, but for `enqueueGrouped`;
 * each write is one transaction. `enqueue`, the promise made to the integrator, is on disk (synchronous=FULL)
 * when it returns; bookkeeping writes (sequence reservation, publish marks, receipts) do not
 * wait for the disk, because losing one to a power cut only makes the agent reserve or
 * publish again under the same ids, or the gateway send a receipt again, and the next
 * synced commit makes every earlier one durable (the WAL is written in order).
 */
export class OutboxStore {
  private readonly s;
  /** Before this time no published row is due for a resend (see {@link #dueResends}). */
  #resendsFrom = Number.NEGATIVE_INFINITY;
  /** When that was noted (by the caller's clock). */
  #resendsNotedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly db: AgentDb) {
    this.s = {
      // max() with the outbox (and what is kept of pruned rows) guards the invariant even if
      // the counter was ever behind (a restored file, a row enqueued with a sequence from elsewhere).
      reserveSequence: db.prepare<[], { value: number }>(
        `UPDATE agent_state SET value = max(value, (SELECT coalesce(max(sequence), 0) FROM outbox),
           (SELECT coalesce(max(sequence), 0) FROM outbox_pruned)) + 1
         WHERE key = 'sender_sequence' RETURNING value`,
      ),
      prunedById: db.prepare<[string], PrunedDbRow>(`SELECT ${PRUNED_COLUMNS} FROM outbox_pruned WHERE message_id = ?`),
      prunedByIdempotencyKey: db.prepare<[string], PrunedDbRow>(
        `SELECT ${PRUNED_COLUMNS} FROM outbox_pruned WHERE idempotency_key = ?`,
      ),
      // A row's duty ends with its last receipt: a REJECTED one, or the ACCEPTED one once no
      // delivery is pending (a DELIVERED receipt can come before the ACCEPTED one, which then
      // adds the other recipients' pending deliveries).
      markSettled: db.prepare<[{ id: string; at: number }]>(
        `UPDATE outbox SET settled_at = @at
         WHERE message_id = @id AND settled_at IS NULL
           AND (status = 'rejected'
                OR (status = 'accepted'
                    AND EXISTS (SELECT 1 FROM receipts WHERE message_id = @id AND status = 'accepted')
                    AND NOT EXISTS (SELECT 1 FROM deliveries WHERE message_id = @id AND state = 'pending')))`,
      ),
      byId: db.prepare<[string], OutboxDbRow>(`SELECT ${ROW_COLUMNS} FROM outbox WHERE message_id = ?`),
      byIdempotencyKey: db.prepare<[string], OutboxDbRow>(
        `SELECT ${ROW_COLUMNS} FROM outbox WHERE idempotency_key = ?`,
      ),
      envelopeOf: db.prepare<[string], { envelope: Buffer }>('SELECT envelope FROM outbox WHERE message_id = ?'),
      // The new row as stored, or nothing when the message id is taken (see storeOnce).
      insert: db.prepare<[Record<string, unknown>], OutboxDbRow>(
        `INSERT INTO outbox (message_id, sequence, payload_type, recipients, broadcast, envelope, status,
           idempotency_key, request_sha256, created_at, next_attempt_at)
         VALUES (@messageId, @sequence, @payloadType, @recipients, @broadcast, @envelope, 'queued',
           @idempotencyKey, @requestSha256, @now, @now)
         ON CONFLICT (message_id) DO NOTHING RETURNING ${ROW_COLUMNS}`,
      ),
      // Two bounded walks, merged in {@link due}: queued rows in sequence order, and published
      // rows whose resend time has come. Published rows waiting for their receipt (a backlog
      // while the gateway is down) are never visited. INDEXED BY because the planner, without
      // statistics, would otherwise sort every unconfirmed row on each poll. Without the
      // envelopes: the caller skips rows it is already sending, and only the envelopes of the
      // rows it takes are read.
      dueQueued: db.prepare<[{ now: number; limit: number }], DueDbRow>(
        `SELECT message_id, sequence, status, attempts, published_at FROM outbox INDEXED BY outbox_queued
         WHERE status = 'queued' AND next_attempt_at <= @now ORDER BY sequence LIMIT @limit`,
      ),
      dueResends: db.prepare<[{ now: number; limit: number }], DueDbRow>(
        `SELECT message_id, sequence, status, attempts, published_at FROM outbox INDEXED BY outbox_resend
         WHERE status = 'published' AND next_attempt_at <= @now ORDER BY next_attempt_at LIMIT @limit`,
      ),
      nextResend: db.prepare<[], { at: number | null }>(
        "SELECT min(next_attempt_at) AS at FROM outbox INDEXED BY outbox_resend WHERE status = 'published'",
      ),
      markPublished: db.prepare<[{ now: number; resendAt: number; messageId: string }]>(
        `UPDATE outbox SET status = 'published', published_at = coalesce(published_at, @now), attempts = attempts + 1,
           last_error = NULL, next_attempt_at = @resendAt
         WHERE message_id = @messageId AND status IN ('queued', 'published')`,
      ),
      markFailed: db.prepare<[string, number, string]>(
        `UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?
         WHERE message_id = ? AND status IN ('queued', 'published')`,
      ),
      receiptExists: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM receipts WHERE receipt_id = ?'),
      insertReceipt: db.prepare(
        `INSERT INTO receipts (receipt_id, message_id, status, recipient, reason_code, detail, received_at, envelope)
         VALUES (@receiptId, @messageId, @status, @recipient, @reasonCode, @detail, @receivedAt, @envelope)`,
      ),
      setAccepted: db.prepare<[number, string]>(
        `UPDATE outbox SET status = 'accepted', accepted_at = ?, reason_code = NULL, reason_detail = NULL
         WHERE message_id = ?`,
      ),
      setRejected: db.prepare<[string | null, string | null, string]>(
        "UPDATE outbox SET status = 'rejected', reason_code = ?, reason_detail = ? WHERE message_id = ?",
      ),
      addDelivery: db.prepare<[string, string]>(
        "INSERT INTO deliveries (message_id, recipient, state) VALUES (?, ?, 'pending') ON CONFLICT DO NOTHING",
      ),
      setDelivered: db.prepare<[string, string, number]>(
        `INSERT INTO deliveries (message_id, recipient, state, delivered_at) VALUES (?, ?, 'delivered', ?)
         ON CONFLICT (message_id, recipient) DO UPDATE SET state = 'delivered', delivered_at = excluded.delivered_at
         WHERE state != 'delivered'`,
      ),
      receiptsOf: db.prepare<[string], ReceiptDbRow>(
        'SELECT * FROM receipts WHERE message_id = ? ORDER BY received_at, receipt_id',
      ),
      deliveriesOf: db.prepare<[string], DeliveryDbRow>(
        'SELECT recipient, state, delivered_at FROM deliveries WHERE message_id = ? ORDER BY recipient',
      ),
      list: db.prepare<[string, number], OutboxDbRow>(
        `SELECT ${ROW_COLUMNS} FROM outbox WHERE message_id > ? ORDER BY message_id LIMIT ?`,
      ),
      listByStatus: db.prepare<[string, string, number], OutboxDbRow>(
        `SELECT ${ROW_COLUMNS} FROM outbox WHERE status = ? AND message_id > ? ORDER BY message_id LIMIT ?`,
      ),
      depth: db.prepare<[], { n: number }>("SELECT count(*) AS n FROM outbox WHERE status IN ('queued', 'published')"),
      // Sequence order is enqueue order, so the first unconfirmed row is the oldest.
      oldestUnconfirmed: db.prepare<[], { created_at: number }>(
        `SELECT created_at FROM outbox INDEXED BY outbox_unconfirmed
         WHERE status IN ('queued', 'published') ORDER BY sequence LIMIT 1`,
      ),
    };
  }

  /**
   * Reserves the next sender_sequence in its own transaction, so a number is never handed
   * out twice while the agent runs; a reservation lost to a power cut before its `enqueue`
   * was never sent, so using the number again duplicates nothing.
   */
  nextSequence(): number {
    return withoutFsync(this.db, () => this.s.reserveSequence.get()!.value);
  }

  /**
   * Stores a signed submission as `queued`, in one transaction. A repeat is not stored again:
   * the same Idempotency-Key with the same request hash, or the same message id with the same
   * bytes, returns the existing row with `created: false`.
   *
   * @throws AtcError `ERR_IDEMPOTENCY_KEY_REUSED` when the key came with a different request.
   * @throws RefusalError `ERR_MESSAGE_ID_REUSED` when the message id is stored with other bytes.
   */
  enqueue(message: NewOutboxMessage, now: number): EnqueueResult {
    return this.db
      .transaction((): EnqueueResult => {
        if (message.idempotencyKey !== undefined) {
          const repeat = this.findByIdempotencyKey(message.idempotencyKey, message.requestSha256);
          if (repeat !== undefined) return { created: false, row: repeat };
        }
        return this.storeOnce(message, now);
      })
      .immediate();
  }

  /**
   * {@link enqueue}'s work once its Idempotency-Key, if any, was found new in the same
   * transaction: a repeat of the message id, or the new row.
   */
  private storeOnce(message: NewOutboxMessage, now: number): EnqueueResult {
    const pruned = this.s.prunedById.get(message.messageId);
    if (pruned !== undefined) {
      const digest = sha256(message.envelope);
      if (!digest.equals(pruned.envelope_sha256)) {
        throw new RefusalError(
          RefusalCode.MESSAGE_ID_REUSED,
          `message ${message.messageId} was sent with different bytes (its outbox row is pruned)`,
        );
      }
      return { created: false, row: prunedToRow(pruned) };
    }
    // Inserted and read back in one statement; a message id already stored inserts nothing.
    const inserted = this.insert(message, now);
    if (inserted !== undefined) return { created: true, row: toRow(inserted) };
    const existing = this.s.byId.get(message.messageId)!;
    if (!sameBytes(this.s.envelopeOf.get(message.messageId)?.envelope, message.envelope)) {
      throw new RefusalError(
        RefusalCode.MESSAGE_ID_REUSED,
        `message ${message.messageId} is already in the outbox with different bytes`,
      );
    }
    return { created: false, row: toRow(existing) };
  }

  /**
   * {@link enqueue} with group commit: submissions arriving together (in the same turn of
   * the event loop, typically while the previous commit waited for the disk) are stored in
   * one transaction and one fsync. Each takes its sender_sequence inside that transaction,
   * in the order they are stored, and only then is built and signed by `build`: a repeat
   * (the same Idempotency-Key) or a refusal uses up no number, and sequence order stays
   * enqueue order. Each resolves once it is on disk, or rejects alone (its own savepoint).
   */
  enqueueGrouped(
    build: (sequence: number) => NewOutboxMessage,
    idempotency: IdempotencyClaim | undefined,
    now: number,
  ): Promise<EnqueueResult> {
    return new Promise((resolve, reject) => {
      this.grouped.add({ build, idempotency, now, resolve, reject });
    });
  }

  /** Submissions waiting for their group's transaction (see {@link enqueueGrouped}). */
  private readonly grouped = new TurnBatcher<GroupedEnqueue, Outcome<EnqueueResult>[]>({
    write: (batch) =>
      this.db
        .transaction(() =>
          batch.map((p): Outcome<EnqueueResult> => {
            try {
              // A savepoint each: a refusal undoes only its own reservation and row.
              return { ok: true, result: this.db.transaction(() => this.enqueueBuilt(p))() };
            } catch (error) {
              return { ok: false, error };
            }
          }),
        )
        .immediate(),
    // The group's transaction failed: every submission of it with that error; else each with its own outcome.
    settle: (p, group, i) => {
      const outcome = group.ok ? group.result[i]! : group;
      if (outcome.ok) p.resolve(outcome.result);
      else p.reject(outcome.error);
    },
  });

  private enqueueBuilt(p: GroupedEnqueue): EnqueueResult {
    // The claim is the built message's own key: looked up once, before a number is taken.
    if (p.idempotency !== undefined) {
      const repeat = this.findByIdempotencyKey(p.idempotency.key, p.idempotency.requestSha256);
      if (repeat !== undefined) return { created: false, row: repeat };
    }
    return this.storeOnce(p.build(this.s.reserveSequence.get()!.value), p.now);
  }

  /** Stores a new row and returns it as stored; undefined when the message id is already stored. */
  private insert(message: NewOutboxMessage, now: number): OutboxDbRow | undefined {
    try {
      return this.s.insert.get({
        messageId: message.messageId,
        sequence: message.sequence,
        payloadType: message.payloadType,
        recipients: JSON.stringify(message.recipients),
        broadcast: message.broadcast ? 1 : 0,
        envelope: asBuffer(message.envelope),
        idempotencyKey: message.idempotencyKey ?? null,
        requestSha256: message.requestSha256 === undefined ? null : asBuffer(message.requestSha256),
        now,
      });
    } catch (e) {
      if (e instanceof Error && e.message.includes('outbox.sequence')) {
        throw new AtcError(
          ErrorCode.INTERNAL,
          `sender_sequence ${message.sequence} is already used by another queued message; reserve each message's sequence with nextSequence().`,
          { cause: e },
        );
      }
      throw e;
    }
  }

  /**
   * The row an Idempotency-Key already produced, if any. Lets the API answer a repeat before
   * reserving a sequence number for it (which would leave a gap).
   *
   * @throws AtcError `ERR_IDEMPOTENCY_KEY_REUSED` when the key came with a different request.
   */
  findByIdempotencyKey(idempotencyKey: string, requestSha256: Uint8Array | undefined): OutboxRow | undefined {
    const row = this.s.byIdempotencyKey.get(idempotencyKey) ?? this.s.prunedByIdempotencyKey.get(idempotencyKey);
    if (row === undefined) return undefined;
    if (!sameBytes(row.request_sha256, requestSha256)) {
      throw new AtcError(
        ErrorCode.IDEMPOTENCY_KEY_REUSED,
        'this Idempotency-Key was already used for a different request; the first request stands. ' +
          'Repeat a request only with identical content, and use a new key for a new request.',
      );
    }
    return 'pruned_at' in row ? prunedToRow(row) : toRow(row);
  }

  /**
   * Rows to publish now, lowest sequence first: queued ones, and published ones still without
   * a receipt whose resend time has come. Accepted and rejected rows never come back. Up to
   * `limit` rows, leaving out the ids in `skip` (those the relay is sending).
   */
  due(
    now: number,
    limit: number,
    skip: { has(id: string): boolean; readonly size: number } = new Set<string>(),
  ): DueMessage[] {
    const wanted = limit + skip.size;
    const queued = this.s.dueQueued.all({ now, limit: wanted });
    const resends = this.#dueResends(now, wanted);
    const merged = resends.length === 0 ? queued : [...queued, ...resends].sort((a, b) => a.sequence - b.sequence);
    const rows = merged.filter((r) => !skip.has(r.message_id)).slice(0, limit);
    return rows.flatMap((r) => {
      const envelope = this.s.envelopeOf.get(r.message_id)?.envelope;
      if (envelope === undefined) return [];
      return [
        {
          messageId: r.message_id,
          sequence: r.sequence,
          status: r.status,
          envelope,
          attempts: r.attempts,
          publishedAt: r.published_at,
        },
      ];
    });
  }

  /**
   * Published rows whose resend time has come, up to `limit`. The relay asks for due rows after
   * every enqueue and finished publish, and resends are minutes apart: when none is due, the
   * earliest resend time is noted and the walk is skipped until then, or for
   * {@link RESEND_RECHECK_MS} at most (a resend time another process moved earlier, such as
   * a restored file, is then seen that much later). This process's own writes of a resend
   * time bring the note forward at once.
   */
  #dueResends(now: number, limit: number): DueDbRow[] {
    // A clock that went back (a step of the system time) looks again at once.
    if (now >= this.#resendsNotedAt && now < this.#resendsFrom) return [];
    const rows = this.s.dueResends.all({ now, limit });
    this.#resendsNotedAt = now;
    this.#resendsFrom = Number.NEGATIVE_INFINITY;
    if (rows.length === 0) {
      const next = this.s.nextResend.get()?.at ?? Number.POSITIVE_INFINITY;
      this.#resendsFrom = Math.min(next, now + RESEND_RECHECK_MS);
    }
    return rows;
  }

  /** Brings the next look for due resends forward to `at` (see {@link #dueResends}). */
  #resendDueAt(at: number): void {
    if (at < this.#resendsFrom) this.#resendsFrom = at;
  }

  /**
   * Records a JetStream acknowledgement: the row is `published` and, unless a receipt arrives
   * first, due again at `resendAt`. Ignored (false) once a receipt settled the row.
   */
  markPublished(messageId: string, now: number, resendAt: number): boolean {
    return this.markPublishedMany([{ messageId, now, resendAt }]) > 0;
  }

  /** {@link markPublished} for many acknowledgements in one write; returns how many rows changed. */
  markPublishedMany(
    marks: readonly { readonly messageId: string; readonly now: number; readonly resendAt: number }[],
  ): number {
    return withoutFsync(this.db, () =>
      this.db.transaction(() => {
        let changed = 0;
        for (const m of marks) {
          changed += this.s.markPublished.run(m).changes;
          this.#resendDueAt(m.resendAt);
        }
        return changed;
      })(),
    );
  }

  /** Records a failed or unknown publish outcome; the row is due again at `nextAttemptAt`. */
  markAttemptFailed(messageId: string, error: string, nextAttemptAt: number): boolean {
    // A published row tried again and failed is a resend due then.
    this.#resendDueAt(nextAttemptAt);
    return withoutFsync(
      this.db,
      () => this.s.markFailed.run(error.slice(0, MAX_ERROR_TEXT), nextAttemptAt, messageId).changes > 0,
    );
  }

  /**
   * Records a verified gateway receipt, once per receipt id (redeliveries change nothing).
   * ACCEPTED settles the row and adds a pending delivery per routed recipient (those of the
   * receipt, or the row's own). REJECTED settles it with the reason, unless it was accepted:
   * the archive holds it, so accepted stands and the receipt is only kept. DELIVERED marks one
   * recipient delivered and, as only accepted messages are routed, implies ACCEPTED when that
   * receipt has not arrived yet. A receipt about an unknown message is kept, changing nothing;
   * one about a pruned message (a receipt sent again) is dropped, as its row was settled.
   */
  applyReceipt(receipt: ReceiptInput): ReceiptEffect {
    return this.applyReceipts([receipt])[0]!;
  }

  /**
   * {@link applyReceipt} for a group of receipts, in their order, in one transaction: all are
   * recorded or, when it throws, none. What each changed, in the same order.
   */
  applyReceipts(receipts: readonly ReceiptInput[]): ReceiptEffect[] {
    return withoutFsync(this.db, () =>
      this.db.transaction((): ReceiptEffect[] => receipts.map((r) => this.applyReceiptNow(r))).immediate(),
    );
  }

  /** One receipt, inside {@link applyReceipts}'s transaction. */
  private applyReceiptNow(receipt: ReceiptInput): ReceiptEffect {
    const row = this.s.byId.get(receipt.messageId);
    const pruned = row === undefined ? this.s.prunedById.get(receipt.messageId) : undefined;
    const before = row?.status ?? pruned?.status ?? null;
    const unchanged = { statusBefore: before, statusAfter: before, deliveriesAdded: [], deliveredNow: [] };
    if (pruned !== undefined) return { stored: false, messageKnown: true, ...unchanged };
    if (this.s.receiptExists.get(receipt.receiptId) !== undefined) {
      return { stored: false, messageKnown: row !== undefined, ...unchanged };
    }
    this.s.insertReceipt.run({
      receiptId: receipt.receiptId,
      messageId: receipt.messageId,
      status: receipt.status,
      recipient: orNull(receipt.recipient),
      reasonCode: orNull(receipt.reasonCode),
      detail: orNull(receipt.detail),
      receivedAt: receipt.receivedAt,
      envelope: asBuffer(receipt.envelope),
    });
    if (row === undefined) return { stored: true, messageKnown: false, ...unchanged };
    const effect = this.settle(row, receipt);
    this.s.markSettled.run({ id: row.message_id, at: receipt.receivedAt });
    return { stored: true, messageKnown: true, ...effect };
  }

  /** Applies a new receipt to its row (inside `applyReceipts`'s transaction). */
  private settle(
    row: OutboxDbRow,
    receipt: ReceiptInput,
  ): Pick<ReceiptEffect, 'statusBefore' | 'statusAfter' | 'deliveriesAdded' | 'deliveredNow'> {
    const id = row.message_id;
    const before = row.status;
    let after: OutboxStatus = before;
    const deliveriesAdded: string[] = [];
    const deliveredNow: string[] = [];
    const accept = (): void => {
      if (after === OutboxStatus.accepted) return;
      this.s.setAccepted.run(receipt.receivedAt, id);
      after = OutboxStatus.accepted;
    };
    switch (receipt.status) {
      case ReceiptStatus.accepted: {
        accept();
        // Acks (DeliveryAck, PurgeAck) are for the centre alone: no recipient will ever deliver them.
        const routed = ACK_TYPES.has(row.payload_type)
          ? []
          : receipt.recipients?.length
            ? receipt.recipients
            : (JSON.parse(row.recipients) as string[]);
        for (const recipient of routed) {
          if (this.s.addDelivery.run(id, recipient).changes > 0) deliveriesAdded.push(recipient);
        }
        break;
      }
      case ReceiptStatus.rejected:
        // The first verdict's reason is kept; an accepted message stays accepted.
        if (before === OutboxStatus.queued || before === OutboxStatus.published) {
          this.s.setRejected.run(orNull(receipt.reasonCode), orNull(receipt.detail), id);
          after = OutboxStatus.rejected;
        }
        break;
      case ReceiptStatus.delivered: {
        const recipient = orNull(receipt.recipient);
        // A DELIVERED receipt without a recipient is malformed; it is kept as received, applied to nothing.
        if (recipient === null) break;
        accept();
        if (this.s.setDelivered.run(id, recipient, receipt.receivedAt).changes > 0) deliveredNow.push(recipient);
        break;
      }
    }
    return { statusBefore: before, statusAfter: after, deliveriesAdded, deliveredNow };
  }

  /**
   * A submission with its receipts and per-recipient delivery states; for a pruned one, its
   * settled row with `prunedAt` and neither receipts nor deliveries.
   */
  get(messageId: string): OutboxMessage | undefined {
    const row = this.s.byId.get(messageId);
    if (row === undefined) {
      const pruned = this.s.prunedById.get(messageId);
      return pruned === undefined ? undefined : { ...prunedToRow(pruned), receipts: [], deliveries: [] };
    }
    return {
      ...toRow(row),
      receipts: this.s.receiptsOf.all(messageId).map(toReceipt),
      deliveries: this.s.deliveriesOf.all(messageId).map((d) => ({
        recipient: d.recipient,
        state: d.state,
        deliveredAt: d.delivered_at,
      })),
    };
  }

  /** A submission without its receipts and deliveries (a cheaper {@link get}). */
  row(messageId: string): OutboxRow | undefined {
    const row = this.s.byId.get(messageId);
    if (row !== undefined) return toRow(row);
    const pruned = this.s.prunedById.get(messageId);
    return pruned === undefined ? undefined : prunedToRow(pruned);
  }

  /** The envelope bytes exactly as queued; undefined once pruned. */
  envelopeOf(messageId: string): Uint8Array | undefined {
    return this.s.envelopeOf.get(messageId)?.envelope;
  }

  /**
   * A page of submissions in message id order (UUIDv7: creation order), optionally of one
   * status; pass the last id of a page as `after` to get the next.
   */
  list(options: OutboxListOptions): OutboxRow[] {
    const limit = Math.max(1, Math.min(MAX_LIST_LIMIT + 1, Math.trunc(options.limit)));
    const after = options.after ?? '';
    const rows =
      options.status === undefined
        ? this.s.list.all(after, limit)
        : this.s.listByStatus.all(options.status, after, limit);
    return rows.map(toRow);
  }

  /** How many submissions await the gateway's verdict (queued or published). */
  depth(): number {
    return this.s.depth.get()!.n;
  }

  /** Age in ms of the oldest submission awaiting the gateway's verdict; 0 when none. */
  oldestQueuedAge(now: number): number {
    const oldest = this.s.oldestUnconfirmed.get();
    return oldest === undefined ? 0 : Math.max(0, now - oldest.created_at);
  }
}

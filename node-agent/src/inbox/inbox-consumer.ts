import type { ConsumerMessages, JetStreamClient, JsMsg } from '@nats-io/jetstream';
import {
  atc,
  ErrorCode,
  fromTimestamp,
  isRefusal,
  payloadKind,
  PayloadType,
  RefusalCode,
  refusalCodeOf,
  sha256,
  verifyEnvelope,
  validateReferences,
  childContext,
  parseTraceparent,
  spanClock,
  SpanKind,
  TRACEPARENT_HEADER,
  type Clock,
  type Logger,
  type StorageHealth,
  type VerifiedEnvelope,
  type Component,
  type TraceBook,
  type TraceContext,
  type Tracer,
} from '@atc/shared';
import { TurnBatcher } from '../store/turn-batcher.js';
import { bindInboxConsumer } from './bind-inbox-consumer.js';
import type { InboxStore, NewInboxItem } from './inbox-store.js';
import { headerToJson } from './header-to-json.js';
import type { TrustStore } from './trust-store.js';

/** How much of a refused item the local quarantine keeps. */
const QUARANTINE_HEAD_BYTES = 64 * 1024;

/** While the trust list may lag behind the gateway, an unknown key is retried this often. */
const UNKNOWN_KEY_RETRY_MS = 2_000;

/**
 * Items verified in one burst of arrivals are stored in one transaction (one commit, one
 * fsync) and acknowledged after it: at most this many at once.
 */
export const INBOX_STORE_GROUP = 256;

/** A verified item waiting for its group's commit, and what its acknowledgement needs. */
interface HeldItem extends Taken {
  readonly item: NewInboxItem;
  readonly v: VerifiedEnvelope;
}

/** A verified receipt waiting for its group to be applied. */
interface HeldReceipt extends Taken {
  readonly receipt: IncomingReceipt;
}

/** An inbox message taken, with its trace. */
interface Taken {
  readonly m: JsMsg;
  readonly trace: TraceContext | undefined;
  readonly parent: TraceContext | undefined;
  readonly started: number;
}

/** A gateway receipt for one of this member's submissions. */
export interface IncomingReceipt {
  readonly receiptId: string;
  readonly messageId: string;
  readonly status: 'accepted' | 'rejected' | 'delivered';
  readonly recipients: readonly string[];
  readonly recipient: string | null;
  readonly reasonCode: string | null;
  readonly detail: string;
  /** SHA-256 of the submitted bytes the receipt is about (empty in DELIVERED receipts). */
  readonly envelopeSha256: Uint8Array;
  readonly envelope: Uint8Array;
  /** When the gateway signed the receipt (its clock, the receipt header's created_at). */
  readonly signedAt: number;
  readonly receivedAt: number;
}

/** What the consumer needs. */
export interface InboxConsumerDeps {
  readonly js: JetStreamClient;
  readonly memberId: string;
  readonly gatewayId: string;
  readonly maxEnvelopeBytes: number;
  readonly trust: TrustStore;
  readonly inbox: InboxStore;
  /**
   * Applies verified gateway receipts to the outbox, a group at a time in arrival order (those
   * of one burst of arrivals), each acknowledged once this returned; throwing leaves every
   * receipt of the group to redelivery.
   */
  readonly onReceipts: (receipts: readonly IncomingReceipt[]) => void;
  /** Called when a new item is stored (to push it and tell SSE listeners). */
  readonly onItem: (messageId: string) => void;
  /** Converts a decoded record to its JSON form for the API. */
  readonly payloadToJson: (v: VerifiedEnvelope) => Record<string, unknown>;
  readonly logger: Logger;
  readonly clock: Clock;
  /**
   * How long after the gateway published an item signed by an unknown key it is retried
   * (the trust list naming a new key may arrive a little after the message), before the
   * item is quarantined.
   */
  readonly unknownKeyGraceMs: number;
  /** Called when an item arrives again that the inbox already holds (the centre routed its copy again). */
  readonly onDuplicate?: (messageId: string) => void;
  /** Called for every refused item (metrics). */
  readonly onRefused?: (code: string) => void;
  /** Told of every item that could not be stored (the database's health, for readiness). */
  readonly storage?: Pick<StorageHealth, 'failed'>;
  /** The data bank searches this agent sent: a DataBankResult is taken only when it answers one. */
  readonly searches?: {
    /** True when this agent sent the DataBankQuery `queryId`. */
    isOwnQuery(queryId: string): boolean;
    /** Notes the stored result that answers `queryId`. */
    answered(queryId: string, resultMessageId: string): void;
  };
  /**
   * The span of each item taken (a child of the `traceparent` the gateway put in its NATS
   * headers), and the book where a stored item's context waits for its hand-over.
   */
  readonly tracing?: { readonly tracer: Tracer; readonly traces: TraceBook };
}

const STATUS: Readonly<Record<number, IncomingReceipt['status']>> = {
  [atc.v1.ReceiptStatus.RECEIPT_STATUS_ACCEPTED]: 'accepted',
  [atc.v1.ReceiptStatus.RECEIPT_STATUS_REJECTED]: 'rejected',
  [atc.v1.ReceiptStatus.RECEIPT_STATUS_DELIVERED]: 'delivered',
};

/**
 * Pulls this member's inbox consumer and, for each item: verifies it (receipts with the
 * pinned gateway key, routed envelopes with the original sender's key from the trust list,
 * payload digest included), drops duplicates by message id, stores it, and only then
 * acknowledges it. An item that fails verification is quarantined locally and never handed
 * over.
 */
export class InboxConsumer implements Component {
  private messages: ConsumerMessages | undefined;
  private loop: Promise<void> | undefined;
  private stopped = false;
  /**
   * Verified items waiting for their group's commit, in arrival order: the group is stored
   * once the burst it came in is taken, or when full.
   */
  readonly #held = new TurnBatcher<HeldItem, boolean[]>({
    maxItems: INBOX_STORE_GROUP,
    write: (group) => this.deps.inbox.addMany(group.map((h) => h.item)),
    // None is stored: each is left to redelivery.
    onWriteError: (e, group) => {
      this.#notStored(e, group[0]?.trace);
    },
    // An acknowledgement on a connection that closed meanwhile: JetStream redelivers the item, which
    // is then a duplicate (stored items are recognised) or stored now.
    onSettleError: (e, h) => {
      this.deps.logger.warn({ err: e, messageId: h.v.header.messageId }, 'an inbox item was not acknowledged');
    },
    settle: (h, outcome, i) => {
      if (outcome.ok) this.#acknowledge(h, outcome.result[i] === true);
      else this.#leaveToRedelivery(h, outcome.error);
    },
  });

  /** Verified receipts waiting for their group to be applied, in arrival order (as {@link #held}). */
  readonly #receipts = new TurnBatcher<HeldReceipt, void>({
    maxItems: INBOX_STORE_GROUP,
    write: (group) => {
      this.deps.onReceipts(group.map((h) => h.receipt));
    },
    onWriteError: (e, group) => {
      this.#notStored(e, group[0]?.trace);
    },
    onSettleError: (e, h) => {
      this.deps.logger.warn({ err: e, messageId: h.receipt.receiptId }, 'a receipt was not acknowledged');
    },
    settle: (h, outcome) => {
      if (outcome.ok) this.#done(h);
      else this.#leaveToRedelivery(h, outcome.error);
    },
  });

  constructor(private readonly deps: InboxConsumerDeps) {}

  /**
   * Starts consuming `inbox-<MEMBER>` once a trust list is in force (from the cache or the
   * centre): before that, no sender could be verified and items would be refused.
   */
  start(): void {
    if (this.loop !== undefined) return;
    this.loop = this.run();
  }

  /** Stops consuming after the item in hand. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.messages?.close();
    await this.loop;
    // What was verified before the stop is stored and acknowledged, not left to redelivery.
    this.#held.flush();
    this.#receipts.flush();
  }

  /**
   * Consumes until stopped; when the subscription fails, opens it again. While the consumer
   * does not exist yet (gateway not started) or NATS is away, the bound consumer keeps
   * pulling by itself.
   */
  private async run(): Promise<void> {
    while (!this.stopped && this.deps.trust.trustList === undefined) await new Promise((r) => setTimeout(r, 200));
    const consumer = bindInboxConsumer(this.deps.js, this.deps.memberId);
    while (!this.stopped) {
      try {
        this.messages = await consumer.consume({ max_messages: 256, expires: 5_000, bind: true });
        for await (const m of this.messages) await this.take(m);
      } catch (e) {
        if (!this.stopped) this.deps.logger.warn({ err: e }, 'inbox subscription failed; opening it again');
      }
      if (!this.stopped) await new Promise((r) => setTimeout(r, 1_000));
    }
  }

  private async take(m: JsMsg): Promise<void> {
    const started = spanClock();
    // Items the gateway sent without a trace context (receipts) start no trace here.
    const parent = parseTraceparent(m.headers?.get(TRACEPARENT_HEADER));
    const trace = parent === undefined ? undefined : childContext(parent);
    let outcome: 'done' | 'later' | Error;
    try {
      const publishedAt = Math.floor(m.info.timestampNanos / 1_000_000);
      const checked = await this.check(m.data, publishedAt, trace);
      if (typeof checked === 'object') {
        if ('receipt' in checked) this.#receipts.add({ m, receipt: checked.receipt, trace, parent, started });
        else this.#held.add({ m, item: checked.item, v: checked.v, trace, parent, started });
        return;
      }
      outcome = checked;
      if (outcome === 'later') m.nak(UNKNOWN_KEY_RETRY_MS);
      else m.ack();
    } catch (e) {
      // A store failure: leave the item unacknowledged; JetStream brings it back.
      this.#notStored(e, trace);
      m.nak(UNKNOWN_KEY_RETRY_MS);
      outcome = asError(e);
    }
    this.#span(m.subject, trace, parent, started, outcome);
  }

  /** After its group's commit: the agent is told of the item, and it is acknowledged. */
  #acknowledge(h: HeldItem, added: boolean): void {
    try {
      this.#stored(h.v, added, h.trace);
    } catch (e) {
      // Stored all the same: a listener's failure does not bring the item back.
      this.deps.logger.error({ err: e, messageId: h.v.header.messageId }, 'a listener failed on a stored inbox item');
    }
    this.#done(h);
  }

  /** A taken message whose group was written: acknowledged, its span ended. */
  #done(h: Taken): void {
    h.m.ack();
    this.#span(h.m.subject, h.trace, h.parent, h.started, 'done');
  }

  /** A taken message whose group could not be written: JetStream brings it back. */
  #leaveToRedelivery(h: Taken, error: unknown): void {
    h.m.nak(UNKNOWN_KEY_RETRY_MS);
    this.#span(h.m.subject, h.trace, h.parent, h.started, asError(error));
  }

  #notStored(e: unknown, trace: TraceContext | undefined): void {
    this.deps.storage?.failed(e);
    this.deps.logger.error({ err: e, traceId: trace?.traceId }, 'inbox item not stored; it will be redelivered');
  }

  /** After an item's commit: the agent is told of a new item (a duplicate is counted). */
  #stored(v: VerifiedEnvelope, added: boolean, trace: TraceContext | undefined): void {
    const { header } = v;
    if (v.payloadType === PayloadType.DataBankResult) this.deps.searches?.answered(header.inReplyTo, header.messageId);
    if (added) {
      if (trace !== undefined) this.deps.tracing?.traces.set(header.messageId, trace);
      this.deps.logger.debug(
        { messageId: header.messageId, sender: header.sender, traceId: trace?.traceId },
        'inbox item stored',
      );
      this.deps.onItem(header.messageId);
    } else this.deps.onDuplicate?.(header.messageId);
  }

  #span(
    subject: string,
    trace: TraceContext | undefined,
    parent: TraceContext | undefined,
    started: number,
    outcome: 'done' | 'later' | Error,
  ): void {
    const tracer = this.deps.tracing?.tracer;
    if (tracer?.recording === true && trace !== undefined) {
      tracer.record(trace, parent, {
        name: 'agent inbox receive',
        kind: SpanKind.CONSUMER,
        startMs: started,
        endMs: spanClock(),
        attributes: {
          'messaging.system': 'nats',
          'messaging.destination.name': subject,
          'atc.outcome': outcome instanceof Error ? 'failed' : outcome,
        },
        error: outcome instanceof Error ? outcome.message : undefined,
      });
    }
  }

  /**
   * Verifies one inbox item: the item to store (with its verified envelope), or the gateway
   * receipt to apply, or 'done' when it needs neither (a refusal quarantined), or 'later' when it should
   * be retried. `trace` is the item's trace context here: kept for its hand-over, named in
   * log lines about it.
   */
  private async check(
    bytes: Uint8Array,
    publishedAt: number,
    trace: TraceContext | undefined,
  ): Promise<
    | 'done'
    | 'later'
    | { readonly item: NewInboxItem; readonly v: VerifiedEnvelope }
    | { readonly receipt: IncomingReceipt }
  > {
    const { memberId, gatewayId } = this.deps;
    let v: VerifiedEnvelope;
    try {
      v = await verifyEnvelope(bytes, { resolver: this.deps.trust, maxBytes: this.deps.maxEnvelopeBytes });
    } catch (e) {
      if (!isRefusal(e)) throw e;
      if (e.code === RefusalCode.KEY_UNKNOWN && this.deps.clock() - publishedAt < this.deps.unknownKeyGraceMs)
        return 'later';
      this.quarantine(trace, bytes, e.code, e.message);
      return 'done';
    }
    const { header } = v;
    if (header.sender !== gatewayId && this.deps.trust.memberStatus(header.sender) !== 'active') {
      this.quarantine(
        trace,
        bytes,
        RefusalCode.SENDER_SUSPENDED,
        `${header.sender} is not an active member in the trust list`,
      );
      return 'done';
    }
    // A withdrawal reaches every holder of the record, whatever recipients its originator named
    // (DESIGN.md section 9): the centre routed it to this inbox because this member holds a copy.
    if (!header.broadcast && !header.recipients.includes(memberId) && v.payloadType !== PayloadType.RecordWithdrawal) {
      this.quarantine(
        trace,
        bytes,
        ErrorCode.NOT_ADDRESSED,
        `the item is addressed to ${header.recipients.join(', ')}, not to ${memberId}`,
      );
      return 'done';
    }
    if (v.payloadType === PayloadType.Receipt) {
      if (header.sender !== gatewayId) {
        this.quarantine(
          trace,
          bytes,
          RefusalCode.PAYLOAD_TYPE_NOT_ALLOWED,
          `a receipt from ${header.sender}, not from the gateway`,
        );
        return 'done';
      }
      const r = v.payload as atc.v1.Receipt;
      const receipt: IncomingReceipt = {
        receiptId: header.messageId,
        messageId: r.messageId,
        status: STATUS[r.status] ?? 'rejected',
        recipients: [...r.recipients],
        recipient: r.recipient === '' ? null : r.recipient,
        reasonCode: refusalCodeOf(r.reason) ?? null,
        detail: r.detail,
        envelopeSha256: r.envelopeSha256,
        envelope: bytes,
        signedAt: fromTimestamp(header.createdAt) ?? 0,
        receivedAt: this.deps.clock(),
      };
      return { receipt };
    }
    if (v.payloadType === PayloadType.DataBankResult && !this.ownResult(v, bytes, trace)) return 'done';
    if (payloadKind(v.payloadType) !== 'record' && v.payloadType !== PayloadType.DataBankResult) {
      this.quarantine(
        trace,
        bytes,
        RefusalCode.PAYLOAD_TYPE_NOT_ALLOWED,
        `${v.payloadType} is not handed to national systems`,
      );
      return 'done';
    }
    // Checked again here, so that a centre that routes another member's withdrawal (or a
    // gateway older than the rule) cannot make this agent erase or hand over a forgery.
    try {
      validateReferences(v);
    } catch (e) {
      if (!isRefusal(e)) throw e;
      this.quarantine(trace, bytes, e.code, e.message);
      return 'done';
    }
    const item: NewInboxItem = {
      messageId: header.messageId,
      sender: header.sender,
      payloadType: v.payloadType,
      createdAt: fromTimestamp(header.createdAt) ?? 0,
      receivedAt: this.deps.clock(),
      tlp: header.handling?.tlp ?? 0,
      exercise: header.exercise,
      header: headerToJson(header),
      payload: this.deps.payloadToJson(v),
      envelope: bytes,
    };
    return { item, v };
  }

  /**
   * A DataBankResult is content like a record (stored, handed over, erased alike) when the
   * gateway signed it and it answers a query this agent sent; otherwise it is quarantined with
   * its code and never returned to anyone.
   */
  private ownResult(v: VerifiedEnvelope, bytes: Uint8Array, trace: TraceContext | undefined): boolean {
    const { header } = v;
    if (header.sender !== this.deps.gatewayId) {
      this.quarantine(
        trace,
        bytes,
        RefusalCode.PAYLOAD_TYPE_NOT_ALLOWED,
        `a data bank result from ${header.sender}, not from the gateway`,
      );
      return false;
    }
    if (this.deps.searches?.isOwnQuery(header.inReplyTo) !== true) {
      this.quarantine(
        trace,
        bytes,
        RefusalCode.REFERENCE_UNKNOWN,
        `a data bank result for the query ${JSON.stringify(header.inReplyTo)}, which this agent never sent`,
      );
      return false;
    }
    return true;
  }

  private quarantine(trace: TraceContext | undefined, bytes: Uint8Array, reason: string, detail: string): void {
    let claimedSender: string | null = null;
    let messageId: string | null = null;
    try {
      const h = atc.v1.Header.decode(atc.v1.Envelope.decode(bytes).header);
      claimedSender = h.sender.slice(0, 64) || null;
      messageId = h.messageId.slice(0, 64) || null;
    } catch {
      // Undecodable: nothing to claim.
    }
    this.deps.inbox.quarantine({
      receivedAt: this.deps.clock(),
      reason,
      detail,
      envelopeSha256: sha256(bytes),
      size: bytes.length,
      head: bytes.subarray(0, QUARANTINE_HEAD_BYTES),
      claimedSender,
      messageId,
    });
    this.deps.onRefused?.(reason);
    this.deps.logger.warn(
      { reason, detail, claimedSender, messageId, traceId: trace?.traceId },
      'inbox item refused and quarantined',
    );
  }
}

/** What a span records of a failure: an Error as it is, anything else as its text. */
function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

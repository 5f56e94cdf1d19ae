import { inboxDedupeId, inboxSubject, type Logger, type StreamMessage, type StreamPublisher } from '@atc/shared';
import type { MessageStore } from '../archive/message-store.js';
import type { ReceiptRow } from '../domain/batch-write.js';
import type { Replay, Route } from './batch-state.js';

/** Messages whose pending copies `recover` publishes together. */
const RECOVERY_CHUNK = 256;

/** What one publication step sends: routed copies and receipts. */
export interface Publication {
  readonly routes: readonly Route[];
  readonly receipts: readonly ReceiptRow[];
  /**
   * Send the receipts a second time on purpose (to a sender that resubmitted): the
   * resubmission's de-duplication ids (see Replay.resend) let them through once; agents drop
   * duplicates by the receipt's id.
   */
  readonly resend?: string | undefined;
  /** The W3C `traceparent` each routed copy of a message carries, by message id. */
  readonly traceparents?: ReadonlyMap<string, string>;
}

/**
 * Copies accepted envelopes, byte for byte, into their recipients' inboxes and publishes
 * receipts, with JetStream de-duplication ids so that a retry after a crash or an
 * unknown outcome never stores a copy twice. The archive records what was stored.
 */
export class InboxPublisher {
  /** The copies {@link routePending} found pending at its previous call. */
  #pendingBefore = new Set<string>();

  constructor(
    private readonly streams: StreamPublisher,
    private readonly store: MessageStore,
    private readonly logger: Logger,
  ) {}

  /**
   * Publishes routed copies and receipts together; once JetStream stored all of them,
   * records that in one write.
   */
  async publish({ routes, receipts, resend, traceparents }: Publication): Promise<void> {
    const messages: StreamMessage[] = [];
    for (const r of routes) {
      const traceparent = traceparents?.get(r.messageId);
      for (const recipient of r.recipients) {
        messages.push({
          subject: inboxSubject(recipient),
          data: r.envelope,
          msgId: inboxDedupeId(r.messageId, recipient),
          ...(traceparent === undefined ? {} : { traceparent }),
        });
      }
    }
    for (const r of receipts) {
      messages.push({
        subject: inboxSubject(r.member),
        data: r.envelope,
        msgId: resend === undefined ? r.receiptId : `${r.receiptId}:${resend}`,
      });
    }
    if (messages.length === 0) return;
    await this.streams.publishAll(messages);
    await this.store.markPublished({ routes, receiptIds: receipts.map((r) => r.receiptId) }, Date.now());
  }

  /**
   * Completes a submission already decided: routes copies still pending, and sends its
   * receipts. A sender that submitted the same bytes anew gets them all again (it may have
   * missed them); a stream message JetStream only redelivers (after a crash) gets only those
   * not yet published, under their own de-duplication ids, so nothing reaches it twice.
   */
  async replay(replays: readonly Replay[]): Promise<void> {
    for (const { messageId: id, resend } of replays) {
      const pending = (await this.store.deliveriesOf(id)).filter((d) => d.state === 'pending');
      const envelope = pending.length > 0 ? await this.store.envelopeOf(id) : undefined;
      await this.publish({
        routes:
          envelope === undefined ? [] : [{ messageId: id, envelope, recipients: pending.map((d) => d.recipient) }],
        receipts: resend === undefined ? await this.store.unpublishedReceiptsFor(id) : await this.store.receiptsFor(id),
        resend,
      });
    }
  }

  /** Publishes what a crash left between commit and publication. Run at start. */
  async recover(): Promise<void> {
    const pending = await this.store.pendingDeliveries(10_000);
    await this.route(pending);
    const receipts = await this.store.unpublishedReceipts(10_000);
    await this.publish({ routes: [], receipts });
    if (pending.length > 0 || receipts.length > 0) {
      this.logger.info(
        { routes: pending.length, receipts: receipts.length },
        'recovered unpublished routes and receipts',
      );
    }
  }

  /**
   * Publishes the copies that were pending at the previous call and still are: copies put
   * back to pending by a resend (`atc-gateway deliveries resend`), or left by a replica that
   * stopped between commit and publication. A copy of a batch in flight is routed by its own
   * batch before the next call, so it is not published twice. Run periodically.
   */
  async routePending(): Promise<number> {
    const pending = await this.store.pendingDeliveries(10_000);
    const seen = this.#pendingBefore;
    this.#pendingBefore = new Set(pending.map((p) => `${p.messageId} ${p.recipient}`));
    const stale = pending.filter((p) => seen.has(`${p.messageId} ${p.recipient}`));
    await this.route(stale);
    if (stale.length > 0) this.logger.info({ routes: stale.length }, 'routed pending copies again');
    return stale.length;
  }

  /** Publishes `pending` copies, a few hundred messages at a time. */
  private async route(pending: readonly { messageId: string; recipient: string }[]): Promise<void> {
    const byMessage = new Map<string, string[]>();
    for (const p of pending) byMessage.set(p.messageId, [...(byMessage.get(p.messageId) ?? []), p.recipient]);
    // Their copies are published together and marked routed in one write, as a batch is,
    // instead of one round trip after another.
    const messages = [...byMessage];
    for (let i = 0; i < messages.length; i += RECOVERY_CHUNK) {
      const routes = await Promise.all(
        messages.slice(i, i + RECOVERY_CHUNK).map(async ([messageId, recipients]) => {
          const envelope = await this.store.envelopeOf(messageId);
          return envelope === undefined ? [] : [{ messageId, envelope, recipients }];
        }),
      );
      await this.publish({ routes: routes.flat(), receipts: [] });
    }
  }
}

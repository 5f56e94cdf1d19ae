import type { JetStreamClient } from '@nats-io/jetstream';
import { inboxDedupeId, inboxSubject, uuidv7, type Logger } from '@atc/shared';
import type { MessageStore, ReceiptRow } from '../archive/message-store.js';
import type { Route } from './submission-processor.js';

/** Messages whose pending copies `recover` publishes together. */
const RECOVERY_CHUNK = 256;

/**
 * Copies accepted envelopes, byte for byte, into their recipients' inboxes and publishes
 * receipts, with JetStream de-duplication ids so that a retry after a crash or an
 * unknown outcome never stores a copy twice. The archive records what was stored.
 */
export class InboxPublisher {
  constructor(
    private readonly js: JetStreamClient,
    private readonly store: MessageStore,
    private readonly logger: Logger,
  ) {}

  /** Publishes routed copies; once all are stored, marks them routed in one write. */
  async route(routes: readonly Route[]): Promise<void> {
    if (routes.length === 0) return;
    await Promise.all(
      routes.flatMap((r) =>
        r.recipients.map((recipient) =>
          this.js.publish(inboxSubject(recipient), r.envelope, { msgID: inboxDedupeId(r.messageId, recipient) }),
        ),
      ),
    );
    await this.store.markRouted(routes, Date.now());
  }

  /**
   * Publishes receipts to their members' inboxes and marks them published. `again` sends
   * receipts a second time on purpose (to a sender that resubmitted): a fresh
   * de-duplication id lets them through; agents drop duplicates by the receipt's id.
   */
  async sendReceipts(receipts: readonly ReceiptRow[], again = false): Promise<void> {
    if (receipts.length === 0) return;
    await Promise.all(
      receipts.map((r) =>
        this.js.publish(inboxSubject(r.member), r.envelope, {
          msgID: again ? `${r.receiptId}:${uuidv7()}` : r.receiptId,
        }),
      ),
    );
    await this.store.markReceiptsPublished(
      receipts.map((r) => r.receiptId),
      Date.now(),
    );
  }

  /**
   * Completes a message resubmitted with identical bytes: routes copies still pending and
   * sends its receipts again (the sender may have missed them).
   */
  async replay(messageIds: readonly string[]): Promise<void> {
    for (const id of messageIds) {
      const pending = (await this.store.deliveriesOf(id)).filter((d) => d.state === 'pending');
      const envelope = pending.length > 0 ? await this.store.envelopeOf(id) : undefined;
      if (envelope !== undefined)
        await this.route([{ messageId: id, envelope, recipients: pending.map((d) => d.recipient) }]);
      await this.sendReceipts(await this.store.receiptsFor(id), true);
    }
  }

  /** Publishes what a crash left between commit and publication. Run at start. */
  async recover(): Promise<void> {
    const pending = await this.store.pendingDeliveries(10_000);
    const byMessage = new Map<string, string[]>();
    for (const p of pending) byMessage.set(p.messageId, [...(byMessage.get(p.messageId) ?? []), p.recipient]);
    // A few hundred messages at a time: their copies are published together and marked
    // routed in one write, as a batch is, instead of one round trip after another.
    const messages = [...byMessage];
    for (let i = 0; i < messages.length; i += RECOVERY_CHUNK) {
      const routes = await Promise.all(
        messages.slice(i, i + RECOVERY_CHUNK).map(async ([messageId, recipients]) => {
          const envelope = await this.store.envelopeOf(messageId);
          return envelope === undefined ? [] : [{ messageId, envelope, recipients }];
        }),
      );
      await this.route(routes.flat());
    }
    const receipts = await this.store.unpublishedReceipts(10_000);
    await this.sendReceipts(receipts);
    if (pending.length > 0 || receipts.length > 0) {
      this.logger.info(
        { routes: pending.length, receipts: receipts.length },
        'recovered unpublished routes and receipts',
      );
    }
  }
}

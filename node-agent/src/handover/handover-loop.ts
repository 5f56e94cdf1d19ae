import { PayloadType, type Clock, type Component, type Logger, type TraceBook } from '@atc/shared';
import type { InboxItem, InboxStore } from '../inbox/inbox-store.js';
import { tombstoneJson } from '../inbox/tombstone-json.js';
import type { WithdrawalStore } from '../inbox/withdrawal-store.js';
import { TurnBatcher } from '../store/turn-batcher.js';
import type { WebhookDeliverer } from './webhook-deliverer.js';

/** What hands one item over: the webhook, or the drop folder's out/ writer. */
export type ItemDeliverer = Pick<WebhookDeliverer, 'deliver'>;

/** How often the loop looks for due items when nothing woke it. */
const POLL_MS = 250;
/** Hand-overs at once when the setting is not given. */
export const DEFAULT_HANDOVER_CONCURRENCY = 16;

/**
 * The webhook body of an inbox item: what the API's GET /v1/inbox/{id} shows. A
 * RecordWithdrawal carries the tombstone it left: which items and versions the agent erased.
 */
export function webhookBody(item: InboxItem, withdrawals: Pick<WithdrawalStore, 'get'>): Record<string, unknown> {
  const tombstone = item.payloadType === PayloadType.RecordWithdrawal ? withdrawals.get(item.messageId) : undefined;
  return {
    id: item.messageId,
    sender: item.sender,
    payloadType: item.payloadType,
    receivedAt: new Date(item.receivedAt).toISOString(),
    exercise: item.exercise,
    verification: 'verified',
    header: item.header,
    record: item.payload,
    ...(tombstone === undefined ? {} : { tombstone: tombstoneJson(tombstone) }),
  };
}

/** What a {@link HandoverLoop} works with. */
export interface HandoverLoopDeps {
  readonly inbox: InboxStore;
  readonly deliverer: ItemDeliverer;
  /**
   * Records hand-overs and their DeliveryAcks, all in one transaction: the items the
   * receiver took within one turn of the event loop are written together (one disk sync).
   */
  readonly delivered: (items: readonly InboxItem[], at: number) => void;
  readonly onFailed?: (item: InboxItem) => void;
  /** Told how many hand-overs are in flight whenever the number changes (for a gauge). */
  readonly onInFlight?: (count: number) => void;
  /** Hand-overs in flight at most; default {@link DEFAULT_HANDOVER_CONCURRENCY}. */
  readonly concurrency?: number;
  readonly logger: Logger;
  readonly clock: Clock;
  /** Trace contexts of stored items by message id: each hand-over continues its item's trace. */
  readonly traces?: TraceBook;
}

/**
 * Pushes pending inbox items to the national system's webhook, up to `concurrency` at once,
 * retrying with backoff until an attempt succeeds or the attempts run out (the item is then
 * marked failed and stays readable through the API). Each successful hand-over is recorded
 * through `delivered` (which sends the DeliveryAck).
 *
 * Order: versions of one record (same originator and record id, and a withdrawal of it) are
 * handed over one at a time in arrival order, so a later version never overtakes an earlier
 * one, even while that one waits for a retry. Items of different records do not wait for
 * each other: a receiver that hangs on some items, or refuses them for a while, holds up
 * only those (and the later versions of their records).
 */
export class HandoverLoop implements Component {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private refillQueued = false;
  /** Items the receiver took, waiting to be recorded together (see {@link recordDelivered}). */
  private readonly taken = new TurnBatcher<{ readonly item: InboxItem; readonly recorded: () => void }, void>({
    write: (taken) => {
      this.deps.delivered(
        taken.map((t) => t.item),
        this.deps.clock(),
      );
    },
    // Still pending in the inbox: handed over again later (the receiver de-duplicates on
    // Atc-Delivery-Id), never lost.
    onWriteError: (e, taken) => {
      this.deps.logger.error({ err: e, items: taken.length }, 'webhook hand-overs not recorded in the inbox');
    },
    settle: (t) => {
      t.recorded();
    },
  });
  private readonly concurrency: number;
  /** Hand-overs under way, by message id; each promise settles, never rejects. */
  private readonly inFlight = new Map<string, Promise<void>>();
  /** How many hand-overs of each record are under way. */
  private readonly inFlightRecords = new Map<string, number>();

  constructor(private readonly deps: HandoverLoopDeps) {
    const concurrency = deps.concurrency ?? DEFAULT_HANDOVER_CONCURRENCY;
    if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
      throw new RangeError('the hand-over concurrency must be a whole number from 1');
    }
    this.concurrency = concurrency;
  }

  /** Starts polling for due items. Calling it while running does nothing. */
  start(): void {
    if (this.timer !== undefined || this.stopped) return;
    this.timer = setInterval(() => {
      this.wake();
    }, POLL_MS);
    this.timer.unref();
    this.wake();
  }

  /**
   * Looks for due items soon (called when a new item arrives and when a hand-over ends).
   * Wakes in one turn of the event loop share one read of the inbox.
   */
  wake(): void {
    if (this.stopped || this.refillQueued) return;
    this.refillQueued = true;
    setImmediate(() => {
      this.refillQueued = false;
      this.refill();
    });
  }

  /** Stops taking items, and resolves once the hand-overs in flight have ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await Promise.all(this.inFlight.values());
  }

  /** Starts hand-overs of due items until the window is full or nothing more is due. */
  private refill(): void {
    if (this.stopped) return;
    const free = this.concurrency - this.inFlight.size;
    if (free <= 0) return;
    let due: InboxItem[];
    try {
      // Items in flight are still pending: the store leaves them out, and the later
      // versions of their records with them.
      due = this.deps.inbox.dueHeads(this.deps.clock(), free, this.inFlight);
    } catch (e) {
      // A database read failed (disk, lock): the items are still there; the poll looks again.
      this.deps.logger.error({ err: e }, 'webhook hand-over could not read due items');
      return;
    }
    // An item in flight holds the later items of its record back while it is pending; once a
    // withdrawal erased it, this does: the withdrawal never overtakes a version being pushed.
    for (const item of due) if (!this.inFlightRecords.has(item.orderKey)) this.launch(item);
  }

  private launch(item: InboxItem): void {
    const task = this.push(item)
      .catch((e: unknown) => {
        this.deps.logger.error({ err: e, messageId: item.messageId }, 'webhook hand-over failed');
      })
      .finally(() => {
        this.inFlight.delete(item.messageId);
        const left = (this.inFlightRecords.get(item.orderKey) ?? 1) - 1;
        if (left > 0) this.inFlightRecords.set(item.orderKey, left);
        else this.inFlightRecords.delete(item.orderKey);
        this.deps.onInFlight?.(this.inFlight.size);
        this.wake();
      });
    this.inFlight.set(item.messageId, task);
    this.inFlightRecords.set(item.orderKey, (this.inFlightRecords.get(item.orderKey) ?? 0) + 1);
    this.deps.onInFlight?.(this.inFlight.size);
  }

  /**
   * Queues the record of a hand-over; resolves once it is written, with the others taken in
   * the same turn. Until then the item stays in flight, so it is not read as due again.
   */
  private recordDelivered(item: InboxItem): Promise<void> {
    return new Promise<void>((recorded) => {
      this.taken.add({ item, recorded });
    });
  }

  private async push(item: InboxItem): Promise<void> {
    const { inbox, deliverer, traces } = this.deps;
    const trace = traces?.get(item.messageId);
    const outcome = await deliverer.deliver({
      id: item.messageId,
      body: webhookBody(item, inbox.withdrawals),
      attempt: item.attempts + 1,
      ...(trace === undefined ? {} : { trace }),
    });
    if (outcome.kind === 'delivered') {
      traces?.delete(item.messageId);
      await this.recordDelivered(item);
    } else if (outcome.kind === 'retry') {
      inbox.markRetry(item.messageId, outcome.retryAt, outcome.error);
    } else {
      traces?.delete(item.messageId);
      inbox.markFailed(item.messageId, outcome.error);
      this.deps.onFailed?.(item);
    }
  }
}

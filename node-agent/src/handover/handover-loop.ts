import type { Clock, Logger } from '@atc/shared';
import type { InboxItem, InboxStore } from '../inbox/inbox-store.js';
import type { WebhookDeliverer } from './webhook-deliverer.js';

/** How often the loop looks for due items when nothing woke it. */
const POLL_MS = 250;
/** Items pushed at once: one, so that the national system receives them in arrival order. */
const MAX_IN_FLIGHT = 1;

/** The webhook body of an inbox item: what the API's GET /v1/inbox/{id} shows. */
export function webhookBody(item: InboxItem): Record<string, unknown> {
  return {
    id: item.messageId,
    sender: item.sender,
    payloadType: item.payloadType,
    receivedAt: new Date(item.receivedAt).toISOString(),
    exercise: item.exercise,
    verification: 'verified',
    header: item.header,
    record: item.payload,
  };
}

/**
 * Pushes pending inbox items to the national system's webhook, retrying with backoff until
 * an attempt succeeds or the attempts run out (the item is then marked failed and stays
 * readable through the API). Each successful hand-over is recorded through `delivered`
 * (which sends the DeliveryAck).
 */
export class HandoverLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;
  private active = false;
  private again = false;
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly deps: {
      readonly inbox: InboxStore;
      readonly deliverer: WebhookDeliverer;
      /** Records the hand-over and its DeliveryAck (in one transaction). */
      readonly delivered: (item: InboxItem, at: number, channel: 'webhook') => void;
      readonly onFailed?: (item: InboxItem) => void;
      readonly logger: Logger;
      readonly clock: Clock;
    },
  ) {}

  /** Starts polling for due items. */
  start(): void {
    this.timer = setInterval(() => {
      this.wake();
    }, POLL_MS);
    this.timer.unref();
    this.wake();
  }

  /** Looks for due items now (called when a new item arrives). */
  wake(): void {
    if (this.stopped) return;
    // One pass at a time; a wake during a pass asks for exactly one more.
    if (this.active) {
      this.again = true;
      return;
    }
    this.active = true;
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.tick();
        } catch (e) {
          this.deps.logger.error({ err: e }, 'webhook hand-over failed');
        }
      } while (this.again && !this.stopped);
      this.active = false;
    })();
  }

  /** Stops after the attempts in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** Pushes every item due now, page by page, until none is left (or the loop stops). */
  private async tick(): Promise<void> {
    const { inbox, clock } = this.deps;
    for (;;) {
      const due = inbox.due(clock(), 64).filter((i) => !this.inFlight.has(i.messageId));
      if (due.length === 0 || this.stopped) return;
      for (let i = 0; i < due.length && !this.stopped; i += MAX_IN_FLIGHT) {
        await Promise.all(due.slice(i, i + MAX_IN_FLIGHT).map((item) => this.push(item)));
      }
    }
  }

  private async push(item: InboxItem): Promise<void> {
    const { inbox, deliverer, clock } = this.deps;
    this.inFlight.add(item.messageId);
    try {
      const outcome = await deliverer.deliver({
        id: item.messageId,
        body: webhookBody(item),
        attempt: item.attempts + 1,
      });
      if (outcome.kind === 'delivered') {
        const at = clock();
        this.deps.delivered(item, at, 'webhook');
      } else if (outcome.kind === 'retry') {
        inbox.markRetry(item.messageId, outcome.retryAt, outcome.error);
      } else {
        inbox.markFailed(item.messageId, outcome.error);
        this.deps.onFailed?.(item);
      }
    } finally {
      this.inFlight.delete(item.messageId);
    }
  }
}

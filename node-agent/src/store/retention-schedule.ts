import { Periodic, type Clock, type Logger } from '@atc/shared';
import type { InboxExpiry } from './inbox-expiry.js';
import type { OutboxPruner } from './outbox-pruner.js';

/**
 * The agent's retention, every `everyMs` and once at start without waiting for it: settled
 * outbox rows older than the outbox retention are pruned ({@link OutboxPruner}), and inbox
 * items taken longer than the inbox retention ago lose their content ({@link InboxExpiry}),
 * each whether or not the other could run. A failed pass is logged and the next one tries
 * again; `stop` waits for a pass in flight.
 */
export class RetentionSchedule extends Periodic {
  constructor(options: {
    readonly pruner: OutboxPruner;
    /** How long a settled outbox row is kept (ms). */
    readonly outboxRetentionMs: number;
    readonly expiry: InboxExpiry;
    /** How long a taken inbox item keeps its content (ms). */
    readonly inboxRetentionMs: number;
    readonly everyMs: number;
    readonly clock: Clock;
    readonly logger: Logger;
    /** Told of the messages each batch pruned. */
    readonly onPruned?: (messages: number) => void;
    /** Told of the inbox items each batch expired. */
    readonly onExpired?: (items: number) => void;
  }) {
    const { pruner, expiry, clock, logger, outboxRetentionMs, inboxRetentionMs } = options;
    super({
      name: 'retention',
      everyMs: options.everyMs,
      runAtStart: true,
      logger,
      task: async () => {
        // Each part on its own: an outbox that cannot be pruned now does not keep the inbox's
        // content past its retention (the pass fails, and says why, once both were tried).
        const outcomes = await Promise.allSettled([
          (async () => {
            const now = clock();
            const pruned = await pruner.pruneAll(now - outboxRetentionMs, now, (b) => options.onPruned?.(b.messages));
            if (pruned.messages > 0) {
              logger.info({ ...pruned, retentionMs: outboxRetentionMs }, 'settled outbox messages pruned');
            }
          })(),
          (async () => {
            const now = clock();
            const expired = await expiry.expireAll(now - inboxRetentionMs, now, (b) => options.onExpired?.(b.items));
            if (expired.items > 0) {
              logger.info(
                { ...expired, retentionMs: inboxRetentionMs },
                'taken inbox items past their retention emptied',
              );
            }
          })(),
        ]);
        const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
        if (failed !== undefined) throw failed.reason;
      },
    });
  }
}

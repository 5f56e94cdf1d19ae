import { Periodic, type Clock, type Component, type Logger } from '@atc/shared';
import type { OutboxPruner } from '../store/outbox-pruner.js';

/**
 * Prunes settled outbox rows older than the retention every `everyMs`, and once at start
 * without waiting for it. A failed pass is logged and the next one tries again; `stop` waits
 * for a pass in flight.
 */
export class OutboxPruneSchedule implements Component {
  readonly #periodic: Periodic;

  constructor(options: {
    readonly pruner: OutboxPruner;
    /** How long a settled row is kept (ms). */
    readonly retentionMs: number;
    readonly everyMs: number;
    readonly clock: Clock;
    readonly logger: Logger;
    /** Told of the messages each batch pruned. */
    readonly onPruned?: (messages: number) => void;
  }) {
    const { pruner, clock, logger, retentionMs } = options;
    this.#periodic = new Periodic({
      name: 'outbox pruning',
      everyMs: options.everyMs,
      runAtStart: true,
      logger,
      task: async () => {
        const now = clock();
        const pruned = await pruner.pruneAll(now - retentionMs, now, (b) => options.onPruned?.(b.messages));
        if (pruned.messages > 0) logger.info({ ...pruned, retentionMs }, 'settled outbox messages pruned');
      },
    });
  }

  start(): void {
    this.#periodic.start();
  }

  /** Runs a pass now (after one in flight); resolves when it has run. */
  runNow(): Promise<void> {
    return this.#periodic.runNow();
  }

  stop(): Promise<void> {
    return this.#periodic.stop();
  }
}

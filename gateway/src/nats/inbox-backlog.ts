import type { JetStreamManager } from '@nats-io/jetstream';
import { inboxConsumer, Streams } from '@atc/shared';

/**
 * Each member's inbox backlog: messages its consumer has not yet had acknowledged (pending
 * and in flight). Read on demand, for the flow API and before a metrics scrape.
 */
export class InboxBacklog {
  constructor(
    private readonly options: {
      readonly jsm: JetStreamManager;
      /** The members whose inboxes are read. */
      readonly members: () => readonly string[];
      /** Told each member's backlog as it is read (the consumer-pending gauge). */
      readonly onRead?: (member: string, pending: number) => void;
    },
  ) {}

  /** The backlog of every member whose consumer exists. */
  async read(): Promise<Map<string, number>> {
    const { jsm, members, onRead } = this.options;
    const backlog = new Map<string, number>();
    await Promise.all(
      members().map(async (member) => {
        const info = await jsm.consumers.info(Streams.inbox, inboxConsumer(member)).catch(() => undefined);
        if (info === undefined) return;
        const pending = info.num_pending + info.num_ack_pending;
        backlog.set(member, pending);
        onRead?.(member, pending);
      }),
    );
    return backlog;
  }
}

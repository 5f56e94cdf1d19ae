import type { AgentDb } from '../store/open-agent-database.js';
import type { InboxItem, InboxStore } from '../inbox/inbox-store.js';
import type { MessageComposer } from '../messages/message-composer.js';

/** How an item reached the national system: pushed to its webhook or taken through the API. */
export type DeliveryChannel = 'webhook' | 'api';

/**
 * Records hand-overs of inbox items. A hand-over and its DeliveryAck are one transaction: a
 * crash between them cannot leave an item delivered whose sender never hears of it.
 */
export class DeliveryRecorder {
  readonly #deliver: (item: Pick<InboxItem, 'messageId' | 'exercise'>, at: number, channel: DeliveryChannel) => void;
  readonly #deliverAll: (items: readonly InboxItem[], at: number) => void;

  constructor(deps: {
    readonly db: AgentDb;
    readonly inbox: Pick<InboxStore, 'markDelivered' | 'setAckMessage'>;
    readonly composer: Pick<MessageComposer, 'deliveryAck'>;
  }) {
    const { db, inbox, composer } = deps;
    this.#deliver = db.transaction(
      (item: Pick<InboxItem, 'messageId' | 'exercise'>, at: number, channel: DeliveryChannel) => {
        if (!inbox.markDelivered(item.messageId, at, channel, channel === 'webhook')) return;
        const ack = composer.deliveryAck(item.messageId, channel, at, item.exercise);
        inbox.setAckMessage(item.messageId, ack.row.messageId);
      },
    );
    this.#deliverAll = db.transaction((items: readonly InboxItem[], at: number) => {
      for (const item of items) this.#deliver(item, at, 'webhook');
    });
  }

  /** Records one hand-over and queues its DeliveryAck; an item already delivered is left as it is. */
  readonly deliver = (item: Pick<InboxItem, 'messageId' | 'exercise'>, at: number, channel: DeliveryChannel): void => {
    this.#deliver(item, at, channel);
  };

  /** Records the webhook hand-overs of one turn of the event loop together: one transaction, one sync. */
  readonly deliverAll = (items: readonly InboxItem[], at: number): void => {
    this.#deliverAll(items, at);
  };
}

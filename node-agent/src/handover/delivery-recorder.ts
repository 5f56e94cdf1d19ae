import { PayloadType } from '@atc/shared';
import type { AgentDb } from '../store/open-agent-database.js';
import type { InboxItem, InboxStore } from '../inbox/inbox-store.js';
import type { WithdrawalStore } from '../inbox/withdrawal-store.js';
import type { MessageComposer } from '../messages/message-composer.js';

/** How an item reached the national system: pushed to its webhook or taken through the API. */
export type DeliveryChannel = 'webhook' | 'api';

/** What of an inbox item its hand-over record needs. */
export type DeliveredItem = Pick<InboxItem, 'messageId' | 'exercise' | 'payloadType'>;

/**
 * Records hand-overs of inbox items. A hand-over and its DeliveryAck are one transaction: a
 * crash between them cannot leave an item delivered whose sender never hears of it. The
 * hand-over of a RecordWithdrawal also queues its PurgeAck in that transaction, once: the
 * national system was told, so the centre is told that this member's copy is erased.
 */
export class DeliveryRecorder {
  readonly #deliver: (item: DeliveredItem, at: number, channel: DeliveryChannel) => void;
  readonly #deliverAll: (items: readonly InboxItem[], at: number, channel: DeliveryChannel) => void;
  readonly #ackAgain: (messageId: string) => boolean;

  constructor(deps: {
    readonly db: AgentDb;
    readonly inbox: Pick<InboxStore, 'get' | 'markDelivered' | 'setAckMessage'>;
    readonly withdrawals: Pick<WithdrawalStore, 'purgeDue' | 'markPurgeAcked'>;
    readonly composer: Pick<MessageComposer, 'deliveryAck' | 'purgeAck'>;
  }) {
    const { db, inbox, withdrawals, composer } = deps;
    this.#deliver = db.transaction((item: DeliveredItem, at: number, channel: DeliveryChannel) => {
      if (!inbox.markDelivered(item.messageId, at, channel, channel === 'webhook')) return;
      const ack = composer.deliveryAck(item.messageId, channel, at, item.exercise);
      inbox.setAckMessage(item.messageId, ack.row.messageId);
      if (item.payloadType !== PayloadType.RecordWithdrawal) return;
      const purge = withdrawals.purgeDue(item.messageId);
      if (purge === undefined) return;
      withdrawals.markPurgeAcked(item.messageId, composer.purgeAck(purge).row.messageId, at);
    });
    this.#deliverAll = db.transaction((items: readonly InboxItem[], at: number, channel: DeliveryChannel) => {
      for (const item of items) this.#deliver(item, at, channel);
    });
    // The status of the item's last DeliveryAck, settled or pruned (none: never sent).
    const lastAck = db.prepare<[string, string], { status: string }>(
      `SELECT o.status FROM inbox i JOIN outbox o ON o.message_id = i.ack_message_id WHERE i.message_id = ?
       UNION ALL SELECT p.status FROM inbox i JOIN outbox_pruned p ON p.message_id = i.ack_message_id WHERE i.message_id = ?`,
    );
    this.#ackAgain = db.transaction((messageId: string): boolean => {
      const item = inbox.get(messageId);
      // Taken (only a hand-over sets its time and channel), whether its content is still held,
      // expired or erased since: the centre still lacks this member's DeliveryAck.
      if (item === undefined || item.channel === null || item.deliveredAt === null) return false;
      // Only an ack the centre refused is sent again: one accepted or still on its way would
      // be archived twice (a copy also comes again after a crash, not only after a resend).
      const last = lastAck.get(messageId, messageId);
      if (last !== undefined && last.status !== 'rejected') return false;
      const ack = composer.deliveryAck(messageId, item.channel, item.deliveredAt, item.exercise);
      inbox.setAckMessage(messageId, ack.row.messageId);
      return true;
    });
  }

  /**
   * Queues another DeliveryAck for an item already handed over, when the centre routes its
   * copy again: a resend (`atc-gateway deliveries resend`) means the centre has recorded no
   * DeliveryAck of this member (the first was refused, e.g. while the member was suspended).
   * A repeated ack is archived and delivers nothing new. False when the item was never taken
   * (an item taken, then expired or erased since, is acknowledged again all the same: it was
   * delivered).
   */
  readonly ackAgain = (messageId: string): boolean => this.#ackAgain(messageId);

  /**
   * Records one hand-over and queues its DeliveryAck (and a withdrawal's PurgeAck); an item
   * already delivered, or erased, is left as it is.
   */
  readonly deliver = (item: DeliveredItem, at: number, channel: DeliveryChannel): void => {
    this.#deliver(item, at, channel);
  };

  /**
   * Records hand-overs together: one transaction, one sync (the webhook's of one turn of the
   * event loop; the PostgreSQL adapter's of one inbox-table insert). `channel` is `webhook` for
   * the webhook; files written to the drop folder's out/ and rows written to the adapter's
   * inbox table are recorded as `api` (the national system takes them, as with a pull).
   */
  readonly deliverAll = (items: readonly InboxItem[], at: number, channel: DeliveryChannel = 'webhook'): void => {
    this.#deliverAll(items, at, channel);
  };
}

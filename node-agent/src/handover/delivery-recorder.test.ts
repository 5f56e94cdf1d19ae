import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '@atc/shared';
import { InboxStore, type InboxItem, type NewInboxItem } from '../inbox/inbox-store.js';
import type { MessageComposer } from '../messages/message-composer.js';
import { openAgentDatabase, type AgentDb } from '../store/open-agent-database.js';
import { OutboxStore } from '../store/outbox-store.js';
import { DeliveryRecorder } from './delivery-recorder.js';
import { testComposer } from '../testing/test-composer.js';

const T0 = 1_767_000_000_000;

let dir: string;
let db: AgentDb;
let inbox: InboxStore;
let outbox: OutboxStore;
let composer: MessageComposer;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atc-agent-delivery-'));
  db = openAgentDatabase(join(dir, 'agent.db'));
  inbox = new InboxStore(db);
  outbox = new OutboxStore(db);
  composer = testComposer(outbox, 'KZ', T0);
});

afterEach(async () => {
  db.close();
  await rm(dir, { recursive: true, force: true });
});

/** Stores a pending inbox item and returns it as the store reads it back. */
function stored(recordId: string): InboxItem {
  const item: NewInboxItem = {
    messageId: uuidv7(),
    sender: 'BY',
    payloadType: 'atc.v1.PersonRecord',
    createdAt: T0,
    receivedAt: T0,
    tlp: 2,
    exercise: true,
    header: {},
    payload: { recordId, version: 1 },
    envelope: new Uint8Array([1]),
  };
  inbox.add(item);
  const read = inbox.get(item.messageId);
  if (read === undefined) throw new Error('item not stored');
  return read;
}

/** A composer whose DeliveryAck fails on call number `failing` (a full disk, say). */
function composerFailingAt(failing: number): Pick<MessageComposer, 'deliveryAck' | 'purgeAck'> {
  let calls = 0;
  return {
    purgeAck: (purge) => composer.purgeAck(purge),
    deliveryAck: (...args) => {
      calls++;
      if (calls === failing) throw new Error('the DeliveryAck could not be queued');
      return composer.deliveryAck(...args);
    },
  };
}

describe('DeliveryRecorder', () => {
  it('records a hand-over with its DeliveryAck queued, once', () => {
    const item = stored('BY-P-1');
    const recorder = new DeliveryRecorder({ db, inbox, withdrawals: inbox.withdrawals, composer });
    recorder.deliver(item, T0 + 5, 'api');
    expect(inbox.get(item.messageId)).toMatchObject({ state: 'delivered', channel: 'api', deliveredAt: T0 + 5 });
    expect(outbox.depth()).toBe(1);

    recorder.deliver(item, T0 + 9, 'api');
    expect(inbox.get(item.messageId)).toMatchObject({ deliveredAt: T0 + 5 });
    expect(outbox.depth()).toBe(1);
  });

  it('acknowledges a delivered item again when its copy comes again, and a pending one not at all', () => {
    const [item, waiting] = [stored('BY-P-1'), stored('BY-P-2')];
    const recorder = new DeliveryRecorder({ db, inbox, withdrawals: inbox.withdrawals, composer });
    recorder.deliver(item, T0 + 5, 'webhook');
    expect(outbox.depth()).toBe(1);

    // Its first ack still on its way (or accepted): not sent again, it would be archived twice.
    expect(recorder.ackAgain(item.messageId)).toBe(false);
    expect(outbox.depth()).toBe(1);
    // The centre refused it (e.g. while the member was suspended): sent again.
    db.prepare(
      "UPDATE outbox SET status = 'rejected' WHERE message_id = (SELECT ack_message_id FROM inbox WHERE message_id = ?)",
    ).run(item.messageId);
    expect(recorder.ackAgain(item.messageId)).toBe(true);
    expect(outbox.depth()).toBe(1); // the refused one is settled; the new one waits
    expect(inbox.get(item.messageId)).toMatchObject({ state: 'delivered', channel: 'webhook', deliveredAt: T0 + 5 });

    expect(recorder.ackAgain(waiting.messageId)).toBe(false);
    expect(recorder.ackAgain(uuidv7())).toBe(false);
    expect(outbox.depth()).toBe(1);
  });

  it('acknowledges again an item taken before its record was withdrawn, not one erased before it was taken', () => {
    const [taken, untaken] = [stored('BY-P-1'), stored('BY-P-2')];
    const recorder = new DeliveryRecorder({ db, inbox, withdrawals: inbox.withdrawals, composer });
    recorder.deliver(taken, T0 + 5, 'api');
    db.prepare("UPDATE outbox SET status = 'rejected' WHERE payload_type = 'atc.v1.DeliveryAck'").run();
    for (const recordId of ['BY-P-1', 'BY-P-2']) {
      inbox.add({
        messageId: uuidv7(),
        sender: 'BY',
        payloadType: 'atc.v1.RecordWithdrawal',
        createdAt: T0,
        receivedAt: T0 + 10,
        tlp: 2,
        exercise: true,
        header: {},
        payload: { recordId: `W-${recordId}`, version: 1, target: { originator: 'BY', recordId, version: 0 } },
        envelope: new Uint8Array([1]),
      });
    }
    expect(inbox.get(taken.messageId)).toMatchObject({ state: 'erased', deliveredAt: T0 + 5, channel: 'api' });
    expect(inbox.get(untaken.messageId)).toMatchObject({ state: 'erased', deliveredAt: null });
    // The centre routes both again: the one taken was delivered, and says so again; the other never was.
    expect(recorder.ackAgain(taken.messageId)).toBe(true);
    expect(recorder.ackAgain(untaken.messageId)).toBe(false);
  });

  it('leaves the item pending when its DeliveryAck cannot be queued', () => {
    const item = stored('BY-P-1');
    const recorder = new DeliveryRecorder({
      db,
      inbox,
      withdrawals: inbox.withdrawals,
      composer: composerFailingAt(1),
    });
    expect(() => {
      recorder.deliver(item, T0, 'webhook');
    }).toThrow(/could not be queued/);
    expect(inbox.get(item.messageId)).toMatchObject({ state: 'pending', deliveredAt: null });
    expect(outbox.depth()).toBe(0);
  });

  it('records the webhook hand-overs of one batch together, or none of them', () => {
    const items = [stored('BY-P-1'), stored('BY-P-2')];
    expect(() => {
      new DeliveryRecorder({ db, inbox, withdrawals: inbox.withdrawals, composer: composerFailingAt(2) }).deliverAll(
        items,
        T0,
      );
    }).toThrow(/could not be queued/);
    expect(items.map((i) => inbox.get(i.messageId)?.state)).toEqual(['pending', 'pending']);
    expect(outbox.depth()).toBe(0);

    new DeliveryRecorder({ db, inbox, withdrawals: inbox.withdrawals, composer }).deliverAll(items, T0);
    expect(items.map((i) => inbox.get(i.messageId)?.channel)).toEqual(['webhook', 'webhook']);
    expect(outbox.depth()).toBe(2);
  });
});

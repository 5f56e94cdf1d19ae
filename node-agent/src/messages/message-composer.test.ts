import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  atc,
  decodePayload,
  fromTimestamp,
  RefusalError,
  StaticKeyResolver,
  uuidv7,
  validateReferences,
  verifyEnvelope,
} from '@atc/shared';
import { fixtureKey } from '@atc/shared/testing';
import { openAgentDatabase, type AgentDb } from '../store/open-agent-database.js';
import { OutboxStore } from '../store/outbox-store.js';
import type { MessageComposer } from './message-composer.js';
import { testComposer } from '../testing/test-composer.js';

const T0 = 1_767_000_000_000;

let dir: string;
let db: AgentDb;
let outbox: OutboxStore;
let composer: MessageComposer;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atc-agent-composer-'));
  db = openAgentDatabase(join(dir, 'agent.db'));
  outbox = new OutboxStore(db);
  composer = testComposer(outbox, 'BY', T0);
});

afterEach(async () => {
  db.close();
  await rm(dir, { recursive: true, force: true });
});

describe('MessageComposer.deliveryAck', () => {
  it('queues a DeliveryAck that passes every check the gateway makes, though it is signed without a dry run', async () => {
    const acknowledged = uuidv7();
    const { row } = composer.deliveryAck(acknowledged, 'webhook', T0 - 500, true);
    expect(row).toMatchObject({ payloadType: 'atc.v1.DeliveryAck', recipients: ['ATC'], sequence: 1 });
    const key = fixtureKey('BY');
    const verified = await verifyEnvelope(outbox.envelopeOf(row.messageId)!, {
      resolver: new StaticKeyResolver([{ kid: key.kid, owner: 'BY', publicKey: key.publicKey }]),
      transportSender: 'BY',
    });
    expect(() => {
      validateReferences(verified);
    }).not.toThrow();
    expect(verified.header).toMatchObject({ sender: 'BY', inReplyTo: acknowledged, exercise: true, senderSequence: 1 });
    const payload = verified.payload as atc.v1.DeliveryAck;
    expect(payload.messageId).toBe(acknowledged);
    expect(fromTimestamp(payload.deliveredAt)).toBe(T0 - 500);
    expect(payload.channel).toBe(atc.v1.DeliveryChannel.DELIVERY_CHANNEL_WEBHOOK);
    // The next one takes the next number: none was used up.
    expect(composer.deliveryAck(uuidv7(), 'api', T0, false).row.sequence).toBe(2);
  });
});

describe('MessageComposer.purgeAck', () => {
  it('queues a signed PurgeAck to the gateway answering the withdrawal, versions ascending and unique', () => {
    const withdrawal = uuidv7();
    const { row } = composer.purgeAck({
      withdrawalMessageId: withdrawal,
      originator: 'KZ',
      recordId: 'KZ-P-0001',
      versions: [3, 1, 3],
      erasedAt: T0 - 1_000,
      count: 2,
      exercise: true,
    });
    expect(row).toMatchObject({ payloadType: 'atc.v1.PurgeAck', recipients: ['ATC'], broadcast: false });
    const envelope = atc.v1.Envelope.decode(outbox.envelopeOf(row.messageId) ?? new Uint8Array());
    expect(atc.v1.Header.decode(envelope.header)).toMatchObject({
      sender: 'BY',
      inReplyTo: withdrawal,
      exercise: true,
    });
    const payload = decodePayload('atc.v1.PurgeAck', envelope.payload);
    expect(payload).toMatchObject({ withdrawalMessageId: withdrawal, originator: 'KZ', recordId: 'KZ-P-0001' });
    expect(payload.versions).toEqual([1, 3]);
    expect(payload.count).toBe(2);
    expect(fromTimestamp(payload.erasedAt)).toBe(T0 - 1_000);
    expect(payload.nonce).toHaveLength(16);
  });

  it('refuses to sign a PurgeAck that names no version, queueing nothing', () => {
    const compose = (): unknown =>
      composer.purgeAck({
        withdrawalMessageId: uuidv7(),
        originator: 'KZ',
        recordId: 'KZ-P-0001',
        versions: [],
        erasedAt: T0,
        count: 0,
        exercise: false,
      });
    expect(compose).toThrow(RefusalError);
    expect(compose).toThrow(/PurgeAck\.versions/);
    expect(outbox.depth()).toBe(0);
  });
});

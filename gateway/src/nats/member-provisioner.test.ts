import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, inboxConsumer, inboxSubject, Streams } from '@atc/shared';
import { startNatsServer, type NatsServerHandle } from '@atc/harness';
import { MemberProvisioner } from './member-provisioner.js';
import { provisionStreams } from './provision.js';

const logger = createLogger({ name: 'member-provisioner-test', level: 'silent' });

let server: NatsServerHandle;
let nc: NatsConnection;
let jsm: JetStreamManager;

beforeAll(async () => {
  server = await startNatsServer();
  nc = await connect({ servers: server.url, reconnect: false });
  jsm = await jetstreamManager(nc);
  await provisionStreams(jsm, {
    replicas: 1,
    duplicateWindowMs: 60_000,
    maxEnvelopeBytes: 64 * 1024,
    acceptWindowMs: 86_400_000,
  });
}, 30_000);

afterAll(async () => {
  await nc?.close();
  await server?.stop();
});

/** Starts a provisioner on a registry of `members`, as a gateway start does, and stops it. */
async function provisionAtStart(members: readonly string[], inboxAckWaitMs?: number): Promise<void> {
  const provisioner = new MemberProvisioner({
    jsm,
    registry: { version: () => Promise.resolve(1), listMembers: () => Promise.resolve(members.map((id) => ({ id }))) },
    logger,
    ...(inboxAckWaitMs === undefined ? {} : { inboxAckWaitMs }),
  });
  await provisioner.start();
  await provisioner.stop();
}

const ackWaitMs = async (member: string): Promise<number | undefined> => {
  const wait = (await jsm.consumers.info(Streams.inbox, inboxConsumer(member))).config.ack_wait;
  return wait === undefined ? undefined : wait / 1_000_000;
};

describe('the inbox consumers the gateway provisions', () => {
  it('wait 30 s for an acknowledgement by default, or ATC_INBOX_ACK_WAIT, applied at the next start', async () => {
    await provisionAtStart(['KZ', 'BY']);
    expect(await ackWaitMs('KZ')).toBe(30_000);
    expect(await ackWaitMs('BY')).toBe(30_000);
    // A gateway started again with another setting updates the consumers it finds.
    await provisionAtStart(['KZ', 'BY'], 7_000);
    expect(await ackWaitMs('KZ')).toBe(7_000);
    expect(await ackWaitMs('BY')).toBe(7_000);
    const info = await jsm.consumers.info(Streams.inbox, inboxConsumer('KZ'));
    expect(info.config.filter_subject).toBe(inboxSubject('KZ'));
    expect(info.config.max_ack_pending).toBe(1_000);
  });
});

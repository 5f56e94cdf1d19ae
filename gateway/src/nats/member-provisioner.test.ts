import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, inboxConsumer, inboxSubject, Streams } from '@atc/shared';
import { startNatsServer, waitFor, type NatsServerHandle } from '@atc/harness';
import { MemberProvisioner, type MemberSource } from './member-provisioner.js';
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

/** A registry whose members and version the test changes. */
function registryOf(members: string[]): { version: number; members: string[]; source: MemberSource } {
  const registry = {
    version: 1,
    members,
    source: {
      version: () => Promise.resolve(registry.version),
      listMembers: () => Promise.resolve(registry.members.map((id) => ({ id }))),
    },
  };
  return registry;
}

/** A provisioner on `registry`, polling every 50 ms, started as a gateway start starts it. */
async function started(registry: MemberSource, inboxAckWaitMs?: number): Promise<MemberProvisioner> {
  const provisioner = new MemberProvisioner({
    jsm,
    registry,
    logger,
    everyMs: 50,
    ...(inboxAckWaitMs === undefined ? {} : { inboxAckWaitMs }),
  });
  await provisioner.start();
  return provisioner;
}

const ackWaitMs = async (member: string): Promise<number | undefined> => {
  const wait = (await jsm.consumers.info(Streams.inbox, inboxConsumer(member))).config.ack_wait;
  return wait === undefined ? undefined : wait / 1_000_000;
};

describe('the inbox consumers the gateway provisions', () => {
  it('wait 30 s for an acknowledgement by default, or ATC_INBOX_ACK_WAIT, applied at the next start', async () => {
    const registry = registryOf(['KZ', 'BY']);
    await (await started(registry.source)).stop();
    expect(await ackWaitMs('KZ')).toBe(30_000);
    expect(await ackWaitMs('BY')).toBe(30_000);
    // A gateway started again with another setting updates the consumers it finds.
    await (await started(registry.source, 7_000)).stop();
    expect(await ackWaitMs('KZ')).toBe(7_000);
    expect(await ackWaitMs('BY')).toBe(7_000);
    const info = await jsm.consumers.info(Streams.inbox, inboxConsumer('KZ'));
    expect(info.config.filter_subject).toBe(inboxSubject('KZ'));
    expect(info.config.max_ack_pending).toBe(1_000);
  });

  it("adds a new member's consumer while running, and leaves those it finds as another replica's start set them", async () => {
    const registry = registryOf(['UZ']);
    const older = await started(registry.source, 7_000);
    try {
      // Another replica started later with another setting (a rolling change) brought UZ's to it.
      await (await started(registry.source, 9_000)).stop();
      expect(await ackWaitMs('UZ')).toBe(9_000);
      // A member registered meanwhile: the running replica notices the change at its next poll.
      registry.members = ['UZ', 'TJ'];
      registry.version = 2;
      await waitFor(() => older.members.includes('TJ'), { timeoutMs: 5_000, message: 'the new member provisioned' });
      expect(await ackWaitMs('TJ')).toBe(7_000);
      expect(await ackWaitMs('UZ')).toBe(9_000);
    } finally {
      await older.stop();
    }
  });
});

import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { afterAll, beforeAll } from 'vitest';
import { GatewayNoticeSender, InboxPublisher, provisionStreams, type Archive } from '@atc/gateway';
import { createLogger, Duration, StreamPublisher } from '@atc/shared';
import { fixtureKey } from '@atc/shared/testing';
import { startNatsServer, type NatsServerHandle } from '@atc/tests';

/**
 * A nats-server of the test file's own with the exchange's streams, started before its tests
 * and stopped after them; returns the connection to it (for the gateway's own messages).
 */
export function provisionedNats(name: string): () => NatsConnection {
  let nats: NatsServerHandle | undefined;
  let nc: NatsConnection | undefined;
  beforeAll(async () => {
    nats = await startNatsServer();
    nc = await connect({ servers: nats.url, name });
    await provisionStreams(await jetstreamManager(nc), {
      replicas: 1,
      duplicateWindowMs: Duration.minute,
      maxEnvelopeBytes: 1 << 20,
      acceptWindowMs: Duration.hour,
    });
  });
  afterAll(async () => {
    await nc?.drain();
    await nats?.stop();
  });
  return () => {
    if (nc === undefined) throw new Error('the test file has no NATS connection yet');
    return nc;
  };
}

/** The gateway's sender of its own messages (Notices, search answers) over `archive`, signing as the fixture gateway. */
export function gatewayNoticeSender(archive: Archive, nc: NatsConnection, clock: () => number): GatewayNoticeSender {
  return new GatewayNoticeSender({
    db: archive.db,
    store: archive.store,
    log: archive.log,
    committer: archive.committer,
    publisher: new InboxPublisher(
      new StreamPublisher(nc),
      archive.store,
      createLogger({ name: 'gateway-notices-test', level: 'silent' }),
    ),
    signer: fixtureKey('ATC'),
    gatewayId: 'ATC',
    clock,
  });
}

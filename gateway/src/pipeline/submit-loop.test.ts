import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLogger,
  generateKeyPair,
  StorageHealth,
  StreamPublisher,
  Streams,
  submitSubject,
  uuidv7,
} from '@atc/shared';
import { startNatsServer, waitFor, type NatsServerHandle } from '@atc/harness';
import { openArchive, type Archive } from '../assembly/open-archive.js';
import { GatewayMetrics } from '../metrics/gateway-metrics.js';
import { GATEWAY_CONSUMER, provisionStreams, SUBMIT_PULL_EXPIRES_MS } from '../nats/provision.js';
import { registryKeyResolver } from '../registry/registry-key-resolver.js';
import { InboxPublisher } from './publisher.js';
import { SubmissionProcessor } from './submission-processor.js';
import { SubmitLoop } from './submit-loop.js';

const logger = createLogger({ name: 'submit-loop-test', level: 'silent' });

let server: NatsServerHandle;
let nc: NatsConnection;
let jsm: JetStreamManager;
let dir: string;
let archive: Archive;
let streams: StreamPublisher;

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
  dir = await mkdtemp(join(tmpdir(), 'atc-submit-loop-'));
  archive = await openArchive({
    location: { path: join(dir, 'archive.db') },
    gatewayId: 'ATC',
    logOrigin: 'atc-exchange/test',
    key: generateKeyPair(),
    clock: () => Date.now(),
  });
  await archive.registry.addMember({ id: 'KZ', name: 'Kazakhstan', kind: 'national' }, { who: 'test', why: 'loop' });
  streams = new StreamPublisher(nc);
});

afterAll(async () => {
  streams?.close();
  await archive?.close();
  await nc?.close();
  await server?.stop();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

async function pending(): Promise<number> {
  const info = await jsm.consumers.info(Streams.submit, GATEWAY_CONSUMER);
  return info.num_pending + info.num_ack_pending;
}

describe('SubmitLoop', () => {
  it('takes submissions from start to stop only, and each of them once', async () => {
    const { store, registry, committer } = archive;
    const consumer = await jetstream(nc).consumers.get(Streams.submit, GATEWAY_CONSUMER);
    let subscriptions = 0;
    const loop = new SubmitLoop({
      nc,
      consume: () => {
        subscriptions++;
        return consumer.consume({ max_messages: 8, expires: SUBMIT_PULL_EXPIRES_MS });
      },
      processor: new SubmissionProcessor({
        store,
        members: registry,
        resolver: registryKeyResolver(registry),
        policy: { gatewayId: 'ATC', maxEnvelopeBytes: 64 * 1024, clockSkewMs: 60_000, acceptWindowMs: 86_400_000 },
        clock: () => Date.now(),
      }),
      committer,
      store,
      publisher: new InboxPublisher(streams, store, logger),
      metrics: new GatewayMetrics(),
      logger,
      batchSize: 4,
      storage: new StorageHealth({ name: 'the archive', reserveBytes: 0 }),
    });
    // Bytes that are no envelope: the loop refuses them into the quarantine.
    const id = uuidv7();
    await jetstream(nc).publish(submitSubject('KZ'), new TextEncoder().encode('not an envelope'), { msgID: id });
    const quarantined = async (): Promise<number> =>
      (await archive.db.get<{ n: number }>('SELECT count(*) AS n FROM quarantine'))?.n ?? 0;

    // Constructed, it has taken nothing.
    expect(subscriptions).toBe(0);
    expect(await pending()).toBe(1);

    loop.start();
    loop.start();
    await waitFor(async () => (await pending()) === 0 && (await quarantined()) === 1, { timeoutMs: 10_000 });
    expect(subscriptions).toBe(1);

    await Promise.all([loop.stop(), loop.stop()]);
    // Stopped, it takes nothing more, and does not start again.
    loop.start();
    await jetstream(nc).publish(submitSubject('KZ'), new TextEncoder().encode('after the stop'), { msgID: uuidv7() });
    expect(await pending()).toBe(1);
    expect(subscriptions).toBe(1);
    expect(await quarantined()).toBe(1);
  });
});

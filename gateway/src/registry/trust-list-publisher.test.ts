import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import type { KV } from '@nats-io/kv';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, generateKeyPair, Streams, verifyTrustList, type TrustList } from '@atc/shared';
import { startNatsServer, waitFor, type NatsServerHandle } from '@atc/harness';
import { openArchiveDb } from '../db/open-database.js';
import type { SqlDb } from '../db/sql-db.js';
import { Registry } from './registry.js';
import { buildTrustList, openTrustBucket, TrustListPublisher } from './trust-list-publisher.js';

const T0 = Date.UTC(2026, 0, 15, 9, 30, 0);
const actor = { who: 'test', why: 'trust list test' };
const gatewayKey = generateKeyPair();
const logger = createLogger({ name: 'trust-list-test', level: 'silent' });

let server: NatsServerHandle;
let nc: NatsConnection;
let dir: string;
let db: SqlDb;
let registry: Registry;
let kv: KV;

beforeAll(async () => {
  server = await startNatsServer();
  nc = await connect({ servers: server.url, reconnect: false });
  dir = await mkdtemp(join(tmpdir(), 'atc-trust-'));
  db = await openArchiveDb({ path: join(dir, 'archive.db') });
  registry = new Registry(db, () => T0);
  await registry.addMember({ id: 'KZ', name: 'Kazakhstan', kind: 'national' }, actor);
  await registry.addKey('KZ', generateKeyPair().publicJwk, {}, actor);
  kv = await openTrustBucket(nc, 1);
});

afterAll(async () => {
  await nc.close();
  await server.stop();
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

async function published(): Promise<{ list: TrustList; revision: number }> {
  const entry = await kv.get(Streams.trustKey);
  if (entry === null) throw new Error('no trust list in the bucket');
  return { list: await verifyTrustList(entry.string(), gatewayKey.publicJwk), revision: entry.revision };
}

describe('TrustListPublisher', () => {
  it('creates the ATC_TRUST bucket with history 5, and binds to it again', async () => {
    const status = await kv.status();
    expect(status.bucket).toBe(Streams.trustBucket);
    expect(status.history).toBe(5);
    await expect(openTrustBucket(nc, 1)).resolves.toBeDefined();
    const info = await (await jetstreamManager(nc)).streams.info(`KV_${Streams.trustBucket}`);
    expect(info.config.max_msgs_per_subject).toBe(5);
  });

  it('builds a trust list of the registry naming the gateway key', async () => {
    const list = await buildTrustList(registry, gatewayKey, 'ATC', () => T0);
    expect(list).toMatchObject({
      version: 2,
      issuedAt: '2026-01-15T09:30:00.000Z',
      gateway: { id: 'ATC', kid: gatewayKey.kid, jwk: gatewayKey.publicJwk },
      members: [{ id: 'KZ', name: 'Kazakhstan', kind: 'national', status: 'active' }],
    });
    expect(list.members[0]!.keys[0]).toMatchObject({ status: 'active', validFrom: '2026-01-15T09:30:00.000Z' });
  });

  it('publishes on the first call, again only when the registry changed', async () => {
    const publisher = new TrustListPublisher({ registry, kv, keyPair: gatewayKey, gatewayId: 'ATC', logger });
    expect(await publisher.publishIfChanged()).toBe(true);
    const first = await published();
    expect(first.list.version).toBe(await registry.version());
    expect(first.list.members.map((m) => m.id)).toEqual(['KZ']);

    expect(await publisher.publishIfChanged()).toBe(false);
    expect((await published()).revision).toBe(first.revision);

    await registry.addMember({ id: 'BY', name: 'Belarus', kind: 'national' }, actor);
    expect(await publisher.publishIfChanged()).toBe(true);
    const second = await published();
    expect(second.revision).toBeGreaterThan(first.revision);
    expect(second.list.version).toBe(first.list.version + 1);
    expect(second.list.members.map((m) => m.id)).toEqual(['BY', 'KZ']);
  });

  it('polls after start() and stops after stop()', async () => {
    const publisher = new TrustListPublisher({
      registry,
      kv,
      keyPair: gatewayKey,
      gatewayId: 'ATC',
      logger,
      intervalMs: 50,
    });
    publisher.start();
    try {
      await waitFor(async () => (await published()).list.version === (await registry.version()), { timeoutMs: 5000 });
      const key = generateKeyPair();
      await registry.addKey('BY', key.publicJwk, {}, actor);
      await waitFor(async () => (await published()).list.members.find((m) => m.id === 'BY')?.keys[0]?.kid === key.kid, {
        timeoutMs: 5000,
      });
    } finally {
      await publisher.stop();
    }
  });
});

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kvm, type KV } from '@nats-io/kv';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, generateKeyPair, signTrustList, Streams, type KeyPair, type TrustList } from '@atc/shared';
import { fixtureKey } from '@atc/shared/testing';
import { startNatsServer, waitFor, type NatsServerHandle } from '@atc/harness';
import { TrustStore } from './trust-store.js';

const gateway = fixtureKey('ATC');
const logger = createLogger({ name: 'trust-store-test', level: 'silent' });

function listOf(version: number, members: readonly [string, KeyPair, { revokedAt?: string }?][]): TrustList {
  return {
    version,
    issuedAt: new Date().toISOString(),
    gateway: { id: 'ATC', kid: gateway.kid, jwk: gateway.publicJwk },
    members: members.map(([id, key, extra]) => ({
      id,
      name: `Member ${id}`,
      kind: 'national' as const,
      status: 'active' as const,
      keys: [
        {
          kid: key.kid,
          jwk: key.publicJwk,
          validFrom: '2026-01-01T00:00:00Z',
          status: extra?.revokedAt === undefined ? ('active' as const) : ('revoked' as const),
          ...(extra?.revokedAt === undefined
            ? {}
            : { revokedAt: extra.revokedAt, revocationReason: 'compromised' as const }),
        },
      ],
    })),
  };
}

let nats: NatsServerHandle;
let nc: NatsConnection;
let kv: KV;
let dir: string;

beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connect({ servers: nats.url });
  kv = await new Kvm(nc).create(Streams.trustBucket, { history: 5 });
  dir = await mkdtemp(join(tmpdir(), 'atc-trust-'));
});

afterAll(async () => {
  await nc.drain();
  await nats.stop();
  await rm(dir, { recursive: true, force: true });
});

function newStore(cacheName: string): TrustStore {
  return new TrustStore({
    pinnedGatewayKey: gateway.publicJwk,
    gatewayId: 'ATC',
    cachePath: join(dir, cacheName),
    logger,
  });
}

describe('TrustStore', () => {
  it('follows the signed trust list in KV and resolves member keys and the pinned gateway key', async () => {
    const store = newStore('follow.jws');
    const kz = fixtureKey('KZ');
    const by = fixtureKey('BY');
    await kv.put(Streams.trustKey, signTrustList(listOf(1, [['KZ', kz]]), gateway));
    const abort = new AbortController();
    const following = store.follow(nc, abort.signal, 50);
    await waitFor(() => store.trustList?.version === 1, { message: 'version 1 in force' });
    expect(store.resolveKey(kz.kid)?.owner).toBe('KZ');
    expect(store.resolveKey(by.kid)).toBeUndefined();
    expect(store.resolveKey(gateway.kid)?.owner).toBe('ATC');

    await kv.put(
      Streams.trustKey,
      signTrustList(
        listOf(2, [
          ['KZ', kz],
          ['BY', by, { revokedAt: '2026-06-01T00:00:00Z' }],
        ]),
        gateway,
      ),
    );
    await waitFor(() => store.trustList?.version === 2, { message: 'version 2 in force' });
    expect(store.resolveKey(by.kid)).toMatchObject({
      owner: 'BY',
      revokedAt: Date.parse('2026-06-01T00:00:00Z'),
      revocationReason: 'compromised',
    });

    // Signed by another key: ignored and reported.
    const impostor = generateKeyPair();
    const forged = signTrustList(
      { ...listOf(3, [['KZ', impostor]]), gateway: { id: 'ATC', kid: impostor.kid, jwk: impostor.publicJwk } },
      impostor,
    );
    await kv.put(Streams.trustKey, forged);
    await waitFor(() => store.alarms.length === 1, { message: 'forged update reported' });
    expect(store.trustList?.version).toBe(2);
    expect(store.resolveKey(impostor.kid)).toBeUndefined();

    // Older version, correctly signed: a rollback, refused.
    await kv.put(Streams.trustKey, signTrustList(listOf(1, [['KZ', kz]]), gateway));
    await waitFor(() => store.alarms.length === 2, { message: 'rollback reported' });
    expect(store.alarms[1]?.reason).toContain('older');
    expect(store.trustList?.version).toBe(2);
    abort.abort();
    await following;

    // The last good copy is on disk: a restarted agent verifies without the centre.
    const restarted = newStore('follow.jws');
    expect(await restarted.loadCache()).toBe(true);
    expect(restarted.trustList?.version).toBe(2);
    expect(restarted.resolveKey(kz.kid)?.owner).toBe('KZ');
  });

  it('refuses a cache file that does not verify with the pinned key', async () => {
    const store = newStore('tampered.jws');
    const good = signTrustList(listOf(5, [['KZ', fixtureKey('KZ')]]), gateway);
    await store.accept(good, 'kv');
    const text = await readFile(join(dir, 'tampered.jws'), 'utf8');
    expect(text.trim()).toBe(good);
    const [h, p, s] = good.split('.') as [string, string, string];
    const tampered = `${h}.${Buffer.from(Buffer.from(p, 'base64url').toString().replace('Member KZ', 'Member XX')).toString('base64url')}.${s}`;
    const other = newStore('other.jws');
    expect(await other.accept(tampered, 'cache')).toBe(false);
    expect(other.trustList).toBeUndefined();
    expect(other.alarms).toHaveLength(1);
  });
});

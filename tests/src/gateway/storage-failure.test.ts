import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atc } from '@atc/shared';
import { fixtureRequest } from '@atc/shared/testing';
import {
  connectMemberWire,
  createTestDatabase,
  InboxWatcher,
  makeMessage,
  mountSmallDiskOrSkip,
  startFederationGateway,
  startNatsServer,
  startThrowawayCluster,
  waitFor,
  type GatewayFixture,
  type NatsServerHandle,
} from '@atc/tests';

const { RECEIPT_STATUS_ACCEPTED: ACCEPTED, RECEIPT_STATUS_REJECTED: REJECTED } = atc.v1.ReceiptStatus;
/** More failed commits than the gateway used to allow before it set a submission aside. */
const FAILED_COMMITS = 6;

let nats: NatsServerHandle;

beforeAll(async () => {
  nats = await startNatsServer();
}, 30_000);

afterAll(async () => {
  await nats?.stop();
});

interface Readiness {
  status: string;
  checks: { name: string; ok: boolean; reason?: string }[];
}

async function readiness(gw: GatewayFixture): Promise<{ code: number; body: Readiness }> {
  const res = await gw.api('/readyz', {});
  return { code: res.status, body: (await res.json()) as Readiness };
}

async function metric(gw: GatewayFixture, pattern: RegExp): Promise<number> {
  const text = await (await gw.api('/metrics', {})).text();
  return Number(pattern.exec(text)?.[1] ?? 0);
}

/**
 * Sends a message while the archive cannot write, and checks that the gateway neither
 * quarantines nor answers it, says not ready with a reason, and archives, routes and
 * receipts it once storage is back, by itself.
 */
async function outlastStorageFailure(
  gw: GatewayFixture,
  options: {
    readonly code: 'ERR_STORAGE_FULL' | 'ERR_STORAGE_UNAVAILABLE';
    readonly payloadBytes: () => Promise<number>;
    readonly fail: () => Promise<void>;
    readonly heal: () => Promise<void>;
  },
): Promise<void> {
  const wire = await connectMemberWire(nats);
  const watcher = await InboxWatcher.start(wire, ['KZ', 'RU']);
  try {
    const warmUp = makeMessage({ from: 'KZ', to: ['RU'], sequence: 1 });
    await wire.submit('KZ', warmUp.bytes, warmUp.messageId);
    await watcher.receipt('KZ', warmUp.messageId, ACCEPTED);
    expect((await readiness(gw)).code).toBe(200);

    const filler = 'x'.repeat(await options.payloadBytes());
    const m = makeMessage({
      from: 'KZ',
      to: ['RU'],
      sequence: 2,
      payload: { ...fixtureRequest('atc.v1.PersonRecord', 2).payload, placeOfBirth: filler },
    });
    await options.fail();
    await wire.submit('KZ', m.bytes, m.messageId);
    const failures = new RegExp(`atc_gateway_storage_failures_total\\{kind="archive",code="${options.code}"\\} (\\d+)`);
    await waitFor(async () => (await metric(gw, failures)) >= FAILED_COMMITS, {
      timeoutMs: 40_000,
      intervalMs: 250,
      message: `${FAILED_COMMITS} commits failed with ${options.code}`,
    });
    const down = await readiness(gw);
    expect(down.code).toBe(503);
    const check = down.body.checks.find((c) => c.name === 'archive-writes');
    expect(check?.ok).toBe(false);
    expect(check?.reason).toContain(options.code);
    expect(await metric(gw, /^atc_gateway_archive_writable (\d+)/m)).toBe(0);
    // Neither archived nor set aside, and nothing said to the sender yet.
    const meanwhile = (await (await gw.api(`/v1/messages/${m.messageId}`)).json()) as { detail: string };
    expect(meanwhile.detail).toBe(`Message ${m.messageId} is not in the archive.`);
    expect(watcher.receipts('KZ', m.messageId)).toEqual([]);

    // Tried again at least once a second however long the outage lasts, so that it resumes
    // within a second of storage coming back (before, the wait between attempts had grown
    // to 3.2 s by the sixth failure and 5 s by the seventh: two attempts in 6.5 s at most).
    const failedSoFar = await metric(gw, failures);
    await waitFor(async () => (await metric(gw, failures)) >= failedSoFar + 3, {
      timeoutMs: 6_500,
      intervalMs: 100,
      message: 'three more attempts within 6.5 s while the archive cannot write',
    });

    await options.heal();
    await watcher.receipt('KZ', m.messageId, ACCEPTED, 20_000);
    await waitFor(() => watcher.copies('RU', m.messageId).length > 0, { message: 'routed to RU' });
    expect(watcher.receipts('KZ', m.messageId).filter((r) => r.status === REJECTED)).toEqual([]);
    expect((await gw.api(`/v1/messages/${m.messageId}`)).status).toBe(200);
    await waitFor(async () => (await readiness(gw)).code === 200, { timeoutMs: 10_000, message: 'ready again' });
    expect(await metric(gw, /^atc_gateway_archive_writable (\d+)/m)).toBe(1);
  } finally {
    await watcher.stop();
    await wire.close();
  }
}

describe('a gateway whose archive cannot write', () => {
  it('on SQLite with a full disk: holds the submission unacknowledged, not ready, then archives it', async (ctx) => {
    const disk = await mountSmallDiskOrSkip('16m', (why) => {
      ctx.skip(why);
    });
    let gw: GatewayFixture | undefined;
    try {
      gw = await startFederationGateway({ nats, dataDir: disk.path });
      const wal = join(disk.path, 'archive.db-wal');
      await outlastStorageFailure(gw, {
        code: 'ERR_STORAGE_FULL',
        // Larger than the WAL file, so that SQLite cannot write it into frames it reuses.
        payloadBytes: async () => (await stat(wal)).size + 256 * 1024,
        fail: () => disk.fill(),
        heal: () => disk.free(),
      });
    } finally {
      await gw?.stop();
      await disk.dispose();
    }
  }, 120_000);

  it('on PostgreSQL with a full disk: holds the submission unacknowledged, not ready, then archives it', async (ctx) => {
    const disk = await mountSmallDiskOrSkip('96m', (why) => {
      ctx.skip(why);
    });
    let gw: GatewayFixture | undefined;
    try {
      const cluster = await startThrowawayCluster(disk.path);
      if ('refused' in cluster) {
        ctx.skip(cluster.refused);
        return;
      }
      try {
        gw = await startFederationGateway({ nats, archive: { url: cluster.url } });
        await outlastStorageFailure(gw, {
          // PostgreSQL writes its WAL into segments made in advance; a new row that extends a
          // table (here its TOAST table) needs new space, and fails with SQLSTATE 53100.
          code: 'ERR_STORAGE_FULL',
          payloadBytes: () => Promise.resolve(512 * 1024),
          fail: () => disk.fill(),
          heal: () => disk.free(),
        });
      } finally {
        await gw?.stop();
        await cluster.stop();
      }
    } finally {
      await disk.dispose();
    }
  }, 120_000);

  it('on PostgreSQL refusing writes: holds the submission unacknowledged, not ready, then archives it', async () => {
    // A real refusal, short of a full disk on a throwaway cluster: the database made
    // read-only for new sessions and the gateway's sessions ended (each commit then fails
    // with SQLSTATE 25006, or with the connection lost).
    const database = await createTestDatabase();
    const admin = new pg.Client({ connectionString: database.adminUrl });
    await admin.connect();
    const endSessions = () =>
      admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [database.name],
      );
    let gw: GatewayFixture | undefined;
    try {
      gw = await startFederationGateway({ nats, archive: { url: database.url } });
      await outlastStorageFailure(gw, {
        code: 'ERR_STORAGE_UNAVAILABLE',
        payloadBytes: () => Promise.resolve(1000),
        fail: async () => {
          await admin.query(`ALTER DATABASE "${database.name}" SET default_transaction_read_only = on`);
          await endSessions();
        },
        heal: async () => {
          await admin.query(`ALTER DATABASE "${database.name}" RESET default_transaction_read_only`);
        },
      });
    } finally {
      await gw?.stop();
      await admin.end();
      await database.drop();
    }
  }, 120_000);
});

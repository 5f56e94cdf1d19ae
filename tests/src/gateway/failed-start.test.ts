import { mkdtemp, readdir, readlink, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@atc/shared';
import { archiveLocation, loadGatewayConfig, openArchiveDb, Registry, startGateway } from '@atc/gateway';
import { gatewayEnv, prepareGatewayDataDir, startNatsServer, waitFor, type NatsServerHandle } from '@atc/tests';

let nats: NatsServerHandle;
let dataDir: string;
/** Members added after each failed start, to show that the archive takes writes. */
const newMembers = ['QA', 'QB', 'QC', 'QD'];

beforeAll(async () => {
  nats = await startNatsServer();
  dataDir = await mkdtemp(join(tmpdir(), 'atc-gw-failed-start-'));
  await prepareGatewayDataDir(dataDir);
}, 30_000);

afterAll(async () => {
  await nats?.stop();
  if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
});

/** The kinds of this process's active handles (sockets, timers, workers...), counted. */
function activeResources(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

/** This process's open file descriptors on the archive's files (database, WAL, shared memory). */
async function archiveDescriptors(): Promise<string[]> {
  const archive = join(dataDir, 'archive.db');
  const targets = await Promise.all(
    (await readdir('/proc/self/fd')).map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => '')),
  );
  return targets.filter((t) => t.startsWith(archive));
}

/** A TCP port held by another listener for the test's duration. */
async function takenPort(): Promise<{ readonly port: number; readonly server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { port: address.port, server };
}

/**
 * Starts a gateway that fails with `env` (or, without an `error`, starts and stops one), and
 * checks that the start rejects and leaves nothing behind: the same active handles as before,
 * no descriptor on the archive, and an archive that opens for writing.
 */
async function expectNothingLeft(env: Record<string, string>, error: RegExp | undefined): Promise<void> {
  const { config, secrets } = loadGatewayConfig(gatewayEnv(nats, dataDir, { ATC_VERIFY_WORKERS: '2', ...env }));
  const logger = createLogger({ name: 'atc-gateway-test', level: 'silent' });
  const before = activeResources();
  expect(await archiveDescriptors()).toEqual([]);

  const started = startGateway({ config, secrets, logger });
  if (error === undefined) {
    // A start that succeeds, then a stop: the same must hold after it.
    const gateway = await started;
    expect((await fetch(new URL('/healthz', gateway.url))).status).toBe(200);
    await Promise.all([gateway.stop(), gateway.stop()]);
  } else {
    await expect(
      started.then(async (gateway) => {
        await gateway.stop();
        return gateway;
      }),
    ).rejects.toThrow(error);
  }

  // Worker threads and sockets end asynchronously: poll until no kind of handle is left
  // with more than before (the test's own timers and requests come and go meanwhile).
  const leftOver = (): Record<string, number> => {
    const extra: Record<string, number> = {};
    for (const [kind, n] of activeResources())
      if (n > (before.get(kind) ?? 0)) extra[kind] = n - (before.get(kind) ?? 0);
    return extra;
  };
  await waitFor(() => Object.keys(leftOver()).length === 0, { timeoutMs: 10_000 }).catch(() => undefined);
  expect(leftOver()).toEqual({});
  expect(await archiveDescriptors()).toEqual([]);

  const db = await openArchiveDb(archiveLocation(config, secrets));
  try {
    const registry = new Registry(db, () => Date.now());
    const id = newMembers.shift()!;
    await registry.addMember({ id, name: 'After a failed start', kind: 'national' }, { who: 'test', why: 'write' });
    expect(await registry.getMember(id)).toBeDefined();
  } finally {
    await db.close();
  }
}

describe('a gateway start that fails half way', () => {
  it('(for comparison) leaves nothing behind after a start and a stop', async () => {
    await expectNothingLeft({}, undefined);
  }, 60_000);

  it('undoes everything when the HTTP port is taken (the last step)', async () => {
    const taken = await takenPort();
    try {
      await expectNothingLeft({ ATC_HTTP_LISTEN: `127.0.0.1:${taken.port}` }, /EADDRINUSE/);
    } finally {
      await new Promise((resolve) => taken.server.close(resolve));
    }
  }, 60_000);

  it('undoes the archive and NATS when the streams cannot be provisioned', async () => {
    // JetStream refuses a de-duplication window longer than the stream keeps its messages.
    await expectNothingLeft({ ATC_ACCEPT_WINDOW: '1m', ATC_DUPLICATE_WINDOW: '10m' }, /duplicates window/i);
  }, 60_000);
});

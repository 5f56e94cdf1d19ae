import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchiveDb, type SqlDb } from '@atc/gateway';
import {
  connectMemberWire,
  createTestDatabase,
  FIXTURE_MEMBERS,
  gatewayEnv,
  makeMessage,
  prepareGatewayDataDir,
  runGatewayCli,
  spawnGatewayProcess,
  startNatsServer,
  waitFor,
  type GatewayProcess,
  type MemberWire,
  type NatsServerHandle,
  type TestDatabase,
} from '@atc/tests';

const PER_MEMBER = 200;
const TOTAL = PER_MEMBER * FIXTURE_MEMBERS.length;

let nats: NatsServerHandle;
let database: TestDatabase;
let dataDir: string;
let replicas: GatewayProcess[] = [];
let wire: MemberWire;
let db: SqlDb;

beforeAll(async () => {
  nats = await startNatsServer();
  database = await createTestDatabase();
  dataDir = await mkdtemp(join(tmpdir(), 'atc-replicas-'));
  await prepareGatewayDataDir(dataDir, { url: database.url });
  // Two replicas: the same key, the same durable consumer, the same PostgreSQL archive.
  const env = gatewayEnv(nats, dataDir, { ATC_ARCHIVE_URL: database.url, ATC_BATCH_SIZE: '50', ATC_LOG_LEVEL: 'info' });
  replicas = [];
  for (const name of ['replica-a', 'replica-b']) {
    replicas.push(await spawnGatewayProcess(env, await mkdtemp(join(dataDir, `${name}-`))));
  }
  wire = await connectMemberWire(nats);
  db = await openArchiveDb({ url: database.url });
}, 90_000);

afterAll(async () => {
  for (const r of replicas) await r.kill('SIGKILL');
  await wire?.close();
  await db?.close();
  await database?.drop();
  await nats?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** A replica's count of accepted submissions, from its metrics. */
async function acceptedBy(replica: GatewayProcess): Promise<number> {
  const text = await (await fetch(`${replica.url}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith('atc_gateway_accepted_total'))
    .reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
}

describe('two gateway replicas on one PostgreSQL archive', () => {
  it('share the work and keep one linear log: every message once, no gap, no duplicate leaf', async () => {
    const sent = FIXTURE_MEMBERS.flatMap((from, m) =>
      Array.from({ length: PER_MEMBER }, (_, i) =>
        makeMessage({ from, to: [FIXTURE_MEMBERS[(m + 1 + (i % 3)) % FIXTURE_MEMBERS.length]!], sequence: i + 1 }),
      ),
    );
    // All members at once, 40 publishes in flight.
    for (let i = 0; i < sent.length; i += 40) {
      await Promise.all(sent.slice(i, i + 40).map((m) => wire.submit(m.header.sender, m.bytes, m.messageId)));
    }
    const count = async (): Promise<number> =>
      (await db.get<{ n: number }>('SELECT count(*) AS n FROM messages'))?.n ?? 0;
    await waitFor(async () => (await count()) === TOTAL, {
      timeoutMs: 90_000,
      intervalMs: 200,
      message: `all ${TOTAL} messages archived`,
    });

    // Both replicas took part (a replica counts a batch once it is published and acknowledged).
    const shares = await waitFor(
      async () => {
        const counts = await Promise.all(replicas.map(acceptedBy));
        return counts.reduce((a, b) => a + b, 0) === TOTAL ? counts : undefined;
      },
      { timeoutMs: 10_000, message: 'every accepted message counted by a replica' },
    );
    expect(
      shares.every((n) => n > 0),
      `accepted per replica: ${shares.join(', ')}`,
    ).toBe(true);

    // One linear log: leaves 0..N-1, each used once, and the stored size agrees.
    const leaves = await db.all<{ leaf_index: number; message_id: string }>(
      'SELECT leaf_index, message_id FROM messages ORDER BY leaf_index',
    );
    expect(leaves.map((l) => l.leaf_index)).toEqual(Array.from({ length: TOTAL }, (_, i) => i));
    expect(new Set(leaves.map((l) => l.message_id))).toEqual(new Set(sent.map((m) => m.messageId)));
    expect(await db.get("SELECT value FROM gateway_state WHERE key = 'log_size'")).toEqual({ value: TOTAL });

    // One ACCEPTED receipt per message, and the gateway's own sequence has no gap.
    await waitFor(
      async () =>
        (await db.get<{ n: number }>("SELECT count(*) AS n FROM receipts WHERE status = 'accepted'"))?.n === TOTAL,
      { timeoutMs: 10_000, message: 'receipts written' },
    );
    const perMessage = await db.all<{ n: number }>(
      "SELECT count(*) AS n FROM receipts WHERE status = 'accepted' GROUP BY message_id",
    );
    expect(perMessage.every((r) => r.n === 1)).toBe(true);
    // Every sender's sequences are all there, once.
    for (const member of FIXTURE_MEMBERS) {
      const seqs = await db.all<{ sender_sequence: number }>(
        'SELECT sender_sequence FROM messages WHERE sender = ? ORDER BY sender_sequence',
        [member],
      );
      expect(seqs.map((s) => s.sender_sequence)).toEqual(Array.from({ length: PER_MEMBER }, (_, i) => i + 1));
    }

    // Every checkpoint either replica signed is part of the same tree: the archive verifies.
    const verified = await runGatewayCli({ ATC_DATA_DIR: dataDir, ATC_ARCHIVE_URL: database.url }, [
      'archive',
      'verify',
    ]);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(new RegExp(`archive verified: ${TOTAL} entries`));
  }, 180_000);
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { atc } from '@atc/shared';
import { PayloadType } from '@atc/shared';
import { openDatabase, type Db } from '@atc/gateway';
import {
  connectMemberWire,
  gatewayEnv,
  makeMessage,
  prepareGatewayDataDir,
  spawnGatewayProcess,
  startNatsServer,
  verifyInboxItem,
  waitFor,
  type GatewayProcess,
  type MemberWire,
  type NatsServerHandle,
} from '@atc/tests';

const TOTAL = 2_000;

let nats: NatsServerHandle;
let dataDir: string;
let gateway: GatewayProcess;
let wire: MemberWire;
let db: Db;

beforeAll(async () => {
  nats = await startNatsServer();
  dataDir = await mkdtemp(join(tmpdir(), 'atc-crash-'));
  await prepareGatewayDataDir(dataDir);
  gateway = await spawnGatewayProcess(
    // What the killed gateway held comes again after the submit ack wait: 2 s, not the default 15 s.
    gatewayEnv(nats, dataDir, { ATC_LOG_LEVEL: 'info', ATC_BATCH_SIZE: '100', ATC_SUBMIT_ACK_WAIT: '2s' }),
    dataDir,
  );
  wire = await connectMemberWire(nats);
  db = openDatabase(join(dataDir, 'archive.db'));
}, 60_000);

afterAll(async () => {
  await gateway.kill('SIGKILL');
  await wire.close();
  db.close();
  await nats.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const archived = (): number => (db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;

describe('a gateway killed with SIGKILL while 2,000 messages flow', () => {
  it('archives every message exactly once, routes each copy once and misses no receipt', async () => {
    onTestFailed(() => {
      console.log(
        `archived ${archived()} of ${TOTAL}; gateway log tail:\n${readFileSync(gateway.logFile, 'utf8').slice(-4000)}`,
      );
    });
    const sent = Array.from({ length: TOTAL }, (_, i) =>
      makeMessage({ from: 'KZ', to: i % 3 === 0 ? ['BY', 'RU'] : ['BY'], sequence: i + 1 }),
    );
    // Agents pipeline their publishes; 32 in flight keeps the gateway busy.
    const publishing = (async () => {
      for (let i = 0; i < sent.length; i += 32) {
        await Promise.all(sent.slice(i, i + 32).map((m) => wire.submit('KZ', m.bytes, m.messageId)));
      }
    })();
    await waitFor(() => archived() >= 300, { timeoutMs: 30_000, message: '300 messages archived before the crash' });
    expect(await gateway.kill('SIGKILL')).toBeNull();
    const atCrash = archived();
    expect(atCrash).toBeLessThan(TOTAL);
    await publishing;
    await gateway.restart();
    await waitFor(() => archived() === TOTAL, { timeoutMs: 60_000, intervalMs: 100, message: `all ${TOTAL} archived` });
    const ids = db.prepare('SELECT message_id FROM messages').all() as { message_id: string }[];
    expect(new Set(ids.map((r) => r.message_id)).size).toBe(TOTAL);

    /** What each item of a member's inbox was, by the message it is (a receipt: the message it is about). */
    const seen = new Map<string, string[]>();
    const countById = async (member: string, expected: number): Promise<Map<string, number>> => {
      // The drain ends at an empty pull once the inbox is read; its deadline only bounds a stuck
      // broker. Acknowledged one by one, 2,000 items took over 5 s on a busy 2-core machine.
      const items = await wire.drainInbox(member, expected + 50, 30_000);
      const counts = new Map<string, number>();
      for (const item of items) {
        const v = await verifyInboxItem(item.data);
        const receipt = v.payloadType === PayloadType.Receipt ? (v.payload as atc.v1.Receipt) : undefined;
        const id = receipt?.messageId ?? v.header.messageId;
        counts.set(id, (counts.get(id) ?? 0) + 1);
        // Read when a count is off: which receipts (status, reason, item id) or copies came twice.
        const what =
          receipt === undefined
            ? `copy ${v.header.messageId}`
            : `receipt ${v.header.messageId} status ${receipt.status} reason ${receipt.reason} ${receipt.detail}`;
        seen.set(`${member} ${id}`, [...(seen.get(`${member} ${id}`) ?? []), `${what} (stream seq ${item.seq})`]);
      }
      return counts;
    };
    onTestFailed(() => {
      for (const [key, items] of seen)
        if (items.length > 1) console.log(`${key} came ${items.length} times:\n${items.join('\n')}`);
    });
    const toRu = sent.filter((_, i) => i % 3 === 0);
    const by = await countById('BY', TOTAL);
    expect(by.size).toBe(TOTAL);
    expect([...by.values()].every((n) => n === 1)).toBe(true);
    const ru = await countById('RU', toRu.length);
    expect(ru.size).toBe(toRu.length);
    expect([...ru.values()].every((n) => n === 1)).toBe(true);
    // Receipts: every submission has exactly one, also those redelivered after the crash (their
    // receipts not yet published go out under their own de-duplication ids, the others not again).
    const kz = await countById('KZ', TOTAL + 200);
    expect(sent.filter((m) => !kz.has(m.messageId))).toEqual([]);
    expect([...kz.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    // The deadline's timer is cleared: left running, it would hold this worker for 10 s more.
    let deadline: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      gateway.kill('SIGTERM'),
      new Promise((r) => {
        deadline = setTimeout(() => {
          r('timeout');
        }, 10_000);
      }),
    ]).finally(() => {
      clearTimeout(deadline);
    });
    expect(code).toBe(0);
  }, 240_000);
});

import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@atc/gateway';
import {
  callAgent,
  mapLimit,
  personRequest,
  prepareAgent,
  spawnAgentProcess,
  startFederationAgent,
  startTestFederation,
  waitFor,
  type AgentFixture,
  type GatewayFixture,
  type NatsServerHandle,
  type TestFederation,
  type WebhookReceiver,
} from '@atc/tests';
import { takenByWebhook } from '../faults/delivery-counts.js';

const SECRET = 'by-webhook-secret-for-fault-tests';

let fed: TestFederation;
let nats: NatsServerHandle;
let gw: GatewayFixture;
let by: AgentFixture;
let hook: WebhookReceiver;

beforeAll(async () => {
  fed = await startTestFederation({ members: { BY: { webhookSecret: SECRET } }, waitReady: false });
  ({ nats, gateway: gw } = fed);
  [by, hook] = [fed.agent('BY'), fed.receiver('BY')];
}, 60_000);

afterAll(() => fed?.close());

/**
 * True once every one of `ids` reached the webhook. Each check parses every body the receiver
 * holds once (once per id, 500 ids x 500 bodies held the test's event loop, which the webhook
 * receiver shares, for seconds per poll).
 */
function allDelivered(ids: readonly string[]): boolean {
  const counts = takenByWebhook(hook);
  return ids.every((id) => counts.has(id));
}

/** True when every one of `ids` reached the webhook exactly once. */
function eachDeliveredOnce(ids: readonly string[]): boolean {
  const counts = takenByWebhook(hook);
  return ids.every((id) => counts.get(id) === 1);
}

/** Posts `count` records to the agent, eight at a time (as an integrator's pool would); their message ids in order. */
async function send(url: string, count: number, offset: number): Promise<string[]> {
  return mapLimit(
    Array.from({ length: count }, (_, i) => offset + i),
    8,
    async (n) => {
      const res = await callAgent(url, 'POST', '/v1/messages', personRequest(['BY'], n));
      expect(res.status).toBe(202);
      return res.body['messageId'] as string;
    },
  );
}

describe('faults', () => {
  it('NATS stopped while KZ posts 500 records: all reach BY once after it is back', async () => {
    const kz = await startFederationAgent({ nats, member: 'KZ' });
    try {
      await waitFor(async () => (await kz.api('GET', '/readyz')).status === 200, {
        timeoutMs: 15_000,
        message: 'KZ ready',
      });
      await nats.kill('SIGTERM');
      const ids = await send(kz.agent.url, 500, 10_000);
      const queued = await kz.api('GET', '/v1/messages?status=queued&limit=1000');
      expect((queued.body['messages'] as unknown[]).length).toBe(500);
      await nats.restart();
      await waitFor(() => allDelivered(ids), {
        timeoutMs: 90_000,
        intervalMs: 200,
        message: 'all 500 delivered',
      });
      // 500 different records: handed over in parallel, so in no particular order (versions
      // of one record keep theirs; see handover.test.ts).
      expect(eachDeliveredOnce(ids)).toBe(true);
      await waitFor(
        async () =>
          ((await kz.api('GET', '/v1/messages?status=accepted&limit=1000')).body['messages'] as unknown[]).length >=
          500,
        { timeoutMs: 30_000, message: 'KZ sees all accepted' },
      );
    } finally {
      await kz.destroy();
    }
  }, 180_000);

  it('KZ agent killed with 300 messages in its outbox: each delivered exactly once after restart', async () => {
    const prepared = await prepareAgent({ nats, member: 'KZ' });
    const kz = await spawnAgentProcess(prepared.env, prepared.dataDir);
    try {
      await waitFor(async () => (await callAgent(kz.url, 'GET', '/readyz')).status === 200, {
        timeoutMs: 15_000,
        message: 'KZ ready',
      });
      const ids = await send(kz.url, 300, 20_000);
      expect(await kz.kill('SIGKILL')).toBeNull();
      // The premise, read from the dead agent's database: records it had not settled yet.
      const outbox = new Database(join(prepared.dataDir, 'agent.db'), { readonly: true, fileMustExist: true });
      try {
        const { n } = outbox
          .prepare("SELECT count(*) AS n FROM outbox WHERE status IN ('queued', 'published')")
          .get() as { n: number };
        expect(n, 'records in the outbox at the kill').toBeGreaterThan(0);
      } finally {
        outbox.close();
      }
      await kz.restart();
      await waitFor(() => allDelivered(ids), {
        timeoutMs: 60_000,
        intervalMs: 200,
        message: 'all 300 delivered',
      });
      expect(eachDeliveredOnce(ids)).toBe(true);
      // The gateway archived each once, too.
      const db = openDatabase(join(gw.dataDir, 'archive.db'));
      try {
        const stmt = db.prepare('SELECT count(*) AS n FROM messages WHERE message_id = ?');
        expect(ids.every((id) => (stmt.get(id) as { n: number }).n === 1)).toBe(true);
      } finally {
        db.close();
      }
    } finally {
      await kz.kill('SIGKILL');
      await rm(prepared.dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('a webhook answering 500 for a while is retried; the item is delivered once and acknowledged once', async () => {
    const kz = await startFederationAgent({ nats, member: 'KZ' });
    try {
      await waitFor(async () => (await kz.api('GET', '/readyz')).status === 200, {
        timeoutMs: 15_000,
        message: 'KZ ready',
      });
      let failures = 0;
      hook.respond = () => (failures++ < 3 ? 500 : 200);
      const [id] = await send(kz.agent.url, 1, 30_000);
      await waitFor(() => takenByWebhook(hook).get(id!) === 1, {
        timeoutMs: 30_000,
        message: 'delivered after retries',
      });
      expect(hook.calls.filter((c) => c.body.includes(id!) && c.status === 500)).toHaveLength(3);
      const receipts = async (): Promise<{ status: string; recipient: string | null }[]> =>
        (await kz.api('GET', `/v1/messages/${id!}`)).body['receipts'] as { status: string; recipient: string | null }[];
      await waitFor(async () => (await receipts()).some((r) => r.status === 'delivered'), {
        timeoutMs: 15_000,
        message: 'DELIVERED receipt',
      });
      const item = await by.api('GET', `/v1/inbox/${id!}`);
      expect(item.body).toMatchObject({ state: 'delivered', attempts: 4 });
      // One DeliveryAck reached the archive, and KZ got one DELIVERED receipt.
      const db = openDatabase(join(gw.dataDir, 'archive.db'));
      try {
        const acks = db
          .prepare("SELECT count(*) AS n FROM messages WHERE payload_type = 'atc.v1.DeliveryAck' AND in_reply_to = ?")
          .get(id!) as { n: number };
        expect(acks.n).toBe(1);
      } finally {
        db.close();
      }
      expect((await receipts()).filter((r) => r.status === 'delivered')).toHaveLength(1);
    } finally {
      hook.respond = () => 200;
      await kz.destroy();
    }
  }, 60_000);
});

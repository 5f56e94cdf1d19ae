// Fault matrix, partitions: the nats-server runs in a network namespace of this test's own,
// and the gateway and each agent reach it through a veth pair of their own, so that one of them
// can be cut off while the others keep their links. Records sent around and during a cut are
// each archived once and delivered once after the link heals; the side that was cut says so
// meanwhile (not ready, an alarm, a metric).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { openDatabase } from '@atc/gateway';
import {
  createPartitionLab,
  natsServerAt,
  personRequest,
  startNatsServer,
  startTestFederation,
  waitFor,
  type AgentFixture,
  type NatsServerHandle,
  type PartitionLab,
  type TestFederation,
  type WebhookReceiver,
} from '@atc/tests';

const SECRET = 'by-webhook-secret-for-partition-tests';
/** Pinged every second, a silent link counts as lost after about two. */
const FAST_LINK = { ATC_NATS_PING_INTERVAL: '1s' };

let lab: PartitionLab | undefined;
let refused: string | undefined;
let nats: NatsServerHandle | undefined;
let fed: TestFederation | undefined;
let kz: AgentFixture;
let hook: WebhookReceiver;

beforeAll(async () => {
  const made = await createPartitionLab(['gateway', 'KZ', 'BY']);
  if ('refused' in made) {
    refused = made.refused;
    return;
  }
  lab = made;
  const started = await startNatsServer({
    wrap: lab.wrap,
    host: '0.0.0.0',
    urlHost: lab.address('gateway'),
    // The server's side of the same: a client gone silent is dropped, with the pulls it had open.
    config: 'ping_interval: "1s"\nping_max: 2\n',
  });
  nats = started;
  fed = await startTestFederation({
    nats: started,
    natsFor: (part) => natsServerAt(started, made.address(part)),
    gatewayEnv: FAST_LINK,
    members: { KZ: { env: FAST_LINK }, BY: { webhookSecret: SECRET, env: FAST_LINK } },
  });
  [kz, hook] = [fed.agent('KZ'), fed.receiver('BY')];
}, 60_000);

afterAll(async () => {
  // Healed first, so that every part stops as it would in production.
  for (const link of ['gateway', 'KZ', 'BY']) await lab?.heal(link).catch(() => undefined);
  await fed?.close();
  await nats?.stop();
  await lab?.dispose();
});

function ready(ctx: TestContext): TestFederation {
  if (refused !== undefined || fed === undefined) ctx.skip(refused ?? 'the federation did not start');
  return fed;
}

/** POSTs `count` records to KZ for BY, numbered from `from`; `during(k)` runs after the k-th is taken. */
async function send(count: number, from: number, during?: (k: number) => Promise<void>): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await kz.api('POST', '/v1/messages', personRequest(['BY'], from + i));
    expect(res.status).toBe(202);
    ids.push(res.body['messageId'] as string);
    await during?.(i + 1);
  }
  return ids;
}

/** Successful webhook calls at BY per message id. */
function deliveries(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of hook.calls) {
    if (call.status < 200 || call.status >= 300) continue;
    const id = (JSON.parse(call.body) as { id: string }).id;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/** Archive rows per message id. */
function archived(f: TestFederation, ids: readonly string[]): number[] {
  const db = openDatabase(join(f.gateway.dataDir, 'archive.db'), { readonly: true });
  try {
    const stmt = db.prepare('SELECT count(*) AS n FROM messages WHERE message_id = ?');
    return ids.map((id) => (stmt.get(id) as { n: number }).n);
  } finally {
    db.close();
  }
}

/** One sample of a Prometheus text exposition (no labels). */
function sample(text: string, name: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

async function agentMetric(name: string): Promise<number | undefined> {
  return sample(await (await fetch(new URL('/metrics', kz.agent.url))).text(), name);
}

async function gatewayMetric(f: TestFederation, name: string): Promise<number | undefined> {
  return sample(await (await f.gateway.api('/metrics')).text(), name);
}

async function readyz(url: string): Promise<{ status: number; nats: { ok: boolean; reason?: string } | undefined }> {
  const res = await fetch(new URL('/readyz', url));
  const body = (await res.json()) as { checks: { name: string; ok: boolean; reason?: string }[] };
  return { status: res.status, nats: body.checks.find((c) => c.name === 'nats') };
}

async function gatewayAlarmKinds(f: TestFederation): Promise<string[]> {
  const body = (await (await f.gateway.api('/v1/alarms')).json()) as { items: { kind: string }[] };
  return body.items.map((a) => a.kind);
}

/** Waits until all `ids` reached BY, KZ holds a final receipt for each, and its outbox is empty. */
async function settled(f: TestFederation, ids: readonly string[]): Promise<void> {
  await waitFor(() => ids.every((id) => deliveries().has(id)), {
    timeoutMs: 60_000,
    intervalMs: 200,
    message: `all ${ids.length} delivered to BY`,
  });
  await waitFor(async () => (await agentMetric('atc_agent_outbox_depth')) === 0, {
    timeoutMs: 30_000,
    intervalMs: 200,
    message: "KZ's outbox drained",
  });
  const counts = deliveries();
  expect(ids.filter((id) => counts.get(id) !== 1)).toEqual([]);
  expect(archived(f, ids).filter((n) => n !== 1)).toEqual([]);
}

describe('network partitions', () => {
  it('KZ cut off from NATS: not ready and an alarm while cut; 100 records archived and delivered once after healing', async (ctx) => {
    const f = ready(ctx);
    let cutAt = 0;
    const before = await send(30, 100_000, async (k) => {
      if (k !== 15) return;
      await lab!.cut('KZ');
      cutAt = Date.now();
    });
    const notReady = await waitFor(
      async () => {
        const r = await readyz(kz.agent.url);
        return r.status === 503 && r.nats?.ok === false ? r : undefined;
      },
      { timeoutMs: 15_000, message: 'KZ not ready while cut off' },
    );
    const detectedMs = Date.now() - cutAt;
    expect(notReady.nats?.reason).toContain('Agent KZ has been cut off from NATS');
    const alarms = await kz.api('GET', '/v1/alarms');
    const alarm = alarms.body['nats'] as { disconnects: number; detail: string; raisedAt: string };
    expect(alarm.disconnects).toBe(1);
    expect(alarm.detail).toContain('keeps reconnecting; nothing accepted is lost');
    expect(Date.parse(alarm.raisedAt)).toBeGreaterThanOrEqual(cutAt);
    expect(await agentMetric('atc_agent_nats_connected')).toBe(0);
    expect(await agentMetric('atc_agent_nats_disconnects_total')).toBe(1);

    // Taken while cut off: kept in the outbox, nothing reaches the centre.
    const during = await send(70, 100_030);
    expect(await agentMetric('atc_agent_outbox_depth')).toBeGreaterThanOrEqual(70);
    expect(archived(f, during).reduce((a, b) => a + b, 0)).toBe(0);
    // The gateway and BY kept their links.
    expect((await readyz(f.gateway.gateway.url)).status).toBe(200);
    expect(await gatewayAlarmKinds(f)).not.toContain('nats-disconnected');

    await lab!.heal('KZ');
    const ids = [...before, ...during];
    await settled(f, ids);
    expect(ids).toHaveLength(100);
    expect(new Set(ids).size).toBe(100);
    expect((await readyz(kz.agent.url)).status).toBe(200);
    expect((await kz.api('GET', '/v1/alarms')).body['nats']).toBeNull();
    expect(await agentMetric('atc_agent_nats_connected')).toBe(1);
    await ctx.annotate(`KZ noticed the cut after ${detectedMs} ms`);
  }, 120_000);

  it('the gateway cut off from NATS: not ready and an alarm while cut; 100 records archived and delivered once after healing', async (ctx) => {
    const f = ready(ctx);
    const gatewayUrl = f.gateway.gateway.url;
    let cutAt = 0;
    const before = await send(30, 200_000, async (k) => {
      if (k !== 15) return;
      await lab!.cut('gateway');
      cutAt = Date.now();
    });
    const notReady = await waitFor(
      async () => {
        const r = await readyz(gatewayUrl);
        return r.status === 503 && r.nats?.ok === false ? r : undefined;
      },
      { timeoutMs: 20_000, message: 'the gateway not ready while cut off' },
    );
    const detectedMs = Date.now() - cutAt;
    expect(notReady.nats?.reason).toContain('This gateway replica');
    expect(await gatewayAlarmKinds(f)).toContain('nats-disconnected');
    const scrape = await (await f.gateway.api('/metrics')).text();
    expect(sample(scrape, 'atc_gateway_nats_connected')).toBe(0);
    expect(sample(scrape, 'atc_gateway_nats_disconnects_total')).toBe(1);

    // KZ still reaches NATS: its records wait in the submit stream, none is archived.
    const during = await send(70, 200_030);
    expect((await readyz(kz.agent.url)).status).toBe(200);
    expect(archived(f, during).reduce((a, b) => a + b, 0)).toBe(0);

    await lab!.heal('gateway');
    const ids = [...before, ...during];
    await settled(f, ids);
    expect(new Set(ids).size).toBe(100);
    await waitFor(async () => (await readyz(gatewayUrl)).status === 200, {
      timeoutMs: 15_000,
      message: 'the gateway ready again',
    });
    expect(await gatewayAlarmKinds(f)).not.toContain('nats-disconnected');
    expect(await gatewayMetric(f, 'atc_gateway_nats_connected')).toBe(1);
    await ctx.annotate(`the gateway noticed the cut after ${detectedMs} ms`);
  }, 120_000);
});

// Fault matrix, partitions: the nats-server runs in a network namespace of this test's own,
// and the gateway and each agent reach it through a veth pair of their own, so that one of them
// can be cut off while the others keep their links. Records sent around and during a cut are
// each archived once and delivered once after the link heals; the side that was cut says so
// meanwhile (not ready, an alarm, a metric). Run on both archive engines; on PostgreSQL also
// with the gateway cut off from its database (a cluster of its own inside the namespace).
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '@atc/shared';
import { ARCHIVE_BACKENDS, waitFor } from '@atc/tests';
import {
  agentMetric,
  archived,
  gatewayAlarmKinds,
  gatewayMetric,
  readyz,
  send,
  settled,
  usePartitionWorld,
} from './partition-world.js';
import { sample } from './delivery-counts.js';

// Each describe block has a world of its own (namespace, nats-server, archive, federation), and
// its tests mostly wait for timeouts of the parts under test: the blocks run side by side, each
// block's tests one after the other (they cut links of the same world).
describe.concurrent.each(ARCHIVE_BACKENDS)('network partitions on $name', (backend) => {
  const ready = usePartitionWorld(backend);

  it(
    'KZ cut off from NATS: not ready and an alarm while cut; 100 records archived and delivered once after healing',
    { concurrent: false, timeout: 120_000 },
    async (ctx) => {
      const w = ready(ctx);
      let cutAt = 0;
      const before = await send(w, 30, 100_000, async (k) => {
        if (k !== 15) return;
        await w.lab.cut('KZ');
        cutAt = Date.now();
      });
      const notReady = await waitFor(
        async () => {
          const r = await readyz(w.kz.agent.url);
          return r.status === 503 && r.check?.ok === false ? r : undefined;
        },
        { timeoutMs: 15_000, message: 'KZ not ready while cut off' },
      );
      const detectedMs = Date.now() - cutAt;
      expect(notReady.check?.reason).toContain('Agent KZ has been cut off from NATS');
      const alarms = await w.kz.api('GET', '/v1/alarms');
      const alarm = alarms.body['nats'] as { disconnects: number; detail: string; raisedAt: string };
      expect(alarm.disconnects).toBe(1);
      expect(alarm.detail).toContain('keeps reconnecting; nothing accepted is lost');
      expect(Date.parse(alarm.raisedAt)).toBeGreaterThanOrEqual(cutAt);
      expect(await agentMetric(w, 'atc_agent_nats_connected')).toBe(0);
      expect(await agentMetric(w, 'atc_agent_nats_disconnects_total')).toBe(1);

      // Taken while cut off: kept in the outbox, nothing reaches the centre.
      const during = await send(w, 70, 100_030);
      expect(await agentMetric(w, 'atc_agent_outbox_depth')).toBeGreaterThanOrEqual(70);
      expect((await archived(w, during)).reduce((a, b) => a + b, 0)).toBe(0);
      // The gateway and BY kept their links.
      expect((await readyz(w.fed.gateway.gateway.url)).status).toBe(200);
      expect(await gatewayAlarmKinds(w)).not.toContain('nats-disconnected');

      await w.lab.heal('KZ');
      const ids = [...before, ...during];
      await settled(w, ids);
      expect(ids).toHaveLength(100);
      expect(new Set(ids).size).toBe(100);
      expect((await readyz(w.kz.agent.url)).status).toBe(200);
      expect((await w.kz.api('GET', '/v1/alarms')).body['nats']).toBeNull();
      expect(await agentMetric(w, 'atc_agent_nats_connected')).toBe(1);
      await ctx.annotate(`KZ noticed the cut after ${detectedMs} ms`);
    },
  );

  it(
    'the gateway cut off from NATS: not ready and an alarm while cut; 100 records archived and delivered once after healing',
    { concurrent: false, timeout: 120_000 },
    async (ctx) => {
      const w = ready(ctx);
      const gatewayUrl = w.fed.gateway.gateway.url;
      let cutAt = 0;
      const before = await send(w, 30, 200_000, async (k) => {
        if (k !== 15) return;
        await w.lab.cut('gateway');
        cutAt = Date.now();
      });
      const notReady = await waitFor(
        async () => {
          const r = await readyz(gatewayUrl);
          return r.status === 503 && r.check?.ok === false ? r : undefined;
        },
        { timeoutMs: 20_000, message: 'the gateway not ready while cut off' },
      );
      const detectedMs = Date.now() - cutAt;
      expect(notReady.check?.reason).toContain('This gateway replica');
      expect(await gatewayAlarmKinds(w)).toContain('nats-disconnected');
      const scrape = await (await w.fed.gateway.api('/metrics')).text();
      expect(sample(scrape, 'atc_gateway_nats_connected')).toBe(0);
      expect(sample(scrape, 'atc_gateway_nats_disconnects_total')).toBe(1);

      // KZ still reaches NATS: its records wait in the submit stream, none is archived.
      const during = await send(w, 70, 200_030);
      expect((await readyz(w.kz.agent.url)).status).toBe(200);
      expect((await archived(w, during)).reduce((a, b) => a + b, 0)).toBe(0);

      await w.lab.heal('gateway');
      const ids = [...before, ...during];
      await settled(w, ids);
      expect(new Set(ids).size).toBe(100);
      await waitFor(async () => (await readyz(gatewayUrl)).status === 200, {
        timeoutMs: 15_000,
        message: 'the gateway ready again',
      });
      expect(await gatewayAlarmKinds(w)).not.toContain('nats-disconnected');
      expect(await gatewayMetric(w, 'atc_gateway_nats_connected')).toBe(1);
      await ctx.annotate(`the gateway noticed the cut after ${detectedMs} ms`);
    },
  );
});

/** Longest wait for a `/readyz` answer while cut: the probe's 5 s per check, and slack for a loaded machine. */
const PROBE_ANSWER_MS = 10_000;
/** Longest time from the cut to a not-ready answer. */
const DETECTED_MS = 15_000;

describe.concurrent('a network partition between the gateway and its PostgreSQL archive', () => {
  const ready = usePartitionWorld('lab-postgres');

  it(
    'the gateway cut off from PostgreSQL: not ready and 503 while cut; 100 records archived and delivered once after healing',
    { concurrent: false, timeout: 180_000 },
    async (ctx) => {
      const w = ready(ctx);
      const gatewayUrl = w.fed.gateway.gateway.url;
      let cutAt = 0;
      const before = await send(w, 30, 300_000, async (k) => {
        if (k !== 15) return;
        await w.lab.cut('archive');
        cutAt = Date.now();
      });
      // The readiness probe writes to the archive. Over a silent link a pooled connection gets no
      // answer and a new one fails after the neighbour lookup (EHOSTUNREACH): the probe gives
      // each check at most 5 s, so it answers in time either way, and says not ready.
      const probes: string[] = [];
      const unanswered: string[] = [];
      ctx.onTestFailed(() => {
        console.log(`readiness probes while cut: ${probes.join('; ')}`);
      });
      const notReady = await waitFor(
        async () => {
          const t0 = Date.now();
          const r = await readyz(gatewayUrl, 'archive', PROBE_ANSWER_MS).catch((e: unknown) => {
            unanswered.push(`${Date.now() - t0} ms: ${(e as Error).message}`);
            probes.push(`${Date.now() - t0} ms: ${(e as Error).message}`);
            throw e;
          });
          probes.push(`${Date.now() - t0} ms: ${r.status} ${r.check?.reason ?? ''}`);
          return r.status === 503 && r.check?.ok === false ? r : undefined;
        },
        { timeoutMs: DETECTED_MS, intervalMs: 500, message: 'the gateway not ready while cut off from its archive' },
      );
      const detectedMs = Date.now() - cutAt;
      expect(detectedMs).toBeLessThan(DETECTED_MS);
      expect(unanswered).toEqual([]);
      // Either the write failed as a lost connection, or it got no answer within the check's bound.
      expect(notReady.check?.reason).toMatch(
        new RegExp(`${ErrorCode.STORAGE_UNAVAILABLE}|the check did not answer within`),
      );
      // The API says so too (a call that drew a pooled connection gone silent is given up on
      // after the statement bound, 15 s; one that waited for a connection, after 5 s).
      const members = await waitFor(
        async () => {
          const res = await fetch(new URL('/v1/members', gatewayUrl), {
            headers: { authorization: `Bearer ${w.fed.gateway.adminToken}` },
            signal: AbortSignal.timeout(20_000),
          });
          return {
            status: res.status,
            retryAfter: res.headers.get('retry-after'),
            body: (await res.json()) as { code?: string },
          };
        },
        { timeoutMs: 30_000, message: 'the gateway API answering while cut off from its archive' },
      );
      expect(members.status).toBe(503);
      expect(members.body.code).toBe(ErrorCode.STORAGE_UNAVAILABLE);
      expect(members.retryAfter).toMatch(/^\d+$/);

      // NATS and the agents are untouched: KZ keeps taking records, they wait in the submit stream.
      const during = await send(w, 70, 300_030);
      expect((await readyz(w.kz.agent.url)).status).toBe(200);
      expect((await archived(w, during)).reduce((a, b) => a + b, 0)).toBe(0);

      await w.lab.heal('archive');
      const healedAt = Date.now();
      const ids = [...before, ...during];
      await settled(w, ids);
      const settledMs = Date.now() - healedAt;
      expect(new Set(ids).size).toBe(100);
      await waitFor(async () => (await readyz(gatewayUrl, 'archive', 20_000)).status === 200, {
        timeoutMs: 30_000,
        message: 'the gateway ready again',
      });
      expect(await gatewayMetric(w, 'atc_gateway_archive_writable')).toBe(1);
      await ctx.annotate(
        `the gateway noticed the cut after ${detectedMs} ms (readiness probes: ${probes.join('; ')}); all settled ${settledMs} ms after healing`,
      );
    },
  );
});

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveKeyFile } from '@atc/shared';
import { fixtureKey } from '@atc/shared/testing';
import {
  mountSmallDiskOrSkip,
  personRequest,
  startFederationAgent,
  startTestFederation,
  waitFor,
  type AgentFixture,
  type NatsServerHandle,
  type TestFederation,
} from '@atc/tests';

let fed: TestFederation;
let nats: NatsServerHandle;

beforeAll(async () => {
  fed = await startTestFederation();
  nats = fed.nats;
}, 30_000);

afterAll(() => fed?.close());

interface Readiness {
  status: string;
  checks: { name: string; ok: boolean; reason?: string }[];
}

describe('a node agent whose disk is full', () => {
  it('says not ready, answers 503 ERR_STORAGE_FULL with Retry-After and stores nothing, then takes records again', async (ctx) => {
    const disk = await mountSmallDiskOrSkip('16m', (why) => {
      ctx.skip(why);
    });
    let agent: AgentFixture | undefined;
    try {
      await saveKeyFile(join(disk.path, 'member.jwk'), fixtureKey('KZ'));
      agent = await startFederationAgent({ nats, member: 'KZ', env: { ATC_DATA_DIR: disk.path } });
      const api = (...args: Parameters<AgentFixture['api']>) => agent!.api(...args);
      await waitFor(async () => (await api('GET', '/readyz')).status === 200, {
        timeoutMs: 15_000,
        message: 'agent ready',
      });
      const first = await api('POST', '/v1/messages', personRequest(['RU'], 1), { 'idempotency-key': 'first' });
      expect(first.status).toBe(202);
      // Quiet before the disk fills: the receipt is stored, nothing else is due.
      await waitFor(
        async () => (await api('GET', `/v1/messages/${String(first.body['messageId'])}`)).body['status'] === 'accepted',
        {
          timeoutMs: 15_000,
          message: 'first record accepted',
        },
      );

      await disk.fill();
      const down = await api('GET', '/readyz');
      expect(down.status).toBe(503);
      const checks = (down.body as unknown as Readiness).checks;
      const storage = checks.find((c) => c.name === 'storage');
      expect(storage?.ok).toBe(false);
      expect(storage?.reason).toContain('ERR_STORAGE_FULL');
      expect(checks.filter((c) => c.name !== 'storage').every((c) => c.ok)).toBe(true);

      const refused = await api('POST', '/v1/messages', personRequest(['RU'], 2), { 'idempotency-key': 'second' });
      expect(refused.status).toBe(503);
      expect(refused.body['code']).toBe('ERR_STORAGE_FULL');
      expect(refused.headers.get('retry-after')).toBe('10');
      expect(String(refused.body['detail'])).toMatch(/nothing was stored; send the same request again/);
      // Nothing half-written: still one record, and no sequence number used up.
      expect(((await api('GET', '/v1/messages')).body['messages'] as unknown[]).length).toBe(1);

      await disk.free();
      await waitFor(async () => (await api('GET', '/readyz')).status === 200, {
        timeoutMs: 10_000,
        message: 'agent ready again',
      });
      const again = await api('POST', '/v1/messages', personRequest(['RU'], 2), { 'idempotency-key': 'second' });
      expect(again.status).toBe(202);
      expect(again.body['created']).toBe(true);
      expect(again.body['sequence']).toBe(Number(first.body['sequence']) + 1);
    } finally {
      await agent?.destroy();
      await disk.dispose();
    }
  }, 90_000);
});

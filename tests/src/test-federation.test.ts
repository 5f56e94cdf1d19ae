// startTestFederation: everything it starts is stopped by close(), and a start that fails half
// way leaves nothing running.
import { describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { startTestFederation, waitFor } from '@atc/tests';

/** Child processes and listening sockets of this process (nats-server, HTTP servers). */
function openHandles(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'ProcessWrap' || r === 'TCPServerWrap').length;
}

describe('startTestFederation', () => {
  it('starts nats-server, gateway, receivers and ready agents, and close() stops them all', async () => {
    const before = openHandles();
    const fed = await startTestFederation({
      members: { KZ: {}, BY: { webhookSecret: 'by-secret-for-tests' } },
      wire: true,
    });
    const urls = [fed.gateway.gateway.url, fed.agent('KZ').agent.url, fed.agent('BY').agent.url];
    try {
      // What the handle count below proves: the federation's nats-server and servers are counted.
      expect(openHandles()).toBeGreaterThan(before);
      expect(Object.keys(fed.agents).sort()).toEqual(['BY', 'KZ']);
      expect(Object.keys(fed.receivers)).toEqual(['BY']);
      expect(() => fed.agent('RU')).toThrow(/no agent for RU/);
      expect((await fed.agent('KZ').api('GET', '/readyz')).status).toBe(200);
      expect((await fetch(new URL('/healthz', urls[0]))).status).toBe(200);
      expect(fed.wire.nc.isClosed()).toBe(false);
    } finally {
      await fed.close();
    }
    await fed.close(); // idempotent
    for (const url of urls) await expect(fetch(new URL('/healthz', url))).rejects.toThrow();
    await expect(connect({ servers: fed.nats.url, reconnect: false, timeout: 1000 })).rejects.toThrow();
    await waitFor(() => openHandles() <= before, { timeoutMs: 10_000, message: 'no handle left open' });
  }, 60_000);

  it('is stopped at the end of an `await using` block', async () => {
    let url: string;
    {
      await using fed = await startTestFederation();
      url = fed.gateway.gateway.url;
      expect((await fetch(new URL('/healthz', url))).status).toBe(200);
    }
    await expect(fetch(new URL('/healthz', url))).rejects.toThrow();
  }, 60_000);

  it('undoes a start that fails half way: no nats-server, gateway or agent is left running', async () => {
    const before = openHandles();
    await expect(
      startTestFederation({ members: { KZ: {}, BY: { env: { ATC_HANDOVER_CONCURRENCY: 'many' } } } }),
    ).rejects.toThrow(/ATC_HANDOVER_CONCURRENCY/);
    await waitFor(() => openHandles() <= before, { timeoutMs: 10_000, message: 'no handle left open' });
  }, 60_000);
});

// The NATS link watch against a real nats-server frozen with SIGSTOP: a server that stops
// answering closes no socket, as in a partition; only the client's pings notice it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectNats, createLogger, NatsLinkWatch, systemClock, type NatsLinkState } from '@atc/shared';
import { startNatsServer, waitFor, type NatsServerHandle } from '@atc/tests';

let nats: NatsServerHandle;

beforeAll(async () => {
  nats = await startNatsServer();
});

afterAll(() => nats?.stop());

describe('NatsLinkWatch', () => {
  it('says the link is lost while the server is silent, and back once it answers again', async () => {
    const nc = await connectNats({ natsUrl: [nats.url], natsPingInterval: 300 }, { name: 'link-watch-test' });
    const changes: NatsLinkState[] = [];
    const watch = new NatsLinkWatch({
      nc,
      who: 'The test client',
      clock: systemClock,
      logger: createLogger({ name: 'link-watch-test', level: 'silent' }),
      onChange: (s) => changes.push(s),
    });
    try {
      watch.start();
      expect(watch.state()).toEqual({ connected: true, downSince: undefined, disconnects: 0, reason: undefined });
      const frozenAt = Date.now();
      await nats.kill('SIGSTOP');
      const down = await waitFor(() => (watch.state().connected ? undefined : watch.state()), {
        timeoutMs: 10_000,
        message: 'the link counted as lost',
      });
      expect(down.disconnects).toBe(1);
      expect(down.downSince).toBeGreaterThanOrEqual(frozenAt);
      expect(down.reason).toMatch(/^The test client has been cut off from NATS since .* \(1 connection lost so far\)/);
      await nats.kill('SIGCONT');
      await waitFor(() => watch.state().connected, { timeoutMs: 10_000, message: 'the link back' });
      expect(watch.state()).toMatchObject({ connected: true, downSince: undefined, disconnects: 1 });
      expect(changes.map((c) => c.connected)).toEqual([true, false, true]);
    } finally {
      await nats.kill('SIGCONT');
      await watch.stop();
      await nc.close();
    }
  }, 30_000);

  it('says the link is lost when the pings go unanswered while writes are stuck behind a full send buffer', async () => {
    // The client closes a stale connection only after flushing what it has queued; on a dead link
    // with a full send buffer that flush never completes, and no disconnect event comes until the
    // link heals. The unanswered pings alone must count as a lost link.
    const nc = await connectNats({ natsUrl: [nats.url], natsPingInterval: 300 }, { name: 'link-watch-full-test' });
    const watch = new NatsLinkWatch({
      nc,
      who: 'The test client',
      clock: systemClock,
      logger: createLogger({ name: 'link-watch-test', level: 'silent' }),
    });
    try {
      watch.start();
      await nats.kill('SIGSTOP');
      // More than the server's socket and both kernels' buffers hold: the rest waits in the client.
      const chunk = new Uint8Array(512 * 1024);
      for (let i = 0; i < 128; i++) nc.publish('link.watch.fill', chunk);
      const down = await waitFor(() => (watch.state().connected ? undefined : watch.state()), {
        timeoutMs: 10_000,
        message: 'the link counted as lost',
      });
      expect(down.disconnects).toBe(1);
      await nats.kill('SIGCONT');
      await waitFor(() => watch.state().connected, { timeoutMs: 20_000, message: 'the link back' });
      expect(watch.state()).toMatchObject({ connected: true, disconnects: 1 });
    } finally {
      await nats.kill('SIGCONT');
      await watch.stop();
      await nc.close().catch(() => undefined);
    }
  }, 60_000);
});

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
});

import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, Subjects } from '@atc/shared';
import { startNatsServer, waitFor, type NatsServerHandle } from '@atc/harness';
import type { FlowEvent } from '../domain/flow-event.js';
import { FlowFeed } from './flow-feed.js';

const logger = createLogger({ name: 'flow-feed-test', level: 'silent' });

let server: NatsServerHandle;
let nc: NatsConnection;

beforeAll(async () => {
  server = await startNatsServer();
  nc = await connect({ servers: server.url, reconnect: false });
});

afterAll(async () => {
  await nc?.close();
  await server?.stop();
});

function event(messageId: string): FlowEvent {
  return { kind: 'accepted', at: new Date().toISOString(), messageId, sender: 'KZ', recipients: ['RU'] };
}

function publish(e: FlowEvent): void {
  nc.publish(Subjects.events, JSON.stringify(e));
}

describe('FlowFeed', () => {
  it('subscribes at start, not when constructed, and stops receiving at stop', async () => {
    const feed = new FlowFeed(nc, logger);
    const seen: string[] = [];
    feed.subscribe(({ event: e }) => seen.push(e.messageId ?? ''));
    // Published before the start: never seen, as the later event shows (one connection keeps order).
    publish(event('before-start'));
    await nc.flush();
    await feed.start();
    await feed.start();
    publish(event('after-start'));
    await waitFor(() => seen.includes('after-start'));
    expect(seen).toEqual(['after-start']);

    // After stop, another feed on the same connection sees what this one no longer does.
    feed.stop();
    feed.stop();
    const witness = new FlowFeed(nc, logger);
    const witnessed: string[] = [];
    witness.subscribe(({ event: e }) => witnessed.push(e.messageId ?? ''));
    await witness.start();
    publish(event('after-stop'));
    await waitFor(() => witnessed.includes('after-stop'));
    expect(seen).toEqual(['after-start']);
    expect(feed.size).toBe(0);
    // A stopped feed does not start again.
    feed.subscribe(({ event: e }) => seen.push(e.messageId ?? ''));
    await feed.start();
    publish(event('after-restart'));
    await waitFor(() => witnessed.includes('after-restart'));
    expect(seen).toEqual(['after-start']);
    witness.stop();
  });

  it("on a connection without echo, hands this gateway's events over once, and still receives every other replica's", async () => {
    const own = await connect({ servers: server.url, reconnect: false, noEcho: true });
    try {
      const feed = new FlowFeed(own, logger, { echoes: false });
      const seen: string[] = [];
      feed.subscribe(({ seq, event: e }) => seen.push(`${seq} ${e.messageId ?? ''}`));
      // A monitor (or another replica) on another connection sees what this feed publishes.
      const monitor = new FlowFeed(nc, logger);
      const monitored: string[] = [];
      monitor.subscribe(({ event: e }) => monitored.push(e.messageId ?? ''));
      await monitor.start();
      // Not started: nothing handed over.
      feed.publish(event('before-start'));
      await feed.start();
      feed.publish(event('own-1'));
      publish(event('other-replica'));
      feed.publish(event('own-2'));
      await waitFor(() => seen.length === 3 && monitored.length === 4);
      // Its own two at once, in order; the other replica's through the server (not a duplicate of either).
      expect(seen.filter((s) => s.endsWith('own-1') || s.endsWith('own-2'))).toEqual(['1 own-1', '2 own-2']);
      expect(seen).toContain('3 other-replica');
      // (Two connections: no order between them.)
      expect([...monitored].sort()).toEqual(['before-start', 'other-replica', 'own-1', 'own-2']);
      await own.flush();
      expect(seen).toHaveLength(3);
      feed.stop();
      feed.publish(event('after-stop'));
      expect(seen).toHaveLength(3);
      monitor.stop();
    } finally {
      await own.close();
    }
  });

  it('hands its own events over as another replica reads them: checked, texts within their bounds', async () => {
    const own = await connect({ servers: server.url, reconnect: false, noEcho: true });
    try {
      const feed = new FlowFeed(own, logger, { echoes: false });
      const seen: FlowEvent[] = [];
      feed.subscribe(({ event: e }) => seen.push(e));
      await feed.start();
      const rejected: FlowEvent = { ...event('long-detail'), kind: 'rejected', code: 'ERR_PAYLOAD_MALFORMED' };
      feed.publish({ ...rejected, detail: 'x'.repeat(5000) });
      feed.publish({ ...rejected, detail: 'short' });
      feed.publish(event('m'.repeat(65)));
      expect(seen.map((e) => [e.messageId, e.detail])).toEqual([
        ['long-detail', undefined],
        ['long-detail', 'short'],
      ]);
      feed.stop();
    } finally {
      await own.close();
    }
  });
});

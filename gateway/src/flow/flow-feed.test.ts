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
});

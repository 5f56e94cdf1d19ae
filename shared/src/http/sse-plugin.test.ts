import { connect, type Socket } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { sseStreams } from './sse-plugin.js';
import type { SseStream } from './sse-stream.js';

let app: FastifyInstance | undefined;
let socket: Socket | undefined;

afterEach(async () => {
  socket?.destroy();
  await app?.close();
  app = undefined;
});

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** An app with one stream route, listening on a real socket, and a raw client of it. */
async function open(): Promise<{
  stream: () => SseStream | undefined;
  closed: () => number;
  client: Socket;
  text: () => string;
  ended: () => boolean;
}> {
  let stream: SseStream | undefined;
  let closed = 0;
  app = Fastify();
  await app.register(sseStreams, { heartbeatMs: 50 });
  app.get('/events', (req, reply) => {
    stream = reply.sse();
    stream.send('hello', { n: 1 }, '1');
    reply.raw.on('close', () => closed++);
    return reply;
  });
  const url = new URL(await app.listen({ port: 0, host: '127.0.0.1' }));
  const client = connect(Number(url.port), '127.0.0.1');
  socket = client;
  let received = '';
  let ended = false;
  client.on('data', (chunk: Buffer) => (received += chunk.toString()));
  client.on('end', () => (ended = true));
  client.write('GET /events HTTP/1.1\r\nHost: x\r\n\r\n');
  await until(() => stream !== undefined);
  return { stream: () => stream, closed: () => closed, client, text: () => received, ended: () => ended };
}

describe('sseStreams', () => {
  it('opens a stream with the SSE headers, the events and heartbeats from the plugin defaults', async () => {
    const { text } = await open();
    await until(() => text().includes(': keep-alive'));
    expect(text()).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(text()).toContain('content-type: text/event-stream; charset=utf-8');
    expect(text()).toContain('cache-control: no-store');
    expect(text()).toContain('id: 1\nevent: hello\ndata: {"n":1}\n\n');
  });

  it('ends open streams when the app closes, so that close() does not wait for the clients', async () => {
    const { stream, ended } = await open();
    const started = Date.now();
    await app!.close();
    app = undefined;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(stream()!.closed).toBe(true);
    await until(ended);
  });

  it('notices a client that hangs up', async () => {
    const { stream, closed, client } = await open();
    client.destroy();
    await until(() => stream()!.closed && closed() === 1);
    // Sending to a closed stream is a no-op, not an error.
    stream()!.send('late', {});
  });

  it('lets a writer wait for a slow client with idle(), so that nothing is dropped', async () => {
    const { stream, client, text } = await open();
    client.pause();
    const s = stream()!;
    const big = 'x'.repeat(64 * 1024);
    let sent = 0;
    const writing = (async () => {
      for (let batch = 0; batch < 20; batch++) {
        for (let i = 0; i < 50; i++) s.send('item', { n: sent++, big });
        await s.idle();
      }
    })();
    // The writer is held back while the client does not read.
    await new Promise((r) => setTimeout(r, 100));
    expect(sent).toBeLessThan(1000);
    client.resume();
    await writing;
    await until(() => text().includes('"n":999,'), 10_000);
    expect(text()).not.toContain('event: lagged');
    expect(s.pendingDropped).toBe(0);
  });
});

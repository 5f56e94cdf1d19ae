import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SseStream, type SseStreamOptions } from './sse-stream.js';

let server: Server | undefined;
let socket: Socket | undefined;

afterEach(async () => {
  socket?.destroy();
  await new Promise<void>((resolve) => {
    if (server === undefined) resolve();
    else
      server.close(() => {
        resolve();
      });
  });
  server = undefined;
});

/** A real server with one SSE stream, and a raw client socket that reads only when told. */
async function open(options: SseStreamOptions): Promise<{ stream: SseStream; client: Socket; text: () => string }> {
  let resolveStream: (s: SseStream) => void = () => undefined;
  const made = new Promise<SseStream>((resolve) => {
    resolveStream = resolve;
  });
  server = createServer((_req, res) => {
    resolveStream(new SseStream(res, options));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = connect(port, '127.0.0.1');
  socket = client;
  let received = '';
  client.on('data', (chunk: Buffer) => (received += chunk.toString()));
  client.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
  const stream = await made;
  return { stream, client, text: () => received };
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('SseStream', () => {
  it('writes events with id, a heartbeat comment, and the SSE content type', async () => {
    const { stream, text } = await open({ heartbeatMs: 50 });
    stream.send('accepted', { messageId: 'm1' }, '7');
    await until(() => text().includes(': keep-alive'));
    expect(text()).toContain('content-type: text/event-stream');
    expect(text()).toContain('id: 7\nevent: accepted\ndata: {"messageId":"m1"}\n\n');
    stream.end();
  });

  it('drops the oldest events for a client that does not read, and tells it how many', async () => {
    const { stream, client, text } = await open({ maxQueued: 10, heartbeatMs: 60_000 });
    client.pause();
    const big = 'x'.repeat(64 * 1024);
    let sent = 0;
    // Fill the socket buffers until the stream has to hold events back.
    while (!stream.closed && stream.pendingDropped === 0 && sent < 10_000) stream.send('accepted', { n: sent++, big });
    expect(stream.pendingDropped).toBe(1);
    for (let i = 0; i < 100; i++) stream.send('accepted', { n: sent++, big });
    expect(stream.pendingDropped).toBe(101); // the queue never held more than 10
    client.resume();
    await until(() => text().includes(`"n":${sent - 1}`), 10_000);
    expect(text()).toMatch(/event: lagged\ndata: \{"dropped":101\}\n\n/);
    // The ten newest came through after the note.
    const after = text().slice(text().indexOf('event: lagged'));
    for (let n = sent - 10; n < sent; n++) expect(after).toContain(`"n":${n},`);
    stream.end();
  });
});

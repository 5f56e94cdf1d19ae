// The client against a plain local HTTP server that answers as the test scripts it: the
// retry, error and stream behaviour without an agent (tests/src/agent/client.test.ts runs
// it against a real one).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentClient } from './agent-client.js';
import { AgentApiError, AgentUnreachableError } from './problem.js';

type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly at: number;
}

const servers: { close: () => void }[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

async function serve(handler: Handler): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method!, url: req.url!, headers: req.headers, at: Date.now() });
    req.resume();
    req.on('end', () => {
      handler(req, res, seen.length);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({
    close: () => {
      server.close();
      server.closeAllConnections();
    },
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const problem = (res: ServerResponse, status: number, code: string, headers: Record<string, string> = {}): void => {
  res.writeHead(status, { 'content-type': 'application/problem+json', ...headers });
  res.end(JSON.stringify({ type: `urn:atc:problem:${code}`, title: 'x', status, detail: `detail of ${code}`, code }));
};
const json = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
const ACCEPTED = { messageId: '019bc1a2-0000-7000-8000-000000000001', status: 'queued', sequence: 1, created: true };
const RECORD = { type: 'PersonRecord', record: {}, handling: { tlp: 'AMBER' }, purpose: 'p', legalBasis: 'l' } as const;
const fast = { attempts: 4, baseDelayMs: 10, maxDelayMs: 20 };

describe('AgentClient requests', () => {
  it('sends the token, path parameters (encoded) and query, and returns the parsed answer', async () => {
    const { url, seen } = await serve((_req, res) => {
      json(res, 200, { items: [], more: false });
    });
    const client = new AgentClient({ baseUrl: url, token: 'k1' });
    expect(await client.listInbox({ after: '5', limit: '10' })).toEqual({ items: [], more: false });
    await client.getMessage('a/b?c');
    expect(seen.map((s) => s.url)).toEqual(['/v1/inbox?after=5&limit=10', '/v1/messages/a%2Fb%3Fc']);
    expect(seen[0]!.headers['authorization']).toBe('Bearer k1');
  });

  it('retries a submission after a dropped connection and a 503, always with the same Idempotency-Key', async () => {
    const { url, seen } = await serve((req, res, n) => {
      if (n === 1) req.socket.destroy();
      else if (n === 2) problem(res, 503, 'ERR_STORAGE_UNAVAILABLE');
      else json(res, 202, ACCEPTED);
    });
    const client = new AgentClient({ baseUrl: url, retry: fast });
    expect(await client.sendMessage(RECORD, { idempotencyKey: 'key-1' })).toEqual(ACCEPTED);
    expect(seen.map((s) => s.headers['idempotency-key'])).toEqual(['key-1', 'key-1', 'key-1']);
  });

  it('makes an Idempotency-Key when none is given, and keeps it across retries', async () => {
    const { url, seen } = await serve((_req, res, n) => {
      if (n === 1) problem(res, 500, 'ERR_INTERNAL');
      else json(res, 202, ACCEPTED);
    });
    await new AgentClient({ baseUrl: url, retry: fast }).sendMessage(RECORD);
    const keys = seen.map((s) => s.headers['idempotency-key']);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
  });

  it("waits the server's Retry-After before the next try", async () => {
    const { url, seen } = await serve((_req, res, n) => {
      if (n === 1) problem(res, 429, 'ERR_RATE_LIMITED', { 'retry-after': '1' });
      else json(res, 202, ACCEPTED);
    });
    await new AgentClient({ baseUrl: url, retry: fast }).sendMessage(RECORD);
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('gives up at once when Retry-After is longer than allowed, and after the last try', async () => {
    const long = await serve((_req, res) => {
      problem(res, 503, 'ERR_STORAGE_FULL', { 'retry-after': '3600' });
    });
    const e1 = await new AgentClient({ baseUrl: long.url, retry: fast }).sendMessage(RECORD).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(AgentApiError);
    expect((e1 as AgentApiError).retryAfterSeconds).toBe(3600);
    expect(long.seen).toHaveLength(1);

    const always = await serve((_req, res) => {
      problem(res, 502, 'ERR_UPSTREAM');
    });
    const e2 = await new AgentClient({ baseUrl: always.url, retry: fast }).getMessage('x').catch((e: unknown) => e);
    expect((e2 as AgentApiError).code).toBe('ERR_UPSTREAM');
    expect(always.seen).toHaveLength(4);
  });

  it('does not retry a refusal, nor a POST without an Idempotency-Key', async () => {
    const refused = await serve((_req, res) => {
      problem(res, 400, 'ERR_VALIDATION');
    });
    const e = await new AgentClient({ baseUrl: refused.url, retry: fast }).sendMessage(RECORD).catch((x: unknown) => x);
    expect(e).toMatchObject({ status: 400, code: 'ERR_VALIDATION', detail: 'detail of ERR_VALIDATION' });
    expect(refused.seen).toHaveLength(1);

    const failing = await serve((_req, res) => {
      problem(res, 500, 'ERR_INTERNAL');
    });
    await expect(new AgentClient({ baseUrl: failing.url, retry: fast }).ackInboxItem('x')).rejects.toThrow(
      AgentApiError,
    );
    expect(failing.seen).toHaveLength(1);
  });

  it('says which agent it cannot reach and why, after its tries', async () => {
    const { url } = await serve(() => undefined);
    servers.splice(0).forEach((s) => {
      s.close();
    });
    const e = await new AgentClient({ baseUrl: url, retry: fast }).getMessage('x').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AgentUnreachableError);
    expect((e as Error).message).toContain(`cannot reach the agent at ${url} (connect ECONNREFUSED`);
  });

  it('refuses a base URL that is not http(s)', () => {
    expect(() => new AgentClient({ baseUrl: 'ftp://x' })).toThrow(/not an http\(s\) URL/);
  });
});

describe('AgentClient.streamInbox', () => {
  it('reconnects after the stream ends, resuming with Last-Event-ID; a refusal ends it with AgentApiError', async () => {
    const { url, seen } = await serve((req, res, n) => {
      if (n === 4) {
        problem(res, 401, 'ERR_UNAUTHENTICATED');
        return;
      }
      const last = Number(req.headers['last-event-id'] ?? 0);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      // Two events, the second cut in half when the connection ends: it must come again.
      res.write(
        `: keep-alive\n\nid: ${last + 1}\nevent: item\ndata: {"seq":${last + 1}}\n\nid: ${last + 2}\nevent: it`,
      );
      res.end();
    });
    const client = new AgentClient({ baseUrl: url, token: 'k' });
    const reasons: string[] = [];
    const seqs: unknown[] = [];
    const error = await (async () => {
      for await (const e of client.streamInbox({
        after: 0,
        reconnectDelayMs: 5,
        onReconnect: (r) => reasons.push(r),
      })) {
        if (e.kind === 'item') seqs.push(e.item.seq);
      }
    })().catch((x: unknown) => x);
    expect(seqs).toEqual([1, 2, 3]);
    expect(error).toMatchObject({ status: 401, code: 'ERR_UNAUTHENTICATED' });
    expect(seen.map((s) => [s.url, s.headers['last-event-id']])).toEqual([
      ['/v1/inbox/stream?after=0', undefined],
      ['/v1/inbox/stream', '1'],
      ['/v1/inbox/stream', '2'],
      ['/v1/inbox/stream', '3'],
    ]);
    expect(reasons).toEqual(['the agent ended the stream', 'the agent ended the stream', 'the agent ended the stream']);
  });

  it('ends without an error when its signal aborts', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('id: 1\nevent: item\ndata: {"seq":1}\n\n');
    });
    const controller = new AbortController();
    const got: string[] = [];
    for await (const e of new AgentClient({ baseUrl: url }).streamInbox({ signal: controller.signal })) {
      got.push(e.id);
      controller.abort();
    }
    expect(got).toEqual(['1']);
  });
});

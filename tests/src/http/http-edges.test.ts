// The HTTP edges of the gateway and the node agent, side by side through real sockets: one
// error vocabulary (problem+json with stable ERR_* codes, whatever the framework or Node's
// HTTP parser refused), failed authentication logged, counted and rate-limited per client,
// and lists that say when there is more.
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addToken,
  archiveLocation,
  loadGatewayConfig,
  openArchive,
  startGateway,
  type RunningGateway,
} from '@atc/gateway';
import { loadAgentConfig, startAgent, type RunningAgent } from '@atc/node-agent';
import { fixtureKey } from '@atc/shared/testing';
import {
  TEST_API_KEY,
  capturingLogger,
  gatewayEnv,
  personRequest,
  prepareAgent,
  prepareGatewayDataDir,
  startNatsServer,
  type NatsServerHandle,
} from '@atc/tests';

/** Leaves in the log before the gateway starts: more than one page of /v1/log/entries. */
const LEAVES = 1_001;

let nats: NatsServerHandle;
let dir: string;
let gateway: RunningGateway;
let agent: RunningAgent;
let agentDataDir: string;
const tokens: Record<'admin' | 'operator' | 'auditor', string> = { admin: '', operator: '', auditor: '' };
const gatewayLog: string[] = [];
const agentLog: string[] = [];

beforeAll(async () => {
  nats = await startNatsServer();
  dir = await mkdtemp(join(tmpdir(), 'atc-http-edges-'));
  const dataDir = join(dir, 'gateway');
  await mkdir(dataDir, { mode: 0o700 });
  await prepareGatewayDataDir(dataDir);
  const { config, secrets } = loadGatewayConfig(gatewayEnv(nats, dataDir));
  const archive = await openArchive({
    location: archiveLocation(config, secrets),
    gatewayId: config.gatewayId,
    logOrigin: config.logOrigin,
    key: fixtureKey('ATC'),
    clock: Date.now,
  });
  try {
    const leaves = Array.from({ length: LEAVES }, () => randomBytes(48));
    await archive.db.transaction(() => archive.log.appendWithinTransaction(leaves), { write: true });
  } finally {
    await archive.close();
  }
  for (const role of ['admin', 'operator', 'auditor'] as const) {
    tokens[role] = addToken(config.tokensFile, { name: `edge-${role}`, role }, Date.now()).token;
  }
  gateway = await startGateway({
    config,
    secrets,
    logger: capturingLogger('atc-gateway-edges', gatewayLog),
  });
  const prepared = await prepareAgent({ nats, member: 'KZ' });
  agentDataDir = prepared.dataDir;
  const agentConfig = loadAgentConfig(prepared.env);
  agent = await startAgent({
    ...agentConfig,
    logger: capturingLogger('atc-agent-edges', agentLog),
  });
}, 60_000);

afterAll(async () => {
  await agent.stop();
  await gateway.stop();
  await nats.stop();
  await rm(dir, { recursive: true, force: true });
  await rm(agentDataDir, { recursive: true, force: true });
});

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  json(): Record<string, unknown>;
}

/** One HTTP/1.1 request over a real socket, from `from` (any 127.x address is this machine). */
function call(
  base: string,
  path: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    from?: string;
  } = {},
): Promise<Answer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers ?? {},
        localAddress: options.from ?? '127.0.0.1',
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: () => JSON.parse(text) as Record<string, unknown>,
          });
        });
      },
    );
    req.once('error', reject);
    req.end(options.body);
  });
}

/** What a client sends on the raw socket, and the status line and body it gets back. */
function raw(base: string, bytes: string): Promise<{ statusLine: string; contentType: string; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host: url.hostname, port: Number(url.port) });
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.once('error', reject);
    socket.once('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n');
      const contentType = /^content-type: *(.*)$/im.exec(head)?.[1] ?? '';
      resolve({ statusLine: head.split('\r\n')[0] ?? '', contentType: contentType.trim(), body });
    });
    socket.end(bytes);
  });
}

const services = () =>
  [
    {
      name: 'gateway',
      url: gateway.url,
      auth: `Bearer ${tokens.admin}`,
      // A protected route with a body-less GET, a query schema and a JSON POST route.
      protectedPath: '/v1/stats/flow',
      badQuery: '/v1/log/proof/consistency?first=abc',
      queryField: 'first',
      log: gatewayLog,
      metric: 'atc_gateway_auth_failures_total',
    },
    {
      name: 'agent',
      url: agent.url,
      auth: `Bearer ${TEST_API_KEY}`,
      protectedPath: '/v1/messages',
      badQuery: '/v1/messages?status=lost',
      queryField: 'status',
      log: agentLog,
      metric: 'atc_agent_auth_failures_total',
    },
  ] as const;

function expectProblem(res: Answer, status: number, code: string): Record<string, unknown> {
  expect(res.status, res.text).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body).toMatchObject({ status, code, type: `urn:atc:problem:${code}` });
  expect(String(body['code'])).not.toMatch(/^FST_/);
  expect(typeof body['detail']).toBe('string');
  return body;
}

describe.each(['gateway', 'agent'] as const)('the %s speaks one error vocabulary', (which) => {
  const svc = () => services().find((s) => s.name === which)!;

  it('names an invalid query parameter with ERR_QUERY_INVALID, never a framework code', async () => {
    const body = expectProblem(
      await call(svc().url, svc().badQuery, { headers: { authorization: svc().auth } }),
      400,
      'ERR_QUERY_INVALID',
    );
    expect(body['errors']).toEqual([expect.objectContaining({ field: svc().queryField })]);
    expect(String(body['detail'])).toContain(svc().queryField);
  });

  it('answers an unknown route with 404 ERR_NOT_FOUND', async () => {
    const body = expectProblem(
      await call(svc().url, '/v1/nowhere', { headers: { authorization: svc().auth } }),
      404,
      'ERR_NOT_FOUND',
    );
    expect(body['detail']).toContain('/v1/nowhere');
  });

  it('answers a path with broken percent-encoding with 400 ERR_URL_INVALID', async () => {
    expectProblem(
      await call(svc().url, '/v1/messages/%E0%A4%A', { headers: { authorization: svc().auth } }),
      400,
      'ERR_URL_INVALID',
    );
  });

  it('answers headers over the limit with 431 ERR_HEADERS_TOO_LARGE in problem+json', async () => {
    const res = await raw(svc().url, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Filler: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(res.statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(res.contentType).toBe('application/problem+json');
    expect(JSON.parse(res.body)).toMatchObject({ status: 431, code: 'ERR_HEADERS_TOO_LARGE' });
  });

  it('answers what is not HTTP with 400 ERR_BAD_REQUEST in problem+json', async () => {
    const res = await raw(svc().url, 'HELLO THERE\r\n\r\n');
    expect(res.statusLine).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(res.body)).toMatchObject({ status: 400, code: 'ERR_BAD_REQUEST' });
  });

  it('answers 401 ERR_UNAUTHENTICATED with a challenge without a credential or with an unknown one', async () => {
    for (const authorization of [undefined, 'Bearer unknown-credential-0123456789abcdef0123456789']) {
      const res = await call(svc().url, svc().protectedPath, {
        headers: authorization === undefined ? {} : { authorization },
      });
      expectProblem(res, 401, 'ERR_UNAUTHENTICATED');
      expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="atc-(gateway|agent)"/);
    }
  });

  it('takes the bearer scheme in any case (RFC 9110)', async () => {
    const credential = svc().auth.slice('Bearer '.length);
    for (const scheme of ['bearer', 'BEARER', 'Bearer']) {
      const res = await call(svc().url, svc().protectedPath, { headers: { authorization: `${scheme} ${credential}` } });
      expect(res.status, res.text).toBe(200);
    }
  });

  it('logs a failed authentication at warn with route and client, never the secret, and counts it', async () => {
    const secret = `guessed-${randomBytes(24).toString('hex')}`;
    const before = svc().log.length;
    const res = await call(svc().url, svc().protectedPath, {
      headers: { authorization: `Bearer ${secret}` },
      from: '127.0.0.5',
    });
    expect(res.status).toBe(401);
    const logged = svc()
      .log.slice(before)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged).toContainEqual(
      expect.objectContaining({ level: 40, route: svc().protectedPath, client: '127.0.0.5', reason: 'unknown' }),
    );
    expect(svc().log.join('')).not.toContain(secret);
    const metrics = (await call(svc().url, '/metrics')).text;
    expect(metrics).toMatch(new RegExp(`^${svc().metric}\\{reason="unknown"\\} [1-9]`, 'm'));
    expect(metrics).toMatch(new RegExp(`^${svc().metric}\\{reason="missing"\\} [1-9]`, 'm'));
  });

  it('refuses a client that keeps failing with 429 ERR_RATE_LIMITED and Retry-After, and no other client', async () => {
    const attacker = which === 'gateway' ? '127.0.0.2' : '127.0.0.3';
    const bad = { authorization: 'Bearer not-a-valid-credential-0123456789abcdefghij' };
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      statuses.push((await call(svc().url, svc().protectedPath, { headers: bad, from: attacker })).status);
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    const limited = await call(svc().url, svc().protectedPath, { headers: bad, from: attacker });
    expectProblem(limited, 429, 'ERR_RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    // A valid credential from another address is not held up by the attacker's failures.
    const other = await call(svc().url, svc().protectedPath, {
      headers: { authorization: svc().auth },
      from: '127.0.0.4',
    });
    expect(other.status).toBe(200);
    const metrics = (await call(svc().url, '/metrics')).text;
    expect(metrics).toMatch(new RegExp(`^${svc().metric}\\{reason="rate_limited"\\} [1-9]`, 'm'));
  });
  it('charges concurrent failures too, and takes no forwarded address as the client', async () => {
    const attacker = which === 'gateway' ? '127.0.0.6' : '127.0.0.7';
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        call(svc().url, svc().protectedPath, {
          headers: {
            authorization: `Bearer concurrent-guess-${i}-0123456789abcdefghijklmnop`,
            'x-forwarded-for': `10.9.0.${i}`,
          },
          from: attacker,
        }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(20);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(20);
  });
});

describe('request bodies on the agent', () => {
  const post = (body: string | Buffer, headers: Record<string, string> = {}) =>
    call(agent.url, '/v1/messages', {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json', ...headers },
      body,
    });

  it('names a __proto__ or constructor key as forbidden, also when escaped, rather than calling it invalid JSON', async () => {
    for (const [body, key] of [
      ['{"__proto__": {"polluted": true}}', '"__proto__"'],
      ['{"record": {"constructor": {"prototype": {}}}}', '"record.constructor"'],
      ['{"record": [{"\\u005f_proto__": 1}]}', '"record[0].__proto__"'],
    ] as const) {
      const problem = expectProblem(await post(body), 400, 'ERR_JSON_KEY_FORBIDDEN');
      expect(problem['detail']).toContain(key);
      expect(problem['detail']).not.toMatch(/not valid JSON/);
    }
  });

  it('refuses a key sent twice in one object (JSON.parse would keep the last, other readers the first)', async () => {
    const body = '{"type":"PersonRecord","recipients":["KZ"],"record":{"recordId":"R-1","recordId":"R-2"}}';
    const problem = expectProblem(await post(body), 400, 'ERR_JSON_KEY_DUPLICATE');
    expect(problem['detail']).toContain('"record.recordId"');
    const escaped = '{"type":"PersonRecord","t\\u0079pe":"Notice"}';
    expect(expectProblem(await post(escaped), 400, 'ERR_JSON_KEY_DUPLICATE')['detail']).toContain('"type"');
  });

  it('refuses malformed JSON with ERR_MALFORMED_JSON and a body that is not UTF-8 with ERR_UTF8_INVALID', async () => {
    expectProblem(await post('{"type":'), 400, 'ERR_MALFORMED_JSON');
    const latin1 = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]);
    const body = expectProblem(await post(latin1), 400, 'ERR_UTF8_INVALID');
    expect(body['detail']).toMatch(/UTF-8/);
  });

  it('names the invalid field of a body with ERR_VALIDATION', async () => {
    const body = expectProblem(await post(JSON.stringify({ type: 'PersonRecord' })), 400, 'ERR_VALIDATION');
    expect(body['errors']).toContainEqual({ field: 'record', message: 'is required' });
    expect(body['detail']).toContain('body record is required');
  });

  it('says 413 ERR_BODY_TOO_LARGE with the limit, and 415 ERR_UNSUPPORTED_MEDIA_TYPE', async () => {
    const big = expectProblem(await post(`"${'x'.repeat(3 * 1024 * 1024)}"`), 413, 'ERR_BODY_TOO_LARGE');
    expect(big['title']).not.toBe('Bad request');
    expect(big['detail']).toMatch(/\d+ bytes/);
    expectProblem(await post('type=PersonRecord', { 'content-type': 'text/plain' }), 415, 'ERR_UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('lists say when there is more', () => {
  const agentGet = (path: string) => call(agent.url, path, { headers: { authorization: `Bearer ${TEST_API_KEY}` } });

  it('pages /v1/log/entries past 1000 entries with more and next', async () => {
    const auth = { authorization: `Bearer ${tokens.auditor}` };
    const first = await call(gateway.url, `/v1/log/entries?start=0&end=${LEAVES}&purpose=paging%20test`, {
      headers: auth,
    });
    expect(first.status, first.text).toBe(200);
    const page = first.json() as unknown as { entries: { index: number }[]; more: boolean; next: number | null };
    expect(page.entries).toHaveLength(1000);
    expect(page).toMatchObject({ more: true, next: 1000 });
    const rest = (
      await call(gateway.url, `/v1/log/entries?start=${page.next}&end=${LEAVES}&purpose=paging%20test`, {
        headers: auth,
      })
    ).json() as unknown as {
      entries: { index: number }[];
      more: boolean;
      next: number | null;
    };
    expect(rest.entries.map((e) => e.index)).toEqual([1000]);
    expect(rest).toMatchObject({ more: false, next: null });
    // Exactly one page: nothing more.
    const exact = (
      await call(gateway.url, '/v1/log/entries?start=0&end=1000&purpose=paging%20test', { headers: auth })
    ).json() as unknown as {
      more: boolean;
      next: number | null;
    };
    expect(exact).toMatchObject({ more: false, next: null });
  });

  it('refuses limit=0 and limit over 1000 on the agent lists with ERR_QUERY_INVALID', async () => {
    for (const path of ['/v1/messages', '/v1/inbox']) {
      for (const limit of ['0', '1001', '99999']) {
        const body = expectProblem(await agentGet(`${path}?limit=${limit}`), 400, 'ERR_QUERY_INVALID');
        expect(body['detail']).toMatch(/limit must be a whole number from 1 to 1000/);
      }
      expect((await agentGet(`${path}?limit=1000`)).status).toBe(200);
    }
    expect((await agentGet('/v1/inbox')).json()).toMatchObject({ items: [], more: false });
  });

  it('pages /v1/messages with more and next, exact at the boundary', async () => {
    const ids: string[] = [];
    for (let n = 1; n <= 3; n++) {
      const res = await call(agent.url, '/v1/messages', {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify(personRequest(['BY'], 900 + n)),
      });
      expect(res.status, res.text).toBe(202);
      ids.push(String(res.json()['messageId']));
    }
    type Page = { messages: { messageId: string }[]; more: boolean; next: string | null };
    const first = (await agentGet('/v1/messages?limit=2')).json() as unknown as Page;
    expect(first.messages.map((m) => m.messageId)).toEqual(ids.slice(0, 2));
    expect(first).toMatchObject({ more: true, next: ids[1] });
    const second = (await agentGet(`/v1/messages?limit=2&after=${first.next}`)).json() as unknown as Page;
    expect(second.messages.map((m) => m.messageId)).toEqual([ids[2]]);
    expect(second).toMatchObject({ more: false, next: ids[2] });
    expect((await agentGet('/v1/messages?limit=3')).json() as unknown as Page).toMatchObject({ more: false });
  });
});

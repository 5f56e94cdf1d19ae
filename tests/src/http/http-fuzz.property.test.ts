// The JSON entry points of the gateway and the node agent fed arbitrary and mutated bodies
// and path parameters over real sockets: every answer is 2xx, or 4xx with a problem body
// carrying a code of the catalogue; never a 5xx, never a request left without an answer.
import { request as httpRequest } from 'node:http';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToken, loadGatewayConfig, startGateway, type RunningGateway } from '@atc/gateway';
import { loadAgentConfig, startAgent, type RunningAgent } from '@atc/node-agent';
import { createLogger } from '@atc/shared';
import { fuzzParameters, isKnownCode, jsonAround } from '@atc/shared/testing';
import {
  TEST_API_KEY,
  gatewayEnv,
  personRequest,
  prepareAgent,
  prepareGatewayDataDir,
  startNatsServer,
  type NatsServerHandle,
} from '@atc/tests';

/** No answer within this long counts as a hang. */
const ANSWER_DEADLINE_MS = 15_000;

let nats: NatsServerHandle;
let dir: string;
let gateway: RunningGateway;
let agent: RunningAgent;
let agentDataDir: string;
let adminToken = '';

beforeAll(async () => {
  nats = await startNatsServer();
  dir = await mkdtemp(join(tmpdir(), 'atc-http-fuzz-'));
  const dataDir = join(dir, 'gateway');
  await mkdir(dataDir, { mode: 0o700 });
  await prepareGatewayDataDir(dataDir);
  const { config, secrets } = loadGatewayConfig(gatewayEnv(nats, dataDir));
  adminToken = addToken(config.tokensFile, { name: 'fuzz-admin', role: 'admin' }, Date.now()).token;
  gateway = await startGateway({
    config,
    secrets,
    logger: createLogger({ name: 'atc-gateway-fuzz', level: 'silent' }),
  });
  const prepared = await prepareAgent({ nats, member: 'KZ' });
  agentDataDir = prepared.dataDir;
  agent = await startAgent({
    ...loadAgentConfig({ ...prepared.env, ATC_SEARCH_TIMEOUT: '1s' }),
    logger: createLogger({ name: 'atc-agent-fuzz', level: 'silent' }),
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
  readonly contentType: string;
  readonly text: string;
}

/** One request over a real socket; rejects when no answer comes within the deadline. */
function call(
  base: string,
  method: string,
  path: string,
  body: Buffer | undefined,
  headers: Record<string, string>,
  from = '127.0.0.1',
): Promise<Answer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path,
        method,
        localAddress: from,
        headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
        timeout: ANSWER_DEADLINE_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'] ?? '',
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    req.once('timeout', () => {
      req.destroy(new Error(`no answer to ${method} ${path} within ${ANSWER_DEADLINE_MS} ms`));
    });
    req.once('error', reject);
    req.end(body);
  });
}

/** Statuses seen per route: the properties must reach the routes' work, not only their refusals. */
const seen = new Map<string, Set<number>>();

/** 2xx, or 4xx as problem+json with a code of the catalogue. */
function expectOrderly(answer: Answer, what: string): void {
  const route = what.split(' ').slice(0, 2).join(' ');
  seen.set(route, (seen.get(route) ?? new Set()).add(answer.status));
  const context = `${what}: ${answer.status} ${answer.text.slice(0, 500)}`;
  expect((answer.status >= 200 && answer.status < 300) || (answer.status >= 400 && answer.status < 500), context).toBe(
    true,
  );
  if (answer.status >= 400) {
    expect(answer.contentType, context).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(answer.text) as Record<string, unknown>;
    expect(isKnownCode(problem['code']), context).toBe(true);
    expect(typeof problem['detail'], context).toBe('string');
  }
}

/** `template` itself, a JSON body shaped like it, arbitrary JSON, or arbitrary bytes (not always UTF-8 or JSON). */
function bodyAround(template: unknown): fc.Arbitrary<Buffer> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(Buffer.from(JSON.stringify(template), 'utf8')) },
    { weight: 6, arbitrary: jsonAround(template).map((v) => Buffer.from(JSON.stringify(v) ?? 'null', 'utf8')) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(jsonAround(template), fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 4 }))
        .map(([v, at, bytes]) => {
          const text = Buffer.from(JSON.stringify(v) ?? 'null', 'utf8');
          const i = at % (text.length + 1);
          return Buffer.concat([text.subarray(0, i), bytes, text.subarray(i)]);
        }),
    },
  );
}

/** A path segment: ids that exist or not, broken and odd text, percent-encoded. */
const segment = fc
  .oneof(
    fc.uuid(),
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.constantFrom('0', '-1', '1e3', '9007199254740993', '..', '%', '%E0%A4%A'),
  )
  .map((s) => (/^%/.test(s) ? s : encodeURIComponent(s) || 'x'));

/** A query string of parameters the list routes read (and others), with arbitrary values. */
const queryString = fc
  .dictionary(
    fc.constantFrom(
      'cursor',
      'limit',
      'from',
      'to',
      'first',
      'second',
      'index',
      'size',
      'status',
      'sender',
      'recipient',
      'type',
      'q',
      'exercise',
      'purpose',
      'since',
      'until',
      'bucket',
      'member',
      'state',
      'messageId',
      'x',
    ),
    fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.integer().map(String),
      fc.constantFrom('', '-1', '0', '1', '51', '1e3', 'true', 'NaN', '9007199254740993', '2026-01-15T09:30:00Z'),
      fc.base64String({ maxLength: 40 }),
    ),
    { maxKeys: 4 },
  )
  .map((q) => (Object.keys(q).length === 0 ? '' : `?${new URLSearchParams(q).toString()}`));

const searchTemplate = {
  names: [{ script: 'Latn', parts: [{ type: 'FAMILY', value: 'Testov' }, { value: 'Ivan' }] }],
  dateOfBirth: { year: 1980, month: 1, day: 15 },
  sex: 'MALE',
  nationalities: ['KZ'],
  documents: [{ number: 'N0000000', type: 'PASSPORT', issuingCountry: 'KZ' }],
  limit: 10,
  purpose: 'Fictitious case 0000 (synthetic test data)',
};

/** The agent's search waits for the centre's answer up to waitMs: keep each case short. */
function noWait(body: Buffer): Buffer {
  try {
    const value = JSON.parse(body.toString('utf8')) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'waitMs' in value) {
      return Buffer.from(JSON.stringify({ ...value, waitMs: 0 }));
    }
  } catch {
    // Not JSON: sent as it is.
  }
  return body;
}

describe('the node agent API', () => {
  const auth = (): Record<string, string> => ({ authorization: `Bearer ${TEST_API_KEY}` });

  it('POST /v1/messages answers every body in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        bodyAround(personRequest(['BY'], 1)),
        fc.option(fc.string({ maxLength: 20 })),
        async (body, key) => {
          const headers = key === null ? auth() : { ...auth(), 'idempotency-key': encodeURIComponent(key) || 'k' };
          expectOrderly(await call(agent.url, 'POST', '/v1/messages', body, headers), 'POST /v1/messages');
        },
      ),
      fuzzParameters(250),
    );
    expect([...seen.get('POST /v1/messages')!]).toEqual(expect.arrayContaining([202, 400]));
  });

  it('POST /v1/databank/search answers every body in order', async () => {
    const template = { ...searchTemplate, legalBasis: 'Fictitious agreement, art. 5', waitMs: 0 };
    await fc.assert(
      fc.asyncProperty(bodyAround(template), async (body) => {
        expectOrderly(
          await call(agent.url, 'POST', '/v1/databank/search', noWait(body), auth()),
          'POST /v1/databank/search',
        );
      }),
      fuzzParameters(150),
    );
    expect([...seen.get('POST /v1/databank/search')!].some((s) => s < 300)).toBe(true);
  });

  it('list routes answer every query string in order', async () => {
    const paths = ['/v1/messages', '/v1/inbox', '/v1/withdrawals', '/v1/alarms'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), queryString, async (path, query) => {
        expectOrderly(await call(agent.url, 'GET', path + query, undefined, auth()), `GET ${path}${query}`);
      }),
      fuzzParameters(150),
    );
  });

  it('routes with path parameters answer every id and body in order', async () => {
    const hitRequest = {
      questions: ['Fictitious question?'],
      purpose: 'Fictitious case',
      legalBasis: 'Fictitious basis',
    };
    await fc.assert(
      fc.asyncProperty(segment, segment, bodyAround(hitRequest), async (a, b, body) => {
        for (const [method, path, sent] of [
          ['GET', `/v1/messages/${a}`, undefined],
          ['GET', `/v1/inbox/${a}`, undefined],
          ['POST', `/v1/inbox/${a}/ack`, undefined],
          ['GET', `/v1/databank/searches/${a}`, undefined],
          ['POST', `/v1/databank/searches/${a}/hits/${b}/request`, body],
        ] as const) {
          expectOrderly(await call(agent.url, method, path, sent, auth()), `${method} ${path}`);
        }
      }),
      fuzzParameters(80),
    );
  });
});

describe('the gateway API', () => {
  const auth = (): Record<string, string> => ({ authorization: `Bearer ${adminToken}` });

  it('list and proof routes answer every query string in order', async () => {
    const paths = [
      '/v1/messages',
      '/v1/refusals',
      '/v1/quarantine',
      '/v1/members',
      '/v1/log/entries',
      '/v1/log/checkpoints',
      '/v1/log/proof/inclusion',
      '/v1/log/proof/consistency',
      '/v1/log/gateway-rotations',
      '/v1/stats/flow',
      '/v1/stats/flow/series',
      '/v1/audit',
      '/v1/databank/subjects',
      '/v1/databank/candidates',
      '/v1/databank/conflicts',
      '/v1/databank/flags',
      '/v1/databank/withdrawals',
      '/v1/requests',
      '/v1/alarms',
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), queryString, async (path, query) => {
        expectOrderly(await call(gateway.url, 'GET', path + query, undefined, auth()), `GET ${path}${query}`);
      }),
      fuzzParameters(300),
    );
  });

  it('POST /v1/databank/search answers every body in order', async () => {
    await fc.assert(
      fc.asyncProperty(bodyAround(searchTemplate), fc.boolean(), async (body, exercise) => {
        const path = `/v1/databank/search${exercise ? '?exercise=true' : ''}`;
        expectOrderly(await call(gateway.url, 'POST', path, body, auth()), `POST ${path}`);
      }),
      fuzzParameters(150),
    );
    expect([...seen.get('POST /v1/databank/search')!].some((s) => s === 200)).toBe(true);
  });

  it('decisions answer every id and body in order', async () => {
    const split = { originator: 'KZ', recordId: 'KZ-P-000001', reason: 'Fictitious operator reason' };
    await fc.assert(
      fc.asyncProperty(segment, bodyAround(split), async (id, body) => {
        for (const path of [
          `/v1/databank/candidates/${id}/confirm`,
          `/v1/databank/candidates/${id}/reject`,
          `/v1/databank/decisions/${id}/revert`,
          `/v1/databank/subjects/${id}/split`,
        ]) {
          expectOrderly(await call(gateway.url, 'POST', path, body, auth()), `POST ${path}`);
        }
        for (const path of [`/v1/messages/${id}`, `/v1/databank/subjects/${id}`, `/v1/members/${id}`]) {
          expectOrderly(await call(gateway.url, 'GET', path, undefined, auth()), `GET ${path}`);
        }
      }),
      fuzzParameters(80),
    );
  });

  it('POST /v1/console/session answers every token body in order', async () => {
    // From an address of its own: failed sign-ins count toward that client's limit (429 is in order too).
    await fc.assert(
      fc.asyncProperty(bodyAround({ token: 'atc_fictitious_token' }), async (body) => {
        expectOrderly(
          await call(gateway.url, 'POST', '/v1/console/session', body, {}, '127.0.0.77'),
          'POST /v1/console/session',
        );
      }),
      fuzzParameters(100),
    );
  });
});

import { createServer, type IncomingHttpHeaders, type OutgoingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, type Logger } from '@atc/shared';
import { freePort, waitFor } from '@atc/harness';
import {
  DeliveryFailureReason,
  WEBHOOK_DELIVERY_ATTEMPT_HEADER,
  WEBHOOK_DELIVERY_ID_HEADER,
  WebhookDeliverer,
  type DeliveryOutcome,
  type WebhookDelivererOptions,
} from './webhook-deliverer.js';
import {
  verifyWebhookSignature,
  WEBHOOK_SIGNATURE_HEADER,
  WebhookSignatureError,
  WebhookSignatureErrorCode,
} from './webhook-signature.js';

const T0 = Date.UTC(2026, 0, 15, 9, 30, 0);
const SECRET = 'whsec-test-0123456789abcdef0123456789abcdef';
const ID = '019bc1a2-0000-7000-8000-000000000001';
const BODY = { messageId: ID, sender: 'KZ', record: { marker: 'BODY-MARKER-never-logged' } };
const silent = createLogger({ name: 'webhook-test', level: 'silent' });

/** A call the receiver got. */
interface Call {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}
/** What the receiver answers; `hang` never answers. */
type Answer = { readonly status: number; readonly headers?: OutgoingHttpHeaders } | 'hang';

let server: Server;
let url: string;
let calls: Call[];
let answers: Answer[];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      calls.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = answers.shift() ?? { status: 200 };
      if (answer === 'hang') return;
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  url = `http://127.0.0.1:${address.port}/atc-webhook`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
});

beforeEach(() => {
  calls = [];
  answers = [];
});

function deliverer(options: Partial<WebhookDelivererOptions> = {}): WebhookDeliverer {
  return new WebhookDeliverer({
    url,
    secret: SECRET,
    timeoutMs: 2_000,
    maxAttempts: 5,
    logger: silent,
    clock: () => T0,
    random: () => 0.5,
    ...options,
  });
}

const deliver = (d: WebhookDeliverer, attempt = 1): Promise<DeliveryOutcome> =>
  d.deliver({ id: ID, body: BODY, attempt });

/** The error of an outcome that has one. */
const errorOf = (outcome: DeliveryOutcome): string | undefined =>
  outcome.kind === 'delivered' ? undefined : outcome.error;

function refusal(header: string | undefined, body: string, secret: string): string {
  try {
    verifyWebhookSignature(header, body, secret, { nowSeconds: T0 / 1000 });
    return 'accepted';
  } catch (error) {
    if (error instanceof WebhookSignatureError) return error.code;
    throw error;
  }
}

describe('WebhookDeliverer', () => {
  it('POSTs the JSON body with a signature the verifier accepts and the delivery headers', async () => {
    const outcome = await deliver(deliverer());
    expect(outcome).toMatchObject({ kind: 'delivered', status: 200 });
    expect(calls).toHaveLength(1);
    const call = calls[0]!;
    expect(call.headers['content-type']).toBe('application/json');
    expect(call.headers[WEBHOOK_DELIVERY_ID_HEADER.toLowerCase()]).toBe(ID);
    expect(call.headers[WEBHOOK_DELIVERY_ATTEMPT_HEADER.toLowerCase()]).toBe('1');
    expect(JSON.parse(call.body)).toEqual(BODY);
    const signature = call.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()];
    expect(typeof signature).toBe('string');
    expect(signature).toMatch(new RegExp(`^t=${T0 / 1000},v1=[0-9a-f]{64}$`));
    expect(refusal(signature as string, call.body, SECRET)).toBe('accepted');
  });

  it('sends a signature that refuses a tampered body and a wrong secret', async () => {
    await deliver(deliverer());
    const call = calls[0]!;
    const signature = call.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()] as string;
    expect(refusal(signature, call.body.replace('KZ', 'BY'), SECRET)).toBe(WebhookSignatureErrorCode.MISMATCH);
    expect(refusal(signature, call.body, 'whsec-another-secret-000000000000000000')).toBe(
      WebhookSignatureErrorCode.MISMATCH,
    );
  });

  it('signs each attempt at the time it is made', async () => {
    let now = T0;
    const d = deliverer({ clock: () => now });
    await deliver(d);
    now += 90_000;
    await deliver(d, 2);
    const stamps = calls.map((c) => /^t=(\d+),/.exec(c.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()] as string)?.[1]);
    expect(stamps).toEqual([String(T0 / 1000), String(T0 / 1000 + 90)]);
  });

  it('answers retry for a 500, after a delay within the backoff bounds', async () => {
    answers.push({ status: 500 }, { status: 503 });
    const first = await deliver(deliverer({ random: Math.random }), 1);
    expect(first).toMatchObject({ kind: 'retry', status: 500 });
    expect(errorOf(first)).toBe('HTTP 500: the receiver failed');
    const delay = first.kind === 'retry' ? first.retryAt - T0 : NaN;
    expect(delay).toBeGreaterThanOrEqual(500);
    expect(delay).toBeLessThan(1000);
    const third = await deliver(deliverer({ random: Math.random }), 3);
    const delay3 = third.kind === 'retry' ? third.retryAt - T0 : NaN;
    expect(delay3).toBeGreaterThanOrEqual(500);
    expect(delay3).toBeLessThan(4000);
  });

  it('bounds the jitter: half the base delay at random 0, just under the ceiling at 0.999', async () => {
    answers.push({ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
    const retryAt = async (random: number, attempt: number): Promise<number> => {
      const outcome = await deliver(
        deliverer({ random: () => random, baseDelayMs: 1000, maxDelayMs: 60_000 }),
        attempt,
      );
      return outcome.kind === 'retry' ? outcome.retryAt : NaN;
    };
    expect(await retryAt(0, 1)).toBe(T0 + 500);
    expect(await retryAt(0.999, 1)).toBe(T0 + 999);
    expect(await retryAt(0, 4)).toBe(T0 + 500);
    expect(await retryAt(0.999, 4)).toBe(T0 + 7992);
  });

  it('honours Retry-After on a 429, capped at maxDelayMs', async () => {
    answers.push(
      { status: 429, headers: { 'retry-after': '7' } },
      { status: 429, headers: { 'retry-after': '3600' } },
      { status: 503, headers: { 'retry-after': 'Thu, 15 Jan 2026 09:30:42 GMT' } },
      { status: 429, headers: { 'retry-after': 'later' } },
    );
    const d = deliverer({ maxDelayMs: 60_000 });
    expect(await deliver(d)).toMatchObject({ kind: 'retry', status: 429, retryAt: T0 + 7000 });
    expect(await deliver(d)).toMatchObject({ kind: 'retry', status: 429, retryAt: T0 + 60_000 });
    expect(await deliver(d)).toMatchObject({ kind: 'retry', status: 503, retryAt: T0 + 42_000 });
    // Unreadable: the backoff applies (attempt 1, random 0.5: 500 ms).
    expect(await deliver(d)).toMatchObject({ kind: 'retry', status: 429, retryAt: T0 + 500 });
  });

  it('answers retry for a 408', async () => {
    answers.push({ status: 408 });
    expect(await deliver(deliverer())).toMatchObject({ kind: 'retry', status: 408 });
  });

  it('answers retry when the receiver does not answer within the timeout', async () => {
    answers.push('hang');
    const outcome = await deliver(deliverer({ timeoutMs: 200 }));
    expect(outcome).toMatchObject({ kind: 'retry', retryAt: T0 + 500 });
    expect(errorOf(outcome)).toBe('no answer within 200 ms');
    expect(outcome).not.toHaveProperty('status');
    expect(outcome.durationMs).toBeGreaterThanOrEqual(150);
    expect(calls).toHaveLength(1);
  });

  it('answers retry when the connection is refused', async () => {
    const closed = `http://127.0.0.1:${await freePort()}/atc-webhook`;
    const outcome = await deliver(deliverer({ url: closed }));
    expect(outcome).toMatchObject({ kind: 'retry', retryAt: T0 + 500 });
    expect(errorOf(outcome)).toMatch(/^network error \(ECONNREFUSED\)/);
    expect(outcome).not.toHaveProperty('status');
  });

  it('fails at once on a 400 or another 4xx: the receiver will refuse the item again', async () => {
    answers.push({ status: 400 }, { status: 404 }, { status: 422 });
    for (const status of [400, 404, 422]) {
      expect(await deliver(deliverer())).toMatchObject({
        kind: 'failed',
        reason: DeliveryFailureReason.REJECTED,
        status,
        error: `HTTP ${status}: the receiver refused the item`,
      });
    }
  });

  it('retries 401 and 403: the two ends disagree on the secret, which an operator fixes', async () => {
    answers.push({ status: 401 }, { status: 403 });
    const unauthorised = await deliver(deliverer());
    expect(unauthorised).toMatchObject({ kind: 'retry', status: 401 });
    expect(errorOf(unauthorised)).toMatch(/check that it holds this agent's webhook secret/);
    expect(await deliver(deliverer())).toMatchObject({ kind: 'retry', status: 403 });
  });

  it('does not follow a redirect, and fails the item', async () => {
    answers.push({ status: 307, headers: { location: '/elsewhere' } });
    expect(await deliver(deliverer())).toMatchObject({ kind: 'failed', reason: 'rejected', status: 307 });
    expect(calls).toHaveLength(1);
  });

  it('fails when the last attempt fails, whatever the cause', async () => {
    answers.push({ status: 500 }, { status: 429, headers: { 'retry-after': '1' } }, 'hang');
    const d = deliverer({ maxAttempts: 3, timeoutMs: 200 });
    expect(await deliver(d, 3)).toMatchObject({
      kind: 'failed',
      reason: DeliveryFailureReason.EXHAUSTED,
      status: 500,
      error: 'HTTP 500: the receiver failed; gave up after attempt 3 of 3',
    });
    expect(await deliver(d, 3)).toMatchObject({ kind: 'failed', reason: 'exhausted', status: 429 });
    const timedOut = await deliver(d, 3);
    expect(timedOut).toMatchObject({ kind: 'failed', reason: 'exhausted' });
    expect(errorOf(timedOut)).toBe('no answer within 200 ms; gave up after attempt 3 of 3');
    expect(timedOut).not.toHaveProperty('status');
  });

  it('still delivers on an attempt past the maximum (an operator redelivering)', async () => {
    expect(await deliver(deliverer({ maxAttempts: 3 }), 4)).toMatchObject({ kind: 'delivered', status: 200 });
  });

  it('ends delivered after 500, 500, 200 over three calls', async () => {
    answers.push({ status: 500 }, { status: 500 }, { status: 200 });
    const d = deliverer({ maxAttempts: 3 });
    const kinds: string[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const outcome = await deliver(d, attempt);
      kinds.push(outcome.kind);
      if (outcome.kind !== 'retry') break;
    }
    expect(kinds).toEqual(['retry', 'retry', 'delivered']);
    expect(calls.map((c) => c.headers[WEBHOOK_DELIVERY_ATTEMPT_HEADER.toLowerCase()])).toEqual(['1', '2', '3']);
    expect(new Set(calls.map((c) => c.headers[WEBHOOK_DELIVERY_ID_HEADER.toLowerCase()]))).toEqual(new Set([ID]));
    expect(new Set(calls.map((c) => c.body)).size).toBe(1);
  });

  it('fails an item that cannot be written as JSON without calling the receiver', async () => {
    const outcome = await deliverer().deliver({ id: ID, body: { n: 1n }, attempt: 1 });
    expect(outcome).toEqual({
      kind: 'failed',
      reason: 'body-invalid',
      error: 'the item cannot be written as JSON',
      durationMs: 0,
    });
    expect(await deliverer().deliver({ id: ID, body: undefined, attempt: 1 })).toMatchObject({
      reason: 'body-invalid',
    });
    expect(calls).toHaveLength(0);
  });

  it('logs id, attempt, status and duration, never the secret or the body', async () => {
    const lines: string[] = [];
    const logger: Logger = createLogger({
      name: 'webhook-test',
      level: 'trace',
      destination: { write: (line: string) => void lines.push(line) },
    });
    answers.push({ status: 500 }, { status: 400 }, { status: 200 });
    const d = deliverer({ logger });
    for (let attempt = 1; attempt <= 3; attempt++) await deliver(d, attempt);
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.map((e) => [e['msg'], e['attempt'], e['status']])).toEqual([
      ['webhook will retry', 1, 500],
      ['webhook delivery failed', 2, 400],
      ['webhook delivered', 3, 200],
    ]);
    for (const entry of entries) {
      expect(entry).toMatchObject({ component: 'webhook', id: ID });
      expect(typeof entry['durationMs']).toBe('number');
    }
    const text = lines.join('');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('BODY-MARKER');
    expect(text).not.toContain('v1=');
  });

  it('refuses options and items it cannot work with, without echoing credentials', () => {
    expect(() => deliverer({ url: 'http://user:hunter2@127.0.0.1/hook' })).toThrow(/must not contain credentials/);
    expect(() => deliverer({ url: 'http://user:hunter2@[bad/hook' })).toThrow(/^the webhook URL is not a valid/);
    expect(() => deliverer({ url: 'ftp://127.0.0.1/hook' })).toThrow(RangeError);
    expect(() => deliverer({ secret: '' })).toThrow(RangeError);
    expect(() => deliverer({ timeoutMs: 0 })).toThrow(RangeError);
    expect(() => deliverer({ maxAttempts: 0 })).toThrow(RangeError);
    expect(() => deliverer({ baseDelayMs: 10_000, maxDelayMs: 1_000 })).toThrow(RangeError);
  });

  it('refuses an attempt below 1 and an id that cannot be a header value', async () => {
    await expect(deliverer().deliver({ id: ID, body: BODY, attempt: 0 })).rejects.toThrow(RangeError);
    await expect(deliverer().deliver({ id: 'a\r\nx-injected: 1', body: BODY, attempt: 1 })).rejects.toThrow(RangeError);
    expect(calls).toHaveLength(0);
  });
});

describe('webhook connections', () => {
  it('reuses a kept-alive connection, and drops one whose answer body never ends', async () => {
    let connections = 0;
    let endless = true;
    let endlessClosed = false;
    const streaming = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (!endless) {
          res.writeHead(200).end('{}');
          return;
        }
        endless = false;
        res.writeHead(200, { 'content-type': 'application/json' });
        // 16 KiB every 5 ms, for ever: the deliverer must not keep reading.
        const timer = setInterval(() => res.write(Buffer.alloc(16 * 1024, 0x20)), 5);
        res.on('close', () => {
          endlessClosed = true;
          clearInterval(timer);
        });
      });
    });
    streaming.on('connection', () => connections++);
    await new Promise<void>((resolve) => streaming.listen(0, '127.0.0.1', resolve));
    const address = streaming.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const d = deliverer({ url: `http://127.0.0.1:${address.port}/hook` });
    try {
      expect(await deliver(d)).toMatchObject({ kind: 'delivered', status: 200 });
      expect(await deliver(d)).toMatchObject({ kind: 'delivered', status: 200 });
      expect(await deliver(d)).toMatchObject({ kind: 'delivered', status: 200 });
      // The endless answer cost its connection; the next two calls shared one.
      expect(connections).toBe(2);
      // Hung up by the deliverer after 64 KiB, not read for ever.
      await waitFor(() => endlessClosed, { timeoutMs: 1_000, message: 'endless answer dropped' }); // before the 2 s timeout
    } finally {
      d.close();
      streaming.closeAllConnections();
      await new Promise<void>((resolve) => {
        streaming.close(() => {
          resolve();
        });
      });
    }
  });
});

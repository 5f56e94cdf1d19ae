// The parts of the integrator API that run over time: Server-Sent Events, webhooks that
// keep failing, metrics and health, and paging through what was sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TEST_API_KEY,
  personRequest,
  startFederationAgent,
  startTestFederation,
  waitFor,
  type AgentFixture,
  type TestFederation,
  type WebhookReceiver,
} from '@atc/tests';

const WEBHOOK_SECRET = 'ru-webhook-secret-for-extra-tests';
/** The record the receiver refuses outright (400); every other call fails with 500. */
const REFUSED_RECORD = 'KZ-P-000201';

let fed: TestFederation;
let kz: AgentFixture;
let by: AgentFixture;
let ru: AgentFixture;
let hook: WebhookReceiver;

beforeAll(async () => {
  fed = await startTestFederation({
    members: { KZ: {}, BY: {}, RU: { webhookSecret: WEBHOOK_SECRET, env: { ATC_WEBHOOK_MAX_ATTEMPTS: '2' } } },
  });
  hook = fed.receiver('RU');
  hook.respond = ({ body }) => (body.includes(`"recordId":"${REFUSED_RECORD}"`) ? 400 : 500);
  [kz, by, ru] = [fed.agent('KZ'), fed.agent('BY'), fed.agent('RU')];
}, 60_000);

afterAll(() => fed?.close());

/** Sends `personRequest(to, n)` from `from`'s API and returns the message id. */
async function send(from: AgentFixture, to: readonly string[], n: number): Promise<string> {
  const res = await from.api('POST', '/v1/messages', personRequest(to, n));
  expect(res.status).toBe(202);
  return res.body['messageId'] as string;
}

/** One Server-Sent Event. */
interface SseEvent {
  readonly id?: string;
  readonly event?: string;
  readonly data: string;
}

/** An open `GET /v1/inbox/stream`, read in the background into `events`. */
interface SseStream {
  readonly events: SseEvent[];
  /** True once the agent ended the stream. */
  readonly ended: boolean;
  close(): Promise<void>;
}

function parseEvent(block: string): SseEvent | undefined {
  const fields: Record<string, string> = {};
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue; // comments are heart-beats
    const colon = line.indexOf(':');
    const name = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (name === 'data') data.push(value);
    else fields[name] = value;
  }
  if (data.length === 0) return undefined;
  return { ...fields, data: data.join('\n') };
}

async function openStream(agent: AgentFixture, headers: Record<string, string> = {}): Promise<SseStream> {
  const abort = new AbortController();
  const res = await fetch(new URL('/v1/inbox/stream', agent.agent.url), {
    headers: { authorization: `Bearer ${TEST_API_KEY}`, accept: 'text/event-stream', ...headers },
    signal: abort.signal,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const events: SseEvent[] = [];
  let ended = false;
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const reading = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          ended = true;
          return;
        }
        buffer += value;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const event = parseEvent(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          if (event !== undefined) events.push(event);
        }
      }
    } catch (e) {
      if (!abort.signal.aborted) throw e;
    }
  })();
  return {
    events,
    get ended() {
      return ended;
    },
    async close() {
      abort.abort();
      await reading;
    },
  };
}

/** The item events of a stream, parsed. */
function items(stream: SseStream): { seq: number; id: string; body: Record<string, unknown> }[] {
  return stream.events
    .filter((e) => e.event === 'item')
    .map((e) => {
      const body = JSON.parse(e.data) as Record<string, unknown>;
      return { seq: Number(e.id), id: body['id'] as string, body };
    });
}

describe('GET /v1/inbox/stream', () => {
  it('pushes each new item as an event, and resumes after Last-Event-ID', async () => {
    const live = await openStream(kz);
    let resumed: SseStream | undefined;
    try {
      const first = await send(by, ['KZ'], 101);
      const second = await send(by, ['KZ'], 102);
      await waitFor(() => [first, second].every((id) => items(live).some((i) => i.id === id)), {
        timeoutMs: 15_000,
        message: 'both items streamed',
      });
      const a = items(live).find((i) => i.id === first)!;
      const b = items(live).find((i) => i.id === second)!;
      expect(a.body).toMatchObject({
        id: first,
        sender: 'BY',
        payloadType: 'atc.v1.PersonRecord',
        verification: 'verified',
        seq: a.seq,
        record: { recordId: 'KZ-P-000101' },
      });
      expect(b.seq).toBeGreaterThan(a.seq);
      // Nothing from before the stream opened, and each item once.
      expect(items(live).map((i) => i.id)).toEqual([first, second]);

      resumed = await openStream(kz, { 'last-event-id': String(a.seq) });
      await waitFor(() => items(resumed!).some((i) => i.id === second), { message: 'replayed after Last-Event-ID' });
      // Events come in seq order, so the first one would have arrived before the second.
      expect(items(resumed).map((i) => i.id)).toEqual([second]);
      expect(items(resumed)[0]!.seq).toBe(b.seq);
    } finally {
      await live.close();
      await resumed?.close();
    }
    // Well under the 15 s heart-beat: the stream must open before its first event.
  }, 10_000);

  it('does not hold up the agent stopping while a client is connected', async () => {
    const uz = await startFederationAgent({ nats: fed.nats, member: 'UZ' });
    try {
      const stream = await openStream(uz);
      try {
        await uz.stop();
        await waitFor(() => stream.ended, { message: 'stream ended by the agent' });
      } finally {
        await stream.close();
      }
    } finally {
      await uz.destroy();
    }
  }, 15_000);
});

describe('webhook hand-over that does not succeed', () => {
  /** The webhook calls made for `messageId`. */
  const callsFor = (messageId: string) => hook.calls.filter((c) => c.headers['atc-delivery-id'] === messageId);

  async function waitForState(messageId: string, state: string): Promise<Record<string, unknown>> {
    return waitFor(
      async () => {
        const res = await ru.api('GET', `/v1/inbox/${messageId}`);
        return res.status === 200 && res.body['state'] === state && res.body;
      },
      { timeoutMs: 15_000, intervalMs: 100, message: `item ${messageId} ${state}` },
    );
  }

  it('marks an item failed after the last attempt, and lets the national system pull it', async () => {
    const messageId = await send(by, ['RU'], 200);
    // Retries wait about a second (backoff base 1 s, jittered).
    const failed = await waitForState(messageId, 'failed');
    expect(failed).toMatchObject({ attempts: 2, channel: null, deliveredAt: null });
    expect(failed['lastError']).toContain('HTTP 500');
    expect(failed['lastError']).toContain('gave up after attempt 2 of 2');
    expect(callsFor(messageId).map((c) => [c.headers['atc-delivery-attempt'], c.status])).toEqual([
      ['1', 500],
      ['2', 500],
    ]);
    const metrics = await (await fetch(`${ru.agent.url}/metrics`)).text();
    expect(metrics).toMatch(/^atc_agent_webhook_failures_total 1$/m);
    expect((await ru.api('GET', '/v1/inbox?state=failed')).body['items']).toEqual([
      expect.objectContaining({ id: messageId }),
    ]);

    const ack = await ru.api('POST', `/v1/inbox/${messageId}/ack`);
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ id: messageId, state: 'delivered', channel: 'api' });
    expect((await ru.api('GET', `/v1/inbox/${messageId}`)).body).toMatchObject({ state: 'delivered', channel: 'api' });
    // The sender learns of the delivery as for any other.
    await waitFor(
      async () =>
        ((await by.api('GET', `/v1/messages/${messageId}`)).body['deliveries'] as { state: string }[])[0]?.state ===
        'delivered',
      { timeoutMs: 15_000, message: 'BY sees delivered(RU)' },
    );
    expect(callsFor(messageId)).toHaveLength(2);
  }, 30_000);

  it('fails an item the receiver refuses with 400 at once, without retrying', async () => {
    const messageId = await send(by, ['RU'], 201);
    const failed = await waitForState(messageId, 'failed');
    expect(failed).toMatchObject({ attempts: 1 });
    expect(failed['lastError']).toContain('HTTP 400');
    expect(callsFor(messageId).map((c) => c.status)).toEqual([400]);
  }, 30_000);
});

describe('health and metrics', () => {
  it('exposes the gauges and counters operators watch, without an API key', async () => {
    const res = await fetch(`${kz.agent.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    for (const name of [
      'atc_agent_outbox_depth',
      'atc_agent_inbox_pending',
      'atc_agent_inbox_lag_seconds',
      'atc_agent_publish_errors_total',
    ]) {
      expect(text).toMatch(new RegExp(`^# TYPE ${name} (gauge|counter)$`, 'm'));
      expect(text).toMatch(new RegExp(`^${name} [0-9.e+-]+$`, 'm'));
    }
  });

  it('answers /healthz, /readyz with its checks, and no alarms on a healthy agent', async () => {
    const health = await fetch(`${kz.agent.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${kz.agent.url}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { status: string; checks: { name: string; ok: boolean }[] };
    expect(body.status).toBe('ready');
    expect(body.checks).toEqual([
      { name: 'nats', ok: true },
      { name: 'trust-list', ok: true },
      { name: 'log', ok: true },
      { name: 'storage', ok: true },
      { name: 'clock', ok: true },
    ]);
    const alarms = await kz.api('GET', '/v1/alarms');
    expect(alarms.status).toBe(200);
    expect(alarms.body).toEqual({ alarms: [], log: [], clock: null, nats: null });
  });
});

describe('GET /v1/messages', () => {
  it('pages through accepted messages with limit and after', async () => {
    const sent: string[] = [];
    for (let n = 300; n < 312; n++) sent.push(await send(kz, ['BY'], n));
    const accepted = async (query: string): Promise<{ ids: string[]; next: unknown }> => {
      const res = await kz.api('GET', `/v1/messages?status=accepted&${query}`);
      expect(res.status).toBe(200);
      const messages = res.body['messages'] as { messageId: string; status: string }[];
      expect(messages.every((m) => m.status === 'accepted')).toBe(true);
      return { ids: messages.map((m) => m.messageId), next: res.body['next'] };
    };
    const all = await waitFor(
      async () => {
        const page = await accepted('limit=1000');
        return sent.every((id) => page.ids.includes(id)) && page.ids;
      },
      { timeoutMs: 15_000, intervalMs: 100, message: 'all 12 accepted' },
    );

    const first = await accepted('limit=5');
    expect(first.ids).toEqual(all.slice(0, 5));
    expect(first.next).toBe(all[4]);
    const second = await accepted(`limit=5&after=${String(first.next)}`);
    expect(second.ids).toEqual(all.slice(5, 10));
    expect(second.next).toBe(all[9]);
  });

  it.each([
    ['limit=abc', 'limit'],
    ['status=weird', 'status'],
    ['after=not-an-id', 'after'],
    ['colour=blue', 'colour'],
  ])('refuses ?%s with a problem naming %s', async (query, field) => {
    const res = await kz.api('GET', `/v1/messages?${query}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body['code']).toBe('ERR_QUERY_INVALID');
    expect((res.body['errors'] as { field: string }[]).map((e) => e.field)).toEqual([field]);
    expect(res.body['detail']).toContain(field);
  });
});

// Webhook hand-over under load and trouble: several items in flight at once, a receiver
// that never answers some of them, and versions of one record kept in order through retries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  personRequest,
  startTestFederation,
  waitFor,
  type AgentFixture,
  type TestFederation,
  type WebhookReceiver,
} from '@atc/tests';

const WEBHOOK_SECRET = 'by-webhook-secret-for-handover-tests';
const CONCURRENCY = 8;

let fed: TestFederation;
let kz: AgentFixture;
let by: AgentFixture;
let hook: WebhookReceiver;

beforeAll(async () => {
  fed = await startTestFederation({
    members: {
      KZ: {},
      BY: {
        webhookSecret: WEBHOOK_SECRET,
        // Far longer than any test: an unanswered call stays unanswered while it is measured.
        env: { ATC_HANDOVER_CONCURRENCY: String(CONCURRENCY), ATC_WEBHOOK_TIMEOUT: '10m' },
      },
    },
  });
  [kz, by, hook] = [fed.agent('KZ'), fed.agent('BY'), fed.receiver('BY')];
}, 60_000);

afterAll(() => fed?.close());

/** The record id and version a webhook call carries. */
function recordOf(body: string): { recordId: string; version: number } {
  const { record } = JSON.parse(body) as { record: { recordId: string; version: number } };
  return { recordId: record.recordId, version: record.version };
}

/** Record ids of the calls answered 2xx, in the order they reached the receiver. */
function deliveredRecords(): string[] {
  return hook.calls.filter((c) => c.status >= 200 && c.status < 300).map((c) => recordOf(c.body).recordId);
}

/** True once the records `numbers` all reached the webhook (the bodies parsed once per check). */
function allDelivered(numbers: readonly number[]): boolean {
  const records = new Set(deliveredRecords());
  return numbers.every((n) => records.has(recordId(n)));
}

/** Sends version `version` of synthetic record `n` from KZ to BY. */
async function send(n: number, version = 1): Promise<string> {
  const body = personRequest(['BY'], n);
  body['record'] = { ...(body['record'] as object), version };
  const res = await kz.api('POST', '/v1/messages', body);
  expect(res.status).toBe(202);
  return res.body['messageId'] as string;
}

const recordId = (n: number): string => `KZ-P-${String(n).padStart(6, '0')}`;

describe('webhook hand-over', () => {
  it('hands over several items at once, never more than ATC_HANDOVER_CONCURRENCY', async () => {
    hook.respond = () => ({ status: 200, delayMs: 25 });
    hook.concurrency.peak = 0;
    const numbers = Array.from({ length: 60 }, (_, i) => 1000 + i);
    for (const n of numbers) await send(n);
    await waitFor(() => allDelivered(numbers), {
      timeoutMs: 30_000,
      intervalMs: 100,
      message: 'all 60 delivered',
    });
    expect(hook.concurrency.peak).toBeGreaterThan(1);
    expect(hook.concurrency.peak).toBeLessThanOrEqual(CONCURRENCY);
    // The receiver has every body; the agent records each delivery once its call returns.
    await waitFor(
      async () => ((await by.api('GET', '/v1/inbox?state=pending')).body['items'] as unknown[]).length === 0,
      {
        timeoutMs: 10_000,
        intervalMs: 50,
        message: 'no item left pending once all 60 were answered',
      },
    );
  }, 60_000);

  it('a receiver that never answers some items does not hold up the others', async () => {
    const hung = new Set([recordId(2000), recordId(2001), recordId(2002)]);
    hook.respond = ({ body }) => (hung.has(recordOf(body).recordId) ? 'hold' : 200);
    // The unanswered items go first: one at a time, they would block every later one.
    const numbers = Array.from({ length: 25 }, (_, i) => 2000 + i);
    const ids = new Map<number, string>();
    for (const n of numbers) ids.set(n, await send(n));
    const others = numbers.filter((n) => !hung.has(recordId(n)));
    await waitFor(() => allDelivered(others), {
      timeoutMs: 20_000,
      intervalMs: 100,
      message: 'the 22 answered items delivered while 3 calls hang (the webhook timeout is 10 minutes)',
    });
    for (const n of [2000, 2001, 2002]) {
      const item = await by.api('GET', `/v1/inbox/${ids.get(n)!}`);
      expect(item.body['state']).toBe('pending');
    }
    // Operators see the calls that wait for an answer.
    const metrics = await (await fetch(`${by.agent.url}/metrics`)).text();
    expect(metrics).toMatch(/^atc_agent_webhook_in_flight 3$/m);
    // Answered at last: those three are delivered too, each once.
    expect(hook.release(200)).toBe(3);
    await waitFor(
      async () => {
        const states = await Promise.all(
          [2000, 2001, 2002].map(async (n) => (await by.api('GET', `/v1/inbox/${ids.get(n)!}`)).body['state']),
        );
        return states.every((s) => s === 'delivered');
      },
      { timeoutMs: 10_000, message: 'released items delivered' },
    );
    const calls = hook.calls.filter((c) => hung.has(recordOf(c.body).recordId));
    expect(calls).toHaveLength(3);
  }, 60_000);

  it('hands versions of one record over in order, even while the first waits for a retry', async () => {
    const record = recordId(3000);
    let refusals = 0;
    // Version 1 is refused twice with a 2 s Retry-After: about 4 s in which versions 2-4
    // must wait and every other record must not.
    hook.respond = ({ body }) => {
      const { recordId: id, version } = recordOf(body);
      if (id === record && version === 1 && refusals < 2) {
        refusals++;
        return { status: 503, headers: { 'retry-after': '2' } };
      }
      return 200;
    };
    const start = hook.calls.length;
    await send(3000, 1);
    const others = Array.from({ length: 10 }, (_, i) => 3100 + i);
    for (const n of others) await send(n);
    for (const version of [2, 3, 4]) await send(3000, version);
    await waitFor(() => deliveredRecords().filter((id) => id === record).length === 4, {
      timeoutMs: 30_000,
      intervalMs: 100,
      message: 'four versions delivered',
    });
    const calls = hook.calls.slice(start).map((c) => ({ ...recordOf(c.body), status: c.status }));
    const ofRecord = calls.filter((c) => c.recordId === record);
    // Every call of the record, failed or not: no later version was even tried before the
    // earlier one was delivered.
    expect(ofRecord.map((c) => `${c.version}:${c.status}`)).toEqual([
      '1:503',
      '1:503',
      '1:200',
      '2:200',
      '3:200',
      '4:200',
    ]);
    // The other records went through while version 1 waited.
    const firstDelivered = calls.findIndex((c) => c.recordId === record && c.status === 200);
    const othersBefore = calls.slice(0, firstDelivered).filter((c) => c.recordId !== record && c.status === 200);
    expect(othersBefore).toHaveLength(others.length);
  }, 60_000);

  it('keeps pull mode working: delivered items are listed with their channel', async () => {
    // The agent records a delivery once the receiver's answer is back: the last answer of the
    // test before may still be on its way.
    let items: { channel: string }[] = [];
    await waitFor(
      async () => {
        const page = await by.api('GET', '/v1/inbox?state=delivered&limit=1000');
        items = page.body['items'] as { channel: string }[];
        return items.length >= 60 + 25 + 14;
      },
      { timeoutMs: 10_000, intervalMs: 50, message: 'all 99 items listed as delivered' },
    );
    expect(items.every((i) => i.channel === 'webhook')).toBe(true);
  });
});

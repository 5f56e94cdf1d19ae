// Fault matrix, poison and slow (a): a recipient that takes nothing. First its national system's
// webhook refuses every item for a while, then its agent stops pulling altogether. The other
// recipient of the same messages is served as if nothing happened; the stalled one's backlog
// shows where it waits (the agent's atc_agent_inbox_pending, or the centre's
// atc_gateway_inbox_pending that AtcMemberInboxStuck watches); once it recovers, every item
// is handed over exactly once and confirmed to the sender.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personRequest, startTestFederation, waitFor, type TestFederation } from '@atc/tests';
import { copyStates, sample, takenByWebhook } from './delivery-counts.js';

const N = 20;

let fed: TestFederation;

beforeAll(async () => {
  fed = await startTestFederation({
    members: {
      KZ: {},
      BY: { webhookSecret: 'by-secret-of-the-stalled-recipient' },
      RU: { webhookSecret: 'ru-secret-of-the-healthy-recipient' },
    },
  });
}, 60_000);

afterAll(() => fed?.close());

/** Sends `count` records from KZ to BY and RU, numbered from `first`; their message ids. */
async function send(first: number, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let n = first; n < first + count; n++) {
    const res = await fed.agent('KZ').api('POST', '/v1/messages', personRequest(['BY', 'RU'], n));
    expect(res.status).toBe(202);
    ids.push(res.body['messageId'] as string);
  }
  return ids;
}

/** How many of `ids` KZ's agent holds a DELIVERED receipt for from `recipient`. */
async function confirmedBy(ids: readonly string[], recipient: string): Promise<number> {
  let confirmed = 0;
  for (const id of ids) {
    const { body } = await fed.agent('KZ').api('GET', `/v1/messages/${id}`);
    const receipts = body['receipts'] as { status: string; recipient: string | null }[];
    if (receipts.some((r) => r.status === 'delivered' && r.recipient === recipient)) confirmed++;
  }
  return confirmed;
}

async function gatewayMetric(series: string): Promise<number | undefined> {
  return sample(await (await fed.gateway.api('/metrics', {})).text(), series);
}

async function agentMetric(member: string, series: string): Promise<number | undefined> {
  return sample(await (await fetch(new URL('/metrics', fed.agent(member).agent.url))).text(), series);
}

/** Each of `ids` taken exactly once by `member`'s webhook, and nothing else. */
function expectTakenOnce(member: string, ids: readonly string[]): void {
  const taken = takenByWebhook(fed.receiver(member));
  expect([...taken.keys()].sort()).toEqual([...ids].sort());
  expect([...taken.values()].every((n) => n === 1)).toBe(true);
}

describe('a recipient that takes nothing', () => {
  const sent: string[] = [];

  it('whose webhook refuses everything: the other recipient is served, the items wait at its agent, then are taken once', async () => {
    fed.receiver('BY').respond = () => ({ status: 503, headers: { 'retry-after': '1' } });
    sent.push(...(await send(1, N)));

    // RU is served in full while BY's national system refuses every call.
    await waitFor(async () => takenByWebhook(fed.receiver('RU')).size === N && (await confirmedBy(sent, 'RU')) === N, {
      timeoutMs: 30_000,
      message: `RU took all ${N} items and KZ heard so`,
    });
    expectTakenOnce('RU', sent);
    // BY's agent pulled them all from the centre and holds them: the backlog is on its side.
    await waitFor(async () => (await agentMetric('BY', 'atc_agent_inbox_pending')) === N, {
      timeoutMs: 15_000,
      message: `BY's agent holds ${N} items not yet taken`,
    });
    expect(await gatewayMetric('atc_gateway_inbox_pending{member="BY"}')).toBe(0);
    expect(fed.receiver('BY').calls.length).toBeGreaterThanOrEqual(N);
    expect(takenByWebhook(fed.receiver('BY')).size).toBe(0);
    expect(await copyStates(fed.gateway.archive, 'BY')).toEqual({ pending: 0, routed: N, delivered: 0 });
    expect(await copyStates(fed.gateway.archive, 'RU')).toEqual({ pending: 0, routed: 0, delivered: N });
    expect(await confirmedBy(sent, 'BY')).toBe(0);

    // The national system comes back: every item is taken once and confirmed to the sender.
    fed.receiver('BY').respond = () => 200;
    await waitFor(async () => (await copyStates(fed.gateway.archive, 'BY')).delivered === N, {
      timeoutMs: 30_000,
      message: `the centre recorded BY's DeliveryAcks for all ${N} items`,
    });
    await waitFor(async () => (await confirmedBy(sent, 'BY')) === N, {
      timeoutMs: 15_000,
      message: `KZ heard that BY took all ${N}`,
    });
    expectTakenOnce('BY', sent);
    expect(await agentMetric('BY', 'atc_agent_inbox_pending')).toBe(0);
  }, 90_000);

  it('whose agent stops pulling: the other recipient is served, the backlog grows at the centre, then drains once', async () => {
    await fed.agent('BY').stop();
    const more = await send(N + 1, N);

    await waitFor(async () => (await confirmedBy(more, 'RU')) === N, {
      timeoutMs: 30_000,
      message: `RU took the ${N} new items and KZ heard so`,
    });
    expectTakenOnce('RU', [...sent, ...more]);
    // The copies wait in BY's inbox consumer at the centre: what AtcMemberInboxStuck watches.
    await waitFor(async () => (await gatewayMetric('atc_gateway_inbox_pending{member="BY"}')) === N, {
      timeoutMs: 15_000,
      message: `the centre counts ${N} items waiting for BY`,
    });
    const flow = (await (await fed.gateway.api('/v1/stats/flow')).json()) as {
      members: { member: string; backlog: number | null }[];
    };
    expect(flow.members.find((m) => m.member === 'BY')?.backlog).toBe(N);
    expect(await copyStates(fed.gateway.archive, 'BY')).toEqual({ pending: 0, routed: N, delivered: N });

    // BY's agent runs again (a new installation: its inbox is the centre's consumer).
    const again = await fed.startAgent('BY');
    await waitFor(async () => (await again.api('GET', '/readyz')).status === 200, {
      timeoutMs: 15_000,
      message: "BY's agent ready again",
    });
    await waitFor(async () => (await copyStates(fed.gateway.archive, 'BY')).delivered === 2 * N, {
      timeoutMs: 30_000,
      message: `the centre recorded BY's DeliveryAcks for all ${2 * N} items`,
    });
    await waitFor(async () => (await gatewayMetric('atc_gateway_inbox_pending{member="BY"}')) === 0, {
      timeoutMs: 15_000,
      message: "BY's backlog at the centre drained",
    });
    expectTakenOnce('BY', [...sent, ...more]);
    expect(await confirmedBy(more, 'BY')).toBe(N);
    expect(await copyStates(fed.gateway.archive, 'RU')).toEqual({ pending: 0, routed: 0, delivered: 2 * N });
  }, 90_000);
});

// Fault matrix, poison and slow (c): a member suspended mid-flow. BY has copies waiting in its
// inbox (routed before) and has sent RU copies RU has not pulled yet, when the centre suspends
// it. While suspended: what it submits is refused ERR_SENDER_SUSPENDED, what others address to
// it is refused ERR_RECIPIENT_SUSPENDED (nothing archived, nothing routed), RU's agent
// quarantines BY's copies routed before (ERR_SENDER_SUSPENDED), and BY's agent still takes
// the copies routed to it before, but its DeliveryAcks are refused. Once reinstated, traffic
// flows both ways again and `atc-gateway deliveries resend` routes the copies left
// unconfirmed: RU takes BY's copies, each once; BY's agent, which holds KZ's already, takes
// none twice and acknowledges each again, so that KZ hears they were delivered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemberStatus } from '@atc/shared';
import {
  gatewayEnv,
  personRequest,
  runGatewayCli,
  startTestFederation,
  waitFor,
  type AgentFixture,
  type TestFederation,
} from '@atc/tests';
import { copyStates, sample, takenByWebhook } from './delivery-counts.js';

const actor = { who: 'test', why: 'fault matrix: suspension mid-flow' };

let fed: TestFederation;

beforeAll(async () => {
  fed = await startTestFederation({
    // A short de-duplication window, so that copies routed seconds ago may be resent.
    gatewayEnv: { ATC_DUPLICATE_WINDOW: '1s' },
    members: {
      KZ: {},
      BY: { webhookSecret: 'by-secret-of-the-suspended-member' },
      RU: { webhookSecret: 'ru-secret-of-a-recipient' },
    },
  });
}, 60_000);

afterAll(() => fed?.close());

/** Sends `count` records from `agent` to `to`; their message ids. */
async function send(agent: AgentFixture, to: readonly string[], first: number, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let n = first; n < first + count; n++) {
    const res = await agent.api('POST', '/v1/messages', personRequest(to, n));
    expect(res.status).toBe(202);
    ids.push(res.body['messageId'] as string);
  }
  return ids;
}

/** The final outcome of each of `ids` at the sending agent: `accepted`, or the refusal code. */
async function outcomes(agent: AgentFixture, ids: readonly string[]): Promise<string[]> {
  let seen: string[] = [];
  await waitFor(
    async () => {
      seen = [];
      for (const id of ids) {
        const { body } = await agent.api('GET', `/v1/messages/${id}`);
        const status = body['status'] as string;
        const reason = body['reason'] as { code: string } | null;
        if (status === 'accepted' || status === 'delivered') seen.push('accepted');
        else if (status === 'rejected') seen.push(reason?.code ?? 'rejected');
      }
      return seen.length === ids.length;
    },
    { timeoutMs: 20_000, message: `a final receipt for each of ${ids.length} messages` },
  );
  return seen;
}

/** How many of `ids` the archive holds. */
async function archived(ids: readonly string[]): Promise<number> {
  let count = 0;
  for (const id of ids) if ((await fed.gateway.api(`/v1/messages/${id}`)).status === 200) count++;
  return count;
}

async function agentMetric(agent: AgentFixture, series: string): Promise<number | undefined> {
  return sample(await (await fetch(new URL('/metrics', agent.agent.url))).text(), series);
}

async function ready(agent: AgentFixture): Promise<AgentFixture> {
  await waitFor(async () => (await agent.api('GET', '/readyz')).status === 200, {
    timeoutMs: 15_000,
    message: 'agent ready',
  });
  return agent;
}

/** Waits until the trust list the gateway published gives `member` this status (agents follow it). */
async function trustListSays(member: string, status: string): Promise<void> {
  await waitFor(
    async () => {
      const body = (await (await fed.gateway.api('/v1/trust')).json()) as {
        trustList: { members: { id: string; status: string }[] };
      };
      return body.trustList.members.find((m) => m.id === member)?.status === status;
    },
    { timeoutMs: 15_000, message: `the trust list gives ${member} ${status}` },
  );
}

/** Waits until `count` copies to `recipient` are routed, none pending or delivered. */
async function copiesRouted(recipient: string, count: number): Promise<void> {
  const states = await waitFor(
    async () => {
      const read = await copyStates(fed.gateway.archive, recipient);
      return read.routed === count && read.pending === 0 ? read : false;
    },
    { timeoutMs: 10_000, intervalMs: 50, message: `${count} copies to ${recipient} routed` },
  );
  expect(states).toEqual({ pending: 0, routed: count, delivered: 0 });
}

function resend(member: string): ReturnType<typeof runGatewayCli> {
  return runGatewayCli(gatewayEnv(fed.nats, fed.gateway.dataDir, { ATC_DUPLICATE_WINDOW: '1s' }), [
    'deliveries',
    'resend',
    member,
    '--older-than',
    '1s',
    '--reason',
    'reinstated after a suspension',
  ]);
}

describe('a member suspended mid-flow', () => {
  const fromBy: string[] = [];
  const toBy: string[] = [];

  it('has copies in flight both ways when it is suspended', async () => {
    // RU is away: BY's copies to it wait in RU's inbox.
    await fed.agent('RU').stop();
    fromBy.push(...(await send(fed.agent('BY'), ['RU'], 1, 3)));
    expect(await outcomes(fed.agent('BY'), fromBy)).toEqual(['accepted', 'accepted', 'accepted']);
    // BY is away: KZ's copies to it wait in BY's inbox.
    await fed.agent('BY').stop();
    toBy.push(...(await send(fed.agent('KZ'), ['BY'], 101, 4)));
    expect(await outcomes(fed.agent('KZ'), toBy)).toEqual(Array(4).fill('accepted'));
    // A copy is marked routed once its publication is confirmed, which may come after the
    // sender's ACCEPTED receipt.
    await copiesRouted('BY', 4);
    await copiesRouted('RU', 3);

    await fed.gateway.registry.setMemberStatus('BY', MemberStatus.SUSPENDED, actor);
    await trustListSays('BY', 'suspended');
  });

  it('refuses what is addressed to it, ERR_RECIPIENT_SUSPENDED, nothing archived', async () => {
    // The running gateway sees the registry change within a second: retry until it refuses.
    let refused: string[] = [];
    await waitFor(
      async () => {
        const ids = await send(fed.agent('KZ'), ['BY'], 200, 1);
        const [outcome] = await outcomes(fed.agent('KZ'), ids);
        if (outcome === 'ERR_RECIPIENT_SUSPENDED') refused = ids;
        return refused.length > 0;
      },
      { timeoutMs: 15_000, message: 'the gateway refuses messages to the suspended BY' },
    );
    const more = await send(fed.agent('KZ'), ['BY', 'RU'], 201, 3);
    expect(await outcomes(fed.agent('KZ'), more)).toEqual(Array(3).fill('ERR_RECIPIENT_SUSPENDED'));
    expect(await archived([...refused, ...more])).toBe(0);
    expect(await copyStates(fed.gateway.archive, 'BY')).toEqual({ pending: 0, routed: 4, delivered: 0 });
  });

  it('refuses what it submits, ERR_SENDER_SUSPENDED; its copies routed before are quarantined by their recipient', async () => {
    const ru = await ready(await fed.startAgent('RU'));
    await waitFor(
      async () => (await agentMetric(ru, 'atc_agent_inbox_refused_total{code="ERR_SENDER_SUSPENDED"}')) === 3,
      {
        timeoutMs: 15_000,
        message: "RU's agent quarantined BY's 3 copies",
      },
    );
    expect(takenByWebhook(fed.receiver('RU')).size).toBe(0);

    const by = await ready(await fed.startAgent('BY'));
    const refused = await send(by, ['KZ'], 300, 3);
    expect(await outcomes(by, refused)).toEqual(Array(3).fill('ERR_SENDER_SUSPENDED'));
    expect(await archived(refused)).toBe(0);

    // The copies routed to BY before its suspension still reach it; its DeliveryAcks do not
    // count while it is suspended.
    await waitFor(() => takenByWebhook(fed.receiver('BY')).size === 4, {
      timeoutMs: 15_000,
      message: "BY's national system took the 4 copies routed before the suspension",
    });
    expect([...takenByWebhook(fed.receiver('BY')).keys()].sort()).toEqual([...toBy].sort());
    let rejected: { payloadType: string; reason: { code: string } | null }[] = [];
    await waitFor(
      async () => {
        rejected = (await by.api('GET', '/v1/messages?status=rejected&limit=100')).body['messages'] as typeof rejected;
        return rejected.length === 3 + 4;
      },
      { timeoutMs: 15_000, message: "BY's 3 records and 4 DeliveryAcks refused" },
    );
    expect(rejected.filter((m) => m.payloadType === 'atc.v1.DeliveryAck')).toHaveLength(4);
    expect(rejected.every((m) => m.reason?.code === 'ERR_SENDER_SUSPENDED')).toBe(true);
    expect(await copyStates(fed.gateway.archive, 'BY')).toEqual({ pending: 0, routed: 4, delivered: 0 });
  });

  it('flows both ways once reinstated; resent copies are taken once', async () => {
    await fed.gateway.registry.setMemberStatus('BY', MemberStatus.ACTIVE, actor);
    await trustListSays('BY', 'active');
    let accepted: string[] = [];
    await waitFor(
      async () => {
        const ids = await send(fed.agent('KZ'), ['BY'], 400, 1);
        const [outcome] = await outcomes(fed.agent('KZ'), ids);
        if (outcome === 'accepted') accepted = ids;
        return accepted.length > 0;
      },
      { timeoutMs: 15_000, message: 'the gateway routes to BY again' },
    );
    const back = await send(fed.agent('BY'), ['KZ'], 500, 2);
    expect(await outcomes(fed.agent('BY'), back)).toEqual(['accepted', 'accepted']);
    await waitFor(async () => (await copyStates(fed.gateway.archive, 'BY')).delivered >= 1, {
      timeoutMs: 15_000,
      message: 'BY confirms the new copy',
    });

    // The copies left unconfirmed: BY's 3 that RU quarantined, and KZ's 4 whose acks were refused.
    const ru = await resend('RU');
    expect([ru.code, ru.stdout]).toEqual([0, expect.stringContaining('3 copies routed to RU')]);
    // RU's agent reads the trust list every second: a copy it got before it saw BY active again
    // is quarantined once more, and the operator resends again.
    await waitFor(
      async () => {
        if ((await copyStates(fed.gateway.archive, 'RU')).delivered === 3) return true;
        await new Promise((r) => setTimeout(r, 1_500));
        if ((await copyStates(fed.gateway.archive, 'RU')).delivered === 3) return true;
        expect((await resend('RU')).code).toBe(0);
        return false;
      },
      { timeoutMs: 30_000, message: "RU takes BY's 3 resent copies" },
    );
    expect([...takenByWebhook(fed.receiver('RU')).entries()].sort()).toEqual([...fromBy].sort().map((id) => [id, 1]));
    // BY's agent holds KZ's 4 copies already: it takes none twice and acknowledges each again.
    const by = await resend('BY');
    expect([by.code, by.stdout]).toEqual([0, expect.stringContaining('4 copies routed to BY')]);
    await waitFor(async () => (await copyStates(fed.gateway.archive, 'BY')).delivered === 5, {
      timeoutMs: 20_000,
      message: "the centre recorded BY's DeliveryAcks of the 4 copies routed before its suspension",
    });
    expect([...takenByWebhook(fed.receiver('BY')).entries()].sort()).toEqual(
      [...toBy, ...accepted].sort().map((id) => [id, 1]),
    );
    // The centre's DELIVERED receipts reach KZ's agent after the centre recorded the acks: each once.
    const deliveredTo = async (id: string): Promise<(string | null)[]> => {
      const { body } = await fed.agent('KZ').api('GET', `/v1/messages/${id}`);
      const receipts = body['receipts'] as { status: string; recipient: string | null }[];
      return receipts.filter((r) => r.status === 'delivered').map((r) => r.recipient);
    };
    await waitFor(async () => (await Promise.all(toBy.map(deliveredTo))).every((r) => r.length > 0), {
      timeoutMs: 15_000,
      message: "KZ's agent holds a DELIVERED receipt for each of its 4 copies to BY",
    });
    for (const id of toBy) expect(await deliveredTo(id)).toEqual(['BY']);
    expect(await copyStates(fed.gateway.archive, 'BY')).toEqual({ pending: 0, routed: 0, delivered: 5 });
    expect(await copyStates(fed.gateway.archive, 'RU')).toEqual({ pending: 0, routed: 0, delivered: 3 });
  }, 60_000);
});

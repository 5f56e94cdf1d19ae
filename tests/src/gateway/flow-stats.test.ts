import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Subjects, uuidv7 } from '@atc/shared';
import { addToken } from '@atc/gateway';
import {
  makeMessage,
  personRequest,
  startFederationGateway,
  startTestFederation,
  waitFor,
  type AgentFixture,
  type GatewayFixture,
  type MemberWire,
  type NatsServerHandle,
  type TestFederation,
} from '@atc/tests';

// Real traffic between real agents through a real gateway and nats-server; the operator
// reads GET /v1/stats/flow and GET /v1/events over real sockets.

const MEMBERS = ['KZ', 'BY', 'RU'] as const;

let fed: TestFederation;
let agents: Readonly<Record<string, AgentFixture>>;
let nats: NatsServerHandle;
let gw: GatewayFixture;
let wire: MemberWire;
let replica: NatsConnection;
let operator: string;
let auditor: string;

interface Flow {
  sender: string;
  recipient: string;
  count: number;
  rate: number;
  delivered: number;
}
interface Traffic {
  totals: Record<string, number>;
  flows: Flow[];
  refusals: { code: string; count: number }[];
}
interface Stats {
  window: string;
  from: string;
  to: string;
  seconds: number;
  operational: Traffic;
  exercise: Traffic;
  members: { member: string; lastSeen: string | null; backlog: number | null }[];
}

beforeAll(async () => {
  fed = await startTestFederation({
    members: Object.fromEntries(MEMBERS.map((m) => [m, { webhookSecret: `${m}-webhook-secret-for-tests` }])),
    wire: true,
  });
  ({ nats, gateway: gw, wire, agents } = fed);
  const tokensFile = join(gw.dataDir, 'tokens.json');
  operator = addToken(tokensFile, { name: 'console', role: 'operator' }, Date.now()).token;
  auditor = addToken(tokensFile, { name: 'audit', role: 'auditor' }, Date.now()).token;
  replica = await connect({ servers: nats.url, name: 'atc-test-second-replica' });
}, 90_000);

afterAll(async () => {
  await replica?.drain();
  // The gateway restarted by a test is not the federation's own: it stops first.
  await gw?.stop();
  await fed?.close();
});

const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

async function stats(window?: string): Promise<Stats> {
  const res = await gw.api(`/v1/stats/flow${window === undefined ? '' : `?window=${window}`}`, bearer(operator));
  expect(res.status).toBe(200);
  return (await res.json()) as Stats;
}

function flow(t: Traffic, sender: string, recipient: string): Flow | undefined {
  return t.flows.find((f) => f.sender === sender && f.recipient === recipient);
}

/** Sends a record through `from`'s agent; returns its message id. */
async function send(from: string, to: readonly string[], n: number, exercise: boolean): Promise<string> {
  const res = await agents[from]!.api('POST', '/v1/messages', { ...personRequest(to, n), exercise });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return res.body['messageId'] as string;
}

/** An SSE connection to /v1/events, parsed as it arrives. */
interface Feed {
  readonly events: { id: string | undefined; event: string; data: Record<string, unknown> }[];
  readonly raw: () => string;
  close(): void;
}

async function openFeed(query = '', token = operator): Promise<Feed> {
  const abort = new AbortController();
  const res = await fetch(new URL(`/v1/events${query}`, gw.gateway.url), {
    headers: bearer(token),
    signal: abort.signal,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const events: Feed['events'] = [];
  let text = '';
  let pending = '';
  // The stream ends with an abort error when the test closes it; nothing to report then.
  const body = Readable.fromWeb(res.body as NodeReadableStream<Uint8Array>).setEncoding('utf8');
  body.on('error', () => undefined);
  body.on('data', (chunk: string) => {
    text += chunk;
    pending += chunk;
    let end: number;
    while ((end = pending.indexOf('\n\n')) >= 0) {
      const frame = pending.slice(0, end);
      pending = pending.slice(end + 2);
      const fields = new Map<string, string>();
      for (const line of frame.split('\n')) {
        const colon = line.indexOf(': ');
        if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 2));
      }
      const event = fields.get('event');
      if (event !== undefined) {
        events.push({
          id: fields.get('id'),
          event,
          data: JSON.parse(fields.get('data') ?? '{}') as Record<string, unknown>,
        });
      }
    }
  });
  return {
    events,
    raw: () => text,
    close: () => {
      abort.abort();
    },
  };
}

describe('operator access to the flow', () => {
  it('refuses without a token, with a wrong role, and a bad window with a clear problem', async () => {
    const none = await gw.api('/v1/stats/flow', {});
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    expect(((await none.json()) as { code: string }).code).toBe('ERR_UNAUTHENTICATED');
    expect((await gw.api('/v1/events', {})).status).toBe(401);
    const audit = await gw.api('/v1/stats/flow', bearer(auditor));
    expect(audit.status).toBe(403);
    expect(((await audit.json()) as { code: string }).code).toBe('ERR_FORBIDDEN');
    const bad = await gw.api('/v1/stats/flow?window=2h', bearer(operator));
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await bad.json()) as { code: string; detail: string };
    expect(problem.code).toBe('ERR_QUERY_INVALID');
    expect(problem.detail).toContain('window must be one of 1m, 1h, 24h');
    const badKind = await gw.api('/v1/events?kind=accepted,bogus', bearer(operator));
    expect(badKind.status).toBe(400);
    // A misspelt parameter is refused, not ignored (which would answer with the default window).
    const misspelt = await gw.api('/v1/stats/flow?windw=1m', bearer(operator));
    expect(misspelt.status).toBe(400);
    expect((await misspelt.json()) as Record<string, unknown>).toMatchObject({
      code: 'ERR_QUERY_INVALID',
      errors: [{ field: 'windw' }],
      detail: expect.stringContaining('it takes window') as unknown,
    });
    // The auditor reads message details, not the flow; the trust list and probes stay public.
    expect((await gw.api(`/v1/messages/${uuidv7()}`, bearer(auditor))).status).toBe(404);
    expect((await gw.api('/healthz', {})).status).toBe(200);
    expect((await gw.api('/metrics', {})).status).toBe(200);
    expect((await gw.api('/docs/json', {})).status).toBe(200);
  });
});

describe('flow statistics and the live feed', () => {
  const sent: Record<string, string[]> = {};
  let all: Feed;
  let ruOnly: Feed;

  it('streams accepted and delivered events live, filtered by member and kind', async () => {
    all = await openFeed();
    ruOnly = await openFeed('?member=RU&kind=accepted,delivered');
    sent['KZ>BY'] = [await send('KZ', ['BY'], 1, false), await send('KZ', ['BY'], 2, false)];
    sent['KZ>RU'] = [await send('KZ', ['RU'], 3, false)];
    sent['BY>KZ'] = [await send('BY', ['KZ'], 4, true)];
    const ids = Object.values(sent).flat();
    await waitFor(
      () =>
        ids.every((id) => all.events.some((e) => e.event === 'accepted' && e.data['messageId'] === id)) &&
        all.events.filter((e) => e.event === 'delivered').length >= 4,
      { timeoutMs: 30_000, message: `accepted and delivered events for ${ids.join(', ')}` },
    );
    const toRu = sent['KZ>RU']?.[0] ?? '';
    await waitFor(
      () =>
        ruOnly.events.some((e) => e.event === 'accepted' && e.data['messageId'] === toRu) &&
        ruOnly.events.some((e) => e.event === 'delivered' && e.data['sender'] === 'RU'),
      { timeoutMs: 30_000, message: 'RU events in the filtered feed' },
    );
    const accepted = all.events.find((e) => e.event === 'accepted' && e.data['messageId'] === toRu)!;
    expect(accepted.data).toMatchObject({ kind: 'accepted', sender: 'KZ', recipients: ['RU'], exercise: false });
    expect(accepted.id).toMatch(/^\d+$/);
    const delivered = ruOnly.events.find((e) => e.event === 'delivered')!;
    expect(delivered.data['delivery']).toMatchObject({ messageId: toRu, sender: 'KZ', first: true });
    // The filter let nothing else through.
    for (const e of ruOnly.events) {
      expect(['accepted', 'delivered']).toContain(e.event);
      const d = e.data as { sender: string; recipients?: string[]; delivery?: { sender: string } };
      expect(d.sender === 'RU' || d.recipients?.includes('RU') === true || d.delivery?.sender === 'RU').toBe(true);
    }
    expect(ruOnly.events.some((e) => e.data['messageId'] === sent['KZ>BY']![0])).toBe(false);
  });

  it('counts the traffic by sender and recipient, exercise apart, with rates and deliveries', async () => {
    const s = await waitFor(
      async () => {
        const r = await stats('1m');
        return r.operational.totals['delivered'] === 3 && r.exercise.totals['delivered'] === 1 ? r : undefined;
      },
      { timeoutMs: 30_000, message: 'deliveries counted' },
    );
    expect(s.window).toBe('1m');
    expect(s.seconds).toBeGreaterThanOrEqual(60);
    expect(s.seconds).toBeLessThanOrEqual(121);
    expect(s.operational.totals).toMatchObject({ accepted: 3, rejected: 0, delivered: 3, replayed: 0 });
    expect(flow(s.operational, 'KZ', 'BY')).toMatchObject({ count: 2, delivered: 2 });
    expect(flow(s.operational, 'KZ', 'BY')!.rate).toBeCloseTo(2 / s.seconds, 5);
    expect(flow(s.operational, 'KZ', 'RU')).toMatchObject({ count: 1, delivered: 1 });
    expect(flow(s.operational, 'BY', 'KZ')).toBeUndefined();
    expect(s.exercise.flows).toEqual([
      expect.objectContaining({ sender: 'BY', recipient: 'KZ', count: 1, delivered: 1 }),
    ]);
    const members = new Map(s.members.map((m) => [m.member, m]));
    for (const m of MEMBERS) expect(members.get(m)?.lastSeen).not.toBeNull();
    expect(members.get('UZ')).toMatchObject({ lastSeen: null, backlog: 0 });
    expect((await stats()).window).toBe('1h');
  });

  it('counts refusals by code and the refused sender as seen', async () => {
    const before = Date.parse((await stats('1h')).members.find((m) => m.member === 'KZ')!.lastSeen!);
    const m = makeMessage({ from: 'KZ', to: ['ZZ'], sequence: 1_000_000, header: { exercise: false } });
    await wire.submit('KZ', m.bytes, m.messageId);
    const s = await waitFor(
      async () => {
        const r = await stats('1h');
        return r.operational.totals['rejected'] === 1 ? r : undefined;
      },
      { timeoutMs: 15_000, message: 'refusal counted' },
    );
    expect(s.operational.refusals).toEqual([{ code: 'ERR_RECIPIENT_UNKNOWN', count: 1 }]);
    expect(Date.parse(s.members.find((x) => x.member === 'KZ')!.lastSeen!)).toBeGreaterThan(before);
    await waitFor(() => all.events.some((e) => e.event === 'rejected' && e.data['messageId'] === m.messageId), {
      message: 'rejected event in the feed',
    });
  });

  it('shows the backlog of a member whose agent is stopped', async () => {
    await agents['RU']!.stop();
    await send('KZ', ['RU'], 5, false);
    await send('KZ', ['RU'], 6, false);
    const s = await waitFor(
      async () => {
        const r = await stats('1m');
        const ru = r.members.find((m) => m.member === 'RU');
        return (ru?.backlog ?? 0) >= 2 && flow(r.operational, 'KZ', 'RU')?.count === 3 ? r : undefined;
      },
      { timeoutMs: 15_000, message: "RU's backlog" },
    );
    expect(flow(s.operational, 'KZ', 'RU')).toMatchObject({ count: 3, delivered: 1 });
  });

  it('is complete with several replicas: an event another gateway publishes shows in the feed and the stats', async () => {
    const messageId = uuidv7();
    const event = {
      kind: 'accepted',
      at: new Date().toISOString(),
      messageId,
      sender: 'UZ',
      recipients: ['KZ', 'BY'],
      payloadType: 'atc.v1.Notice',
      exercise: false,
    };
    replica.publish(Subjects.events, JSON.stringify(event));
    // Malformed events from the subject are dropped, not counted.
    replica.publish(Subjects.events, '{"kind": "accepted", "at": "yesterday"}');
    replica.publish(Subjects.events, 'not json');
    await replica.flush();
    await waitFor(() => all.events.some((e) => e.data['messageId'] === messageId), { message: 'event in the feed' });
    expect(all.events.find((e) => e.data['messageId'] === messageId)!.data).toEqual(event);
    const s = await stats('1m');
    expect(flow(s.operational, 'UZ', 'KZ')).toMatchObject({ count: 1 });
    expect(flow(s.operational, 'UZ', 'BY')).toMatchObject({ count: 1 });
    expect(s.members.find((m) => m.member === 'UZ')!.lastSeen).toBe(event.at);
    expect(s.operational.totals['accepted']).toBe(6);
    all.close();
    ruOnly.close();
  });

  it('keeps the statistics across a gateway restart, rebuilt from the archive', async () => {
    const before = await stats('1h');
    await gw.stop();
    gw = await startFederationGateway({ nats, dataDir: gw.dataDir });
    const after = await stats('1h');
    // What the archive holds comes back; the event published only on the wire does not.
    expect(after.operational.totals).toMatchObject({
      accepted: before.operational.totals['accepted']! - 1,
      rejected: 1,
      delivered: before.operational.totals['delivered'],
    });
    for (const [s, r] of [
      ['KZ', 'BY'],
      ['KZ', 'RU'],
    ] as const) {
      expect(flow(after.operational, s, r)).toMatchObject({
        count: flow(before.operational, s, r)!.count,
        delivered: flow(before.operational, s, r)!.delivered,
      });
    }
    // Rates differ with the moment asked; the counts must not.
    const counts = (t: Traffic) => t.flows.map(({ rate: _rate, ...f }) => f);
    expect(counts(after.exercise)).toEqual(counts(before.exercise));
    expect(after.operational.refusals).toEqual([{ code: 'ERR_RECIPIENT_UNKNOWN', count: 1 }]);
    const lastSeen = (s: Stats, m: string) => s.members.find((x) => x.member === m)?.lastSeen;
    for (const m of MEMBERS) expect(lastSeen(after, m)).not.toBeNull();
    // The live event is stamped when the pipeline publishes it, the archive row when written:
    // a few milliseconds apart within one batch.
    expect(Math.abs(Date.parse(lastSeen(after, 'KZ')!) - Date.parse(lastSeen(before, 'KZ')!))).toBeLessThan(1000);
    // A stop and a start of the gateway (its data bank catching up included) on a busy machine.
  }, 90_000);
});

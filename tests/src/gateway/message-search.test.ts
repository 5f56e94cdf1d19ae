// Message search for operators (GET /v1/messages) through real HTTP on a running gateway, on
// both archive engines: every filter alone and combined, cursor walks while messages keep
// arriving, operational and exercise traffic apart, partial pages at a small scan budget,
// every refused input with its code, and who may search.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToken, batchWrite, openArchive, type Archive, type ArchivedMessageRow } from '@atc/gateway';
import { ErrorCode, PayloadType } from '@atc/shared';
import { fixtureKey } from '@atc/shared/testing';
import {
  ARCHIVE_BACKENDS,
  startFederationGateway,
  startNatsServer,
  type GatewayFixture,
  type NatsServerHandle,
  type TestArchiveLocation,
} from '@atc/tests';
import { person, withdrawal } from '../databank/bank-rows.js';

/** Entries a page may examine here: small, so that rare filters give partial pages. */
const BUDGET = 50;
/** Archive time of the first fixture message: 2026-03-01T08:00:00Z; pairs of messages share a millisecond. */
const T0 = Date.UTC(2026, 2, 1, 8, 0, 0);
const SENDERS = ['KZ', 'BY', 'UZ', 'TJ'] as const;
const MEMBERS = ['KZ', 'BY', 'RU', 'UZ', 'TJ'] as const;
const COUNT = 64;

type State = 'pending' | 'routed' | 'delivered';

/** What the test wrote, to compute each search's expected answer. */
interface Fixture {
  readonly n: number;
  readonly messageId: string;
  readonly sender: string;
  readonly payloadType: string;
  readonly exercise: boolean;
  readonly archivedAt: number;
  readonly copies: ReadonlyMap<string, State>;
}

interface Item {
  messageId: string;
  sender: string;
  recipients: { recipient: string; state: State; routedAt: string | null; deliveredAt: string | null }[];
  status: State;
  payloadType: string;
  archivedAt: string;
  createdAt: string;
  exercise: boolean;
  tlp: number;
  urgency: number;
  correlationId: string | null;
  leafIndex: number | null;
  size: number;
  payloadErasedAt: string | null;
}

interface Page {
  exercise: boolean;
  items: Item[];
  nextCursor: string | null;
  partial: boolean;
  examined: number;
}

interface Problem {
  code: string;
  detail: string;
  errors?: { field: string; message: string }[];
}

function statusOf(f: Fixture): State {
  const states = [...f.copies.values()];
  return states.includes('pending') ? 'pending' : states.includes('routed') ? 'routed' : 'delivered';
}

/** Fixture message `i`: senders, types, namespaces, times and delivery states all vary with `i`. */
function fixtureOf(i: number, n: number): { row: ArchivedMessageRow; fixture: Fixture } {
  const sender = SENDERS[i % 4]!;
  const exercise = i % 5 === 0;
  const base =
    i % 3 === 0
      ? withdrawal(sender, n + 1, sender, `${sender}-S-${n}`, { exercise })
      : person(sender, n + 1, `${sender}-S-${n}`, 1, { exercise });
  const archivedAt = T0 + Math.floor(n / 2) * 1000;
  const row = { ...base, archivedAt, createdAt: archivedAt - 50 };
  const others = MEMBERS.filter((m) => m !== sender);
  const recipients: string[] = [others[i % 4]!, others[(i + 1) % 4]!];
  // The oldest operational message alone also goes to a member nobody else writes to: a rare filter.
  if (n === 1) recipients.push('TM');
  const copies = new Map<string, State>(
    recipients.map((r, k) => [r, i % 7 === 0 ? 'pending' : i % 7 === 1 && k === 0 ? 'routed' : 'delivered']),
  );
  return {
    row,
    fixture: {
      n,
      messageId: row.messageId,
      sender,
      payloadType: row.payloadType,
      exercise,
      archivedAt,
      copies,
    },
  };
}

/** Archives `rows` as the pipeline leaves them: committed, then routed and acknowledged per copy. */
async function archiveAll(archive: Archive, made: readonly { row: ArchivedMessageRow; fixture: Fixture }[]) {
  await archive.committer.commit(
    batchWrite({
      messages: made.map((m) => m.row),
      deliveries: made.flatMap((m) =>
        [...m.fixture.copies.keys()].map((recipient) => ({ messageId: m.row.messageId, recipient })),
      ),
    }),
  );
  const routes = made.flatMap((m) => {
    const recipients = [...m.fixture.copies].filter(([, s]) => s !== 'pending').map(([r]) => r);
    return recipients.length === 0 ? [] : [{ messageId: m.row.messageId, recipients }];
  });
  await archive.store.markPublished({ routes, receiptIds: [] }, T0 + 3_600_000);
  const delivered = made.flatMap((m) =>
    [...m.fixture.copies]
      .filter(([, s]) => s === 'delivered')
      .map(([recipient]) => ({
        messageId: m.row.messageId,
        recipient,
        at: T0 + 7_200_000,
        ackMessageId: m.row.messageId,
      })),
  );
  await archive.committer.commit(batchWrite({ delivered }));
}

let nats: NatsServerHandle;

beforeAll(async () => {
  nats = await startNatsServer();
}, 60_000);

afterAll(async () => {
  await nats.stop();
});

describe.each(ARCHIVE_BACKENDS)('GET /v1/messages on $name', (backend) => {
  let location: TestArchiveLocation;
  let gw: GatewayFixture;
  let archive: Archive;
  let operator: string;
  let auditor: string;
  const written: Fixture[] = [];
  let next = 0;

  /** Writes `count` more messages, newer than every one before. */
  async function addMessages(count: number): Promise<Fixture[]> {
    const made = Array.from({ length: count }, () => {
      const n = next++;
      return fixtureOf(n, n);
    });
    await archiveAll(archive, made);
    written.push(...made.map((m) => m.fixture));
    return made.map((m) => m.fixture);
  }

  beforeAll(async () => {
    location = await backend.create();
    gw = await startFederationGateway({
      nats,
      archive: location.location,
      // The fixture's pending copies stay pending: the gateway would otherwise route them again
      // (and mark them routed) once they are seen pending twice.
      env: { ATC_MESSAGE_SEARCH_SCAN_BUDGET: String(BUDGET), ATC_PENDING_SWEEP: '1h' },
    });
    const tokens = join(gw.dataDir, 'tokens.json');
    operator = addToken(tokens, { name: 'test-operator', role: 'operator' }, Date.now()).token;
    auditor = addToken(tokens, { name: 'test-auditor', role: 'auditor' }, Date.now()).token;
    archive = await openArchive({
      location: location.location,
      gatewayId: 'ATC',
      logOrigin: 'atc-exchange/ATC',
      key: fixtureKey('ATC'),
      clock: () => Date.now(),
    });
    await addMessages(COUNT);
  }, 60_000);

  afterAll(async () => {
    await archive.close();
    await gw.destroy();
    await location.dispose();
  });

  function get(query: string, token: string | null = operator): Promise<Response> {
    return gw.api(
      `/v1/messages${query === '' ? '' : `?${query}`}`,
      token === null ? {} : { authorization: `Bearer ${token}` },
    );
  }

  async function page(query: string): Promise<Page> {
    const res = await get(query);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as Page;
  }

  /** Every page of a search; checks that none repeats an item. */
  async function walk(
    query: string,
    limit = 7,
    between?: () => Promise<void>,
  ): Promise<{ items: Item[]; pages: Page[] }> {
    const items: Item[] = [];
    const pages: Page[] = [];
    let cursor: string | null = null;
    do {
      const p = await page(
        [query, `limit=${limit}`, cursor === null ? '' : `cursor=${cursor}`].filter((s) => s !== '').join('&'),
      );
      pages.push(p);
      items.push(...p.items);
      expect(p.items.length).toBeLessThanOrEqual(limit);
      cursor = p.nextCursor;
      if (between !== undefined) await between();
      expect(pages.length).toBeLessThan(200);
    } while (cursor !== null);
    const ids = items.map((i) => i.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    return { items, pages };
  }

  /** The ids a search should find, newest first, among the messages written so far. */
  function expected(match: (f: Fixture) => boolean, exercise = false): string[] {
    return written
      .filter((f) => f.exercise === exercise && match(f))
      .sort((a, b) => b.archivedAt - a.archivedAt || b.n - a.n)
      .map((f) => f.messageId);
  }

  it('lists operational messages newest first with their metadata and routing, never payload content', async () => {
    const { items, pages } = await walk('');
    expect(items.map((i) => i.messageId)).toEqual(expected(() => true));
    expect(items.every((i) => !i.exercise)).toBe(true);
    expect(pages.every((p) => !p.exercise && !p.partial)).toBe(true);
    const f = written.find((w) => w.n === 1)!;
    const item = items.find((i) => i.messageId === f.messageId)!;
    expect(item).toMatchObject({
      sender: f.sender,
      payloadType: f.payloadType,
      archivedAt: new Date(f.archivedAt).toISOString(),
      createdAt: new Date(f.archivedAt - 50).toISOString(),
      status: 'routed',
      exercise: false,
      tlp: expect.any(Number) as number,
      urgency: expect.any(Number) as number,
      correlationId: null,
      payloadErasedAt: null,
    });
    expect(item.leafIndex).toEqual(expect.any(Number));
    expect(item.size).toBeGreaterThan(100);
    expect(item.recipients).toEqual(
      [...f.copies]
        .map(([recipient, state]) => ({
          recipient,
          state,
          routedAt: state === 'pending' ? null : new Date(T0 + 3_600_000).toISOString(),
          deliveredAt: state === 'delivered' ? new Date(T0 + 7_200_000).toISOString() : null,
        }))
        .sort((a, b) => (a.recipient < b.recipient ? -1 : 1)),
    );
    expect(Object.keys(item)).not.toContain('payload');
    expect(Object.keys(item)).not.toContain('envelope');
  });

  it('keeps exercise traffic apart: exercise=true lists only it, and every item says so', async () => {
    const { items, pages } = await walk('exercise=true');
    expect(items.map((i) => i.messageId)).toEqual(expected(() => true, true));
    expect(items.length).toBeGreaterThan(5);
    expect(items.every((i) => i.exercise)).toBe(true);
    expect(pages.every((p) => p.exercise)).toBe(true);
    const operational = await walk('exercise=false');
    expect(operational.items.map((i) => i.messageId)).toEqual(expected(() => true));
  });

  const single: [string, (f: Fixture) => boolean][] = [
    ['sender=UZ', (f) => f.sender === 'UZ'],
    ['recipient=KZ', (f) => f.copies.has('KZ')],
    [`payloadType=${PayloadType.RecordWithdrawal}`, (f) => f.payloadType === PayloadType.RecordWithdrawal],
    [`payloadType=${PayloadType.IncidentReport}`, () => false],
    ['status=pending', (f) => statusOf(f) === 'pending'],
    ['status=routed', (f) => statusOf(f) === 'routed'],
    ['status=delivered', (f) => statusOf(f) === 'delivered'],
    ['from=2026-03-01T08:00:10Z', (f) => f.archivedAt >= T0 + 10_000],
    ['to=2026-03-01T08:00:10Z', (f) => f.archivedAt < T0 + 10_000],
    ['from=2026-03-01T13:00:05%2B05:00', (f) => f.archivedAt >= T0 + 5_000],
  ];
  it.each(single)('filters by %s alone', async (query, match) => {
    const { items } = await walk(query);
    expect(items.map((i) => i.messageId)).toEqual(expected(match));
  });

  it('finds one message by its id, in its namespace only', async () => {
    const f = written.find((w) => w.n === 7)!;
    expect((await walk(`messageId=${f.messageId}`)).items.map((i) => i.messageId)).toEqual([f.messageId]);
    expect((await walk(`messageId=${f.messageId}&exercise=true`)).items).toEqual([]);
  });

  const combined: [string, (f: Fixture) => boolean][] = [
    [
      `sender=BY&payloadType=${PayloadType.PersonRecord}`,
      (f) => f.sender === 'BY' && f.payloadType === PayloadType.PersonRecord,
    ],
    ['sender=UZ&status=delivered', (f) => f.sender === 'UZ' && statusOf(f) === 'delivered'],
    // With a recipient, the status is that recipient's copy's.
    ['recipient=RU&status=routed', (f) => f.copies.get('RU') === 'routed'],
    ['recipient=BY&status=delivered', (f) => f.copies.get('BY') === 'delivered'],
    [
      `recipient=UZ&payloadType=${PayloadType.PersonRecord}&status=pending`,
      (f) => f.copies.get('UZ') === 'pending' && f.payloadType === PayloadType.PersonRecord,
    ],
    [
      'sender=KZ&recipient=RU&from=2026-03-01T08:00:04Z&to=2026-03-01T08:00:25Z',
      (f) => f.sender === 'KZ' && f.copies.has('RU') && f.archivedAt >= T0 + 4000 && f.archivedAt < T0 + 25_000,
    ],
  ];
  it.each(combined)('combines filters: %s', async (query, match) => {
    const { items } = await walk(query, 3);
    expect(items.map((i) => i.messageId)).toEqual(expected(match));
  });

  it('walks every match exactly once while new messages are archived between pages', async () => {
    const before = expected(() => true);
    const { items } = await walk('', 4, async () => {
      await addMessages(2);
    });
    // The walk ends where the archive ended when it began: no gap, no repeat, nothing newer.
    expect(items.map((i) => i.messageId)).toEqual(before);
    // A new walk sees the newer messages first.
    const fresh = await walk('');
    expect(fresh.items.map((i) => i.messageId)).toEqual(expected(() => true));
  });

  it('returns a partial page with a cursor to search further when the scan budget runs out', async () => {
    // Only the oldest operational message went to TM: every newer operational entry is examined first.
    const { items, pages } = await walk('recipient=TM', 10);
    expect(items.map((i) => i.messageId)).toEqual([written.find((w) => w.n === 1)!.messageId]);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]).toMatchObject({ items: [], partial: true, examined: BUDGET });
    expect(pages[0]!.nextCursor).not.toBeNull();
    expect(pages.at(-1)!.nextCursor).toBeNull();
    // Without checks per entry a page never stops early, whatever the budget.
    const plain = await page('sender=TJ&limit=200');
    expect(plain.partial).toBe(false);
    expect(plain.items.map((i) => i.messageId)).toEqual(expected((f) => f.sender === 'TJ'));
  });

  it('starts searches for pending copies from the open copies, so their pages are never partial', async () => {
    const { items, pages } = await walk('status=pending', 2);
    expect(items.map((i) => i.messageId)).toEqual(expected((f) => statusOf(f) === 'pending'));
    expect(pages.every((p) => !p.partial)).toBe(true);
  });

  it('refuses every bad input with its code, naming the parameter', async () => {
    const exerciseCursor = (await page('exercise=true&limit=1')).nextCursor!;
    const foreign = Buffer.from(JSON.stringify({ l: 'withdrawals/operational', k: [1, 2] })).toString('base64url');
    const cases: [string, string, string | undefined][] = [
      ['colour=red', ErrorCode.QUERY_INVALID, 'colour'],
      ['sender=kz', ErrorCode.QUERY_INVALID, 'sender'],
      ['recipient=K', ErrorCode.QUERY_INVALID, 'recipient'],
      ['sender=KZ&sender=RU', ErrorCode.QUERY_INVALID, 'sender'],
      ['payloadType=atc.v1.Unknown', ErrorCode.QUERY_INVALID, 'payloadType'],
      ['status=lost', ErrorCode.QUERY_INVALID, 'status'],
      ['exercise=yes', ErrorCode.QUERY_INVALID, 'exercise'],
      ['messageId=42', ErrorCode.QUERY_INVALID, 'messageId'],
      ['from=yesterday', ErrorCode.QUERY_INVALID, 'from'],
      ['from=2026-03-01T08:00:00', ErrorCode.QUERY_INVALID, 'from'],
      ['to=2026-02-31T00:00:00Z', ErrorCode.QUERY_INVALID, 'to'],
      ['from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z', ErrorCode.QUERY_INVALID, 'from'],
      ['limit=0', ErrorCode.QUERY_INVALID, 'limit'],
      ['limit=201', ErrorCode.QUERY_INVALID, 'limit'],
      ['limit=ten', ErrorCode.QUERY_INVALID, 'limit'],
      ['cursor=not-a-cursor', ErrorCode.CURSOR_INVALID, undefined],
      [`cursor=${exerciseCursor}`, ErrorCode.CURSOR_INVALID, undefined],
      [`cursor=${foreign}`, ErrorCode.CURSOR_INVALID, undefined],
    ];
    for (const [query, code, field] of cases) {
      const res = await get(query);
      expect(res.status, query).toBe(400);
      expect(res.headers.get('content-type'), query).toContain('application/problem+json');
      const problem = (await res.json()) as Problem;
      expect(problem.code, query).toBe(code);
      if (field !== undefined)
        expect(
          problem.errors?.map((e) => e.field),
          query,
        ).toEqual([field]);
    }
    // The exercise cursor is good in its own namespace.
    expect((await page(`exercise=true&limit=1&cursor=${exerciseCursor}`)).items).toHaveLength(1);
  });

  it('is documented in the OpenAPI description with its parameters and response', async () => {
    const doc = (await (await gw.api('/docs/json', {})).json()) as {
      paths: Record<string, { get?: { parameters?: { name: string }[]; responses?: Record<string, unknown> } }>;
    };
    const route = doc.paths['/v1/messages']?.get;
    expect(route?.parameters?.map((p) => p.name).sort()).toEqual(
      ['cursor', 'exercise', 'from', 'limit', 'messageId', 'payloadType', 'recipient', 'sender', 'status', 'to'].sort(),
    );
    expect(JSON.stringify(route?.responses?.['200'])).toContain('partial');
  });

  it('answers operators, auditors and admins, and refuses a request without a token', async () => {
    for (const token of [operator, auditor, gw.adminToken]) expect((await get('limit=1', token)).status).toBe(200);
    const res = await get('limit=1', null);
    expect(res.status).toBe(401);
    expect(((await res.json()) as Problem).code).toMatch(/^ERR_/);
    expect((await get('limit=1', 'not-a-token')).status).toBe(401);
  });
});

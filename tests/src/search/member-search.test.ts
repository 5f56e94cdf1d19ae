// Members search the data bank through their agent, end to end over NATS with a real gateway and
// three agents, on both archive engines: a Cyrillic query finds a record another member published
// in Latin letters; hit/no-hit hides the content of TLP:RED records, of TLP:AMBER+STRICT records
// from members outside their recipients and of records marked hit/no-hit only; exercise queries
// and operational records never meet; query and result are archived leaves of the log; a search
// that outlasts its wait answers 202 and is polled; "request details" sends an InformationRequest
// about the hit's record; bad input, a suspended member and a result for a query never sent are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { addToken, openArchiveDb, type SqlDb } from '@atc/gateway';
import { atc, inboxSubject, PayloadType, signEnvelope, uuidv7 } from '@atc/shared';
import {
  ARCHIVE_BACKENDS,
  runBin,
  TEST_API_KEY,
  startTestFederation,
  waitFor,
  type AgentFixture,
  type TestArchiveLocation,
  type TestFederation,
} from '@atc/tests';

type Body = Record<string, unknown>;
interface Hit {
  n: number;
  originator: string;
  recordId: string;
  version: number;
  score: number;
  reasons: string[];
  restricted: boolean;
  subjectId: string | null;
  content: Body | null;
  contentProblem: unknown;
}

const PURPOSE = 'Check of a fictitious person for a test case (synthetic test data)';
const LEGAL_BASIS = 'Fictitious agreement on information exchange, art. 5';

let fed: TestFederation;
let kz: AgentFixture;
let by: AgentFixture;
let ru: AgentFixture;
let archive: TestArchiveLocation;
let db: SqlDb;
/** Tokens of the centre: an operator, an auditor, and an operator whose searches hit the rate limit. */
const tokens = { operator: '', auditor: '', busy: '' };

/** POST /v1/databank/search on the gateway with `token`. */
async function centreSearch(
  token: string,
  body: Body,
): Promise<{ status: number; body: Body; retryAfter: string | null }> {
  const res = await fetch(new URL('/v1/databank/search', fed.gateway.gateway.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Body, retryAfter: res.headers.get('retry-after') };
}

/** The gateway's audit rows of data bank searches, newest first. */
async function searchAudit(): Promise<
  { actor: string; role: string; subject: string; reason: string; details: Body }[]
> {
  const res = await fed.gateway.api('/v1/audit?action=databank.search&limit=100');
  expect(res.status).toBe(200);
  return (
    (await res.json()) as { items: { actor: string; role: string; subject: string; reason: string; details: Body }[] }
  ).items;
}

/** KZ publishes a fictitious person record and waits for the centre's ACCEPTED receipt. */
async function publish(
  recordId: string,
  names: readonly { script: string; family: string; given: string }[],
  handling: Body,
  to: readonly string[],
  exercise = false,
): Promise<void> {
  const res = await kz.api('POST', '/v1/messages', {
    type: 'PersonRecord',
    recipients: [...to],
    handling,
    purpose: 'Counter-terrorism information exchange (synthetic test data)',
    legalBasis: LEGAL_BASIS,
    exercise,
    record: {
      recordId,
      version: 1,
      category: 'SUSPECT',
      names: names.map((n) => ({
        script: n.script,
        parts: [
          { type: 'FAMILY', value: n.family },
          { type: 'GIVEN', value: n.given },
        ],
      })),
      dateOfBirth: { year: 1981, month: 3 },
      nationalities: ['KZ'],
      summary: 'Fictitious person for tests.',
    },
  });
  expect(res.status).toBe(202);
  const id = res.body['messageId'] as string;
  await waitFor(async () => (await kz.api('GET', `/v1/messages/${id}`)).body['status'] === 'accepted', {
    timeoutMs: 15_000,
    message: `KZ's record ${recordId} accepted`,
  });
}

/** A search body for one name. */
function search(family: string, given: string, extra: Body = {}): Body {
  return {
    names: [
      {
        parts: [
          { type: 'FAMILY', value: family },
          { type: 'GIVEN', value: given },
        ],
      },
    ],
    purpose: PURPOSE,
    legalBasis: LEGAL_BASIS,
    ...extra,
  };
}

/** Searches through `agent` and returns the answer (200). */
async function found(
  agent: AgentFixture,
  body: Body,
): Promise<{ searchId: string; resultMessageId: string; hits: Hit[] }> {
  const res = await agent.api('POST', '/v1/databank/search', { waitMs: 15_000, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as unknown as { searchId: string; resultMessageId: string; hits: Hit[] };
}

const hitOf = (hits: readonly Hit[], recordId: string): Hit | undefined => hits.find((h) => h.recordId === recordId);

describe.each(ARCHIVE_BACKENDS)("members' searches through their agent on $name", (backend) => {
  beforeAll(async () => {
    archive = await backend.create();
    fed = await startTestFederation({
      archive: archive.location,
      members: { KZ: {}, BY: {}, RU: {} },
      wire: true,
      // One search a minute after a burst of 30: the rate test exhausts its own token's burst.
      gatewayEnv: { ATC_SEARCH_RATE_PER_MINUTE: '1', ATC_SEARCH_RATE_BURST: '30' },
    });
    Object.assign(tokens, { operator: '', auditor: '', busy: '' });
    for (const role of ['operator', 'auditor', 'operator'] as const) {
      const name = role === 'auditor' ? 'testov-auditor' : tokens.operator === '' ? 'testov-operator' : 'testov-busy';
      const { token } = addToken(join(fed.gateway.dataDir, 'tokens.json'), { name, role }, Date.now());
      if (role === 'auditor') tokens.auditor = token;
      else if (tokens.operator === '') tokens.operator = token;
      else tokens.busy = token;
    }
    [kz, by, ru] = [fed.agent('KZ'), fed.agent('BY'), fed.agent('RU')];
    db = await openArchiveDb(archive.location);
    const latin = (family: string, given: string) => [{ script: 'Latn', family, given }];
    await publish('KZ-P-SRCH-AMBER', latin('Primerov', 'Aleksandr'), { tlp: 'AMBER' }, ['BY']);
    await publish('KZ-P-SRCH-RED', latin('Krasnov', 'Timur'), { tlp: 'RED' }, ['BY']);
    await publish('KZ-P-SRCH-STRICT', latin('Strogov', 'Ruslan'), { tlp: 'AMBER_STRICT' }, ['BY']);
    await publish('KZ-P-SRCH-HNH', latin('Skrytov', 'Marat'), { tlp: 'GREEN', hitNoHitOnly: true }, ['BY']);
    await publish('KZ-P-SRCH-EXER', latin('Uchebnov', 'Oleg'), { tlp: 'GREEN' }, ['BY'], true);
  }, 120_000);

  afterAll(async () => {
    await db?.close();
    await fed?.close();
    await archive?.dispose();
  });

  it('finds a record published in Latin letters from a Cyrillic query, with its verified content and reasons', async () => {
    const { hits, searchId, resultMessageId } = await found(ru, search('Примеров', 'Александр'));
    const hit = hitOf(hits, 'KZ-P-SRCH-AMBER');
    expect(hit).toMatchObject({ originator: 'KZ', version: 1, restricted: false, contentProblem: null });
    expect(hit?.score).toBeGreaterThan(0.5);
    expect(hit?.reasons.length).toBeGreaterThan(0);
    expect(JSON.stringify(hit?.content)).toContain('Primerov');
    // Query and answer are signed leaves of the log: who searched, for whom, and the answer.
    const rows = await db.all<{
      message_id: string;
      sender: string;
      payload_type: string;
      in_reply_to: string | null;
      leaf_index: number | null;
      correlation_id: string | null;
    }>(
      'SELECT message_id, sender, payload_type, in_reply_to, correlation_id, leaf_index FROM messages WHERE message_id IN (?, ?) ORDER BY leaf_index',
      [searchId, resultMessageId],
    );
    expect(rows.map((r) => [r.sender, r.payload_type, r.leaf_index !== null])).toEqual([
      ['RU', PayloadType.DataBankQuery, true],
      ['ATC', PayloadType.DataBankResult, true],
    ]);
    expect(rows[1]).toMatchObject({ in_reply_to: searchId, correlation_id: searchId });
    // Polling again gives the same answer.
    const again = await ru.api('GET', `/v1/databank/searches/${searchId}`);
    expect(again.body).toMatchObject({ status: 'done', resultMessageId });
  });

  it.each([
    ['TLP:RED, asked by a member outside its recipients', 'RU', 'Краснов', 'Тимур', 'KZ-P-SRCH-RED'],
    ['TLP:RED, asked by one of its recipients', 'BY', 'Krasnov', 'Timur', 'KZ-P-SRCH-RED'],
    ['TLP:AMBER+STRICT, asked by a member outside its recipients', 'RU', 'Строгов', 'Руслан', 'KZ-P-SRCH-STRICT'],
    ['hit/no-hit only', 'BY', 'Skrytov', 'Marat', 'KZ-P-SRCH-HNH'],
  ])(
    'answers hit/no-hit for %s: originator, reference and score, no content',
    async (_name, asker, family, given, recordId) => {
      const { hits } = await found(fed.agent(asker), search(family, given));
      const hit = hitOf(hits, recordId);
      expect(hit).toMatchObject({ originator: 'KZ', restricted: true, reasons: [], content: null, subjectId: null });
      expect(hit?.score).toBeGreaterThan(0.5);
    },
  );

  it('gives TLP:AMBER+STRICT content to a member among its recipients, and every record to its originator', async () => {
    expect(hitOf((await found(by, search('Strogov', 'Ruslan'))).hits, 'KZ-P-SRCH-STRICT')).toMatchObject({
      restricted: false,
    });
    expect(hitOf((await found(kz, search('Krasnov', 'Timur'))).hits, 'KZ-P-SRCH-RED')).toMatchObject({
      restricted: false,
    });
  });

  it('keeps exercise queries and operational records apart', async () => {
    expect(hitOf((await found(ru, search('Uchebnov', 'Oleg'))).hits, 'KZ-P-SRCH-EXER')).toBeUndefined();
    expect(
      hitOf((await found(ru, search('Uchebnov', 'Oleg', { exercise: true }))).hits, 'KZ-P-SRCH-EXER'),
    ).toBeDefined();
    expect(
      hitOf((await found(ru, search('Primerov', 'Aleksandr', { exercise: true }))).hits, 'KZ-P-SRCH-AMBER'),
    ).toBeUndefined();
  });

  it('answers 202 with a URL when the answer takes longer than the wait, then done when polled', async () => {
    const res = await ru.api('POST', '/v1/databank/search', search('Primerov', 'Aleksandr', { waitMs: 0 }));
    expect(res.status).toBe(202);
    expect(res.body['status']).toBe('pending');
    const location = res.headers.get('location') ?? '';
    expect(location).toBe(`/v1/databank/searches/${res.body['searchId'] as string}`);
    const done = await waitFor(
      async () => {
        const polled = await ru.api('GET', location);
        return polled.body['status'] === 'done' ? polled.body : false;
      },
      { timeoutMs: 15_000, message: 'the search answered' },
    );
    expect(hitOf(done['hits'] as Hit[], 'KZ-P-SRCH-AMBER')).toBeDefined();
    expect((await ru.api('GET', `/v1/databank/searches/${uuidv7()}`)).status).toBe(404);
  });

  it('requests the details of a restricted hit from its originator with an InformationRequest about the record', async () => {
    const { searchId, hits } = await found(ru, search('Краснов', 'Тимур'));
    const hit = hitOf(hits, 'KZ-P-SRCH-RED')!;
    const res = await ru.api('POST', `/v1/databank/searches/${searchId}/hits/${hit.n}/request`, {
      questions: ['What is known of this fictitious person?'],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toMatchObject({
      recipient: 'KZ',
      about: { originator: 'KZ', recordId: 'KZ-P-SRCH-RED', version: 1 },
    });
    const item = await waitFor(
      async () => {
        const got = await kz.api('GET', `/v1/inbox/${res.body['messageId'] as string}`);
        return got.status === 200 ? got.body : false;
      },
      { timeoutMs: 15_000, message: "KZ received RU's InformationRequest" },
    );
    expect(item['record']).toMatchObject({ about: [{ originator: 'KZ', recordId: 'KZ-P-SRCH-RED', version: 1 }] });
    expect(item['header']).toMatchObject({ purpose: PURPOSE, legalBasis: LEGAL_BASIS, correlationId: searchId });
    expect(
      (await ru.api('POST', `/v1/databank/searches/${searchId}/hits/49/request`, { questions: ['?'] })).status,
    ).toBe(404);
  });

  it.each([
    [
      'a single letter',
      { names: [{ parts: [{ type: 'FAMILY', value: 'T' }] }], purpose: PURPOSE, legalBasis: LEGAL_BASIS },
      'ERR_QUERY_TOO_BROAD',
    ],
    [
      'only a year of birth',
      { dateOfBirth: { year: 1981 }, purpose: PURPOSE, legalBasis: LEGAL_BASIS },
      'ERR_QUERY_TOO_BROAD',
    ],
    ['an absurd limit', search('Primerov', 'Aleksandr', { limit: 100_000 }), 'ERR_QUERY_LIMIT_INVALID'],
    ['a script the search does not read', search('Τεστόπουλος', 'Νίκος'), 'ERR_QUERY_NAME_UNREADABLE'],
    ['a name of digits', search('12345', 'Aleksandr'), 'ERR_QUERY_NAME_UNREADABLE'],
  ])('refuses %s at the API with its code, sending nothing', async (_name, body, code) => {
    const res = await ru.api('POST', '/v1/databank/search', body);
    expect(res.status).toBe(422);
    expect(res.body['code']).toBe(code);
    expect(String(res.body['detail'])).not.toBe('');
  });

  it('refuses a search without purpose or legal basis, and a body that is not UTF-8', async () => {
    const { purpose: _p, ...noPurpose } = search('Primerov', 'Aleksandr', { dateOfBirth: { year: 1982, month: 3 } });
    expect((await ru.api('POST', '/v1/databank/search', noPurpose)).status).toBe(400);
    const res = await fetch(new URL('/v1/databank/search', ru.agent.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' },
      body: Buffer.concat([
        Buffer.from('{"names":[{"parts":[{"value":"Prim'),
        Buffer.from([0xff, 0xfe]),
        Buffer.from(`erov"}]}],"purpose":"${PURPOSE}","legalBasis":"x"}`),
      ]),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Body)['code']).toBe('ERR_UTF8_INVALID');
  });

  it('ignores a result for a query the agent never sent: quarantined with its code, counted, never returned', async () => {
    const queryId = uuidv7();
    const forged = signEnvelope(fed.gateway.gatewayKey, {
      header: {
        sender: 'ATC',
        recipients: ['RU'],
        senderSequence: 1,
        inReplyTo: queryId,
        correlationId: queryId,
        handling: { tlp: atc.v1.TlpLevel.TLP_LEVEL_AMBER_STRICT },
        urgency: atc.v1.Urgency.URGENCY_NORMAL,
      },
      payloadType: PayloadType.DataBankResult,
      payload: {
        queryMessageId: queryId,
        hits: [{ record: { originator: 'KZ', recordId: 'KZ-P-SRCH-RED', version: 1 }, score: 999, restricted: true }],
      },
    });
    await fed.wire.js.publish(inboxSubject('RU'), forged.bytes, { msgID: `forged-${forged.messageId}` });
    await waitFor(
      async () => {
        const metrics = await fetch(new URL('/metrics', ru.agent.url)).then((r) => r.text());
        return /atc_agent_inbox_refused_total\{code="ERR_REFERENCE_UNKNOWN"\} [1-9]/.test(metrics);
      },
      { timeoutMs: 15_000, message: 'the unsolicited result refused' },
    );
    expect((await ru.api('GET', `/v1/inbox/${forged.messageId}`)).status).toBe(404);
    expect((await ru.api('GET', `/v1/databank/searches/${queryId}`)).status).toBe(404);
  });

  it("refuses a suspended member's query in the pipeline: the search ends rejected with the code", async () => {
    await fed.gateway.registry.setMemberStatus('RU', 'suspended', { who: 'test', why: 'test of a suspended member' });
    try {
      const res = await ru.api('POST', '/v1/databank/search', search('Primerov', 'Aleksandr', { waitMs: 0 }));
      expect(res.status).toBe(202);
      const rejected = await waitFor(
        async () => {
          const polled = await ru.api('GET', `/v1/databank/searches/${res.body['searchId'] as string}`);
          return polled.body['status'] === 'rejected' ? polled.body : false;
        },
        { timeoutMs: 15_000, message: "the suspended member's query refused" },
      );
      expect(rejected['reason']).toMatchObject({ code: 'ERR_SENDER_SUSPENDED' });
      // A caller that waits hears of the refusal when its receipt comes, not at its timeout: 422.
      const keyed = { 'idempotency-key': `TEST-suspended-${backend.name}` };
      const body = search('Primerov', 'Aleksandr', { waitMs: 25_000 });
      const waited = await ru.api('POST', '/v1/databank/search', body, keyed);
      expect(waited.status, JSON.stringify(waited.body)).toBe(422);
      expect(waited.body['code']).toBe('ERR_SENDER_SUSPENDED');
      expect(String(waited.body['detail'])).toContain('The centre refused the search');
      expect(waited.headers.get('location')).toMatch(/^\/v1\/databank\/searches\//);
      // Its retry has nothing to wait for: the same refusal at once (the test's 30 s would not hold two waits).
      const retried = await ru.api('POST', '/v1/databank/search', body, keyed);
      expect(retried.status).toBe(422);
      expect(retried.headers.get('location')).toBe(waited.headers.get('location'));
    } finally {
      await fed.gateway.registry.setMemberStatus('RU', 'active', { who: 'test', why: 'end of the test' });
    }
  });

  it("lets the centre's operators search through the gateway API, restricted hits without reasons, every search audited", async () => {
    const { legalBasis: _unused, ...body } = search('Примеров', 'Александр');
    const op = await centreSearch(tokens.operator, body);
    expect(op.status, JSON.stringify(op.body)).toBe(200);
    const hits = op.body['hits'] as { recordId: string; score: number; reasons: string[]; restricted: boolean }[];
    const amber = hits.find((h) => h.recordId === 'KZ-P-SRCH-AMBER');
    expect(amber).toMatchObject({ restricted: false });
    expect(amber?.reasons.length).toBeGreaterThan(0);
    expect(JSON.stringify(op.body)).not.toContain('summary');

    for (const [family, given, recordId] of [
      ['Krasnov', 'Timur', 'KZ-P-SRCH-RED'],
      ['Strogov', 'Ruslan', 'KZ-P-SRCH-STRICT'],
      ['Skrytov', 'Marat', 'KZ-P-SRCH-HNH'],
    ] as const) {
      const { legalBasis: _lb, ...q } = search(family, given);
      const asOperator = await centreSearch(tokens.operator, q);
      const restricted = (
        asOperator.body['hits'] as { recordId: string; reasons: string[]; restricted: boolean }[]
      ).find((h) => h.recordId === recordId);
      expect(restricted, recordId).toMatchObject({ restricted: true, reasons: [] });
      const asAuditor = await centreSearch(tokens.auditor, q);
      const seen = (asAuditor.body['hits'] as { recordId: string; reasons: string[]; restricted: boolean }[]).find(
        (h) => h.recordId === recordId,
      );
      expect(seen?.restricted).toBe(true);
      expect(seen?.reasons.length, recordId).toBeGreaterThan(0);
    }

    const rows = await searchAudit();
    const mine = rows.find((r) => r.actor === 'testov-operator' && r.subject === 'search:Примеров Александр');
    expect(mine).toMatchObject({ role: 'operator', reason: PURPOSE });
    expect(mine?.details).toMatchObject({
      terms: { names: ['FAMILY:Примеров GIVEN:Александр'] },
      exercise: false,
      hits: hits.length,
    });
    const byAuditor = rows.filter((r) => r.actor === 'testov-auditor');
    expect(byAuditor).toHaveLength(3);
    // An auditor read the matched records' data: the entry names them. An operator's does not.
    for (const row of byAuditor) expect(row.details['records']).toEqual(expect.arrayContaining([expect.any(String)]));
    expect(byAuditor.some((r) => (r.details['records'] as string[]).includes('KZ/KZ-P-SRCH-RED@1'))).toBe(true);
    expect(mine?.details).not.toHaveProperty('records');
  });

  it("gives operators the reasons of a match without the record's data: not its spelling, documents or date of birth", async () => {
    // A year of birth one apart: the full reasons name the record's keys and its year of birth
    // (1981), which only an auditor may read.
    const { legalBasis: _lb, ...q } = search('Primerov', 'Aleksandr', { dateOfBirth: { year: 1982, month: 3 } });
    const reasonsOf = async (token: string): Promise<string[]> => {
      const answer = await centreSearch(token, q);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      const hit = (answer.body['hits'] as { recordId: string; reasons: string[] }[]).find(
        (h) => h.recordId === 'KZ-P-SRCH-AMBER',
      );
      return hit?.reasons ?? [];
    };
    const full = await reasonsOf(tokens.auditor);
    expect(full.join('; ')).toMatch(/1981/);
    const operator = await reasonsOf(tokens.operator);
    expect(operator.length).toBe(full.length);
    expect(operator.join('; ')).not.toMatch(/1981|1982|PRIMEROV|ALEKSANDR/i);
    expect(operator).toEqual(['family name via key', 'given name via key', 'year of birth one apart']);
  });

  it('takes a withdrawal to the member a search answer quoted the record to, and erases that answer there', async () => {
    // Sent to BY only: RU holds no copy but the one the centre quotes to it in a search's answer.
    await publish('KZ-P-SRCH-WDRW', [{ script: 'Latn', family: 'Otozvanov', given: 'Pavel' }], { tlp: 'GREEN' }, [
      'BY',
    ]);
    const { searchId, hits } = await found(ru, search('Отозванов', 'Павел'));
    const hit = hitOf(hits, 'KZ-P-SRCH-WDRW');
    expect(JSON.stringify(hit?.content)).toContain('Otozvanov');

    const res = await kz.api('POST', '/v1/messages', {
      type: 'RecordWithdrawal',
      recipients: ['BY'],
      handling: { tlp: 'AMBER' },
      purpose: 'Counter-terrorism information exchange (synthetic test data)',
      legalBasis: LEGAL_BASIS,
      exercise: false,
      record: {
        recordId: 'KZ-W-SRCH-WDRW',
        version: 1,
        target: { originator: 'KZ', recordId: 'KZ-P-SRCH-WDRW', version: 0 },
        reason: 'INACCURATE',
        explanation: 'Reported in error (synthetic test data).',
      },
    });
    expect(res.status).toBe(202);
    const withdrawalId = res.body['messageId'] as string;
    // Routed to RU as a holder, although KZ named BY alone; RU's agent erases the answer.
    const tombstone = await waitFor(
      async () => {
        const t = await ru.api('GET', `/v1/withdrawals/${withdrawalId}`);
        return t.status === 200 ? t.body : false;
      },
      { timeoutMs: 20_000, message: "RU's tombstone of KZ's withdrawal" },
    );
    expect(tombstone).toMatchObject({ originator: 'KZ', recordId: 'KZ-P-SRCH-WDRW', count: 1, versions: [1] });
    // RU's national system takes the withdrawal; its PurgeAck closes RU's purge at the centre.
    await waitFor(async () => (await ru.api('GET', `/v1/inbox/${withdrawalId}`)).status === 200, {
      timeoutMs: 20_000,
      message: "the withdrawal in RU's inbox",
    });
    expect((await ru.api('POST', `/v1/inbox/${withdrawalId}/ack`)).status).toBe(200);
    await waitFor(
      async () => {
        const res = await fed.gateway.api('/v1/databank/withdrawals');
        const { items } = (await res.json()) as {
          items: { messageId: string; members: { member: string; state: string }[] }[];
        };
        const purge = items.find((w) => w.messageId === withdrawalId);
        return purge?.members.find((m) => m.member === 'RU')?.state === 'purged';
      },
      { timeoutMs: 20_000, message: "RU's purge of the quoted copy recorded at the centre" },
    );
    const answer = await ru.api('GET', `/v1/databank/searches/${searchId}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ searchId, status: 'erased', erasedBy: withdrawalId });
    expect(JSON.stringify(answer.body)).not.toContain('Otozvanov');
    const request = await ru.api('POST', `/v1/databank/searches/${searchId}/hits/0/request`, {
      questions: ['TEST: what is known of this fictitious person?'],
    });
    expect(request.status).toBe(404);
    expect(String(request.body['detail'])).toContain('erased with a record it quoted');
  });

  it('audits the documents searched for with their type, number and issuing country', async () => {
    const op = await centreSearch(tokens.operator, {
      documents: [{ type: 'PASSPORT', number: 'TEST0477', issuingCountry: 'KZ' }],
      purpose: PURPOSE,
    });
    expect(op.status, JSON.stringify(op.body)).toBe(200);
    const row = (await searchAudit()).find(
      (r) => r.actor === 'testov-operator' && JSON.stringify(r.details).includes('TEST0477'),
    );
    expect(row?.details['terms']).toMatchObject({ documents: ['PASSPORT:TEST0477:KZ'] });
  });

  it('sends a search and a details request once for one Idempotency-Key, and refuses the key with another body', async () => {
    const body = { waitMs: 15_000, ...search('Primerov', 'Aleksandr', { dateOfBirth: { year: 1982, month: 3 } }) };
    const key = { 'idempotency-key': `TEST-search-${backend.name}` };
    const first = await ru.api('POST', '/v1/databank/search', body, key);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const searchId = String(first.body['searchId']);
    // A retry (after a timeout, say, and waiting longer) answers for the search sent first: no second query.
    const again = await ru.api('POST', '/v1/databank/search', { ...body, waitMs: 20_000 }, key);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toMatchObject({ searchId, resultMessageId: first.body['resultMessageId'] });
    // The same request twice at once, under a new key: one search.
    const both = { 'idempotency-key': `TEST-search-twice-${backend.name}` };
    const [one, two] = await Promise.all([
      ru.api('POST', '/v1/databank/search', { ...body, waitMs: 0 }, both),
      ru.api('POST', '/v1/databank/search', { ...body, waitMs: 0 }, both),
    ]);
    expect(one.body['searchId']).toBe(two.body['searchId']);
    expect(one.body['searchId']).not.toBe(searchId);
    // A key that is not 1 to 200 printable ASCII characters is refused before anything is signed.
    for (const bad of ['', 'key with spaces', 'k'.repeat(201)]) {
      const refused = await ru.api('POST', '/v1/databank/search', body, { 'idempotency-key': bad });
      expect(refused.status, bad).toBe(400);
    }
    const other = await ru.api('POST', '/v1/databank/search', { ...body, purpose: 'TEST: another purpose' }, key);
    expect(other.status).toBe(422);
    expect(other.body['code']).toBe('ERR_IDEMPOTENCY_KEY_REUSED');

    const ask = { questions: ['TEST: what is known of this fictitious person?'] };
    const askKey = { 'idempotency-key': `TEST-details-${backend.name}` };
    const sent = await ru.api('POST', `/v1/databank/searches/${searchId}/hits/0/request`, ask, askKey);
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    expect(sent.body['created']).toBe(true);
    const resent = await ru.api('POST', `/v1/databank/searches/${searchId}/hits/0/request`, ask, askKey);
    expect(resent.status).toBe(202);
    expect(resent.body).toMatchObject({ messageId: sent.body['messageId'], created: false });
    // The same key for another question, or the same question without a key, is another request.
    const changed = await ru.api(
      'POST',
      `/v1/databank/searches/${searchId}/hits/0/request`,
      { questions: ['TEST: and another question?'] },
      askKey,
    );
    expect(changed.body['code']).toBe('ERR_IDEMPOTENCY_KEY_REUSED');
    const unkeyed = await ru.api('POST', `/v1/databank/searches/${searchId}/hits/0/request`, ask);
    expect(unkeyed.status).toBe(202);
    expect(unkeyed.body['messageId']).not.toBe(sent.body['messageId']);
  });

  it("records members' queries in the audit log too: the member, its purpose, the terms and the result count", async () => {
    const { searchId, hits } = await found(
      ru,
      search('Primerov', 'Aleksandr', { dateOfBirth: { year: 1982, month: 3 } }),
    );
    const row = await waitFor(
      async () => (await searchAudit()).find((r) => r.subject === `query:${searchId}`) ?? false,
      { timeoutMs: 10_000, message: "the audit row of RU's query" },
    );
    expect(row).toMatchObject({ actor: 'RU', role: 'member', reason: PURPOSE });
    expect(row.details).toMatchObject({ legalBasis: LEGAL_BASIS, hits: hits.length, exercise: false });
    expect(row.details['terms']).toMatchObject({ names: ['FAMILY:Primerov GIVEN:Aleksandr'] });
  });

  it('keeps the exercise namespace apart in the gateway API as well', async () => {
    const { legalBasis: _lb, ...q } = search('Uchebnov', 'Oleg');
    const operational = await centreSearch(tokens.operator, q);
    expect((operational.body['hits'] as { recordId: string }[]).map((h) => h.recordId)).not.toContain('KZ-P-SRCH-EXER');
    const exercise = await centreSearch(tokens.operator, { ...q, exercise: true });
    expect(exercise.body['exercise']).toBe(true);
    expect((exercise.body['hits'] as { recordId: string }[]).map((h) => h.recordId)).toContain('KZ-P-SRCH-EXER');
  });

  it.each([
    ['no purpose', { names: [{ parts: [{ value: 'Testov' }] }] }, 400, 'ERR_VALIDATION'],
    ['a blank purpose', { names: [{ parts: [{ value: 'Testov' }] }], purpose: '  ' }, 400, 'ERR_PURPOSE_REQUIRED'],
    ['a single letter', { names: [{ parts: [{ value: 'T' }] }], purpose: PURPOSE }, 422, 'ERR_QUERY_TOO_BROAD'],
    ['only a year of birth', { dateOfBirth: { year: 1981 }, purpose: PURPOSE }, 422, 'ERR_QUERY_TOO_BROAD'],
    [
      'an absurd limit',
      { names: [{ parts: [{ value: 'Testov' }] }], limit: 100_000, purpose: PURPOSE },
      422,
      'ERR_QUERY_LIMIT_INVALID',
    ],
    [
      'an unknown script',
      { names: [{ parts: [{ value: '山田' }] }], purpose: PURPOSE },
      422,
      'ERR_QUERY_NAME_UNREADABLE',
    ],
  ])('refuses %s in the gateway API with a code and a sentence', async (_case, body, status, code) => {
    const res = await centreSearch(tokens.operator, body);
    expect({ status: res.status, code: res.body['code'] }).toEqual({ status, code });
    expect(String(res.body['detail']).length).toBeGreaterThan(20);
  });

  it('refuses searches by members and unauthenticated callers, and rate-limits each token with ERR_RATE_LIMITED', async () => {
    const anonymous = await fetch(new URL('/v1/databank/search', fed.gateway.gateway.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ names: [{ parts: [{ value: 'Testov' }] }], purpose: PURPOSE }),
    });
    expect(anonymous.status).toBe(401);
    const cheap = { names: [{ parts: [{ value: 'T' }] }], purpose: PURPOSE };
    let limited: Awaited<ReturnType<typeof centreSearch>> | undefined;
    for (let i = 0; i < 40 && limited === undefined; i++) {
      const res = await centreSearch(tokens.busy, cheap);
      if (res.status === 429) limited = res;
      else expect(res.status).toBe(422);
    }
    expect(limited?.body['code']).toBe('ERR_RATE_LIMITED');
    expect(Number(limited?.retryAfter)).toBeGreaterThan(0);
    // Another token is not held back by it.
    expect((await centreSearch(tokens.operator, cheap)).status).toBe(422);
  });

  // Last: it empties every item RU's national system took.
  it("empties an answer RU's national system took once past the inbox retention: the search says removed, its hits are gone", async () => {
    const { searchId, resultMessageId, hits } = await found(ru, search('Примеров', 'Александр'));
    expect(hitOf(hits, 'KZ-P-SRCH-AMBER')).toBeDefined();
    expect((await ru.api('POST', `/v1/inbox/${resultMessageId}/ack`)).status).toBe(200);
    // What the running agent does every ATC_OUTBOX_PRUNE_INTERVAL, run now beside it.
    const env = {
      ATC_MEMBER_ID: 'RU',
      ATC_DATA_DIR: ru.dataDir,
      ATC_GATEWAY_PUBLIC_KEY_FILE: join(ru.dataDir, 'gateway-public.jwk'),
      ATC_NATS_URL: fed.nats.url,
      ATC_API_KEYS: TEST_API_KEY,
      ATC_INBOX_RETENTION: '1ms',
    };
    const dry = await runBin('agent', ['state', 'prune', '--dry-run'], env);
    expect(dry.stdout, dry.stderr).toMatch(/would empty [1-9]\d* inbox items taken by/);
    expect((await ru.api('GET', `/v1/databank/searches/${searchId}`)).body['status']).toBe('done');
    const run = await runBin('agent', ['state', 'prune'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/emptied [1-9]\d* inbox items taken by/);

    const answer = await ru.api('GET', `/v1/databank/searches/${searchId}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ searchId, status: 'removed', resultMessageId });
    expect(String(answer.body['detail'])).toContain('ATC_INBOX_RETENTION');
    expect(JSON.stringify(answer.body)).not.toContain('Primerov');
    const item = await ru.api('GET', `/v1/inbox/${resultMessageId}`);
    expect(item.body).toMatchObject({ status: 410, code: 'ERR_ITEM_EXPIRED' });
    const request = await ru.api('POST', `/v1/databank/searches/${searchId}/hits/0/request`, {
      questions: ['TEST: what is known of this fictitious person?'],
    });
    expect(request.status).toBe(404);
    expect(String(request.body['detail'])).toContain('inbox retention');
  });
});

import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addToken, dumpDatabank, openArchiveDb } from '@atc/gateway';
import {
  ARCHIVE_BACKENDS,
  TEST_API_KEY,
  runGatewayCli,
  startTestFederation,
  waitFor,
  type TestArchiveLocation,
  type TestFederation,
} from '@atc/tests';
import {
  assignReporters,
  databankScenario,
  OVERDUE_SINCE,
  RESTRICTED_PERSON,
  SHARED_PASSPORT,
  type ScenarioStep,
} from './databank-scenario.js';
import { runScenario } from './scenario-runner.js';

// The data bank scenario of `npm start`, sent through real agents to a real gateway on both
// archive engines: every message accepted, the bank holds what the scenario says, a member's
// search sees the restricted person's records as hits without content, and the request nobody
// answers is overdue (listed, alarmed, announced to both members).

const MEMBERS = ['KZ', 'BY', 'RU', 'UZ'] as const;

interface Person {
  readonly recordId: string;
  readonly names: { readonly script: string }[];
  readonly documents?: { readonly type: string; readonly number: string; readonly issuingCountry: string }[];
}

const recordOf = (step: ScenarioStep): Person => step.body['record'] as Person;
const isRequest = (step: ScenarioStep): boolean => step.body['type'] === 'InformationRequest';
/** The first versions of Sekretova Vera's records (the person members' searches see as hit/no-hit only). */
const restrictedPerson = (steps: readonly ScenarioStep[]): ScenarioStep[] =>
  steps.filter((s) => s.phase === 1 && s.body['type'] === 'PersonRecord' && recordOf(s).recordId.endsWith('-P-0004'));
/** A first version of an operational person record with Testov Ivan's passport. */
const holdsSharedPassport = (step: ScenarioStep): boolean =>
  step.phase === 1 &&
  step.body['type'] === 'PersonRecord' &&
  step.body['exercise'] === false &&
  (recordOf(step).documents ?? []).some((d) => d.number === SHARED_PASSPORT.number);

describe('the data bank scenario of npm start', () => {
  it('is the same for the same members, byte for byte, and fictitious throughout', () => {
    const steps = databankScenario(MEMBERS);
    expect(JSON.stringify(databankScenario([...MEMBERS]))).toBe(JSON.stringify(steps));
    expect(new Set(steps.map((s) => s.idempotencyKey)).size).toBe(steps.length);
    for (const step of steps.filter((s) => !isRequest(s))) {
      const text = JSON.stringify(step.body);
      expect(text).toMatch(step.body['exercise'] === true ? /EXERCISE DATA/ : /TEST DATA|TEST:/);
      expect(step.body['recipients']).toEqual(MEMBERS.filter((m) => m !== step.member));
    }
    // Testov Ivan: KZ in Cyrillic, UZ in Latin, RU in both, one KZ passport.
    const shared = steps.filter(holdsSharedPassport);
    expect(shared.map((s) => [s.member, recordOf(s).names.map((n) => n.script)])).toEqual([
      ['KZ', ['Cyrl']],
      ['UZ', ['Latn']],
      ['RU', ['Cyrl', 'Latn']],
    ]);
    // Phase 2: one update to version 2 and two withdrawals (one operational, one exercise), by their originators.
    const second = steps.filter((s) => s.phase === 2);
    expect(steps.slice(-second.length)).toEqual(second);
    const updates = second.filter((s) => s.body['type'] !== 'RecordWithdrawal' && !isRequest(s));
    expect(updates.map((s) => [s.member, (s.body['record'] as { version: number }).version])).toEqual([['KZ', 2]]);
    const withdrawals = second.filter((s) => s.body['type'] === 'RecordWithdrawal');
    expect(
      withdrawals.map((s) => [s.body['exercise'], (s.body['record'] as { target: { originator: string } }).target]),
    ).toEqual([
      [false, { originator: 'BY', recordId: 'BY-TEST-P-0002', version: 0 }],
      [true, { originator: 'RU', recordId: 'RU-EXERCISE-P-0001', version: 0 }],
    ]);

    // Sekretova Vera: RU under TLP:RED, UZ hit/no-hit only, BY unrestricted, in three spellings.
    expect(
      restrictedPerson(steps).map((s) => [
        s.member,
        (s.body['handling'] as { tlp: string }).tlp,
        (s.body['handling'] as { hitNoHitOnly?: boolean }).hitNoHitOnly ?? false,
        recordOf(s).names.map((n) => n.script),
      ]),
    ).toEqual([
      ['RU', 'RED', false, ['Cyrl', 'Latn']],
      ['UZ', 'AMBER', true, ['Latn']],
      ['BY', 'AMBER', false, ['Cyrl']],
    ]);
    // One information request, KZ to RU alone about RU's record, due before it was even sent.
    const requests = steps.filter(isRequest);
    expect(requests.map((s) => [s.phase, s.member, s.body['recipients'], s.body['replyDueAt']])).toEqual([
      [2, 'KZ', ['RU'], OVERDUE_SINCE],
    ]);
    expect(requests[0]!.body['record']).toMatchObject({
      subject: expect.stringMatching(/^TEST:/) as unknown,
      about: [{ originator: 'RU', recordId: 'RU-TEST-P-0004', version: 1 }],
    });
    expect(Date.parse(OVERDUE_SINCE)).toBeLessThan(Date.now());
  });

  it('gives an absent member’s reports to another member, and drops what no member is left for', () => {
    const prefer = (m: string) => ({ prefer: m });
    expect(assignReporters(['KZ', 'UZ', 'RU'].map(prefer), ['KZ', 'BY', 'RU'])).toEqual(['KZ', 'BY', 'RU']);
    expect(assignReporters(['KZ', 'UZ', 'RU'].map(prefer), ['AM', 'TJ'])).toEqual(['AM', 'TJ', undefined]);

    // Three members (the default test federation): Testov Ivan is still reported three times, in both scripts.
    const three = databankScenario(['KZ', 'BY', 'RU']).filter(holdsSharedPassport);
    expect(three.map((s) => s.member)).toEqual(['KZ', 'BY', 'RU']);
    expect(new Set(three.flatMap((s) => recordOf(s).names.map((n) => n.script)))).toEqual(new Set(['Cyrl', 'Latn']));
    // Without RU, KZ stands in for it as the restricted record's originator, and another member asks it.
    const withoutRu = databankScenario(['KZ', 'BY', 'UZ']);
    expect(restrictedPerson(withoutRu).map((s) => s.member)).toEqual(['KZ', 'UZ', 'BY']);
    expect(withoutRu.filter(isRequest).map((s) => [s.member, s.body['recipients']])).toEqual([['BY', ['KZ']]]);
    // Two: the third report has nobody left; every record still goes to the other member.
    const two = databankScenario(['AM', 'TJ']);
    expect(two.filter(holdsSharedPassport).map((s) => s.member)).toEqual(['AM', 'TJ']);
    expect(
      two.every((s) => JSON.stringify(s.body['recipients']) === JSON.stringify([s.member === 'AM' ? 'TJ' : 'AM'])),
    ).toBe(true);
  });

  it('refuses a federation of fewer than two members', () => {
    expect(() => databankScenario(['KZ'])).toThrow(/two members or more/);
    expect(() => databankScenario(['KZ', 'KZ'])).toThrow(RangeError);
    expect(() => databankScenario([])).toThrow(RangeError);
  });
});

describe.each(ARCHIVE_BACKENDS)('the data bank scenario through a federation on $name', (backend) => {
  let location: TestArchiveLocation | undefined;
  let fed: TestFederation | undefined;
  afterEach(async () => {
    await fed?.close();
    await location?.dispose();
  });

  it('is accepted whole, sends nothing twice when run again, and the bank holds its versions and withdrawals', async () => {
    location = await backend.create();
    fed = await startTestFederation({
      archive: location.location,
      members: Object.fromEntries(MEMBERS.map((m) => [m, {}])),
      // Overdue requests are looked for every 200 ms instead of every minute.
      gatewayEnv: { ATC_SLA_CHECK: '200ms' },
    });
    const agents = MEMBERS.map((member) => ({ member, url: fed!.agent(member).agent.url, apiKey: TEST_API_KEY }));
    const steps = databankScenario(MEMBERS);

    const first = runScenario(agents, steps, { phaseTimeoutMs: 60_000, intervalMs: 100 });
    await first.done;
    expect(first.stats).toMatchObject({ problems: [], rejected: 0, finished: true });
    expect(first.stats.sent).toBe(steps.length);
    expect(first.stats.accepted).toBe(steps.length);

    // A resumed federation runs it again: the agents recognise every Idempotency-Key.
    const again = runScenario(agents, steps, { phaseTimeoutMs: 60_000, intervalMs: 100 });
    await again.done;
    expect(again.stats).toMatchObject({ problems: [], sent: 0, repeated: steps.length, accepted: steps.length });

    // The bank caught up: no flag (unknown record, wrong originator...), no conflict.
    await waitFor(
      async () => {
        const body = (await (await fed!.gateway.api('/readyz')).json()) as {
          checks: { name: string; reason?: string }[];
        };
        const lag = /^lag 0 entries \(cursor (\d+) of/.exec(
          body.checks.find((c) => c.name === 'databank')?.reason ?? '',
        );
        return lag !== null && Number(lag[1]) >= steps.length;
      },
      { timeoutMs: 60_000, intervalMs: 100, message: 'the data bank caught up with the scenario' },
    );
    const env = { ATC_DATA_DIR: fed.gateway.dataDir, ...location.env };
    const run = await runGatewayCli(env, ['databank', 'status', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const status = JSON.parse(run.stdout) as { records: number; conflicts: number; flags: number };
    expect(status).toMatchObject({ conflicts: 0, flags: 0 });
    const withdrawals = steps.filter((s) => s.body['type'] === 'RecordWithdrawal').length;
    const requests = steps.filter(isRequest).length;
    const updates = steps.filter((s) => s.phase === 2).length - withdrawals - requests;
    expect(status.records).toBe(steps.length - withdrawals - updates - requests);

    const db = await openArchiveDb(location.location);
    let records: Record<string, unknown>[];
    try {
      records = (await dumpDatabank(db))['databank_records'] as Record<string, unknown>[];
    } finally {
      await db.close();
    }
    const row = (originator: string, recordId: string) =>
      records.find((r) => r['record_id'] === recordId && r['originator'] === originator);
    expect(row('KZ', 'KZ-TEST-P-0001')).toMatchObject({ exercise: 0, current_version: 2, withdrawn: 0 });
    expect(row('UZ', 'UZ-TEST-P-0001')).toMatchObject({ exercise: 0, current_version: 1, withdrawn: 0 });
    expect(row('BY', 'BY-TEST-P-0002')).toMatchObject({ exercise: 0, withdrawn: 1 });
    expect(row('RU', 'RU-EXERCISE-P-0001')).toMatchObject({ exercise: 1, withdrawn: 1 });
    expect(row('UZ', 'UZ-EXERCISE-P-0001')).toMatchObject({ exercise: 1, withdrawn: 0 });

    await expectRestrictedHits(fed);
    await expectOverdueRequest(fed);
  }, 180_000);

  it('stops at a step an agent refuses and names it; keeps what an earlier run sent in another form', async () => {
    location = await backend.create();
    fed = await startTestFederation({ archive: location.location, members: { KZ: {}, BY: {} } });
    const agents = ['KZ', 'BY'].map((member) => ({ member, url: fed!.agent(member).agent.url, apiKey: TEST_API_KEY }));
    const steps = databankScenario(['KZ', 'BY']);
    const broken = steps.map((s, i) =>
      i === 1 ? { ...s, body: { ...s.body, record: { ...recordOf(s), category: 'NOT_A_CATEGORY' } } } : s,
    );
    const run = runScenario(agents, broken, { phaseTimeoutMs: 30_000, intervalMs: 100 });
    await run.done;
    expect(run.stats).toMatchObject({ sent: 1, rejected: 1, finished: true });
    expect(run.stats.problems).toHaveLength(1);
    expect(run.stats.problems[0]).toContain(`${broken[1]!.member} answered 422 to ${broken[1]!.idempotencyKey}`);
    expect(run.stats.problems[0]).toContain('record.category');

    // A step an earlier run sent in another form (other recipients, say): the first stands, nothing is refused.
    const changed = { ...steps[0]!, body: { ...steps[0]!.body, purpose: 'TEST: another purpose' } };
    const resent = runScenario(agents, [changed], { phaseTimeoutMs: 30_000, intervalMs: 100 });
    await resent.done;
    expect(resent.stats).toMatchObject({ problems: [], sent: 0, repeated: 1, rejected: 0, finished: true });

    // A member without an agent here is named, not sent to.
    const orphan = runScenario(
      agents.slice(0, 1),
      databankScenario(['KZ', 'BY']).filter((s) => s.member === 'BY'),
    );
    await orphan.done;
    expect(orphan.stats.problems).toEqual(['the scenario names BY, which has no agent here']);
    expect(orphan.stats.sent).toBe(0);
  }, 120_000);
});

interface Hit {
  readonly originator: string;
  readonly recordId: string;
  readonly score: number;
  readonly reasons: readonly string[];
  readonly restricted: boolean;
  readonly content: Record<string, unknown> | null;
}

/**
 * KZ's search for Sekretova Vera from its agent: RU's TLP:RED record and UZ's hit/no-hit only record
 * answer with their originator, reference and score alone; BY's, unrestricted, with its content.
 */
async function expectRestrictedHits(fed: TestFederation): Promise<void> {
  const search = await fed.agent('KZ').api('POST', '/v1/databank/search', {
    ...RESTRICTED_PERSON,
    purpose: 'TEST: demo search for a fictitious person',
    legalBasis: 'Fictitious demo agreement, art. 1 (TEST)',
    waitMs: 20_000,
  });
  expect(search.status, JSON.stringify(search.body)).toBe(200);
  const hits = search.body['hits'] as Hit[];
  const byOriginator = (member: string): Hit | undefined =>
    hits.find((h) => h.originator === member && h.recordId === `${member}-TEST-P-0004`);
  for (const member of ['RU', 'UZ']) {
    expect(byOriginator(member), member).toMatchObject({ restricted: true, reasons: [], content: null });
    expect(byOriginator(member)!.score, member).toBeGreaterThan(0.5);
  }
  expect(byOriginator('BY')).toMatchObject({ restricted: false, content: { recordId: 'BY-TEST-P-0004' } });
}

/**
 * The request KZ sent RU, due before it was sent and never answered: listed as overdue, an
 * operator alarm about RU, and a gateway Notice in both members' inboxes.
 */
async function expectOverdueRequest(fed: TestFederation): Promise<void> {
  const operator = addToken(
    join(fed.gateway.dataDir, 'tokens.json'),
    { name: 'operator-demo-test', role: 'operator' },
    Date.now(),
  ).token;
  const call = async (path: string): Promise<Record<string, unknown>> => {
    const res = await fed.gateway.api(path, { authorization: `Bearer ${operator}` });
    return res.status === 200 ? ((await res.json()) as Record<string, unknown>) : {};
  };
  // The token file is read again on its change: poll until the new token is known.
  const overdue = await waitFor(
    async () => {
      const items = (await call('/v1/requests?state=overdue'))['items'] as Record<string, unknown>[] | undefined;
      return items !== undefined && items.length > 0 ? items : false;
    },
    { timeoutMs: 30_000, intervalMs: 100, message: 'the overdue request listed' },
  );
  expect(overdue).toEqual([
    expect.objectContaining({
      requestRecordId: 'KZ-TEST-R-0004',
      requester: 'KZ',
      recipient: 'RU',
      urgency: 'URGENT',
      dueAt: new Date(OVERDUE_SINCE).toISOString(),
      dueFrom: 'reply_due_at',
      state: 'open',
      overdue: true,
    }),
  ]);
  const alarms = (await call('/v1/alarms'))['items'] as { kind: string; subject: string }[];
  expect(alarms.filter((a) => a.kind === 'request-overdue').map((a) => a.subject)).toEqual(['RU']);
  for (const member of ['KZ', 'RU']) {
    await waitFor(
      async () => {
        const inbox = await fed.agent(member).api('GET', '/v1/inbox?limit=1000');
        const items = inbox.body['items'] as { payloadType: string; record: { title?: string } }[];
        return items.some(
          (i) =>
            i.payloadType === 'atc.v1.Notice' &&
            (i.record.title ?? '').includes(String(overdue[0]!['requestMessageId'])),
        );
      },
      { timeoutMs: 30_000, intervalMs: 200, message: `the overdue Notice in ${member}'s inbox` },
    );
  }
}

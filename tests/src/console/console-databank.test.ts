import { join } from 'node:path';
import type { Locator, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToken } from '@atc/gateway';
import {
  buildConsole,
  launchBrowser,
  personRequest,
  signInToConsole,
  startTestFederation,
  waitFor,
  type BrowserFixture,
  type ConsoleBuild,
  type TestFederation,
} from '@atc/tests';

// The console's data bank pages in Debian's Chromium against a real gateway, nats-server and
// three agents that publish person records: an operator sees metadata but no dossier content;
// an auditor states a purpose, sees the content, and the audit log holds that read with the
// purpose; an operator confirms a candidate link (and reverts it) and the bank links the records;
// withdrawals with their purge state, records due for review, the exercise namespace, Russian.
// The CSRF refusal of a cookie POST without the token is tested in console-session.test.ts;
// here the console's own POST is checked to carry the token.

const PURPOSE = 'Case TEST-0042: check of a fictitious border alert';
const DAY = 86_400_000;

interface SubjectJson {
  subjectId: string;
  records: number;
  members: { member: string; records: number }[];
}
interface CandidateJson {
  candidateId: string;
  status: string;
  records: { originator: string; recordId: string; subjectId: string }[];
  score: number;
  reasons: string[];
  decision: { decisionId: string } | null;
}
interface AuditJson {
  id: number;
  actor: string;
  role: string | null;
  action: string;
  subject: string;
  reason: string;
}

let consoleBuild: ConsoleBuild;
let fed: TestFederation;
let browser: BrowserFixture;
let page: Page;
let origin: string;
const tokens = { operator: '', auditor: '', admin: '' };
const foreignRequests: string[] = [];
const requests: Request[] = [];
/** The subject KZ and UZ report with one passport (linked automatically). */
let linked: SubjectJson;

/** A fictitious person as `from`'s agent submits it (Latin names only, so that the name keys match). */
function person(
  from: string,
  to: readonly string[],
  recordId: string,
  passport: string,
  name: readonly [string, string] = ['Testov', 'Ivan'],
  handling: Record<string, unknown> = {},
): Record<string, unknown> {
  const base = personRequest(to, 0);
  return {
    ...base,
    exercise: false,
    handling: { ...(base['handling'] as object), ...handling },
    record: {
      ...(base['record'] as object),
      recordId,
      names: [
        {
          script: 'Latn',
          parts: [
            { type: 'FAMILY', value: name[0] },
            { type: 'GIVEN', value: name[1] },
          ],
        },
      ],
      documents: [{ type: 'PASSPORT', number: passport, issuingCountry: 'KZ' }],
      nationalities: [from],
    },
  };
}

async function submit(from: string, body: Record<string, unknown>): Promise<void> {
  const res = await fed.agent(from).api('POST', '/v1/messages', body);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
}

/** GET on the gateway's API with a bearer token; the parsed JSON of a 200. */
async function api<T>(path: string, token = tokens.admin): Promise<T> {
  const res = await fed.gateway.api(path, { authorization: `Bearer ${token}` });
  expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
  return (await res.json()) as T;
}

const subjects = async (): Promise<SubjectJson[]> =>
  (await api<{ items: SubjectJson[] }>('/v1/databank/subjects?limit=500')).items;

async function signInAs(token: string, hash: string): Promise<void> {
  await signInToConsole(page, origin, token, hash);
  await page.getByRole('heading', { name: 'Data bank', level: 1 }).waitFor({ timeout: 10_000 });
}

/** An attribute of every element a locator finds, in document order. */
async function attributes(locator: Locator, name: string): Promise<(string | null)[]> {
  return Promise.all((await locator.all()).map((l) => l.getAttribute(name)));
}

/** Requests the page made to a path (after `since` requests). */
const madeTo = (path: RegExp, since = 0): Request[] => requests.slice(since).filter((r) => path.test(r.url()));

beforeAll(async () => {
  consoleBuild = await buildConsole();
  fed = await startTestFederation({
    members: { KZ: {}, UZ: {}, RU: {} },
    gatewayEnv: { ATC_CONSOLE_DIR: consoleBuild.dir },
  });
  origin = new URL(fed.gateway.gateway.url).origin;
  tokens.admin = fed.gateway.adminToken;
  for (const role of ['operator', 'auditor'] as const) {
    tokens[role] = addToken(join(fed.gateway.dataDir, 'tokens.json'), { name: `bank-${role}`, role }, Date.now()).token;
  }

  // KZ and UZ share a passport: one subject. RU has the same name and birth date with another
  // passport: a candidate. KZ reports a second person and withdraws it.
  const reviewBy = new Date(Date.now() + 10 * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z');
  await submit('KZ', person('KZ', ['UZ'], 'KZ-P-1', 'TEST0001', undefined, { reviewBy }));
  await submit('UZ', person('UZ', ['KZ'], 'UZ-P-1', 'TEST0001'));
  await submit('RU', person('RU', ['KZ'], 'RU-P-1', 'TEST0009'));
  await submit('KZ', person('KZ', ['UZ', 'RU'], 'KZ-P-2', 'TEST0002', ['Primerova', 'Anna']));
  linked = await waitFor(
    async () => {
      const all = await subjects();
      return all.length === 3 && all.find((s) => s.records === 2);
    },
    { timeoutMs: 60_000, intervalMs: 200, message: 'three subjects, one of KZ-P-1 and UZ-P-1' },
  );
  const base = personRequest(['UZ', 'RU'], 0);
  await submit('KZ', {
    ...base,
    exercise: false,
    type: 'RecordWithdrawal',
    record: {
      recordId: 'KZ-W-2',
      version: 1,
      target: { originator: 'KZ', recordId: 'KZ-P-2', version: 0 },
      reason: 'INACCURATE',
      explanation: 'TEST DATA: entered in error.',
    },
  });
  await waitFor(async () => (await api<{ items: unknown[] }>('/v1/databank/withdrawals')).items.length === 1, {
    timeoutMs: 60_000,
    intervalMs: 200,
    message: 'the withdrawal of KZ-P-2 in the bank',
  });

  browser = await launchBrowser({ artifacts: 'console-databank' });
  page = browser.page;
  page.on('request', (req: Request) => {
    requests.push(req);
    const url = req.url();
    if (!url.startsWith('data:') && new URL(url).origin !== origin) foreignRequests.push(url);
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await fed?.close();
  await consoleBuild?.remove();
});

describe('the data bank pages in a browser', { timeout: 90_000 }, () => {
  it('shows an operator the subjects and their metadata, and says why no dossier content is shown', async () => {
    await signInAs(tokens.operator, '#/databank');
    const rows = page.locator('[data-testid="subjects"] tbody tr');
    await waitFor(async () => (await rows.count()) === 2, { timeoutMs: 10_000, message: 'two current subjects' });
    expect(await page.locator(`tr[data-subject="${linked.subjectId}"]`).textContent()).toContain('KZ 1, UZ 1');
    await browser.screenshot('databank-subjects');

    // The filter goes to the gateway: RU's subject alone; a malformed value shows the gateway's refusal.
    await page.getByLabel('Reporting member').fill('RU');
    await page.getByRole('button', { name: 'Apply' }).click();
    await waitFor(async () => (await rows.count()) === 1 && (await rows.first().textContent())?.includes('RU 1'), {
      timeoutMs: 10_000,
      message: "RU's subject alone",
    });
    await page.getByLabel('Reporting member').fill('');
    await page.getByLabel('Nationality (two letters)').fill('kz');
    await page.getByRole('button', { name: 'Apply' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 10_000 });
    expect(await alert.textContent()).toContain('ERR_QUERY_INVALID');
    await page.getByLabel('Nationality (two letters)').fill('');
    await page.getByRole('button', { name: 'Apply' }).click();
    await waitFor(async () => (await rows.count()) === 2, { timeoutMs: 10_000, message: 'the whole list again' });

    await page.locator(`tr[data-subject="${linked.subjectId}"] a`).click();
    await page.getByTestId('subject-metadata').waitFor({ timeout: 10_000 });
    const withheld = page.getByTestId('dossier-withheld');
    expect(await withheld.textContent()).toContain('auditors and administrators only');
    expect(await withheld.textContent()).toContain('(operator)');
    expect(await page.locator('#purpose').count()).toBe(0);
    const text = (await page.locator('main').textContent()) ?? '';
    for (const content of ['Testov', 'TEST0001']) expect(text).not.toContain(content);
    // No dossier (content) request; the metadata came from the summary route.
    expect(madeTo(new RegExp(`/v1/databank/subjects/${linked.subjectId}(?:\\?|$)`))).toEqual([]);
    expect(madeTo(new RegExp(`/v1/databank/subjects/${linked.subjectId}/summary`)).length).toBeGreaterThan(0);
    // A bookmarked subject page (opened without the list) shows the same metadata.
    await page.reload();
    await page.getByTestId('subject-metadata').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('subject-metadata').textContent()).toContain('KZ 1');
    // The gateway refuses the content to this session whatever the page does.
    const refused = await page.evaluate<{ status: number; code: string }, string>(
      async (path) => {
        const res = await fetch(path);
        return { status: res.status, code: ((await res.json()) as { code: string }).code };
      },
      `/v1/databank/subjects/${linked.subjectId}?purpose=${encodeURIComponent(PURPOSE)}`,
    );
    expect(refused).toEqual({ status: 403, code: 'ERR_FORBIDDEN' });
    await browser.screenshot('databank-subject-operator');

    // Operators see candidates and decide them.
    await page.getByRole('link', { name: 'Candidate links' }).click();
    await page.locator('[data-testid="candidates"] tbody tr').first().waitFor({ timeout: 10_000 });
    expect(await page.getByText('Operators confirm or reject candidate links').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Confirm link' }).count()).toBeGreaterThan(0);
  });

  it('makes an auditor state a purpose, then shows the dossier and the audit entry of that read', async () => {
    await signInAs(tokens.auditor, '#/databank/subjects');
    await page.locator(`tr[data-subject="${linked.subjectId}"] a`).click();
    const before = requests.length;
    const read = page.getByRole('button', { name: 'Show the dossier' });
    await read.click();
    await page.getByText('State the purpose in 3 to 500 characters (now 0).').waitFor({ timeout: 5_000 });
    await page.getByLabel('Purpose of this read').fill('  ab ');
    await read.click();
    await page.getByText('State the purpose in 3 to 500 characters (now 2).').waitFor({ timeout: 5_000 });
    // No dossier request was sent (the subject's metadata, from its summary route, may be).
    expect(madeTo(/\/v1\/databank\/subjects\/[^/?]+(?:\?|$)/, before)).toEqual([]);

    await page.getByLabel('Purpose of this read').fill(PURPOSE);
    await read.click();
    const audited = page.getByTestId('dossier-audited');
    await audited.waitFor({ timeout: 10_000 });
    const records = page.locator('article.dossier-record');
    expect((await attributes(records, 'data-record')).sort()).toEqual(['KZ/KZ-P-1', 'UZ/UZ-P-1']);
    expect(await records.first().locator('[data-field="names"]').textContent()).toBe('Testov Ivan (Latn)');
    expect(await records.first().locator('[data-field="documents"]').textContent()).toContain('TEST0001');

    // The audit log (through the API) holds exactly this read, with the purpose; the page names its entry.
    const log = await api<{ items: AuditJson[] }>('/v1/audit?action=databank.read&limit=10', tokens.auditor);
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({
      actor: 'bank-auditor',
      role: 'auditor',
      subject: `subject:${linked.subjectId}`,
      reason: PURPOSE,
    });
    expect(await audited.textContent()).toContain(`entry ${log.items[0]!.id} (bank-auditor, auditor)`);
    expect(await audited.textContent()).toContain(PURPOSE);
    await browser.screenshot('databank-dossier-auditor');

    // Auditors oversee the link decisions; they take none.
    await page.getByRole('link', { name: 'Candidate links' }).click();
    await page.locator('[data-testid="candidates"] tbody tr').first().waitFor({ timeout: 10_000 });
    expect(await page.getByText('Operators confirm or reject candidate links').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Confirm link' }).count()).toBe(0);
  });

  it('lets an operator confirm a candidate with a reason (the subjects are linked) and revert it', async () => {
    await signInAs(tokens.operator, '#/databank/candidates');
    const open = await api<{ items: CandidateJson[] }>('/v1/databank/candidates');
    const candidate = open.items.find((c) => c.records.some((r) => r.recordId === 'RU-P-1'));
    expect(candidate).toBeDefined();
    const row = page.locator(`tr[data-candidate="${candidate!.candidateId}"]`);
    await row.waitFor({ timeout: 10_000 });
    // The search's score and reasons, as the API lists them.
    const match = await row.getByTestId('candidate-match').textContent();
    expect(match).toContain(`score ${candidate!.score.toFixed(3)}`);
    expect(candidate!.reasons.length).toBeGreaterThan(0);
    for (const reason of candidate!.reasons) expect(match).toContain(reason);
    expect(match).toContain('date of birth');
    const before = requests.length;
    await row.getByRole('button', { name: 'Confirm link' }).click();
    await row.getByText('Give a reason').waitFor({ timeout: 5_000 });
    expect(madeTo(/\/confirm/, before)).toEqual([]);

    await row.getByLabel(`Reason for candidate ${candidate!.candidateId}`).fill('TICKET-7: same person');
    const answer = page.waitForResponse((r) => r.url().includes('/confirm') && r.request().method() === 'POST');
    await row.getByRole('button', { name: 'Confirm link' }).click();
    const confirmed = await answer;
    expect(confirmed.status()).toBe(200);
    expect(await confirmed.request().headerValue('x-csrf-token')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const outcome = page.getByTestId('decision-outcome');
    await outcome.waitFor({ timeout: 10_000 });
    expect(await outcome.textContent()).toContain('(confirm) recorded');
    // The list was read again: the candidate is no longer open.
    await waitFor(async () => (await row.count()) === 0, { timeoutMs: 10_000, message: 'the open list refreshed' });

    const after = await subjects();
    const three = after.find((s) => s.records === 3);
    expect(three?.members.map((m) => m.member)).toEqual(['KZ', 'RU', 'UZ']);
    await browser.screenshot('databank-candidate-confirmed');

    // The decision reverts from the confirmed list.
    await page.getByRole('link', { name: 'confirmed', exact: true }).click();
    const decided = page.locator(`tr[data-candidate="${candidate!.candidateId}"]`);
    await decided.waitFor({ timeout: 10_000 });
    await decided.getByRole('textbox').fill('TICKET-7: a mistake, two persons');
    await decided.getByRole('button', { name: 'Revert decision' }).click();
    await page.getByTestId('decision-outcome').getByText('(revert) recorded').waitFor({ timeout: 10_000 });
    expect(Math.max(...(await subjects()).map((s) => s.records))).toBe(2);
    const decisions = await api<{ items: AuditJson[] }>('/v1/audit?limit=20', tokens.admin);
    expect(decisions.items.filter((e) => e.action.startsWith('databank.')).map((e) => [e.action, e.reason])).toEqual(
      expect.arrayContaining([
        ['databank.confirm', 'TICKET-7: same person'],
        ['databank.revert', 'TICKET-7: a mistake, two persons'],
      ]),
    );
  });

  it('shows withdrawals with the purge state per member, records due for review, conflicts and flags', async () => {
    await page.getByRole('link', { name: 'Withdrawals' }).click();
    const withdrawal = page.locator('[data-testid="withdrawals"] tbody tr').first();
    await withdrawal.waitFor({ timeout: 10_000 });
    expect(await withdrawal.textContent()).toContain('KZ / KZ-P-2');
    expect(await attributes(withdrawal.locator('li[data-member]'), 'data-member')).toEqual(['RU', 'UZ']);
    // The national systems of RU and UZ take the withdrawal from their agents' inboxes; each agent
    // answers with a PurgeAck, and the page shows it once the gateway has it.
    const bank = async () =>
      (await api<{ items: { messageId: string; members: { state: string }[] }[] }>('/v1/databank/withdrawals'))
        .items[0]!;
    const { messageId } = await bank();
    for (const member of ['RU', 'UZ']) {
      const agent = fed.agent(member);
      await waitFor(async () => (await agent.api('GET', `/v1/inbox/${messageId}`)).status === 200, {
        timeoutMs: 30_000,
        message: `the withdrawal in ${member}'s inbox`,
      });
      expect((await agent.api('POST', `/v1/inbox/${messageId}/ack`)).status).toBe(200);
    }
    await waitFor(async () => (await bank()).members.every((m) => m.state === 'purged'), {
      timeoutMs: 30_000,
      intervalMs: 200,
      message: 'both members purged KZ-P-2',
    });
    await page.reload();
    await withdrawal.locator('li[data-state="purged"]').nth(1).waitFor({ timeout: 10_000 });
    expect(await withdrawal.textContent()).toContain('items erased: 1');
    await browser.screenshot('databank-withdrawals');

    await page.getByRole('link', { name: 'Due for review' }).click();
    const kz = page.locator('table[data-originator="KZ"]');
    await kz.waitFor({ timeout: 10_000 });
    expect(await kz.locator('tbody tr').first().textContent()).toContain('KZ-P-1');
    await browser.screenshot('databank-review');

    await page.getByRole('link', { name: 'Conflicts and flags' }).click();
    await page.getByRole('heading', { name: /Conflicts: the same version/ }).waitFor({ timeout: 10_000 });
    await waitFor(async () => (await page.getByText('Nothing to show.').count()) === 2, {
      timeoutMs: 10_000,
      message: 'no conflicts and no flags',
    });
    await browser.screenshot('databank-checks');
  });

  it('marks the exercise namespace unmistakably and keeps its subjects apart', async () => {
    await page.getByRole('link', { name: 'Subjects', exact: true }).click();
    await page.getByRole('link', { name: 'Show exercise data' }).click();
    await page.getByText('EXERCISE DATA:').waitFor({ timeout: 10_000 });
    await page.getByText('Nothing to show.').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('bank-namespace').textContent()).toBe('Exercise data');
    await browser.screenshot('databank-exercise');
    await page.getByRole('link', { name: 'Show operational data' }).click();
    await page.locator('[data-testid="subjects"] tbody tr').first().waitFor({ timeout: 10_000 });
  });

  it('speaks Russian', async () => {
    await page.getByRole('button', { name: 'Русский' }).click();
    await page.getByRole('heading', { name: 'Банк данных', level: 1 }).waitFor({ timeout: 5_000 });
    expect(await page.getByRole('link', { name: 'Предлагаемые связи' }).count()).toBe(1);
    expect(await page.locator('[data-testid="subjects"] caption').textContent()).toContain('Объекты учёта');
    await browser.screenshot('databank-russian');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Data bank', level: 1 }).waitFor({ timeout: 5_000 });
  });

  it('requested nothing from another origin', () => {
    expect(foreignRequests).toEqual([]);
  });
});

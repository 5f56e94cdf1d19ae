import { join } from 'node:path';
import type { Page, Request } from 'playwright-core';
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

// The console's person search page in Debian's Chromium against a real gateway, nats-server and
// agents that publish fictitious persons in Cyrillic, Latin and Armenian letters: a Latin query
// ranks the Cyrillic record first with its reasons; a TLP:RED record is a hit only; a query too
// broad and a rate-limited search show the gateway's code and sentence; without a purpose the
// form sends nothing; every search is in the audit log with its purpose.

const PURPOSE = 'Case TEST-0077: check of a fictitious border alert';

interface AuditJson {
  actor: string;
  role: string | null;
  action: string;
  subject: string;
  reason: string;
  details: Record<string, unknown>;
}

let consoleBuild: ConsoleBuild;
let fed: TestFederation;
let browser: BrowserFixture;
let page: Page;
let origin: string;
const tokens = { operator: '', busy: '' };
const names = { operator: 'search-operator', busy: 'search-busy' };
const requests: Request[] = [];

/** A fictitious person from `from`, named in `script`. */
function person(
  from: string,
  recordId: string,
  script: string,
  family: string,
  given: string,
  handling: Record<string, unknown> = { tlp: 'AMBER' },
): Record<string, unknown> {
  const base = personRequest(['UZ'], 0);
  return {
    ...base,
    recipients: from === 'UZ' ? ['KZ'] : ['UZ'],
    exercise: false,
    handling,
    record: {
      ...(base['record'] as object),
      recordId,
      names: [
        {
          script,
          parts: [
            { type: 'FAMILY', value: family },
            { type: 'GIVEN', value: given },
          ],
        },
      ],
      dateOfBirth: { year: 1981, month: 3 },
      nationalities: [from],
    },
  };
}

async function submit(from: string, body: Record<string, unknown>): Promise<void> {
  const res = await fed.agent(from).api('POST', '/v1/messages', body);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
}

/** The search page, signed in with `token`, the form empty. */
async function openSearch(token: string): Promise<void> {
  await signInToConsole(page, origin, token, '#/search');
  await page.getByRole('heading', { name: 'Person search', level: 1 }).waitFor({ timeout: 10_000 });
}

async function fillAndSearch(family: string, given: string, purpose = PURPOSE): Promise<void> {
  await page.getByLabel('Family name').fill(family);
  await page.getByLabel('Given name').fill(given);
  await page.getByLabel('Purpose of this search').fill(purpose);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
}

const searchRequests = (since: number): Request[] =>
  requests.slice(since).filter((r) => r.url().endsWith('/v1/databank/search'));

beforeAll(async () => {
  consoleBuild = await buildConsole();
  fed = await startTestFederation({
    members: { KZ: {}, UZ: {} },
    // A burst of 10 searches: the rate-limit check exhausts its own token's.
    gatewayEnv: { ATC_CONSOLE_DIR: consoleBuild.dir, ATC_SEARCH_RATE_PER_MINUTE: '1', ATC_SEARCH_RATE_BURST: '10' },
  });
  origin = new URL(fed.gateway.gateway.url).origin;
  for (const key of ['operator', 'busy'] as const) {
    tokens[key] = addToken(
      join(fed.gateway.dataDir, 'tokens.json'),
      { name: names[key], role: 'operator' },
      Date.now(),
    ).token;
  }

  await submit('KZ', person('KZ', 'KZ-P-CYR', 'Cyrl', 'Примеров', 'Александр'));
  await submit('UZ', person('UZ', 'UZ-P-LAT', 'Latn', 'Primakov', 'Aleksei'));
  await submit('UZ', person('UZ', 'UZ-P-ARM', 'Armn', 'Սարգսյան', 'Արամ'));
  await submit('KZ', person('KZ', 'KZ-P-RED', 'Latn', 'Krasnov', 'Timur', { tlp: 'RED' }));
  await waitFor(
    async () => {
      const res = await fed.gateway.api('/v1/databank/subjects?limit=50');
      return res.status === 200 && ((await res.json()) as { items: unknown[] }).items.length === 4;
    },
    { timeoutMs: 60_000, intervalMs: 200, message: 'four persons in the bank' },
  );

  browser = await launchBrowser({ artifacts: 'console-search' });
  page = browser.page;
  page.on('request', (req: Request) => {
    requests.push(req);
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await fed?.close();
  await consoleBuild?.remove();
});

describe('the person search page in a browser', { timeout: 90_000 }, () => {
  it('refuses a search without a purpose before sending it', async () => {
    await openSearch(tokens.operator);
    const before = requests.length;
    await fillAndSearch('Primerov', 'Aleksandr', '  ');
    const problem = page.getByTestId('search-form-problem');
    await problem.waitFor({ timeout: 5_000 });
    expect(await problem.textContent()).toContain('State the purpose in 3 to 500 characters (now 0)');
    expect(searchRequests(before)).toEqual([]);
  });

  it('finds the Cyrillic record first for a Latin spelling, with its score, reasons and subject link', async () => {
    await openSearch(tokens.operator);
    const before = requests.length;
    await fillAndSearch('Primerov', 'Aleksandr');
    const rows = page.locator('[data-testid="search-hits"] tbody tr');
    await rows.first().waitFor({ timeout: 10_000 });
    const sent = searchRequests(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.method()).toBe('POST');
    expect(await sent[0]!.headerValue('x-csrf-token')).toBeTruthy();
    expect(JSON.parse(sent[0]!.postData() ?? '{}')).toMatchObject({
      names: [
        {
          parts: [
            { type: 'FAMILY', value: 'Primerov' },
            { type: 'GIVEN', value: 'Aleksandr' },
          ],
        },
      ],
      purpose: PURPOSE,
      exercise: false,
    });

    const first = rows.first();
    expect(await first.getAttribute('data-record')).toBe('KZ/KZ-P-CYR');
    expect(await first.locator('[data-field="score"]').textContent()).toMatch(/^\d{1,3} %$/);
    expect(await first.locator('[data-field="reasons"] li').count()).toBeGreaterThan(0);
    expect(await first.getByTestId('restricted').count()).toBe(0);
    const link = first.getByRole('link');
    expect(await link.getAttribute('href')).toMatch(/^#\/databank\/subjects\/[^/?]+$/);
    await browser.screenshot('search-latin-finds-cyrillic');

    // The subject link opens the data bank's subject page.
    await link.click();
    await page.getByTestId('subject-metadata').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('subject-metadata').textContent()).toContain('KZ 1');

    // The gateway recorded the search with its terms and purpose.
    const audit = await waitFor(
      async () => {
        const res = await fed.gateway.api('/v1/audit?action=databank.search&limit=50');
        const items = ((await res.json()) as { items: AuditJson[] }).items;
        return items.find((e) => e.actor === names.operator && e.subject === 'search:Primerov Aleksandr');
      },
      { timeoutMs: 10_000, message: 'the audit row of the search' },
    );
    expect(audit).toMatchObject({ role: 'operator', reason: PURPOSE });
    expect(Number(audit.details['hits'])).toBeGreaterThan(0);
  });

  it('shows a TLP:RED record as a hit only, without reasons', async () => {
    await openSearch(tokens.operator);
    await fillAndSearch('Krasnov', 'Timur');
    const row = page.locator('tr[data-record="KZ/KZ-P-RED"]');
    await row.waitFor({ timeout: 10_000 });
    expect(await row.getByTestId('restricted').textContent()).toBe('restricted: hit only');
    expect(await row.locator('[data-field="reasons"] li').count()).toBe(0);
  });

  it('shows a query too broad with the gateway code and sentence, and says when nothing matched', async () => {
    await openSearch(tokens.operator);
    await fillAndSearch('T', '');
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 10_000 });
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('The gateway refused the search');
    expect(text).toContain('ERR_QUERY_TOO_BROAD');
    expect(await page.locator('[data-testid="search-hits"]').count()).toBe(0);

    await fillAndSearch('Nesushchestvuyushchiy', 'Vymyshlen');
    await page.getByTestId('search-none').waitFor({ timeout: 10_000 });
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('shows a rate-limited search with its code and sentence', async () => {
    // The busy token spends its burst through the API; the console's search is then refused.
    for (let i = 0; i < 10; i++) {
      const res = await fetch(new URL('/v1/databank/search', fed.gateway.gateway.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.busy}`, 'content-type': 'application/json' },
        body: JSON.stringify({ names: [{ parts: [{ value: 'Krasnov' }] }], purpose: PURPOSE }),
      });
      expect(res.status).toBe(200);
    }
    await openSearch(tokens.busy);
    await fillAndSearch('Primerov', 'Aleksandr');
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 10_000 });
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('Too many searches');
    expect(text).toContain('ERR_RATE_LIMITED');
    expect(text).toContain('ATC_SEARCH_RATE_PER_MINUTE');
  });

  it('speaks Russian', async () => {
    await openSearch(tokens.operator);
    await page.getByRole('button', { name: 'Русский' }).click();
    await page.getByRole('heading', { name: 'Поиск лиц', level: 1 }).waitFor({ timeout: 5_000 });
    expect(await page.getByRole('link', { name: 'Поиск', exact: true }).count()).toBe(1);
    await page.getByRole('button', { name: 'English' }).click();
  });
});

import { join } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToken } from '@atc/gateway';
import {
  buildConsole,
  launchBrowser,
  personRequest,
  startTestFederation,
  waitFor,
  type BrowserFixture,
  type ConsoleBuild,
  type GatewayFixture,
  type TestFederation,
} from '@atc/tests';

// The operator console in Debian's Chromium against a real gateway, nats-server and agents:
// sign-in refused and accepted, the flow matrix following live traffic, the language switch,
// sign-out; and, all along, nothing requested from another origin and no CSP violation.

/** The console must show an event this soon after the gateway counted it: 1 s, plus slack for polling on a loaded CI machine. */
const LIVE_DEADLINE_MS = 2_000;

let consoleBuild: ConsoleBuild;
let fed: TestFederation;
let gw: GatewayFixture;
let operatorToken: string;
let browser: BrowserFixture;
let page: Page;
let origin: string;
const foreignRequests: string[] = [];
const cspReports: string[] = [];
let sent = 0;

beforeAll(async () => {
  consoleBuild = await buildConsole();
  fed = await startTestFederation({
    members: { KZ: {}, BY: {} },
    gatewayEnv: { ATC_CONSOLE_DIR: consoleBuild.dir },
  });
  gw = fed.gateway;
  origin = new URL(gw.gateway.url).origin;
  operatorToken = addToken(
    join(gw.dataDir, 'tokens.json'),
    { name: 'duty-operator', role: 'operator' },
    Date.now(),
  ).token;
  browser = await launchBrowser({ artifacts: 'console' });
  page = browser.page;
  page.on('request', (req: Request) => {
    const url = req.url();
    if (!url.startsWith('data:') && new URL(url).origin !== origin) foreignRequests.push(url);
  });
  page.on('console', (msg) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(msg.text())) cspReports.push(msg.text());
  });
  // Init scripts run through the DevTools protocol, outside the page's CSP, before its own scripts.
  // Written as text: it runs in the page, whose DOM types this Node project does not load.
  await page.addInitScript({
    content:
      'window.__cspViolations = []; document.addEventListener("securitypolicyviolation", ' +
      '(e) => { window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI); });',
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await fed?.close();
  await consoleBuild?.remove();
});

/** The KZ -> recipient count the gateway's statistics give (operational or exercise). */
async function gatewayCount(traffic: 'operational' | 'exercise', sender: string, recipient: string): Promise<number> {
  const res = await gw.api('/v1/stats/flow', { authorization: `Bearer ${operatorToken}` });
  expect(res.status).toBe(200);
  const body = (await res.json()) as Record<string, { flows: { sender: string; recipient: string; count: number }[] }>;
  return body[traffic]?.flows.find((f) => f.sender === sender && f.recipient === recipient)?.count ?? 0;
}

/** The count the page shows in a matrix cell (0 when the cell is empty or absent). */
async function pageCount(traffic: 'operational' | 'exercise', sender: string, recipient: string): Promise<number> {
  const cell = page.locator(`[data-testid="${traffic}-matrix"] td[data-cell="${sender}>${recipient}"]`);
  if ((await cell.count()) === 0) return 0;
  return Number((await cell.getAttribute('data-count')) ?? 0);
}

async function send(from: string, to: string, exercise: boolean): Promise<void> {
  sent += 1;
  const res = await fed.agent(from).api('POST', '/v1/messages', { ...personRequest([to], 9000 + sent), exercise });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
}

async function violations(): Promise<string[]> {
  return page.evaluate<string[]>('window.__cspViolations ?? []');
}

describe('operator console in a browser', () => {
  it('serves the sign-in page under a strict CSP and shows why a wrong token is refused', async () => {
    const res = await page.goto(`${origin}/console/`);
    expect(res?.status()).toBe(200);
    const csp = res?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    await page.getByLabel('Operator token').fill('atc_this-token-was-never-issued');
    const answer = page.waitForResponse(
      (r) => r.url().endsWith('/v1/console/session') && r.request().method() === 'POST',
    );
    await page.getByRole('button', { name: 'Sign in' }).click();
    const refused = await answer;
    expect(refused.status()).toBe(401);
    const problem = (await refused.json()) as { code: string; detail: string };
    expect(problem.code).toBe('ERR_UNAUTHENTICATED');
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 10_000 });
    // The gateway's own sentence, not a generic one.
    expect(problem.detail.length).toBeGreaterThan(20);
    expect(await alert.textContent()).toContain(problem.detail);
    expect(await alert.textContent()).toContain('ERR_UNAUTHENTICATED');
    await browser.screenshot('sign-in-refused');
  });

  it('signs in with an operator token and shows the live overview', async () => {
    // By keyboard: Enter in the token field submits the form.
    await page.getByLabel('Operator token').fill(operatorToken);
    await page.getByLabel('Operator token').press('Enter');
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor({ timeout: 10_000 });
    expect(await page.locator('.who').textContent()).toBe('Signed in as duty-operator (operator)');
    await waitFor(async () => (await page.getByTestId('feed-status').textContent()) === 'Live feed connected', {
      timeoutMs: 10_000,
      message: 'the live feed connected',
    });
    // The token is not kept by the page: nothing in storage, nothing left in the field.
    expect(await page.evaluate<string>('JSON.stringify({ ...localStorage })')).not.toContain(operatorToken);
    await browser.screenshot('overview-signed-in');
  });

  it('changes the matrix cells under live traffic within a second of the gateway counting it', async () => {
    const before = await pageCount('operational', 'KZ', 'BY');
    await send('KZ', 'BY', false);
    await send('KZ', 'BY', false);
    await send('BY', 'KZ', true);
    await waitFor(async () => (await gatewayCount('operational', 'KZ', 'BY')) >= before + 2, {
      timeoutMs: 30_000,
      message: 'the gateway counted two KZ>BY messages',
    });
    await waitFor(async () => (await pageCount('operational', 'KZ', 'BY')) >= before + 2, {
      timeoutMs: LIVE_DEADLINE_MS,
      intervalMs: 50,
      message: 'the page showed the two KZ>BY messages',
    });
    await waitFor(async () => (await gatewayCount('exercise', 'BY', 'KZ')) >= 1, {
      timeoutMs: 30_000,
      message: 'the gateway counted the BY>KZ exercise message',
    });
    await waitFor(async () => (await pageCount('exercise', 'BY', 'KZ')) >= 1, {
      timeoutMs: LIVE_DEADLINE_MS,
      intervalMs: 50,
      message: 'the page showed the exercise message in the exercise matrix',
    });
    // Exercise traffic is kept apart from operational traffic.
    expect(await pageCount('operational', 'BY', 'KZ')).toBe(0);
    await browser.screenshot('overview-traffic');
  });

  it('switches the header to Russian, remembers it across a reload, and resumes the session', async () => {
    await page.getByRole('button', { name: 'Русский' }).click();
    await page.getByRole('button', { name: 'Выйти' }).waitFor({ timeout: 5_000 });
    expect(await page.getByRole('navigation').getByRole('link').first().textContent()).toBe('Обзор');
    expect(await page.locator('.who').textContent()).toBe('Вход выполнен: duty-operator (operator)');
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('ru');
    await page.reload();
    await page.getByRole('heading', { name: 'Обзор', level: 1 }).waitFor({ timeout: 10_000 });
    const time = page.locator('.expires time');
    expect(await time.getAttribute('title')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    await browser.screenshot('overview-russian');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 5_000 });
  });

  it('signs out back to the sign-in page, and the session is gone on the gateway too', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Operator token').waitFor({ timeout: 10_000 });
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    await page.reload();
    await page.getByLabel('Operator token').waitFor({ timeout: 10_000 });
    expect(await page.getByRole('heading', { name: 'Overview' }).count()).toBe(0);
    await browser.screenshot('signed-out');
  });

  it("shows the gateway's rate-limit sentence once this address failed too often", async () => {
    let limited: Response | undefined;
    for (let i = 0; i < 40 && limited === undefined; i++) {
      const res = await fetch(`${origin}/v1/console/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: `atc_wrong-guess-${i}` }),
      });
      if (res.status === 429) limited = res;
      else expect(res.status).toBe(401);
    }
    expect(limited, 'sign-in attempts are rate-limited').toBeDefined();
    const problem = (await limited!.json()) as { code: string; detail: string };
    expect(problem.code).toBe('ERR_RATE_LIMITED');
    await page.getByLabel('Operator token').fill('atc_one-more-wrong-guess');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await waitFor(async () => ((await alert.textContent()) ?? '').includes('ERR_RATE_LIMITED'), {
      timeoutMs: 10_000,
      message: 'the rate-limit refusal shown',
    });
    expect(await alert.textContent()).toContain(problem.detail.slice(0, 40));
    await browser.screenshot('sign-in-rate-limited');
  });

  it('requested nothing from another origin and broke no CSP rule', async () => {
    expect(foreignRequests).toEqual([]);
    expect(await violations()).toEqual([]);
    expect(cspReports).toEqual([]);
  });
});

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToken } from '@atc/gateway';
import { generateKeyPair } from '@atc/shared';
import { fixtureKey } from '@atc/shared/testing';
import {
  buildConsole,
  launchBrowser,
  makeMessage,
  personRequest,
  signInToConsole,
  startTestFederation,
  waitFor,
  type BrowserFixture,
  type ConsoleBuild,
  type TestFederation,
} from '@atc/tests';

// The console's members and refusals pages in Debian's Chromium against a real gateway,
// nats-server and agents: a member's key, backlog and last seen from real traffic; refusals
// of a forged and of a misaddressed submission, the security one highlighted, and the
// quarantined submission behind a code opened from the keyboard; Russian; 1280x720.

interface MemberJson {
  id: string;
  lastSeen: string | null;
  backlog: number | null;
}

let consoleBuild: ConsoleBuild;
let fed: TestFederation;
let operatorToken: string;
let browser: BrowserFixture;
let page: Page;
let origin: string;
/** The forged submission (a key the registry never knew: a security event) and the misaddressed one. */
const refused = { forged: '', misaddressed: '' };
const foreignRequests: string[] = [];

beforeAll(async () => {
  consoleBuild = await buildConsole();
  fed = await startTestFederation({
    members: { KZ: {}, BY: {} },
    wire: true,
    gatewayEnv: { ATC_CONSOLE_DIR: consoleBuild.dir },
  });
  origin = new URL(fed.gateway.gateway.url).origin;
  operatorToken = addToken(
    join(fed.gateway.dataDir, 'tokens.json'),
    { name: 'duty-operator', role: 'operator' },
    Date.now(),
  ).token;
  browser = await launchBrowser({ artifacts: 'console-members-refusals' });
  page = browser.page;
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith('data:') && new URL(url).origin !== origin) foreignRequests.push(url);
  });
  // Runs outside the page's CSP, before its own scripts; written as text (no DOM types here).
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

async function api<T>(path: string): Promise<T> {
  const res = await fed.gateway.api(path, { authorization: `Bearer ${operatorToken}` });
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

/** Tabs forward until the focused element matches `selector`; fails after `max` presses. */
async function tabTo(selector: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    // Written as text: it runs in the page, whose DOM types this Node project does not load.
    if (await page.evaluate<boolean>(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`)) return;
  }
  throw new Error(`${selector} was not reached with ${max} presses of Tab`);
}

/** Whether the page fits a 1280 px wide window without scrolling sideways. */
async function fitsWidth(): Promise<boolean> {
  return page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');
}

describe('members and refusals pages in a browser', () => {
  it('signs in', async () => {
    await signInToConsole(page, origin, operatorToken);
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor({ timeout: 10_000 });
  });

  it("lists members with last seen and inbox backlog from real traffic, and one member's keys", async () => {
    // KZ sends to RU, which runs no agent: the message waits in RU's inbox.
    const res = await fed.agent('KZ').api('POST', '/v1/messages', { ...personRequest(['RU'], 1), exercise: false });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const { items } = await waitFor(
      async () => {
        const list = await api<{ items: MemberJson[] }>('/v1/members');
        const ru = list.items.find((m) => m.id === 'RU');
        const kz = list.items.find((m) => m.id === 'KZ');
        return (ru?.backlog ?? 0) >= 1 && kz?.lastSeen !== null ? list : undefined;
      },
      { timeoutMs: 30_000, message: 'KZ seen and the message waiting in RU inbox' },
    );
    const kz = items.find((m) => m.id === 'KZ')!;
    const ru = items.find((m) => m.id === 'RU')!;

    await page.getByRole('navigation').getByRole('link', { name: 'Members' }).click();
    await page.getByRole('heading', { name: 'Members', level: 1 }).waitFor({ timeout: 10_000 });
    const row = (id: string) => page.locator(`[data-testid="member-table"] tr[data-member="${id}"]`);
    // The page refreshes by itself: wait until it shows what the API says now.
    await waitFor(
      async () =>
        (await row('KZ').locator('[data-cell="last-seen"] time').getAttribute('title')) ===
        new Date(kz.lastSeen!).toISOString(),
      { timeoutMs: 15_000, message: "KZ's last seen on the page" },
    );
    await waitFor(async () => Number(await row('RU').locator('[data-cell="backlog"]').textContent()) === ru.backlog, {
      timeoutMs: 15_000,
      message: "RU's backlog on the page",
    });
    expect(await row('BY').locator('[data-cell="last-seen"]').textContent()).toBe('never');
    expect(await row('KZ').locator('[data-cell="keys"]').textContent()).toBe('1 active of 1');
    expect(await fitsWidth()).toBe(true);
    await browser.screenshot('members');

    // Keyboard: Tab to KZ's link, Enter opens its page.
    await tabTo('tr[data-member="KZ"] a');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /^Member KZ/, level: 1 }).waitFor({ timeout: 10_000 });
    expect(page.url()).toContain('#/members/KZ');
    const key = page.locator(`[data-testid="key-table"] tr[data-kid="${fixtureKey('KZ').kid}"]`);
    await key.waitFor({ timeout: 10_000 });
    expect(await key.locator('td').first().textContent()).toBe('active');
    expect(await page.locator('[data-fact="last-seen"] time').getAttribute('title')).toBe(
      new Date(kz.lastSeen!).toISOString(),
    );
    expect(await fitsWidth()).toBe(true);
    await browser.screenshot('member-detail');
  });

  it("shows a revoked key with when and why it was revoked, and refuses an unknown member with the gateway's sentence", async () => {
    const actor = { who: 'cli:test', why: 'TEST-0016 console members page' };
    const extra = await fed.gateway.registry.addKey('BY', generateKeyPair().publicJwk, {}, actor);
    await fed.gateway.registry.revokeKey(extra.kid, { reason: 'compromised' }, actor);
    await page.goto(`${origin}/console/#/members/BY`);
    const revoked = page.locator(`[data-testid="key-table"] tr[data-kid="${extra.kid}"]`);
    await revoked.waitFor({ timeout: 10_000 });
    expect(await revoked.getAttribute('class')).toBe('revoked');
    const cells = await revoked.locator('td').allTextContents();
    expect(cells[0]).toBe('revoked');
    expect(cells.at(-1)).toBe('compromised');
    expect(await revoked.locator('td time').count()).toBe(2);
    expect(
      await page
        .locator(`tr[data-kid="${fixtureKey('BY').kid}"] td`)
        .first()
        .textContent(),
    ).toBe('active');
    await page.goto(`${origin}/console/#/members/ZZ`);
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 10_000 });
    expect(await alert.textContent()).toContain('ERR_MEMBER_UNKNOWN');
    expect(await alert.textContent()).toContain('No member ZZ is registered');
  });

  it('shows refusals by code with the security event highlighted, and opens the quarantine from the keyboard', async () => {
    const forged = makeMessage({
      from: 'KZ',
      to: ['BY'],
      sequence: 500,
      key: generateKeyPair(),
      header: { exercise: false },
    });
    const misaddressed = makeMessage({ from: 'KZ', to: ['ZZ'], sequence: 501, header: { exercise: false } });
    refused.forged = forged.messageId;
    refused.misaddressed = misaddressed.messageId;
    await fed.wire.submit('KZ', forged.bytes, forged.messageId);
    await fed.wire.submit('KZ', misaddressed.bytes, misaddressed.messageId);
    await waitFor(async () => (await api<{ items: unknown[] }>('/v1/quarantine?exercise=false')).items.length === 2, {
      timeoutMs: 30_000,
      message: 'both refusals quarantined',
    });

    await page.getByRole('navigation').getByRole('link', { name: 'Refusals' }).click();
    await page.getByRole('heading', { name: 'Refusals and quarantine', level: 1 }).waitFor({ timeout: 10_000 });
    const code = (c: string) => page.locator(`[data-testid="code-table"] tr[data-code="${c}"]`);
    await code('ERR_KEY_UNKNOWN').waitFor({ timeout: 10_000 });
    await code('ERR_RECIPIENT_UNKNOWN').waitFor({ timeout: 10_000 });
    expect(await code('ERR_KEY_UNKNOWN').locator('[data-cell="total"]').textContent()).toBe('1');
    // The security event is marked (class and a label); the misaddressed one is not.
    expect(await code('ERR_KEY_UNKNOWN').getAttribute('class')).toBe('security');
    expect(await code('ERR_KEY_UNKNOWN').locator('.security-badge').textContent()).toBe('Security event');
    expect(await code('ERR_RECIPIENT_UNKNOWN').getAttribute('class')).toBeNull();
    expect(await code('ERR_RECIPIENT_UNKNOWN').locator('.security-badge').count()).toBe(0);
    // Security events are listed first.
    expect(await page.locator('[data-testid="code-table"] tbody tr').first().getAttribute('data-code')).toBe(
      'ERR_KEY_UNKNOWN',
    );
    expect(await page.locator('.refusal-chart canvas').count()).toBeGreaterThan(0);
    expect(await fitsWidth()).toBe(true);
    await browser.screenshot('refusals');

    // Exercise traffic is apart: no refusal there.
    await page.getByRole('button', { name: 'Exercise' }).click();
    await page.getByText('No refusals in this period.').waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Operational' }).click();
    await code('ERR_KEY_UNKNOWN').waitFor({ timeout: 10_000 });

    // Keyboard: Tab to the drill-down of the security code, Enter opens its quarantined submission.
    await page.locator('h1').click();
    await tabTo('a[aria-label="Show the quarantined submissions refused with ERR_KEY_UNKNOWN"]');
    await page.keyboard.press('Enter');
    const row = page.locator(`[data-testid="quarantine"] tr[data-message-id="${refused.forged}"]`);
    await row.waitFor({ timeout: 10_000 });
    expect(page.url()).toContain('code=ERR_KEY_UNKNOWN');
    expect(await row.getAttribute('class')).toBe('security');
    expect(await row.textContent()).toContain('KZ');
    expect(await page.locator(`[data-testid="quarantine"] tr[data-message-id="${refused.misaddressed}"]`).count()).toBe(
      0,
    );
    // Focus moved to the opened list.
    expect(await page.evaluate<string>('document.activeElement?.id ?? ""')).toBe('quarantine-title');
    expect(await fitsWidth()).toBe(true);
    await browser.screenshot('refusals-drill-down');
  });

  it('shows both pages in Russian when switched', async () => {
    await page.getByRole('button', { name: 'Русский' }).click();
    await page.getByRole('heading', { name: 'Отказы и карантин', level: 1 }).waitFor({ timeout: 10_000 });
    expect(await page.locator('tr[data-code="ERR_KEY_UNKNOWN"] .security-badge').textContent()).toBe(
      'Событие безопасности',
    );
    await page.getByRole('heading', { name: 'Сообщения в карантине с кодом ERR_KEY_UNKNOWN' }).waitFor();
    await browser.screenshot('refusals-russian');
    await page.getByRole('navigation').getByRole('link', { name: 'Участники' }).click();
    await page.getByRole('heading', { name: 'Участники', level: 1 }).waitFor({ timeout: 10_000 });
    expect(await page.locator('tr[data-member="BY"] [data-cell="last-seen"]').textContent()).toBe('никогда');
    expect(await page.locator('[data-testid="member-table"] thead').textContent()).toContain('Очередь входящих');
    await browser.screenshot('members-russian');
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('requested nothing from another origin and broke no CSP rule on these pages', async () => {
    expect(foreignRequests).toEqual([]);
    expect(await page.evaluate<string[]>('window.__cspViolations ?? []')).toEqual([]);
  });
});

import { join } from 'node:path';
import type { Page } from 'playwright-core';
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

// The overview's messages per minute over the last hour in Debian's Chromium against a real
// gateway, nats-server and agents: traffic sent before the page opened is on the chart at once
// (read from GET /v1/stats/flow/series, compared point by point), operational and exercise
// apart; a new message adds to the current minute live from the feed; Russian; 1280x720.

/** The console must show an event this soon after the gateway counted it: 1 s, plus slack for a loaded CI machine. */
const LIVE_DEADLINE_MS = 2_000;

type Counts = Record<'accepted' | 'rejected' | 'delivered', number>;
interface SeriesJson {
  points: { at: string; operational: Counts; exercise: Counts }[];
}
/** The chart's `data-series`: times in seconds, then accepted, refused, delivered per minute. */
type ChartData = [number[], number[], number[], number[]];

let consoleBuild: ConsoleBuild;
let fed: TestFederation;
let operatorToken: string;
let browser: BrowserFixture;
let page: Page;
let origin: string;

const bearer = (): Record<string, string> => ({ authorization: `Bearer ${operatorToken}` });

async function apiSeries(): Promise<SeriesJson> {
  const res = await fed.gateway.api('/v1/stats/flow/series?window=1h', bearer());
  expect(res.status).toBe(200);
  return (await res.json()) as SeriesJson;
}

async function send(n: number, exercise: boolean): Promise<void> {
  const res = await fed.agent('KZ').api('POST', '/v1/messages', { ...personRequest(['BY'], n), exercise });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
}

/** Waits until the gateway's series holds these operational and exercise totals; returns it. */
async function gatewayCounted(operational: number, exercise: number): Promise<SeriesJson> {
  return waitFor(
    async () => {
      const s = await apiSeries();
      const total = (t: 'operational' | 'exercise') => s.points.reduce((n, p) => n + p[t].delivered, 0);
      return total('operational') === operational && total('exercise') === exercise ? s : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 20, message: `${operational} + ${exercise} deliveries counted` },
  );
}

async function chart(): Promise<{ traffic: string | null; data: ChartData }> {
  const el = page.getByTestId('rate-history');
  const raw = await el.getAttribute('data-series');
  return { traffic: await el.getAttribute('data-traffic'), data: JSON.parse(raw ?? '[]') as ChartData };
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

beforeAll(async () => {
  consoleBuild = await buildConsole();
  fed = await startTestFederation({
    members: {
      KZ: { webhookSecret: 'KZ-webhook-secret-for-tests' },
      BY: { webhookSecret: 'BY-webhook-secret-for-tests' },
    },
    gatewayEnv: { ATC_CONSOLE_DIR: consoleBuild.dir },
  });
  origin = new URL(fed.gateway.gateway.url).origin;
  operatorToken = addToken(
    join(fed.gateway.dataDir, 'tokens.json'),
    { name: 'duty-operator', role: 'operator' },
    Date.now(),
  ).token;
  // Traffic before anyone opens the console.
  await send(1, false);
  await send(2, false);
  await send(3, true);
  await gatewayCounted(2, 1);
  browser = await launchBrowser({ artifacts: 'console-rate-history' });
  page = browser.page;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await fed?.close();
  await consoleBuild?.remove();
});

describe('messages per minute on the overview in a browser', () => {
  it('shows the traffic sent before the page opened, as the gateway counted it, operational and exercise apart', async () => {
    await signInToConsole(page, origin, operatorToken);
    await page.getByRole('heading', { name: 'Messages per minute, last hour', level: 2 }).waitFor({ timeout: 10_000 });
    const shown = await chart();
    const api = await apiSeries();
    expect(shown.traffic).toBe('operational');
    // One point per minute, the newest the current minute (or the one before, if a minute began since).
    expect(shown.data[0]).toHaveLength(api.points.length);
    const currentMinute = Math.floor(Date.now() / 60_000) * 60;
    expect(currentMinute - shown.data[0].at(-1)!).toBeLessThanOrEqual(60);
    expect(currentMinute - shown.data[0].at(-1)!).toBeGreaterThanOrEqual(0);
    const byTime = new Map(api.points.map((p) => [Date.parse(p.at) / 1000, p.operational]));
    let compared = 0;
    shown.data[0].forEach((t, i) => {
      const p = byTime.get(t);
      if (p === undefined) return; // a minute the page or the API slid past
      expect([shown.data[1][i], shown.data[2][i], shown.data[3][i]], new Date(t * 1000).toISOString()).toEqual([
        p.accepted,
        p.rejected,
        p.delivered,
      ]);
      compared++;
    });
    expect(compared).toBeGreaterThanOrEqual(api.points.length - 1);
    expect([sum(shown.data[1]), sum(shown.data[2]), sum(shown.data[3])]).toEqual([2, 0, 2]);

    await page.getByRole('radio', { name: 'Exercise traffic' }).check();
    await waitFor(async () => (await chart()).traffic === 'exercise', { message: 'the exercise series shown' });
    const exercise = (await chart()).data;
    expect([sum(exercise[1]), sum(exercise[2]), sum(exercise[3])]).toEqual([1, 0, 1]);
    expect(await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await browser.screenshot('overview-rate-history-exercise');
    await page.getByRole('radio', { name: 'Operational traffic' }).check();
    await waitFor(async () => (await chart()).traffic === 'operational', { message: 'the operational series shown' });
  });

  it('adds a new message to the current minute live, from the feed', async () => {
    await waitFor(async () => (await page.getByTestId('feed-status').textContent()) === 'Live feed connected', {
      timeoutMs: 10_000,
      message: 'the live feed connected',
    });
    await send(4, false);
    await gatewayCounted(3, 1);
    const shown = await waitFor(
      async () => {
        const c = (await chart()).data;
        return sum(c[1]) === 3 && sum(c[3]) === 3 ? c : undefined;
      },
      { timeoutMs: LIVE_DEADLINE_MS, intervalMs: 20, message: 'the new message on the chart' },
    );
    // It landed in the minute the gateway counted it in, which is the current (last) one.
    const api = await apiSeries();
    const minute = api.points.findLast((p) => p.operational.accepted > 0)!;
    const i = shown[0].indexOf(Date.parse(minute.at) / 1000);
    expect(shown[1][i]).toBe(minute.operational.accepted);
    await browser.screenshot('overview-rate-history-live');
  });

  it('labels the chart in Russian', async () => {
    await page.getByRole('button', { name: 'Русский' }).click();
    await page
      .getByRole('heading', { name: 'Сообщений в минуту, последний час', level: 2 })
      .waitFor({ timeout: 10_000 });
    expect(await page.getByRole('radio', { name: 'Учебный обмен' }).count()).toBe(1);
    expect(await page.getByRole('group', { name: 'Обмен' }).count()).toBe(1);
    await browser.screenshot('overview-rate-history-russian');
    await page.getByRole('button', { name: 'English' }).click();
  });
});

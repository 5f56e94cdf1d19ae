import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToken } from '@atc/gateway';
import { loadKeyFile, signCheckpoint } from '@atc/shared';
import {
  buildConsole,
  gatewayEnv,
  launchBrowser,
  personRequest,
  runGatewayCli,
  signInToConsole,
  startNatsServer,
  startTestFederation,
  waitFor,
  type BrowserFixture,
  type ConsoleBuild,
  type NatsServerHandle,
  type TestFederation,
} from '@atc/tests';

// The console's Log page across a real gateway key rotation, in Debian's Chromium: checkpoints
// before the rotation were signed by the old key, those after the restart by the new one,
// which the console pins at sign-in. The old key's checkpoints verify only through the
// rotation entries the gateway serves (GET /v1/log/gateway-rotations), proven in the latest
// checkpoint; without them, or with one altered on the way, they do not.

let consoleBuild: ConsoleBuild;
let nats: NatsServerHandle;
let dataDir: string;
let fed: TestFederation | undefined;
let browser: BrowserFixture;
let page: Page;
let origin: string;
let oldKid: string;
let newKid: string;

/** Sends `count` messages from KZ, one at a time, each waited for in the log (a checkpoint each). */
async function sendOneByOne(federation: TestFederation, count: number, offset: number): Promise<void> {
  const token = addToken(
    join(dataDir, 'tokens.json'),
    { name: `rotation-${offset}`, role: 'operator' },
    Date.now(),
  ).token;
  for (let i = 0; i < count; i++) {
    const res = await federation.agent('KZ').api('POST', '/v1/messages', personRequest(['BY'], offset + i));
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const id = res.body['messageId'] as string;
    await waitFor(
      async () => {
        const detail = await federation.gateway.api(`/v1/messages/${id}`, { authorization: `Bearer ${token}` });
        return detail.ok && ((await detail.json()) as { leafIndex: number | null }).leafIndex !== null;
      },
      { timeoutMs: 30_000, message: `message ${offset + i} in the log` },
    );
  }
}

const start = (): Promise<TestFederation> =>
  startTestFederation({
    nats,
    gatewayDataDir: dataDir,
    members: { KZ: {}, BY: {} },
    gatewayEnv: { ATC_CONSOLE_DIR: consoleBuild.dir },
  });

beforeAll(async () => {
  consoleBuild = await buildConsole();
  nats = await startNatsServer();
  dataDir = await mkdtemp(join(tmpdir(), 'atc-console-rotation-'));
  fed = await start();
  oldKid = fed.gateway.gatewayKey.kid;
  await sendOneByOne(fed, 2, 8100);
  const rotated = await runGatewayCli(gatewayEnv(nats, dataDir), [
    'keys',
    'rotate-gateway',
    '--grace',
    '10m',
    '--reason',
    'console rotation test',
    '--by',
    'ops',
  ]);
  expect(rotated.code, rotated.stderr).toBe(0);
  await fed.close();
  fed = await start();
  newKid = fed.gateway.gatewayKey.kid;
  expect(newKid).not.toBe(oldKid);
  await sendOneByOne(fed, 2, 8200);
  origin = new URL(fed.gateway.gateway.url).origin;
  const token = addToken(
    join(dataDir, 'tokens.json'),
    { name: 'rotation-operator', role: 'operator' },
    Date.now(),
  ).token;
  browser = await launchBrowser({ artifacts: 'console-rotation' });
  page = browser.page;
  await signInToConsole(page, origin, token);
  await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor({ timeout: 15_000 });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await fed?.close();
  await nats?.stop();
  await consoleBuild?.remove();
  if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
});

/** Opens the Log page and waits until every listed checkpoint's signature was checked; the cells. */
async function openLog(): Promise<{ verified: number; olderKey: number; refused: number; rows: number }> {
  await page.goto(`${origin}/console/#/log`);
  await page.reload();
  await page.getByRole('heading', { name: 'Log', level: 1 }).waitFor({ timeout: 15_000 });
  const rows = page.getByTestId('checkpoints').locator('tbody tr');
  const cells = page.locator('[data-testid="signature"][data-verified]');
  await waitFor(async () => (await rows.count()) > 0 && (await cells.count()) === (await rows.count()), {
    timeoutMs: 15_000,
    message: 'every checkpoint checked',
  });
  // The rotations are proven after the first pass: wait until the verdicts settle.
  let last = '';
  await waitFor(
    async () => {
      const now = (await Promise.all((await cells.all()).map((c) => c.getAttribute('data-verified')))).join();
      const settled = now === last;
      last = now;
      return settled;
    },
    { timeoutMs: 15_000, intervalMs: 500, message: 'the verdicts settle' },
  );
  return {
    rows: await rows.count(),
    verified: await page.locator('[data-testid="signature"][data-verified="true"]').count(),
    olderKey: await page.locator(`[data-testid="signature"][data-older-key="${oldKid}"]`).count(),
    refused: await page.locator('[data-testid="signature"][data-verified="false"]').count(),
  };
}

describe('the Log page across a gateway key rotation', () => {
  it("verifies the old key's checkpoints through the proven rotation, and consistency across it", async () => {
    const seen = await openLog();
    expect(seen.refused).toBe(0);
    expect(seen.verified).toBe(seen.rows);
    expect(seen.olderKey).toBeGreaterThan(0);
    expect(seen.olderKey).toBeLessThan(seen.rows);
    const oldest = page.getByTestId('checkpoints').locator('tbody tr').last().getByTestId('signature');
    expect(await oldest.textContent()).toBe('verified (key before a rotation)');
    // The form starts at the oldest checkpoint (the old key's) and ends at the newest (the new key's).
    await page.getByRole('button', { name: 'Verify consistency' }).click();
    const verdict = page.getByTestId('consistency-result');
    await verdict.waitFor({ timeout: 15_000 });
    expect(await verdict.getAttribute('data-verified'), (await verdict.textContent()) ?? '').toBe('true');
    expect(await verdict.textContent()).toContain(
      'an older gateway key whose rotation a checkpoint of the pinned key proves',
    );
    await browser.screenshot('log-across-rotation');
  });

  it('does not accept the old key when the rotation entries are withheld or altered on the way', async () => {
    const withhold = async (route: Route): Promise<void> => {
      const res = await route.fetch();
      const body = (await res.json()) as { entries: unknown[] };
      await route.fulfill({ response: res, json: { ...body, entries: [] } });
    };
    const matches = (url: URL): boolean => url.pathname === '/v1/log/gateway-rotations';
    await page.route(matches, withhold);
    try {
      const seen = await openLog();
      expect(seen.olderKey).toBe(0);
      expect(seen.refused).toBeGreaterThan(0);
      await page.getByRole('button', { name: 'Verify consistency' }).click();
      const verdict = page.getByTestId('consistency-result');
      await verdict.waitFor({ timeout: 15_000 });
      expect(await verdict.getAttribute('data-verified')).toBe('false');
      expect(await verdict.getAttribute('data-reason')).toBe('signatureMissing');
    } finally {
      await page.unroute(matches, withhold);
    }

    const alter = async (route: Route): Promise<void> => {
      const res = await route.fetch();
      const body = (await res.json()) as { entries: { envelope: string }[] };
      const bytes = Buffer.from(body.entries[0]!.envelope, 'base64');
      bytes[bytes.length - 30] = bytes[bytes.length - 30]! ^ 0x01;
      body.entries[0]!.envelope = bytes.toString('base64');
      await route.fulfill({ response: res, json: body });
    };
    await page.route(matches, alter);
    try {
      const seen = await openLog();
      expect(seen.olderKey).toBe(0);
      expect(seen.refused).toBeGreaterThan(0);
      const alarm = page.getByTestId('rotation-failure');
      await alarm.waitFor({ timeout: 10_000 });
      expect(await alarm.textContent()).toContain('not included in the checkpoint signed by the pinned key');
      await browser.screenshot('log-rotation-altered');
    } finally {
      await page.unroute(matches, alter);
    }
  });

  it('never calls verified a checkpoint the old key signed after its rotation (its grace rests on an unsigned time)', async () => {
    // What a replica still holding the old key, or a thief of it, would sign: the newest tree,
    // with the old key. Its signature verifies; only the gateway's own record says when it was made.
    const old = await loadKeyFile(join(dataDir, `gateway.jwk.${oldKid}.retired`));
    let forgedSize = 0;
    const resign =
      (createdAt: () => string) =>
      async (route: Route): Promise<void> => {
        const res = await route.fetch();
        const body = (await res.json()) as { items: { size: number; note: string; createdAt: string }[] };
        const newest = body.items[0]!;
        const [name, size, root] = newest.note.split('\n');
        const note = signCheckpoint(
          { origin: name!, size: Number(size), rootHash: Buffer.from(root!, 'base64'), extensions: [] },
          name!,
          old.privateKey,
        );
        forgedSize = newest.size;
        body.items[0] = { ...newest, note, createdAt: createdAt() };
        await route.fulfill({ response: res, json: body });
      };
    const matches = (url: URL): boolean => url.pathname === '/v1/log/checkpoints';
    const cellOf = () =>
      page.getByTestId('checkpoints').locator(`tbody tr[data-size="${forgedSize}"]`).getByTestId('signature');

    // Recorded within the grace (10 minutes from the rotation): not verified, not refused.
    const within = resign(() => new Date().toISOString());
    await page.route(matches, within);
    try {
      const seen = await openLog();
      expect(forgedSize).toBeGreaterThan(0);
      expect(await cellOf().getAttribute('data-verified')).toBe('partial');
      expect(await cellOf().getAttribute('data-older-key')).toBe(oldKid);
      expect(await cellOf().textContent()).toBe('NOT proven here (key before a rotation, used after it)');
      expect(await cellOf().getAttribute('title')).toContain('archive verify');
      expect(seen.verified).toBe(seen.rows - 1);
      // Consistency from the oldest checkpoint to it: the proof holds, the verdict says what is not proven.
      await page.getByRole('button', { name: 'Verify consistency' }).click();
      const verdict = page.getByTestId('consistency-result');
      await verdict.waitFor({ timeout: 15_000 });
      expect(await verdict.getAttribute('data-verified'), (await verdict.textContent()) ?? '').toBe('partial');
      expect(await verdict.textContent()).toContain('Consistent, but a signature is not proven here');
      await browser.screenshot('log-old-key-after-rotation');
    } finally {
      await page.unroute(matches, within);
    }

    // Recorded after the grace by the gateway's own account: refused.
    const after = resign(() => new Date(Date.now() + 11 * 60_000).toISOString());
    await page.route(matches, after);
    try {
      await openLog();
      expect(await cellOf().getAttribute('data-verified')).toBe('false');
      expect(await cellOf().getAttribute('title')).toBe(
        'The checkpoint is signed by an older gateway key after its rotation and the grace the rotation declared.',
      );
    } finally {
      await page.unroute(matches, after);
    }
  });
});

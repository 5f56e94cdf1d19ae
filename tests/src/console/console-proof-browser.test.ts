import { join } from 'node:path';
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToken } from '@atc/gateway';
import { generateKeyPair, signCheckpoint } from '@atc/shared';
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

// Proofs verified in Debian's Chromium against a real gateway, nats-server and agents (BY is
// also a witness cosigning every second): a message's inclusion proof verifies, but "Verified"
// only once the proven leaf is tied to the envelope (its leaf hash computed in the browser from
// the bytes an auditor read with a purpose); one byte flipped in the gateway's proof, a
// checkpoint signed by another key, or the proof of another message's leaf shows NOT verified
// with the reason; consistency between two checkpoints verifies on the Log page.

let consoleBuild: ConsoleBuild;
let fed: TestFederation;
let browser: BrowserFixture;
let page: Page;
let origin: string;
let operatorToken: string;
let auditorToken: string;
const sent: string[] = [];

interface MessageJson {
  leafIndex: number | null;
}
interface InclusionJson {
  leafIndex: number;
  treeSize: number;
  leafHash: string;
  proof: string[];
}

const api = async <T>(path: string): Promise<T> => {
  const res = await fed.gateway.api(path, { authorization: `Bearer ${operatorToken}` });
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
};

/** Flips one bit of byte 0 of a base64 hash. */
function flipByte(b64: string): string {
  const bytes = Buffer.from(b64, 'base64');
  bytes[0] = bytes[0]! ^ 0x01;
  return bytes.toString('base64');
}

async function result(testId: string): Promise<{ verified: string; reason: string; text: string }> {
  const el = page.getByTestId(testId);
  await el.waitFor({ timeout: 15_000 });
  return {
    verified: (await el.getAttribute('data-verified')) ?? '',
    reason: (await el.getAttribute('data-reason')) ?? '',
    text: (await el.textContent()) ?? '',
  };
}

/** Opens a message's detail page and waits until its proof was checked (either way). */
async function openDetail(id: string): Promise<void> {
  await page.goto(`${origin}/console/#/messages/${id}`);
  await page.getByRole('heading', { name: `Message ${id}`, level: 1 }).waitFor({ timeout: 15_000 });
  await page.getByTestId('inclusion-result').waitFor({ timeout: 15_000 });
}

beforeAll(async () => {
  consoleBuild = await buildConsole();
  fed = await startTestFederation({
    members: { KZ: {}, BY: { env: { ATC_WITNESS_INTERVAL: '1s' } } },
    gatewayEnv: { ATC_CONSOLE_DIR: consoleBuild.dir },
  });
  origin = new URL(fed.gateway.gateway.url).origin;
  operatorToken = addToken(
    join(fed.gateway.dataDir, 'tokens.json'),
    { name: 'proof-operator', role: 'operator' },
    Date.now(),
  ).token;
  auditorToken = addToken(
    join(fed.gateway.dataDir, 'tokens.json'),
    { name: 'proof-auditor', role: 'auditor' },
    Date.now(),
  ).token;
  // One at a time, so that the log holds several checkpoints.
  for (let i = 0; i < 4; i++) {
    const res = await fed.agent('KZ').api('POST', '/v1/messages', personRequest(['BY'], 7100 + i));
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const id = res.body['messageId'] as string;
    sent.push(id);
    await waitFor(async () => (await api<MessageJson>(`/v1/messages/${id}`)).leafIndex !== null, {
      timeoutMs: 30_000,
      message: `message ${i + 1} in the log`,
    });
  }
  browser = await launchBrowser({ artifacts: 'console-proof' });
  page = browser.page;
  await signInToConsole(page, origin, operatorToken);
  await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor({ timeout: 15_000 });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await fed?.close();
  await consoleBuild?.remove();
});

describe('proofs verified in the browser', () => {
  it("verifies a message's inclusion against the pinned key and shows the checkpoint and each step", async () => {
    const id = sent[1]!;
    const { leafIndex } = await api<MessageJson>(`/v1/messages/${id}`);
    await openDetail(id);
    // The proof verifies, but an operator cannot read the envelope the leaf covers: never "Verified".
    const verdict = await result('inclusion-result');
    expect(verdict.verified, verdict.text).toBe('partial');
    expect(verdict.text).toContain('Proof verified; leaf not yet tied to this envelope');
    expect(verdict.text).not.toContain('Verified');
    expect(verdict.text).toContain(`leaf ${leafIndex}`);
    expect(await page.locator('.proof').textContent()).toContain('Auditors can tie the leaf to the envelope here');
    expect(await page.getByLabel('Purpose of this read').count()).toBe(0);
    const size = Number(await page.getByTestId('checkpoint-size').textContent());
    const proof = await api<InclusionJson>(`/v1/log/proof/inclusion?messageId=${id}&size=${size}`);
    expect(proof.proof.length).toBeGreaterThan(0);
    expect(await page.getByTestId('proof-steps').locator('tbody tr').count()).toBe(proof.proof.length);
    for (const hash of proof.proof) expect(await page.getByTestId('proof-steps').textContent()).toContain(hash);
    expect(await page.getByTestId('checkpoint-signature').textContent()).toContain('verified against the pinned key');
    expect(await page.getByTestId('deliveries').textContent()).toContain('BY');
    await browser.screenshot('message-detail-verified');
  });

  it('shows NOT verified when one byte of the gateway proof is altered on the way', async () => {
    const id = sent[2]!;
    const tamper = async (route: Route): Promise<void> => {
      const res = await route.fetch();
      const body = (await res.json()) as InclusionJson;
      const proof = body.proof.length > 0 ? [flipByte(body.proof[0]!), ...body.proof.slice(1)] : body.proof;
      const leafHash = body.proof.length > 0 ? body.leafHash : flipByte(body.leafHash);
      await route.fulfill({ response: res, json: { ...body, proof, leafHash } });
    };
    const matches = (url: URL): boolean => url.pathname === '/v1/log/proof/inclusion';
    await page.route(matches, tamper);
    try {
      await openDetail(id);
      const verdict = await result('inclusion-result');
      expect(verdict.verified).toBe('false');
      expect(verdict.reason).toBe('rootMismatch');
      expect(verdict.text).toContain('NOT verified');
      expect(verdict.text).toContain('does not lead to the signed root');
      await browser.screenshot('message-detail-tampered-proof');
    } finally {
      await page.unroute(matches, tamper);
    }
    // Without the tampering, the same page verifies again.
    await page.getByRole('button', { name: 'Verify again' }).click();
    await waitFor(async () => (await result('inclusion-result')).verified === 'partial', {
      timeoutMs: 15_000,
      message: 'the untampered proof verified',
    });
  });

  it('shows NOT verified for a checkpoint signed by another key under the log name', async () => {
    const other = generateKeyPair();
    const forge = async (route: Route): Promise<void> => {
      const res = await route.fetch();
      const [logOrigin, size, root] = (await res.text()).split('\n') as [string, string, string];
      const forged = signCheckpoint(
        { origin: logOrigin, size: Number(size), rootHash: Buffer.from(root, 'base64'), extensions: [] },
        logOrigin,
        other.privateKey,
      );
      await route.fulfill({ response: res, body: forged, contentType: 'text/plain; charset=utf-8' });
    };
    const matches = (url: URL): boolean => url.pathname === '/v1/log/checkpoint';
    await page.route(matches, forge);
    try {
      await openDetail(sent[0]!);
      const verdict = await result('inclusion-result');
      expect(verdict.verified).toBe('false');
      expect(verdict.reason).toBe('signatureMissing');
      expect(verdict.text).toContain('NOT verified');
      expect(await page.getByTestId('checkpoint-signature').textContent()).toContain('does not verify');
      await browser.screenshot('message-detail-other-key');
    } finally {
      await page.unroute(matches, forge);
    }
  });

  it('lists checkpoints with witness cosignatures and verifies consistency between two on the Log page', async () => {
    await waitFor(
      async () => {
        const { items } = await api<{ items: { cosignatures: { witness: string }[] }[] }>('/v1/log/checkpoints');
        return items[0]?.cosignatures.some((c) => c.witness === 'BY');
      },
      { timeoutMs: 30_000, message: 'BY cosigned the latest checkpoint' },
    );
    const { items } = await api<{ items: { size: number }[] }>('/v1/log/checkpoints');
    expect(items.length).toBeGreaterThanOrEqual(3);
    await page.goto(`${origin}/console/#/log`);
    await page.getByRole('heading', { name: 'Log', level: 1 }).waitFor({ timeout: 15_000 });
    const rows = page.getByTestId('checkpoints').locator('tbody tr');
    await waitFor(async () => (await rows.count()) === items.length, { timeoutMs: 10_000, message: 'rows' });
    expect(await rows.first().getByTestId('cosignatures').textContent()).toContain('BY');
    const verifiedCells = page.locator('[data-testid="signature"][data-verified="true"]');
    await waitFor(async () => (await verifiedCells.count()) === items.length, {
      timeoutMs: 10_000,
      message: "every listed checkpoint's signature verified",
    });

    // By keyboard: choose the second-oldest and the newest, then submit.
    await page.getByLabel('Older checkpoint').selectOption(String(items.at(-2)!.size));
    await page.getByLabel('Newer checkpoint').selectOption(String(items[0]!.size));
    await page.getByLabel('Newer checkpoint').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const verdict = await result('consistency-result');
    expect(verdict.verified, verdict.text).toBe('true');
    expect(verdict.text).toContain(`the tree of ${items[0]!.size} extends the tree of ${items.at(-2)!.size}`);
    await browser.screenshot('log-consistency-verified');
  });

  it('marks a listed checkpoint signed by another key and refuses consistency from it', async () => {
    const other = generateKeyPair();
    const forge = async (route: Route): Promise<void> => {
      const res = await route.fetch();
      const body = (await res.json()) as { items: { note: string }[] };
      const [logOrigin, size, root] = body.items.at(-1)!.note.split('\n') as [string, string, string];
      body.items.at(-1)!.note = signCheckpoint(
        { origin: logOrigin, size: Number(size), rootHash: Buffer.from(root, 'base64'), extensions: [] },
        logOrigin,
        other.privateKey,
      );
      await route.fulfill({ response: res, json: body });
    };
    const matches = (url: URL): boolean => url.pathname === '/v1/log/checkpoints';
    await page.route(matches, forge);
    try {
      await page.reload();
      await page.getByRole('heading', { name: 'Log', level: 1 }).waitFor({ timeout: 15_000 });
      const oldest = page.getByTestId('checkpoints').locator('tbody tr').last().getByTestId('signature');
      await waitFor(async () => (await oldest.getAttribute('data-verified')) === 'false', {
        timeoutMs: 10_000,
        message: 'the forged checkpoint marked',
      });
      expect(await oldest.textContent()).toBe('NOT verified');
      // The form starts at the oldest checkpoint, the forged one.
      await page.getByRole('button', { name: 'Verify consistency' }).click();
      const verdict = await result('consistency-result');
      expect(verdict.verified).toBe('false');
      expect(verdict.reason).toBe('signatureMissing');
      await browser.screenshot('log-forged-checkpoint');
    } finally {
      await page.unroute(matches, forge);
    }
  });
});

describe('the proven leaf tied to the envelope, in the browser', () => {
  const purpose = 'Inclusion check for case TESTOV-7';

  async function tieWithPurpose(text: string): Promise<void> {
    await page.getByLabel('Purpose of this read').fill(text);
    await page.getByRole('button', { name: 'Check the leaf against the envelope' }).click();
  }

  beforeAll(async () => {
    await signInToConsole(page, origin, auditorToken);
  }, 60_000);

  it("shows Verified once the envelope's leaf hash, computed in the browser, is the proven leaf; the read is audited", async () => {
    const id = sent[1]!;
    const { leafIndex } = await api<MessageJson>(`/v1/messages/${id}`);
    await openDetail(id);
    expect((await result('inclusion-result')).verified).toBe('partial');
    // A purpose too short is refused in the page, before anything is read.
    await tieWithPurpose('ok');
    await page.getByText('State the purpose in 3 to 500 characters').waitFor({ timeout: 5_000 });
    expect((await result('inclusion-result')).verified).toBe('partial');
    await tieWithPurpose(purpose);
    await waitFor(async () => (await result('inclusion-result')).verified === 'true', {
      timeoutMs: 15_000,
      message: 'the leaf tied to the envelope',
    });
    const verdict = await result('inclusion-result');
    expect(verdict.text).toContain('Verified');
    expect(verdict.text).toContain(`leaf ${leafIndex} is this message's envelope`);
    const size = Number(await page.getByTestId('checkpoint-size').textContent());
    const proof = await api<InclusionJson>(`/v1/log/proof/inclusion?messageId=${id}&size=${size}`);
    expect(await page.getByTestId('envelope-leaf').textContent()).toContain(proof.leafHash);
    const res = await fed.gateway.api(`/v1/audit?action=databank.read&subject=message:${id}`);
    const { items } = (await res.json()) as { items: { actor: string; reason: string }[] };
    expect(items.map((i) => [i.actor, i.reason])).toEqual([['proof-auditor', purpose]]);
    await browser.screenshot('message-detail-envelope-tied');
  });

  it("shows NOT verified when the gateway proves another message's leaf as this one's", async () => {
    const id = sent[2]!;
    const other = sent[3]!;
    const { leafIndex: otherLeaf } = await api<MessageJson>(`/v1/messages/${other}`);
    // A consistent lie: the message's leaf index and its proof are another message's, so the
    // proof itself verifies up to the signed root; only the envelope's bytes tell them apart.
    const lieAboutLeaf = async (route: Route): Promise<void> => {
      const res = await route.fetch();
      await route.fulfill({ response: res, json: { ...((await res.json()) as object), leafIndex: otherLeaf } });
    };
    const proveOther = async (route: Route): Promise<void> => {
      const url = new URL(route.request().url());
      url.searchParams.set('messageId', other);
      await route.fulfill({ response: await route.fetch({ url: url.toString() }) });
    };
    const isMessage = (url: URL): boolean => url.pathname === `/v1/messages/${id}`;
    const isProof = (url: URL): boolean =>
      url.pathname === '/v1/log/proof/inclusion' && url.searchParams.get('messageId') === id;
    await page.route(isMessage, lieAboutLeaf);
    await page.route(isProof, proveOther);
    try {
      await openDetail(id);
      expect((await result('inclusion-result')).verified).toBe('partial');
      await tieWithPurpose(purpose);
      await waitFor(async () => (await result('inclusion-result')).verified === 'false', {
        timeoutMs: 15_000,
        message: 'the mismatch shown',
      });
      const verdict = await result('inclusion-result');
      expect(verdict.reason).toBe('envelopeMismatch');
      expect(verdict.text).toContain('NOT verified');
      expect(verdict.text).toContain("The proven leaf is not this message's envelope");
      expect(await page.getByTestId('envelope-leaf').count()).toBe(0);
      await browser.screenshot('message-detail-other-leaf');
    } finally {
      await page.unroute(isMessage, lieAboutLeaf);
      await page.unroute(isProof, proveOther);
    }
  });
});

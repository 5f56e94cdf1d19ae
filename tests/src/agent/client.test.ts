// @atc/client against real agents (real nats-server and gateway): a record sent and followed,
// a retry after a dropped connection, problems as AgentApiError, the inbox stream, the
// webhook signature check against the agent's real calls and signer, and the check that
// the committed generated files follow the agent's routes.
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AgentApiError,
  AgentClient,
  verifyWebhookSignature,
  WEBHOOK_SIGNATURE_HEADER,
  WebhookSignatureError,
  WebhookSignatureErrorCode,
  type SendMessageBody,
} from '@atc/client';
import { signWebhook } from '@atc/node-agent';
import { ErrorCode } from '@atc/shared';
import {
  TEST_API_KEY,
  personRequest,
  startTestFederation,
  waitFor,
  type AgentFixture,
  type TestFederation,
  type WebhookReceiver,
} from '@atc/tests';

const WEBHOOK_SECRET = 'by-webhook-secret-for-client-tests';
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let fed: TestFederation;
let kz: AgentFixture;
let by: AgentFixture;
let hook: WebhookReceiver;
let client: AgentClient;

beforeAll(async () => {
  fed = await startTestFederation({ members: { KZ: {}, BY: { webhookSecret: WEBHOOK_SECRET } } });
  [kz, by, hook] = [fed.agent('KZ'), fed.agent('BY'), fed.receiver('BY')];
  client = new AgentClient({ baseUrl: kz.agent.url, token: TEST_API_KEY });
}, 60_000);

afterAll(() => fed?.close());

const record = (n: number): SendMessageBody => personRequest(['BY'], n) as SendMessageBody;

/**
 * A TCP proxy to `target` that forwards the first connection's request and then cuts it
 * before any of the answer comes back (the agent did the work; the client saw a dropped
 * connection); later connections pass through.
 */
async function droppingProxy(target: URL): Promise<{ url: string; connections: () => number; close: () => void }> {
  let connections = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((inbound) => {
    connections++;
    const first = connections === 1;
    const outbound = createConnection(Number(target.port), target.hostname);
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    inbound.pipe(outbound);
    if (first) {
      outbound.once('data', () => {
        inbound.destroy();
        outbound.destroy();
      });
    } else outbound.pipe(inbound);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => connections,
    close: () => {
      server.close();
      for (const s of sockets) s.destroy();
    },
  };
}

describe('@atc/client against a real agent', () => {
  it('sends a record and reads its lifecycle until accepted', async () => {
    const sent = await client.sendMessage(record(1), { idempotencyKey: 'client-test-1' });
    expect(sent).toMatchObject({ status: 'queued', created: true });
    expect(sent.messageId).toMatch(UUID_V7);
    await waitFor(async () => (await client.getMessage(sent.messageId)).status === 'accepted', {
      timeoutMs: 15_000,
      message: 'accepted',
    });
    const message = await client.getMessage(sent.messageId);
    expect(message).toMatchObject({
      messageId: sent.messageId,
      recipients: ['BY'],
      payloadType: 'atc.v1.PersonRecord',
    });
    const page = await client.listMessages({ limit: '1000' });
    expect(page.messages?.map((m) => m.messageId)).toContain(sent.messageId);
  });

  it('retries after a dropped connection with the same Idempotency-Key and gets the same message id', async () => {
    const proxy = await droppingProxy(new URL(kz.agent.url));
    try {
      const viaProxy = new AgentClient({ baseUrl: proxy.url, token: TEST_API_KEY, retry: { baseDelayMs: 50 } });
      const answer = await viaProxy.sendMessage(record(2), { idempotencyKey: 'client-test-dropped' });
      expect(proxy.connections()).toBeGreaterThanOrEqual(2);
      // The first try was stored: the retry named it, and nothing was sent twice.
      expect(answer.created).toBe(false);
      const again = await client.sendMessage(record(2), { idempotencyKey: 'client-test-dropped' });
      expect(again).toMatchObject({ messageId: answer.messageId, created: false });
      const page = await client.listMessages({ limit: '1000' });
      const copies = (page.messages ?? []).filter((m) => m.messageId === answer.messageId);
      expect(copies).toHaveLength(1);
    } finally {
      proxy.close();
    }
  });

  it("turns the agent's problems into AgentApiError with their codes", async () => {
    const { purpose: _purpose, ...noPurpose } = personRequest(['BY'], 3);
    const invalid = await client.sendMessage(noPurpose as SendMessageBody).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(AgentApiError);
    expect(invalid).toMatchObject({ status: 400, code: ErrorCode.VALIDATION });
    expect((invalid as AgentApiError).problem.errors?.map((e) => e.field).join(' ')).toContain('purpose');

    const unknown = await client.getMessage('019bc1a2-0000-7000-8000-000000000001').catch((e: unknown) => e);
    expect(unknown).toMatchObject({ status: 404, code: ErrorCode.MESSAGE_UNKNOWN });
    expect((unknown as AgentApiError).detail).toContain('019bc1a2-0000-7000-8000-000000000001');

    const badKey = new AgentClient({ baseUrl: kz.agent.url, token: 'not-a-key' });
    await expect(badKey.listInbox()).rejects.toMatchObject({ status: 401, code: ErrorCode.UNAUTHENTICATED });
  });

  it('delivers a received item through the inbox stream', async () => {
    const byClient = new AgentClient({ baseUrl: by.agent.url, token: TEST_API_KEY });
    // Start after what BY holds now, so that the item cannot slip in before the stream opens.
    const held = await byClient.listInbox({ limit: '1000' });
    const cursor = Math.max(0, ...(held.items ?? []).map((i) => i.seq ?? 0));
    const controller = new AbortController();
    const received: string[] = [];
    const reading = (async () => {
      for await (const event of byClient.streamInbox({ after: cursor, signal: controller.signal })) {
        if (event.kind === 'item' && typeof event.item.id === 'string') received.push(event.item.id);
      }
    })();
    try {
      const sent = await client.sendMessage(record(4));
      await waitFor(() => received.includes(sent.messageId), { timeoutMs: 20_000, message: 'streamed item' });
      const item = await byClient.getInboxItem(sent.messageId);
      expect(item).toMatchObject({ sender: 'KZ', verification: 'verified' });
    } finally {
      controller.abort();
      await reading;
    }
  });

  it("accepts the agent's real webhook signature and refuses a tampered or stale one", async () => {
    const sent = await client.sendMessage(record(5));
    await waitFor(() => hook.calls.some((c) => c.body.includes(sent.messageId)), {
      timeoutMs: 20_000,
      message: 'webhook call',
    });
    const call = hook.calls.find((c) => c.body.includes(sent.messageId))!;
    const header = call.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()];
    expect(verifyWebhookSignature(WEBHOOK_SECRET, header, call.body)).toBe(true);
    expect(verifyWebhookSignature(['retired-secret', WEBHOOK_SECRET], header, Buffer.from(call.body))).toBe(true);

    const code = (f: () => unknown): string | undefined => {
      try {
        f();
        return undefined;
      } catch (e) {
        return e instanceof WebhookSignatureError ? e.code : String(e);
      }
    };
    const tampered = call.body.replace('Testov', 'Primerov');
    expect(tampered).not.toBe(call.body);
    expect(code(() => verifyWebhookSignature(WEBHOOK_SECRET, header, tampered))).toBe(
      ErrorCode.WEBHOOK_SIGNATURE_MISMATCH,
    );
    expect(code(() => verifyWebhookSignature('another-secret', header, call.body))).toBe(
      ErrorCode.WEBHOOK_SIGNATURE_MISMATCH,
    );
    const t = Number(/t=(\d+)/.exec(String(header))![1]);
    expect(code(() => verifyWebhookSignature(WEBHOOK_SECRET, header, call.body, t + 301))).toBe(
      ErrorCode.WEBHOOK_TIMESTAMP_TOO_OLD,
    );
    expect(code(() => verifyWebhookSignature(WEBHOOK_SECRET, header, call.body, new Date((t - 301) * 1000)))).toBe(
      ErrorCode.WEBHOOK_TIMESTAMP_IN_FUTURE,
    );
    expect(code(() => verifyWebhookSignature(WEBHOOK_SECRET, undefined, call.body))).toBe(
      ErrorCode.WEBHOOK_SIGNATURE_MISSING,
    );
  });

  it("agrees with the agent's signer, two secrets while one replaces another, and uses the catalogue's codes", () => {
    const body = '{"sender":"KZ","record":{"names":[{"parts":[{"value":"Testov"}]}]}}';
    const header = signWebhook(['old-secret', 'new-secret'], body, 1_800_000_000);
    expect(verifyWebhookSignature('old-secret', header, body, 1_800_000_000)).toBe(true);
    expect(verifyWebhookSignature('new-secret', header, body, 1_800_000_100)).toBe(true);
    expect(() => verifyWebhookSignature('new-secret', header, `${body}\n`, 1_800_000_000)).toThrow(
      WebhookSignatureError,
    );
    expect(Object.values(WebhookSignatureErrorCode).sort()).toEqual(
      Object.values(ErrorCode)
        .filter((c) => c.startsWith('ERR_WEBHOOK_'))
        .sort(),
    );
  });
});

describe('the generated client files', () => {
  const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

  /** Runs `scripts/generate-client.ts --check --root <root>`: its exit code and error output. */
  function check(root: string): Promise<{ code: number | null; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', '--conditions=source', 'scripts/generate-client.ts', '--check', '--root', root],
        { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => {
        resolve({ code, stderr });
      });
    });
  }

  it("pass the check as committed, and fail it once the document or the types differ from the agent's routes", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'atc-client-check-'));
    try {
      await cp(join(repoRoot, 'client/openapi'), join(dir, 'client/openapi'), { recursive: true });
      await cp(join(repoRoot, 'client/src/generated'), join(dir, 'client/src/generated'), { recursive: true });
      expect(await check(dir)).toMatchObject({ code: 0 });

      const documentFile = join(dir, 'client/openapi/agent.json');
      const committed = await readFile(documentFile, 'utf8');
      const changed = JSON.parse(committed) as { paths: Record<string, unknown> };
      changed.paths['/v1/extra'] = { get: { responses: { 200: { description: 'x' } } } };
      await writeFile(documentFile, `${JSON.stringify(changed, null, 2)}\n`);
      const stale = await check(dir);
      expect(stale.code).toBe(1);
      expect(stale.stderr).toContain('client/openapi/agent.json');
      expect(stale.stderr).not.toContain('agent-api.ts');

      await writeFile(documentFile, committed);
      const typesFile = join(dir, 'client/src/generated/agent-api.ts');
      await writeFile(typesFile, (await readFile(typesFile, 'utf8')).replace("'/v1/messages'", "'/v1/letters'"));
      const edited = await check(dir);
      expect(edited.code).toBe(1);
      expect(edited.stderr).toContain('client/src/generated/agent-api.ts');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

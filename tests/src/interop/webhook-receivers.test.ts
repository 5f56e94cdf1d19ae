// The example webhook receivers (interop/webhook/): the real agent delivers a real message
// to each, signed as it signs every call; they accept it, and refuse a tampered body, a
// wrong secret, a stale or future timestamp and a missing or malformed header with the
// agent's own codes. A receiver holding the wrong secret refuses the agent's real calls,
// so the item stays pending.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '@atc/node-agent';
import { personRequest, startTestFederation, waitFor, type AgentFixture, type TestFederation } from '@atc/tests';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const SECRET = 'webhook-secret-of-the-example-receivers';

interface ReceiverEvent {
  event: string;
  url?: string;
  code?: string;
  id?: string;
  deliveryId?: string;
  sender?: string;
  payloadType?: string;
}

/** An example receiver in a process of its own, and the JSON lines it printed. */
interface RunningReceiver {
  readonly url: string;
  readonly events: ReceiverEvent[];
  readonly child: ChildProcessWithoutNullStreams;
}

async function startReceiver(command: string, script: string, secret: string): Promise<RunningReceiver> {
  const child = spawn(command, [`${root}${script}`], {
    env: { PATH: process.env['PATH'] ?? '', ATC_WEBHOOK_SECRET: secret, PORT: '0', HOST: '127.0.0.1' },
  });
  const events: ReceiverEvent[] = [];
  let pending = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) if (line !== '') events.push(JSON.parse(line) as ReceiverEvent);
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const listening = await waitFor(
    () => events.find((e) => e.event === 'listening') ?? (child.exitCode === null ? undefined : null),
    {
      timeoutMs: 15_000,
      message: `${script} listening`,
    },
  );
  if (listening === null) throw new Error(`${script} exited: ${stderr}`);
  return { url: listening.url!, events, child };
}

function stopReceiver(r: RunningReceiver | undefined): void {
  if (r !== undefined && r.child.exitCode === null) r.child.kill('SIGTERM');
}

const hasPython = spawnSync('python3', ['--version']).error === undefined;
if (!hasPython)
  console.warn('skipping the Python webhook receiver: python3 is not installed (Debian: apt-get install python3)');

const receivers: Record<string, RunningReceiver> = {};
let fed: TestFederation;
let kz: AgentFixture;

beforeAll(async () => {
  receivers['node'] = await startReceiver(process.execPath, 'interop/webhook/node/receiver.mjs', SECRET);
  receivers['node-wrong'] = await startReceiver(
    process.execPath,
    'interop/webhook/node/receiver.mjs',
    'another secret',
  );
  if (hasPython) receivers['python'] = await startReceiver('python3', 'interop/webhook/python/receiver.py', SECRET);
  const hook = (r: RunningReceiver | undefined, secret = SECRET) =>
    r === undefined
      ? {}
      : { env: { ATC_WEBHOOK_URL: r.url, ATC_WEBHOOK_SECRET: secret, ATC_WEBHOOK_MAX_ATTEMPTS: '50' } };
  fed = await startTestFederation({
    members: { KZ: {}, BY: hook(receivers['python']), RU: hook(receivers['node']), UZ: hook(receivers['node-wrong']) },
  });
  kz = fed.agent('KZ');
}, 90_000);

afterAll(async () => {
  await fed?.close();
  for (const r of Object.values(receivers)) stopReceiver(r);
});

const languages = [
  { name: 'Python', key: 'python', member: 'BY' },
  { name: 'plain Node', key: 'node', member: 'RU' },
] as const;

describe('the example webhook receivers', () => {
  let messageId = '';

  beforeAll(async () => {
    const res = await kz.api('POST', '/v1/messages', personRequest(['BY', 'RU', 'UZ'], 7001));
    expect(res.status).toBe(202);
    messageId = res.body['messageId'] as string;
  });

  describe.each(languages)('in $name', ({ key, member }) => {
    it.skipIf(key === 'python' && !hasPython)(
      'accept the real agent delivering a real message, which the agent then counts as delivered',
      async () => {
        const r = receivers[key]!;
        const delivered = await waitFor(() => r.events.find((e) => e.event === 'delivered' && e.id === messageId), {
          timeoutMs: 30_000,
          intervalMs: 100,
          message: `${key} receiver got ${messageId}`,
        });
        expect(delivered).toMatchObject({ sender: 'KZ', payloadType: 'atc.v1.PersonRecord', deliveryId: messageId });
        await waitFor(
          async () => (await fed.agent(member).api('GET', `/v1/inbox/${messageId}`)).body['state'] === 'delivered',
          {
            timeoutMs: 10_000,
            message: `${member}'s agent records the hand-over`,
          },
        );
        expect(r.events.filter((e) => e.event === 'refused')).toEqual([]);
      },
      60_000,
    );

    it.skipIf(key === 'python' && !hasPython)(
      'refuse a tampered body, a wrong secret, stale and future timestamps and bad headers',
      async () => {
        const r = receivers[key]!;
        const body = JSON.stringify({
          id: '019bc0fd-89c0-7000-8000-00000000aaaa',
          sender: 'KZ',
          record: { summary: 'Testov' },
        });
        const now = Math.floor(Date.now() / 1000);
        const post = async (headers: Record<string, string>, sent = body) => {
          const res = await fetch(r.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...headers },
            body: sent,
          });
          return { status: res.status, code: ((await res.json()) as { code?: string }).code };
        };
        const sig = (secret: string, t: number, signed = body) => ({ 'Atc-Signature': signWebhook(secret, signed, t) });
        expect(await post(sig(SECRET, now))).toEqual({ status: 200, code: undefined });
        expect(await post(sig(SECRET, now), body.replace('Testov', 'Testoff'))).toEqual({
          status: 401,
          code: 'ERR_WEBHOOK_SIGNATURE_MISMATCH',
        });
        expect(await post(sig('a wrong secret', now))).toEqual({ status: 401, code: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' });
        expect(await post(sig(SECRET, now - 301))).toEqual({ status: 401, code: 'ERR_WEBHOOK_TIMESTAMP_TOO_OLD' });
        expect(await post(sig(SECRET, now + 600))).toEqual({ status: 401, code: 'ERR_WEBHOOK_TIMESTAMP_IN_FUTURE' });
        expect(await post({})).toEqual({ status: 401, code: 'ERR_WEBHOOK_SIGNATURE_MISSING' });
        expect(await post({ 'Atc-Signature': `t=${now}` })).toEqual({
          status: 401,
          code: 'ERR_WEBHOOK_SIGNATURE_MALFORMED',
        });
        // While a secret is replaced the agent sends one v1 per secret: either one matching is enough.
        expect(await post({ 'Atc-Signature': signWebhook(['old secret', SECRET], body, now) })).toEqual({
          status: 200,
          code: undefined,
        });
        const refused = r.events.filter((e) => e.event === 'refused').map((e) => e.code);
        expect(refused).toEqual([
          'ERR_WEBHOOK_SIGNATURE_MISMATCH',
          'ERR_WEBHOOK_SIGNATURE_MISMATCH',
          'ERR_WEBHOOK_TIMESTAMP_TOO_OLD',
          'ERR_WEBHOOK_TIMESTAMP_IN_FUTURE',
          'ERR_WEBHOOK_SIGNATURE_MISSING',
          'ERR_WEBHOOK_SIGNATURE_MALFORMED',
        ]);
      },
    );
  });

  it("refuses the real agent's calls when it holds another secret: the item stays pending", async () => {
    const r = receivers['node-wrong']!;
    await waitFor(() => r.events.filter((e) => e.event === 'refused').length >= 2, {
      timeoutMs: 30_000,
      intervalMs: 100,
      message: 'the agent retried and was refused again',
    });
    expect(new Set(r.events.filter((e) => e.event === 'refused').map((e) => e.code))).toEqual(
      new Set(['ERR_WEBHOOK_SIGNATURE_MISMATCH']),
    );
    expect(r.events.filter((e) => e.event === 'delivered')).toEqual([]);
    expect((await fed.agent('UZ').api('GET', `/v1/inbox/${messageId}`)).body['state']).toBe('pending');
  }, 60_000);
});

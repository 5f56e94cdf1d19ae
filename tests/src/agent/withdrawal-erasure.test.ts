// Withdrawals end to end through NATS with a real gateway (SQLite archive) and real agents: KZ
// sends a record to a member, then withdraws it naming that member. The member's agent erases
// the record's items (404 never: 410 with the tombstone), hands the withdrawal over like any
// item, and once its national system took it (POST /v1/inbox/{id}/ack, or a 2xx webhook
// answer) tells the centre with a signed PurgeAck, which the gateway archives.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atc, inboxSubject, PayloadType } from '@atc/shared';
import { fixturePayloads } from '@atc/shared/testing';
import {
  binPath,
  makeMessage,
  personRequest,
  TEST_API_KEY,
  startTestFederation,
  waitFor,
  type AgentFixture,
  type TestFederation,
  type WebhookReceiver,
} from '@atc/tests';

const WEBHOOK_SECRET = 'ru-webhook-secret-for-withdrawal-tests';
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const CLI = binPath('agent');

let fed: TestFederation;
let kz: AgentFixture;
let by: AgentFixture;
let ru: AgentFixture;
let hook: WebhookReceiver;

beforeAll(async () => {
  fed = await startTestFederation({
    members: { KZ: {}, BY: {}, RU: { webhookSecret: WEBHOOK_SECRET } },
    wire: true,
  });
  [kz, by, ru, hook] = [fed.agent('KZ'), fed.agent('BY'), fed.agent('RU'), fed.receiver('RU')];
}, 60_000);

afterAll(() => fed?.close());

type Body = Record<string, unknown>;

/** Sends version `version` of KZ's fictitious person record `n` to `to`; the message id. */
async function sendVersion(to: readonly string[], n: number, version: number): Promise<string> {
  const body = personRequest(to, n);
  body['record'] = { ...(body['record'] as object), version };
  const res = await kz.api('POST', '/v1/messages', body);
  expect(res.status).toBe(202);
  return res.body['messageId'] as string;
}

/** KZ withdraws its record `n`, naming `to` as recipients; the withdrawal's message id. */
async function withdraw(to: readonly string[], n: number): Promise<string> {
  const res = await kz.api('POST', '/v1/messages', {
    type: 'RecordWithdrawal',
    recipients: [...to],
    handling: { tlp: 'AMBER' },
    purpose: 'Counter-terrorism information exchange (synthetic test data)',
    legalBasis: 'Fictitious agreement on information exchange, art. 5',
    exercise: true,
    record: {
      recordId: `KZ-W-${String(n).padStart(6, '0')}`,
      version: 1,
      target: { originator: 'KZ', recordId: recordId(n), version: 0 },
      reason: 'INACCURATE',
      explanation: 'Reported in error (synthetic test data).',
    },
  });
  expect(res.status).toBe(202);
  return res.body['messageId'] as string;
}

const recordId = (n: number): string => `KZ-P-${String(n).padStart(6, '0')}`;

/** Waits until `agent` holds inbox item `id` (listed or erased). */
async function arrived(agent: AgentFixture, id: string): Promise<void> {
  await waitFor(async () => (await agent.api('GET', `/v1/inbox/${id}`)).status !== 404, {
    timeoutMs: 15_000,
    message: `${id} in the inbox`,
  });
}

async function listedIds(agent: AgentFixture): Promise<string[]> {
  const res = await agent.api('GET', '/v1/inbox?limit=1000');
  expect(res.status).toBe(200);
  return (res.body['items'] as { id: string }[]).map((i) => i.id);
}

/** The tombstone of withdrawal `id` at `agent`. */
async function tombstone(agent: AgentFixture, id: string): Promise<Body> {
  const res = await agent.api('GET', `/v1/withdrawals/${id}`);
  expect(res.status).toBe(200);
  return res.body;
}

/** Waits until the gateway archived `messageId`; then decodes its PurgeAck from the log's entry. */
async function archivedPurgeAck(messageId: string): Promise<{ sender: string; ack: atc.v1.PurgeAck }> {
  const detail = await waitFor(
    async () => {
      const res = await fed.gateway.api(`/v1/messages/${messageId}`);
      return res.status === 200
        ? ((await res.json()) as { payloadType: string; sender: string; leafIndex: number })
        : false;
    },
    { timeoutMs: 20_000, message: `PurgeAck ${messageId} archived at the centre` },
  );
  expect(detail.payloadType).toBe(PayloadType.PurgeAck);
  const entries = (await (
    await fed.gateway.api(
      `/v1/log/entries?start=${detail.leafIndex}&end=${detail.leafIndex + 1}&purpose=erasure%20check`,
    )
  ).json()) as { entries: { messageId: string; envelope: string }[] };
  const entry = entries.entries[0]!;
  expect(entry.messageId).toBe(messageId);
  const envelope = atc.v1.Envelope.decode(Buffer.from(entry.envelope, 'base64'));
  return { sender: detail.sender, ack: atc.v1.PurgeAck.decode(envelope.payload) };
}

/** The ids of the items a fresh `GET /v1/inbox/stream?after=0` replays, up to and with `last`. */
async function streamedUntil(agent: AgentFixture, last: string): Promise<string[]> {
  const abort = new AbortController();
  const res = await fetch(new URL('/v1/inbox/stream?after=0', agent.agent.url), {
    headers: { authorization: `Bearer ${TEST_API_KEY}`, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  expect(res.status).toBe(200);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const ids: string[] = [];
  let buffer = '';
  try {
    while (!ids.includes(last)) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const data = buffer
          .slice(0, end)
          .split('\n')
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).trim())
          .join('\n');
        buffer = buffer.slice(end + 2);
        if (data !== '') ids.push((JSON.parse(data) as { id: string }).id);
      }
    }
  } finally {
    abort.abort();
  }
  return ids;
}

describe('a withdrawal at a member that pulls its inbox', () => {
  it('erases the versions held, answers 410 with the tombstone, and sends the PurgeAck once the withdrawal is acknowledged', async () => {
    const v1 = await sendVersion(['BY'], 1, 1);
    const v2 = await sendVersion(['BY'], 1, 2);
    const other = await sendVersion(['BY'], 2, 1);
    for (const id of [v1, v2, other]) await arrived(by, id);
    expect((await by.api('GET', `/v1/inbox/${v1}`)).body['record']).toMatchObject({ recordId: recordId(1) });

    const w = await withdraw(['BY'], 1);
    await arrived(by, w);
    // A version that comes after the withdrawal is erased as it arrives.
    const late = await sendVersion(['BY'], 1, 3);
    await waitFor(async () => (await by.api('GET', `/v1/inbox/${late}`)).status === 410, {
      timeoutMs: 15_000,
      message: 'late version erased on arrival',
    });

    const listed = await listedIds(by);
    expect(listed).toContain(w);
    expect(listed).toContain(other);
    for (const gone of [v1, v2, late]) expect(listed).not.toContain(gone);
    const streamed = await streamedUntil(by, w);
    expect(streamed).toContain(other);
    for (const gone of [v1, v2, late]) expect(streamed).not.toContain(gone);

    for (const gone of [v1, v2, late]) {
      const res = await by.api('GET', `/v1/inbox/${gone}`);
      expect(res.status).toBe(410);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body).toMatchObject({ status: 410, code: 'ERR_ITEM_WITHDRAWN' });
      expect(res.body['detail']).toContain(recordId(1));
      expect(res.body).not.toHaveProperty('record');
      // Nothing of the content: the names were Тестов / Testov.
      expect(JSON.stringify(res.body)).not.toMatch(/Testov|Тестов/);
      expect(res.body['tombstone']).toMatchObject({ withdrawalId: w, originator: 'KZ', recordId: recordId(1) });
    }
    // Nor can an erased item be acknowledged.
    expect((await by.api('POST', `/v1/inbox/${v1}/ack`)).status).toBe(410);

    const before = await tombstone(by, w);
    expect(before).toMatchObject({
      withdrawalId: w,
      originator: 'KZ',
      recordId: recordId(1),
      exercise: true,
      reason: 'INACCURATE',
      explanation: 'Reported in error (synthetic test data).',
      versions: [1, 2, 3],
      itemIds: [v1, v2, late],
      count: 3,
      lateCount: 1,
      purgeAckId: null,
    });
    const item = await by.api('GET', `/v1/inbox/${w}`);
    expect(item.body).toMatchObject({ payloadType: PayloadType.RecordWithdrawal, state: 'pending' });
    expect(item.body['tombstone']).toMatchObject({ withdrawalId: w, count: 3 });
    const page = await by.api('GET', '/v1/withdrawals');
    expect((page.body['withdrawals'] as Body[]).map((t) => t['withdrawalId'])).toContain(w);

    const metrics = await (await fetch(`${by.agent.url}/metrics`)).text();
    expect(metrics).toMatch(/^atc_agent_inbox_erased 3$/m);
    expect(metrics).toMatch(/^atc_agent_withdrawals_awaiting_purge_ack 1$/m);

    // The national system takes the withdrawal: now the centre hears that BY erased the record.
    const acked = await by.api('POST', `/v1/inbox/${w}/ack`);
    expect(acked.status).toBe(200);
    expect(acked.body['state']).toBe('delivered');
    const after = await tombstone(by, w);
    const purgeAckId = after['purgeAckId'] as string;
    expect(purgeAckId).toMatch(/^[0-9a-f-]{36}$/);
    const { sender, ack } = await archivedPurgeAck(purgeAckId);
    expect(sender).toBe('BY');
    expect(ack).toMatchObject({ withdrawalMessageId: w, originator: 'KZ', recordId: recordId(1), count: 3 });
    expect(ack.versions).toEqual([1, 2, 3]);
    expect(Number(ack.erasedAt?.seconds)).toBe(Math.floor(Date.parse(after['lastErasedAt'] as string) / 1000));
    // The sender sees the withdrawal delivered to BY, as any message.
    await waitFor(
      async () =>
        ((await kz.api('GET', `/v1/messages/${w}`)).body['deliveries'] as { recipient: string; state: string }[]).some(
          (d) => d.recipient === 'BY' && d.state === 'delivered',
        ),
      { timeoutMs: 15_000, message: 'withdrawal delivered to BY' },
    );

    expect(await (await fetch(`${by.agent.url}/metrics`)).text()).toMatch(
      /^atc_agent_withdrawals_awaiting_purge_ack 0$/m,
    );
    // Acknowledged again: nothing new is sent.
    expect((await by.api('POST', `/v1/inbox/${w}/ack`)).status).toBe(200);
    expect((await tombstone(by, w))['purgeAckId']).toBe(purgeAckId);
    const sent = (await by.api('GET', '/v1/messages?limit=1000')).body['messages'] as { payloadType: string }[];
    expect(sent.filter((m) => m.payloadType === PayloadType.PurgeAck)).toHaveLength(1);
  }, 90_000);

  it('refuses a withdrawal of another member’s record, at the API and when it comes around the gateway', async () => {
    const held = await sendVersion(['BY'], 3, 1);
    await arrived(by, held);
    const viaApi = await by.api('POST', '/v1/messages', {
      type: 'RecordWithdrawal',
      recipients: ['RU'],
      handling: { tlp: 'AMBER' },
      purpose: 'Synthetic test',
      legalBasis: 'Fictitious agreement, art. 5',
      exercise: true,
      record: {
        recordId: 'BY-W-000001',
        version: 1,
        target: { originator: 'KZ', recordId: recordId(3), version: 0 },
        reason: 'INACCURATE',
      },
    });
    expect(viaApi.status).toBe(422);
    expect(viaApi.body['code']).toBe('ERR_NOT_ORIGINATOR');

    // Signed by RU's registered key, straight into BY's inbox: only the ownership rule stops it.
    const forged = makeMessage({
      from: 'RU',
      to: ['BY'],
      type: PayloadType.RecordWithdrawal,
      sequence: 90_001,
      payload: {
        ...fixturePayloads['atc.v1.RecordWithdrawal'],
        recordId: 'RU-W-0001',
        target: { originator: 'KZ', recordId: recordId(3), version: 0 },
      },
      header: { exercise: true },
    });
    await fed.wire.js.publish(inboxSubject('BY'), forged.bytes, { msgID: `forged-${forged.messageId}` });
    await waitFor(
      async () =>
        /atc_agent_inbox_refused_total\{code="ERR_NOT_ORIGINATOR"\} 1/.test(
          await (await fetch(`${by.agent.url}/metrics`)).text(),
        ),
      { timeoutMs: 15_000, message: 'forged withdrawal refused' },
    );
    expect((await by.api('GET', `/v1/inbox/${forged.messageId}`)).status).toBe(404);
    expect((await by.api('GET', `/v1/withdrawals/${forged.messageId}`)).body['code']).toBe('ERR_WITHDRAWAL_UNKNOWN');
    // Submitted to the centre instead: refused there (quarantined, never archived nor routed).
    const submitted = makeMessage({
      from: 'RU',
      to: ['BY'],
      type: PayloadType.RecordWithdrawal,
      sequence: 90_002,
      payload: {
        ...fixturePayloads['atc.v1.RecordWithdrawal'],
        recordId: 'RU-W-0002',
        target: { originator: 'KZ', recordId: recordId(3), version: 0 },
      },
      header: { exercise: true },
    });
    await fed.wire.submit('RU', submitted.bytes, submitted.messageId);
    const refused = await waitFor(
      async () => {
        const res = await fed.gateway.api(`/v1/messages/${submitted.messageId}`);
        const body = (await res.json()) as Body;
        return res.status === 404 && String(body['detail']).includes('quarantine') ? body : false;
      },
      { timeoutMs: 15_000, message: 'the centre refused the foreign withdrawal' },
    );
    expect(refused['code']).toBe('ERR_MESSAGE_UNKNOWN');
    expect(await (await fed.gateway.api('/metrics')).text()).toMatch(
      /^atc_gateway_refused_total\{[^}]*ERR_NOT_ORIGINATOR[^}]*\} 1$/m,
    );
    expect((await by.api('GET', `/v1/inbox/${submitted.messageId}`)).status).toBe(404);
    const still = await by.api('GET', `/v1/inbox/${held}`);
    expect(still.status).toBe(200);
    expect(still.body['record']).toMatchObject({ recordId: recordId(3) });
  }, 60_000);

  it('refuses bad withdrawal listing requests with stable codes', async () => {
    const cases: [string, number, string][] = [
      ['/v1/withdrawals?after=abc', 400, 'ERR_QUERY_INVALID'],
      ['/v1/withdrawals?limit=0', 400, 'ERR_QUERY_INVALID'],
      ['/v1/withdrawals?since=1', 400, 'ERR_QUERY_INVALID'],
      ['/v1/withdrawals/not-a-message-id', 400, 'ERR_VALIDATION'],
      ['/v1/withdrawals/019bc1a2-0000-7000-8000-000000000001', 404, 'ERR_WITHDRAWAL_UNKNOWN'],
    ];
    for (const [path, status, code] of cases) {
      const res = await by.api('GET', path);
      expect([path, res.status, res.body['code']]).toEqual([path, status, code]);
    }
  });
});

/** Runs `atc-agent <args>` through its bin against `agent`; exit code and the JSON printed. */
function atcAgent(agent: AgentFixture, args: readonly string[]): Promise<{ code: number | null; out: Body }> {
  const inherited = Object.entries(process.env).filter(([name]) => !name.startsWith('ATC_'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: repoRoot,
      env: { ...Object.fromEntries(inherited), ATC_AGENT_URL: agent.agent.url, ATC_API_KEY: TEST_API_KEY },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.once('error', reject);
    child.once('close', (code) => {
      resolve({ code, out: JSON.parse(stdout) as Body });
    });
  });
}

describe('the agent OpenAPI document', () => {
  it('documents the withdrawal listing and the 410 of an erased item with its tombstone', async () => {
    const doc = (await (await fetch(`${by.agent.url}/docs/json`)).json()) as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, { schema: Body }> }> }>
      >;
    };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/withdrawals', '/v1/withdrawals/{id}']));
    for (const [path, method] of [
      ['/v1/inbox/{id}', 'get'],
      ['/v1/inbox/{id}/ack', 'post'],
    ] as const) {
      const gone = doc.paths[path]?.[method]?.responses['410'];
      const schema = Object.values(gone?.content ?? {})[0]?.schema;
      expect(schema?.['properties']).toHaveProperty('tombstone');
    }
    const listing = doc.paths['/v1/withdrawals']?.['get']?.responses['200'];
    expect(JSON.stringify(listing)).toContain('purgeAckId');
  });
});

describe('atc-agent inbox', () => {
  it('shows each withdrawal with its tombstone, and lists the tombstones alone with --withdrawals', async () => {
    const v1 = await sendVersion(['BY'], 7, 1);
    await arrived(by, v1);
    const w = await withdraw(['BY'], 7);
    await arrived(by, w);
    const [inbox, withdrawals] = await Promise.all([
      atcAgent(by, ['inbox', '--after', '0']),
      atcAgent(by, ['inbox', '--withdrawals']),
    ]);
    expect(inbox.code).toBe(0);
    const items = inbox.out['items'] as Body[];
    expect(items.map((i) => i['id'])).not.toContain(v1);
    expect(items.find((i) => i['id'] === w)?.['tombstone']).toMatchObject({
      originator: 'KZ',
      recordId: recordId(7),
      itemIds: [v1],
      reason: 'INACCURATE',
    });
    expect(withdrawals.code).toBe(0);
    const listed = withdrawals.out['withdrawals'] as Body[];
    expect(listed.find((t) => t['withdrawalId'] === w)).toMatchObject({ versions: [1], count: 1 });
  }, 60_000);
});

describe('a withdrawal at a member with a webhook', () => {
  it('pushes the withdrawal after the version it erased, and sends the PurgeAck once the webhook took it', async () => {
    hook.respond = () => 200;
    const v1 = await sendVersion(['RU'], 4, 1);
    await waitFor(() => hook.calls.some((c) => c.status === 200 && c.body.includes(v1)), {
      timeoutMs: 15_000,
      message: 'version 1 pushed',
    });
    const w = await withdraw(['RU'], 4);
    const call = await waitFor(() => hook.calls.find((c) => c.status === 200 && c.body.includes(w)) ?? false, {
      timeoutMs: 15_000,
      message: 'withdrawal pushed',
    });
    const pushed = JSON.parse(call.body) as Body;
    expect(pushed).toMatchObject({ id: w, sender: 'KZ', payloadType: PayloadType.RecordWithdrawal });
    expect(pushed['record']).toMatchObject({ target: { originator: 'KZ', recordId: recordId(4) } });
    expect(pushed['tombstone']).toMatchObject({ withdrawalId: w, itemIds: [v1], versions: [1], count: 1 });
    expect((await ru.api('GET', `/v1/inbox/${v1}`)).status).toBe(410);

    const purgeAckId = await waitFor(async () => ((await tombstone(ru, w))['purgeAckId'] as string | null) ?? false, {
      timeoutMs: 15_000,
      message: 'PurgeAck queued after the webhook took the withdrawal',
    });
    const { sender, ack } = await archivedPurgeAck(purgeAckId);
    expect(sender).toBe('RU');
    expect(ack).toMatchObject({ withdrawalMessageId: w, originator: 'KZ', recordId: recordId(4), count: 1 });
    expect(ack.versions).toEqual([1]);
    expect((await ru.api('GET', `/v1/inbox/${w}`)).body).toMatchObject({ state: 'delivered', channel: 'webhook' });
  }, 60_000);

  it('does not push the withdrawal while a version it erased is still being pushed', async () => {
    const v1 = await sendVersion(['RU'], 5, 1);
    // Held by the call's item id (the withdrawal's body names v1 too, in its tombstone).
    hook.respond = ({ body }) => ((JSON.parse(body) as Body)['id'] === v1 ? 'hold' : 200);
    await waitFor(() => hook.calls.some((c) => c.status === 0 && c.body.includes(v1)), {
      timeoutMs: 15_000,
      message: 'version 1 pushed and held by the receiver',
    });
    const w = await withdraw(['RU'], 5);
    await waitFor(async () => (await ru.api('GET', `/v1/withdrawals/${w}`)).status === 200, {
      timeoutMs: 15_000,
      message: 'withdrawal stored at RU',
    });
    expect((await ru.api('GET', `/v1/inbox/${v1}`)).status).toBe(410);
    // A record that came after the withdrawal is pushed: the hand-over looked at the withdrawal
    // and left it waiting behind the call in flight.
    const later = await sendVersion(['RU'], 6, 1);
    await waitFor(() => hook.calls.some((c) => c.status === 200 && c.body.includes(later)), {
      timeoutMs: 15_000,
      message: 'a later record pushed',
    });
    expect(hook.calls.some((c) => c.body.includes(w))).toBe(false);

    expect(hook.release(200)).toBe(1);
    await waitFor(() => hook.calls.some((c) => c.status === 200 && c.body.includes(w)), {
      timeoutMs: 15_000,
      message: 'withdrawal pushed once the erased version’s call ended',
    });
    const purgeAckId = await waitFor(async () => ((await tombstone(ru, w))['purgeAckId'] as string | null) ?? false, {
      timeoutMs: 15_000,
      message: 'PurgeAck queued',
    });
    expect((await archivedPurgeAck(purgeAckId)).ack).toMatchObject({ count: 1, versions: [1] });
    // The erased version's hand-over ended after its erasure: not recorded, never reported delivered.
    expect((await ru.api('GET', `/v1/inbox/${v1}`)).status).toBe(410);
    const deliveries = (await kz.api('GET', `/v1/messages/${v1}`)).body['deliveries'] as {
      recipient: string;
      state: string;
    }[];
    expect(deliveries.find((d) => d.recipient === 'RU')?.state).not.toBe('delivered');
  }, 60_000);
});

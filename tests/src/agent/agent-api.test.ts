import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '@atc/shared';
import { Kvm } from '@nats-io/kv';
import { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from '@atc/node-agent';
import {
  TEST_API_KEY,
  callAgent,
  makeMessage,
  personRequest,
  startTestFederation,
  waitFor,
  type AgentFixture,
  type MemberWire,
  type TestFederation,
  type WebhookReceiver,
} from '@atc/tests';
import { encodeEnvelope, generateKeyPair, inboxSubject, PayloadType, signTrustList, Streams } from '@atc/shared';
import { fixtureKey, fixturePayloads, nonCanonicalHeaderSpellings, signWithProtectedHeader } from '@atc/shared/testing';

const WEBHOOK_SECRET = 'by-webhook-secret-for-tests';

let fed: TestFederation;
let kz: AgentFixture;
let by: AgentFixture;
let hook: WebhookReceiver;
let wire: MemberWire;

beforeAll(async () => {
  fed = await startTestFederation({
    members: { KZ: {}, BY: { webhookSecret: WEBHOOK_SECRET, env: { ATC_UNKNOWN_KEY_GRACE: '1s' } } },
    wire: true,
  });
  ({ wire } = fed);
  [kz, by, hook] = [fed.agent('KZ'), fed.agent('BY'), fed.receiver('BY')];
}, 60_000);

afterAll(() => fed?.close());

async function lifecycle(messageId: string): Promise<Record<string, unknown>> {
  return (await kz.api('GET', `/v1/messages/${messageId}`)).body;
}

describe('a record from KZ to BY', () => {
  it('reaches BY by webhook with a valid signature; KZ sees queued -> accepted -> delivered(BY)', async () => {
    const sent = await kz.api('POST', '/v1/messages', personRequest(['BY'], 1));
    expect(sent.status).toBe(202);
    const messageId = sent.body['messageId'] as string;
    expect(sent.headers.get('location')).toBe(`/v1/messages/${messageId}`);
    await waitFor(() => hook.calls.some((c) => c.body.includes(messageId)), {
      timeoutMs: 15_000,
      message: 'webhook call',
    });
    const call = hook.calls.find((c) => c.body.includes(messageId))!;
    expect(
      verifyWebhookSignature(call.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()], call.body, WEBHOOK_SECRET),
    ).toBe(true);
    const body = JSON.parse(call.body) as {
      sender: string;
      record: { names: { parts: { value: string }[] }[] };
      header: { handling: { tlp: string } };
    };
    expect(body.sender).toBe('KZ');
    expect(body.record.names[0]?.parts[0]?.value).toBe('Тестов');
    expect(body.header.handling.tlp).toBe('AMBER');
    await waitFor(async () => (await lifecycle(messageId))['status'] === 'accepted', { message: 'accepted' });
    const deliveries = async (): Promise<{ recipient: string; state: string }[]> =>
      (await lifecycle(messageId))['deliveries'] as { recipient: string; state: string }[];
    await waitFor(async () => (await deliveries())[0]?.state === 'delivered', {
      timeoutMs: 15_000,
      message: 'delivered to BY',
    });
    expect((await deliveries()).map((d) => d.recipient)).toEqual(['BY']);
    const m = await lifecycle(messageId);
    expect((m['receipts'] as { status: string }[]).map((r) => r.status)).toEqual(['accepted', 'delivered']);
    const item = await by.api('GET', `/v1/inbox/${messageId}`);
    expect(item.body).toMatchObject({ state: 'delivered', channel: 'webhook', verification: 'verified' });
  });

  it('is pulled and acknowledged through the API when the national system asks', async () => {
    const sent = await by.api('POST', '/v1/messages', personRequest(['KZ'], 2));
    const messageId = sent.body['messageId'] as string;
    await waitFor(
      async () =>
        ((await kz.api('GET', '/v1/inbox')).body['items'] as { id: string }[]).some((i) => i.id === messageId),
      {
        timeoutMs: 15_000,
        message: 'item in KZ inbox',
      },
    );
    const ack = await kz.api('POST', `/v1/inbox/${messageId}/ack`);
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ state: 'delivered', channel: 'api' });
    await waitFor(
      async () =>
        ((await by.api('GET', `/v1/messages/${messageId}`)).body['deliveries'] as { state: string }[])[0]?.state ===
        'delivered',
      { timeoutMs: 15_000, message: 'BY sees delivered(KZ)' },
    );
    // Acknowledging again changes nothing.
    expect((await kz.api('POST', `/v1/inbox/${messageId}/ack`)).status).toBe(200);
  });
});

describe('the integrator API', () => {
  it('creates one message for a retried request with the same Idempotency-Key', async () => {
    const key = `test-${uuidv7()}`;
    const a = await kz.api('POST', '/v1/messages', personRequest(['BY'], 3), { 'idempotency-key': key });
    const b = await kz.api('POST', '/v1/messages', personRequest(['BY'], 3), { 'idempotency-key': key });
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(b.body['messageId']).toBe(a.body['messageId']);
    expect(b.body['created']).toBe(false);
    const other = await kz.api('POST', '/v1/messages', personRequest(['BY'], 4), { 'idempotency-key': key });
    expect(other.status).toBe(422);
    expect(other.body['code']).toBe('ERR_IDEMPOTENCY_KEY_REUSED');
  });

  it.each([
    ['missing fields', { type: 'PersonRecord' }, 400, 'ERR_VALIDATION', 'record'],
    ['an unknown type', { ...personRequest(['BY'], 5), type: 'SecretRecord' }, 400, 'ERR_VALIDATION', 'type'],
    ['a bad member id', { ...personRequest(['by'], 6) }, 400, 'ERR_VALIDATION', 'recipients[0]'],
    [
      'an unknown recipient field',
      { ...personRequest(['BY'], 7), recipient: 'BY' },
      400,
      'ERR_VALIDATION',
      'recipient',
    ],
    [
      'a bad record field',
      { ...personRequest(['BY'], 8), record: { recordId: 'x', version: 1, category: 'HERO', names: [] } },
      422,
      'ERR_PAYLOAD_MALFORMED',
      'record.category',
    ],
    [
      'a record without names',
      { ...personRequest(['BY'], 9), record: { recordId: 'x', version: 1, category: 'SUSPECT' } },
      422,
      'ERR_PAYLOAD_MALFORMED',
      'PersonRecord.names',
    ],
    [
      'a record with more than 100 documents',
      {
        ...personRequest(['BY'], 90),
        record: {
          ...(personRequest(['BY'], 90)['record'] as object),
          documents: Array.from({ length: 101 }, (_, i) => ({
            type: 'PASSPORT',
            number: `TEST${i}`,
            issuingCountry: 'KZ',
          })),
        },
      },
      422,
      'ERR_PAYLOAD_MALFORMED',
      'PersonRecord.documents',
    ],
    [
      'an information request due more than 366 days ahead',
      informationRequest(92, new Date(Date.now() + 400 * 86_400_000).toISOString()),
      422,
      'ERR_PAYLOAD_MALFORMED',
      'replyDueAt',
    ],
  ] as const)('refuses %s with a problem naming it', async (_name, body, status, code, field) => {
    const res = await kz.api('POST', '/v1/messages', body);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body['code']).toBe(code);
    expect((res.body['errors'] as { field: string }[]).map((e) => e.field)).toContain(field);
  });

  it("refuses to send a withdrawal of another member's record, before it takes a sequence number", async () => {
    const res = await kz.api('POST', '/v1/messages', {
      ...personRequest(['BY'], 11),
      type: 'RecordWithdrawal',
      record: {
        recordId: 'KZ-W-000011',
        version: 1,
        target: { originator: 'BY', recordId: 'BY-P-000001', version: 0 },
        reason: 'INACCURATE',
      },
    });
    expect(res.status).toBe(422);
    expect(res.body['code']).toBe('ERR_NOT_ORIGINATOR');
    expect((res.body['errors'] as { field: string }[]).map((e) => e.field)).toEqual(['target.originator']);
  });

  it('refuses oversize bodies, wrong content types and malformed JSON', async () => {
    const big = personRequest(['BY'], 10);
    (big['record'] as Record<string, unknown>)['summary'] = 'x'.repeat(9_000);
    (big['record'] as Record<string, unknown>)['placeOfBirth'] = 'y'.repeat(9_000);
    // 100 aliases (the most a record may list) of two 6,000-character parts: a valid form, but a
    // signed envelope over 1 MiB.
    const aliases = Array.from({ length: 100 }, () => ({
      script: 'Latn',
      parts: [
        { type: 'OTHER', value: 'z'.repeat(6_000) },
        { type: 'OTHER', value: 'w'.repeat(6_000) },
      ],
    }));
    const oversize = await callAgent(kz.agent.url, 'POST', '/v1/messages', {
      ...big,
      record: { ...(big['record'] as object), aliases },
    });
    expect(oversize.status).toBe(413);
    expect(['ERR_ENVELOPE_TOO_LARGE', 'ERR_BODY_TOO_LARGE']).toContain(oversize.body['code']);
    const text = await callAgent(kz.agent.url, 'POST', '/v1/messages', 'type=PersonRecord', {
      'content-type': 'text/plain',
    });
    expect(text.status).toBe(415);
    expect(text.body['code']).toBe('ERR_UNSUPPORTED_MEDIA_TYPE');
    const broken = await callAgent(kz.agent.url, 'POST', '/v1/messages', '{"type": "PersonRecord",', {});
    expect(broken.status).toBe(400);
    expect(broken.body['code']).toBe('ERR_MALFORMED_JSON');
  });

  it('refuses a body that is not UTF-8, or holds an unpaired surrogate escape, before signing anything', async () => {
    const post = async (path: string, body: Uint8Array): Promise<{ status: number; body: Record<string, unknown> }> => {
      const res = await fetch(new URL(path, kz.agent.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' },
        body,
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const sent = async (): Promise<number> =>
      ((await kz.api('GET', '/v1/messages?limit=1000')).body['messages'] as unknown[]).length;
    const before = await sent();
    // The family name's value, written as raw bytes between its quotes.
    const json = JSON.stringify(personRequest(['BY'], 60));
    const [head, tail] = json.split('Тестов') as [string, string];
    const withName = (...bytes: number[]): Uint8Array =>
      Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from(tail)]);
    const cases: [string, Uint8Array, RegExp][] = [
      ['invalid bytes', withName(0xff, 0xfe, 0xc3, 0x28), /is not valid UTF-8 \(byte \d+: ff fe c3 28\)/],
      ['an overlong "/"', withName(0x41, 0xc0, 0xaf), /is not valid UTF-8 \(byte \d+: c0 af/],
      ['an encoded surrogate', withName(0xed, 0xa0, 0x80), /is not valid UTF-8 \(byte \d+: ed a0 80/],
      ['a truncated sequence at the end', Buffer.concat([Buffer.from(json), Buffer.from([0xe2, 0x82])]), /UTF-8/],
      ['an unpaired surrogate escape', Buffer.from(json.replace('Тестов', '\\ud800')), /field record\.names\[0\]/],
    ];
    for (const [name, body, detail] of cases) {
      const res = await post('/v1/messages', body);
      expect({ name, status: res.status, code: res.body['code'] }).toEqual({
        name,
        status: 400,
        code: 'ERR_UTF8_INVALID',
      });
      expect(res.body['detail']).toMatch(detail);
      expect(res.body['detail']).toContain('Encode every text field as UTF-8.');
    }
    // Every JSON route reads its body the same way.
    const ack = await post(`/v1/inbox/${uuidv7()}/ack`, Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]));
    expect(ack.status).toBe(400);
    expect(ack.body['code']).toBe('ERR_UTF8_INVALID');
    expect(await sent()).toBe(before);
    // A leading byte order mark changes nothing in the text and is ignored (RFC 8259, 8.1).
    const bom = await post('/v1/messages', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]));
    expect(bom.status).toBe(202);
  });

  it('answers 401 without an API key or with a wrong one', async () => {
    const none = await fetch(`${kz.agent.url}/v1/inbox`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    const wrong = await fetch(`${kz.agent.url}/v1/inbox`, { headers: { authorization: 'Bearer not-the-key' } });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { code: string }).code).toBe('ERR_UNAUTHENTICATED');
  });

  it('serves OpenAPI at /docs', async () => {
    const res = await fetch(`${kz.agent.url}/docs/json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/messages', '/v1/messages/{id}', '/v1/inbox', '/v1/inbox/{id}/ack']),
    );
  });
});

describe('inbox verification', () => {
  it('refuses an envelope forged with an unknown key and never hands it over', async () => {
    const forged = makeMessage({ from: 'KZ', to: ['BY'], sequence: 1, key: generateKeyPair() });
    const callsBefore = hook.calls.length;
    // Privileged: straight into BY's inbox subject, around the gateway.
    await wire.js.publish(inboxSubject('BY'), forged.bytes, { msgID: `forged-${forged.messageId}` });
    await waitFor(
      async () => {
        const metrics = await (await fetch(`${by.agent.url}/metrics`)).text();
        return /atc_agent_inbox_refused_total\{code="ERR_KEY_UNKNOWN"\} [1-9]/.test(metrics);
      },
      { timeoutMs: 15_000, message: 'forged item refused' },
    );
    expect(hook.calls.slice(callsBefore).some((c) => c.body.includes(forged.messageId))).toBe(false);
    expect((await by.api('GET', `/v1/inbox/${forged.messageId}`)).status).toBe(404);
  });

  it('refuses a routed envelope whose protected header is not the canonical bytes, and never hands it over', async () => {
    const refused = async (): Promise<number> => {
      const metrics = await (await fetch(`${by.agent.url}/metrics`)).text();
      const m = /atc_agent_inbox_refused_total\{code="ERR_SIGNATURE_MALFORMED"\} (\d+)/.exec(metrics);
      return Number(m?.[1] ?? 0);
    };
    const before = await refused();
    const callsBefore = hook.calls.length;
    const kzKey = fixtureKey('KZ');
    // Signed by KZ's registered key; only the spelling of the protected header differs.
    const [spelling] = nonCanonicalHeaderSpellings(kzKey.kid, fixtureKey('BY').kid);
    const m = makeMessage({ from: 'KZ', to: ['BY'], sequence: 2 });
    const respelled = encodeEnvelope({
      header: m.headerBytes,
      payload: m.payloadBytes,
      signature: signWithProtectedHeader(kzKey, spelling!.json, m.headerBytes),
    });
    // Privileged: straight into BY's inbox subject, as a gateway that let it through would route it.
    await wire.js.publish(inboxSubject('BY'), respelled, { msgID: `respelled-${m.messageId}` });
    await waitFor(async () => (await refused()) > before, {
      timeoutMs: 15_000,
      message: 'non-canonical header refused',
    });
    expect(hook.calls.slice(callsBefore).some((c) => c.body.includes(m.messageId))).toBe(false);
    expect((await by.api('GET', `/v1/inbox/${m.messageId}`)).status).toBe(404);
  });

  it("refuses a withdrawal of another member's record that came around the gateway", async () => {
    // Signed by KZ's registered key, so only the ownership rule can stop it.
    const forged = makeMessage({
      from: 'KZ',
      to: ['BY'],
      type: PayloadType.RecordWithdrawal,
      sequence: 2,
      payload: {
        ...fixturePayloads['atc.v1.RecordWithdrawal'],
        target: { originator: 'RU', recordId: 'RU-P-0001', version: 0 },
      },
    });
    const callsBefore = hook.calls.length;
    await wire.js.publish(inboxSubject('BY'), forged.bytes, { msgID: `forged-${forged.messageId}` });
    await waitFor(
      async () => {
        const metrics = await (await fetch(`${by.agent.url}/metrics`)).text();
        return /atc_agent_inbox_refused_total\{code="ERR_NOT_ORIGINATOR"\} 1/.test(metrics);
      },
      { timeoutMs: 15_000, message: 'foreign withdrawal refused' },
    );
    expect(hook.calls.slice(callsBefore).some((c) => c.body.includes(forged.messageId))).toBe(false);
    expect((await by.api('GET', `/v1/inbox/${forged.messageId}`)).status).toBe(404);
  });

  it('reports a trust-list update signed by another key, and keeps the pinned one', async () => {
    const impostor = generateKeyPair();
    const kv = await new Kvm(wire.nc).open(Streams.trustBucket);
    await kv.put(
      Streams.trustKey,
      signTrustList(
        {
          version: 10_000,
          issuedAt: new Date().toISOString(),
          gateway: { id: 'ATC', kid: impostor.kid, jwk: impostor.publicJwk },
          members: [],
        },
        impostor,
      ),
    );
    await waitFor(async () => ((await by.api('GET', '/v1/alarms')).body['alarms'] as unknown[]).length > 0, {
      message: 'alarm raised',
    });
    // Messages keep flowing with the trust list in force.
    const sent = await kz.api('POST', '/v1/messages', personRequest(['BY'], 11));
    const id = sent.body['messageId'] as string;
    await waitFor(() => hook.calls.some((c) => c.body.includes(id)), { timeoutMs: 15_000, message: 'still delivered' });
  });
});

/** KZ's InformationRequest to BY about a fictitious person, due at `replyDueAt`. */
function informationRequest(n: number, replyDueAt: string): Record<string, unknown> {
  return {
    ...personRequest(['BY'], n),
    type: 'InformationRequest',
    replyDueAt,
    record: {
      recordId: `KZ-R-${String(n).padStart(6, '0')}`,
      version: 1,
      subject: 'Whereabouts of Testov (synthetic)',
    },
  };
}

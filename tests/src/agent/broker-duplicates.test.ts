// What a sending agent sees of what JetStream drops or the gateway cannot name (issue 13,
// item 12): duplicates inside the de-duplication window, receipts about other bytes, and
// refusals of bytes without a message id on its submit subject.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atc, inboxSubject, PayloadType, signEnvelope, toTimestamp, uuidv7 } from '@atc/shared';
import { fixtureRequest } from '@atc/shared/testing';
import {
  personRequest,
  startTestFederation,
  waitFor,
  type AgentFixture,
  type GatewayFixture,
  type MemberWire,
  type TestFederation,
} from '@atc/tests';

let fed: TestFederation;
let gw: GatewayFixture;
let kz: AgentFixture;
let wire: MemberWire;

beforeAll(async () => {
  fed = await startTestFederation({ members: { KZ: { env: { ATC_RESEND_AFTER: '1s' } } }, wire: true });
  ({ gateway: gw, wire } = fed);
  kz = fed.agent('KZ');
}, 60_000);

afterAll(() => fed?.close());

async function agentMetric(line: string): Promise<number> {
  const text = await (await fetch(`${kz.agent.url}/metrics`)).text();
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found === undefined ? 0 : Number(found.slice(line.length + 1));
}

describe("what the sender's agent sees", () => {
  it('raises a REJECTED receipt for bytes without a message id published with its credentials', async () => {
    // Privileged: bytes on KZ's submit subject that this agent never composed.
    await wire.submit('KZ', Buffer.from(`garbage ${uuidv7()}`));
    await waitFor(
      async () => (await agentMetric('atc_agent_receipts_for_other_bytes_total{kind="unidentified"}')) === 1,
      { timeoutMs: 15_000, message: 'unidentified refusal counted by the agent' },
    );
  });

  it('counts the copies JetStream drops as duplicates, and applies no receipt about other bytes', async () => {
    // No gateway: no receipt comes, so the agent sends the message again inside the window.
    await gw.stop();
    const res = await kz.api('POST', '/v1/messages', personRequest(['BY'], 1));
    expect(res.status).toBe(202);
    const messageId = res.body['messageId'] as string;
    await waitFor(async () => (await agentMetric('atc_agent_publish_duplicates_total')) >= 1, {
      timeoutMs: 15_000,
      message: 'duplicate PubAck counted',
    });

    // A gateway-signed receipt for this id about another envelope (what the centre would
    // send had JetStream kept someone else's bytes under the id): counted, not applied.
    const base = fixtureRequest('atc.v1.Receipt', 1);
    const forged = signEnvelope(gw.gatewayKey, {
      header: {
        ...base.header,
        messageId: uuidv7(),
        sender: 'ATC',
        recipients: ['KZ'],
        createdAt: toTimestamp(Date.now()),
        inReplyTo: messageId,
      },
      payloadType: PayloadType.Receipt,
      payload: {
        messageId,
        status: atc.v1.ReceiptStatus.RECEIPT_STATUS_REJECTED,
        reason: atc.v1.ReasonCode.REASON_CODE_POLICY_DENIED,
        detail: 'Refused for other bytes.',
        envelopeSha256: randomBytes(32),
        at: toTimestamp(Date.now()),
      },
    });
    await wire.js.publish(inboxSubject('KZ'), forged.bytes, { msgID: forged.messageId });
    await waitFor(
      async () => (await agentMetric('atc_agent_receipts_for_other_bytes_total{kind="other_envelope"}')) === 1,
      { timeoutMs: 15_000, message: 'receipt about other bytes counted' },
    );
    expect((await kz.api('GET', `/v1/messages/${messageId}`)).body['status']).toBe('published');
  });
});

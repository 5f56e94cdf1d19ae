// The agent prunes a settled outbox message in the background (ATC_OUTBOX_RETENTION), and what
// is kept of it still answers its id and a repeated request; it removes the content of an inbox
// item its national system took (ATC_INBOX_RETENTION), which then answers 410 ERR_ITEM_EXPIRED.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personRequest, startTestFederation, waitFor, type AgentFixture, type TestFederation } from '@atc/tests';

let fed: TestFederation;
let kz: AgentFixture;
let by: AgentFixture;

beforeAll(async () => {
  fed = await startTestFederation({
    members: {
      KZ: { env: { ATC_OUTBOX_RETENTION: '1ms', ATC_OUTBOX_PRUNE_INTERVAL: '1s' } },
      BY: {
        webhookSecret: 'by-webhook-secret-for-pruning',
        env: { ATC_INBOX_RETENTION: '1ms', ATC_OUTBOX_PRUNE_INTERVAL: '1s' },
      },
    },
  });
  kz = fed.agent('KZ');
  by = fed.agent('BY');
}, 60_000);

afterAll(() => fed?.close());

describe('outbox pruning in a running agent', () => {
  it('prunes a message once delivered; its id and Idempotency-Key still answer, sender_sequence goes on', async () => {
    const key = 'prune-test-1';
    const sent = await kz.api('POST', '/v1/messages', personRequest(['BY'], 1), { 'idempotency-key': key });
    expect(sent.status).toBe(202);
    const id = sent.body['messageId'] as string;
    const sequence = sent.body['sequence'] as number;

    const pruned = await waitFor(
      async () => {
        const m = (await kz.api('GET', `/v1/messages/${id}`)).body;
        return m['prunedAt'] !== null && m['prunedAt'] !== undefined ? m : false;
      },
      { timeoutMs: 30_000, intervalMs: 200, message: 'the delivered message pruned' },
    );
    expect(pruned).toMatchObject({
      messageId: id,
      sequence,
      status: 'accepted',
      receipts: [],
      deliveries: [],
      log: null,
    });

    // Not listed any more, and the same request again is a repeat.
    const list = (await kz.api('GET', '/v1/messages')).body['messages'] as { messageId: string }[];
    expect(list.map((m) => m.messageId)).not.toContain(id);
    const again = await kz.api('POST', '/v1/messages', personRequest(['BY'], 1), { 'idempotency-key': key });
    expect(again.body).toMatchObject({ messageId: id, sequence, created: false });
    const next = await kz.api('POST', '/v1/messages', personRequest(['BY'], 2));
    expect(next.body['sequence']).toBe(sequence + 1);

    const metrics = await (await fetch(`${kz.agent.url}/metrics`)).text();
    const count = Number(/^atc_agent_outbox_pruned_total (\d+)/m.exec(metrics)?.[1]);
    expect(count).toBeGreaterThanOrEqual(1);
  });

  it('empties an inbox item once the national system took it; it answers 410 ERR_ITEM_EXPIRED and is no longer listed', async () => {
    const sent = await kz.api('POST', '/v1/messages', personRequest(['BY'], 3));
    expect(sent.status).toBe(202);
    const id = sent.body['messageId'] as string;
    // BY's webhook takes it, then BY's retention empties it.
    const gone = await waitFor(
      async () => {
        const res = await by.api('GET', `/v1/inbox/${id}`);
        return res.status === 410 ? res.body : false;
      },
      { timeoutMs: 30_000, intervalMs: 200, message: "the taken item emptied in BY's inbox" },
    );
    expect(gone).toMatchObject({ status: 410, code: 'ERR_ITEM_EXPIRED' });
    expect(Date.parse(gone['expiredAt'] as string)).toBeGreaterThanOrEqual(Date.parse(gone['deliveredAt'] as string));
    expect(String(gone['detail'])).toContain('ATC_INBOX_RETENTION');
    expect(JSON.stringify(gone)).not.toContain('Testov');
    const ack = await by.api('POST', `/v1/inbox/${id}/ack`);
    expect(ack.body).toMatchObject({ status: 410, code: 'ERR_ITEM_EXPIRED' });
    const listed = (await by.api('GET', '/v1/inbox?limit=1000')).body['items'] as { id: string }[];
    expect(listed.map((i) => i.id)).not.toContain(id);
    // The webhook got it once, with its content.
    const received = fed.receiver('BY').calls.filter((c) => (JSON.parse(c.body) as { id?: string }).id === id);
    expect(received.map((c) => c.status)).toEqual([200]);
    expect(received[0]!.body).toContain('Testov');
    const metrics = await (await fetch(`${by.agent.url}/metrics`)).text();
    expect(Number(/^atc_agent_inbox_expired_total (\d+)/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(1);
  });
});

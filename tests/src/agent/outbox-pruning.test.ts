// The agent prunes a settled outbox message in the background (ATC_OUTBOX_RETENTION), and what
// is kept of it still answers its id and a repeated request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personRequest, startTestFederation, waitFor, type AgentFixture, type TestFederation } from '@atc/tests';

let fed: TestFederation;
let kz: AgentFixture;

beforeAll(async () => {
  fed = await startTestFederation({
    members: {
      KZ: { env: { ATC_OUTBOX_RETENTION: '1ms', ATC_OUTBOX_PRUNE_INTERVAL: '1s' } },
      BY: { webhookSecret: 'by-webhook-secret-for-pruning' },
    },
  });
  kz = fed.agent('KZ');
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
});

// Fault matrix, poison and slow (b): a recipient offline for longer than the inbox retention
// (ATC_INBOX_MAX_AGE, 90 days by default; 3 s here). JetStream drops the copies it never
// pulled; the centre accounts for each one (the archive keeps them routed without a
// DeliveryAck, GET /v1/messages lists them, GET /v1/alarms raises inbox-expired and
// atc_gateway_inbox_expired counts them), the recipient that was online is not affected, and
// the offline one, once back, gets what was routed after its return; `atc-gateway deliveries
// resend` then routes the dropped copies again, each taken once. On both archive engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARCHIVE_BACKENDS,
  gatewayEnv,
  personRequest,
  runGatewayCli,
  startTestFederation,
  waitFor,
  type TestArchiveLocation,
  type TestFederation,
} from '@atc/tests';
import { copyStates, sample, takenByWebhook } from './delivery-counts.js';

const N = 6;
const MAX_AGE_MS = 3_000;

describe.each(ARCHIVE_BACKENDS)('a recipient offline beyond the inbox retention, on $name', (backend) => {
  let archive: TestArchiveLocation;
  let fed: TestFederation;
  const sent: string[] = [];

  beforeAll(async () => {
    archive = await backend.create();
    fed = await startTestFederation({
      archive: archive.location,
      gatewayEnv: { ATC_INBOX_MAX_AGE: `${MAX_AGE_MS}ms` },
      // RU has no agent yet: it is the member offline "for days".
      members: { KZ: {}, BY: { webhookSecret: 'by-secret-of-the-online-recipient' } },
    });
  }, 60_000);

  afterAll(async () => {
    await fed?.close();
    await archive?.dispose();
  });

  async function gatewayMetrics(): Promise<string> {
    return (await fed.gateway.api('/metrics', {})).text();
  }

  async function alarms(): Promise<{ kind: string; subject: string; severity: string; detail: string }[]> {
    const body = (await (await fed.gateway.api('/v1/alarms')).json()) as {
      items: { kind: string; subject: string; severity: string; detail: string }[];
    };
    return body.items.filter((a) => a.kind === 'inbox-expired');
  }

  it('accounts for every copy JetStream dropped, and leaves the online recipient untouched', async () => {
    for (let n = 1; n <= N; n++) {
      const res = await fed.agent('KZ').api('POST', '/v1/messages', personRequest(['BY', 'RU'], n));
      expect(res.status).toBe(202);
      sent.push(res.body['messageId'] as string);
    }
    await waitFor(async () => (await copyStates(fed.gateway.archive, 'BY')).delivered === N, {
      timeoutMs: 20_000,
      message: `BY took all ${N}`,
    });
    expect(takenByWebhook(fed.receiver('BY')).size).toBe(N);

    // The copies for RU wait in its consumer, then JetStream drops them at the max age.
    await waitFor(async () => sample(await gatewayMetrics(), 'atc_gateway_inbox_pending{member="RU"}') === 0, {
      timeoutMs: 20_000,
      message: "RU's copies dropped from its inbox by the stream's max age",
    });
    // The copies passed the retention one after another: the alarm's count follows until all have.
    await waitFor(
      async () =>
        (await alarms())[0]?.detail.includes(`${N} copies routed to RU`) === true &&
        sample(await gatewayMetrics(), 'atc_gateway_inbox_expired{member="RU"}') === N,
      { timeoutMs: 15_000, message: `an inbox-expired alarm counting all ${N} copies` },
    );
    const raised = await alarms();
    expect(raised.map((a) => [a.subject, a.severity])).toEqual([['RU', 'critical']]);
    expect(raised[0]!.detail).toContain(`${N} copies routed to RU got no DeliveryAck`);
    const metrics = await gatewayMetrics();
    expect(sample(metrics, 'atc_gateway_inbox_expired{member="RU"}')).toBe(N);
    expect(sample(metrics, 'atc_gateway_inbox_expired{member="BY"}')).toBeUndefined();

    // Not lost: the archive holds every message, and names each copy RU never confirmed.
    expect(await copyStates(fed.gateway.archive, 'RU')).toEqual({ pending: 0, routed: N, delivered: 0 });
    expect(await copyStates(fed.gateway.archive, 'BY')).toEqual({ pending: 0, routed: 0, delivered: N });
    const listed = (await (
      await fed.gateway.api('/v1/messages?recipient=RU&status=routed&exercise=true&limit=100')
    ).json()) as { items: { messageId: string }[] };
    expect(listed.items.map((m) => m.messageId).sort()).toEqual([...sent].sort());
  }, 60_000);

  it('hands the member what is routed after its return, not the dropped copies', async () => {
    const ru = await fed.startAgent('RU');
    await waitFor(async () => (await ru.api('GET', '/readyz')).status === 200, {
      timeoutMs: 15_000,
      message: "RU's agent ready",
    });
    const res = await fed.agent('KZ').api('POST', '/v1/messages', personRequest(['RU'], N + 1));
    expect(res.status).toBe(202);
    const fresh = res.body['messageId'] as string;
    await waitFor(async () => ((await ru.api('GET', '/v1/inbox')).body['items'] as unknown[]).length > 0, {
      timeoutMs: 15_000,
      message: 'the new message in RU’s inbox',
    });
    const items = (await ru.api('GET', '/v1/inbox')).body['items'] as { id: string }[];
    expect(items.map((i) => i.id)).toEqual([fresh]);
    expect((await ru.api('POST', `/v1/inbox/${fresh}/ack`)).status).toBeLessThan(300);
    await waitFor(async () => (await copyStates(fed.gateway.archive, 'RU')).delivered === 1, {
      timeoutMs: 15_000,
      message: "the centre recorded RU's DeliveryAck",
    });
    // The dropped copies stay accounted for until they are dealt with.
    expect(await copyStates(fed.gateway.archive, 'RU')).toEqual({ pending: 0, routed: N, delivered: 1 });
    expect(sample(await gatewayMetrics(), 'atc_gateway_inbox_expired{member="RU"}')).toBe(N);
  }, 60_000);

  it('routes the dropped copies again on `deliveries resend`, each taken once, and the alarm clears', async () => {
    const env = gatewayEnv(fed.nats, fed.gateway.dataDir, {
      ...archive.env,
      ATC_INBOX_MAX_AGE: `${MAX_AGE_MS}ms`,
    });
    const unknown = await runGatewayCli(env, ['deliveries', 'resend', 'ZZ', '--reason', 'test']);
    expect([unknown.code, unknown.stderr]).toEqual([1, expect.stringContaining('ERR_MEMBER_UNKNOWN')]);
    const run = await runGatewayCli(env, ['deliveries', 'resend', 'RU', '--reason', 'RU back after an outage']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${N} copies routed to RU`);

    const ru = fed.agent('RU');
    const inbox = async (): Promise<string[]> =>
      ((await ru.api('GET', '/v1/inbox?limit=100')).body['items'] as { id: string }[]).map((i) => i.id);
    await waitFor(async () => (await inbox()).length === N + 1, {
      timeoutMs: 20_000,
      message: `the ${N} resent copies in RU's inbox`,
    });
    const held = await inbox();
    expect(held.filter((id) => sent.includes(id)).sort()).toEqual([...sent].sort());
    for (const id of sent) expect((await ru.api('POST', `/v1/inbox/${id}/ack`)).status).toBeLessThan(300);
    await waitFor(async () => (await copyStates(fed.gateway.archive, 'RU')).delivered === N + 1, {
      timeoutMs: 15_000,
      message: "the centre recorded RU's DeliveryAcks for the resent copies",
    });
    expect(await copyStates(fed.gateway.archive, 'RU')).toEqual({ pending: 0, routed: 0, delivered: N + 1 });
    expect(await alarms()).toEqual([]);
    expect(sample(await gatewayMetrics(), 'atc_gateway_inbox_expired{member="RU"}')).toBeUndefined();
    const audit = (await (await fed.gateway.api('/v1/audit?action=deliveries.resend')).json()) as {
      items: { subject: string; reason: string; details: { copies: number } }[];
    };
    expect(audit.items.map((a) => [a.subject, a.reason, a.details.copies])).toEqual([
      ['member:RU', 'RU back after an outage', N],
    ]);
    // Nothing is left to resend.
    const again = await runGatewayCli(env, ['deliveries', 'resend', 'RU', '--reason', 'check']);
    expect([again.code, again.stdout]).toEqual([0, expect.stringContaining('nothing to resend')]);
    expect(await inbox()).toHaveLength(N + 1);
  }, 60_000);
});

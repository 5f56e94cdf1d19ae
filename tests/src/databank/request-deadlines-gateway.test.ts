// Information request deadlines on a running gateway (NATS, both archive engines): requests
// and answers submitted over the wire, the operators' list GET /v1/requests and its bad input,
// the overdue Notices delivered to both members' inboxes once (also after a restart), the
// request-overdue alarm and the metrics, until the answer clears them.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addToken, openArchiveDb, slaNoticeId } from '@atc/gateway';
import { atc, PayloadType, toTimestamp, type HeaderInput } from '@atc/shared';
import { fixtureRequest } from '@atc/shared/testing';
import {
  ARCHIVE_BACKENDS,
  makeMessage,
  startFederationGateway,
  startTestFederation,
  waitFor,
  type GatewayFixture,
  type TestArchiveLocation,
  type TestFederation,
} from '@atc/tests';

const ENV = { ATC_SLA_CHECK: '200ms', ATC_DATABANK_REVIEW_CHECK: '1h' };

interface Problem {
  code: string;
  detail: string;
}

interface RequestItem {
  requestMessageId: string;
  requestRecordId: string;
  requester: string;
  recipient: string;
  urgency: string;
  requestedAt: string;
  dueAt: string;
  dueFrom: string;
  state: string;
  overdue: boolean;
  responses: number;
  answeredAt: string | null;
  outcome: string | null;
}

interface RequestPage {
  state: string;
  exercise: boolean;
  items: RequestItem[];
  nextCursor: string | null;
}

describe.each(ARCHIVE_BACKENDS)('information request deadlines through the gateway on $name', (backend) => {
  let location: TestArchiveLocation | undefined;
  let fed: TestFederation | undefined;
  let restarted: GatewayFixture | undefined;
  afterEach(async () => {
    await restarted?.stop();
    restarted = undefined;
    await fed?.close();
    fed = undefined;
    await location?.dispose();
    location = undefined;
  });

  it('lists requests, announces an overdue one to both members once, alarms until it is answered', async () => {
    location = await backend.create();
    fed = await startTestFederation({ archive: location.location, wire: true, gatewayEnv: ENV });
    const f = fed;
    const operator = addToken(
      join(f.gateway.dataDir, 'tokens.json'),
      { name: 'operator-testova', role: 'operator' },
      Date.now(),
    ).token;
    let gateway: GatewayFixture = f.gateway;
    const call = (path: string): Promise<Response> => gateway.api(path, { authorization: `Bearer ${operator}` });
    const page = async (query: string): Promise<RequestPage> => {
      const res = await call(`/v1/requests${query}`);
      expect(res.status, query).toBe(200);
      return (await res.json()) as RequestPage;
    };
    const metric = async (line: RegExp): Promise<number> => {
      const m = line.exec(await (await gateway.api('/metrics')).text());
      return m === null ? 0 : Number(m[1]);
    };

    // Whole seconds: what the header's Timestamp carries exactly.
    const due = Math.ceil((Date.now() + 4_000) / 1000) * 1000;
    const request = (sequence: number, recordId: string, header: Partial<HeaderInput>) =>
      makeMessage({
        type: PayloadType.InformationRequest,
        from: 'KZ',
        to: ['RU'],
        sequence,
        payload: {
          ...fixtureRequest(PayloadType.InformationRequest, sequence).payload,
          recordId,
          subject: `Whereabouts of Testov ${recordId}`,
        },
        // Operational traffic (the fixture header is exercise traffic).
        header: { exercise: false, ...header },
      });
    const soon = request(1, 'KZ-R-SOON', { urgency: atc.v1.Urgency.URGENCY_URGENT, replyDueAt: toTimestamp(due) });
    const later = request(2, 'KZ-R-LATER', { urgency: atc.v1.Urgency.URGENCY_IMMEDIATE });
    await f.wire.submit('KZ', soon.bytes, soon.messageId);
    await f.wire.submit('KZ', later.bytes, later.messageId);

    const open = await waitFor(
      async () => {
        // The token file is read again on its change; the bank applies the requests off the pipeline.
        const res = await call('/v1/requests');
        if (res.status !== 200) return false;
        const p = (await res.json()) as RequestPage;
        return p.items.length === 2 ? p : false;
      },
      { timeoutMs: 30_000, intervalMs: 100, message: 'both requests tracked' },
    );
    expect(open.state).toBe('open');
    expect(open.items.map((i) => [i.requestMessageId, i.requester, i.recipient, i.urgency, i.dueFrom])).toEqual([
      [soon.messageId, 'KZ', 'RU', 'URGENT', 'reply_due_at'],
      [later.messageId, 'KZ', 'RU', 'IMMEDIATE', 'urgency'],
    ]);
    expect(open.items[0]!.dueAt).toBe(new Date(due).toISOString());
    expect(Date.parse(open.items[1]!.dueAt) - Date.parse(open.items[1]!.requestedAt)).toBe(3_600_000);
    // Metadata only: never the subject line or the questions.
    expect(JSON.stringify(open)).not.toContain('Whereabouts');

    // Pages, and bad input.
    const first = await page('?limit=1');
    expect(first.items.map((i) => i.requestMessageId)).toEqual([soon.messageId]);
    const second = await page(`?limit=1&cursor=${first.nextCursor!}`);
    expect(second.items.map((i) => i.requestMessageId)).toEqual([later.messageId]);
    expect(second.nextCursor).toBeNull();
    expect((await page('?exercise=true')).items).toEqual([]);
    const refused = async (query: string, code: string): Promise<void> => {
      const res = await call(`/v1/requests${query}`);
      expect(res.status, query).toBe(400);
      const problem = (await res.json()) as Problem;
      expect(problem.code, query).toBe(code);
      expect(problem.detail.length, query).toBeGreaterThan(20);
    };
    await refused('?state=closed', 'ERR_QUERY_INVALID');
    await refused('?state=overdue&cursor=not-a-cursor', 'ERR_CURSOR_INVALID');
    await refused(`?state=answered&cursor=${first.nextCursor!}`, 'ERR_CURSOR_INVALID');
    await refused(`?exercise=true&cursor=${first.nextCursor!}`, 'ERR_CURSOR_INVALID');
    await refused('?limit=0', 'ERR_QUERY_INVALID');
    await refused('?limit=501', 'ERR_QUERY_INVALID');
    await refused('?status=open', 'ERR_QUERY_INVALID');
    expect((await gateway.api('/v1/requests', { authorization: 'Bearer not-a-token' })).status).toBe(401);

    // Past its due time: one Notice to each side, delivered to both inboxes.
    const db = await openArchiveDb(location.location);
    try {
      const noticeIds = [
        slaNoticeId(soon.messageId, Date.parse(open.items[0]!.requestedAt), 'RU', 'requester'),
        slaNoticeId(soon.messageId, Date.parse(open.items[0]!.requestedAt), 'RU', 'recipient'),
      ];
      await waitFor(
        async () =>
          (await db.all('SELECT message_id FROM messages WHERE payload_type = ?', [PayloadType.Notice])).length === 2,
        { timeoutMs: 30_000, intervalMs: 100, message: 'two overdue Notices archived' },
      );
      expect(
        await db.all(
          `SELECT m.message_id, d.recipient FROM messages m JOIN deliveries d ON d.message_id = m.message_id
           WHERE m.payload_type = ? ORDER BY d.recipient`,
          [PayloadType.Notice],
        ),
      ).toEqual([
        { message_id: noticeIds[0], recipient: 'KZ' },
        { message_id: noticeIds[1], recipient: 'RU' },
      ]);
      // Both inboxes at once: each drain ends with a fetch that waits for nothing more.
      const drained = await Promise.all([f.wire.drainInbox('KZ', 10, 3_000), f.wire.drainInbox('RU', 10, 3_000)]);
      for (const [member, id, got] of [
        ['KZ', noticeIds[0]!, drained[0]],
        ['RU', noticeIds[1]!, drained[1]],
      ] as const) {
        const notices = got
          .map((m) => atc.v1.Envelope.decode(m.data))
          .filter((e) => atc.v1.Header.decode(e.header).payloadType === PayloadType.Notice);
        expect(
          notices.map((e) => atc.v1.Header.decode(e.header).messageId),
          member,
        ).toEqual([id]);
        const body = atc.v1.Notice.decode(notices[0]!.payload);
        expect(body.title).toContain(soon.messageId);
        expect(body.body).toContain('"Whereabouts of Testov KZ-R-SOON"');
        expect(body.body).toContain(`was due at ${new Date(due).toISOString()}`);
      }

      const overdue = await page('?state=overdue');
      expect(overdue.items.map((i) => [i.requestMessageId, i.overdue])).toEqual([[soon.messageId, true]]);
      expect(await metric(/^atc_information_request_overdue_notices_total (\S+)$/m)).toBe(2);
      expect(
        await metric(/^atc_information_requests_overdue\{urgency="URGENT",namespace="operational"\} (\S+)$/m),
      ).toBe(1);
      const alarms = (await (await call('/v1/alarms')).json()) as { items: { kind: string; subject: string }[] };
      expect(alarms.items.filter((a) => a.kind === 'request-overdue').map((a) => a.subject)).toEqual(['RU']);

      // A restart: the check runs again and sends nothing new.
      await f.gateway.stop();
      restarted = await startFederationGateway({
        nats: f.nats,
        dataDir: f.gateway.dataDir,
        archive: location.location,
        env: ENV,
      });
      gateway = restarted;
      await waitFor(async () => (await metric(/^atc_information_request_checks_total (\S+)$/m)) >= 3, {
        timeoutMs: 15_000,
        intervalMs: 100,
        message: 'the restarted gateway ran its overdue check',
      });
      expect(await metric(/^atc_information_request_overdue_notices_total (\S+)$/m)).toBe(0);
      expect(
        (await db.all('SELECT message_id FROM messages WHERE payload_type = ?', [PayloadType.Notice])).length,
      ).toBe(2);

      // RU answers: the request closes, the alarm and the gauge clear.
      const answer = makeMessage({
        type: PayloadType.InformationResponse,
        from: 'RU',
        to: ['KZ'],
        sequence: 1,
        payload: {
          ...fixtureRequest(PayloadType.InformationResponse, 1).payload,
          recordId: 'RU-A-1',
          outcome: atc.v1.ResponseOutcome.RESPONSE_OUTCOME_ANSWERED,
        },
        header: { inReplyTo: soon.messageId, exercise: false },
      });
      await f.wire.submit('RU', answer.bytes, answer.messageId);
      const answered = await waitFor(
        async () => {
          const p = await page('?state=answered');
          return p.items.length === 1 ? p : false;
        },
        { timeoutMs: 30_000, intervalMs: 100, message: 'the request answered' },
      );
      expect(answered.items[0]).toMatchObject({
        requestMessageId: soon.messageId,
        state: 'answered',
        outcome: 'ANSWERED',
        responses: 1,
        overdue: false,
      });
      expect((await page('?state=overdue')).items).toEqual([]);
      const cleared = (await (await call('/v1/alarms')).json()) as { items: { kind: string }[] };
      expect(cleared.items.filter((a) => a.kind === 'request-overdue')).toEqual([]);
      expect(
        await metric(/^atc_information_requests_overdue\{urgency="URGENT",namespace="operational"\} (\S+)$/m),
      ).toBe(0);
    } finally {
      await db.close();
    }
  }, 120_000);
});

// Review Notices through NATS (DESIGN.md section 9 "Review"): the gateway announces to an
// originator, in a gateway-signed Notice delivered to its agent's inbox, its records whose
// review date is within the notice window; each (record version, review date) once, whatever
// restarts; exercise records in exercise-marked Notices.
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayNoticeSender, InboxPublisher, openArchive, openArchiveDb, reviewNoticeId } from '@atc/gateway';
import { atc, createLogger, Duration, isUuidV7, PayloadType, StreamPublisher, toTimestamp } from '@atc/shared';
import { fixtureKey, fixtureRequest } from '@atc/shared/testing';
import {
  ARCHIVE_BACKENDS,
  makeMessage,
  runGatewayCli,
  startFederationGateway,
  startTestFederation,
  waitFor,
  type GatewayFixture,
  type TestArchiveLocation,
  type TestFederation,
} from '@atc/tests';

const CHECK_EVERY = { ATC_DATABANK_REVIEW_CHECK: '200ms' };
const WINDOW_MS = 30 * Duration.day;

interface InboxJson {
  id: string;
  sender: string;
  payloadType: string;
  exercise: boolean;
  header: { handling?: { tlp?: string } };
  record: { title?: string; body?: string; category?: string };
}

describe.each(ARCHIVE_BACKENDS)('review Notices on $name', (backend) => {
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

  async function submitRecord(
    f: TestFederation,
    sequence: number,
    recordId: string,
    version: number,
    reviewBy: number,
    exercise = false,
  ): Promise<void> {
    const m = makeMessage({
      from: 'KZ',
      to: ['RU'],
      sequence,
      payload: { ...fixtureRequest(PayloadType.PersonRecord, sequence).payload, recordId, version },
      header: {
        exercise,
        handling: { tlp: atc.v1.TlpLevel.TLP_LEVEL_AMBER, reviewBy: toTimestamp(reviewBy) },
      },
    });
    await f.wire.submit('KZ', m.bytes, m.messageId);
  }

  async function notices(f: TestFederation): Promise<InboxJson[]> {
    const { status, body } = await f.agent('KZ').api('GET', '/v1/inbox?limit=500');
    expect(status).toBe(200);
    return (body['items'] as InboxJson[]).filter((i) => i.payloadType === PayloadType.Notice);
  }

  async function metric(gateway: GatewayFixture, name: string): Promise<number> {
    const text = await (await gateway.api('/metrics')).text();
    const line = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
    return line === null ? Number.NaN : Number(line[1]);
  }

  it('announces records due within the window to their originator once, exercise apart, and not again after a restart', async () => {
    location = await backend.create();
    fed = await startTestFederation({
      archive: location.location,
      wire: true,
      members: { KZ: {} },
      gatewayEnv: CHECK_EVERY,
    });
    const f = fed;
    const now = Date.now();
    // Whole seconds: what the header's Timestamp and the Notice's text carry exactly.
    const at = (days: number): number => Math.floor((now + days * Duration.day) / 1000) * 1000;
    await submitRecord(f, 1, 'KZ-P-REV-1', 1, at(10));
    await submitRecord(f, 2, 'KZ-P-REV-2', 1, at(60)); // outside the 30-day window
    await submitRecord(f, 3, 'KZ-X-REV-1', 1, at(5), true);

    const got = await waitFor(
      async () => {
        const n = await notices(f);
        return n.length >= 2 ? n : false;
      },
      { timeoutMs: 30_000, intervalMs: 100, message: "two review Notices in KZ's inbox" },
    );
    const operational = got.find((n) => !n.exercise)!;
    const exercise = got.find((n) => n.exercise)!;
    expect(operational.sender).toBe('ATC');
    expect(operational.id).toBe(
      reviewNoticeId('KZ', false, [{ recordId: 'KZ-P-REV-1', version: 1, reviewBy: at(10) }], WINDOW_MS),
    );
    expect(isUuidV7(operational.id)).toBe(true);
    expect(operational.record.category).toBe('SERVICE');
    expect(operational.record.body).toContain(`KZ-P-REV-1 v1 review by ${new Date(at(10)).toISOString()}`);
    expect(operational.record.body).not.toContain('KZ-P-REV-2');
    expect(operational.record.body).not.toContain('KZ-X-REV-1');
    expect(exercise.id).toBe(
      reviewNoticeId('KZ', true, [{ recordId: 'KZ-X-REV-1', version: 1, reviewBy: at(5) }], WINDOW_MS),
    );
    expect(exercise.record.body).toContain(`KZ-X-REV-1 v1 review by ${new Date(at(5)).toISOString()}`);
    expect(exercise.record.body).not.toContain('KZ-P-REV-1');

    // The national system takes the Notice: its DeliveryAck marks the delivery, and the gateway
    // sends no DELIVERED receipt to itself.
    expect((await f.agent('KZ').api('POST', `/v1/inbox/${operational.id}/ack`)).status).toBe(200);
    const db = await openArchiveDb(location.location);
    try {
      await waitFor(
        async () =>
          (
            await db.get<{ state: string }>('SELECT state FROM deliveries WHERE message_id = ? AND recipient = ?', [
              operational.id,
              'KZ',
            ])
          )?.state === 'delivered',
        { timeoutMs: 15_000, intervalMs: 100, message: 'the Notice delivered' },
      );
      expect(await db.all("SELECT receipt_id FROM receipts WHERE member = 'ATC'")).toEqual([]);

      // A restart (another process would do the same): the review check runs again, sends nothing new.
      await f.gateway.stop();
      restarted = await startFederationGateway({
        nats: f.nats,
        dataDir: f.gateway.dataDir,
        archive: location.location,
        env: CHECK_EVERY,
      });
      const again = restarted;
      await waitFor(async () => (await metric(again, 'atc_databank_review_checks_total')) >= 3, {
        timeoutMs: 15_000,
        intervalMs: 100,
        message: 'the restarted gateway ran its review check',
      });
      expect(await metric(again, 'atc_databank_review_notices_total')).toBe(0);
      expect(await metric(again, 'atc_databank_leader')).toBe(1);
      const archived = async (): Promise<string[]> =>
        (
          await db.all<{ message_id: string }>(
            "SELECT message_id FROM messages WHERE payload_type = 'atc.v1.Notice' ORDER BY leaf_index",
          )
        ).map((r) => r.message_id);
      expect((await archived()).sort()).toEqual([operational.id, exercise.id].sort());

      // A newer version with a later review date, still inside the window: announced once more, for v2.
      await submitRecord(f, 4, 'KZ-P-REV-1', 2, at(20));
      const third = await waitFor(
        async () => {
          const n = (await notices(f)).filter((i) => i.id !== operational.id && i.id !== exercise.id);
          return n.length > 0 ? n : false;
        },
        { timeoutMs: 30_000, intervalMs: 100, message: 'a Notice for the new version' },
      );
      expect(third).toHaveLength(1);
      expect(third[0]!.record.body).toContain(`KZ-P-REV-1 v2 review by ${new Date(at(20)).toISOString()}`);
      expect(await archived()).toHaveLength(3);
      expect(
        await db.all(
          'SELECT exercise, record_id, version FROM databank_review_notices ORDER BY exercise, record_id, version',
        ),
      ).toEqual([
        { exercise: 0, record_id: 'KZ-P-REV-1', version: 1 },
        { exercise: 0, record_id: 'KZ-P-REV-1', version: 2 },
        { exercise: 1, record_id: 'KZ-X-REV-1', version: 1 },
      ]);

      // Operators see what is due, and which Notice announced it.
      const cli = { ATC_DATA_DIR: f.gateway.dataDir, ...location.env };
      const due = await runGatewayCli(cli, ['databank', 'review', '--within-days', '30']);
      expect(due.code).toBe(0);
      expect(due.stdout).toContain('KZ: 0 past due, 1 due within 30 days');
      expect(due.stdout).toContain(`KZ-P-REV-1 v2 review by ${new Date(at(20)).toISOString()} notice ${third[0]!.id}`);
      expect(due.stdout).not.toContain('KZ-P-REV-2');
      const json = await runGatewayCli(cli, ['databank', 'review', '--within-days', '90', '--exercise', '--json']);
      expect(JSON.parse(json.stdout)).toMatchObject({
        exercise: true,
        originators: [{ originator: 'KZ', records: [{ recordId: 'KZ-X-REV-1', noticeMessageId: exercise.id }] }],
      });
      const notANumber = await runGatewayCli(cli, ['databank', 'review', '--within-days', 'soon']);
      expect(notANumber.code).toBe(2);
      expect(notANumber.stderr).toContain('ERR_USAGE');
      const tooFar = await runGatewayCli(cli, ['databank', 'review', '--within-days', '9999']);
      expect(tooFar.code).not.toBe(0);
      expect(tooFar.stderr).toContain('ERR_QUERY_INVALID');

      // The Notices are gateway-signed leaves of the log: the archive still verifies, and they are not key events.
      const verified = await runGatewayCli({ ATC_DATA_DIR: f.gateway.dataDir, ...location.env }, ['archive', 'verify']);
      expect(verified.stdout).toMatch(/archive verified: \d+ entries \(0 key events,/);
      expect(verified.code).toBe(0);
    } finally {
      await db.close();
    }
  }, 120_000);

  it('archives and delivers a Notice once when two replicas send it at the same time', async () => {
    location = await backend.create();
    fed = await startTestFederation({ archive: location.location, wire: true });
    const f = fed;
    // PostgreSQL: two replicas, each with its own pool. SQLite has one process per archive (two
    // connections in one process would block each other's event loop): two senders share it.
    const replicas = await Promise.all(
      (backend.name === 'postgres' ? ['a', 'b'] : ['a']).map(() =>
        openArchive({
          location: location!.location,
          gatewayId: 'ATC',
          logOrigin: 'atc-exchange/test',
          key: fixtureKey('ATC'),
          clock: () => Date.now(),
        }),
      ),
    );
    try {
      const streams = new StreamPublisher(f.wire.nc);
      const logger = createLogger({ name: 'notice-test', level: 'silent' });
      const senders = [replicas[0]!, replicas.at(-1)!].map(
        (r) =>
          new GatewayNoticeSender({
            db: r.db,
            store: r.store,
            log: r.log,
            committer: r.committer,
            publisher: new InboxPublisher(streams, r.store, logger),
            signer: fixtureKey('ATC'),
            gatewayId: 'ATC',
            clock: () => Date.now(),
          }),
      );
      const items = [{ recordId: 'KZ-P-TWICE', version: 1, reviewBy: Date.now() + 10 * Duration.day }];
      const notice = {
        messageId: reviewNoticeId('KZ', false, items, WINDOW_MS),
        recipient: 'KZ',
        exercise: false,
        purpose: 'data bank review dates',
        payload: {
          recordId: 'review-test',
          version: 1,
          category: atc.v1.NoticeCategory.NOTICE_CATEGORY_SERVICE,
          title: '1 record(s) due for review in the data bank',
          body: 'KZ-P-TWICE v1',
        },
      };
      let within = 0;
      const outcomes = await Promise.all(
        senders.map((s) =>
          s.send(notice, async () => {
            within++;
            await Promise.resolve();
          }),
        ),
      );
      expect(outcomes.sort()).toEqual(['already', 'sent']);
      expect(within).toBe(2);
      expect(await senders[0]!.send(notice)).toBe('already');
      const db = replicas[0]!.db;
      expect(
        await db.all('SELECT sender, payload_type FROM messages WHERE message_id = ?', [notice.messageId]),
      ).toEqual([{ sender: 'ATC', payload_type: PayloadType.Notice }]);
      expect(await db.all('SELECT recipient, state FROM deliveries WHERE message_id = ?', [notice.messageId])).toEqual([
        { recipient: 'KZ', state: 'routed' },
      ]);
      const copies = await f.wire.drainInbox('KZ', 10, 2_000);
      expect(copies.map((m) => atc.v1.Header.decode(atc.v1.Envelope.decode(m.data).header).messageId)).toEqual([
        notice.messageId,
      ]);
    } finally {
      for (const r of replicas) await r.close();
    }
  }, 60_000);
});

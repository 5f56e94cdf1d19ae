// Information requests and their deadlines (DESIGN.md section 10 "SLA") on a real archive (both
// engines) with a controllable clock: the bank tracks each (request, recipient) until an
// answer closes it; overdue requests get one gateway-signed Notice to each side, archived and
// published through a real nats-server, once whatever restarts, rebuilds or partial answers;
// operators see them in the list and the alarms.
import { describe, expect, it } from 'vitest';
import {
  AlarmKind,
  batchWrite,
  currentAlarms,
  DatabankProjection,
  dumpDatabank,
  listRequests,
  SLA_DEFAULTS,
  SlaNotices,
  slaNoticeId,
  type Archive,
  type SlaDefaults,
} from '@atc/gateway';
import { atc, Duration, PayloadType } from '@atc/shared';
import { FIXTURE_TIME } from '@atc/shared/testing';
import { ARCHIVE_BACKENDS } from '@atc/tests';
import { bankArchives } from './bank-archives.js';
import { gatewayNoticeSender, provisionedNats } from './gateway-notices.js';
import type { Routed } from './purge-rows.js';
import { requestOf, responseTo } from './request-rows.js';

const { URGENCY_IMMEDIATE: IMMEDIATE, URGENCY_URGENT: URGENT, URGENCY_NORMAL: NORMAL } = atc.v1.Urgency;
const {
  RESPONSE_OUTCOME_ANSWERED: ANSWERED,
  RESPONSE_OUTCOME_PARTIAL: PARTIAL,
  RESPONSE_OUTCOME_DECLINED: DECLINED,
} = atc.v1.ResponseOutcome;

interface SentNotice {
  id: string;
  to: string;
  exercise: boolean;
  title: string;
  body: string;
}

const MEMBERS = ['BY', 'KZ', 'RU'].map((id) => ({
  id,
  name: `Test member ${id}`,
  kind: 'national' as const,
  status: 'active' as const,
  createdAt: FIXTURE_TIME,
  updatedAt: FIXTURE_TIME,
}));

describe.each(ARCHIVE_BACKENDS)('information request deadlines on $name', { timeout: 60_000 }, (backend) => {
  let now = FIXTURE_TIME;
  const open = bankArchives(backend, () => now);
  const nc = provisionedNats('sla-test');

  async function commit(archive: Archive, entries: readonly Routed[]): Promise<void> {
    await archive.committer.commit(
      batchWrite({ messages: entries.map((e) => e.row), deliveries: entries.flatMap((e) => e.deliveries) }),
    );
  }

  async function world(entries: readonly Routed[]): Promise<{ archive: Archive; projection: DatabankProjection }> {
    now = FIXTURE_TIME;
    const archive = await open();
    await commit(archive, entries);
    const projection = new DatabankProjection(archive.db, archive.reader);
    await projection.catchUp();
    return { archive, projection };
  }

  /** The overdue check as the leading replica runs it, with the real Notice sender. */
  function checker(archive: Archive, defaults: SlaDefaults = SLA_DEFAULTS): SlaNotices {
    const sender = gatewayNoticeSender(archive, nc(), () => now);
    return new SlaNotices({
      db: archive.db,
      reader: archive.reader,
      send: (notice, within) => sender.send(notice, within),
      defaults,
      clock: () => now,
    });
  }

  /** The Notices the archive holds, in log order. */
  async function sent(archive: Archive): Promise<SentNotice[]> {
    const rows = await archive.db.all<{ envelope: Uint8Array }>(
      `SELECT envelope FROM messages WHERE payload_type = ? ORDER BY leaf_index`,
      [PayloadType.Notice],
    );
    return rows.map((r) => {
      const envelope = atc.v1.Envelope.decode(r.envelope);
      const header = atc.v1.Header.decode(envelope.header);
      const notice = atc.v1.Notice.decode(envelope.payload);
      expect(header.sender).toBe('ATC');
      return {
        id: header.messageId,
        to: header.recipients.join(','),
        exercise: header.exercise,
        title: notice.title,
        body: notice.body,
      };
    });
  }

  const list = (archive: Archive, state: 'open' | 'overdue' | 'answered', exercise = false, defaults = SLA_DEFAULTS) =>
    listRequests(archive.db, { state, exercise, now, defaults, limit: 100 });

  it('gives each request its due time: reply_due_at when set, else the default of its urgency (configurable)', async () => {
    const explicit = FIXTURE_TIME + 30 * Duration.minute;
    const { archive } = await world([
      requestOf('KZ', 1, 'KZ-R-1', ['RU'], { urgency: IMMEDIATE }),
      requestOf('KZ', 2, 'KZ-R-2', ['RU'], { urgency: URGENT }),
      requestOf('KZ', 3, 'KZ-R-3', ['RU'], { urgency: NORMAL }),
      requestOf('KZ', 4, 'KZ-R-4', ['RU'], { urgency: NORMAL, replyDueAt: explicit }),
    ]);
    const open = await list(archive, 'open');
    expect(open.map((r) => [r.requestRecordId, r.urgency, r.dueAt - r.requestedAt, r.dueFrom])).toEqual([
      ['KZ-R-1', 'IMMEDIATE', Duration.hour, 'urgency'],
      ['KZ-R-2', 'URGENT', 8 * Duration.hour, 'urgency'],
      ['KZ-R-3', 'NORMAL', 5 * Duration.day, 'urgency'],
      ['KZ-R-4', 'NORMAL', explicit - (FIXTURE_TIME + 4), 'reply_due_at'],
    ]);
    expect(open.every((r) => r.requester === 'KZ' && r.recipient === 'RU' && !r.overdue && r.state === 'open')).toBe(
      true,
    );
    // Other defaults apply to the requests already tracked; an explicit due time stays.
    const other = { immediateMs: 2 * Duration.hour, urgentMs: Duration.day, normalMs: 10 * Duration.day };
    expect((await list(archive, 'open', false, other)).map((r) => r.dueAt - r.requestedAt)).toEqual([
      2 * Duration.hour,
      Duration.day,
      10 * Duration.day,
      explicit - (FIXTURE_TIME + 4),
    ]);
    // Due at the request's archived time (FIXTURE_TIME + 1) plus the default: overdue from then on.
    now = FIXTURE_TIME + 1 + Duration.hour;
    expect((await list(archive, 'overdue')).map((r) => r.requestRecordId)).toEqual(['KZ-R-1', 'KZ-R-4']);
    now = FIXTURE_TIME + 1 + 2 * Duration.hour;
    expect((await list(archive, 'overdue', false, other)).map((r) => r.requestRecordId)).toEqual(['KZ-R-1', 'KZ-R-4']);
    now -= 1;
    expect((await list(archive, 'overdue', false, other)).map((r) => r.requestRecordId)).toEqual(['KZ-R-4']);
  });

  it('sends no Notice for a request answered in time, and exactly one to each side of an overdue one, whatever reruns, restarts and rebuilds', async () => {
    const answered = requestOf('KZ', 1, 'KZ-R-1', ['RU'], { urgency: IMMEDIATE });
    const late = requestOf('KZ', 2, 'KZ-R-2', ['RU'], { urgency: URGENT, subject: 'Travel of Primerov Test' });
    const { archive, projection } = await world([answered, late, responseTo(answered, 'RU', 3, ANSWERED)]);
    now = FIXTURE_TIME + 7 * Duration.hour;
    expect(await checker(archive).run()).toBe(0);
    expect(await sent(archive)).toEqual([]);

    now = FIXTURE_TIME + 8 * Duration.hour + 2;
    expect(await checker(archive).run()).toBe(2);
    const notices = await sent(archive);
    const id = late.row.messageId;
    expect(notices.map((n) => [n.id, n.to, n.exercise])).toEqual([
      [slaNoticeId(id, FIXTURE_TIME + 2, 'RU', 'requester'), 'KZ', false],
      [slaNoticeId(id, FIXTURE_TIME + 2, 'RU', 'recipient'), 'RU', false],
    ]);
    const due = new Date(FIXTURE_TIME + 2 + 8 * Duration.hour).toISOString();
    for (const n of notices) {
      expect(n.title).toBe(`Information request ${id} is overdue (due ${due})`);
      expect(n.body).toContain(`"Travel of Primerov Test"`);
      expect(n.body).toContain(`from KZ to RU, URGENT`);
      expect(n.body).toContain(`was due at ${due}`);
    }
    expect(notices[0]!.body).toContain('RU has not answered it');
    expect(notices[1]!.body).toContain(`header.in_reply_to is ${id}`);

    // Again, by a fresh checker (a restart or another replica), later: nothing more.
    expect(await checker(archive).run()).toBe(0);
    now += Duration.day;
    expect(await checker(archive).run()).toBe(0);
    // A rebuild of the bank gives the same rows and keeps what was sent.
    await projection.catchUp();
    const before = await dumpDatabank(archive.db);
    await projection.clear();
    await projection.catchUp();
    expect(await dumpDatabank(archive.db)).toEqual(before);
    expect(await checker(archive).run()).toBe(0);
    expect((await sent(archive)).length).toBe(2);
    expect(
      await archive.db.all(
        'SELECT request_message_id, recipient, notified FROM databank_request_notices ORDER BY notified',
      ),
    ).toEqual([
      { request_message_id: id, recipient: 'RU', notified: 'recipient' },
      { request_message_id: id, recipient: 'RU', notified: 'requester' },
    ]);
  });

  it('sends each Notice once when two replicas check at the same time', async () => {
    const request = requestOf('KZ', 1, 'KZ-R-1', ['BY', 'RU'], { urgency: IMMEDIATE });
    const { archive } = await world([request]);
    // PostgreSQL: a second connection, as another replica has; SQLite has one process per archive.
    const other = backend.name === 'postgres' ? await open() : archive;
    now = FIXTURE_TIME + 2 * Duration.hour;
    const counts = await Promise.all([checker(archive).run(), checker(other).run()]);
    expect(counts[0] + counts[1]).toBe(4);
    expect((await sent(archive)).map((n) => n.to).sort()).toEqual(['BY', 'KZ', 'KZ', 'RU']);
    expect(await checker(other).run()).toBe(0);
  });

  it('still announces a new overdue request behind more than a scan of older ones already announced and never answered', async () => {
    // 1,008 tracked requests (112 to each of 9 members), overdue, both sides already told (as
    // an earlier run leaves them), never answered: more than the 1,000 rows one scan reads.
    const members = ['AM', 'AZ', 'BY', 'KG', 'MD', 'RU', 'TJ', 'TM', 'UZ'];
    const old = Array.from({ length: 112 }, (_, i) =>
      requestOf('KZ', i + 1, `KZ-R-${i + 1}`, members, { urgency: IMMEDIATE }),
    );
    const fresh = requestOf('KZ', 113, 'KZ-R-113', ['RU'], { urgency: URGENT });
    const { archive } = await world([...old, fresh]);
    await archive.db.run(
      `INSERT INTO databank_request_notices (request_message_id, recipient, notified, notice_message_id, sent_at)
       SELECT q.request_message_id, q.recipient, s.side, q.request_message_id || '/' || q.recipient || '/' || s.side, ${FIXTURE_TIME}
       FROM databank_requests q CROSS JOIN (SELECT 'requester' AS side UNION ALL SELECT 'recipient' AS side) s
       WHERE q.request_message_id <> '${fresh.row.messageId}'`,
    );
    expect((await archive.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM databank_request_notices'))!.n).toBe(
      2 * 112 * 9,
    );
    now = FIXTURE_TIME + 8 * Duration.hour + 200;
    expect(await checker(archive).run()).toBe(2);
    expect((await sent(archive)).map((n) => [n.id, n.to])).toEqual([
      [slaNoticeId(fresh.row.messageId, FIXTURE_TIME + 113, 'RU', 'requester'), 'KZ'],
      [slaNoticeId(fresh.row.messageId, FIXTURE_TIME + 113, 'RU', 'recipient'), 'RU'],
    ]);
    expect(await checker(archive).run()).toBe(0);
  });

  it('keeps a request open through partial answers; the first closing answer closes it, later ones are counted', async () => {
    const request = requestOf('KZ', 1, 'KZ-R-1', ['RU'], { urgency: IMMEDIATE });
    const { archive, projection } = await world([request, responseTo(request, 'RU', 2, PARTIAL)]);
    let [row] = await list(archive, 'open');
    expect(row).toMatchObject({ state: 'partial', responses: 1, outcome: 'PARTIAL', answeredAt: null });
    now = FIXTURE_TIME + 2 * Duration.hour;
    expect(await checker(archive).run()).toBe(2);
    expect((await sent(archive))[1]!.body).toContain('Only partial answers (PARTIAL) were received.');

    const closing = responseTo(request, 'RU', 3, DECLINED);
    await commit(archive, [closing, responseTo(request, 'RU', 4, ANSWERED)]);
    await projection.catchUp();
    expect(await list(archive, 'open')).toEqual([]);
    [row] = await list(archive, 'answered');
    expect(row).toMatchObject({
      state: 'answered',
      responses: 3,
      outcome: 'DECLINED',
      answerMessageId: closing.row.messageId,
      overdue: false,
    });
    expect(row!.answeredAt).toBe(closing.row.archivedAt);
    expect(await checker(archive).run()).toBe(0);
  });

  it('tracks a request per recipient, also a broadcast: each answers apart', async () => {
    const multi = requestOf('KZ', 1, 'KZ-R-1', ['BY', 'RU'], { urgency: IMMEDIATE });
    const broadcast = requestOf('RU', 2, 'RU-R-1', ['BY', 'KZ'], { urgency: IMMEDIATE, broadcast: true });
    const { archive } = await world([
      multi,
      broadcast,
      responseTo(multi, 'BY', 3, ANSWERED),
      responseTo(broadcast, 'KZ', 4, ANSWERED),
    ]);
    expect((await list(archive, 'open')).map((r) => [r.requester, r.recipient])).toEqual([
      ['KZ', 'RU'],
      ['RU', 'BY'],
    ]);
    expect((await list(archive, 'answered')).map((r) => [r.requester, r.recipient])).toEqual([
      ['KZ', 'BY'],
      ['RU', 'KZ'],
    ]);
    now = FIXTURE_TIME + 2 * Duration.hour;
    expect(await checker(archive).run()).toBe(4);
    expect((await sent(archive)).map((n) => n.to)).toEqual(['KZ', 'RU', 'RU', 'BY']);
  });

  it('keeps exercise requests apart: their own list, exercise-marked Notices; an answer from the other namespace is flagged', async () => {
    const drill = requestOf('KZ', 1, 'KZ-X-1', ['RU'], { urgency: IMMEDIATE, exercise: true });
    const real = requestOf('KZ', 2, 'KZ-R-2', ['RU'], { urgency: NORMAL });
    const wrong = responseTo(drill, 'RU', 3, ANSWERED, { exercise: false });
    const { archive } = await world([drill, real, wrong]);
    expect((await list(archive, 'open')).map((r) => r.requestRecordId)).toEqual(['KZ-R-2']);
    expect((await list(archive, 'open', true)).map((r) => [r.requestRecordId, r.exercise])).toEqual([['KZ-X-1', true]]);
    expect(
      await archive.db.all('SELECT message_id, code FROM databank_flags WHERE message_id = ?', [wrong.row.messageId]),
    ).toEqual([{ message_id: wrong.row.messageId, code: 'ERR_REFERENCE_MISMATCH' }]);
    now = FIXTURE_TIME + 2 * Duration.hour;
    expect(await checker(archive).run()).toBe(2);
    expect((await sent(archive)).map((n) => n.exercise)).toEqual([true, true]);
    expect(await list(archive, 'overdue')).toEqual([]);
  });

  it('sends nothing while an answer archived in time waits for the projection', async () => {
    const request = requestOf('KZ', 1, 'KZ-R-1', ['RU'], { urgency: IMMEDIATE });
    const { archive, projection } = await world([request]);
    await commit(archive, [responseTo(request, 'RU', 2, ANSWERED)]);
    now = FIXTURE_TIME + 2 * Duration.hour;
    // The bank has not applied the answer: it knows the log only up to the request.
    expect((await list(archive, 'overdue')).length).toBe(1);
    expect(await checker(archive).run()).toBe(0);
    await projection.catchUp();
    expect(await checker(archive).run()).toBe(0);
    expect(await sent(archive)).toEqual([]);
  });

  it('raises an alarm naming the member that has not answered, and clears it when it answers', async () => {
    const request = requestOf('KZ', 1, 'KZ-R-1', ['RU'], { urgency: URGENT });
    const drill = requestOf('KZ', 2, 'KZ-X-1', ['RU'], { exercise: true });
    const { archive, projection } = await world([request, drill]);
    const alarms = async (requests: SlaDefaults | undefined) =>
      (
        await currentAlarms(archive.db, {
          members: MEMBERS,
          now,
          thresholds: {
            memberSilentMs: 400 * Duration.day,
            witnessStaleMs: 400 * Duration.day,
            anomalyWindowMs: Duration.day,
            purgeOverdueMs: undefined,
            requests,
          },
        })
      ).filter((a) => a.kind === AlarmKind.REQUEST_OVERDUE);
    now = FIXTURE_TIME + 8 * Duration.hour;
    expect(await alarms(SLA_DEFAULTS)).toEqual([]);
    now = FIXTURE_TIME + 9 * Duration.hour;
    const [alarm, ...more] = await alarms(SLA_DEFAULTS);
    expect(more).toEqual([]);
    expect(alarm).toMatchObject({ subject: 'RU', severity: 'warning', since: FIXTURE_TIME + 1 + 8 * Duration.hour });
    expect(alarm!.detail).toContain('RU has not answered 1 information request');
    expect(await alarms(undefined)).toEqual([]);
    // Past five days the exercise request is overdue too, and said so.
    now = FIXTURE_TIME + 6 * Duration.day;
    expect((await alarms(SLA_DEFAULTS))[0]!.detail).toContain(
      '2 information requests by their due time (1 of them exercise',
    );

    await commit(archive, [responseTo(request, 'RU', 3, ANSWERED), responseTo(drill, 'RU', 4, ANSWERED)]);
    await projection.catchUp();
    expect(await alarms(SLA_DEFAULTS)).toEqual([]);
  });
});

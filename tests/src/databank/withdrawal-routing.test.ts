// Withdrawals reach every copy, end to end over NATS on both archive engines: the gateway
// routes a RecordWithdrawal to every member that received any version of the record, whatever
// the originator named; the data bank tracks each member's purge until its PurgeAck, reports
// the overdue ones (gauge), refuses PurgeAcks that answer another record or a withdrawal the
// member never received, and rebuilds to the same bank.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dumpDatabank,
  listWithdrawals,
  openArchiveDb,
  withdrawal,
  type SqlDb,
  type WithdrawalView,
} from '@atc/gateway';
import { atc, Duration, PayloadType, type RefusalCode, type SignedEnvelope } from '@atc/shared';
import { fixtureRequest } from '@atc/shared/testing';
import {
  ARCHIVE_BACKENDS,
  expectRefusedOnWire,
  InboxWatcher,
  makeMessage,
  runGatewayCli,
  startFederationGateway,
  startTestFederation,
  waitFor,
  type GatewayFixture,
  type MemberWire,
  type TestArchiveLocation,
  type TestFederation,
} from '@atc/tests';

const { RECEIPT_STATUS_ACCEPTED: ACCEPTED } = atc.v1.ReceiptStatus;
const MEMBERS = ['KZ', 'BY', 'RU', 'UZ'];
/** A purge overdue after 3.6 s in the running gateway, so that its gauge moves within the test. */
const OVERDUE_HOURS = 0.001;

let fed: TestFederation;
let gw: GatewayFixture;
let wire: MemberWire;
let watcher: InboxWatcher;
let archive: TestArchiveLocation;
let db: SqlDb;
let seq = 100;
let records = 0;

/** A fresh fictitious record id of KZ. */
const newRecordId = (): string => `KZ-P-TEST${String(++records).padStart(4, '0')}`;

async function accepted(from: string, m: SignedEnvelope): Promise<atc.v1.Receipt> {
  await wire.submit(from, m.bytes, m.messageId);
  return watcher.receipt(from, m.messageId, ACCEPTED);
}

/** KZ sends version `version` of `recordId` to `to`; resolves once every recipient holds its copy. */
async function send(recordId: string, version: number, to: readonly string[], exercise = false): Promise<void> {
  const m = makeMessage({
    from: 'KZ',
    to,
    sequence: ++seq,
    payload: { ...fixtureRequest(PayloadType.PersonRecord, seq).payload, recordId, version },
    header: { exercise },
  });
  await accepted('KZ', m);
  for (const r of to)
    await waitFor(() => watcher.copies(r, m.messageId).length === 1, { message: `v${version} at ${r}` });
}

/** KZ's withdrawal of `recordId`, naming `to`. */
function withdrawalMessage(recordId: string, to: readonly string[], exercise = false): SignedEnvelope {
  return makeMessage({
    from: 'KZ',
    to,
    type: PayloadType.RecordWithdrawal,
    sequence: ++seq,
    payload: {
      ...fixtureRequest(PayloadType.RecordWithdrawal, seq).payload,
      recordId: `KZ-W-TEST${seq}`,
      target: { originator: 'KZ', recordId, version: 0 },
    },
    header: { exercise },
  });
}

/** Submits KZ's withdrawal; resolves to the recipients its ACCEPTED receipt names, once each holds its copy. */
async function withdraw(recordId: string, to: readonly string[], exercise = false) {
  const w = withdrawalMessage(recordId, to, exercise);
  const receipt = await accepted('KZ', w);
  for (const r of receipt.recipients) {
    await waitFor(() => watcher.copies(r, w.messageId).length === 1, { message: `withdrawal at ${r}` });
  }
  return { w, recipients: receipt.recipients };
}

/** `from`'s PurgeAck of `w`, naming `recordId` and `versions`. */
function purgeAck(from: string, w: SignedEnvelope, recordId: string, versions: readonly number[]): SignedEnvelope {
  return makeMessage({
    from,
    to: ['ATC'],
    type: PayloadType.PurgeAck,
    sequence: ++seq,
    payload: {
      withdrawalMessageId: w.messageId,
      originator: 'KZ',
      recordId,
      versions: [...versions],
      erasedAt: { seconds: Math.floor(Date.now() / 1000) },
      count: versions.length,
    },
  });
}

const expectRefused = (member: string, m: SignedEnvelope, code: RefusalCode): Promise<atc.v1.Receipt> =>
  expectRefusedOnWire({ gateway: gw, watcher, watched: MEMBERS }, member, m, code);

/** The bank's view of withdrawal `id` (24 h overdue delay, as of `now`), once `until` holds of it. */
async function bankWithdrawal(
  id: string,
  until: (w: WithdrawalView) => boolean = () => true,
  options: { now?: number; exercise?: boolean } = {},
): Promise<WithdrawalView> {
  return waitFor(
    async () => {
      const view = await withdrawal(db, id, {
        now: options.now ?? Date.now(),
        overdueMs: Duration.day,
        exercise: options.exercise === true,
      });
      return view !== undefined && until(view) ? view : false;
    },
    { timeoutMs: 20_000, intervalMs: 100, message: `the data bank's purge state of ${id}` },
  );
}

const states = (view: WithdrawalView) => view.members.map((m) => [m.member, m.state, m.versions]);

describe.each(ARCHIVE_BACKENDS)('withdrawals reaching every copy on $name', (backend) => {
  beforeAll(async () => {
    archive = await backend.create();
    fed = await startTestFederation({
      archive: archive.location,
      wire: true,
      gatewayEnv: { ATC_DATABANK_PURGE_OVERDUE_HOURS: String(OVERDUE_HOURS) },
    });
    ({ gateway: gw, wire } = fed);
    watcher = await InboxWatcher.start(wire, MEMBERS);
    db = await openArchiveDb(archive.location);
  });

  afterAll(async () => {
    await db?.close();
    await watcher?.stop();
    await fed?.close();
    await archive?.dispose();
  });

  it('routes a withdrawal naming only BY to BY and RU, which received v1 and v2, and tracks both purges until their PurgeAcks', async () => {
    const recordId = newRecordId();
    await send(recordId, 1, ['BY']);
    await send(recordId, 2, ['RU']);
    const { w, recipients } = await withdraw(recordId, ['BY']);
    expect(recipients).toEqual(['BY', 'RU']);
    expect(watcher.copies('KZ', w.messageId)).toHaveLength(0);
    expect(watcher.copies('UZ', w.messageId)).toHaveLength(0);

    const open = await bankWithdrawal(w.messageId);
    expect(open).toMatchObject({ originator: 'KZ', recordId, exercise: false, overdue: false });
    expect(states(open)).toEqual([
      ['BY', 'pending', [1]],
      ['RU', 'pending', [2]],
    ]);

    // The running gateway's delay is 3.6 s: both purges become overdue, and the gauge says so.
    await waitFor(async () => /^atc_databank_purges_overdue [1-9]/m.test(await (await gw.api('/metrics')).text()), {
      timeoutMs: 20_000,
      intervalMs: 250,
      message: 'the overdue purges gauge',
    });

    const byAck = purgeAck('BY', w, recordId, [1]);
    expect((await accepted('BY', byAck)).recipients).toEqual([]);
    const byPurged = await bankWithdrawal(w.messageId, (v) => v.counts.purged === 1);
    expect(byPurged.members[0]).toMatchObject({
      member: 'BY',
      state: 'purged',
      ackMessageId: byAck.messageId,
      erasedCount: 1,
      ackedVersions: [1],
    });

    // A day later RU's purge is overdue (24 h delay, injected clock); BY's is closed.
    const tomorrow = Date.now() + Duration.day + Duration.minute;
    const overdue = await listWithdrawals(db, { now: tomorrow, overdueMs: Duration.day, overdue: true });
    const listed = overdue.items.find((i) => i.messageId === w.messageId);
    expect(listed?.members.map((m) => [m.member, m.overdue])).toEqual([
      ['BY', false],
      ['RU', true],
    ]);

    // RU acknowledges v1 only, which it never received: kept, flagged, still open.
    const short = purgeAck('RU', w, recordId, [1]);
    await accepted('RU', short);
    const incomplete = await bankWithdrawal(w.messageId, (v) => v.counts.incomplete === 1, { now: tomorrow });
    expect(incomplete.members[1]).toMatchObject({ member: 'RU', state: 'incomplete', overdue: true });
    expect(await db.get('SELECT code FROM databank_flags WHERE message_id = ?', [short.messageId])).toEqual({
      code: 'ERR_PURGE_INCOMPLETE',
    });
    await accepted('RU', purgeAck('RU', w, recordId, [2]));
    const closed = await bankWithdrawal(w.messageId, (v) => v.counts.purged === 2, { now: tomorrow });
    expect(closed.overdue).toBe(false);
    const after = await listWithdrawals(db, { now: tomorrow, overdueMs: Duration.day, overdue: true });
    expect(after.items.map((i) => i.messageId)).not.toContain(w.messageId);
  }, 60_000);

  it('refuses PurgeAcks naming another record, from a member the withdrawal did not reach, or answering another member’s withdrawal', async () => {
    const [first, second] = [newRecordId(), newRecordId()];
    await send(first, 1, ['BY']);
    await send(second, 1, ['RU']);
    const { w: toBy } = await withdraw(first, ['BY']);
    const { w: toRu } = await withdraw(second, ['RU']);

    const otherRecord = purgeAck('BY', toBy, second, [1]);
    const notReached = purgeAck('UZ', toBy, first, [1]);
    const othersWithdrawal = purgeAck('BY', toRu, second, [1]);
    const fromOriginator = purgeAck('KZ', toBy, first, [1]);
    await wire.submit('BY', otherRecord.bytes, otherRecord.messageId);
    await wire.submit('UZ', notReached.bytes, notReached.messageId);
    await wire.submit('BY', othersWithdrawal.bytes, othersWithdrawal.messageId);
    await wire.submit('KZ', fromOriginator.bytes, fromOriginator.messageId);
    const mismatch = await expectRefused('BY', otherRecord, 'ERR_REFERENCE_MISMATCH');
    expect(mismatch.detail).toContain(first);
    const unknown = await expectRefused('UZ', notReached, 'ERR_REFERENCE_UNKNOWN');
    const others = await expectRefused('BY', othersWithdrawal, 'ERR_REFERENCE_UNKNOWN');
    await expectRefused('KZ', fromOriginator, 'ERR_REFERENCE_UNKNOWN');
    // One sentence whether the withdrawal went to others or not at all: nothing leaks.
    expect(others.detail.replace(toRu.messageId, '<id>').replace('BY', '<m>')).toBe(
      unknown.detail.replace(toBy.messageId, '<id>').replace('UZ', '<m>'),
    );
    // The purges stay open.
    expect(states(await bankWithdrawal(toBy.messageId))).toEqual([['BY', 'pending', [1]]]);
    expect(states(await bankWithdrawal(toRu.messageId))).toEqual([['RU', 'pending', [1]]]);
  }, 60_000);

  it('keeps exercise copies apart: an exercise withdrawal reaches the exercise holders only, and the reverse', async () => {
    const recordId = newRecordId();
    await send(recordId, 1, ['BY']);
    await send(recordId, 1, ['UZ'], true);
    const operational = await withdraw(recordId, ['BY']);
    expect(operational.recipients).toEqual(['BY']);
    const exercise = await withdraw(recordId, ['RU'], true);
    expect(exercise.recipients).toEqual(['RU', 'UZ']);
    const view = await bankWithdrawal(exercise.w.messageId, () => true, { exercise: true });
    expect(view.exercise).toBe(true);
    expect(states(view)).toEqual([
      ['RU', 'not_held', []],
      ['UZ', 'pending', [1]],
    ]);
    expect(await withdrawal(db, exercise.w.messageId, { now: Date.now(), overdueMs: Duration.day })).toBeUndefined();
  }, 60_000);

  it('routes a withdrawal to a suspended holder, named or not, and refuses naming a suspended member that holds no copy', async () => {
    const [first, second, notHeld] = [newRecordId(), newRecordId(), newRecordId()];
    await send(first, 1, ['RU', 'BY']);
    await send(second, 1, ['RU']);
    await send(notHeld, 1, ['BY']);
    const actor = { who: 'test', why: 'suspension during a withdrawal' };
    await gw.registry.setMemberStatus('RU', 'suspended', actor);
    try {
      // RU is suspended, yet holds copies: the withdrawals reach it, whether named or not.
      expect((await withdraw(first, ['BY'])).recipients).toEqual(['BY', 'RU']);
      expect((await withdraw(second, ['RU'])).recipients).toEqual(['RU']);
      const refused = withdrawalMessage(notHeld, ['BY', 'RU']);
      await wire.submit('KZ', refused.bytes, refused.messageId);
      expect((await expectRefused('KZ', refused, 'ERR_RECIPIENT_SUSPENDED')).detail).toContain('RU');
    } finally {
      await gw.registry.setMemberStatus('RU', 'active', actor);
    }
  }, 60_000);

  it('reaches members that received a version earlier in the same batch, and the rebuilt bank is the same', async () => {
    const recordIds = Array.from({ length: 8 }, () => newRecordId());
    for (const recordId of recordIds) await send(recordId, 1, ['BY']);
    // With the gateway stopped, each record's v2 (to UZ) and its withdrawal (naming BY) wait
    // in the submit stream: the next gateway takes them in a few batches, so some withdrawals
    // share their batch with the v2 they must reach.
    await gw.stop();
    const pairs = recordIds.map((recordId) => {
      const v2 = makeMessage({
        from: 'KZ',
        to: ['UZ'],
        sequence: ++seq,
        payload: { ...fixtureRequest(PayloadType.PersonRecord, seq).payload, recordId, version: 2 },
        header: { exercise: false },
      });
      return { recordId, v2, w: withdrawalMessage(recordId, ['BY']) };
    });
    for (const { v2, w } of pairs) {
      await wire.submit('KZ', v2.bytes, v2.messageId);
      await wire.submit('KZ', w.bytes, w.messageId);
    }
    const again = await startFederationGateway({
      nats: fed.nats,
      dataDir: gw.dataDir,
      archive: archive.location,
      env: { ATC_DATABANK_PURGE_OVERDUE_HOURS: String(OVERDUE_HOURS) },
    });
    try {
      let sameBatch = 0;
      for (const { v2, w } of pairs) {
        const receipt = await watcher.receipt('KZ', w.messageId, ACCEPTED);
        expect(receipt.recipients).toEqual(['BY', 'UZ']);
        // A batch signs one checkpoint: the same tree size in both receipts means one batch.
        const size = (r: atc.v1.Receipt) => r.checkpoint.split('\n')[1];
        if (size(receipt) === size(await watcher.receipt('KZ', v2.messageId, ACCEPTED))) sameBatch++;
        await waitFor(() => watcher.copies('UZ', w.messageId).length === 1, { message: 'withdrawal at UZ' });
        expect(states(await bankWithdrawal(w.messageId))).toEqual([
          ['BY', 'pending', [1]],
          ['UZ', 'pending', [2]],
        ]);
      }
      expect(sameBatch).toBeGreaterThan(0);
      await waitFor(async () => (await (await again.api('/readyz')).text()).includes('"lag 0 entries'), {
        timeoutMs: 20_000,
        message: 'the data bank caught up',
      });
    } finally {
      await again.stop();
    }

    const before = await dumpDatabank(db);
    expect(before['databank_withdrawals']!.length).toBeGreaterThanOrEqual(7);
    const rebuilt = await runGatewayCli({ ATC_DATA_DIR: gw.dataDir, ...archive.env }, [
      'databank',
      'rebuild',
      '--reason',
      'test: rebuild from the archive',
    ]);
    expect(rebuilt.code).toBe(0);
    expect(await dumpDatabank(db)).toEqual(before);
  }, 120_000);
});

// The data bank's purge tracking and the archive's record index, on both archive engines,
// with entries committed straight to the archive: who received which version, one purge
// row per member a withdrawal reached, PurgeAcks closing them (or flagged), overdue purges,
// the operators' listing, rebuild equality, and the index of an archive written before it.
import { describe, expect, it } from 'vitest';
import {
  batchWrite,
  countOverduePurges,
  DatabankProjection,
  dumpDatabank,
  listWithdrawals,
  withdrawal,
  type Archive,
} from '@atc/gateway';
import { atc, Duration, fromTimestamp, isAtcError, toTimestamp, uuidv7 } from '@atc/shared';
import { FIXTURE_TIME } from '@atc/shared/testing';
import { ARCHIVE_BACKENDS } from '@atc/tests';
import { bankArchives } from './bank-archives.js';
import { purgeAckOf, resultQuoting, version, withdrawalOf, type Routed } from './purge-rows.js';

const DAY = Duration.day;
/** The default overdue delay, 24 h. */
const OVERDUE = { overdueMs: DAY };

describe.each(ARCHIVE_BACKENDS)('withdrawals and purges in the data bank on $name', (backend) => {
  const open = bankArchives(backend);

  async function commit(archive: Archive, entries: readonly Routed[]): Promise<void> {
    await archive.committer.commit(
      batchWrite({ messages: entries.map((e) => e.row), deliveries: entries.flatMap((e) => e.deliveries) }),
    );
  }

  async function flags(archive: Archive): Promise<{ message_id: string; code: string }[]> {
    return archive.db.all('SELECT message_id, code FROM databank_flags ORDER BY leaf_index, code');
  }

  it('indexes every version with the message, and finds who received which', async () => {
    const archive = await open();
    await commit(archive, [
      version('KZ', 1, 'KZ-P-TEST0001', 1, ['BY']),
      version('KZ', 2, 'KZ-P-TEST0001', 2, ['RU', 'UZ']),
      version('KZ', 3, 'KZ-P-TEST0001', 1, ['UZ'], true),
      version('BY', 4, 'KZ-P-TEST0001', 1, ['KZ']),
    ]);
    const reader = archive.reader;
    const record = { originator: 'KZ', recordId: 'KZ-P-TEST0001', exercise: false };
    expect((await reader.recordDeliveries(record)).map((d) => [d.recipient, d.version, d.leafIndex])).toEqual([
      ['BY', 1, 0],
      ['RU', 2, 1],
      ['UZ', 2, 1],
    ]);
    // Before a leaf: what had been routed by then. Exercise and other originators apart.
    expect((await reader.recordDeliveries(record, 1)).map((d) => d.recipient)).toEqual(['BY']);
    expect((await reader.recordDeliveries({ ...record, exercise: true })).map((d) => d.recipient)).toEqual(['UZ']);
    expect((await reader.recordDeliveries({ ...record, originator: 'BY' })).map((d) => d.recipient)).toEqual(['KZ']);
    expect(await reader.recordDeliveries({ ...record, recordId: 'KZ-P-TEST9999' })).toEqual([]);
    expect(await archive.store.recordDeliveries('KZ', 'KZ-P-TEST0001', false)).toHaveLength(3);
  });

  it('completes a withdrawal’s routing at commit with the holders of versions committed after its checks', async () => {
    const archive = await open();
    await commit(archive, [version('KZ', 1, 'KZ-P-TEST0001', 1, ['BY'])]);
    // A withdrawal checked while the archive held v1 only (to BY); meanwhile another replica
    // committed v2 to RU: the commit, under the write lock, routes the withdrawal to RU too.
    const w = withdrawalOf('KZ', 3, 'KZ-P-TEST0001', ['BY']);
    await commit(archive, [version('KZ', 2, 'KZ-P-TEST0001', 2, ['RU'])]);
    const committed = await archive.committer.commit(
      batchWrite({
        messages: [w.row],
        deliveries: w.deliveries,
        receipts: [
          {
            receiptId: uuidv7(),
            member: 'KZ',
            messageId: w.row.messageId,
            status: 'accepted',
            recipients: ['BY'],
            envelopeSha256: w.row.envelopeSha256,
          },
        ],
      }),
    );
    expect([...committed.addedRecipients]).toEqual([[w.row.messageId, ['RU']]]);
    const receipt = atc.v1.Receipt.decode(atc.v1.Envelope.decode(committed.receipts[0]!.envelope).payload);
    expect(receipt.recipients).toEqual(['BY', 'RU']);
    expect((await archive.store.deliveriesOf(w.row.messageId)).map((d) => [d.recipient, d.state])).toEqual([
      ['BY', 'pending'],
      ['RU', 'pending'],
    ]);
    // Nothing to add when the pipeline saw every holder; other messages are left alone.
    const again = withdrawalOf('KZ', 4, 'KZ-P-TEST0001', ['BY', 'RU']);
    const plain = version('KZ', 5, 'KZ-P-TEST0003', 1, ['UZ']);
    const next = await archive.committer.commit(
      batchWrite({ messages: [again.row, plain.row], deliveries: [...again.deliveries, ...plain.deliveries] }),
    );
    expect(next.addedRecipients.size).toBe(0);
  });

  it('indexes an archive written before the index existed when it is opened, once', async () => {
    const first = await open();
    const entries = Array.from({ length: 30 }, (_, i) =>
      version(i % 2 === 0 ? 'KZ' : 'BY', i + 1, `R-TEST${i % 4}`, 1 + (i % 3), ['RU']),
    );
    await commit(first, entries.slice(0, 20));
    await commit(first, [withdrawalOf('KZ', 40, 'R-TEST0', ['RU']), ...entries.slice(20)]);
    const index = () =>
      first.db.all('SELECT * FROM record_messages ORDER BY leaf_index').then((rows) => JSON.stringify(rows));
    const before = await index();
    expect(JSON.parse(before)).toHaveLength(30); // the withdrawal is no record of its own
    // As a gateway before migration 7 left it: no index, its whole log to backfill.
    await first.db.run('DELETE FROM record_messages');
    await first.db.run("UPDATE gateway_state SET value = 31 WHERE key = 'record_index_end'");
    await first.db.run("UPDATE gateway_state SET value = 0 WHERE key = 'record_index_next'");
    await open();
    expect(await index()).toBe(before);
    // Done once: opening again reads nothing more.
    expect(await first.db.get("SELECT value FROM gateway_state WHERE key = 'record_index_next'")).toEqual({
      value: 31,
    });
    await open();
    expect(await index()).toBe(before);
  });

  it('records the copies that search answers quoted before quotes were recorded, routes them the withdrawals they missed and tracks their purges, once', async () => {
    const first = await open();
    const v1 = version('KZ', 1, 'KZ-P-TEST0001', 1, ['BY']);
    const v2 = version('KZ', 2, 'KZ-P-TEST0002', 1, ['BY']);
    const v3 = version('KZ', 3, 'KZ-P-TEST0003', 1, ['BY']);
    const drill = version('KZ', 4, 'KZ-P-TEST0001', 1, ['BY'], true);
    // Archived as a gateway before migration 20 did: the answers without their quotes, a
    // withdrawal of a quoted record routed to the members it was delivered to only, and one
    // that named the asker, which held no copy as far as the archive knew.
    const toRu = resultQuoting(5, 'RU', [v1, v2, v3]);
    const toUz = resultQuoting(6, 'UZ', [drill], true);
    const w1 = withdrawalOf('KZ', 7, 'KZ-P-TEST0001', ['BY']);
    const w2 = withdrawalOf('KZ', 8, 'KZ-P-TEST0002', ['BY', 'RU']);
    await commit(first, [v1, v2, v3, drill, toRu, toUz, w1, w2]);
    expect(await first.db.all('SELECT * FROM record_quotes')).toEqual([]);
    await first.db.run("UPDATE gateway_state SET value = 8 WHERE key = 'quote_index_end'");
    await first.db.run("UPDATE gateway_state SET value = 0 WHERE key = 'quote_index_next'");
    // The bank applied both withdrawals then.
    const projection = new DatabankProjection(first.db, first.reader);
    await projection.catchUp();
    const purges = (w: Routed) =>
      first.db
        .all<{ member: string; versions: string; state: string; routed_at: number }>(
          'SELECT member, versions, state, routed_at FROM databank_purges WHERE withdrawal_message_id = ? ORDER BY member',
          [w.row.messageId],
        )
        .then((rows) => rows.map((r) => [r.member, r.versions, r.state, r.routed_at]));
    expect(await purges(w1)).toEqual([['BY', '[1]', 'pending', w1.row.archivedAt]]);
    expect(await purges(w2)).toEqual([
      ['BY', '[1]', 'pending', w2.row.archivedAt],
      ['RU', '[]', 'not_held', w2.row.archivedAt],
    ]);

    await open();
    const quotes = () =>
      first.db
        .all<{ message_id: string; recipient: string; result_message_id: string }>(
          'SELECT message_id, recipient, result_message_id FROM record_quotes ORDER BY recipient, message_id',
        )
        .then((rows) => rows.map((r) => [r.message_id, r.recipient, r.result_message_id]));
    // The restricted hit quotes nothing; the exercise answer quotes the exercise version.
    expect(await quotes()).toEqual(
      [
        [v1.row.messageId, 'RU', toRu.row.messageId],
        [v2.row.messageId, 'RU', toRu.row.messageId],
        [v3.row.messageId, 'RU', toRu.row.messageId],
        [drill.row.messageId, 'UZ', toUz.row.messageId],
      ].sort((a, b) => a[1]!.localeCompare(b[1]!) || a[0]!.localeCompare(b[0]!)),
    );
    // The withdrawal RU missed goes to it now; UZ's exercise copy is another namespace's record.
    expect((await first.store.deliveriesOf(w1.row.messageId)).map((d) => [d.recipient, d.state])).toEqual([
      ['BY', 'pending'],
      ['RU', 'pending'],
    ]);
    // The bank tracks RU's purges as it would have: a new one, and one it held nothing for.
    expect(await purges(w1)).toEqual([
      ['BY', '[1]', 'pending', w1.row.archivedAt],
      ['RU', '[1]', 'pending', w1.row.archivedAt],
    ]);
    expect(await purges(w2)).toEqual([
      ['BY', '[1]', 'pending', w2.row.archivedAt],
      ['RU', '[1]', 'pending', w2.row.archivedAt],
    ]);
    // As a rebuild of the bank gives.
    const bank = await dumpDatabank(first.db);
    await projection.clear();
    await projection.catchUp();
    expect(await dumpDatabank(first.db)).toEqual(bank);
    // A withdrawal of the third quoted record reaches RU at commit, as any holder.
    const w3 = withdrawalOf('KZ', 9, 'KZ-P-TEST0003', ['BY']);
    const committed = await first.committer.commit(batchWrite({ messages: [w3.row], deliveries: w3.deliveries }));
    expect([...committed.addedRecipients]).toEqual([[w3.row.messageId, ['RU']]]);
    expect(
      (await first.reader.recordDeliveries({ originator: 'KZ', recordId: 'KZ-P-TEST0001', exercise: true })).map(
        (d) => d.recipient,
      ),
    ).toEqual(['BY', 'UZ']);

    // Done once: opening again reads nothing more and writes nothing twice.
    expect(await first.db.get("SELECT value FROM gateway_state WHERE key = 'quote_index_next'")).toEqual({ value: 8 });
    const before = JSON.stringify(await quotes());
    await first.db.run("UPDATE deliveries SET state = 'routed' WHERE message_id = ?", [w1.row.messageId]);
    await open();
    expect(JSON.stringify(await quotes())).toBe(before);
    expect((await first.store.deliveriesOf(w1.row.messageId)).map((d) => d.state)).toEqual(['routed', 'routed']);
  });

  it('keeps one purge per member reached with the versions it received, closes it with a covering PurgeAck, flags the others', async () => {
    const archive = await open();
    const v1 = version('KZ', 1, 'KZ-P-TEST0001', 1, ['BY']);
    const v2 = version('KZ', 2, 'KZ-P-TEST0001', 2, ['RU', 'BY']);
    // Routed to BY and RU (the holders) and UZ (named, holding nothing).
    const w = withdrawalOf('KZ', 3, 'KZ-P-TEST0001', ['BY', 'RU', 'UZ']);
    const byAck = purgeAckOf('BY', 4, w, 'KZ-P-TEST0001', [1, 2]);
    const ruShort = purgeAckOf('RU', 5, w, 'KZ-P-TEST0001', [1]); // RU received v2
    const ruOther = purgeAckOf('RU', 6, w, 'KZ-P-TEST0002', [2]); // another record
    const kzAck = purgeAckOf('KZ', 7, w, 'KZ-P-TEST0001', [1, 2]); // the sender was never routed its withdrawal
    const byAgain = purgeAckOf('BY', 8, w, 'KZ-P-TEST0001', [2]); // after the purge closed: changes nothing
    await commit(archive, [v1, v2, w, byAck, ruShort, ruOther, kzAck, byAgain]);
    const projection = new DatabankProjection(archive.db, archive.reader);
    await projection.catchUp();

    const id = w.row.messageId;
    const view = await withdrawal(archive.db, id, { now: FIXTURE_TIME + 3, ...OVERDUE });
    expect(view).toMatchObject({
      messageId: id,
      exercise: false,
      originator: 'KZ',
      recordId: 'KZ-P-TEST0001',
      reason: 'WITHDRAWAL_REASON_INACCURATE',
      overdue: false,
      counts: { pending: 0, incomplete: 1, purged: 1, notHeld: 1, overdue: 0 },
    });
    expect(view!.members).toEqual([
      {
        member: 'BY',
        state: 'purged',
        overdue: false,
        versions: [1, 2],
        routedAt: new Date(FIXTURE_TIME + 3).toISOString(),
        ackMessageId: byAck.row.messageId,
        ackedAt: new Date(FIXTURE_TIME + 4).toISOString(),
        erasedAt: new Date(fromTimestamp(toTimestamp(FIXTURE_TIME + 4))!).toISOString(),
        erasedCount: 2,
        ackedVersions: [1, 2],
      },
      expect.objectContaining({ member: 'RU', state: 'incomplete', versions: [2], ackedVersions: [1] }),
      expect.objectContaining({ member: 'UZ', state: 'not_held', versions: [], ackMessageId: null }),
    ]);
    expect(await flags(archive)).toEqual([
      { message_id: ruShort.row.messageId, code: 'ERR_PURGE_INCOMPLETE' },
      { message_id: ruOther.row.messageId, code: 'ERR_REFERENCE_MISMATCH' },
      { message_id: kzAck.row.messageId, code: 'ERR_REFERENCE_UNKNOWN' },
    ]);

    // An incomplete purge is still open: overdue 24 h after routing, until a covering ack.
    const late = { now: FIXTURE_TIME + 3 + DAY, ...OVERDUE };
    expect(await countOverduePurges(archive.db, late)).toBe(1);
    expect(await countOverduePurges(archive.db, { ...late, now: late.now - 1 })).toBe(0);
    expect((await withdrawal(archive.db, id, late))!.members.find((m) => m.member === 'RU')?.overdue).toBe(true);
    await commit(archive, [purgeAckOf('RU', 9, w, 'KZ-P-TEST0001', [2])]);
    await projection.catchUp();
    expect(await countOverduePurges(archive.db, late)).toBe(0);
    expect((await withdrawal(archive.db, id, late))!.counts).toEqual({
      pending: 0,
      incomplete: 0,
      purged: 2,
      notHeld: 1,
      overdue: 0,
    });

    // The record left the current view; a rebuild gives the same bank, purges included.
    const before = await dumpDatabank(archive.db);
    expect(before['databank_purges']).toHaveLength(3);
    await projection.clear();
    await projection.catchUp();
    expect(await dumpDatabank(archive.db)).toEqual(before);
  });

  it('lists withdrawals newest first in pages, filters the overdue ones, keeps the exercise namespace apart', async () => {
    const archive = await open();
    const entries: Routed[] = [];
    for (let i = 0; i < 5; i++) entries.push(version('KZ', 10 + i, `KZ-P-TEST000${i}`, 1, ['BY']));
    const ws = [0, 1, 2, 3].map((i) => withdrawalOf('KZ', 20 + i, `KZ-P-TEST000${i}`, ['BY']));
    const exercise = [
      version('KZ', 30, 'KZ-P-TEST0004', 1, ['RU'], true),
      withdrawalOf('KZ', 31, 'KZ-P-TEST0004', ['RU'], true),
    ];
    await commit(archive, [...entries, ...ws, ...exercise, purgeAckOf('BY', 40, ws[1]!, 'KZ-P-TEST0001', [1])]);
    await new DatabankProjection(archive.db, archive.reader).catchUp();

    const now = { now: FIXTURE_TIME + 100, ...OVERDUE };
    const first = await listWithdrawals(archive.db, { ...now, limit: 3 });
    expect(first.items.map((w) => w.messageId)).toEqual([ws[3], ws[2], ws[1]].map((w) => w!.row.messageId));
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await listWithdrawals(archive.db, { ...now, limit: 3, cursor: first.nextCursor! });
    expect(second.items.map((w) => w.messageId)).toEqual([ws[0]!.row.messageId]);
    expect(second.nextCursor).toBeNull();
    expect((await listWithdrawals(archive.db, now)).items).toHaveLength(4);

    // Overdue: the three BY has not acknowledged, a day after routing.
    expect((await listWithdrawals(archive.db, { ...now, overdue: true })).items).toEqual([]);
    const late = { now: FIXTURE_TIME + 23 + DAY, ...OVERDUE, overdue: true };
    const overdue = await listWithdrawals(archive.db, late);
    expect(overdue.items.map((w) => w.messageId)).toEqual([ws[3], ws[2], ws[0]].map((w) => w!.row.messageId));
    expect(overdue.items.every((w) => w.overdue && w.counts.overdue === 1)).toBe(true);
    const paged = await listWithdrawals(archive.db, { ...late, limit: 2 });
    expect(
      (await listWithdrawals(archive.db, { ...late, limit: 2, cursor: paged.nextCursor! })).items.map(
        (w) => w.messageId,
      ),
    ).toEqual([ws[0]!.row.messageId]);

    // The exercise withdrawal lives in its own namespace, with the exercise copy's purge.
    const ex = await listWithdrawals(archive.db, { ...now, exercise: true });
    expect(ex.items).toHaveLength(1);
    expect(ex.items[0]).toMatchObject({ exercise: true, recordId: 'KZ-P-TEST0004' });
    expect(ex.items[0]!.members.map((m) => [m.member, m.state, m.versions])).toEqual([['RU', 'pending', [1]]]);
    const exId = exercise[1]!.row.messageId;
    expect(await withdrawal(archive.db, exId, now)).toBeUndefined();
    expect(await withdrawal(archive.db, exId, { ...now, exercise: true })).toMatchObject({ exercise: true });
    expect(await withdrawal(archive.db, ws[0]!.row.messageId, { ...now, exercise: true })).toBeUndefined();
    expect(JSON.parse(JSON.stringify(first))).toEqual(first);
  });

  it('refuses a cursor it did not return (ERR_CURSOR_INVALID) and a limit outside 1..500 (ERR_QUERY_INVALID)', async () => {
    const archive = await open();
    const now = { now: FIXTURE_TIME, ...OVERDUE };
    for (const query of [
      { cursor: 'not-a-cursor' },
      { cursor: Buffer.from('w1.-4').toString('base64url') },
      { cursor: Buffer.from('w1.99999999999999999999').toString('base64url') },
      { cursor: '' },
      { cursor: '%%%' },
      { limit: 0 },
      { limit: 501 },
      { limit: 2.5 },
    ]) {
      const refused = await listWithdrawals(archive.db, { ...now, ...query }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isAtcError(refused) ? refused.code : refused, JSON.stringify(query)).toBe(
        'cursor' in query ? 'ERR_CURSOR_INVALID' : 'ERR_QUERY_INVALID',
      );
    }
    expect(await listWithdrawals(archive.db, { ...now, limit: 500 })).toEqual({ items: [], nextCursor: null });
  });
});

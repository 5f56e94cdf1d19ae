// Review dates in the data bank (DESIGN.md section 9 "Review"): each record keeps the review
// date of its current version; the current view leaves out records past it; a version that
// arrives past its date is history only, flagged; operators list what is due per originator.
import { afterEach, describe, expect, it } from 'vitest';
import {
  batchWrite,
  currentView,
  DatabankProjection,
  dumpDatabank,
  isCurrent,
  openArchive,
  reviewDueList,
  type Archive,
} from '@atc/gateway';
import { AtcError, ErrorCode, generateKeyPair } from '@atc/shared';
import { FIXTURE_TIME } from '@atc/shared/testing';
import { ARCHIVE_BACKENDS, type TestArchiveLocation } from '@atc/tests';
import { withdrawal } from './bank-rows.js';
import { day, reviewed } from './review-rows.js';

describe.each(ARCHIVE_BACKENDS)('review dates in the data bank on $name', (backend) => {
  let location: TestArchiveLocation | undefined;
  let archive: Archive | undefined;
  afterEach(async () => {
    await archive?.close();
    archive = undefined;
    await location?.dispose();
    location = undefined;
  });

  async function open(): Promise<Archive> {
    location = await backend.create();
    archive = await openArchive({
      location: location.location,
      gatewayId: 'ATC',
      logOrigin: 'atc-exchange/test',
      key: generateKeyPair(),
      clock: () => FIXTURE_TIME,
    });
    return archive;
  }

  async function project(a: Archive, rows: Parameters<typeof batchWrite>[0]['messages']): Promise<DatabankProjection> {
    await a.committer.commit(batchWrite({ messages: rows ?? [] }));
    const projection = new DatabankProjection(a.db, a.reader);
    await projection.catchUp();
    return projection;
  }

  /** Record ids in the current view at `now`, through the one definition of it. */
  async function current(a: Archive, now: number): Promise<string[]> {
    const view = currentView('r', now);
    const rows = await a.db.all<{ record_id: string }>(
      `SELECT r.record_id FROM databank_records r WHERE r.exercise = ? AND ${view.where} ORDER BY r.record_id`,
      [0, ...view.params],
    );
    return rows.map((r) => r.record_id);
  }

  async function reviewBy(a: Archive, recordId: string): Promise<number | null | undefined> {
    return (
      await a.db.get<{ review_by: number | null }>(
        "SELECT review_by FROM databank_records WHERE exercise = 0 AND originator = 'KZ' AND record_id = ?",
        [recordId],
      )
    )?.review_by;
  }

  it('keeps the current version review date: past it the record leaves the current view, a later date brings it back, none clears it', async () => {
    const a = await open();
    await project(a, [reviewed('KZ', 1, 'KZ-P-1', 1, day(10)), reviewed('KZ', 2, 'KZ-P-2', 1, null)]);
    expect(await reviewBy(a, 'KZ-P-1')).toBe(day(10));
    expect(await reviewBy(a, 'KZ-P-2')).toBeNull();
    expect(await current(a, day(5))).toEqual(['KZ-P-1', 'KZ-P-2']);
    // At the review date itself the record has expired.
    expect(await current(a, day(10))).toEqual(['KZ-P-2']);
    expect(await current(a, day(11))).toEqual(['KZ-P-2']);

    // A newer version with a later date extends it; an older one arriving late changes nothing.
    await project(a, [reviewed('KZ', 3, 'KZ-P-1', 3, day(40)), reviewed('KZ', 4, 'KZ-P-1', 2, day(12))]);
    expect(await reviewBy(a, 'KZ-P-1')).toBe(day(40));
    expect(await current(a, day(11))).toEqual(['KZ-P-1', 'KZ-P-2']);
    expect(await current(a, day(41))).toEqual(['KZ-P-2']);

    // A newer version without a date clears it: current for good (until withdrawn).
    await project(a, [reviewed('KZ', 5, 'KZ-P-1', 4, null)]);
    expect(await reviewBy(a, 'KZ-P-1')).toBeNull();
    expect(await current(a, day(10_000))).toEqual(['KZ-P-1', 'KZ-P-2']);

    await project(a, [withdrawal('KZ', 6, 'KZ', 'KZ-P-2')]);
    expect(await current(a, day(1))).toEqual(['KZ-P-1']);

    expect(isCurrent({ withdrawn: 0, review_by: day(10) }, day(9))).toBe(true);
    expect(isCurrent({ withdrawn: 0, review_by: day(10) }, day(10))).toBe(false);
    expect(isCurrent({ withdrawn: 0, review_by: null }, day(10))).toBe(true);
    expect(isCurrent({ withdrawn: 1, review_by: null }, day(0))).toBe(false);
    expect(() => currentView('r; DROP TABLE x', 0)).toThrow(/not an SQL alias/);
  });

  it('keeps a version that arrives past its review date in history, flagged ERR_REVIEW_DATE_PASSED, never current', async () => {
    const a = await open();
    const rows = [
      reviewed('KZ', 1, 'KZ-P-1', 1, FIXTURE_TIME - 1), // a new record already expired on arrival
      reviewed('KZ', 2, 'KZ-P-2', 1, day(30)),
      reviewed('KZ', 3, 'KZ-P-2', 2, FIXTURE_TIME), // a newer version expired on arrival: v1 stays current
      reviewed('KZ', 4, 'KZ-P-3', 1, FIXTURE_TIME + 5), // archived at FIXTURE_TIME + 4: still in date
    ];
    const projection = await project(a, rows);
    expect(
      await a.db.all(
        'SELECT record_id, current_version, review_by FROM databank_records WHERE exercise = 0 ORDER BY record_id',
      ),
    ).toEqual([
      { record_id: 'KZ-P-2', current_version: 1, review_by: day(30) },
      { record_id: 'KZ-P-3', current_version: 1, review_by: FIXTURE_TIME + 5 },
    ]);
    expect(await a.db.all('SELECT record_id, version FROM databank_versions ORDER BY leaf_index')).toEqual([
      { record_id: 'KZ-P-1', version: 1 },
      { record_id: 'KZ-P-2', version: 1 },
      { record_id: 'KZ-P-2', version: 2 },
      { record_id: 'KZ-P-3', version: 1 },
    ]);
    const flags = await a.db.all<{ message_id: string; code: string; detail: string }>(
      'SELECT message_id, code, detail FROM databank_flags ORDER BY leaf_index',
    );
    expect(flags.map((f) => [f.message_id, f.code])).toEqual([
      [rows[0]!.messageId, ErrorCode.REVIEW_DATE_PASSED],
      [rows[2]!.messageId, 'ERR_REVIEW_DATE_PASSED'],
    ]);
    expect(flags[1]!.detail).toBe(`KZ/KZ-P-2 v2 review by ${new Date(FIXTURE_TIME).toISOString()}`);

    // The review dates and flags are the archive's: a rebuild gives the same bank.
    const incremental = await dumpDatabank(a.db);
    await projection.clear();
    await projection.catchUp();
    expect(await dumpDatabank(a.db)).toEqual(incremental);
  });

  it('lists the records due for review within N days and past due, per originator and namespace', async () => {
    const a = await open();
    const rows = [
      reviewed('KZ', 1, 'KZ-P-late', 1, day(3)), // past due at day 5
      reviewed('KZ', 2, 'KZ-P-soon', 1, day(15)),
      reviewed('KZ', 3, 'KZ-P-later', 1, day(60)), // outside 30 days
      reviewed('KZ', 4, 'KZ-P-none', 1, null),
      reviewed('BY', 5, 'BY-P-1', 2, day(20)),
      reviewed('KZ', 6, 'KZ-X-1', 1, day(8), { exercise: true }),
      reviewed('UZ', 7, 'UZ-P-gone', 1, day(9)),
      withdrawal('UZ', 8, 'UZ', 'UZ-P-gone'), // withdrawn: never due
    ];
    await project(a, rows);
    const list = await reviewDueList(a.db, { now: day(5), withinDays: 30 });
    expect(list).toMatchObject({
      exercise: false,
      withinDays: 30,
      truncated: false,
      at: new Date(day(5)).toISOString(),
    });
    expect(list.originators).toEqual([
      {
        originator: 'BY',
        dueSoon: 1,
        pastDue: 0,
        records: [
          {
            recordId: 'BY-P-1',
            recordType: 'atc.v1.PersonRecord',
            version: 2,
            messageId: rows[4]!.messageId,
            reviewBy: new Date(day(20)).toISOString(),
            pastDue: false,
            noticeMessageId: null,
          },
        ],
      },
      {
        originator: 'KZ',
        dueSoon: 1,
        pastDue: 1,
        records: [
          expect.objectContaining({ recordId: 'KZ-P-late', pastDue: true }) as unknown,
          expect.objectContaining({ recordId: 'KZ-P-soon', pastDue: false }) as unknown,
        ],
      },
    ]);
    const kz = await reviewDueList(a.db, { now: day(5), withinDays: 60, originator: 'KZ' });
    expect(kz.originators.map((o) => o.records.map((r) => r.recordId))).toEqual([
      ['KZ-P-late', 'KZ-P-soon', 'KZ-P-later'],
    ]);
    const exercise = await reviewDueList(a.db, { now: day(5), withinDays: 30, exercise: true });
    expect(exercise.exercise).toBe(true);
    expect(exercise.originators.flatMap((o) => o.records.map((r) => r.recordId))).toEqual(['KZ-X-1']);
    const limited = await reviewDueList(a.db, { now: day(5), withinDays: 30, limit: 2 });
    expect(limited.truncated).toBe(true);
    expect(limited.originators.flatMap((o) => o.records).length).toBe(2);

    for (const bad of [
      { withinDays: -1 },
      { withinDays: 1.5 },
      { withinDays: 3651 },
      { withinDays: Number.NaN },
      { withinDays: 30, limit: 0 },
      { withinDays: 30, limit: 5001 },
    ]) {
      const error = await reviewDueList(a.db, { now: day(5), ...bad }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AtcError);
      expect((error as AtcError).code).toBe(ErrorCode.QUERY_INVALID);
    }
  });
});

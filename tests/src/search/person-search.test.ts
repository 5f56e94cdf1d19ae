// The data bank's person search index and engine (DESIGN.md "Search"): the projection keeps a
// profile and retrieval tokens per current person record, replaces them with each new version,
// drops them on withdrawal, leaves records past their review date out, keeps the exercise and
// operational namespaces apart, and a rebuild gives the same index. Both archive engines.
import { describe, expect, it } from 'vitest';
import {
  BankPersonSearcher,
  batchWrite,
  DatabankProjection,
  MAX_CANDIDATES,
  dumpDatabank,
  type ArchivedMessageRow,
} from '@atc/gateway';
import { atc, AtcError, ErrorCode, RefusalCode } from '@atc/shared';
import { FIXTURE_TIME } from '@atc/shared/testing';
import { ARCHIVE_BACKENDS } from '@atc/tests';
import { bankArchives } from '../databank/bank-archives.js';
import { searchPersonRow, searchWithdrawalRow, typedName } from './search-rows.js';

const PASSPORT = atc.v1.DocumentType.DOCUMENT_TYPE_PASSPORT;
const OPERATIONAL = { exercise: false, limit: 10 };

function query(spec: string, extra: Partial<atc.v1.DataBankQuery.$Properties> = {}): atc.v1.DataBankQuery.$Properties {
  return { names: [typedName('Latn', spec)], ...extra };
}

describe.each(ARCHIVE_BACKENDS)('person search on $name', (backend) => {
  const openArchive = bankArchives(backend);
  async function open(now = FIXTURE_TIME + 1_000_000) {
    const archive = await openArchive();
    const projection = new DatabankProjection(archive.db, archive.reader);
    const searcher = new BankPersonSearcher(archive.db, () => now);
    const project = async (rows: ArchivedMessageRow[]) => {
      await archive.committer.commit(batchWrite({ messages: rows }));
      await projection.catchUp();
    };
    const ids = async (q: atc.v1.DataBankQuery.$Properties, options = OPERATIONAL) =>
      (await searcher.search(q, options)).matches.map((m) => `${m.originator}/${m.recordId} v${m.version}`);
    return { archive, projection, searcher, project, ids };
  }

  it('finds one person across Cyrillic, Uzbek Latin and an ICAO passport spelling, with reasons', async () => {
    const { project, searcher, ids } = await open();
    await project([
      searchPersonRow('RU', 1, 'RU-P-1', 1, {
        names: [typedName('Cyrl', 'f:Абдуллаев g:Хуршид p:Тестович')],
        dateOfBirth: { year: 1988, month: 3, day: 14 },
        sex: atc.v1.Sex.SEX_MALE,
        nationalities: ['UZ'],
        documents: [{ type: PASSPORT, number: 'TEST 1234', issuingCountry: 'UZ' }],
      }),
      searchPersonRow('UZ', 2, 'UZ-P-1', 1, {
        names: [typedName('Latn', 'f:Abdullayev g:Xurshid')],
        dateOfBirth: { year: 1988, month: 3 },
      }),
      // Another person: another family name.
      searchPersonRow('KZ', 3, 'KZ-P-1', 1, { names: [typedName('Cyrl', 'f:Примеров g:Хуршид')] }),
    ]);
    const result = await searcher.search(
      query('f:ABDULLAEV g:KHURSHID', { dateOfBirth: { year: 1988, month: 3, day: 14 } }),
      OPERATIONAL,
    );
    expect(result.matches.map((m) => m.recordId)).toEqual(['RU-P-1', 'UZ-P-1']);
    const [ru, uz] = result.matches;
    expect(ru).toMatchObject({ originator: 'RU', version: 1, subjectId: expect.stringMatching(/^S-/) as string });
    expect(ru!.messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(ru!.reasons).toEqual([
      'family name via ICAO key ABDULLAEV',
      'given name via ICAO key KHURSHID',
      'date of birth equal',
    ]);
    expect(uz!.reasons).toEqual([
      'family name via skeleton abdulaev',
      'given name via skeleton hurshid',
      'date of birth agrees as far as known (1988-03)',
    ]);
    expect(ru!.score).toBeGreaterThan(uz!.score);
    expect(result.truncated).toBe(false);

    // An old French-style spelling, order swapped and untyped, a one-letter typo.
    expect(await ids({ names: [typedName('Latn', 'u:Khourchid u:Abdoullaev')] })).toEqual([
      'RU/RU-P-1 v1',
      'UZ/UZ-P-1 v1',
    ]);
    expect(await ids(query('f:Abdulaeb g:Khurshid'))).toEqual(['RU/RU-P-1 v1', 'UZ/UZ-P-1 v1']);
    // Both parts misspelt: no key or skeleton is equal, the vocabulary's trigrams find them.
    const typos = await searcher.search(query('f:Abdulaeb g:Khurzhid'), OPERATIONAL);
    expect(typos.matches.map((m) => m.recordId)).toEqual(['RU-P-1', 'UZ-P-1']);
    expect(typos.matches[0]!.reasons).toEqual([
      'family name close to abdulaev (0.95)',
      'given name close to KHURSHID (0.95)',
    ]);
    // By document number alone, however it is spaced.
    const byDoc = await searcher.search({ documents: [{ number: 'test-1234' }] }, OPERATIONAL);
    expect(byDoc.matches.map((m) => m.recordId)).toEqual(['RU-P-1']);
    expect(byDoc.matches[0]!.reasons).toEqual(['document PASSPORT TEST1234 UZ equal']);
    // A limit of one: the best, and truncated.
    const one = await searcher.search(query('f:Abdullaev g:Khurshid'), { exercise: false, limit: 1 });
    expect(one.matches).toHaveLength(1);
    expect(one.truncated).toBe(true);
    // Nobody by that name.
    expect(await ids(query('f:Nesuschestvuyushchiy g:Testovik'))).toEqual([]);
  });

  it("replaces a record's tokens with each new version, drops them on withdrawal, and rebuilds the same", async () => {
    const { project, projection, archive, ids } = await open();
    await project([
      searchPersonRow('KZ', 1, 'KZ-P-1', 1, { names: [typedName('Latn', 'f:Testov g:Ivan')] }),
      searchPersonRow('KZ', 2, 'KZ-P-2', 1, { names: [typedName('Latn', 'f:Primerova g:Anna')] }),
    ]);
    expect(await ids(query('f:Testov g:Ivan'))).toEqual(['KZ/KZ-P-1 v1']);
    const tokensOf = async (recordId: string) =>
      (
        await archive.db.all<{ token: string }>(
          'SELECT token FROM databank_search_tokens WHERE record_id = ? ORDER BY token',
          [recordId],
        )
      ).map((r) => r.token);
    expect(await tokensOf('KZ-P-1')).toContain('testov');

    // Version 2 renames the person: the old name no longer finds it, the new one does.
    await project([searchPersonRow('KZ', 3, 'KZ-P-1', 2, { names: [typedName('Latn', 'f:Obraztsov g:Ivan')] })]);
    expect(await ids(query('f:Testov g:Ivan'))).toEqual([]);
    expect(await ids(query('f:Obraztsov g:Ivan'))).toEqual(['KZ/KZ-P-1 v2']);
    expect(await tokensOf('KZ-P-1')).not.toContain('testov');
    expect(await tokensOf('KZ-P-1')).toContain('obraztsov');
    // An older version arriving late changes nothing.
    await project([searchPersonRow('KZ', 4, 'KZ-P-1', 1, { names: [typedName('Latn', 'f:Testov g:Ivan')] })]);
    expect(await ids(query('f:Testov g:Ivan'))).toEqual([]);

    // Withdrawn: gone from the index, profile and tokens.
    await project([searchWithdrawalRow('KZ', 5, 'KZ-P-1')]);
    expect(await ids(query('f:Obraztsov g:Ivan'))).toEqual([]);
    expect(await tokensOf('KZ-P-1')).toEqual([]);
    expect(
      await archive.db.get('SELECT 1 AS one FROM databank_search_profiles WHERE record_id = ?', ['KZ-P-1']),
    ).toBeUndefined();
    // A version after the withdrawal stays out.
    await project([searchPersonRow('KZ', 6, 'KZ-P-1', 3, { names: [typedName('Latn', 'f:Obraztsov g:Ivan')] })]);
    expect(await ids(query('f:Obraztsov g:Ivan'))).toEqual([]);

    const incremental = await dumpDatabank(archive.db);
    expect(incremental['databank_search_profiles']).toHaveLength(1);
    await projection.clear();
    expect(await archive.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM databank_search_tokens')).toEqual({ n: 0 });
    await projection.catchUp();
    expect(await dumpDatabank(archive.db)).toEqual(incremental);
  });

  it('leaves out records past their review date, and keeps exercise and operational records apart', async () => {
    const reviewBy = FIXTURE_TIME + 500_000;
    const before = await open(reviewBy - 1);
    await before.project([
      searchPersonRow('KZ', 1, 'KZ-P-1', 1, { names: [typedName('Latn', 'f:Testov g:Ivan')] }, { reviewBy }),
      searchPersonRow('KZ', 2, 'KZ-X-1', 1, { names: [typedName('Latn', 'f:Testov g:Ivan')] }, { exercise: true }),
    ]);
    expect(await before.ids(query('f:Testov g:Ivan'))).toEqual(['KZ/KZ-P-1 v1']);
    expect(await before.ids(query('f:Testov g:Ivan'), { exercise: true, limit: 10 })).toEqual(['KZ/KZ-X-1 v1']);
    const after = new BankPersonSearcher(before.archive.db, () => reviewBy);
    expect((await after.search(query('f:Testov g:Ivan'), OPERATIONAL)).matches).toEqual([]);
    expect((await after.search(query('f:Testov g:Ivan'), { exercise: true, limit: 10 })).matches).toHaveLength(1);
    // A newer version with a later date brings it back.
    await before.project([
      searchPersonRow(
        'KZ',
        3,
        'KZ-P-1',
        2,
        { names: [typedName('Latn', 'f:Testov g:Ivan')] },
        { reviewBy: reviewBy * 2 },
      ),
    ]);
    expect((await after.search(query('f:Testov g:Ivan'), OPERATIONAL)).matches.map((m) => m.version)).toEqual([2]);
  });

  it('finds a misspelt family name among more records sharing the given name than it scores', async () => {
    const { project, searcher } = await open();
    // More records with the given name than the engine scores per search (MAX_CANDIDATES), none
    // with the family name: only the one-letter neighbourhood of the misspelt family name
    // brings the person in.
    const family = (i: number) =>
      `Пример${'бвгдзклмнпрст'[i % 13]!}${'аеиоу'[Math.floor(i / 13) % 5]!}${Math.floor(i / 65)}ов`;
    const crowd = Array.from({ length: MAX_CANDIDATES + 40 }, (_, i) =>
      searchPersonRow('KG', 10 + i, `KG-P-${i}`, 1, {
        names: [typedName('Cyrl', `f:${family(i).replace(/[0-9]/g, (d) => 'жщчшц'[Number(d) % 5]!)} g:Хуршид`)],
        dateOfBirth: { year: 1988, month: 3, day: 14 },
      }),
    );
    await project([
      ...crowd,
      searchPersonRow('TJ', 1, 'TJ-P-1', 1, {
        names: [typedName('Cyrl', 'f:Абдуллаев g:Хуршид')],
        dateOfBirth: { year: 1988, month: 3, day: 14 },
      }),
    ]);
    const result = await searcher.search(
      query('f:ABDUPLAEV g:KHURSHID', { dateOfBirth: { year: 1988, month: 3, day: 14 } }),
      OPERATIONAL,
    );
    expect(result.matches[0]).toMatchObject({ originator: 'TJ', recordId: 'TJ-P-1' });
    expect(result.matches[0]!.reasons[0]).toMatch(/^family name close to /);
  });

  it('refuses queries too broad, with absurd limits or unreadable names, with stable codes', async () => {
    const { searcher } = await open();
    const refusal = async (q: atc.v1.DataBankQuery.$Properties, limit = 10) => {
      const error = await searcher.search(q, { exercise: false, limit }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AtcError);
      return (error as AtcError).code;
    };
    expect(await refusal(query('f:T'))).toBe(RefusalCode.QUERY_TOO_BROAD);
    expect(await refusal({ dateOfBirth: { year: 1990 } })).toBe(RefusalCode.QUERY_TOO_BROAD);
    expect(await refusal({ nationalities: ['KZ'], sex: atc.v1.Sex.SEX_MALE })).toBe(RefusalCode.QUERY_TOO_BROAD);
    expect(await refusal(query('f:Testov'), 0)).toBe(RefusalCode.QUERY_LIMIT_INVALID);
    expect(await refusal(query('f:Testov'), 51)).toBe(RefusalCode.QUERY_LIMIT_INVALID);
    expect(await refusal(query('f:Testov', { limit: 1000 }))).toBe(RefusalCode.QUERY_LIMIT_INVALID);
    expect(await refusal(query('f:テスト'))).toBe(ErrorCode.NAME_SCRIPT_UNSUPPORTED);
    expect(await refusal(query('f:--'))).toBe(ErrorCode.NAME_NO_LETTERS);
  });
});

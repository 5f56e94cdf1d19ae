// Candidate links between person records come from the person search (issue 17): one person
// spelt in Russian Cyrillic, Uzbek Latin, Kazakh Cyrillic and an ICAO passport becomes one set
// of candidates, each with its score and reasons; a namesake born elsewhere and of another sex
// stays below the threshold; exercise records never meet operational ones; a relink with another
// threshold, and a rebuild, keep the operators' decisions. Both archive engines.
import { describe, expect, it } from 'vitest';
import { DatabankProjection, DEFAULT_LINK_THRESHOLD, dumpDatabank, type ArchivedMessageRow } from '@atc/gateway';
import { atc } from '@atc/shared';
import { FIXTURE_TIME } from '@atc/shared/testing';
import { ARCHIVE_BACKENDS } from '@atc/tests';
import { searchPersonRow, typedName } from '../search/search-rows.js';
import { bankArchives, bankOn } from './bank-archives.js';

const operator = (why: string) => ({ who: 'cli:testov-operator', why });
const DOB = { year: 1988, month: 3, day: 14 };
const MALE = atc.v1.Sex.SEX_MALE;

/** One fictitious person as four members write him, a namesake, and exercise copies. */
function abdullaevRows(): ArchivedMessageRow[] {
  const person = (sender: string, n: number, recordId: string, spec: string, exercise = false) =>
    searchPersonRow(
      sender,
      n,
      recordId,
      1,
      {
        names: [typedName(/[A-Z]/i.test(spec.slice(2, 3)) ? 'Latn' : 'Cyrl', spec)],
        dateOfBirth: DOB,
        sex: MALE,
        nationalities: ['UZ'],
      },
      { exercise },
    );
  return [
    person('RU', 1, 'RU-P-1', 'f:Абдуллаев g:Хуршид p:Тестович'),
    person('UZ', 2, 'UZ-P-1', 'f:Abdullayev g:Xurshid'),
    person('KZ', 3, 'KZ-P-1', 'f:Абдуллаев g:Хуршид'),
    person('TJ', 4, 'TJ-P-1', 'f:ABDULLAEV g:KHURSHID'),
    // A namesake: another date of birth, another sex, another nationality.
    searchPersonRow('KG', 5, 'KG-P-1', 1, {
      names: [typedName('Latn', 'f:Abdullaev g:Khurshid')],
      dateOfBirth: { year: 1961, month: 7, day: 2 },
      sex: atc.v1.Sex.SEX_FEMALE,
      nationalities: ['KG'],
    }),
    // The same person in an exercise: never linked with the operational records.
    person('RU', 6, 'RU-X-1', 'f:Абдуллаев g:Хуршид', true),
    person('UZ', 7, 'UZ-X-1', 'f:ABDULLAEV g:KHURSHID', true),
  ];
}

const pairOf = (c: { records: readonly { originator: string }[] }) => c.records.map((r) => r.originator).join('+');

describe.each(ARCHIVE_BACKENDS)('candidate links from the search on $name', (backend) => {
  let clock = FIXTURE_TIME + 1_000_000;
  const openArchive = bankArchives(backend, () => ++clock);
  // Another archive in the same process (another location).
  const openOtherArchive = bankArchives(backend, () => ++clock);
  async function open(which = openArchive) {
    const bank = bankOn(await which());
    const { subjects } = bank;
    const pairs = async (status = 'open', exercise = false) =>
      (await subjects.candidates({ status, exercise })).candidates.map(pairOf).sort();
    return { ...bank, pairs };
  }

  it('makes one candidate set of RU, UZ, KZ and ICAO spellings, with scores and reasons; the namesake stays out', async () => {
    const { projection, subjects, project, pairs } = await open();
    await project(abdullaevRows());
    expect(await pairs()).toEqual(['KZ+RU', 'KZ+TJ', 'KZ+UZ', 'RU+TJ', 'RU+UZ', 'TJ+UZ']);
    const listed = (await subjects.candidates()).candidates;
    for (const c of listed) {
      expect(c.score).toBeGreaterThanOrEqual(DEFAULT_LINK_THRESHOLD);
      expect(c.score).toBeLessThanOrEqual(1);
      expect(c.reasons).toContain('date of birth equal');
      expect(c.records.every((r) => r.subjectId.startsWith('S-'))).toBe(true);
    }
    // The explanation says how the alphabets met: the ICAO key of the Cyrillic spelling.
    const ruTj = listed.find((c) => pairOf(c) === 'RU+TJ')!;
    expect(ruTj.reasons).toEqual(expect.arrayContaining(['family name via ICAO key', 'given name via ICAO key']));
    // Candidates are listed to roles without access to content: no name, date or number in them.
    expect(JSON.stringify(listed.map((c) => c.reasons))).not.toMatch(/abdul|khursh|xursh|19[0-9]{2}|TEST/i);
    // The namesake born 1961, female, of another nationality: no candidate with anyone.
    expect(listed.some((c) => c.records.some((r) => r.originator === 'KG'))).toBe(false);
    // The exercise copies are candidates of each other only.
    expect(await pairs('open', true)).toEqual(['RU+UZ']);
    const [exercise] = (await subjects.candidates({ exercise: true })).candidates;
    expect(exercise!.records.every((r) => r.subjectId.startsWith('SX-'))).toBe(true);
    expect(await projection.status()).toMatchObject({ openCandidates: 7, linkThreshold: DEFAULT_LINK_THRESHOLD });
  });

  it('gives the same candidates (same ids) projected live one entry at a time and rebuilt in one batch', async () => {
    const { archive, projection, subjects, project } = await open();
    for (const row of abdullaevRows()) await project([row]);
    // A decision in between, applied at its place by the rebuild.
    const ruUz = (await subjects.candidates()).candidates.find((c) => pairOf(c) === 'RU+UZ')!;
    await subjects.decide({ kind: 'confirm', candidateId: ruUz.candidateId }, operator('TICKET-40: same person'));
    await project([
      searchPersonRow('TM', 8, 'TM-P-1', 1, {
        names: [typedName('Latn', 'f:Abdullaev g:Hurshid')],
        dateOfBirth: DOB,
        sex: MALE,
        nationalities: ['UZ'],
      }),
    ]);
    const live = await dumpDatabank(archive.db);
    expect(live['databank_candidates']!.length).toBeGreaterThanOrEqual(10);
    await projection.clear();
    await projection.catchUp();
    expect(await dumpDatabank(archive.db)).toEqual(live);
    await projection.clear();
    while ((await projection.step(2)) > 0);
    expect(await dumpDatabank(archive.db)).toEqual(live);
  });

  it('relinks with another threshold without touching decisions; a rebuild with it keeps them too', async () => {
    const { archive, projection, subjects, project, pairs } = await open();
    await project(abdullaevRows());
    const listed = (await subjects.candidates()).candidates;
    const ruUz = listed.find((c) => pairOf(c) === 'RU+UZ')!;
    const kzTj = listed.find((c) => pairOf(c) === 'KZ+TJ')!;
    await subjects.decide({ kind: 'confirm', candidateId: ruUz.candidateId }, operator('TICKET-41: same person'));
    await subjects.decide({ kind: 'reject', candidateId: kzTj.candidateId }, operator('TICKET-42: two persons'));
    const before = await dumpDatabank(archive.db);
    expect(await pairs()).toEqual(['KZ+RU', 'KZ+UZ', 'RU+TJ', 'TJ+UZ']);
    const decided = async () => ({
      confirmed: await pairs('confirmed'),
      rejected: await pairs('rejected'),
      subjects: (await subjects.listSubjects()).subjects.map((s) => s.records).sort(),
    });
    const decisions = await decided();
    expect(decisions).toEqual({ confirmed: ['RU+UZ'], rejected: ['KZ+TJ'], subjects: [1, 1, 1, 2] });
    const audit = (await archive.registry.auditLog()).length;

    // Strict: every open candidate scores below 0.99 and goes; the decided ones stay.
    const strict = new DatabankProjection(archive.db, archive.reader, { linkThreshold: 0.99 });
    expect(await strict.relink(2)).toBe(7); // both namespaces
    expect(await pairs()).toEqual([]);
    expect(await decided()).toEqual(decisions);
    expect(await strict.status()).toMatchObject({ openCandidates: 0, linkThreshold: 0.99 });
    // New records are linked with the strict threshold too: nothing proposed.
    await strict.catchUp();

    // Back to the default: the same candidates as before, same ids, same scores.
    expect(await projection.relink()).toBe(7);
    expect(await dumpDatabank(archive.db)).toEqual(before);

    // Rebuilt with the strict threshold: the decisions still apply where they were made.
    await strict.clear();
    await strict.catchUp();
    expect(await pairs()).toEqual([]);
    expect(await decided()).toEqual(decisions);
    // Restored by their decisions, with the reasons every candidate keeps: which evidence
    // matched, never the names, keys or dates it matched on (operators list candidates).
    const restored = (await subjects.candidates({ status: 'confirmed' })).candidates[0]!;
    expect(restored.reasons).toEqual(ruUz.reasons);
    expect(restored.reasons.join(' ')).not.toMatch(/ABDUL|Абдул|19\d\d/i);
    expect((await archive.registry.auditLog()).length).toBe(audit);
  });

  it('audits a decision in the exercise namespace under its prefix, apart from operational ones', async () => {
    const { archive, subjects, project } = await open();
    await project(abdullaevRows());
    const drill = (await subjects.candidates({ status: 'open', exercise: true })).candidates[0]!;
    expect(drill.exercise).toBe(true);
    await subjects.decide(
      { kind: 'reject', candidateId: drill.candidateId, exercise: true },
      operator('TICKET-43: drill, two persons'),
    );
    expect(await archive.registry.auditLog({ subject: `exercise:candidate:${drill.candidateId}` })).toHaveLength(1);
    expect(await archive.registry.auditLog({ subject: `candidate:${drill.candidateId}` })).toHaveLength(0);
  });

  it("scores a partner by its current version's profile, not one read or written for its earlier version", async () => {
    const { archive, projection, project, pairs } = await open();
    const uzbek = (sender: string, n: number, recordId: string, version: number, spec: string, born = DOB) =>
      searchPersonRow(sender, n, recordId, version, {
        names: [typedName(/[A-Z]/i.test(spec.slice(2, 3)) ? 'Latn' : 'Cyrl', spec)],
        dateOfBirth: born,
        sex: MALE,
        nationalities: ['UZ'],
      });
    await project([
      uzbek('RU', 1, 'RU-P-1', 1, 'f:Абдуллаев g:Хуршид'),
      uzbek('UZ', 2, 'UZ-P-1', 1, 'f:Abdullayev g:Xurshid'),
    ]);
    expect(await pairs()).toEqual(['RU+UZ']);
    // RU corrects its record: another man, born 1961. Its candidate goes...
    await project([uzbek('RU', 3, 'RU-P-1', 2, 'f:Абдуллаев g:Хуршид', { year: 1961, month: 7, day: 2 })]);
    expect(await pairs()).toEqual([]);
    // ...and a record linked after it, in another batch, meets the corrected version only.
    await project([uzbek('TJ', 4, 'TJ-P-1', 1, 'f:ABDULLAEV g:KHURSHID')]);
    expect(await pairs()).toEqual(['TJ+UZ']);
    const live = await dumpDatabank(archive.db);
    await projection.clear();
    await projection.catchUp();
    expect(await dumpDatabank(archive.db)).toEqual(live);
  });

  it('links each archive by its own records when two hold the same message ids with other contents', async () => {
    // The same message ids: RU's man in one archive, a woman of another nationality in the other.
    const rows = (sex: atc.v1.Sex, nationality: string) => [
      searchPersonRow('RU', 1, 'RU-P-1', 1, {
        names: [typedName('Cyrl', 'f:Абдуллаев g:Хуршид')],
        dateOfBirth: DOB,
        sex,
        nationalities: [nationality],
      }),
      searchPersonRow('UZ', 2, 'UZ-P-1', 1, {
        names: [typedName('Latn', 'f:Abdullayev g:Xurshid')],
        dateOfBirth: DOB,
        sex: MALE,
        nationalities: ['UZ'],
      }),
    ];
    const first = await open();
    const second = await open(openOtherArchive);
    const [man, woman] = [rows(MALE, 'UZ'), rows(atc.v1.Sex.SEX_FEMALE, 'KG')];
    expect(woman.map((r) => r.messageId)).toEqual(man.map((r) => r.messageId));
    await first.project(man);
    await second.project(woman);
    expect(await first.pairs()).toEqual(['RU+UZ']);
    expect(await second.pairs()).toEqual([]);
    // A later record meets each archive's own version of RU's.
    const tj = searchPersonRow('TJ', 3, 'TJ-P-1', 1, {
      names: [typedName('Latn', 'f:ABDULLAEV g:KHURSHID')],
      dateOfBirth: DOB,
      sex: MALE,
      nationalities: ['UZ'],
    });
    await first.project([tj]);
    await second.project([tj]);
    expect(await first.pairs()).toEqual(['RU+TJ', 'RU+UZ', 'TJ+UZ']);
    expect(await second.pairs()).toEqual(['TJ+UZ']);
  });
  it('a decision on another connection scores a partner by the version the projection made current since it last read it', async () => {
    const projecting = await open();
    const deciding = bankOn(await openArchive()).subjects;
    const uzbek = (sender: string, n: number, spec: string) =>
      searchPersonRow(sender, n, `${sender}-P-1`, 1, {
        names: [typedName(/[A-Z]/i.test(spec.slice(2, 3)) ? 'Latn' : 'Cyrl', spec)],
        dateOfBirth: DOB,
        sex: MALE,
        nationalities: ['UZ'],
      });
    await projecting.project([
      uzbek('RU', 1, 'f:Абдуллаев g:Хуршид'),
      uzbek('UZ', 2, 'f:Abdullayev g:Xurshid'),
      uzbek('KZ', 3, 'f:Абдуллаев g:Хуршид'),
      uzbek('TJ', 4, 'f:ABDULLAEV g:KHURSHID'),
    ]);
    const candidate = async (pair: string, status: string) =>
      (await deciding.candidates({ status })).candidates.find((c) => pairOf(c) === pair)!;
    for (const pair of ['KZ+UZ', 'KZ+TJ']) {
      await deciding.decide(
        { kind: 'confirm', candidateId: (await candidate(pair, 'open')).candidateId },
        operator('TICKET-43: same person'),
      );
    }
    const split = async (originator: string) => {
      const { subjectId } = (await deciding.candidates({ status: 'confirmed' })).candidates
        .flatMap((c) => c.records)
        .find((r) => r.originator === originator)!;
      await deciding.decide(
        { kind: 'split', subjectId, originator, recordId: `${originator}-P-1` },
        operator('TICKET-44: two persons'),
      );
    };
    // The deciding connection proposes UZ's candidates again: it reads RU's first version.
    await split('UZ');
    expect((await projecting.pairs()).filter((p) => p.includes('RU'))).not.toEqual([]);
    // RU corrects its record: a woman of another nationality. Its candidates go...
    await projecting.project([
      searchPersonRow('RU', 5, 'RU-P-1', 2, {
        names: [typedName('Cyrl', 'f:Абдуллаев g:Хуршид')],
        dateOfBirth: { year: 1988, month: 3, day: 2 },
        sex: atc.v1.Sex.SEX_FEMALE,
        nationalities: ['KG'],
      }),
    ]);
    expect((await projecting.pairs()).filter((p) => p.includes('RU'))).toEqual([]);
    // ...and TJ's candidates proposed again on the deciding connection meet her version, not his.
    await split('TJ');
    expect((await projecting.pairs()).filter((p) => p.includes('RU'))).toEqual([]);
    const live = await dumpDatabank(projecting.archive.db);
    await projecting.projection.clear();
    await projecting.projection.catchUp();
    expect(await dumpDatabank(projecting.archive.db)).toEqual(live);
  });
});

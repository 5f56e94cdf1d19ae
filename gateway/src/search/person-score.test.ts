import { describe, expect, it } from 'vitest';
import { atc } from '@atc/shared';
import { checkedQueryProfile, recordProfile } from './person-profile.js';
import { jaroWinkler, MIN_SCORE, reasonsWithoutContent, scoreProfile } from './person-score.js';

const T = atc.v1.NamePartType;
const KIND = { f: T.NAME_PART_TYPE_FAMILY, g: T.NAME_PART_TYPE_GIVEN, p: T.NAME_PART_TYPE_PATRONYMIC, u: 0 } as const;

/** "f:Testov g:Ivan" -> a PersonName (kinds f, g, p, u). */
function name(spec: string): atc.v1.PersonName.$Properties {
  return {
    parts: spec.split(' ').map((item) => {
      const [kind, value] = item.split(':') as [keyof typeof KIND, string];
      return { type: KIND[kind], value };
    }),
  };
}

type Facts = Pick<atc.v1.PersonRecord.$Properties, 'dateOfBirth' | 'sex' | 'nationalities' | 'documents'>;

function score(q: string, r: string, qf: Facts = {}, rf: Facts = {}) {
  const { profile } = checkedQueryProfile({ names: [name(q)], ...qf });
  return scoreProfile(profile, recordProfile({ names: [name(r)], ...rf }));
}

describe('Jaro-Winkler', () => {
  it('gives the textbook values', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 3);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.813, 3);
    expect(jaroWinkler('same', 'same')).toBe(1);
    expect(jaroWinkler('', 'abc')).toBe(0);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
  });
});

describe('scoring a candidate against a query', () => {
  it('matches a Cyrillic record from its ICAO spelling and says by which key', () => {
    const s = score('f:ABDULLAEV g:KHURSHID', 'f:Абдуллаев g:Хуршид');
    expect(s.reasons).toEqual(['family name via ICAO key ABDULLAEV', 'given name via ICAO key KHURSHID']);
    expect(s.score).toBeGreaterThanOrEqual(0.75);
  });

  it('matches spellings of other tables and habits by their skeleton', () => {
    const s = score('f:Abdoullaev g:Khourchid', 'f:Abdullayev g:Xurshid');
    expect(s.reasons).toEqual(['family name via skeleton abdulaev', 'given name via skeleton hurshid']);
    expect(s.score).toBeGreaterThan(MIN_SCORE);
  });

  it('scores a one-letter typo a little lower and says how close', () => {
    const exact = score('f:Testov g:Ivan', 'f:Testov g:Ivan');
    const typo = score('f:Tesrov g:Ivan', 'f:Testov g:Ivan');
    expect(typo.score).toBeLessThan(exact.score);
    expect(typo.score).toBeGreaterThan(MIN_SCORE);
    expect(typo.reasons[0]).toMatch(/^family name close to testov \(0\.9\d\)$/);
  });

  it('pairs untyped parts in either order, and typed parts by type', () => {
    const swapped = score('u:Ivan u:Testov', 'f:Testov g:Ivan');
    expect(swapped.score).toBe(score('f:Testov g:Ivan', 'f:Testov g:Ivan').score);
    expect(swapped.reasons).toEqual(['given name via key IVAN', 'family name via key TESTOV']);
    // Mislabelled (family given as given): still found, a little lower.
    const mislabelled = score('g:Testov f:Ivan', 'f:Testov g:Ivan');
    expect(mislabelled.score).toBeLessThan(swapped.score);
    expect(mislabelled.score).toBeGreaterThan(MIN_SCORE);
  });

  it('costs little for a patronymic present on one side only', () => {
    const full = score('f:Testov g:Ivan p:Petrovich', 'f:Testov g:Ivan p:Petrovich').score;
    const queryOnly = score('f:Testov g:Ivan p:Petrovich', 'f:Testov g:Ivan').score;
    const recordOnly = score('f:Testov g:Ivan', 'f:Testov g:Ivan p:Petrovich').score;
    expect(full - queryOnly).toBeLessThan(0.05);
    expect(recordOnly).toBe(full);
  });

  it('raises or lowers the score by the date of birth, with tolerance, and explains it', () => {
    const dob = (year: number, month = 0, day = 0) => ({ dateOfBirth: { year, month, day } });
    const base = score('f:Testov g:Ivan', 'f:Testov g:Ivan').score;
    const cases: [Facts, Facts, string, 'up' | 'down'][] = [
      [dob(1990, 4, 1), dob(1990, 4, 1), 'date of birth equal', 'up'],
      [dob(1990, 4), dob(1990, 4, 1), 'date of birth agrees as far as known (1990-04-01)', 'up'],
      [dob(1990), dob(1990, 4, 1), 'year of birth equal (1990)', 'up'],
      [dob(1990, 1, 4), dob(1990, 4, 1), 'date of birth equal with day and month swapped', 'up'],
      [dob(1991, 4, 1), dob(1990, 4, 1), 'year of birth one apart (1991 and 1990)', 'up'],
      [dob(1975, 4, 1), dob(1990, 4, 1), 'date of birth differs (1975-04-01 and 1990-04-01)', 'down'],
      [dob(1990, 5), dob(1990, 4, 1), 'date of birth differs (1990-05 and 1990-04-01)', 'down'],
    ];
    for (const [q, r, reason, direction] of cases) {
      const s = score('f:Testov g:Ivan', 'f:Testov g:Ivan', q, r);
      expect(s.reasons.at(-1), reason).toBe(reason);
      if (direction === 'up') expect(s.score, reason).toBeGreaterThan(base);
      else expect(s.score, reason).toBeLessThan(base);
    }
    // Equal ranks above partial, partial above a year one apart.
    const equal = score('f:Testov g:Ivan', 'f:Testov g:Ivan', dob(1990, 4, 1), dob(1990, 4, 1)).score;
    const partial = score('f:Testov g:Ivan', 'f:Testov g:Ivan', dob(1990, 4), dob(1990, 4, 1)).score;
    const apart = score('f:Testov g:Ivan', 'f:Testov g:Ivan', dob(1991, 4, 1), dob(1990, 4, 1)).score;
    expect(equal).toBeGreaterThan(partial);
    expect(partial).toBeGreaterThan(apart);
  });

  it('weighs sex, nationality and documents', () => {
    const base = score('f:Testova g:Anna', 'f:Testova g:Anna').score;
    const female = { sex: atc.v1.Sex.SEX_FEMALE };
    const male = { sex: atc.v1.Sex.SEX_MALE };
    expect(score('f:Testova g:Anna', 'f:Testova g:Anna', female, female)).toMatchObject({
      reasons: expect.arrayContaining(['sex equal']) as string[],
    });
    const differs = score('f:Testova g:Anna', 'f:Testova g:Anna', female, male);
    expect(differs.reasons).toContain('sex differs');
    expect(differs.score).toBeLessThan(base);
    const kz = score(
      'f:Testova g:Anna',
      'f:Testova g:Anna',
      { nationalities: ['kz'] },
      { nationalities: ['KZ', 'RU'] },
    );
    expect(kz.reasons).toContain('nationality KZ shared');
    expect(kz.score).toBeGreaterThan(base);
    const doc = score(
      'f:Testova g:Anna',
      'f:Testova g:Anna',
      { documents: [{ number: 'n 123' }] },
      { documents: [{ type: atc.v1.DocumentType.DOCUMENT_TYPE_PASSPORT, number: 'N123', issuingCountry: 'kz' }] },
    );
    expect(doc.reasons).toContain('document PASSPORT N123 KZ equal');
    expect(doc.score).toBeGreaterThan(base);
    // Another issuing country: not the same document.
    const other = score(
      'f:Testova g:Anna',
      'f:Testova g:Anna',
      { documents: [{ number: 'N123', issuingCountry: 'UZ' }] },
      { documents: [{ number: 'N123', issuingCountry: 'KZ' }] },
    );
    expect(other.reasons.some((r) => r.startsWith('document'))).toBe(false);
  });

  it('keeps different people below the floor and every score in 0..1', () => {
    expect(score('f:Testov g:Ivan', 'f:Primerova g:Anna').score).toBeLessThan(MIN_SCORE);
    const far = score(
      'f:Testov g:Ivan',
      'f:Testov g:Pavel',
      { dateOfBirth: { year: 1990, month: 1, day: 1 }, sex: atc.v1.Sex.SEX_MALE },
      { dateOfBirth: { year: 1960, month: 7, day: 9 }, sex: atc.v1.Sex.SEX_FEMALE },
    );
    expect(far.score).toBeLessThan(MIN_SCORE);
    expect(far.score).toBeGreaterThanOrEqual(0);
    const best = score(
      'f:Testov g:Ivan',
      'f:Testov g:Ivan',
      {
        dateOfBirth: { year: 1990, month: 1, day: 1 },
        sex: atc.v1.Sex.SEX_MALE,
        nationalities: ['KZ'],
        documents: [{ number: 'X1' }],
      },
      {
        dateOfBirth: { year: 1990, month: 1, day: 1 },
        sex: atc.v1.Sex.SEX_MALE,
        nationalities: ['KZ'],
        documents: [{ number: 'X1' }],
      },
    );
    expect(best.score).toBe(1);
  });

  it('leaves unreadable name parts of a record out instead of refusing the record', () => {
    const profile = recordProfile({ names: [name('f:テスト g:Ivan'), name('f:--')] });
    expect(profile.n).toEqual([[{ t: 'g', k: ['ivan'], s: 'ivan' }]]);
  });
});

describe('reasons without content', () => {
  it('keeps which evidence matched and drops the names, numbers and dates it matched on', () => {
    expect(
      reasonsWithoutContent([
        'family name via ICAO key ABDULLAEV',
        'given name via key xurshid',
        'patronymic via skeleton testovish',
        'family name close to ABDULAYEV (0.93)',
        'document PASSPORT TEST1234 UZ equal',
        'date of birth equal',
        'date of birth agrees as far as known (1988-03)',
        'year of birth one apart (1988 and 1989)',
        'date of birth differs (1988-03-14 and 1990-01-01)',
        'sex equal',
        'nationality UZ, KZ shared',
      ]),
    ).toEqual([
      'family name via ICAO key',
      'given name via key',
      'patronymic via skeleton',
      'family name close (0.93)',
      'document PASSPORT equal',
      'date of birth equal',
      'date of birth agrees as far as known',
      'year of birth one apart',
      'date of birth differs',
      'sex equal',
      'nationality shared',
    ]);
  });
});

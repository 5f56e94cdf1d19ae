import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atc } from '@atc/shared';
import { fuzzParameters } from '@atc/shared/testing';
import { recordProfile } from './person-profile.js';
import { DATES_DIFFER_CEILING, profileScore, scoreCeiling, scoreProfile } from './person-score.js';

const T = atc.v1.NamePartType;
const PART_TYPES = [T.NAME_PART_TYPE_FAMILY, T.NAME_PART_TYPE_GIVEN, T.NAME_PART_TYPE_PATRONYMIC, 0];
/** Fictitious name parts in several scripts, near and far from each other. */
const VALUES = ['Testov', 'Testova', 'Тестов', 'Testow', 'Primerov', 'Примеров', 'Ivan', 'Иван', 'Iwan', 'Anna', 'Ана'];

const part = fc.record({ type: fc.constantFrom(...PART_TYPES), value: fc.constantFrom(...VALUES) });
const date = fc.option(
  fc.record({
    year: fc.integer({ min: 1960, max: 1962 }),
    month: fc.integer({ min: 0, max: 2 }),
    day: fc.integer({ min: 0, max: 2 }),
  }),
  { nil: null },
);
/** A person born on one of `dates` (or of unknown birth). */
const personBorn = (dates: typeof date) =>
  fc.record({
    names: fc.array(fc.record({ parts: fc.array(part, { minLength: 1, maxLength: 3 }) }), { maxLength: 2 }),
    dateOfBirth: dates,
    sex: fc.constantFrom(atc.v1.Sex.SEX_UNSPECIFIED, atc.v1.Sex.SEX_MALE, atc.v1.Sex.SEX_FEMALE),
    nationalities: fc.subarray(['KZ', 'RU', 'UZ']),
    documents: fc.array(fc.record({ number: fc.constantFrom('X1', 'X2') }), { maxLength: 1 }),
  });
const person = personBorn(date);

describe('the score ceiling linking prunes pairs with', () => {
  it('is never below the score, whatever the names, dates, sex, nationalities and documents', () => {
    fc.assert(
      fc.property(person, person, (a, b) => {
        const pa = recordProfile(a);
        const pb = recordProfile(b);
        expect(scoreCeiling(pa, pb)).toBeGreaterThanOrEqual(scoreProfile(pa, pb).score);
      }),
      fuzzParameters(2_000),
    );
  });

  it('is the score itself when the names are equal', () => {
    const a = recordProfile({
      names: [{ parts: [{ type: T.NAME_PART_TYPE_FAMILY, value: 'Testov' }] }],
      dateOfBirth: { year: 1960 },
    });
    const b = recordProfile({
      names: [{ parts: [{ type: T.NAME_PART_TYPE_FAMILY, value: 'Testov' }] }],
      dateOfBirth: { year: 1961 },
    });
    expect(scoreCeiling(a, b)).toBe(scoreProfile(a, b).score);
    // Dates of birth years apart: no spelling of the names brings the pair to the linking's default threshold.
    const c = recordProfile({
      names: [{ parts: [{ type: T.NAME_PART_TYPE_FAMILY, value: 'Testov' }] }],
      dateOfBirth: { year: 1970 },
    });
    expect(scoreCeiling(a, c)).toBeLessThan(0.75);
  });
});

/** Years far enough apart for dates of birth to differ (as the linking's date tokens assume). */
const spreadDate = fc.option(
  fc.record({
    year: fc.integer({ min: 1960, max: 1965 }),
    month: fc.integer({ min: 0, max: 3 }),
    day: fc.integer({ min: 0, max: 3 }),
  }),
  { nil: null },
);
const spreadPerson = personBorn(spreadDate);

describe('what linking reads partners by', () => {
  it('scores without reasons exactly as with them', () => {
    fc.assert(
      fc.property(spreadPerson, spreadPerson, (a, b) => {
        const pa = recordProfile(a);
        const pb = recordProfile(b);
        expect(profileScore(pa, pb)).toBe(scoreProfile(pa, pb).score);
      }),
      fuzzParameters(2_000),
    );
  });

  it('never scores a pair above DATES_DIFFER_CEILING when its dates of birth cannot agree and no document is shared', () => {
    // The dates the linking's tokens reach from [y, m, d]: years y-1..y+1 in month m or an
    // unknown month (every month when m is unknown), and month d in year y (day and month swapped).
    const reachable = (p: readonly [number, number, number], q: readonly [number, number, number]): boolean => {
      const [y, m, d] = p;
      const [qy, qm] = q;
      if (Math.abs(qy - y) > 1) return false;
      if (m === 0 || qm === 0 || qm === m) return true;
      return qy === y && d !== 0 && d <= 12 && qm === d;
    };
    let checked = 0;
    fc.assert(
      fc.property(spreadPerson, spreadPerson, (a, b) => {
        const pa = recordProfile(a);
        const pb = recordProfile(b);
        if (pa.b === undefined || pb.b === undefined || reachable(pa.b, pb.b)) return;
        if (pa.d.some((x) => pb.d.some((y) => y.n === x.n))) return;
        checked++;
        expect(Math.max(scoreProfile(pa, pb).score, scoreProfile(pb, pa).score)).toBeLessThanOrEqual(
          DATES_DIFFER_CEILING,
        );
      }),
      fuzzParameters(4_000),
    );
    // The property held for pairs it applies to, not only vacuously.
    expect(checked).toBeGreaterThan(100);
    // And the linking's default threshold is above it.
    expect(DATES_DIFFER_CEILING).toBeLessThan(0.75);
  });
});

describe('the scores remembered', () => {
  it('are the scores: every pair of a crowd scores the same again, in another order, from copies of its profiles', () => {
    fc.assert(
      fc.property(fc.array(person, { minLength: 2, maxLength: 6 }), (people) => {
        const profiles = people.map((p) => recordProfile(p));
        const first = profiles.map((a) => profiles.map((b) => [profileScore(a, b), scoreProfile(a, b)]));
        const copies = profiles.map((p) => JSON.parse(JSON.stringify(p)) as typeof p);
        for (let i = copies.length - 1; i >= 0; i--) {
          for (let j = copies.length - 1; j >= 0; j--) {
            expect([profileScore(copies[i]!, copies[j]!), scoreProfile(copies[i]!, copies[j]!)]).toEqual(first[i]![j]);
          }
        }
      }),
      fuzzParameters(500),
    );
  });
});

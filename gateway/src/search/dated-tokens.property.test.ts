import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParameters } from '@atc/shared/testing';
import { datedTokens, type TokenParts } from './bank-searcher.js';
import { DOCUMENT_PREFIX, linkToken } from './search-index.js';

/** The dates a record born on `b` can agree with, as linking reads them (see datedTokens). */
function agreeingDates([year, month, day]: readonly [number, number, number]): [number | undefined, number][] {
  const dates: [number | undefined, number][] = [[undefined, 0]];
  for (const y of [year - 1, year, year + 1]) {
    if (month === 0) for (let m = 0; m <= 12; m++) dates.push([y, m]);
    else dates.push([y, month], [y, 0]);
  }
  if (month !== 0 && day !== 0 && day <= 12 && day !== month) dates.push([year, day]);
  return dates;
}

/** What datedTokens answers, built the plain way: every token under every date, then sorted. */
function sortedReference(
  b: readonly [number, number, number],
  tokens: ReadonlyMap<string, TokenParts>,
): [string, TokenParts][] {
  const out = new Map<string, TokenParts>();
  for (const [token, parts] of tokens) {
    if (parts === 'document') out.set(token, parts);
    else for (const [y, m] of agreeingDates(b)) out.set(linkToken(y, m, token), parts);
  }
  return [...out].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
}

/** Names' keys and skeletons hold letters only; documents are prefixed. */
const name = fc.string({ unit: fc.constantFrom('a', 'b', 'k', 'h', 'z', 'y'), minLength: 1, maxLength: 8 });
const token = fc.oneof(
  fc.tuple(name, fc.array(fc.nat({ max: 5 }), { minLength: 1, maxLength: 3 })).map(([t, parts]) => [t, parts] as const),
  fc
    .string({ unit: fc.constantFrom('1', '2', 'A', 'B', '-'), minLength: 1, maxLength: 6 })
    .map((n) => [`${DOCUMENT_PREFIX}${n}`, 'document'] as const),
);
const birth = fc.tuple(fc.integer({ min: 1, max: 2100 }), fc.nat({ max: 12 }), fc.nat({ max: 31 }));

describe('datedTokens', () => {
  it('gives every token under every date its record can agree with, in code-unit order, as a plain sort would', () => {
    fc.assert(
      fc.property(birth, fc.array(token, { maxLength: 12 }), (b, entries) => {
        const tokens = new Map<string, TokenParts>(entries);
        expect([...datedTokens({ b }, tokens)]).toEqual(sortedReference(b, tokens));
      }),
      fuzzParameters(500),
    );
  });

  it('puts a year of one digit less, and months of one and two digits, in the order of their text', () => {
    const keys = [...datedTokens({ b: [1000, 1, 12] }, new Map([['abdullaev', [0]]]))].map(([k]) => k);
    expect(keys).toEqual([...keys].sort());
    expect(keys).toContain('@999-1|abdullaev');
    expect(keys).toContain('@1000-12|abdullaev');
    expect(keys.indexOf('@1000-12|abdullaev')).toBeLessThan(keys.indexOf('@1000-1|abdullaev'));
  });
});

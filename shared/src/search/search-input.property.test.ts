// Names and queries as members and operators type them: match keys and the query rules read
// any text in any script, or refuse it with a code of the catalogue, never a thrown TypeError.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { decodeOutcome, fuzzParameters } from '../testing/index.js';
import { matchKeys } from './match-keys.js';
import { checkDataBankQuery } from './query-rules.js';

/** Letters of the alphabets the tables read, mixed with anything else. */
const nameText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc
    .array(fc.constantFrom(...'Тестов Ғалымжан Өмір Иван-Ёж ԱբԳդ Jöhn O’Brien Şeker ǅ ß ﬁ ᾈ İ ̇ 𝔄 ‍'.split('')), {
      maxLength: 20,
    })
    .map((cs) => cs.join('')),
);

describe('search input', () => {
  it('matchKeys reads any name part or refuses it with a code', () => {
    fc.assert(
      fc.property(nameText, (text) => {
        decodeOutcome(() => matchKeys(text));
      }),
      fuzzParameters(2000),
    );
  });

  it('checkDataBankQuery reads any query or refuses it with a code', () => {
    const part = fc.record({ type: fc.integer({ min: -1, max: 6 }), value: nameText });
    const query = fc.record(
      {
        names: fc.array(fc.record({ script: fc.string({ maxLength: 5 }), parts: fc.array(part, { maxLength: 9 }) }), {
          maxLength: 11,
        }),
        documents: fc.array(
          fc.record({
            number: fc.string({ maxLength: 20 }),
            issuingCountry: fc.string({ maxLength: 3 }),
            type: fc.nat(9),
          }),
          { maxLength: 11 },
        ),
        nationalities: fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }),
        limit: fc.oneof(fc.integer({ min: -2, max: 60 }), fc.constant(2 ** 32)),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(query, (q) => {
        decodeOutcome(() => checkDataBankQuery(q));
      }),
      fuzzParameters(1000),
    );
  });
});

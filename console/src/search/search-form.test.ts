import { describe, expect, it } from 'vitest';
import { EMPTY_SEARCH, searchBody } from './search-form';

const PURPOSE = 'Case TEST-0042: fictitious check';

describe('the search form as a request body', () => {
  it('sends the typed name parts, a partial date of birth, one nationality and document, and the purpose', () => {
    expect(
      searchBody({
        ...EMPTY_SEARCH,
        family: ' Примеров ',
        given: 'Александр',
        birth: '1981-03',
        sex: 'MALE',
        nationality: 'kz',
        document: 'TEST0001',
        limit: '5',
        purpose: `  ${PURPOSE} `,
        exercise: true,
      }),
    ).toEqual({
      names: [
        {
          parts: [
            { type: 'FAMILY', value: 'Примеров' },
            { type: 'GIVEN', value: 'Александр' },
          ],
        },
      ],
      dateOfBirth: { year: 1981, month: 3 },
      sex: 'MALE',
      nationalities: ['KZ'],
      documents: [{ number: 'TEST0001' }],
      limit: 5,
      purpose: PURPOSE,
      exercise: true,
    });
    expect(searchBody({ ...EMPTY_SEARCH, birth: '1981', purpose: PURPOSE })).toMatchObject({
      dateOfBirth: { year: 1981 },
    });
    expect(searchBody({ ...EMPTY_SEARCH, birth: '1981-03-09', purpose: PURPOSE })).toMatchObject({
      dateOfBirth: { year: 1981, month: 3, day: 9 },
    });
  });

  it('refuses before sending: no purpose, a malformed date, nationality or limit', () => {
    expect(searchBody({ ...EMPTY_SEARCH, family: 'Testov', purpose: ' ab ' })).toEqual({ field: 'purpose', length: 2 });
    expect(searchBody({ ...EMPTY_SEARCH, birth: '81', purpose: PURPOSE })).toEqual({ field: 'birth' });
    expect(searchBody({ ...EMPTY_SEARCH, birth: '1981-13', purpose: PURPOSE })).toEqual({ field: 'birth' });
    expect(searchBody({ ...EMPTY_SEARCH, nationality: 'KAZ', purpose: PURPOSE })).toEqual({ field: 'nationality' });
    expect(searchBody({ ...EMPTY_SEARCH, limit: '51', purpose: PURPOSE })).toEqual({ field: 'limit' });
    expect(searchBody({ ...EMPTY_SEARCH, limit: '2.5', purpose: PURPOSE })).toEqual({ field: 'limit' });
  });
});

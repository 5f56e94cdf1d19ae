import { describe, expect, it } from 'vitest';
import { AtcError, ErrorCode } from '../errors/atc-error.js';
import { RefusalCode } from '../errors/refusal-codes.js';
import { atc } from '../proto/protobuf.js';
import { checkDataBankQuery, checkSearchLimit, SEARCH_LIMIT_DEFAULT } from './query-rules.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(AtcError);
    expect((e as AtcError).message.length).toBeGreaterThan(30);
    return (e as AtcError).code;
  }
}

const named = (...values: string[]): atc.v1.DataBankQuery.$Properties => ({
  names: [{ parts: values.map((value) => ({ value })) }],
});

describe('the person search query rules', () => {
  it('accepts a name part of two letters or a document number, and computes the keys', () => {
    const checked = checkDataBankQuery(named('Ли'));
    expect(checked.limit).toBe(SEARCH_LIMIT_DEFAULT);
    expect(checked.names[0]![0]!.keys.keys[0]).toBe('li');
    expect(checkDataBankQuery({ documents: [{ number: 'N 12' }], limit: 50 }).limit).toBe(50);
    // Empty parts are left out; a one-letter initial next to a full name is fine.
    expect(checkDataBankQuery(named('I', '', 'Testov')).names[0]).toHaveLength(2);
  });

  it('refuses too broad queries with ERR_QUERY_TOO_BROAD', () => {
    const queries: atc.v1.DataBankQuery.$Properties[] = [
      named('T'),
      named('T', 'I'),
      {},
      { dateOfBirth: { year: 1990 } },
      { dateOfBirth: { year: 1990, month: 1, day: 2 }, sex: atc.v1.Sex.SEX_MALE, nationalities: ['KZ'] },
      { documents: [{ number: ' - ' }] },
      { documents: [{ number: '7' }] },
    ];
    for (const query of queries) {
      expect(
        codeOf(() => checkDataBankQuery(query)),
        JSON.stringify(query),
      ).toBe(RefusalCode.QUERY_TOO_BROAD);
    }
  });

  it('refuses limits outside 1..50 with ERR_QUERY_LIMIT_INVALID', () => {
    expect(codeOf(() => checkDataBankQuery({ ...named('Testov'), limit: 51 }))).toBe(RefusalCode.QUERY_LIMIT_INVALID);
    for (const limit of [0, -1, 51, 1.5, Number.NaN, 1e9]) {
      expect(
        codeOf(() => checkSearchLimit(limit)),
        String(limit),
      ).toBe(RefusalCode.QUERY_LIMIT_INVALID);
    }
    expect(checkSearchLimit(1)).toBe(1);
  });

  it('refuses names the tables cannot read with the name codes', () => {
    expect(codeOf(() => checkDataBankQuery(named('テスト')))).toBe(ErrorCode.NAME_SCRIPT_UNSUPPORTED);
    expect(codeOf(() => checkDataBankQuery(named('Testov', 'Тestov')))).toBe(ErrorCode.NAME_SCRIPT_UNSUPPORTED);
    expect(codeOf(() => checkDataBankQuery(named("-'-")))).toBe(ErrorCode.NAME_NO_LETTERS);
  });

  it('refuses oversized queries with ERR_QUERY_INVALID', () => {
    const many = { names: Array.from({ length: 11 }, () => ({ parts: [{ value: 'Testov' }] })) };
    expect(codeOf(() => checkDataBankQuery(many))).toBe(ErrorCode.QUERY_INVALID);
    expect(codeOf(() => checkDataBankQuery(named(...Array.from({ length: 9 }, () => 'Testov'))))).toBe(
      ErrorCode.QUERY_INVALID,
    );
    expect(codeOf(() => checkDataBankQuery(named('T'.repeat(101))))).toBe(ErrorCode.QUERY_INVALID);
    expect(
      codeOf(() =>
        checkDataBankQuery({ ...named('Testov'), documents: Array.from({ length: 11 }, () => ({ number: 'N1' })) }),
      ),
    ).toBe(ErrorCode.QUERY_INVALID);
  });
});

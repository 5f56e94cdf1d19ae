import { describe, expect, it } from 'vitest';
import { atc } from '../proto/protobuf.js';
import { RefusalError } from '../errors/atc-error.js';
import { RefusalCode } from '../errors/refusal-codes.js';
import { validatePayload } from './payload-rules.js';

const { RECEIPT_STATUS_ACCEPTED: ACCEPTED, RECEIPT_STATUS_REJECTED: REJECTED } = atc.v1.ReceiptStatus;

function receipt(messageId: string, status: atc.v1.ReceiptStatus, digestBytes: number): atc.v1.Receipt {
  return atc.v1.Receipt.create({
    nonce: new Uint8Array(16),
    messageId,
    status,
    envelopeSha256: new Uint8Array(digestBytes),
  });
}

describe('Receipt.messageId', () => {
  it('may be empty in a REJECTED receipt that names the refused bytes by digest', () => {
    expect(() => {
      validatePayload('atc.v1.Receipt', receipt('', REJECTED, 32));
    }).not.toThrow();
  });

  it.each([
    ['an ACCEPTED receipt', receipt('', ACCEPTED, 32)],
    ['a REJECTED receipt without a digest', receipt('', REJECTED, 0)],
    ['a REJECTED receipt with a short digest', receipt('', REJECTED, 16)],
    ['a REJECTED receipt naming no UUIDv7', receipt('abc', REJECTED, 32)],
  ])('is required in %s', (_name, r) => {
    expect(() => {
      validatePayload('atc.v1.Receipt', r);
    }).toThrow(RefusalError);
  });
});

describe('PurgeAck', () => {
  const valid = (): atc.v1.PurgeAck.$Properties => ({
    nonce: new Uint8Array(16),
    withdrawalMessageId: '019bc114-b6a8-7000-8000-000000000006',
    originator: 'KZ',
    recordId: 'KZ-P-0001',
    versions: [1, 2, 4],
    erasedAt: { seconds: 1_768_469_402, nanos: 0 },
    count: 0,
  });
  const check = (changes: Partial<atc.v1.PurgeAck.$Properties>): (() => void) => {
    return () => {
      validatePayload('atc.v1.PurgeAck', atc.v1.PurgeAck.create({ ...valid(), ...changes }));
    };
  };

  it('accepts ascending versions, an erasure time and a count of 0', () => {
    expect(check({})).not.toThrow();
  });

  it.each([
    ['a withdrawal id that is not a UUIDv7', { withdrawalMessageId: 'not-a-uuid' }, 'PurgeAck.withdrawalMessageId'],
    [
      'a withdrawal id in upper case',
      { withdrawalMessageId: '019BC114-B6A8-7000-8000-000000000006' },
      'PurgeAck.withdrawalMessageId',
    ],
    ['no originator', { originator: '' }, 'PurgeAck.originator'],
    ['an originator that is not a member id', { originator: 'kz' }, 'PurgeAck.originator'],
    ['no record id', { recordId: ' ' }, 'PurgeAck.recordId'],
    ['no version', { versions: [] }, 'PurgeAck.versions'],
    ['version 0', { versions: [0, 1] }, 'PurgeAck.versions[0]'],
    ['versions out of order', { versions: [2, 1] }, 'PurgeAck.versions[1]'],
    ['a repeated version', { versions: [1, 2, 2] }, 'PurgeAck.versions[2]'],
    ['no erasure time', { erasedAt: null }, 'PurgeAck.erasedAt'],
    ['an erasure time out of range', { erasedAt: { seconds: 0, nanos: 1_000_000_000 } }, 'PurgeAck.erasedAt.nanos'],
  ])('refuses %s naming the field', (_name, changes, field) => {
    let error: unknown;
    try {
      check(changes)();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RefusalError);
    expect((error as RefusalError).code).toBe('ERR_PAYLOAD_MALFORMED');
    expect((error as RefusalError).field).toBe(field);
  });
});

describe('PersonRecord names and documents', () => {
  const name = (script: string, ...values: string[]): atc.v1.PersonName.$Properties => ({
    script,
    parts: values.map((value) => ({ type: atc.v1.NamePartType.NAME_PART_TYPE_FAMILY, value })),
  });
  const refusalOf = (changes: Partial<atc.v1.PersonRecord.$Properties>): { message: string; field: string } => {
    try {
      validatePayload(
        'atc.v1.PersonRecord',
        atc.v1.PersonRecord.create({
          nonce: new Uint8Array(16),
          recordId: 'KZ-P-TEST-1',
          version: 1,
          category: atc.v1.PersonCategory.PERSON_CATEGORY_SUSPECT,
          names: [name('Latn', 'Testov')],
          ...changes,
        }),
      );
    } catch (e) {
      if (e instanceof RefusalError && e.code === RefusalCode.PAYLOAD_MALFORMED)
        return { message: e.message, field: e.field ?? '' };
      throw e;
    }
    throw new Error('expected a refusal');
  };
  const ok = name('Cyrl', 'Тестов');
  const document = { type: 1, number: 'TEST0001', issuingCountry: 'KZ', issuedOn: { year: 2010, month: 5 } };

  it.each([
    [
      'a name part left blank',
      { names: [ok, name('Latn', 'Testov', ' ')] },
      'PersonRecord.names[1].parts[1].value',
      'is required',
    ],
    ['a name without parts', { names: [ok, name('Latn')] }, 'PersonRecord.names[1].parts', 'needs at least one part'],
    ['a name in no script', { aliases: [name('latin', 'Testov')] }, 'PersonRecord.aliases[0].script', 'ISO 15924'],
    [
      'a name of 21 parts',
      { names: [name('Latn', ...Array.from({ length: 21 }, (_, i) => `Part${i}`))] },
      'PersonRecord.names[0].parts',
      'has 21 entries; at most 20',
    ],
    [
      'a document without number',
      { documents: [document, { ...document, number: '' }] },
      'PersonRecord.documents[1].number',
      'is required',
    ],
    [
      'a document of no country',
      { documents: [{ ...document, issuingCountry: 'kz' }] },
      'PersonRecord.documents[0].issuingCountry[0]',
      'ISO 3166-1',
    ],
    [
      'a document issued in month 13',
      { documents: [{ ...document, issuedOn: { year: 2010, month: 13 } }] },
      'PersonRecord.documents[0].issuedOn.month',
      'must be 1-12',
    ],
    [
      'a document expiring on a day of no month',
      { documents: [{ ...document, expiresOn: { year: 2030, day: 3 } }] },
      'PersonRecord.documents[0].expiresOn.day',
      'needs a month',
    ],
  ])('refuses %s, naming the field', (_what, changes, field, problem) => {
    const refusal = refusalOf(changes);
    expect(refusal.field).toBe(field);
    expect(refusal.message.startsWith(`${field} `)).toBe(true);
    expect(refusal.message).toContain(problem);
  });
});

describe('DataBankQuery', () => {
  const person = (script: string, ...values: string[]): atc.v1.PersonName.$Properties => ({
    script,
    parts: values.map((value, i) => ({
      type: i === 0 ? atc.v1.NamePartType.NAME_PART_TYPE_FAMILY : atc.v1.NamePartType.NAME_PART_TYPE_GIVEN,
      value,
    })),
  });
  const check = (changes: Partial<atc.v1.DataBankQuery.$Properties>): (() => void) => {
    return () => {
      validatePayload(
        'atc.v1.DataBankQuery',
        atc.v1.DataBankQuery.create({
          nonce: new Uint8Array(16),
          names: [person('Cyrl', 'Тестов', 'Пример')],
          ...changes,
        }),
      );
    };
  };
  const codeOf = (f: () => void): { code: string; field: string | undefined } => {
    try {
      f();
    } catch (e) {
      if (e instanceof RefusalError) return { code: e.code, field: e.field };
      throw e;
    }
    throw new Error('expected a refusal');
  };

  it.each([
    ['a Cyrillic name', {}],
    ['an Armenian name', { names: [person('Armn', 'Թեստյան')] }],
    ['a document number alone', { names: [], documents: [{ number: 'N0000001' }] }],
    ['a two-letter name part', { names: [person('Latn', 'Li')] }],
    ['the largest limit', { limit: 50 }],
    ['no limit (the default)', { limit: 0 }],
  ])('accepts %s', (_name, changes) => {
    expect(check(changes)).not.toThrow();
  });

  it.each([
    ['a single letter', { names: [person('Latn', 'T')] }, RefusalCode.QUERY_TOO_BROAD, 'DataBankQuery.names'],
    [
      'only a year of birth',
      { names: [], dateOfBirth: { year: 1980 } },
      RefusalCode.QUERY_TOO_BROAD,
      'DataBankQuery.names',
    ],
    [
      'only sex and nationality',
      { names: [], sex: atc.v1.Sex.SEX_MALE, nationalities: ['KZ'] },
      RefusalCode.QUERY_TOO_BROAD,
      'DataBankQuery.names',
    ],
    ['a limit of 51', { limit: 51 }, RefusalCode.QUERY_LIMIT_INVALID, 'DataBankQuery.limit'],
    ['an absurd limit', { limit: 4_000_000_000 }, RefusalCode.QUERY_LIMIT_INVALID, 'DataBankQuery.limit'],
    [
      'a name in a script the search does not read',
      { names: [person('Grek', 'Τεστόπουλος')] },
      RefusalCode.QUERY_NAME_UNREADABLE,
      'DataBankQuery.names[0].parts[0].value',
    ],
    [
      'a name part of digits only',
      { names: [person('Latn', 'Testov', '1234')] },
      RefusalCode.QUERY_NAME_UNREADABLE,
      'DataBankQuery.names[0].parts[1].value',
    ],
    [
      'a name part mixing scripts',
      { names: [person('Latn', 'TestovТестов')] },
      RefusalCode.QUERY_NAME_UNREADABLE,
      'DataBankQuery.names[0].parts[0].value',
    ],
    [
      'a name without its script code',
      { names: [person('', 'Testov')] },
      RefusalCode.PAYLOAD_MALFORMED,
      'DataBankQuery.names[0].script',
    ],
    [
      'a document without number',
      { documents: [{ number: ' ' }] },
      RefusalCode.PAYLOAD_MALFORMED,
      'DataBankQuery.documents[0].number',
    ],
    [
      'a nationality that is not a country',
      { nationalities: ['kz'] },
      RefusalCode.PAYLOAD_MALFORMED,
      'DataBankQuery.nationalities[0]',
    ],
  ])('refuses %s with its code and field', (_name, changes, code, field) => {
    expect(codeOf(check(changes))).toEqual({ code, field });
  });
});

describe('DataBankResult', () => {
  const check = (hit: atc.v1.DataBankHit.$Properties): (() => void) => {
    return () => {
      validatePayload(
        'atc.v1.DataBankResult',
        atc.v1.DataBankResult.create({
          nonce: new Uint8Array(16),
          queryMessageId: '019bc114-b6a8-7000-8000-000000000012',
          hits: [hit],
        }),
      );
    };
  };
  const ref = { originator: 'KZ', recordId: 'KZ-P-0001', version: 1 };

  it('accepts a restricted hit with nothing but its reference and score', () => {
    expect(check({ record: ref, score: 900, restricted: true })).not.toThrow();
  });

  it.each([
    ['a restricted hit that carries an envelope', { record: ref, restricted: true, envelope: new Uint8Array([1]) }],
    ['a restricted hit that carries reasons', { record: ref, restricted: true, reasons: ['family name equal'] }],
    ['a score over 1000', { record: ref, score: 1001 }],
    ['a hit without its record', { score: 10 }],
  ])('refuses %s', (_name, hit) => {
    expect(check(hit)).toThrow(RefusalError);
  });

  const refused = (changes: Partial<atc.v1.DataBankResult.$Properties>): (() => void) => {
    return () => {
      validatePayload(
        'atc.v1.DataBankResult',
        atc.v1.DataBankResult.create({
          nonce: new Uint8Array(16),
          queryMessageId: '019bc114-b6a8-7000-8000-000000000012',
          refusalCode: 'ERR_RATE_LIMITED',
          refusalDetail: 'Too many queries; send it again in 2 s.',
          retryAfterSeconds: 2,
          ...changes,
        }),
      );
    };
  };

  it('accepts a refusal with its code, its sentence and no hits', () => {
    expect(refused({})).not.toThrow();
  });

  it.each([
    ['a refusal code outside the catalogue form', { refusalCode: 'rate limited' }],
    ['a refusal that carries hits', { hits: [{ record: ref, score: 900, restricted: true }] }],
  ])('refuses %s', (_name, changes) => {
    expect(refused(changes)).toThrow(RefusalError);
  });
});

describe('record lists', () => {
  const name = (parts = 2): atc.v1.PersonName.$Properties => ({
    script: 'Latn',
    parts: Array.from({ length: parts }, (_, i) => ({ type: 0, value: `Testov${String.fromCharCode(97 + i)}` })),
  });
  const person = (changes: Partial<atc.v1.PersonRecord.$Properties>) =>
    atc.v1.PersonRecord.create({
      nonce: new Uint8Array(16),
      recordId: 'KZ-P-0001',
      version: 1,
      category: atc.v1.PersonCategory.PERSON_CATEGORY_SUSPECT,
      names: [name()],
      ...changes,
    });
  const organization = (changes: Partial<atc.v1.OrganizationRecord.$Properties>) =>
    atc.v1.OrganizationRecord.create({
      nonce: new Uint8Array(16),
      recordId: 'KZ-O-0001',
      version: 1,
      category: atc.v1.OrganizationCategory.ORGANIZATION_CATEGORY_TERRORIST,
      names: [{ value: 'Testov Group', script: 'Latn' }],
      ...changes,
    });
  const many = <T>(n: number, item: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => item(i));
  const country = (i: number) => String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26));
  const passport = (i: number) => ({ type: 1, number: `TEST${i}`, issuingCountry: 'KZ' });
  const ref = (i: number) => ({ originator: 'KZ', recordId: `KZ-P-${i}` });
  const refusal = (run: () => void) => {
    try {
      run();
    } catch (e) {
      return e as RefusalError;
    }
    return undefined;
  };

  it.each([
    ['PersonRecord.names', (n: number) => person({ names: many(n, () => name()) })],
    ['PersonRecord.aliases', (n: number) => person({ aliases: many(n, () => name()) })],
    ['PersonRecord.documents', (n: number) => person({ documents: many(n, passport) })],
    ['PersonRecord.nationalities', (n: number) => person({ nationalities: many(n, country) })],
    ['PersonRecord.related', (n: number) => person({ related: many(n, ref) })],
    ['PersonRecord.names[0].parts', (n: number) => person({ names: [name(n / 5)] })],
    [
      'OrganizationRecord.names',
      (n: number) => organization({ names: many(n, (i) => ({ value: `G${i}`, script: 'Latn' })) }),
    ],
    ['OrganizationRecord.countries', (n: number) => organization({ countries: many(n, country) })],
    ['OrganizationRecord.designations', (n: number) => organization({ designations: many(n, () => ({})) })],
  ] as const)('%s: 100 entries are accepted, 101 refused naming the field', (field, record) => {
    const type = field.startsWith('Person') ? 'atc.v1.PersonRecord' : 'atc.v1.OrganizationRecord';
    // Name parts are bounded at a fifth: 20 accepted, 21 refused (100 / 5 and 105 / 5).
    const [atBound, over] = field.endsWith('parts') ? [100, 105] : [100, 101];
    expect(
      refusal(() => {
        validatePayload(type, record(atBound) as never);
      }),
    ).toBeUndefined();
    const e = refusal(() => {
      validatePayload(type, record(over) as never);
    });
    expect(e).toBeInstanceOf(RefusalError);
    expect(e).toMatchObject({ code: RefusalCode.PAYLOAD_MALFORMED, field });
    expect(e!.message).toMatch(/has \d+ entries; at most (100|20) are allowed/);
  });

  it('leaves a search query to its own, tighter bounds and their sentence', () => {
    const query = atc.v1.DataBankQuery.create({
      nonce: new Uint8Array(16),
      names: many(101, () => name()),
    });
    const e = refusal(() => {
      validatePayload('atc.v1.DataBankQuery', query);
    });
    expect(e?.message).toMatch(/A search takes at most 10 names/);
  });
});

import { describe, expect, it } from 'vitest';
import { JsonFieldsError, payloadFromJson, PayloadType, RefusalCode, RefusalError, atc } from '../index.js';
import { type JsonFieldProblem } from './json-fields-error.js';
import { FIXTURE_TIME } from '../testing/index.js';

/** A PersonRecord as an integrator would write it after reading the schema. */
function person(): Record<string, unknown> {
  return {
    recordId: 'KZ-P-0001',
    version: 1,
    category: 'SUSPECT',
    names: [
      {
        script: 'Cyrl',
        language: 'ru',
        parts: [
          { type: 'FAMILY', value: 'Тестов' },
          { type: 'GIVEN', value: 'Иван' },
        ],
      },
      { script: 'Latn', parts: [{ type: 'NAME_PART_TYPE_FAMILY', value: 'Testov' }] },
    ],
    dateOfBirth: { year: 1990, month: 4 },
    sex: 'MALE',
    nationalities: ['KZ'],
  };
}

/** The problems payloadFromJson reports for `json`, read with the `record` prefix. */
function problemsOf(type: PayloadType, json: unknown, options: { input?: boolean } = {}): readonly JsonFieldProblem[] {
  try {
    payloadFromJson(type, json, { path: 'record', ...options });
  } catch (e) {
    expect(e).toBeInstanceOf(JsonFieldsError);
    expect(e).toBeInstanceOf(RefusalError);
    expect((e as JsonFieldsError).code).toBe(RefusalCode.PAYLOAD_MALFORMED);
    return (e as JsonFieldsError).errors;
  }
  throw new Error('expected payloadFromJson to refuse the JSON');
}

const one = (field: string, message: string): JsonFieldProblem[] => [
  { field, message: expect.stringContaining(message) as string },
];

describe('payloadFromJson', () => {
  it('converts names, enums and nested messages to what the encoder takes', () => {
    expect(payloadFromJson(PayloadType.PersonRecord, person())).toEqual({
      recordId: 'KZ-P-0001',
      version: 1,
      category: atc.v1.PersonCategory.PERSON_CATEGORY_SUSPECT,
      names: [
        {
          script: 'Cyrl',
          language: 'ru',
          parts: [
            { type: atc.v1.NamePartType.NAME_PART_TYPE_FAMILY, value: 'Тестов' },
            { type: atc.v1.NamePartType.NAME_PART_TYPE_GIVEN, value: 'Иван' },
          ],
        },
        { script: 'Latn', parts: [{ type: atc.v1.NamePartType.NAME_PART_TYPE_FAMILY, value: 'Testov' }] },
      ],
      dateOfBirth: { year: 1990, month: 4 },
      sex: atc.v1.Sex.SEX_MALE,
      nationalities: ['KZ'],
    });
  });

  it('reads RFC 3339 with an offset and nanoseconds exactly', () => {
    const notice = { recordId: 'KZ-N-1', version: 1, category: 'ALERT', title: 't' };
    const at = (validUntil: string): unknown =>
      payloadFromJson(PayloadType.Notice, { ...notice, validUntil }).validUntil;
    expect(at('2026-01-15T12:30:00.123456789+03:00')).toEqual({ seconds: FIXTURE_TIME / 1000, nanos: 123_456_789 });
    expect(at('2026-01-15T09:30:00Z')).toEqual({ seconds: FIXTURE_TIME / 1000, nanos: 0 });
    expect(at('0001-01-01T00:00:00Z')).toEqual({ seconds: -62_135_596_800, nanos: 0 });
  });

  it('reads base64 bytes and the nonce in the output form', () => {
    const receipt = payloadFromJson(
      PayloadType.Receipt,
      { nonce: 'AAECAwQFBgcICQoLDA0ODw==', messageId: 'm', status: 'ACCEPTED', inclusionProof: ['qrvM3Q', '3cy7qg=='] },
      { input: false },
    );
    expect(receipt.nonce).toEqual(Uint8Array.from({ length: 16 }, (_, i) => i));
    expect(receipt.inclusionProof).toEqual([
      Uint8Array.of(0xaa, 0xbb, 0xcc, 0xdd),
      Uint8Array.of(0xdd, 0xcc, 0xbb, 0xaa),
    ]);
  });

  it('passes Cyrillic and Latin text through unchanged', () => {
    const text = 'Тестов Иван Примерович / Testov Ivan Primerovich — «Ёё» ăşţ 🙂';
    const record = payloadFromJson(PayloadType.Notice, {
      recordId: 'KZ-N-1',
      version: 1,
      category: 'GENERAL',
      title: text,
      body: text,
    });
    expect(record.title).toBe(text);
    expect(record.body).toBe(text);
  });

  it('refuses an unknown field, and suggests the name meant', () => {
    expect(problemsOf(PayloadType.PersonRecord, { ...person(), nickname: 'x' })).toEqual(
      one('record.nickname', 'is not a field of PersonRecord'),
    );
    expect(problemsOf(PayloadType.PersonRecord, { ...person(), place_of_birth: 'x' })).toEqual(
      one('record.place_of_birth', 'is not a field of PersonRecord (did you mean placeOfBirth?)'),
    );
    expect(problemsOf(PayloadType.PersonRecord, JSON.parse('{"__proto__": {"x": 1}, "constructor": 1}'))).toEqual([
      { field: 'record.__proto__', message: 'is not a field of PersonRecord' },
      { field: 'record.constructor', message: 'is not a field of PersonRecord' },
    ]);
  });

  it('refuses the nonce from integrators: the agent sets it', () => {
    expect(problemsOf(PayloadType.PersonRecord, { ...person(), nonce: 'AAAAAAAAAAAAAAAAAAAAAA==' })).toEqual(
      one('record.nonce', 'is set by the node agent'),
    );
  });

  it('refuses values of the wrong type', () => {
    expect(problemsOf(PayloadType.PersonRecord, { ...person(), version: '1' })).toEqual(
      one('record.version', 'must be an integer from 0 to 4294967295, got the string "1"'),
    );
    expect(problemsOf(PayloadType.PersonRecord, { ...person(), nationalities: 'KZ' })).toEqual(
      one('record.nationalities', 'must be an array, got the string "KZ"'),
    );
    expect(problemsOf(PayloadType.PersonRecord, { ...person(), dateOfBirth: 1990 })).toEqual(
      one('record.dateOfBirth', 'must be a JSON object (a PartialDate), got the number 1990'),
    );
    expect(problemsOf(PayloadType.PersonRecord, { ...person(), summary: null })).toEqual(
      one('record.summary', 'must be a string (leave a field without a value out rather than sending null), got null'),
    );
    expect(problemsOf(PayloadType.Notice, { validUntil: 1_768_469_400 })).toEqual(
      one('record.validUntil', 'must be an RFC 3339 date-time string, got the number 1768469400'),
    );
    expect(problemsOf(PayloadType.Notice, { validUntil: { seconds: 1_768_469_400 } })).toEqual(
      one('record.validUntil', 'must be an RFC 3339 date-time string, got an object'),
    );
    expect(problemsOf(PayloadType.PersonRecord, [person()])).toEqual(
      one('record', 'must be a JSON object (a PersonRecord), got an array'),
    );
  });

  it('refuses an unknown enum value, listing the allowed short names', () => {
    expect(problemsOf(PayloadType.PersonRecord, { ...person(), category: 'SUSPEKT' })).toEqual(
      one(
        'record.category',
        'must be one of SUSPECT, WANTED, CONVICTED, FOREIGN_FIGHTER, MEMBER, ASSOCIATE, AT_RISK (the full names such as PERSON_CATEGORY_SUSPECT work too), got "SUSPEKT"',
      ),
    );
    // Case-sensitive, and numbers are not names.
    expect(problemsOf(PayloadType.PersonRecord, { ...person(), category: 'suspect' })).toHaveLength(1);
    expect(problemsOf(PayloadType.PersonRecord, { ...person(), category: 1 })).toEqual(
      one('record.category', 'must be a PersonCategory name, one of SUSPECT,'),
    );
  });

  it.each(['PERSON_CATEGORY_UNSPECIFIED', 'UNSPECIFIED'])('refuses the enum value %s', (name) => {
    expect(problemsOf(PayloadType.PersonRecord, { ...person(), category: name })).toEqual(
      one('record.category', `must not be ${name}: omit the field when it has no value, or use one of SUSPECT,`),
    );
  });

  it.each([
    ['2026-01-15 09:30:00Z', 'must be an RFC 3339 date-time'],
    ['2026-01-15T09:30:00', 'must be an RFC 3339 date-time'],
    ['15.01.2026', 'must be an RFC 3339 date-time'],
    ['2026-02-30T09:30:00Z', 'has day 30, which month 2 of 2026 does not have'],
    ['2026-13-01T09:30:00Z', 'has month 13'],
    ['2026-01-15T24:00:00Z', 'has the time 24:00'],
    ['2026-12-31T23:59:60Z', 'leap second'],
    ['2026-01-15T09:30:00+24:00', 'has the offset +24:00'],
    ['0000-12-31T00:00:00Z', 'years 0001 to 9999'],
    ['0001-01-01T00:00:00+01:00', 'years 0001 to 9999'],
  ])('refuses the date-time %s', (occurredAt, message) => {
    const report = { recordId: 'KZ-I-1', version: 1, category: 'THREAT', title: 't', occurredAt };
    expect(problemsOf(PayloadType.IncidentReport, report)).toEqual(one('record.occurredAt', message));
  });

  it('refuses integers out of range', () => {
    expect(problemsOf(PayloadType.PersonRecord, { ...person(), version: -1 })).toEqual(
      one('record.version', 'must be an integer from 0 to 4294967295, got -1'),
    );
    expect(problemsOf(PayloadType.PersonRecord, { ...person(), version: 2 ** 32 })).toEqual(
      one('record.version', 'got 4294967296'),
    );
    expect(problemsOf(PayloadType.PersonRecord, { ...person(), version: 1.5 })).toEqual(
      one('record.version', 'got 1.5'),
    );
    expect(problemsOf(PayloadType.Receipt, { leafIndex: 2 ** 53 })).toEqual(
      one('record.leafIndex', 'must be an integer from 0 to 9007199254740991'),
    );
  });

  it('refuses too long strings and arrays, counting characters as JSON Schema does', () => {
    expect(problemsOf(PayloadType.PersonRecord, { ...person(), recordId: 'K'.repeat(129) })).toEqual(
      one('record.recordId', 'must be at most 128 characters, got 129'),
    );
    expect(
      payloadFromJson(PayloadType.PersonRecord, { ...person(), recordId: '🙂'.repeat(128) }).recordId,
    ).toHaveLength(256);
    expect(problemsOf(PayloadType.PersonRecord, { ...person(), summary: 'Ж'.repeat(10_001) })).toEqual(
      one('record.summary', 'must be at most 10000 characters, got 10001'),
    );
    expect(
      problemsOf(PayloadType.PersonRecord, { ...person(), nationalities: Array<string>(1001).fill('KZ') }),
    ).toEqual(one('record.nationalities', 'must have at most 1000 items, got 1001'));
  });

  it('refuses text that no UTF-8 can carry', () => {
    expect(problemsOf(PayloadType.PersonRecord, JSON.parse('{"summary": "a\\ud800b"}'))).toEqual(
      one('record.summary', 'unpaired UTF-16 surrogate'),
    );
  });

  it('refuses bad base64', () => {
    for (const bad of ['***', 'QR==', 'A', 'AA=A', 'A'.repeat(1372)]) {
      expect(problemsOf(PayloadType.Receipt, { envelopeSha256: bad })).toEqual(one('record.envelopeSha256', 'must be'));
    }
  });

  it('names an error inside an array element by its full path', () => {
    const json = person();
    json['names'] = [
      { script: 'Latn', parts: [{ type: 'GIVEN', value: 'Ivan' }] },
      {
        script: 'Cyrl',
        parts: [
          { type: 'GIVEN', value: 'Иван' },
          { type: 'SURNAME', value: 'Тестов' },
        ],
      },
    ];
    expect(problemsOf(PayloadType.PersonRecord, json)).toEqual(
      one('record.names[1].parts[1].type', 'must be one of GIVEN, FAMILY, PATRONYMIC, MIDDLE, OTHER'),
    );
  });

  it('reports every problem at once, in document order, in the message too', () => {
    const json = {
      ...person(),
      version: -1,
      category: 'PERSON_CATEGORY_UNSPECIFIED',
      names: [{ script: 'Latn', parts: [{ type: 'GIVEN', value: 7 }], spelling: 'x' }],
      dateOfBirth: { year: '1990' },
      nickname: 'x',
    };
    let error: JsonFieldsError | undefined;
    try {
      payloadFromJson(PayloadType.PersonRecord, json, { path: 'record' });
    } catch (e) {
      error = e as JsonFieldsError;
    }
    expect(error?.errors.map((e) => e.field)).toEqual([
      'record.version',
      'record.category',
      'record.names[0].parts[0].value',
      'record.names[0].spelling',
      'record.dateOfBirth.year',
      'record.nickname',
    ]);
    expect(error?.field).toBeUndefined();
    expect(error?.message).toMatch(/^the PersonRecord JSON has 6 invalid fields: record\.version must be/);
    for (const field of error?.errors ?? []) expect(error?.message).toContain(field.field);
  });

  it('sets field on the error when there is exactly one problem, and paths without a prefix by default', () => {
    let error: unknown;
    try {
      payloadFromJson(PayloadType.PersonRecord, { ...person(), version: -1 });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ field: 'version', errors: [{ field: 'version' }] });
    expect((error as Error).message).toMatch(/^the PersonRecord JSON has 1 invalid field: version must be an integer/);
  });

  it('lists at most 100 problems and counts the rest', () => {
    const json = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`extra${i}`, i]));
    let error: JsonFieldsError | undefined;
    try {
      payloadFromJson(PayloadType.Notice, json);
    } catch (e) {
      error = e as JsonFieldsError;
    }
    expect(error?.errors).toHaveLength(100);
    expect(error?.message).toMatch(/has 150 invalid fields: .*; and 50 more/);
  });
});

import AjvCompiler from '@fastify/ajv-compiler';
import { describe, expect, it } from 'vitest';
import { payloadJsonSchema, payloadToJson, PayloadType } from '../index.js';
import { payloadTypes } from '../proto/payload-types.js';
import { dataRecordTypes } from './data-record-types.js';
import { type JsonSchema } from './record-json-schema.js';
import { fixturePayloads, fixtureRequest } from '../testing/index.js';

// Ajv 8 as fastify builds it for route schemas. The root `ajv` package is eslint's Ajv 6,
// so the test takes fastify's own compiler (hoisted to the root node_modules).
const buildCompiler = AjvCompiler();
const strictAjv = buildCompiler(
  {},
  { customOptions: { strict: true, allErrors: true, coerceTypes: false, removeAdditional: false } },
);
const fastifyDefaultAjv = buildCompiler({}, { customOptions: {} });

function validator(schema: JsonSchema, compile = strictAjv): (data: unknown) => string[] {
  const validate = compile({ schema });
  return (data) => {
    if (validate(data) === true) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
  };
}

const person = (): Record<string, unknown> =>
  payloadToJson(PayloadType.PersonRecord, fixturePayloads[PayloadType.PersonRecord]);

describe('payloadJsonSchema', () => {
  it.each(payloadTypes)('compiles under strict Ajv 8 for %s, in both forms', (type) => {
    expect(() => validator(payloadJsonSchema(type))).not.toThrow();
    expect(() => validator(payloadJsonSchema(type, { input: false }))).not.toThrow();
  });

  it.each(dataRecordTypes)('accepts the JSON of the %s fixture', (type) => {
    expect(validator(payloadJsonSchema(type))(payloadToJson(type, fixturePayloads[type]))).toEqual([]);
  });

  it.each(payloadTypes)('describes what payloadToJson writes for %s, nonce included', (type) => {
    const json = payloadToJson(type, fixtureRequest(type, 7).payload);
    expect(json['nonce']).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(validator(payloadJsonSchema(type, { input: false }))(json)).toEqual([]);
  });

  it('lists the data record types, and only those', () => {
    expect(dataRecordTypes).toEqual([
      PayloadType.PersonRecord,
      PayloadType.OrganizationRecord,
      PayloadType.IncidentReport,
      PayloadType.InformationRequest,
      PayloadType.InformationResponse,
      PayloadType.RecordWithdrawal,
      PayloadType.Notice,
    ]);
  });

  it('names fields in lowerCamelCase and states their limits', () => {
    const schema = payloadJsonSchema(PayloadType.PersonRecord);
    const props = schema.properties ?? {};
    expect(Object.keys(props)).toContain('dateOfBirth');
    expect(props['nonce']).toBeUndefined();
    expect(props['recordId']).toEqual({ type: 'string', maxLength: 128 });
    expect(props['summary']).toEqual({ type: 'string', maxLength: 10_000 });
    expect(props['version']).toEqual({ type: 'integer', minimum: 0, maximum: 4_294_967_295 });
    expect(props['names']).toMatchObject({
      type: 'array',
      maxItems: 1000,
      items: { title: 'PersonName', additionalProperties: false },
    });
    const partType = props['names']?.items?.properties?.['parts']?.items?.properties?.['type'];
    expect(partType?.enum).toContain('GIVEN');
    expect(partType?.enum).toContain('NAME_PART_TYPE_GIVEN');
    expect(partType?.enum).not.toContain('UNSPECIFIED');
    expect(partType?.enum).not.toContain('NAME_PART_TYPE_UNSPECIFIED');
    expect(schema).toMatchObject({ type: 'object', title: 'PersonRecord', additionalProperties: false });
  });

  it('gives the output form the nonce, short enum names only and the 64-bit range', () => {
    const schema = payloadJsonSchema(PayloadType.Receipt, { input: false });
    expect(schema.properties?.['nonce']).toMatchObject({ type: 'string', contentEncoding: 'base64' });
    expect(schema.properties?.['status']?.enum).toEqual(['ACCEPTED', 'REJECTED', 'DELIVERED']);
    expect(schema.properties?.['leafIndex']).toEqual({ type: 'integer', minimum: 0, maximum: 2 ** 53 - 1 });
    expect(schema.properties?.['inclusionProof']?.items).toMatchObject({
      type: 'string',
      pattern: expect.any(String) as string,
    });
  });

  it('refuses what payloadFromJson refuses, naming the field', () => {
    const validate = validator(payloadJsonSchema(PayloadType.PersonRecord));
    expect(validate({ ...person(), nickname: 'x' })).toEqual([' must NOT have additional properties']);
    expect(validate({ ...person(), nonce: 'AAAAAAAAAAAAAAAAAAAAAA==' })).toEqual([
      ' must NOT have additional properties',
    ]);
    expect(validate({ ...person(), category: 'PERSON_CATEGORY_UNSPECIFIED' })).toEqual([
      '/category must be equal to one of the allowed values',
    ]);
    expect(validate({ ...person(), category: 'PERSON_CATEGORY_WANTED' })).toEqual([]);
    expect(validate({ ...person(), version: -1 })).toEqual(['/version must be >= 0']);
    expect(validate({ ...person(), recordId: 'x'.repeat(129) })).toEqual([
      '/recordId must NOT have more than 128 characters',
    ]);
    const incident = validator(payloadJsonSchema(PayloadType.IncidentReport));
    const report = payloadToJson(PayloadType.IncidentReport, fixturePayloads[PayloadType.IncidentReport]);
    expect(incident({ ...report, occurredAt: '2026-01-15 09:30:00' })).toHaveLength(1);
    expect(incident({ ...report, occurredAt: '2026-01-15T12:30:00.5+03:00' })).toEqual([]);
  });

  it('is needed in full: fastify with default Ajv options drops unknown fields instead of refusing them', () => {
    // Why payloadFromJson checks on its own, and why routes should set removeAdditional: false.
    const body = { ...person(), nickname: 'x', version: '2' };
    expect(validator(payloadJsonSchema(PayloadType.PersonRecord), fastifyDefaultAjv)(body)).toEqual([]);
    expect(body).not.toHaveProperty('nickname');
    expect(body.version).toBe(2);
  });
});

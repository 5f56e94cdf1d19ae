import { describe, expect, it } from 'vitest';
import { atc, JsonFieldsError, payloadFromJson, payloadToJson, PayloadType, type PayloadInput } from '../index.js';
import { decodePayload } from '../codec/decode-payload.js';
import { encodePayloadBytes, payloadTypes } from '../proto/payload-types.js';
import { dataRecordTypes } from './data-record-types.js';
import { fixtureNonce, fixturePayloads, fixtureRequest } from '../testing/index.js';

function problemsOf<T extends PayloadType>(type: T, payload: PayloadInput<T>): unknown {
  try {
    payloadToJson(type, payload, { path: 'record' });
  } catch (e) {
    expect(e).toBeInstanceOf(JsonFieldsError);
    return (e as JsonFieldsError).errors;
  }
  throw new Error('expected payloadToJson to refuse the payload');
}

describe('payloadToJson', () => {
  it.each(dataRecordTypes)('round-trips the %s fixture through the integrator form to the same bytes', (type) => {
    const { payload } = fixtureRequest(type, 3);
    const json = JSON.parse(JSON.stringify(payloadToJson(type, fixturePayloads[type], { input: true }))) as unknown;
    const read = payloadFromJson(type, json);
    expect(read).toEqual(fixturePayloads[type]);
    expect(encodePayloadBytes(type, { ...read, nonce: fixtureNonce(3) })).toEqual(encodePayloadBytes(type, payload));
  });

  it.each(payloadTypes)('round-trips a decoded %s, nonce included, to the same bytes', (type) => {
    const bytes = encodePayloadBytes(type, fixtureRequest(type, 4).payload);
    const json = JSON.parse(JSON.stringify(payloadToJson(type, decodePayload(type, bytes)))) as unknown;
    expect(encodePayloadBytes(type, payloadFromJson(type, json, { input: false }))).toEqual(bytes);
  });

  it('writes short enum names, RFC 3339 UTC with milliseconds and base64, and leaves defaults out', () => {
    const type = PayloadType.IncidentReport;
    const decoded = decodePayload(type, encodePayloadBytes(type, fixtureRequest(type, 5).payload));
    expect(payloadToJson(type, decoded)).toEqual({
      nonce: Buffer.from(fixtureNonce(5)).toString('base64'),
      recordId: 'KZ-I-0001',
      version: 1,
      category: 'BORDER_CROSSING',
      occurredAt: '2026-01-15T08:30:00.000Z',
      country: 'KZ',
      location: 'Fictional border post',
      title: 'Synthetic border crossing',
      related: [{ originator: 'KZ', recordId: 'KZ-P-0001', version: 1 }],
    });
  });

  it('writes Cyrillic and Latin text unchanged and keeps list items in place', () => {
    const json = payloadToJson(PayloadType.PersonRecord, fixturePayloads[PayloadType.PersonRecord]);
    expect(json['names']).toEqual([
      {
        script: 'Cyrl',
        language: 'ru',
        parts: [
          { type: 'FAMILY', value: 'Тестов' },
          { type: 'GIVEN', value: 'Иван' },
          { type: 'PATRONYMIC', value: 'Примерович' },
        ],
      },
      {
        script: 'Latn',
        parts: [
          { type: 'FAMILY', value: 'Testov' },
          { type: 'GIVEN', value: 'Ivan' },
          { type: 'PATRONYMIC', value: 'Primerovich' },
        ],
      },
    ]);
    expect(json['dateOfBirth']).toEqual({ year: 1990, month: 4 });
    expect(json['sex']).toBe('MALE');
  });

  it('writes a message that is present but empty, since presence changes the bytes', () => {
    const json = payloadToJson(PayloadType.PersonRecord, { recordId: 'KZ-P-1', dateOfBirth: {}, aliases: [{}] });
    expect(json).toEqual({ recordId: 'KZ-P-1', dateOfBirth: {}, aliases: [{}] });
  });

  it('refuses values JSON of protocol v1 cannot express, naming each', () => {
    expect(
      // category = 99; names[0].parts[0].type = 42: numbers a sender on a newer protocol could use.
      problemsOf(
        PayloadType.PersonRecord,
        atc.v1.PersonRecord.decode(Uint8Array.of(0x20, 99, 0x2a, 4, 0x0a, 2, 0x08, 42)),
      ),
    ).toEqual([
      { field: 'record.category', message: 'has the value 99, which PersonCategory does not define in protocol v1' },
      {
        field: 'record.names[0].parts[0].type',
        message: 'has the value 42, which NamePartType does not define in protocol v1',
      },
    ]);
    expect(problemsOf(PayloadType.Notice, { validUntil: { seconds: 253_402_300_800 } })).toEqual([
      { field: 'record.validUntil', message: 'is outside the years 0001 to 9999 that RFC 3339 text can hold' },
    ]);
  });
});

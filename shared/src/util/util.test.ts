import { describe, expect, it } from 'vitest';
import {
  atc,
  fromTimestamp,
  inboxConsumer,
  inboxDedupeId,
  inboxSubject,
  isMemberId,
  isUuidV7,
  memberOfSubmitSubject,
  reasonCodeOf,
  RefusalCode,
  refusalCodeOf,
  Streams,
  submitSubject,
  Subjects,
  toTimestamp,
  uuidv7,
} from '../index.js';
import { refusalAdvice } from '../errors/refusal-codes.js';
import { uuidv7From, uuidv7Time } from './uuid-v7.js';

describe('member ids', () => {
  it.each(['KZ', 'BY', 'CISEC', 'CSTO', 'A1', 'ABCDEFGHIJKLMNOP'])('accepts %s', (id) => {
    expect(isMemberId(id)).toBe(true);
  });
  it.each(['', 'K', 'kz', '1KZ', 'K-Z', 'ABCDEFGHIJKLMNOPQ', 'KZ ', 'КZ'])('refuses %j', (id) => {
    expect(isMemberId(id)).toBe(false);
  });
});

describe('UUIDv7', () => {
  it('makes valid, unique ids that sort in creation order', () => {
    const ids = Array.from({ length: 5000 }, () => uuidv7());
    expect(ids.every(isUuidV7)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
  it('encodes the creation time', () => {
    const t = Date.now() + 60_000;
    expect(uuidv7Time(uuidv7(t))).toBe(t);
  });
  it('derives the same valid id from the same time and seed, another from another seed', () => {
    const t = Date.UTC(2026, 0, 15);
    const id = uuidv7From(t, 'KZ/KZ-P-1 v1');
    expect(isUuidV7(id)).toBe(true);
    expect(uuidv7Time(id)).toBe(t);
    expect(uuidv7From(t, 'KZ/KZ-P-1 v1')).toBe(id);
    expect(uuidv7From(t, 'KZ/KZ-P-1 v2')).not.toBe(id);
    expect(uuidv7From(t + 1, 'KZ/KZ-P-1 v1')).not.toBe(id);
    for (let i = 0; i < 200; i++) expect(isUuidV7(uuidv7From(i * 997, String(i)))).toBe(true);
    expect(() => uuidv7From(-1, 'x')).toThrow(RangeError);
    expect(() => uuidv7From(1.5, 'x')).toThrow(RangeError);
    expect(() => uuidv7From(2 ** 48, 'x')).toThrow(RangeError);
  });
  it('refuses other UUID versions and forms', () => {
    expect(isUuidV7('3b241101-e2bb-4255-8caf-4136c566a962')).toBe(false);
    expect(isUuidV7('0190b1a2-7c3d-7abc-8def-0123456789AB')).toBe(false);
    expect(isUuidV7('0190b1a2-7c3d-7abc-cdef-0123456789ab')).toBe(false);
    expect(isUuidV7('0190b1a27c3d7abc8def0123456789ab')).toBe(false);
  });
});

describe('timestamps', () => {
  it('round-trip milliseconds', () => {
    for (const ms of [0, 1, 999, 1_764_000_000_123, -1500]) {
      expect(fromTimestamp(toTimestamp(ms))).toBe(ms);
    }
    expect(fromTimestamp(null)).toBeUndefined();
  });
});

describe('subjects', () => {
  it('follow DESIGN.md section 3', () => {
    expect(submitSubject('KZ')).toBe('atc.v1.submit.KZ');
    expect(inboxSubject('BY')).toBe('atc.v1.inbox.BY');
    expect(inboxConsumer('RU')).toBe('inbox-RU');
    expect(inboxDedupeId('m1', 'UZ')).toBe('m1:UZ');
    expect(Subjects.events).toBe('atc.v1.events');
    expect(Streams).toMatchObject({
      submit: 'ATC_SUBMIT',
      inbox: 'ATC_INBOX',
      trustBucket: 'ATC_TRUST',
      trustKey: 'trustlist',
    });
  });
  it('never build a subject from something that is not a member id', () => {
    expect(() => submitSubject('KZ.>')).toThrow(TypeError);
    expect(() => inboxSubject('*')).toThrow(TypeError);
  });
  it('read the member of a submit subject', () => {
    expect(memberOfSubmitSubject('atc.v1.submit.KZ')).toBe('KZ');
    expect(memberOfSubmitSubject('atc.v1.submit.kz')).toBeUndefined();
    expect(memberOfSubmitSubject('atc.v1.submit.KZ.x')).toBeUndefined();
    expect(memberOfSubmitSubject('atc.v1.inbox.KZ')).toBeUndefined();
  });
});

describe('refusal codes', () => {
  it('are exactly the wire ReasonCode values, in the same order', () => {
    const wire = Object.keys(atc.v1.ReasonCode)
      .filter((k) => k.startsWith('REASON_CODE_') && k !== 'REASON_CODE_UNSPECIFIED')
      .map((k) => `ERR_${k.slice('REASON_CODE_'.length)}`);
    expect(Object.values(RefusalCode)).toEqual(wire);
  });
  it('map both ways and each has advice', () => {
    for (const code of Object.values(RefusalCode)) {
      expect(refusalCodeOf(reasonCodeOf(code))).toBe(code);
      expect(refusalAdvice[code].length).toBeGreaterThan(10);
    }
    expect(refusalCodeOf(0)).toBeUndefined();
    expect(refusalCodeOf(9999)).toBeUndefined();
  });
});

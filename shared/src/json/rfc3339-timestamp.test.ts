import { describe, expect, it } from 'vitest';
import { formatRfc3339Timestamp, parseRfc3339Timestamp, RFC3339_MAX_LENGTH } from './rfc3339-timestamp.js';

describe('RFC 3339 timestamps', () => {
  it('reads offsets, fractions and leap days exactly', () => {
    expect(parseRfc3339Timestamp('1970-01-01T00:00:00Z')).toEqual({ ok: true, value: { seconds: 0, nanos: 0 } });
    expect(parseRfc3339Timestamp('1970-01-01T00:00:00.1-00:30')).toEqual({
      ok: true,
      value: { seconds: 1800, nanos: 100_000_000 },
    });
    expect(parseRfc3339Timestamp('2024-02-29T00:00:00Z')).toMatchObject({ ok: true });
    expect(parseRfc3339Timestamp('2023-02-29T00:00:00Z')).toMatchObject({ ok: false });
    expect(parseRfc3339Timestamp('0099-06-01T00:00:00Z')).toEqual({
      ok: true,
      value: { seconds: Date.parse('0099-06-01T00:00:00Z') / 1000, nanos: 0 },
    });
    expect(parseRfc3339Timestamp('9999-12-31T23:59:59.999999999Z')).toEqual({
      ok: true,
      value: { seconds: 253_402_300_799, nanos: 999_999_999 },
    });
  });

  it('refuses look-alikes', () => {
    for (const text of [
      '2026-01-15t09:30:00z',
      '2026-01-15T09:30Z',
      '2026-01-15T09:30:00.Z',
      '2026-01-15T09:30:00.1234567890Z',
      '２０２６-01-15T09:30:00Z',
    ]) {
      expect(parseRfc3339Timestamp(text)).toMatchObject({ ok: false });
    }
  });

  it('writes UTC with milliseconds, and nothing outside the protobuf range', () => {
    expect(formatRfc3339Timestamp(0, 1_999_999)).toBe('1970-01-01T00:00:00.001Z');
    expect(formatRfc3339Timestamp(-62_135_596_800, 0)).toBe('0001-01-01T00:00:00.000Z');
    expect(formatRfc3339Timestamp(-62_135_596_801, 0)).toBeUndefined();
    expect(formatRfc3339Timestamp(0, 1_000_000_000)).toBeUndefined();
    expect('9999-12-31T23:59:59.999999999+14:00').toHaveLength(RFC3339_MAX_LENGTH);
  });
});

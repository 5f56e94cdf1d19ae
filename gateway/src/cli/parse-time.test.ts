import { describe, expect, it } from 'vitest';
import { parseTime } from './parse-time.js';
import { UsageError } from './usage-error.js';

describe('parseTime', () => {
  it('reads RFC 3339 times with an offset', () => {
    expect(parseTime('keys add', '--at', '2026-01-15T09:30:00Z')).toBe(Date.UTC(2026, 0, 15, 9, 30));
    expect(parseTime('keys add', '--at', '2026-01-15T09:30:00.250+03:00')).toBe(Date.UTC(2026, 0, 15, 6, 30, 0, 250));
    expect(parseTime('keys add', '--at', '2024-02-29 23:59:59z')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59));
  });

  it.each([
    'tomorrow',
    '2026-01-15',
    '2026-01-15T09:30:00',
    '2026-02-30T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-01-15T24:00:00Z',
  ])('refuses %s, naming the option', (text) => {
    let error: unknown;
    try {
      parseTime('keys add', '--valid-from', text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).code).toBe('ERR_USAGE');
    expect((error as UsageError).message).toContain(`--valid-from ${JSON.stringify(text)} is not an RFC 3339 time`);
  });
});

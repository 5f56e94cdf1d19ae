import { describe, expect, it } from 'vitest';
import { readLine, recordOutcome, splitLines } from './jsonl-records.js';

const text = (lines: Buffer[]): string[] => lines.map((l) => l.toString('utf8'));

describe('JSON Lines of records', () => {
  it('splits on LF; a last line without LF counts, blank lines at the end do not', () => {
    expect(text(splitLines(Buffer.from('{"a":1}\n{"b":2}')))).toEqual(['{"a":1}', '{"b":2}']);
    expect(text(splitLines(Buffer.from('{"a":1}\n\n{"b":2}\n \n\r\n')))).toEqual(['{"a":1}', '', '{"b":2}']);
    expect(splitLines(Buffer.alloc(0))).toEqual([]);
  });

  it('refuses a line over the limit, bytes that are not UTF-8, and what is not JSON, each with its code', () => {
    expect(readLine(Buffer.from('{"a":"12345"}'), 5)).toMatchObject({ problem: { code: 'ERR_BODY_TOO_LARGE' } });
    expect(readLine(Buffer.from([0x7b, 0xc3, 0x28, 0x7d]))).toMatchObject({ problem: { code: 'ERR_UTF8_INVALID' } });
    expect(readLine(Buffer.from('{"a":'))).toMatchObject({ problem: { code: 'ERR_MALFORMED_JSON' } });
    expect(readLine(Buffer.from('{"a":"\\ud800"}'))).toMatchObject({ problem: { code: 'ERR_UTF8_INVALID' } });
    expect(readLine(Buffer.from(' {"a":1}\r'))).toEqual({ text: '{"a":1}', body: { a: 1 } });
    expect(readLine(Buffer.from('  '))).toEqual({ text: '', body: undefined });
  });

  it('sorts the API answer: accepted, refused for good, or to send again later', () => {
    expect(recordOutcome({ status: 202, body: { messageId: 'm', created: false } })).toEqual({
      kind: 'accepted',
      messageId: 'm',
      created: false,
    });
    expect(recordOutcome({ status: 400, body: { code: 'ERR_VALIDATION', detail: 'd' } })).toMatchObject({
      kind: 'refused',
      code: 'ERR_VALIDATION',
    });
    for (const status of [401, 429, 500, 503]) {
      expect(recordOutcome({ status, body: { code: 'ERR_STORAGE_FULL' } }).kind).toBe('retry');
    }
  });
});

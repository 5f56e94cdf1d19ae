import { describe, expect, it } from 'vitest';
import { ErrorCode, parseLogReply, parseLogRequest } from '../index.js';

const enc = (v: unknown): Uint8Array => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));

describe('parseLogRequest', () => {
  it('accepts the four requests', () => {
    expect(parseLogRequest(enc({ op: 'time' }))).toEqual({ op: 'time' });
    expect(parseLogRequest(enc({ op: 'checkpoint' }))).toEqual({ op: 'checkpoint' });
    expect(parseLogRequest(enc({ op: 'checkpoint', from: 7 }))).toEqual({ op: 'checkpoint', from: 7 });
    expect(parseLogRequest(enc({ op: 'consistency', first: 2, second: 9 }))).toEqual({
      op: 'consistency',
      first: 2,
      second: 9,
    });
    expect(parseLogRequest(enc({ op: 'cosign', size: 3, signature: '\u2014 w AAAA' }))).toEqual({
      op: 'cosign',
      size: 3,
      signature: '\u2014 w AAAA',
    });
  });

  it.each([
    ['not JSON', 'nope', /a JSON object/],
    ['not an object', '42', /a JSON object/],
    ['bad UTF-8', new Uint8Array([0x7b, 0xff, 0x7d]), /a JSON object/],
    ['unknown op', { op: 'rewrite' }, /op must be/],
    ['negative size', { op: 'checkpoint', from: -1 }, /from must be a tree size/],
    ['fraction', { op: 'consistency', first: 1.5, second: 2 }, /first must be a tree size/],
    ['reversed', { op: 'consistency', first: 5, second: 2 }, /first must not exceed second/],
    ['no signature line', { op: 'cosign', size: 1, signature: 'AAAA' }, /one note signature line/],
    ['too large', 'x'.repeat(5000), /at most 4096 bytes/],
  ])('refuses %s with ERR_LOG_REQUEST_INVALID', (_name, input, message) => {
    const bytes = input instanceof Uint8Array ? input : enc(input);
    expect(() => parseLogRequest(bytes)).toThrow(expect.objectContaining({ code: 'ERR_LOG_REQUEST_INVALID' }));
    expect(() => parseLogRequest(bytes)).toThrow(message);
  });
});

describe('parseLogReply', () => {
  it('reads the replies the gateway sends', () => {
    const reply = { size: 9, checkpoint: 'note', from: 2, consistency: ['AA=='], cosigned: true };
    expect(parseLogReply(enc(reply))).toEqual(reply);
    expect(parseLogReply(enc({ error: { code: 'ERR_LOG_RANGE', detail: 'too far' } }))).toEqual({
      error: { code: 'ERR_LOG_RANGE', detail: 'too far' },
    });
  });

  it.each([
    ['bytes that are not JSON', '{'],
    ['a list', [1]],
    ['null', null],
    ['a proof with an object in it', { consistency: [{}] }],
    ['a proof that is a string', { consistency: 'AA==' }],
    ['a checkpoint that is a number', { checkpoint: 5 }],
    ['a negative size', { from: -1 }],
    ['an error without detail', { error: { code: 'ERR_X' } }],
  ])('refuses %s with ERR_LOG_REPLY_INVALID', (_name, input) => {
    expect(() => parseLogReply(enc(input))).toThrow(expect.objectContaining({ code: ErrorCode.LOG_REPLY_INVALID }));
  });
});

import { describe, expect, it } from 'vitest';
import { ErrorCode, type AtcError } from '../errors/atc-error.js';
import { parseJsonBody } from './parse-json-body.js';

function refusal(body: string | Buffer): AtcError {
  try {
    parseJsonBody(Buffer.isBuffer(body) ? body : Buffer.from(body));
  } catch (e) {
    return e as AtcError;
  }
  throw new Error('expected a refusal');
}

describe('parseJsonBody', () => {
  it('parses JSON, keys such as "prototype" or "proto" included', () => {
    expect(parseJsonBody(Buffer.from('{"a":[1,{"prototype":2,"proto":3}]}'))).toEqual({
      a: [1, { prototype: 2, proto: 3 }],
    });
  });

  it('refuses __proto__ and constructor at any depth, however spelled, naming the path', () => {
    expect(refusal('{"a":{"b":[0,{"\\u005f\\u005fproto\\u005f\\u005f":{}}]}}')).toMatchObject({
      code: ErrorCode.JSON_KEY_FORBIDDEN,
      message: expect.stringContaining('"a.b[1].__proto__"') as unknown,
    });
    expect(refusal('[{"constructor":1}]').code).toBe(ErrorCode.JSON_KEY_FORBIDDEN);
  });

  it('refuses empty and malformed bodies with ERR_MALFORMED_JSON, non-UTF-8 ones with ERR_UTF8_INVALID', () => {
    expect(refusal('').code).toBe(ErrorCode.MALFORMED_JSON);
    expect(refusal('{"a":').code).toBe(ErrorCode.MALFORMED_JSON);
    expect(refusal(Buffer.from([0x22, 0xff, 0x22]))).toMatchObject({ code: 'ERR_UTF8_INVALID' });
    expect(refusal('{"a":"\\ud800"}')).toMatchObject({ code: 'ERR_UTF8_INVALID' });
  });

  it('refuses a key repeated in one object, however spelled, naming its path; equal keys in different objects pass', () => {
    expect(refusal('{"a":1,"a":2}')).toMatchObject({
      code: ErrorCode.JSON_KEY_DUPLICATE,
      message: expect.stringContaining('"a"') as unknown,
    });
    expect(refusal('{"x":[{"k":1},{"id":"\\\\",  "i\\u0064" : 2}]}')).toMatchObject({
      code: ErrorCode.JSON_KEY_DUPLICATE,
      message: expect.stringContaining('"x[1].id"') as unknown,
    });
    expect(refusal('{"outer":{"reason":"first","purpose":"x","reason":"second"}}').message).toContain('"outer.reason"');
    expect(parseJsonBody(Buffer.from('{"a":{"a":1},"b":[{"a":2},{"a":3}],"c":"\\"a\\":"}'))).toEqual({
      a: { a: 1 },
      b: [{ a: 2 }, { a: 3 }],
      c: '"a":',
    });
  });

  it('walks deeply nested bodies without exhausting the stack', () => {
    const depth = 100_000;
    const deep = `${'['.repeat(depth)}{"__proto__":1}${']'.repeat(depth)}`;
    let parsed = true;
    try {
      JSON.parse(deep);
    } catch {
      parsed = false;
    }
    // Whatever the engine's own nesting limit, the answer is a refusal with a code, never a crash.
    expect([ErrorCode.JSON_KEY_FORBIDDEN, ErrorCode.MALFORMED_JSON]).toContain(refusal(deep).code);
    if (parsed) expect(refusal(deep).code).toBe(ErrorCode.JSON_KEY_FORBIDDEN);
  });
});

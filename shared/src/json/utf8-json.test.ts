import { describe, expect, it } from 'vitest';
import { AtcError, ErrorCode, RefusalError } from '../errors/atc-error.js';
import { decodeUtf8, parseUtf8Json, wellFormed } from './utf8-json.js';

/** `{"v":"<bytes>"}` as raw bytes. */
const inString = (...bytes: number[]): Uint8Array =>
  Buffer.concat([Buffer.from('{"v":"'), Buffer.from(bytes), Buffer.from('"}')]);

function refusal(run: () => unknown): RefusalError {
  try {
    run();
  } catch (e) {
    if (e instanceof RefusalError) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('strict UTF-8 JSON', () => {
  it('reads UTF-8 text of every length, paired surrogate escapes and a leading byte order mark', () => {
    expect(parseUtf8Json(Buffer.from('{"v":"Тестов €𝄞"}'), 'body')).toEqual({ v: 'Тестов €𝄞' });
    expect(parseUtf8Json(Buffer.from('{"v":"\\ud834\\udd1e"}'), 'body')).toEqual({ v: '𝄞' });
    expect(parseUtf8Json(Buffer.from('\ufeff{"v":1}'), 'body')).toEqual({ v: 1 });
  });

  it.each([
    ['invalid bytes', [0xff, 0xfe, 0xc3, 0x28], 6],
    ['a truncated sequence', [0x41, 0xc3], 7],
    ['an overlong slash', [0xc0, 0xaf], 6],
    ['an overlong 3-byte form', [0xe0, 0x80, 0xaf], 6],
    ['an encoded surrogate', [0xed, 0xa0, 0x80], 6],
    ['a code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 6],
  ])('refuses %s, naming the offset', (_name, bytes, offset) => {
    const e = refusal(() => parseUtf8Json(inString(...bytes), 'the body'));
    expect(e.code).toBe('ERR_UTF8_INVALID');
    expect(e.detail).toContain(`the body is not valid UTF-8 (byte ${offset}:`);
  });

  it('refuses unpaired surrogate escapes in values and keys, naming the field', () => {
    const value = refusal(() => parseUtf8Json(Buffer.from('{"a":{"b":["ok","x\\ud800"]}}'), 'line 3'));
    expect(value.code).toBe('ERR_UTF8_INVALID');
    expect(value.field).toBe('a.b[1]');
    expect(value.message).toMatch(/^line 3, field a\.b\[1\], holds an unpaired UTF-16 surrogate/);
    const low = refusal(() => parseUtf8Json(Buffer.from('["\\udc00\\ud800"]'), 'body'));
    expect(low.field).toBe('[0]');
    const key = refusal(() => parseUtf8Json(Buffer.from('{"k\\udfff":1}'), 'body'));
    expect(key.field).toBe('k\\udfff');
    expect(key.message).not.toMatch(/[\uD800-\uDFFF]/u);
  });

  it('refuses text that is not JSON with ERR_MALFORMED_JSON, the empty text included', () => {
    // Found by the decoders' property test: it threw a bare SyntaxError (no code) before.
    for (const text of ['{"v":', '']) {
      let thrown: unknown;
      try {
        parseUtf8Json(Buffer.from(text), 'record.json');
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(AtcError);
      expect((thrown as AtcError).code).toBe(ErrorCode.MALFORMED_JSON);
      expect((thrown as AtcError).message).toMatch(/^record\.json is not valid JSON/);
    }
    expect(decodeUtf8(Buffer.from('plain'), 'x')).toBe('plain');
  });
});

describe('wellFormed', () => {
  it('replaces each unpaired surrogate with U+FFFD, as UTF-8 stores it, and keeps pairs and other text', () => {
    expect(wellFormed('Абдуллаев \u{1D400}')).toBe('Абдуллаев \u{1D400}');
    expect(wellFormed('a\uD835')).toBe('a\uFFFD');
    expect(wellFormed('\uDC00b\uD800\uD800')).toBe('\uFFFDb\uFFFD\uFFFD');
    for (const text of ['a\uD835', '\uDC00b\uD800\uD800', 'x\uD83D\uDE00']) {
      const stored = new TextDecoder().decode(new TextEncoder().encode(text));
      expect(wellFormed(text)).toBe(stored);
    }
  });
});

// The wire check's UTF-8 test of string fields against the WHATWG decoder it stands for: on
// any bytes it accepts a string exactly when a fatal TextDecoder decodes it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RefusalError } from '../errors/atc-error.js';
import { checkWire } from './wire-check.js';
import { fuzzParameters } from '../testing/index.js';

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A PersonRecord's bytes with only its record_id (field 2, a string) set to `value`. */
function recordIdField(value: Uint8Array): Uint8Array {
  const out = [0x12, ...varint(value.length), ...value];
  return Uint8Array.from(out);
}

function varint(n: number): number[] {
  const bytes: number[] = [];
  while (n >= 0x80) {
    bytes.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  bytes.push(n);
  return bytes;
}

function decodes(bytes: Uint8Array): boolean {
  try {
    strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function wireAccepts(bytes: Uint8Array): boolean {
  try {
    checkWire('atc.v1.PersonRecord', recordIdField(bytes), 'payload');
    return true;
  } catch (e) {
    if (e instanceof RefusalError && e.code === 'ERR_UTF8_INVALID') return false;
    throw e;
  }
}

/** Bytes that are mostly UTF-8 with a few bytes changed: near the boundary of validity. */
const nearUtf8 = fc
  .tuple(
    fc.string({ unit: 'grapheme', maxLength: 12 }),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }),
  )
  .map(([text, changes]) => {
    const bytes = new TextEncoder().encode(text);
    for (const [at, value] of changes) if (bytes.length > 0) bytes[at % bytes.length] = value;
    return bytes;
  });

describe('checkWire on string fields', () => {
  it('accepts exactly the bytes a fatal TextDecoder decodes', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 24 }), nearUtf8), (bytes) => {
        expect(wireAccepts(bytes)).toBe(decodes(bytes));
      }),
      fuzzParameters(3000),
    );
  });

  it('refuses the forms TextDecoder refuses: overlong, surrogate, beyond U+10FFFF, truncated', () => {
    for (const bad of [
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0x41, 0xe2, 0x82],
    ]) {
      expect(wireAccepts(Uint8Array.from(bad))).toBe(false);
    }
    expect(wireAccepts(new TextEncoder().encode('Ғалымжан Testov \u{1F600}'))).toBe(true);
  });
});

// The envelope's canonical-form check reads the bytes in place; here it is held to the
// definition it replaces: the bytes equal the encoder's output for what they decode to.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atc } from '../proto/protobuf.js';
import { checkWire } from '../proto/wire-check.js';
import { signEnvelope } from '../index.js';
import { fixtureKey, fixtureRequest, fuzzParameters } from '../testing/index.js';
import { decodeEnvelope, isCanonicalEnvelope } from './decode-envelope.js';

/** The definition: encoding what the bytes decode to gives the bytes back. */
function reencodesToItself(bytes: Uint8Array): boolean {
  const again = atc.v1.Envelope.encode(atc.v1.Envelope.decode(bytes)).finish();
  return Buffer.from(again).equals(bytes);
}

/** Whether the strict wire check and the decoder take the bytes (the canonical check runs only then). */
function reachesCanonicalCheck(bytes: Uint8Array): boolean {
  try {
    checkWire('atc.v1.Envelope', bytes, 'envelope', false);
    atc.v1.Envelope.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** A varint of `value`, minimal or padded with `pad` extra bytes (a non-minimal form). */
function varint(value: number, pad: number): number[] {
  const out: number[] = [];
  let v = value;
  do {
    out.push(v & 0x7f);
    v = Math.floor(v / 128);
  } while (v > 0);
  for (let i = 0; i < pad; i++) out.push(0);
  return out.map((b, i) => (i < out.length - 1 ? b | 0x80 : b));
}

/** One field as it may appear on the wire: any field number 1-3, tag and length minimal or not, empty or not. */
const wireField = fc
  .record({
    field: fc.constantFrom(1, 2, 3),
    tagPad: fc.oneof(
      { weight: 6, arbitrary: fc.constant(0) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }) },
    ),
    lengthPad: fc.oneof(
      { weight: 6, arbitrary: fc.constant(0) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 5 }) },
    ),
    content: fc.oneof(
      fc.uint8Array({ minLength: 0, maxLength: 300 }),
      fc.string({ maxLength: 200 }).map((s) => new Uint8Array(Buffer.from(s, 'utf8'))),
      fc.constant(new Uint8Array(0)),
    ),
  })
  .map(({ field, tagPad, lengthPad, content }) =>
    Uint8Array.from([...varint((field << 3) | 2, tagPad), ...varint(content.length, lengthPad), ...content]),
  );

const key = fixtureKey('KZ');
const signed = signEnvelope(key, fixtureRequest('atc.v1.PersonRecord', 1));

describe('the envelope canonical-form check', () => {
  it('takes a signed envelope and agrees with encoding it again', () => {
    expect(isCanonicalEnvelope(signed.bytes)).toBe(true);
    expect(reencodesToItself(signed.bytes)).toBe(true);
    expect(decodeEnvelope(signed.bytes).header.sender).toBe('KZ');
  });

  it('agrees with encoding again on every arrangement of fields the wire check lets through', () => {
    let reached = 0;
    let canonical = 0;
    fc.assert(
      fc.property(fc.array(wireField, { minLength: 1, maxLength: 5 }), (fields) => {
        const bytes = Buffer.concat(fields);
        if (!reachesCanonicalCheck(bytes)) return;
        reached++;
        const expected = reencodesToItself(bytes);
        if (expected) canonical++;
        expect(isCanonicalEnvelope(bytes)).toBe(expected);
      }),
      fuzzParameters(3_000),
    );
    // The generator reaches the check often, on both sides of it (not only refusals).
    expect(reached).toBeGreaterThan(300);
    expect(canonical).toBeGreaterThan(50);
    expect(reached - canonical).toBeGreaterThan(50);
  });

  it('agrees with encoding again on a signed envelope changed in one byte, or with bytes added or cut', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: signed.bytes.length - 1 }),
        fc.integer({ min: 0, max: 255 }),
        fc.constantFrom('change', 'insert', 'cut'),
        (at, value, how) => {
          const b = Buffer.from(signed.bytes);
          const bytes =
            how === 'change'
              ? (b.fill(value, at, at + 1), b)
              : how === 'insert'
                ? Buffer.concat([b.subarray(0, at), Buffer.from([value]), b.subarray(at)])
                : Buffer.concat([b.subarray(0, at), b.subarray(at + 1)]);
          if (!reachesCanonicalCheck(bytes)) return;
          expect(isCanonicalEnvelope(bytes)).toBe(reencodesToItself(bytes));
        },
      ),
      fuzzParameters(2_000),
    );
  });
});

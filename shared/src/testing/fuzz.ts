import fc from 'fast-check';
import { ErrorCode, isAtcError } from '../errors/atc-error.js';
import { RefusalCode } from '../errors/refusal-codes.js';

/**
 * Property-based tests (fast-check) share these: a fixed seed so that a run is reproducible,
 * and the two overrides `FC_SEED` (another seed, e.g. the one a failure printed) and
 * `FC_NUM_RUNS` (more or fewer runs per property than the test's own number).
 */

/** The seed every property runs with unless `FC_SEED` names another. */
export const FUZZ_SEED = 20_2026;

function envInteger(name: string, min: number): number | undefined {
  const text = process.env[name];
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min) {
    throw new Error(`${name} must be an integer >= ${min}, not ${JSON.stringify(text)}`);
  }
  return value;
}

/** fast-check parameters of one property: `numRuns` unless `FC_NUM_RUNS` says otherwise, the fixed seed unless `FC_SEED` does. */
export function fuzzParameters(numRuns: number): { seed: number; numRuns: number } {
  return {
    seed: envInteger('FC_SEED', Number.MIN_SAFE_INTEGER) ?? FUZZ_SEED,
    numRuns: envInteger('FC_NUM_RUNS', 1) ?? numRuns,
  };
}

const knownCodes: ReadonlySet<string> = new Set<string>([...Object.values(ErrorCode), ...Object.values(RefusalCode)]);

/** True when `code` is in the project's catalogue of error and refusal codes. */
export function isKnownCode(code: unknown): boolean {
  return typeof code === 'string' && knownCodes.has(code);
}

/**
 * What a decoder did with one input: returned a value, or refused it with a code of the
 * catalogue. Anything else it throws (a TypeError, a RangeError, an error without a known
 * code) is thrown again, so that the property fails on it.
 */
export type DecodeOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: string };

function refusedWith(e: unknown): { ok: false; code: string } {
  if (isAtcError(e) && isKnownCode(e.code) && e.message.length > 0) return { ok: false, code: e.code };
  throw e;
}

/** Runs `decode`, returning its value or its coded refusal; any other throw fails the caller. */
export function decodeOutcome<T>(decode: () => T): DecodeOutcome<T> {
  try {
    return { ok: true, value: decode() };
  } catch (e) {
    return refusedWith(e);
  }
}

/** As {@link decodeOutcome}, for an asynchronous decoder. */
export async function decodeOutcomeAsync<T>(decode: () => Promise<T>): Promise<DecodeOutcome<T>> {
  try {
    return { ok: true, value: await decode() };
  } catch (e) {
    return refusedWith(e);
  }
}

/** One structured change of a byte string. */
export type ByteMutation =
  | { readonly kind: 'flip'; readonly at: number; readonly bit: number }
  | { readonly kind: 'set'; readonly at: number; readonly value: number }
  | { readonly kind: 'insert'; readonly at: number; readonly bytes: Uint8Array }
  | { readonly kind: 'delete'; readonly at: number; readonly count: number }
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'append'; readonly bytes: Uint8Array };

const position = fc.nat({ max: 1 << 20 });

/** Arbitrary structured mutations: bit flips, byte changes, insertions, deletions, truncation, appended bytes. */
export const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: position, bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('set' as const), at: position, value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: position,
    bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: position, count: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({ kind: fc.constant('append' as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
);

/** `bytes` after `mutations`, in order (positions wrap around the current length). */
export function applyMutations(bytes: Uint8Array, mutations: readonly ByteMutation[]): Buffer {
  let b = Buffer.from(bytes);
  for (const m of mutations) {
    const at = b.length === 0 ? 0 : ('at' in m ? m.at : 0) % b.length;
    switch (m.kind) {
      case 'flip':
        if (b.length > 0) b[at] = b[at]! ^ (1 << m.bit);
        break;
      case 'set':
        if (b.length > 0) b[at] = m.value;
        break;
      case 'insert':
        b = Buffer.concat([b.subarray(0, at), m.bytes, b.subarray(at)]);
        break;
      case 'delete':
        b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.count)]);
        break;
      case 'truncate':
        b = b.subarray(0, at);
        break;
      case 'append':
        b = Buffer.concat([b, m.bytes]);
        break;
    }
  }
  return b;
}

/** A single-byte change of a non-empty byte string: position (wrapping) and a non-zero XOR mask. */
export const singleByteChange: fc.Arbitrary<{ at: number; xor: number }> = fc.record({
  at: position,
  xor: fc.integer({ min: 1, max: 255 }),
});

/** `bytes` with one byte changed (never equal to `bytes`). */
export function changeOneByte(bytes: Uint8Array, change: { at: number; xor: number }): Buffer {
  const b = Buffer.from(bytes);
  const at = change.at % b.length;
  b[at] = b[at]! ^ change.xor;
  return b;
}

/**
 * Arbitrary JSON values shaped like `template` (an object whose values are kept, dropped,
 * replaced by arbitrary JSON or made the wrong type), and arbitrary JSON outright: bodies a
 * JSON decoder must refuse with a code or read.
 */
export function jsonAround(template: unknown): fc.Arbitrary<unknown> {
  const anything = fc.jsonValue({ maxDepth: 3 });
  return fc.oneof({ weight: 1, arbitrary: anything }, { weight: 3, arbitrary: mutatedJson(template, anything, 0) });
}

function mutatedJson(template: unknown, anything: fc.Arbitrary<unknown>, depth: number): fc.Arbitrary<unknown> {
  if (depth > 4) return fc.constant(template);
  if (Array.isArray(template)) {
    const items = template.map((t) => mutatedJson(t, anything, depth + 1));
    return fc.oneof(
      { weight: 4, arbitrary: items.length === 0 ? fc.constant([]) : fc.tuple(...items) },
      { weight: 1, arbitrary: fc.array(items.length === 0 ? anything : fc.oneof(...items), { maxLength: 4 }) },
      { weight: 1, arbitrary: anything },
    );
  }
  if (typeof template === 'object' && template !== null) {
    const entries = Object.entries(template);
    const fields = Object.fromEntries(
      entries.map(([k, v]) => [
        k,
        fc.oneof(
          { weight: 6, arbitrary: mutatedJson(v, anything, depth + 1).map((x) => ({ keep: true, value: x })) },
          { weight: 1, arbitrary: fc.constant({ keep: false, value: undefined }) },
          { weight: 1, arbitrary: anything.map((x) => ({ keep: true, value: x })) },
        ),
      ]),
    );
    return fc
      .tuple(fc.record(fields), fc.dictionary(fc.string({ maxLength: 8 }), anything, { maxKeys: 2 }))
      .map(([picked, extra]) => {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(picked)) if (v.keep) out[k] = v.value;
        return depth === 0 ? out : Object.keys(extra).length === 0 ? out : { ...out, ...extra };
      });
  }
  return fc.oneof({ weight: 4, arbitrary: fc.constant(template) }, { weight: 1, arbitrary: anything });
}

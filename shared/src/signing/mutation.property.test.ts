import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RefusalError, signEnvelope, StaticKeyResolver, verifyEnvelope } from '../index.js';
import { payloadTypes } from '../proto/payload-types.js';
import { fixtureKey, fixtureRequest, fixtureRoute } from '../testing/index.js';

const members = ['KZ', 'BY', 'ATC'];
const resolver = new StaticKeyResolver(
  members.map((m) => ({ kid: fixtureKey(m).kid, owner: m, publicKey: fixtureKey(m).publicKey })),
);
const originals = payloadTypes.map(
  (t, i) => signEnvelope(fixtureKey(fixtureRoute(t).sender), fixtureRequest(t, i + 1)).bytes,
);

type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'append'; bytes: Uint8Array };

const position = fc.nat({ max: 4096 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
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

function apply(bytes: Uint8Array, ms: readonly Mutation[]): Uint8Array {
  let b = Buffer.from(bytes);
  for (const m of ms) {
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

describe('any mutation of a valid envelope', () => {
  it('fails verification with a typed refusal, or leaves the bytes identical', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: originals.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        async (which, mutations) => {
          const original = originals[which]!;
          const mutated = apply(original, mutations);
          const outcome = await verifyEnvelope(mutated, { resolver }).then(
            () => 'verified' as const,
            (e: unknown) => e,
          );
          if (outcome === 'verified') {
            expect(Buffer.from(mutated).equals(Buffer.from(original))).toBe(true);
          } else {
            expect(outcome).toBeInstanceOf(RefusalError);
            expect((outcome as RefusalError).code).toMatch(/^ERR_[A-Z0-9_]+$/);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});

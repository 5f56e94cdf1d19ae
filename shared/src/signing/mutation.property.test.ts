import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RefusalError, signEnvelope, StaticKeyResolver, verifyEnvelope } from '../index.js';
import { payloadTypes } from '../proto/payload-types.js';
import {
  applyMutations,
  byteMutation,
  fixtureKey,
  fixtureRequest,
  fixtureRoute,
  fuzzParameters,
} from '../testing/index.js';

const members = ['KZ', 'BY', 'ATC'];
const resolver = new StaticKeyResolver(
  members.map((m) => ({ kid: fixtureKey(m).kid, owner: m, publicKey: fixtureKey(m).publicKey })),
);
const originals = payloadTypes.map(
  (t, i) => signEnvelope(fixtureKey(fixtureRoute(t).sender), fixtureRequest(t, i + 1)).bytes,
);

describe('any mutation of a valid envelope', () => {
  it('fails verification with a typed refusal, or leaves the bytes identical', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: originals.length - 1 }),
        fc.array(byteMutation, { minLength: 1, maxLength: 3 }),
        async (which, mutations) => {
          const original = originals[which]!;
          const mutated = applyMutations(original, mutations);
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
      fuzzParameters(3000),
    );
  });
});

// The signed trust list fed arbitrary and mutated input: verifyTrustList returns a list or
// refuses with a code of the catalogue, and refuses any single-byte change of a signed one.
import { readFileSync } from 'node:fs';
import { sign } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  changeOneByte,
  decodeOutcomeAsync,
  fixtureKey,
  fixtureTrustList,
  fuzzParameters,
  jsonAround,
  singleByteChange,
  type TrustListVector,
} from '../testing/index.js';
import { ErrorCode } from '../errors/atc-error.js';
import { verifyTrustList } from './trust-list.js';

const repo = (path: string): string => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
const vectors = JSON.parse(readFileSync(repo('proto/vectors/trust-lists.json'), 'utf8')) as TrustListVector[];
const valid = vectors.filter((v) => v.expect === 'valid');
const gateway = fixtureKey('ATC');

/** A compact JWS of `payload` (any bytes) under `header`, signed with the gateway's fixture key. */
function signed(header: unknown, payload: string): string {
  const input = `${Buffer.from(JSON.stringify(header) ?? '').toString('base64url')}.${Buffer.from(payload).toString('base64url')}`;
  return `${input}.${sign(null, Buffer.from(input, 'ascii'), gateway.privateKey).toString('base64url')}`;
}

describe('verifyTrustList', () => {
  it('refuses every single-byte change of a signed trust list', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...valid), singleByteChange, async (v, change) => {
        const jws = changeOneByte(Buffer.from(v.jws, 'latin1'), change).toString('latin1');
        const outcome = await decodeOutcomeAsync(() => verifyTrustList(jws, v.gateway_jwk));
        expect(outcome.ok).toBe(false);
      }),
      fuzzParameters(1500),
    );
  });

  it('refuses every single-byte change of the signature segment', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...valid), singleByteChange, async (v, change) => {
        const dot = v.jws.lastIndexOf('.') + 1;
        const sig = changeOneByte(Buffer.from(v.jws.slice(dot), 'latin1'), change).toString('latin1');
        const outcome = await decodeOutcomeAsync(() => verifyTrustList(v.jws.slice(0, dot) + sig, v.gateway_jwk));
        expect(outcome.ok).toBe(false);
      }),
      fuzzParameters(500),
    );
  });

  it('refuses a signature whose last character differs only in unused bits (the same signature bytes)', async () => {
    // Found by the property above: "A" -> "B" at the end decoded to the same 64 bytes and the list was accepted.
    const v = valid[0]!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(v.jws.at(-1)!);
    for (const other of [last ^ 1, last ^ 2, last ^ 3]) {
      const jws = v.jws.slice(0, -1) + alphabet[other]!;
      expect(Buffer.from(jws.slice(jws.lastIndexOf('.') + 1), 'base64url')).toEqual(
        Buffer.from(v.jws.slice(v.jws.lastIndexOf('.') + 1), 'base64url'),
      );
      await expect(verifyTrustList(jws, v.gateway_jwk)).rejects.toMatchObject({ code: ErrorCode.TRUST_LIST_INVALID });
    }
  });

  it('reads or refuses arbitrary text with a code', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 120 }),
          fc.array(fc.base64String({ maxLength: 40 }), { minLength: 1, maxLength: 4 }).map((p) => p.join('.')),
        ),
        async (text) => {
          await decodeOutcomeAsync(() => verifyTrustList(text, gateway.publicJwk));
        },
      ),
      fuzzParameters(800),
    );
  });

  it('reads or refuses lists signed by the pinned key whatever their header and payload, with a code', async () => {
    const header = { alg: 'EdDSA', kid: gateway.kid, typ: 'atc-trustlist+json' };
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 4, arbitrary: fc.constant(header) }, { weight: 1, arbitrary: jsonAround(header) }),
        fc.oneof(
          { weight: 6, arbitrary: jsonAround(fixtureTrustList()).map((v) => JSON.stringify(v) ?? '') },
          { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
        ),
        async (h, payload) => {
          await decodeOutcomeAsync(() => verifyTrustList(signed(h, payload), gateway.publicJwk));
        },
      ),
      fuzzParameters(1500),
    );
  });
});

// Every decoder of the wire format and of the record JSON form, fed arbitrary and mutated
// input: it returns a value or refuses with a code of the catalogue, never a TypeError, a
// RangeError or an uncoded error; a signed envelope or receipt changed in any byte is refused.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodePayload,
  decodeUtf8,
  parseDetachedJws,
  parseRfc3339Timestamp,
  parseUtf8Json,
  payloadFromJson,
  payloadToJson,
  publicKeyFromJwk,
  StaticKeyResolver,
  validatePayload,
  verifyEnvelope,
  verifyReceipt,
  type PublicJwk,
} from '../index.js';
import { parseJsonBody } from '../http/parse-json-body.js';
import { jwkThumbprint } from '../keys/ed25519-jwk.js';
import { decodePayloadBytes, encodePayloadBytes, payloadTypes } from '../proto/payload-types.js';
import { decodeEnvelope } from './decode-envelope.js';
import {
  applyMutations,
  byteMutation,
  changeOneByte,
  decodeOutcome,
  decodeOutcomeAsync,
  fixturePayloads,
  fuzzParameters,
  jsonAround,
  singleByteChange,
  type ReceiptVector,
} from '../testing/index.js';

interface EnvelopeVector {
  readonly name: string;
  readonly public_jwk: PublicJwk;
  readonly envelope_hex: string;
  readonly expect: string;
}

const repo = (path: string): string => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
const vectorFile = (name: string): unknown => JSON.parse(readFileSync(repo(`proto/vectors/${name}`), 'utf8'));

const envelopeVectors = vectorFile('envelopes.json') as EnvelopeVector[];
const validEnvelopes = envelopeVectors
  .filter((v) => v.expect === 'valid')
  .map((v) => {
    const bytes = Buffer.from(v.envelope_hex, 'hex');
    const sender = decodeEnvelope(bytes).header.sender;
    const resolver = new StaticKeyResolver([
      { kid: jwkThumbprint(v.public_jwk), owner: sender, publicKey: publicKeyFromJwk(v.public_jwk) },
    ]);
    return { name: v.name, bytes, resolver };
  });
const allEnvelopes = envelopeVectors.map((v) => Buffer.from(v.envelope_hex, 'hex'));
const anyEnvelope = fc.constantFrom(...allEnvelopes.filter((b) => b.length > 0));

const receiptVectors = (vectorFile('receipts.json') as ReceiptVector[]).filter((v) => v.expect === 'valid');

/** The payload bytes of each valid vector envelope, with its type. */
const validPayloads = validEnvelopes.map(({ bytes }) => {
  const d = decodeEnvelope(bytes);
  return { type: d.header.payloadType, bytes: d.parts.payload };
});

describe('decodeEnvelope', () => {
  it('reads or refuses arbitrary bytes with a code', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        decodeOutcome(() => decodeEnvelope(bytes));
      }),
      fuzzParameters(2000),
    );
  });

  it('reads or refuses mutated vector envelopes with a code', () => {
    fc.assert(
      fc.property(anyEnvelope, fc.array(byteMutation, { minLength: 1, maxLength: 4 }), (original, mutations) => {
        decodeOutcome(() => decodeEnvelope(applyMutations(original, mutations)));
      }),
      fuzzParameters(2000),
    );
  });
});

describe('verifyEnvelope over the interop vectors', () => {
  it('refuses every single-byte change of a valid envelope', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: validEnvelopes.length - 1 }),
        singleByteChange,
        async (which, change) => {
          const { bytes, resolver } = validEnvelopes[which]!;
          const outcome = await decodeOutcomeAsync(() => verifyEnvelope(changeOneByte(bytes, change), { resolver }));
          expect(outcome.ok).toBe(false);
        },
      ),
      fuzzParameters(1500),
    );
  });
});

describe('decodePayload', () => {
  const anyType = fc.constantFrom(...payloadTypes);

  it('reads or refuses arbitrary bytes as any payload type with a code', () => {
    fc.assert(
      fc.property(anyType, fc.uint8Array({ maxLength: 256 }), (type, bytes) => {
        decodeOutcome(() => decodePayload(type, bytes));
      }),
      fuzzParameters(2000),
    );
  });

  it('reads or refuses mutated valid payloads with a code', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...validPayloads),
        fc.array(byteMutation, { minLength: 1, maxLength: 3 }),
        (p, mutations) => {
          decodeOutcome(() => decodePayload(p.type, applyMutations(p.bytes, mutations)));
        },
      ),
      fuzzParameters(2000),
    );
  });

  it('reads or refuses a valid payload of one type decoded as another with a code', () => {
    fc.assert(
      fc.property(fc.constantFrom(...validPayloads), anyType, (p, type) => {
        decodeOutcome(() => decodePayload(type, p.bytes));
      }),
      fuzzParameters(300),
    );
  });
});

describe('parseDetachedJws', () => {
  const signatures = validEnvelopes.map(({ bytes }) => decodeEnvelope(bytes).parts.signature);

  it('reads or refuses arbitrary text with a code', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
        decodeOutcome(() => parseDetachedJws(text));
      }),
      fuzzParameters(1000),
    );
  });

  it('reads or refuses mutated signatures with a code', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...signatures),
        fc.array(byteMutation, { minLength: 1, maxLength: 3 }),
        (sig, mutations) => {
          decodeOutcome(() => parseDetachedJws(applyMutations(Buffer.from(sig), mutations).toString('latin1')));
        },
      ),
      fuzzParameters(1000),
    );
  });
});

describe('verifyReceipt over the interop vectors', () => {
  it('refuses every single-byte change of a valid receipt', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...receiptVectors), singleByteChange, async (v, change) => {
        const receipt = changeOneByte(Buffer.from(v.receipt_envelope_hex, 'hex'), change);
        const submitted = Buffer.from(v.submitted_envelope_hex, 'hex');
        const outcome = await decodeOutcomeAsync(() =>
          verifyReceipt(receipt, submitted, { id: v.gateway_id, publicJwk: v.gateway_jwk }),
        );
        expect(outcome.ok).toBe(false);
      }),
      fuzzParameters(600),
    );
  });
});

describe('payloadFromJson', () => {
  const jsonTemplates = payloadTypes.map((type) => ({
    type,
    json: payloadToJson(type, fixturePayloads[type], { input: true }),
  }));

  it('reads or refuses arbitrary and mutated record JSON with a code, and what it reads passes or fails the rules with a code', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...jsonTemplates).chain((t) => fc.tuple(fc.constant(t.type), jsonAround(t.json))),
        ([type, json]) => {
          const read = decodeOutcome(() => payloadFromJson(type, json, { path: 'record' }));
          if (read.ok) {
            decodeOutcome(() => {
              validatePayload(type, decodePayloadBytes(type, encodePayloadBytes(type, read.value)));
            });
          }
        },
      ),
      fuzzParameters(3000),
    );
  });
});

describe('text and JSON primitives', () => {
  it('parseUtf8Json reads or refuses arbitrary bytes with a code', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 64 }),
          fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? 'null', 'utf8')),
          fc.string({ unit: 'binary', maxLength: 64 }).map((s) => Buffer.from(JSON.stringify(s), 'utf8')),
        ),
        (bytes) => {
          decodeOutcome(() => parseUtf8Json(bytes, 'the body'));
          decodeOutcome(() => decodeUtf8(bytes, 'the body'));
        },
      ),
      fuzzParameters(2000),
    );
  });

  it('parseJsonBody reads or refuses arbitrary bodies with a code, deep nesting and repeated keys included', () => {
    const nested = fc
      .tuple(fc.integer({ min: 1, max: 10_000 }), fc.constantFrom('[', '{"a":'))
      .map(([depth, open]) => Buffer.from(open.repeat(depth) + '1' + (open === '[' ? ']' : '}').repeat(depth)));
    const keyed = fc
      .array(fc.constantFrom('a', '\\u0061', '__proto__', '\\u005f_proto__', 'constructor', 'b'), { maxLength: 4 })
      .map((keys) => Buffer.from(`{${keys.map((k, i) => `"${k}":${i}`).join(',')}}`));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 64 }),
          nested,
          keyed,
          fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? '')),
        ),
        (body) => {
          decodeOutcome(() => parseJsonBody(Buffer.from(body)));
        },
      ),
      fuzzParameters(400),
    );
  });

  it('parseRfc3339Timestamp reads or refuses arbitrary text without throwing', () => {
    const digits = (n: number) => fc.integer({ min: 0, max: 10 ** n - 1 }).map((v) => String(v).padStart(n, '0'));
    const timestampLike = fc
      .tuple(digits(4), digits(2), digits(2), digits(2), digits(2), digits(2), fc.string({ maxLength: 12 }))
      .map(([y, mo, d, h, mi, s, tail]) => `${y}-${mo}-${d}T${h}:${mi}:${s}${tail}`);
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 40 }), timestampLike), (text) => {
        const parsed = parseRfc3339Timestamp(text);
        expect(typeof parsed).toBe('object');
      }),
      fuzzParameters(2000),
    );
  });
});

// The verifiable log's decoders fed arbitrary and mutated input: signed notes, checkpoints,
// signature lines and cosignatures, proofs and log requests return a value or refuse with a
// code of the catalogue; a signed checkpoint or cosignature changed in any byte is refused.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { publicKeyFromJwk, type PublicJwk } from '../keys/ed25519-jwk.js';
import { parseLogRequest } from '../log/log-protocol.js';
import { witnessKeyName } from '../subjects.js';
import {
  applyMutations,
  byteMutation,
  changeOneByte,
  decodeOutcome,
  fixtureKey,
  fuzzParameters,
  jsonAround,
  singleByteChange,
  type CheckpointVector,
  type ProofVectors,
} from '../testing/index.js';
import { openCheckpoint, parseCheckpoint } from './checkpoint.js';
import { verifyCosignature } from './cosignature.js';
import { parseSignatureLine } from './signature-line.js';
import { parseNote } from './signed-note.js';
import { verifyConsistency, verifyInclusion } from './verify-proof.js';

const repo = (path: string): string => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
const vectorFile = (name: string): unknown => JSON.parse(readFileSync(repo(`proto/vectors/${name}`), 'utf8'));

const checkpoints = vectorFile('checkpoints.json') as CheckpointVector[];
const logKey = (v: { key_name: string; public_jwk: PublicJwk }) => ({
  name: v.key_name,
  publicKey: publicKeyFromJwk(v.public_jwk),
});
/** Valid checkpoints signed by the log alone: every byte of them is covered by its signature. */
const logSigned = checkpoints.filter((v) => v.expect === 'valid' && !v.note.includes('witness'));
const withWitness = checkpoints.find((v) => v.expect === 'valid' && v.note.includes('witness'))!;
const allNotes = checkpoints.map((v) => Buffer.from(v.note, 'utf8'));
const proofs = vectorFile('proofs.json') as ProofVectors;
const b64 = (text: string): Buffer => Buffer.from(text, 'base64');

const noteLike = fc
  .tuple(
    fc.array(fc.string({ maxLength: 20 }), { maxLength: 4 }),
    fc.array(
      fc
        .tuple(fc.string({ maxLength: 12 }), fc.uint8Array({ maxLength: 80 }))
        .map(([name, bytes]) => `\u2014 ${name} ${Buffer.from(bytes).toString('base64')}`),
      { maxLength: 3 },
    ),
  )
  .map(([lines, sigs]) => `${lines.join('\n')}\n\n${sigs.join('\n')}\n`);

describe('parseNote and parseCheckpoint', () => {
  it('read or refuse arbitrary text with a code', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), noteLike),
        (text) => {
          const note = decodeOutcome(() => parseNote(text));
          decodeOutcome(() => parseCheckpoint(text));
          if (note.ok) decodeOutcome(() => parseCheckpoint(note.value.body));
        },
      ),
      fuzzParameters(2000),
    );
  });

  it('read or refuse arbitrary bytes and mutated checkpoints with a code', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }),
          fc
            .tuple(fc.constantFrom(...allNotes), fc.array(byteMutation, { minLength: 1, maxLength: 3 }))
            .map(([note, ms]) => applyMutations(note, ms)),
        ),
        (bytes) => {
          const note = decodeOutcome(() => parseNote(bytes));
          if (note.ok) decodeOutcome(() => parseCheckpoint(note.value.body));
        },
      ),
      fuzzParameters(2000),
    );
  });
});

describe('openCheckpoint over the interop vectors', () => {
  it('refuses every single-byte change of a checkpoint the log signed', () => {
    fc.assert(
      fc.property(fc.constantFrom(...logSigned), singleByteChange, (v, change) => {
        const note = changeOneByte(Buffer.from(v.note, 'utf8'), change);
        const outcome = decodeOutcome(() => openCheckpoint(note, logKey(v), v.origin));
        expect(outcome.ok).toBe(false);
      }),
      fuzzParameters(1500),
    );
  });

  it('reads or refuses arbitrary text under the log key with a code', () => {
    const v = logSigned[0]!;
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), noteLike), (text) => {
        decodeOutcome(() => openCheckpoint(text, logKey(v), v.origin));
      }),
      fuzzParameters(500),
    );
  });
});

describe('witness cosignatures', () => {
  const note = parseNote(withWitness.note);
  const body = note.body;
  const witnessName = witnessKeyName('BY');
  const line = withWitness.note.split('\n').find((l) => l.includes(witnessName))!;
  const witnessKey = { name: witnessName, publicKey: fixtureKey('BY').publicKey };

  it('the vector cosignature verifies (the property below starts from a valid one)', () => {
    expect(verifyCosignature(body, parseSignatureLine(line), witnessKey).timeSeconds).toBeGreaterThan(0);
  });

  it('refuses every single-byte change of a cosignature line', () => {
    fc.assert(
      fc.property(singleByteChange, (change) => {
        const changed = changeOneByte(Buffer.from(line, 'utf8'), change).toString('utf8');
        const outcome = decodeOutcome(() => verifyCosignature(body, parseSignatureLine(changed), witnessKey));
        expect(outcome.ok).toBe(false);
      }),
      fuzzParameters(800),
    );
  });

  it('parseSignatureLine reads or refuses arbitrary text with a code', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 120 }),
          fc.string({ maxLength: 20 }).map((s) => `\u2014 ${s}`),
          fc.uint8Array({ maxLength: 90 }).map((b) => `\u2014 ${witnessName} ${Buffer.from(b).toString('base64')}`),
        ),
        (text) => {
          const sig = decodeOutcome(() => parseSignatureLine(text));
          if (sig.ok) decodeOutcome(() => verifyCosignature(body, sig.value, witnessKey));
        },
      ),
      fuzzParameters(1000),
    );
  });
});

describe('inclusion and consistency proofs', () => {
  const count = fc.oneof(
    fc.integer({ min: -2, max: 40 }),
    fc.constantFrom(Number.NaN, Infinity, -Infinity, 2 ** 53, 2 ** 53 - 1, 0.5, -0),
  );
  const hash = fc.oneof(
    { weight: 4, arbitrary: fc.uint8Array({ minLength: 32, maxLength: 32 }) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 40 }) },
  );

  it('answer true or false for arbitrary sizes, indexes and hashes, never throw', () => {
    fc.assert(
      fc.property(count, count, hash, fc.array(hash, { maxLength: 8 }), hash, (a, b, leaf, proof, root) => {
        expect(typeof verifyInclusion(a, b, leaf, proof, root)).toBe('boolean');
        expect(typeof verifyConsistency(a, b, proof, leaf, root)).toBe('boolean');
      }),
      fuzzParameters(2000),
    );
  });

  it('refuse every single-byte change of a valid proof vector', () => {
    const inclusion = proofs.inclusion.filter((v) => v.expect === 'valid' && v.proof.length > 0);
    const consistency = proofs.consistency.filter((v) => v.expect === 'valid' && v.proof.length > 0);
    fc.assert(
      fc.property(
        fc.constantFrom(...inclusion),
        fc.constantFrom(...consistency),
        fc.nat(),
        singleByteChange,
        (inc, con, which, change) => {
          const incProof = inc.proof.map(b64);
          const i = which % incProof.length;
          incProof[i] = changeOneByte(incProof[i]!, change);
          const leaf = Buffer.from(inc.leaf_hex, 'hex');
          expect(verifyInclusion(inc.leaf_index, inc.tree_size, leaf, incProof, b64(inc.root_hash))).toBe(false);
          const conProof = con.proof.map(b64);
          const k = which % conProof.length;
          conProof[k] = changeOneByte(conProof[k]!, change);
          expect(verifyConsistency(con.size1, con.size2, conProof, b64(con.root1), b64(con.root2))).toBe(false);
        },
      ),
      fuzzParameters(500),
    );
  });
});

describe('parseLogRequest', () => {
  const templates = [
    { op: 'checkpoint', from: 3 },
    { op: 'consistency', first: 1, second: 13 },
    { op: 'cosign', size: 13, signature: '\u2014 atc-exchange/witness/BY AAAA' },
  ];

  it('reads or refuses arbitrary bytes and JSON with a code', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 100 }),
          fc
            .constantFrom(...templates)
            .chain((t) => jsonAround(t))
            .map((v) => Buffer.from(JSON.stringify(v) ?? '')),
        ),
        (bytes) => {
          decodeOutcome(() => parseLogRequest(bytes));
        },
      ),
      fuzzParameters(2000),
    );
  });
});

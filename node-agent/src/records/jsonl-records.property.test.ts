// The drop folder's and `atc-agent import`'s line reader fed arbitrary bytes: every line is
// read, blank, or refused with a code of the catalogue, never a thrown error.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParameters, isKnownCode, jsonAround } from '@atc/shared/testing';
import { readLine, recordOutcome, splitLines } from './jsonl-records.js';

const record = { type: 'Notice', recipients: ['BY'], record: { recordId: 'KZ-N-000001', text: 'Fictitious notice' } };

const file = fc.array(
  fc.oneof(
    jsonAround(record).map((v) => Buffer.from(JSON.stringify(v) ?? '', 'utf8')),
    fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b)),
    fc.constantFrom(Buffer.from('  \r'), Buffer.from('"\\ud800"'), Buffer.from('\ufeff{}'), Buffer.from([0xc0, 0xaf])),
  ),
  { maxLength: 6 },
);

describe('JSON Lines records', () => {
  it('reads every line of arbitrary bytes or refuses it with a code', () => {
    fc.assert(
      fc.property(file, fc.integer({ min: 0, max: 64 }), (lines, maxBytes) => {
        const bytes = Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')]));
        for (const line of splitLines(bytes)) {
          expect(line.includes(0x0a)).toBe(false);
          const read = readLine(line, maxBytes);
          if ('problem' in read) {
            expect(isKnownCode(read.problem.code), read.problem.code).toBe(true);
            expect(read.problem.detail.length).toBeGreaterThan(0);
          }
        }
      }),
      fuzzParameters(1000),
    );
  });

  it('sorts any answer of the agent API without throwing', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 599 }),
        fc.dictionary(fc.constantFrom('code', 'detail', 'messageId', 'created'), fc.jsonValue({ maxDepth: 1 })),
        (status, body) => {
          expect(['accepted', 'refused', 'retry']).toContain(recordOutcome({ status, body }).kind);
        },
      ),
      fuzzParameters(500),
    );
  });
});

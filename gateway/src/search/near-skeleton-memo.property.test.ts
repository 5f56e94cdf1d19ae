import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParameters } from '@atc/shared/testing';
import { deletionVariants, NearSkeletonMemo } from './search-index.js';

/**
 * What the index answers for `skeleton` (BankPersonSearcher's one-letter-away read): the
 * vocabulary's skeletons sharing a deletion variant with it.
 */
function sharingAVariant(skeleton: string, vocabulary: ReadonlySet<string>): string[] {
  const mine = new Set(deletionVariants(skeleton));
  return [...vocabulary].filter((s) => deletionVariants(s).some((v) => mine.has(v))).sort();
}

/** Short skeletons over three letters: many of them one letter apart. */
const skeleton = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), minLength: 2, maxLength: 6 });
const step = fc.oneof(
  fc.record({ add: skeleton, exercise: fc.constantFrom(0, 1) }),
  fc.record({ read: skeleton, exercise: fc.constantFrom(0, 1) }),
);

describe('NearSkeletonMemo', () => {
  it('answers what the vocabulary answers now, through any additions reported to it', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const vocabulary = [new Set<string>(), new Set<string>()];
        const memo = new NearSkeletonMemo();
        for (const s of steps) {
          const words = vocabulary[s.exercise]!;
          if ('add' in s) {
            if (words.has(s.add)) continue;
            words.add(s.add);
            memo.added(s.exercise, s.add);
            continue;
          }
          const truth = sharingAVariant(s.read, words);
          const known = memo.get(s.exercise, s.read);
          // A remembered answer is never stale; one not remembered is read and remembered.
          if (known !== undefined) expect([...known].sort()).toEqual(truth);
          else memo.set(s.exercise, s.read, truth);
        }
        // At the end too, for every skeleton remembered in either namespace.
        for (const exercise of [0, 1]) {
          for (const s of steps) {
            const read = 'read' in s ? s.read : s.add;
            const known = memo.get(exercise, read);
            if (known !== undefined) expect([...known].sort()).toEqual(sharingAVariant(read, vocabulary[exercise]!));
          }
        }
      }),
      fuzzParameters(2_000),
    );
  });

  it('forgets only the skeletons an addition is one letter away from, in its namespace', () => {
    const memo = new NearSkeletonMemo();
    memo.set(0, 'abdulaev', []);
    memo.set(0, 'ivanov', []);
    memo.set(1, 'abdulaev', []);
    memo.added(0, 'abdullaev');
    expect(memo.get(0, 'abdulaev')).toBeUndefined();
    expect(memo.get(0, 'ivanov')).toEqual([]);
    // The other namespace's vocabulary did not change.
    expect(memo.get(1, 'abdulaev')).toEqual([]);
  });
});

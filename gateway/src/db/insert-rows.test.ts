import { describe, expect, it } from 'vitest';
import { ARCHIVE_BACKENDS } from '@atc/harness';
import { openArchiveDb } from './open-database.js';
import { fixedChunks, inLists, insertRows, padded, STATEMENT_LENGTHS } from './insert-rows.js';

describe('insertRows and inLists', () => {
  it.each(ARCHIVE_BACKENDS)(
    'write and find any number of rows with a few statement shapes on $name',
    async (backend) => {
      await using at = await backend.create();
      const db = await openArchiveDb(at.location);
      try {
        const rows = Array.from({ length: 343 }, (_, i) => [1, i, Buffer.from([i % 256])]);
        expect(await insertRows(db, 'log_nodes', ['level', 'idx', 'hash'], rows)).toBe(343);
        const wanted = Array.from({ length: 343 }, (_, i) => i).filter((i) => i % 2 === 0);
        let found = 0;
        for (const list of inLists(wanted)) {
          const hit = await db.all<{ idx: number }>(
            `SELECT idx FROM log_nodes WHERE level = 1 AND idx IN (${list.map(() => '?').join(', ')})`,
            list,
          );
          found += hit.length;
        }
        expect(found).toBe(wanted.length);
      } finally {
        await db.close();
      }
    },
  );

  it('pads IN lists to a few lengths with values that change no result', () => {
    const lists = inLists(Array.from({ length: 300 }, (_, i) => i));
    expect(lists.map((l) => l.length)).toEqual([256, 64]);
    expect(new Set(lists.flat())).toEqual(new Set(Array.from({ length: 300 }, (_, i) => i)));
    expect(inLists(['a', 'b', 'c'])).toEqual([['a', 'b', 'c', 'c']]);
    expect(inLists(['a', 'b', 'c'], '')).toEqual([['a', 'b', 'c', '']]);
    expect(inLists([])).toEqual([]);
    // Every length from 1 to 600 in lists of the few statement lengths, each padded less than twofold.
    for (let n = 1; n <= 600; n++) {
      const got = inLists(Array.from({ length: n }, (_, i) => i));
      for (const list of got) expect(STATEMENT_LENGTHS).toContain(list.length);
      expect(got.flat().length).toBeLessThan(Math.max(2 * n, n + 1));
    }
    expect(padded([1, 2, 3, 4, 5])).toEqual([1, 2, 3, 4, 5, 5, 5, 5]);
    expect(padded(['x'])).toEqual(['x']);
  });

  it('splits rows into runs of the statement lengths, each row once, in order', () => {
    for (let n = 0; n <= 600; n++) {
      const rows = Array.from({ length: n }, (_, i) => i);
      const runs = fixedChunks(rows);
      for (const run of runs) expect(STATEMENT_LENGTHS).toContain(run.length);
      expect(runs.flat()).toEqual(rows);
      // Largest first: at most one run of each length below the largest.
      const small = runs.filter((r) => r.length < 256).map((r) => r.length);
      expect(new Set(small).size).toBe(small.length);
    }
    expect(
      fixedChunks(
        Array.from({ length: 100 }, (_, i) => i),
        10,
      ).map((r) => r.length),
    ).toEqual([8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 4]);
  });
});

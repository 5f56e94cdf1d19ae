import { describe, expect, it } from 'vitest';
import { ARCHIVE_BACKENDS } from '@atc/harness';
import { openArchiveDb } from './open-database.js';
import { inLists, insertRows } from './insert-rows.js';

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
    expect(inLists(['a', 'b'])).toEqual([['a', 'b', 'b', 'b']]);
    expect(inLists([])).toEqual([]);
  });
});

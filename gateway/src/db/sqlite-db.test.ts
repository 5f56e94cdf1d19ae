import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqliteTempFiles } from '@atc/harness';
import { openDatabase } from './open-database.js';
import { SqliteDb } from './sqlite-db.js';

const ROWS = 200;

describe.runIf(process.platform === 'linux')("SQLite's temporary storage", () => {
  let dir: string;
  let db: SqliteDb;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'atc-sqlite-temp-'));
    const path = join(dir, 'archive.db');
    db = new SqliteDb(openDatabase(path), path);
    // 200 rows of 1 KB over a dozen of the archive's 16 KiB pages; a CHECK makes an UPDATE of
    // them one that may fail half-way, so SQLite journals the pages it changes to undo it alone.
    await db.exec('CREATE TABLE spill (id INTEGER PRIMARY KEY, v TEXT NOT NULL CHECK (length(v) > 0))');
    await db.transaction(
      async () => {
        for (let i = 0; i < ROWS; i++) await db.run('INSERT INTO spill (v) VALUES (?)', ['x'.repeat(1000)]);
      },
      { write: true },
    );
  });
  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A statement after another in one transaction, changing every row: its journal outgrows 64 KiB. */
  const changeEveryRow = async (): Promise<string[]> => {
    await db.run('INSERT INTO spill (v) VALUES (?)', ['y']);
    expect(await db.run("UPDATE spill SET v = v || 'z'")).toBe(ROWS + 1);
    return sqliteTempFiles();
  };

  it('stays in memory in a write transaction: no copy of the changed pages in a file outside the data directory', async () => {
    const held = await db.transaction(changeEveryRow, { write: true });
    expect(held).toEqual([]);
    expect(
      await db.get<{ n: number }>("SELECT count(*) AS n FROM spill WHERE v LIKE '%z' AND length(v) IN (2, 1001)"),
    ).toEqual({ n: ROWS + 1 });
  });

  it('goes back to the default after it, and the same work outside such a transaction does spill (the test can fail)', async () => {
    await db.transaction(() => Promise.resolve(), { write: true });
    expect(db.connection.pragma('temp_store', { simple: true })).toBe(0);
    // On the connection itself, as a transaction of SQLite's default settings.
    const connection = db.connection;
    connection.exec('BEGIN IMMEDIATE');
    try {
      connection.prepare('INSERT INTO spill (v) VALUES (?)').run('y');
      expect(connection.prepare("UPDATE spill SET v = v || 'z'").run().changes).toBe(ROWS + 1);
      expect(sqliteTempFiles().length).toBeGreaterThan(0);
    } finally {
      connection.exec('ROLLBACK');
    }
  });

  it('is back to the default after a write transaction that failed, and in memory again for the next', async () => {
    await expect(
      db.transaction(
        async () => {
          await db.run('INSERT INTO spill (v) VALUES (?)', ['']);
        },
        { write: true },
      ),
    ).rejects.toThrow(/CHECK constraint failed/);
    expect(db.connection.pragma('temp_store', { simple: true })).toBe(0);
    expect(await db.transaction(changeEveryRow, { write: true })).toEqual([]);
  });
});

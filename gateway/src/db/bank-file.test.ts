import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdTransaction } from '@atc/harness';
import { bankPathOf } from './bank-file.js';
import { openDatabase } from './open-database.js';
import { BANK_FILE_TABLES, MIGRATIONS } from './schema.js';
import { SqliteDb } from './sqlite-db.js';

/** The tables (no indexes) of one schema of a connection. */
function tablesOf(db: Database.Database, schema: 'main' | 'bank'): string[] {
  return (
    db.prepare(`SELECT name FROM ${schema}.sqlite_schema WHERE type = 'table' ORDER BY name`).all() as {
      name: string;
    }[]
  ).map((r) => r.name);
}

/** What opening the archive at `path` throws (undefined when it opens). */
function openingError(path: string, readonly = false): unknown {
  try {
    openDatabase(path, { readonly }).close();
    return undefined;
  } catch (e) {
    return e;
  }
}

const cursorOf = (db: Database.Database): number =>
  (db.prepare('SELECT next_leaf FROM databank_cursor WHERE id = 1').get() as { next_leaf: number }).next_leaf;

describe("the data bank's own file beside the SQLite archive", () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'atc-bank-file-'));
    path = join(dir, 'archive.db');
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds the projection; the archive keeps the decisions and the Notices sent', () => {
    const db = openDatabase(path);
    try {
      expect(bankPathOf(path)).toBe(join(dir, 'archive.databank.db'));
      expect(existsSync(bankPathOf(path))).toBe(true);
      const bank = tablesOf(db, 'bank');
      for (const table of BANK_FILE_TABLES) expect(bank).toContain(table);
      const main = tablesOf(db, 'main');
      expect(main.filter((t) => t.startsWith('databank_'))).toEqual([
        'databank_decisions',
        'databank_request_notices',
        'databank_review_notices',
      ]);
      // Named as before: the bank's tables are found in the attached file.
      expect(cursorOf(db)).toBe(0);
      expect(db.pragma('bank.journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });

  it("locks one file per writer: the bank's writers and the archive's never wait for each other", async () => {
    const a = new SqliteDb(openDatabase(path), path);
    const b = new SqliteDb(openDatabase(path), path);
    const writeBank = (updatedAt: number): Promise<number> =>
      b.transaction(() => b.run('UPDATE databank_cursor SET updated_at = ? WHERE id = 1', [updatedAt]), {
        write: true,
        writes: 'databank',
      });
    try {
      // The bank's projection holds the bank's lock...
      const bankWriter = await holdTransaction(a, { write: true, writes: 'databank' });
      // ...while the archive's writer commits on another connection, at once.
      const started = performance.now();
      await b.transaction(() => b.run("UPDATE gateway_state SET value = value + 1 WHERE key = 'registry_version'"), {
        write: true,
      });
      expect(performance.now() - started).toBeLessThan(1_000);
      // A second writer of the bank waits for the first.
      let second = false;
      const bankWriter2 = writeBank(2).then(() => {
        second = true;
      });
      await new Promise((r) => setTimeout(r, 100));
      expect(second).toBe(false);
      await bankWriter.release();
      await bankWriter2;
      expect(await a.get('SELECT updated_at FROM databank_cursor WHERE id = 1')).toEqual({ updated_at: 2 });
      // And the archive's lock, held, does not keep the bank's writer out.
      const archiveWriter = await holdTransaction(a, { write: true });
      await writeBank(3);
      await archiveWriter.release();
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('is emptied for a rebuild when it projects more of the log or decisions than the archive holds, or another archive', () => {
    const flag = "INSERT INTO databank_flags (message_id, code, leaf_index, detail) VALUES ('m', 'c', 0, 'd')";
    const flags = (db: Database.Database): unknown => db.prepare('SELECT count(*) AS n FROM databank_flags').get();
    let db = openDatabase(path);
    /** Closes the archive and opens it again, as a gateway restarting does. */
    const reopen = (): void => {
      db.close();
      db = openDatabase(path);
    };
    db.exec(flag);
    // A bank no further along than the archive (both at 0) is kept.
    reopen();
    expect(flags(db)).toEqual({ n: 1 });
    // A bank ahead of the archive (an archive restored from an older backup beside it) is emptied.
    db.exec('UPDATE databank_cursor SET next_leaf = 5 WHERE id = 1');
    reopen();
    expect(cursorOf(db)).toBe(0);
    expect(flags(db)).toEqual({ n: 0 });
    // A bank that applied operators' decisions the archive does not hold (a restored archive) is emptied.
    db.exec(flag);
    db.exec(`INSERT INTO databank_decisions (decision_id, exercise, kind, at_leaf, made_at, actor, reason)
      VALUES (1, 0, 'reject', 0, 1000, 'operator-1', 'two people')`);
    db.exec('INSERT INTO databank_decisions_applied (decision_id) VALUES (1)');
    reopen();
    expect(flags(db)).toEqual({ n: 1 });
    db.exec('INSERT INTO databank_decisions_applied (decision_id) VALUES (2)');
    reopen();
    expect(flags(db)).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM databank_decisions_applied').get()).toEqual({ n: 0 });
    db.close();
    // Another archive's bank file, put in place of this one's, is emptied too.
    const other = join(dir, 'other.db');
    const otherDb = openDatabase(other);
    otherDb.exec(flag);
    otherDb.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(bankPathOf(path) + suffix, { force: true });
    copyFileSync(bankPathOf(other), bankPathOf(path));
    db = openDatabase(path);
    expect(flags(db)).toEqual({ n: 0 });
    db.exec(flag);
    // And from then on it is this archive's, and kept.
    reopen();
    expect(flags(db)).toEqual({ n: 1 });
    db.close();
  });

  it('upgrades an archive whose bank is in its own file: the decisions stay, the projection starts again', () => {
    const old = new Database(path);
    for (const m of MIGRATIONS.slice(0, 18)) old.exec(m);
    old.pragma('user_version = 18');
    old.exec(`INSERT INTO databank_decisions (decision_id, exercise, kind, at_leaf, made_at, actor, reason)
      VALUES (1, 0, 'reject', 3, 1000, 'operator-1', 'two people')`);
    old.exec("INSERT INTO databank_flags (message_id, code, leaf_index, detail) VALUES ('m', 'c', 0, 'd')");
    old.exec('UPDATE databank_cursor SET next_leaf = 1 WHERE id = 1');
    old.close();
    const db = openDatabase(path);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(tablesOf(db, 'main')).not.toContain('databank_flags');
      expect(db.prepare('SELECT decision_id, actor FROM databank_decisions').all()).toEqual([
        { decision_id: 1, actor: 'operator-1' },
      ]);
      expect(cursorOf(db)).toBe(0);
      expect(db.prepare('SELECT count(*) AS n FROM databank_flags').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('is attached read-only when it exists, and never created by a reader', () => {
    openDatabase(path).close();
    const reader = openDatabase(path, { readonly: true });
    try {
      expect(cursorOf(reader)).toBe(0);
      expect(() => reader.exec('UPDATE databank_cursor SET next_leaf = 1')).toThrow(/readonly/);
    } finally {
      reader.close();
    }
    rmSync(bankPathOf(path));
    for (const suffix of ['-wal', '-shm']) rmSync(bankPathOf(path) + suffix, { force: true });
    const without = openDatabase(path, { readonly: true });
    try {
      expect(existsSync(bankPathOf(path))).toBe(false);
      expect(() => cursorOf(without)).toThrow(/no such table/);
    } finally {
      without.close();
    }
  });
  it('is refused, by name and with what to do, when it is no database or is damaged; deleting it rebuilds the bank', () => {
    openDatabase(path).close();
    const bank = bankPathOf(path);
    for (const suffix of ['-wal', '-shm']) rmSync(bank + suffix, { force: true });
    writeFileSync(bank, 'not a database, just text\n'.repeat(300));
    for (const readonly of [false, true]) {
      const refusal = openingError(path, readonly);
      expect(refusal).toMatchObject({ code: 'ERR_DATABANK_FILE_DAMAGED' });
      expect((refusal as Error).message).toContain(`the data bank's file ${bank} cannot be read (SQLITE_NOTADB`);
      expect((refusal as Error).message).toMatch(/delete that file .* the gateway rebuilds the bank from the archive/);
    }
    // A good header before a damaged first page: SQLite finds it when it reads the schema.
    rmSync(bank);
    openDatabase(path).close();
    const damaged = readFileSync(bank);
    damaged.fill(0xa5, 100);
    writeFileSync(bank, damaged);
    expect(() => openDatabase(path).close()).toThrow(/cannot be read \(SQLITE_CORRUPT/);
    rmSync(bank);
    const rebuilt = openDatabase(path);
    try {
      expect(cursorOf(rebuilt)).toBe(0);
    } finally {
      rebuilt.close();
    }
  });

  it("is refused by name when a table's page is damaged past its schema, and an archive's own damage is not blamed on it", () => {
    openDatabase(path).close();
    const bank = bankPathOf(path);
    const probe = new Database(bank);
    const { root } = probe
      .prepare("SELECT rootpage AS root FROM sqlite_schema WHERE name = 'databank_cursor'")
      .get() as {
      root: number;
    };
    const pageSize = probe.pragma('page_size', { simple: true }) as number;
    probe.close();
    const bytes = readFileSync(bank);
    bytes.fill(0xa5, (root - 1) * pageSize, root * pageSize);
    writeFileSync(bank, bytes);
    // Read while the opening checks the file (its cursor), after SQLite read its schema.
    const refusal = openingError(path);
    expect(refusal).toMatchObject({ code: 'ERR_DATABANK_FILE_DAMAGED' });
    expect((refusal as Error).message).toContain(`the data bank's file ${bank} cannot be read (SQLITE_CORRUPT`);

    // The archive's own file damaged, beside a good bank: SQLite's own error, not the bank's.
    rmSync(bank);
    openDatabase(path).close();
    writeFileSync(path, 'not a database, just text\n'.repeat(300));
    for (const suffix of ['-wal', '-shm']) rmSync(path + suffix, { force: true });
    for (const readonly of [false, true]) {
      const error = openingError(path, readonly);
      expect(error).toMatchObject({ code: 'SQLITE_NOTADB' });
      expect((error as Error).message).not.toContain('data bank');
    }
  });

  it('is refused when a newer gateway wrote it, and the archive is left as it was', () => {
    openDatabase(path).close();
    const bank = new Database(bankPathOf(path));
    bank.pragma('user_version = 99');
    bank.close();
    expect(() => openDatabase(path)).toThrow(
      `the data bank's file ${bankPathOf(path)} has schema version 99, newer than this gateway knows (1); upgrade the gateway, or delete the file`,
    );
    const bankAgain = new Database(bankPathOf(path));
    expect(bankAgain.pragma('user_version', { simple: true })).toBe(99);
    bankAgain.close();
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode, storageFailureOf } from '@atc/shared';
import { ARCHIVE_BACKENDS, createTestDatabase, type TestArchiveLocation } from '@atc/harness';
import {
  NEW_ARCHIVE_PAGE_SIZE,
  openArchiveDb,
  openDatabase,
  SERVICE_QUERY_TIMEOUT_MS,
  serviceArchiveLocation,
} from './open-database.js';
import { MIGRATIONS } from './schema.js';

describe('opening the archive', () => {
  const made: TestArchiveLocation[] = [];
  afterEach(async () => {
    for (const m of made.splice(0)) await m.dispose();
  });

  it.each(ARCHIVE_BACKENDS)('creates the schema once on $name, also when opened twice at once', async (backend) => {
    const at = await backend.create();
    made.push(at);
    const [a, b] = await Promise.all([openArchiveDb(at.location), openArchiveDb(at.location)]);
    try {
      for (const db of [a, b]) {
        expect(await db.get("SELECT value FROM gateway_state WHERE key = 'log_size'")).toEqual({ value: 0 });
      }
      // Integers come back as numbers, binary as Buffers, on both engines.
      await a.run('INSERT INTO log_nodes (level, idx, hash) VALUES (?, ?, ?)', [0, 2 ** 40, Buffer.from([1, 2])]);
      expect(await b.get('SELECT level, idx, hash FROM log_nodes')).toEqual({
        level: 0,
        idx: 2 ** 40,
        hash: Buffer.from([1, 2]),
      });
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('creates a SQLite archive with 4 KiB pages, and keeps the page size of one created before', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atc-pages-'));
    try {
      const fresh = openDatabase(join(dir, 'new.db'));
      expect(fresh.pragma('page_size', { simple: true })).toBe(NEW_ARCHIVE_PAGE_SIZE);
      expect(fresh.pragma('journal_mode', { simple: true })).toBe('wal');
      fresh.close();
      // Opened again: still 4 KiB, the schema not created twice.
      const again = openDatabase(join(dir, 'new.db'));
      expect(again.pragma('page_size', { simple: true })).toBe(NEW_ARCHIVE_PAGE_SIZE);
      again.close();

      // A file that already has pages of another size (archives created on 2026-12-07 and 8 have 16 KiB ones).
      const oldPath = join(dir, 'old.db');
      const old = new Database(oldPath);
      old.pragma('page_size = 16384');
      old.pragma('user_version = 0');
      old.close();
      const reopened = openDatabase(oldPath);
      try {
        expect(reopened.pragma('page_size', { simple: true })).toBe(16_384);
        expect(reopened.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
        reopened.prepare("INSERT INTO log_nodes (level, idx, hash) VALUES (0, 0, x'01')").run();
        expect(reopened.prepare('SELECT count(*) AS n FROM log_nodes').get()).toEqual({ n: 1 });
      } finally {
        reopened.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a PostgreSQL archive of a newer schema version', async () => {
    const database = await createTestDatabase();
    try {
      const db = await openArchiveDb({ url: database.url });
      await db.run('UPDATE schema_version SET version = ?', [MIGRATIONS.length + 1]);
      await db.close();
      await expect(openArchiveDb({ url: database.url })).rejects.toThrow(/newer than this gateway knows/);
    } finally {
      await database.drop();
    }
  });

  it('bounds the statements of the service on PostgreSQL, but not its migrations', async () => {
    expect(serviceArchiveLocation({ path: '/tmp/archive.db' })).toEqual({ path: '/tmp/archive.db' });
    expect(serviceArchiveLocation({ url: 'postgres://atc@db/atc' })).toEqual({
      url: 'postgres://atc@db/atc',
      queryTimeoutMs: SERVICE_QUERY_TIMEOUT_MS,
    });
    const database = await createTestDatabase();
    try {
      // A bound no migration statement could keep: the schema is still created.
      const db = await openArchiveDb({ url: database.url, queryTimeoutMs: 1 });
      try {
        const slow = db.get('SELECT pg_sleep(1)');
        // The client's bound, or the server's statement_timeout (twice as long) when a busy
        // client hears of that first: either way a storage failure.
        await expect(slow).rejects.toThrow(/^(Query read timeout|canceling statement due to statement timeout)$/);
        expect(storageFailureOf(await slow.catch((e: unknown) => e))?.code).toBe(ErrorCode.STORAGE_UNAVAILABLE);
      } finally {
        await db.close();
      }
      const unbounded = await openArchiveDb({ url: database.url });
      try {
        expect(await unbounded.get("SELECT value FROM gateway_state WHERE key = 'log_size'")).toEqual({ value: 0 });
      } finally {
        await unbounded.close();
      }
    } finally {
      await database.drop();
    }
  });

  it('says which setting to check when PostgreSQL cannot be reached, without the password', async () => {
    const failure = openArchiveDb({ url: 'postgres://atc@127.0.0.1:1/atc', password: 'hunter2' });
    await expect(failure).rejects.toThrow(/cannot be opened .*check ATC_ARCHIVE_URL, ATC_ARCHIVE_PASSWORD/);
    await expect(failure).rejects.not.toThrow(/hunter2/);
  });
});

import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './open-database.js';
import {
  WAL_RESTART_BYTES,
  WalCheckpointer,
  type CheckpointResult,
  type WalCheckpointerOptions,
} from './wal-checkpointer.js';

let dir: string;
let path: string;
let db: Db;
let checkpointer: WalCheckpointer | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atc-wal-'));
  path = join(dir, 'archive.db');
  db = openDatabase(path);
  db.exec('CREATE TABLE blobs (id INTEGER PRIMARY KEY, data BLOB NOT NULL)');
  // Each test starts with an empty log file (the archive's migrations wrote several MiB to it).
  db.pragma('wal_checkpoint(TRUNCATE)');
});

afterEach(async () => {
  await checkpointer?.stop();
  checkpointer = undefined;
  if (db.open) db.close();
  await rm(dir, { recursive: true, force: true });
});

/** Writes `n` transactions of one 8 KiB row each (two or three WAL pages per commit). */
function write(n: number): void {
  const insert = db.prepare('INSERT INTO blobs (data) VALUES (randomblob(8192))');
  for (let i = 0; i < n; i++) insert.run();
}

function nextCheckpoint(c: WalCheckpointer, until: (r: CheckpointResult) => boolean): Promise<CheckpointResult> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error('no such checkpoint within 10 s'));
    }, 10_000);
    c.onCheckpoint((r) => {
      if (!until(r)) return;
      clearTimeout(timer);
      resolve(r);
    });
  });
}

describe('WalCheckpointer', () => {
  it('checkpoints on its worker while commits never do, and hands checkpoints back on stop', async () => {
    checkpointer = new WalCheckpointer(db, path, { intervalMs: 50 });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    checkpointer.start();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    // Far past the 1,000 pages at which a commit would have checkpointed itself.
    write(600);
    // A WAL file is a 32-byte header, then frames of a 24-byte header and a page.
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const frames = ((await stat(`${path}-wal`)).size - 32) / (24 + pageSize);
    expect(Number.isInteger(frames)).toBe(true);
    expect(frames).toBeGreaterThan(1_000);
    // Checkpoints taken while the rows were written report fewer frames: wait for all of them.
    const done = await nextCheckpoint(checkpointer, (r) => r.log === frames && r.checkpointed === r.log);
    expect(done.checkpointed).toBe(frames);
    // The writer restarts the log from its start once everything in it is checkpointed.
    write(1);
    const after = await nextCheckpoint(checkpointer, (r) => r.log !== frames);
    expect(after.log).toBeLessThan(done.log);
    expect(db.prepare('SELECT count(*) AS n FROM blobs').get()).toEqual({ n: 601 });
    await checkpointer.stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    // Checkpointing on its own again, the connection's commits bound the log's file.
    expect(db.pragma('journal_size_limit', { simple: true })).toBe(2 * WAL_RESTART_BYTES);
  });

  /**
   * Commits one 8 KiB row at a time, a few milliseconds apart (steady writes, as the pipeline's
   * at 200 messages a second), for at least 2 s and until they wrote `bytes` to the log (giving
   * up after 20 s), with the checkpointer's worker alongside; returns the WAL's size on disk
   * then, what the commits wrote to it, and the checkpoints seen.
   */
  async function steadyWrites(
    c: WalCheckpointer,
    bytes: number,
  ): Promise<{ walBytes: number; writtenBytes: number; results: CheckpointResult[] }> {
    const results: CheckpointResult[] = [];
    c.onCheckpoint((r) => results.push(r));
    c.start();
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const insert = db.prepare('INSERT INTO blobs (data) VALUES (randomblob(8192))');
    const frames = (): number => (db.pragma('wal_checkpoint(NOOP)') as { log: number }[])[0]?.log ?? 0;
    let writtenFrames = 0;
    const [atLeast, giveUp] = [Date.now() + 2_000, Date.now() + 20_000];
    while ((writtenFrames * (24 + pageSize) < bytes || Date.now() < atLeast) && Date.now() < giveUp) {
      const before = frames();
      insert.run();
      // Frames added by this commit (the log may have started again at its beginning).
      const after = frames();
      writtenFrames += after >= before ? after - before : after;
      await new Promise((r) => setTimeout(r, 2));
    }
    return { walBytes: (await stat(`${path}-wal`)).size, writtenBytes: writtenFrames * (24 + pageSize), results };
  }

  it('keeps the log bounded under steady writes: chases the writer until a commit starts it again', async () => {
    // At the default interval (500 ms), as in the gateway.
    checkpointer = new WalCheckpointer(db, path, { restartBytes: 1024 * 1024 });
    const { walBytes, writtenBytes, results } = await steadyWrites(checkpointer, 16 * 1024 * 1024);
    expect(writtenBytes).toBeGreaterThanOrEqual(16 * 1024 * 1024);
    expect(results.filter((r) => r.restarted).length).toBeGreaterThan(1);
    // The file holds the largest log between two restarts: the mark and what a chase lets through.
    expect(walBytes).toBeLessThan(writtenBytes / 2);
    // Commits never cut the file (the worker does, at a quiet time).
    expect(db.pragma('journal_size_limit', { simple: true })).toBe(-1);
  });

  /**
   * Writes until the log's file is past `bytes` (a reader holds the log meanwhile, so that no
   * commit starts it again), then waits until the worker has checkpointed all of it.
   */
  async function largeLog(
    c: WalCheckpointer,
    bytes: number,
  ): Promise<{ frames: number; fileBytes: number; rows: number }> {
    let rows = 0;
    const reader = openDatabase(path);
    try {
      reader.exec('BEGIN');
      reader.prepare('SELECT count(*) FROM blobs').get();
      const insert = db.prepare('INSERT INTO blobs (data) VALUES (randomblob(8192))');
      for (; walFileBytes() <= bytes; rows++) insert.run();
    } finally {
      reader.close();
    }
    const frames = (db.pragma('wal_checkpoint(NOOP)') as { log: number }[])[0]!.log;
    await nextCheckpoint(c, (r) => r.log === frames && r.checkpointed === frames);
    return { frames, fileBytes: walFileBytes(), rows };
  }

  /** Starts a checkpointer on the test's archive, keeping every result it reports. */
  function started(options: WalCheckpointerOptions): { c: WalCheckpointer; results: CheckpointResult[] } {
    const c = new WalCheckpointer(db, path, options);
    checkpointer = c;
    const results: CheckpointResult[] = [];
    c.onCheckpoint((r) => results.push(r));
    c.start();
    return { c, results };
  }

  function walFileBytes(): number {
    return existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0;
  }

  it('never lets a commit cut the log file: the commit that starts the log again leaves it as it is', async () => {
    // No quiet time long enough, no deadline reached: the worker does not cut it either.
    const { c, results } = started({
      intervalMs: 50,
      restartBytes: 1024 * 1024,
      quietMs: 3_600_000,
      truncateAfterMs: 3_600_000,
    });
    const { frames, fileBytes } = await largeLog(c, 4 * 1024 * 1024);
    write(1);
    // The log started again from its beginning (a handful of frames)...
    const after = await nextCheckpoint(c, (r) => r.log !== frames);
    expect(after.log).toBeLessThan(10);
    // ...in a file of the same size: with SQLite's journal_size_limit the commit would have cut it to 2 MiB.
    expect(walFileBytes()).toBe(fileBytes);
    expect(results.some((r) => r.truncated)).toBe(false);
  });

  it('cuts a large log file back to nothing once commits pause, and the rows stay', async () => {
    checkpointer = new WalCheckpointer(db, path, { intervalMs: 50, restartBytes: 1024 * 1024, quietMs: 300 });
    checkpointer.start();
    const cut = nextCheckpoint(checkpointer, (r) => r.truncated);
    const { fileBytes, rows } = await largeLog(checkpointer, 4 * 1024 * 1024);
    expect(fileBytes).toBeGreaterThan(4 * 1024 * 1024);
    const r = await cut;
    expect(r).toMatchObject({ log: 0, checkpointed: 0, truncated: true });
    expect(walFileBytes()).toBe(0);
    expect(db.prepare('SELECT count(*) AS n FROM blobs').get()).toEqual({ n: rows });
    write(1);
    expect(db.prepare('SELECT count(*) AS n FROM blobs').get()).toEqual({ n: rows + 1 });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('does not cut a file under the limit, however quiet', async () => {
    const { c, results } = started({ intervalMs: 20, restartBytes: 8 * 1024 * 1024, quietMs: 40 });
    const { fileBytes } = await largeLog(c, 2 * 1024 * 1024);
    // Turns enough for several quiet spells.
    const seen = results.length;
    await nextCheckpoint(c, () => results.length >= seen + 10);
    expect(results.some((r) => r.truncated)).toBe(false);
    expect(walFileBytes()).toBe(fileBytes);
  });

  it('cuts it while commits keep coming once it has been past the limit for truncateAfterMs', async () => {
    checkpointer = new WalCheckpointer(db, path, {
      intervalMs: 100,
      restartBytes: 1024 * 1024,
      quietMs: 3_600_000,
      truncateAfterMs: 300,
    });
    // A log file of 1,000 pages (SQLite's own checkpoints start the log again at that size)
    // before the worker starts; then commits every few milliseconds, never pausing for long.
    write(600);
    // Twice the restart mark: the size past which the worker cuts the file.
    const limit = 2 * 1024 * 1024;
    expect(walFileBytes()).toBeGreaterThan(limit);
    const { results } = await steadyWrites(checkpointer, 2 * 1024 * 1024);
    expect(results.some((r) => r.truncated)).toBe(true);
    expect(walFileBytes()).toBeLessThan(limit);
  });

  it('without the chase (a mark never reached) the same writes grow the log with every commit', async () => {
    checkpointer = new WalCheckpointer(db, path, { restartBytes: 1024 * 1024 * 1024 });
    const { walBytes, writtenBytes, results } = await steadyWrites(checkpointer, 16 * 1024 * 1024);
    expect(results.length).toBeGreaterThan(2);
    expect(results.some((r) => r.restarted)).toBe(false);
    expect(walBytes).toBeGreaterThan(0.8 * writtenBytes);
  });

  it('stops at once while it chases a writer that cannot start the log again (a reader holds it)', async () => {
    write(600);
    // A reader inside the log: until it ends, no commit can start the log again.
    const reader = openDatabase(path);
    try {
      reader.exec('BEGIN');
      reader.prepare('SELECT count(*) FROM blobs').get();
      checkpointer = new WalCheckpointer(db, path, { intervalMs: 20, restartBytes: 1024 * 1024 });
      const seen: CheckpointResult[] = [];
      checkpointer.onCheckpoint((r) => seen.push(r));
      checkpointer.start();
      write(1);
      // The first turn is chasing now (it would for two seconds); the stop ends it.
      await new Promise((r) => setTimeout(r, 300));
      expect(seen).toEqual([]);
      const started = performance.now();
      await checkpointer.stop();
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(seen.at(-1)?.restarted).toBe(false);
    } finally {
      reader.close();
    }
  });

  it('gives checkpoints back to the connection when its worker cannot work, saying why', async () => {
    const failures: string[] = [];
    checkpointer = new WalCheckpointer(db, join(dir, 'missing.db'), {
      intervalMs: 50,
      onFailure: (why) => failures.push(why),
    });
    checkpointer.start();
    const deadline = Date.now() + 10_000;
    while (failures.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(failures[0]).toMatch(/checkpoint worker (failed|exited).*checkpoints on its own again/);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(db.pragma('journal_size_limit', { simple: true })).toBe(2 * WAL_RESTART_BYTES);
  });
});

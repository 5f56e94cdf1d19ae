import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './open-database.js';
import { WalCheckpointer, type CheckpointResult } from './wal-checkpointer.js';

let dir: string;
let path: string;
let db: Db;
let checkpointer: WalCheckpointer | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atc-wal-'));
  path = join(dir, 'archive.db');
  db = openDatabase(path);
  db.exec('CREATE TABLE blobs (id INTEGER PRIMARY KEY, data BLOB NOT NULL)');
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
  });
});

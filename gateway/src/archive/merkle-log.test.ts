import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureKey } from '@atc/shared/testing';
import {
  ARCHIVE_BACKENDS,
  referenceLeafHash,
  referenceNoteSigned,
  referenceParseCheckpoint,
  referenceRootFromPath,
  referenceVerifyConsistency,
  type TestArchiveLocation,
} from '@atc/harness';
import { MerkleLog } from './merkle-log.js';
import { openArchiveDb } from '../db/open-database.js';
import type { SqlDb } from '../db/sql-db.js';
import { SqliteDb } from '../db/sqlite-db.js';

const ORIGIN = 'atc-exchange/TEST';
const signer = { origin: ORIGIN, privateKey: fixtureKey('ATC').privateKey };

/**
 * `db` with a count of the rows its reads return: a proof's cost in rows does not depend on
 * the machine's load, unlike its time (which the benchmark measures).
 */
function countingReads(db: SqlDb): { readonly db: SqlDb; rows(): number } {
  let rows = 0;
  const counted = new Proxy(db, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (property === 'all') {
        return async (...args: Parameters<SqlDb['all']>) => {
          const result = await target.all(...args);
          rows += result.length;
          return result;
        };
      }
      if (property === 'get') {
        return async (...args: Parameters<SqlDb['get']>) => {
          const result = await target.get(...args);
          if (result !== undefined) rows++;
          return result;
        };
      }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { db: counted, rows: () => rows };
}

function append(db: SqlDb, log: MerkleLog, entries: readonly Uint8Array[]) {
  return db.transaction(() => log.appendWithinTransaction(entries), { write: true });
}

describe.each(ARCHIVE_BACKENDS)('MerkleLog on $name', (backend) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });
  /** A fresh archive, and `n` connections to it (as several gateway replicas would hold). */
  async function open(n = 1): Promise<{ at: TestArchiveLocation; dbs: SqlDb[] }> {
    const at = await backend.create();
    cleanup.push(() => at.dispose());
    const dbs: SqlDb[] = [];
    for (let i = 0; i < n; i++) {
      const db = await openArchiveDb(at.location);
      cleanup.push(() => db.close());
      dbs.push(db);
    }
    return { at, dbs };
  }

  it('serves proofs and checkpoints that an RFC 9162 reference accepts, across writers', async () => {
    // Two writers on the same archive, as the CLI or another gateway replica would be.
    const { dbs } = await open(2);
    const a = new MerkleLog(dbs[0]!, signer);
    const b = new MerkleLog(dbs[1]!, signer);
    const dbOf = new Map([
      [a, dbs[0]!],
      [b, dbs[1]!],
    ]);
    const entries: Buffer[] = [];
    const add = async (log: MerkleLog, n: number) => {
      const batch = Array.from({ length: n }, () => randomBytes(40));
      const result = (await append(dbOf.get(log)!, log, batch))!;
      expect(result.firstIndex).toBe(entries.length);
      entries.push(...batch);
      const cp = referenceParseCheckpoint(result.checkpoint);
      expect(cp.size).toBe(entries.length);
      expect(referenceNoteSigned(cp, ORIGIN, fixtureKey('ATC').publicKey)).toBe(true);
      // The proofs the append hands out for its own leaves hold against its checkpoint.
      batch.forEach((bytes, i) => {
        const index = result.firstIndex + i;
        expect(
          referenceRootFromPath(index, cp.size, referenceLeafHash(bytes), result.proof(index))?.equals(cp.root),
        ).toBe(true);
      });
      return cp;
    };
    const sizes: { size: number; root: Buffer }[] = [];
    for (const [log, n] of [
      [a, 1],
      [b, 3],
      [a, 4],
      [a, 1],
      [b, 7],
      [a, 17],
      [b, 2],
    ] as const) {
      const cp = await add(log, n);
      sizes.push({ size: cp.size, root: cp.root });
    }
    const size = entries.length;
    const root = await a.rootAt(size);
    for (let index = 0; index < size; index++) {
      const proof = await a.inclusionProof(index, size);
      expect(referenceRootFromPath(index, size, referenceLeafHash(entries[index]!), proof)?.equals(root)).toBe(true);
    }
    for (const first of sizes) {
      for (const second of sizes.filter((s) => s.size > first.size)) {
        expect(
          referenceVerifyConsistency(
            first.size,
            second.size,
            await b.consistencyProof(first.size, second.size),
            first.root,
            second.root,
          ),
        ).toBe(true);
      }
    }
    await expect(a.inclusionProof(size, size)).rejects.toMatchObject({ code: 'ERR_LOG_RANGE' });
    await expect(a.rootAt(size + 1)).rejects.toMatchObject({ code: 'ERR_LOG_RANGE' });
    expect((await a.latestCheckpoint())?.size).toBe(size);
  });

  it('keeps one linear log when two writers append at the same time', async () => {
    const { dbs } = await open(2);
    const logs = dbs.map((db) => new MerkleLog(db, signer));
    const written = new Map<string, number>();
    // Each writer appends 20 batches as fast as it can; the write lock interleaves them.
    const results = await Promise.all(
      logs.map(async (log, w) => {
        const mine = [];
        for (let k = 0; k < 20; k++) {
          const batch = Array.from({ length: 1 + (k % 5) }, (_, i) => Buffer.from(`writer-${w}-batch-${k}-${i}`));
          const r = (await append(dbs[w]!, log, batch))!;
          batch.forEach((bytes, i) => written.set(bytes.toString(), r.firstIndex + i));
          mine.push(r);
        }
        return mine;
      }),
    );
    const size = [...written.values()].length;
    expect(await logs[0]!.size()).toBe(size);
    // Every leaf index is used exactly once, and holds the bytes its append reported.
    expect([...written.values()].sort((x, y) => x - y)).toEqual(Array.from({ length: size }, (_, i) => i));
    const entries = await logs[1]!.entries(0, size);
    for (const [bytes, index] of written)
      expect(entries[index]!.leafHash.equals(referenceLeafHash(Buffer.from(bytes)))).toBe(true);
    // Every checkpoint either writer signed is consistent with the final tree.
    const root = await logs[0]!.rootAt(size);
    for (const r of results.flat()) {
      const cp = referenceParseCheckpoint(r.checkpoint);
      if (cp.size === size) continue;
      const proof = await logs[0]!.consistencyProof(cp.size, size);
      expect(referenceVerifyConsistency(cp.size, size, proof, cp.root, root)).toBe(true);
    }
  });

  it('leaves no trace of an append whose transaction failed', async () => {
    const { dbs } = await open();
    const db = dbs[0]!;
    const log = new MerkleLog(db, signer);
    await append(db, log, [randomBytes(10)]);
    await expect(
      db.transaction(
        async () => {
          await log.appendWithinTransaction([randomBytes(10), randomBytes(10)]);
          throw new Error('commit fails after the append');
        },
        { write: true },
      ),
    ).rejects.toThrow('commit fails');
    log.reset();
    expect(await log.size()).toBe(1);
    expect(await db.get('SELECT count(*) AS n FROM log_nodes')).toEqual({ n: 1 });
    const next = (await append(db, log, [randomBytes(10)]))!;
    expect(next.firstIndex).toBe(1);
    expect(referenceParseCheckpoint(next.checkpoint).size).toBe(2);
  });

  it('dates checkpoints after the last one when the clock goes back, and says so once per episode', async () => {
    const { dbs } = await open(2);
    let now = 1_800_000_000_000;
    const told: number[] = [];
    const log = new MerkleLog(
      dbs[0]!,
      signer,
      () => now,
      (behindMs) => told.push(behindMs),
    );
    const times = async (): Promise<number[]> =>
      (await dbs[0]!.all<{ created_at: number | string }>('SELECT created_at FROM checkpoints ORDER BY tree_size')).map(
        (r) => Number(r.created_at),
      );
    await append(dbs[0]!, log, [randomBytes(10)]);
    now -= 300_000; // the clock steps back 5 minutes
    await append(dbs[0]!, log, [randomBytes(10)]);
    await append(dbs[0]!, log, [randomBytes(10)]);
    // Another replica, its clock right, signs the next one; then this one's clock passes it again.
    await append(dbs[1]!, new MerkleLog(dbs[1]!, signer, () => 1_800_000_000_500), [randomBytes(10)]);
    now = 1_800_000_001_000;
    await append(dbs[0]!, log, [randomBytes(10)]);
    expect(await times()).toEqual([
      1_800_000_000_000, 1_800_000_000_001, 1_800_000_000_002, 1_800_000_000_500, 1_800_000_001_000,
    ]);
    expect(told).toEqual([300_000, 0]);
  });

  it('refuses to append outside a transaction', async () => {
    const { dbs } = await open();
    await expect(new MerkleLog(dbs[0]!, signer).appendWithinTransaction([randomBytes(10)])).rejects.toThrow(
      'needs a write transaction',
    );
  });

  // 100,003 entries: not a power of two, so that proofs cross partial subtrees. The archive at
  // 1,000,000 messages, proofs included, is timed by `npm run bench` (phase archive).
  it('answers proofs from O(log n) stored nodes with 100,003 entries', { timeout: 120_000 }, async () => {
    const { dbs } = await open();
    const db = dbs[0]!;
    // Bulk load without waiting for the disk; the timed reads are what this test is about.
    if (db instanceof SqliteDb) db.connection.pragma('synchronous = OFF');
    const log = new MerkleLog(db, signer);
    const N = 100_003;
    const chunk = 20_000;
    for (let done = 0; done < N; done += chunk) {
      await db.transaction(
        async () => {
          if (db.dialect === 'postgres') await db.run('SET LOCAL synchronous_commit TO OFF');
          await log.appendWithinTransaction(
            Array.from({ length: Math.min(chunk, N - done) }, (_, i) => Buffer.from(`entry-${done + i}`)),
          );
        },
        { write: true },
      );
    }
    expect(await log.size()).toBe(N);
    const root = await log.rootAt(N);
    const reads = countingReads(db);
    const reader = new MerkleLog(reads.db, signer);
    // A proof needs at most one stored node a level of the tree (and the checkpoint or size row);
    // a proof that rebuilt the tree, or a subtree of it, would read thousands.
    const bound = 2 * Math.ceil(Math.log2(N)) + 4;
    const rowsFor = async <T>(fn: () => Promise<T>): Promise<{ result: T; rows: number }> => {
      const before = reads.rows();
      const result = await fn();
      return { result, rows: reads.rows() - before };
    };
    let most = 0;
    for (let q = 0; q < 100; q++) {
      const index = Math.floor(Math.random() * N);
      const { result: proof, rows } = await rowsFor(() => reader.inclusionProof(index, N));
      most = Math.max(most, rows);
      expect(
        referenceRootFromPath(index, N, referenceLeafHash(Buffer.from(`entry-${index}`)), proof)?.equals(root),
      ).toBe(true);
    }
    for (let q = 0; q < 100; q++) {
      const first = 1 + Math.floor(Math.random() * (N - 1));
      const { result: proof, rows } = await rowsFor(() => reader.consistencyProof(first, N));
      most = Math.max(most, rows);
      expect(referenceVerifyConsistency(first, N, proof, await log.rootAt(first), root)).toBe(true);
    }
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(bound);
  });
});

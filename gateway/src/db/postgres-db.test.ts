import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, storageFailureOf } from '@atc/shared';
import { createTestDatabase, waitFor, type TestDatabase } from '@atc/harness';
import { PostgresDb } from './postgres-db.js';

let database: TestDatabase;
let admin: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase();
  admin = new pg.Client({ connectionString: database.adminUrl });
  await admin.connect();
});

afterAll(async () => {
  await admin?.end();
  await database?.drop();
});

describe('PostgresDb', () => {
  it('survives its session ended by the server while a transaction awaits something else, and goes on', async () => {
    const db = new PostgresDb({ url: database.url, maxConnections: 2 }, 'test');
    try {
      await db.run('CREATE TABLE t (n INTEGER)');
      let pid = 0;
      const failed = db.transaction(async () => {
        pid = (await db.get<{ pid: number }>('SELECT pg_backend_pid() AS pid'))!.pid;
        await db.run('INSERT INTO t VALUES (1)');
        // Between two statements (as while a batch is signed), the server ends the session:
        // node-postgres emits 'error' on the idle client, which no listener would end the process.
        await admin.query('SELECT pg_terminate_backend($1)', [pid]);
        await new Promise((resolve) => setTimeout(resolve, 200));
        await db.run('INSERT INTO t VALUES (2)');
      });
      const error: unknown = await failed.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(storageFailureOf(error)?.code).toBe(ErrorCode.STORAGE_UNAVAILABLE);
      // Nothing of the failed transaction was kept, and the pool hands out working sessions.
      await db.transaction(async () => {
        await db.run('INSERT INTO t VALUES (3)');
      });
      expect(await db.all('SELECT n FROM t ORDER BY n')).toEqual([{ n: 3 }]);
      const after = await db.get<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      expect(after?.pid).not.toBe(pid);
    } finally {
      await db.close();
    }
  });

  it('gives up on a statement that outlives its bound as a storage failure, drops its connection, and goes on', async () => {
    const db = new PostgresDb({ url: database.url, maxConnections: 2, queryTimeoutMs: 300 }, 'test');
    try {
      await db.run('CREATE TABLE u (n INTEGER)');
      let pid = 0;
      const t0 = Date.now();
      const error: unknown = await db
        .transaction(async () => {
          pid = (await db.get<{ pid: number }>('SELECT pg_backend_pid() AS pid'))!.pid;
          await db.run('INSERT INTO u VALUES (1)');
          // Stands for a statement sent over a link gone silent: no answer comes.
          await db.get('SELECT pg_sleep(30)');
        })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      // Given up at the bound, without a ROLLBACK queued behind the statement in flight.
      expect(Date.now() - t0).toBeLessThan(3_000);
      expect(storageFailureOf(error)?.code).toBe(ErrorCode.STORAGE_UNAVAILABLE);
      // The server ends the statement too (its own bound is twice the client's), and with
      // the dropped connection the session and its transaction.
      await waitFor(
        async () => (await admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).rowCount === 0,
        { timeoutMs: 10_000, intervalMs: 50, message: 'the timed-out session ended on the server' },
      );
      expect(await db.all('SELECT n FROM u')).toEqual([]);
      // Outside a transaction, the same.
      await expect(db.get('SELECT pg_sleep(30)')).rejects.toSatisfy(
        (e: unknown) => storageFailureOf(e)?.code === ErrorCode.STORAGE_UNAVAILABLE,
      );
      expect(await db.get('SELECT 1 AS one')).toEqual({ one: 1 });
    } finally {
      await db.close();
    }
  });
});

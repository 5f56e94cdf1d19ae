import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';

import { jetstream, jetstreamManager, StorageType } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Client } from 'pg';
import { describe, expect, it } from 'vitest';

import { createTestDatabase, HarnessError, HarnessErrorCode, startNatsServer, waitFor } from './index.js';

/** A name no other test (or earlier run against a kept store) uses. */
function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

async function withConnection<T>(url: string, use: (nc: NatsConnection) => Promise<T>): Promise<T> {
  const nc = await connect({ servers: url, reconnect: false, timeout: 2000 });
  try {
    return await use(nc);
  } finally {
    await nc.close();
  }
}

describe('startNatsServer', () => {
  it('serves JetStream file storage that survives restart() on the same port', async () => {
    await using server = await startNatsServer();
    const stream = uniqueName('HARNESS');
    const subject = `harness.${stream}.event`;

    await withConnection(server.url, async (nc) => {
      const jsm = await jetstreamManager(nc);
      await jsm.streams.add({ name: stream, subjects: [subject], storage: StorageType.File });
      const ack = await jetstream(nc).publish(subject, 'hello', { msgID: `${stream}-1` });
      expect(ack.seq).toBe(1);
      const stored = await jsm.streams.getMessage(stream, { seq: 1 });
      expect(stored?.string()).toBe('hello');
    });

    const portBefore = server.port;
    await server.restart();
    expect(server.port).toBe(portBefore);
    expect(server.url).toBe(`nats://127.0.0.1:${portBefore}`);

    await withConnection(server.url, async (nc) => {
      const jsm = await jetstreamManager(nc);
      const info = await jsm.streams.info(stream);
      expect(info.config.storage).toBe(StorageType.File);
      expect(info.state.messages).toBe(1);
      const stored = await jsm.streams.getMessage(stream, { seq: 1 });
      expect(stored?.subject).toBe(subject);
      expect(stored?.string()).toBe('hello');
    });
  });

  it('kill() ends the process and restart() brings it back on the same port', async () => {
    await using server = await startNatsServer();
    const stream = uniqueName('KILLED');
    await withConnection(server.url, async (nc) => {
      await (await jetstreamManager(nc)).streams.add({ name: stream, subjects: [`killed.${stream}`] });
    });

    await server.kill('SIGKILL');
    await expect(connect({ servers: server.url, reconnect: false, timeout: 1000 })).rejects.toThrow();

    await server.restart();
    await withConnection(server.url, async (nc) => {
      const names = await (await jetstreamManager(nc)).streams.names().next();
      expect(names).toContain(stream);
    });
  });

  it('stop() removes the store dir unless keepStore is set, and is idempotent', async () => {
    const server = await startNatsServer();
    await withConnection(server.url, async (nc) => {
      await (await jetstreamManager(nc)).streams.add({ name: uniqueName('STOP'), subjects: ['stop.>'] });
    });
    expect(existsSync(server.storeDir)).toBe(true);
    await server.stop();
    expect(existsSync(server.storeDir)).toBe(false);
    await server.stop();
    await expect(server.restart()).rejects.toMatchObject({ code: HarnessErrorCode.NatsServerInvalidState });

    const kept = await startNatsServer({ keepStore: true });
    try {
      await kept.stop();
      expect(existsSync(kept.storeDir)).toBe(true);
      expect(existsSync(kept.logFile)).toBe(true);
    } finally {
      await rm(dirname(kept.logFile), { recursive: true, force: true });
    }
  });

  it('gives two servers in one file different ports', async () => {
    await using first = await startNatsServer();
    await using second = await startNatsServer();
    expect(first.port).not.toBe(second.port);
    expect(first.storeDir).not.toBe(second.storeDir);
    for (const server of [first, second]) {
      await withConnection(server.url, async (nc) => {
        await nc.flush();
      });
    }
  });

  it('applies extra config text (here an authorization block)', async () => {
    await using server = await startNatsServer({
      config: 'authorization { user: harness, password: "s3cret-pass" }\n',
    });
    await expect(connect({ servers: server.url, reconnect: false, timeout: 1000 })).rejects.toThrow();
    const nc = await connect({ servers: server.url, user: 'harness', pass: 's3cret-pass', reconnect: false });
    await nc.close();
  });

  it('reports a server that cannot start with its log, by code', async () => {
    const failure = await startNatsServer({ config: 'this is { not valid config' }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(HarnessError);
    expect(failure).toMatchObject({ code: HarnessErrorCode.NatsServerStartFailed });
    expect((failure as HarnessError).message).toMatch(/Server log tail[^\n]*\n.*Parse error/);
  });
});

describe('createTestDatabase', () => {
  it('creates a usable throwaway database and drops it', async () => {
    const db = await createTestDatabase();
    expect(db.name).toMatch(/^atc_test_[0-9a-f]{12}$/);

    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query('CREATE TABLE item (id integer PRIMARY KEY, label text NOT NULL)');
      await client.query('INSERT INTO item (id, label) VALUES ($1, $2), ($3, $4)', [1, 'one', 2, 'two']);
      const { rows } = await client.query<{ id: number; label: string }>('SELECT id, label FROM item ORDER BY id');
      expect(rows).toEqual([
        { id: 1, label: 'one' },
        { id: 2, label: 'two' },
      ]);
      const current = await client.query<{ name: string }>('SELECT current_database() AS name');
      expect(current.rows[0]?.name).toBe(db.name);
    } finally {
      await client.end();
    }

    await db.drop();
    await db.drop();
    expect(await databaseExists(db.adminUrl, db.name)).toBe(false);
  });

  it('drops a database that still has open connections', async () => {
    const db = await createTestDatabase();
    const client = new Client({ connectionString: db.url });
    // The forced drop terminates this session; the client reports that (and then the closed
    // socket) as error events, which would be uncaught without a listener.
    const terminated = new Promise<unknown>((resolve) => client.on('error', resolve));
    await client.connect();
    await db.drop();
    await terminated;
    expect(await databaseExists(db.adminUrl, db.name)).toBe(false);
    await client.end().catch(() => undefined);
  });

  it('gives each call its own database', async () => {
    await using first = await createTestDatabase();
    await using second = await createTestDatabase();
    expect(first.name).not.toBe(second.name);
    expect(await databaseExists(first.adminUrl, first.name)).toBe(true);
    expect(await databaseExists(second.adminUrl, second.name)).toBe(true);
  });
});

describe('waitFor', () => {
  it('resolves with the first value that is not undefined, null or false', async () => {
    let calls = 0;
    const value = await waitFor(() => (++calls >= 3 ? { calls } : undefined), { intervalMs: 1 });
    expect(value).toEqual({ calls: 3 });
  });

  it('times out with a coded error that keeps the last failure as cause', async () => {
    const cause = new Error('still down');
    const failure = waitFor(
      () => {
        throw cause;
      },
      { timeoutMs: 30, intervalMs: 5, message: 'service up' },
    );
    await expect(failure).rejects.toMatchObject({ code: HarnessErrorCode.WaitTimeout, cause });
    await expect(failure).rejects.toThrow(/^service up: not met within 30 ms .*still down/);
  });
});

async function databaseExists(adminUrl: string, name: string): Promise<boolean> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const result = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return result.rowCount === 1;
  } finally {
    await admin.end();
  }
}

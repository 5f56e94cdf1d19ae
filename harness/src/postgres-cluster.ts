import { execFile } from 'node:child_process';
import { chown, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@atc/shared';
import pg from 'pg';

const run = promisify(execFile);
/** Debian's PostgreSQL 15 server programs. */
const BIN = '/usr/lib/postgresql/15/bin';
const POSTGRES_USER = 'postgres';

/** A PostgreSQL cluster of its own, in a folder the test chose (e.g. on a small disk). */
export interface ThrowawayCluster extends AsyncDisposable {
  /** URL of the database `atc` in it (trust authentication, user postgres). */
  readonly url: string;
  /** Stops the server (immediately). Idempotent. */
  stop(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * Creates (initdb, as the postgres user: initdb refuses root) and starts a PostgreSQL cluster
 * in `dir`, listening on 127.0.0.1 on a free port, with one empty database `atc`. Resolves to
 * the reason instead when that cannot be done here (not root, no server programs), for the
 * caller to skip with.
 */
export async function startThrowawayCluster(dir: string): Promise<ThrowawayCluster | { readonly refused: string }> {
  const data = join(dir, 'pgdata');
  try {
    const { stdout } = await run('id', ['-u', POSTGRES_USER]);
    const uid = Number(stdout.trim());
    const { stdout: gidOut } = await run('id', ['-g', POSTGRES_USER]);
    await chown(dir, uid, Number(gidOut.trim()));
    await mkdir(data, { mode: 0o700 });
    await chown(data, uid, Number(gidOut.trim()));
    await run('runuser', [
      '-u',
      POSTGRES_USER,
      '--',
      join(BIN, 'initdb'),
      '-D',
      data,
      '-A',
      'trust',
      '-U',
      POSTGRES_USER,
      '--no-sync',
    ]);
  } catch (e) {
    return { refused: `cannot create a PostgreSQL cluster in ${dir} (${(e as Error).message.trim().slice(0, 300)})` };
  }
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40`;
  await run('runuser', [
    '-u',
    POSTGRES_USER,
    '--',
    join(BIN, 'pg_ctl'),
    '-D',
    data,
    '-o',
    options,
    '-l',
    join(dir, 'server.log'),
    '-w',
    'start',
  ]);
  let running = true;
  const stop = async (): Promise<void> => {
    if (!running) return;
    running = false;
    await run('runuser', ['-u', POSTGRES_USER, '--', join(BIN, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop']);
  };
  try {
    const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
    await admin.connect();
    try {
      await admin.query('CREATE DATABASE atc');
    } finally {
      await admin.end();
    }
  } catch (e) {
    await stop();
    throw e;
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/atc`, stop, dispose: stop, [Symbol.asyncDispose]: stop };
}

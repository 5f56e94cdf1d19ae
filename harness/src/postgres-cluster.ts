import { execFile } from 'node:child_process';
import { appendFile, chown, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@atc/shared';
import pg from 'pg';

const run = promisify(execFile);
/** Debian's PostgreSQL 15 server programs. */
const BIN = '/usr/lib/postgresql/15/bin';
const POSTGRES_USER = 'postgres';

/**
 * How the server stops (`pg_ctl stop -m`): `fast` ends every session and shuts down cleanly;
 * `immediate` quits without a shutdown checkpoint, as after a crash, so the next start
 * replays the WAL.
 */
export type ClusterStopMode = 'fast' | 'immediate';

/** A PostgreSQL cluster of its own, in a folder the test chose (e.g. on a small disk). */
export interface ThrowawayCluster extends AsyncDisposable {
  /** URL of the database `atc` in it (trust authentication, user postgres). */
  readonly url: string;
  /** URL of the server's maintenance database `postgres`, for assertions about the server itself. */
  readonly adminUrl: string;
  /** The server's log file (`pg_ctl -l`), appended to across restarts. */
  readonly logFile: string;
  /** Whether the server runs (as far as this handle started and stopped it). */
  readonly running: boolean;
  /** Stops the server (default `immediate`) and waits until it is down. Idempotent. */
  stop(mode?: ClusterStopMode): Promise<void>;
  /** Starts the stopped server again on the same port and waits until it takes connections. Idempotent. */
  start(): Promise<void>;
  /** Stops the server with `mode`, then starts it again. */
  restart(mode: ClusterStopMode): Promise<void>;
  /** Stops the server (immediately) and deletes its data folder. Idempotent. */
  dispose(): Promise<void>;
}

/** Runs `command` through `wrap` (e.g. `ip netns exec <name>`), or directly when it is empty. */
function runWrapped(wrap: readonly string[], command: string, args: readonly string[]) {
  const [first, ...rest] = wrap;
  return first === undefined ? run(command, args) : run(first, [...rest, command, ...args]);
}

/** Where a {@link startThrowawayCluster} listens. */
export interface ThrowawayClusterOptions {
  /** The address the server listens on (default 127.0.0.1); `0.0.0.0` for every address of its network namespace. */
  readonly host?: string;
  /** The host in the cluster's URLs (default `host`), e.g. one address of a server listening on `0.0.0.0`. */
  readonly urlHost?: string;
  /**
   * A command the server programs are run through, e.g. `['ip', 'netns', 'exec', name]` to run
   * the server in a network namespace (see `createPartitionLab`).
   */
  readonly wrap?: readonly string[];
  /** Clients from this network (CIDR) are trusted too; initdb trusts only loopback ones. */
  readonly trustNetwork?: string;
}

/**
 * Creates (initdb, as the postgres user: initdb refuses root) and starts a PostgreSQL cluster
 * in `dir`, listening on 127.0.0.1 (or `options.host`) on a free port, with one empty database
 * `atc`. Resolves to the reason instead when that cannot be done here (not root, no server
 * programs), for the caller to skip with.
 */
export async function startThrowawayCluster(
  dir: string,
  options: ThrowawayClusterOptions = {},
): Promise<ThrowawayCluster | { readonly refused: string }> {
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
    if (options.trustNetwork !== undefined)
      await appendFile(join(data, 'pg_hba.conf'), `host all all ${options.trustNetwork} trust\n`);
  } catch (e) {
    return { refused: `cannot create a PostgreSQL cluster in ${dir} (${(e as Error).message.trim().slice(0, 300)})` };
  }
  const port = await freePort();
  const logFile = join(dir, 'server.log');
  const host = options.host ?? '127.0.0.1';
  const urlHost = options.urlHost ?? host;
  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=${host} -c fsync=off -c max_connections=40`;
  const pgCtl = (...args: string[]) =>
    runWrapped(options.wrap ?? [], 'runuser', ['-u', POSTGRES_USER, '--', join(BIN, 'pg_ctl'), '-D', data, ...args]);
  let running = false;
  // One start or stop at a time, in the order asked.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = (step: () => Promise<void>): Promise<void> => {
    const next = queue.then(step);
    queue = next.catch(() => undefined);
    return next;
  };
  const start = (): Promise<void> =>
    serially(async () => {
      if (running) return;
      await pgCtl('-o', serverOptions, '-l', logFile, '-w', '-t', '60', 'start');
      running = true;
    });
  const stop = (mode: ClusterStopMode = 'immediate'): Promise<void> =>
    serially(async () => {
      if (!running) return;
      await pgCtl('-m', mode, '-w', '-t', '60', 'stop');
      running = false;
    });
  let disposed = false;
  const dispose = async (): Promise<void> => {
    if (disposed) return;
    disposed = true;
    await stop('immediate');
    await rm(data, { recursive: true, force: true });
  };
  await start();
  const adminUrl = `postgres://postgres@${urlHost}:${port}/postgres`;
  try {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query('CREATE DATABASE atc');
    } finally {
      await admin.end();
    }
  } catch (e) {
    await dispose();
    throw e;
  }
  return {
    url: `postgres://postgres@${urlHost}:${port}/atc`,
    adminUrl,
    logFile,
    get running() {
      return running;
    },
    stop,
    start,
    async restart(mode: ClusterStopMode) {
      await stop(mode);
      await start();
    },
    dispose,
    [Symbol.asyncDispose]: dispose,
  };
}

import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Component } from '@atc/shared';
import type { SqliteConnection } from './sqlite-db.js';

/** SQLite's default: a commit that leaves more WAL pages than this checkpoints on its own. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

/**
 * The worker's code, plain CommonJS (it runs the same from the sources and from the build):
 * its own connection to the archive, checkpointing passively (never blocking the writer) on
 * a timer, and reporting each result.
 */
const WORKER_SOURCE = `
const { statSync } = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
// Set to 1 by the gateway when it stops: a chase in progress ends at once.
const stopping = new Int32Array(workerData.stopping);
const checkpoint = () => db.pragma('wal_checkpoint(PASSIVE)')[0];
// Every frame of the log copied into the database (-1 and -1: the checkpoint could not run).
const copied = (r) => r.busy === 0 && r.checkpointed === r.log;
// Checkpoints in a row that found the log copied and no commit since the one before.
const IDLE_TRIES = 10;
const walBytes = () => {
  try {
    return statSync(workerData.path + '-wal').size;
  } catch {
    return 0;
  }
};
// The log's frames at the previous turn, since when they have not changed (no commit), and
// since when the log's file has been over the limit.
let previousLog = -1;
let quietSince = Date.now();
let overSince;
// Cuts a log file past the limit back to nothing, here rather than in a commit. Cutting a large
// file takes its time (about 100 ms for 400 MB here), and readers and writers wait meanwhile:
// so only once no commit has come for a while (trying every few milliseconds while readers are
// in the log), or, when commits never pause, once it has been over the limit for long, once a
// turn. Never waits for a writer or a reader itself.
const truncate = (r) => {
  const now = Date.now();
  if (r.log !== previousLog || !copied(r)) quietSince = now;
  previousLog = r.log;
  if (walBytes() <= workerData.truncateBytes) {
    overSince = undefined;
    return undefined;
  }
  overSince ??= now;
  const quiet = now - quietSince >= workerData.quietMs;
  if (!quiet && now - overSince < workerData.truncateAfterMs) return undefined;
  db.pragma('busy_timeout = 0');
  try {
    for (let i = 0; i < (quiet ? workerData.chaseTries : 1) && Atomics.load(stopping, 0) === 0; i++) {
      if (i > 0) Atomics.wait(stopping, 0, 0, workerData.chasePauseMs);
      const t = db.pragma('wal_checkpoint(TRUNCATE)')[0];
      if (t.busy === 0) {
        overSince = undefined;
        previousLog = t.log;
        return t;
      }
      // A commit came: no longer quiet.
      if (t.log !== r.log) {
        quietSince = Date.now();
        break;
      }
    }
    return undefined;
  } finally {
    db.pragma('busy_timeout = 5000');
  }
};
const run = (chase) => {
  try {
    let r = checkpoint();
    let restarted = false;
    if (chase && r.log >= workerData.restartFrames) {
      // Chase the writer: checkpoint again every few milliseconds until one finishes between
      // two commits, so that the next commit starts the log again from its beginning. A chase
      // also ends once the whole log has been copied and no commit has come for a few tries:
      // the next commit, whenever it comes, starts the log again.
      const log = r.log;
      let idle = 0;
      for (let i = 0; i < workerData.chaseTries && !restarted && idle < IDLE_TRIES && Atomics.load(stopping, 0) === 0; i++) {
        Atomics.wait(stopping, 0, 0, workerData.chasePauseMs);
        const before = r.log;
        r = checkpoint();
        restarted = r.log < log;
        idle = copied(r) && r.log === before ? idle + 1 : 0;
      }
    }
    const t = chase ? truncate(r) : undefined;
    if (t !== undefined) r = t;
    parentPort.postMessage({ busy: r.busy, log: r.log, checkpointed: r.checkpointed, restarted, truncated: t !== undefined });
  } catch (e) {
    parentPort.postMessage({ error: e && e.message ? e.message : String(e) });
  }
};
const timer = setInterval(() => run(true), workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m !== 'close') return;
  clearInterval(timer);
  run(false);
  db.close();
  parentPort.close();
});
`;

/** One checkpoint's result: WAL frames in the log, and how many of them are in the database now. */
export interface CheckpointResult {
  readonly log: number;
  readonly checkpointed: number;
  /** The log had grown past {@link WAL_RESTART_BYTES}, and a commit has since started it again. */
  readonly restarted: boolean;
  /** The log's file was past twice {@link WAL_RESTART_BYTES}, and the worker cut it back to nothing. */
  readonly truncated: boolean;
}

/**
 * How large the archive's WAL may grow before the worker chases the writer (see
 * {@link WalCheckpointer}); the worker cuts back a log file past twice this.
 */
export const WAL_RESTART_BYTES = 32 * 1024 * 1024;
/** How long no commit must come before the worker cuts back a log file past twice {@link WAL_RESTART_BYTES}. */
const QUIET_MS = 5_000;
/** How long such a file may stay when commits never pause that long, before it is cut back anyway. */
const TRUNCATE_AFTER_MS = 10 * 60_000;
/** How often, and how many times, a chase checkpoints again before it waits for the next turn. */
const CHASE_PAUSE_MS = 5;
const CHASE_TRIES = 400;

/** Options of {@link WalCheckpointer}. */
export interface WalCheckpointerOptions {
  /** How often the worker checkpoints (default 500 ms). */
  readonly intervalMs?: number;
  /** The log's size from which the worker chases the writer (default {@link WAL_RESTART_BYTES}). */
  readonly restartBytes?: number;
  /** How long no commit must come before the worker cuts back a log file past twice `restartBytes` (default 5 s). */
  readonly quietMs?: number;
  /** How long such a file may stay while commits never pause that long, before it is cut back anyway (default 10 min). */
  readonly truncateAfterMs?: number;
  readonly onFailure?: (why: string) => void;
}

/**
 * Moves the archive's WAL checkpoints off the event loop. By default SQLite checkpoints
 * inside the commit that crosses 1,000 WAL pages: the committing thread copies the pages into
 * the database and fsyncs it, and with better-sqlite3 that thread is the gateway's event
 * loop, stalled for tens of milliseconds every few thousand messages. Here the main
 * connection never checkpoints, and a worker thread with its own connection checkpoints
 * passively every `intervalMs`, alongside the writer.
 *
 * A checkpoint copies pages into the database, but only a commit starts the log again from
 * its beginning, and only once every frame in it is copied and no reader still reads from it.
 * Under steady writes a checkpoint every `intervalMs` never finished between two commits, and
 * the log grew without bound: 483 MB in 25 s at 200 messages a second, beside an 8 MB
 * database, every commit extending the file. So once the log holds {@link WAL_RESTART_BYTES},
 * the worker checkpoints again every few milliseconds (each time copying only what the last
 * commits added) until one lands between two commits and the log starts again, never taking
 * the writer's lock (SQLite's RESTART mode would hold the pipeline's commits while it waits for
 * readers); a long reader (an `archive verify`) only postpones it.
 *
 * A log started again keeps its file's size, and the main connection's commits never cut it
 * (`journal_size_limit` is off while the worker runs): SQLite cuts the file in the commit that
 * starts the log again, on the pipeline's thread, and cutting a large one takes time (the first
 * commit after a burst at 1,000 msg/s took 108 ms cutting a 453 MB log, every message that
 * arrived meanwhile waiting for it). The worker cuts a file past twice `restartBytes` back to
 * nothing (a TRUNCATE checkpoint, never waiting for a writer or a reader) once no commit has come
 * for `quietMs`, or, where commits never pause so long, once the file has been that large for
 * `truncateAfterMs`. Meanwhile the file keeps the size of the largest log since the last cut.
 *
 * If the worker fails, the main connection checkpoints on its own again (the WAL never
 * grows without bound) and `onFailure` is told why. It checkpoints the archive's file only:
 * the data bank's file beside it (db/bank-file.ts) is checkpointed by the commits of the bank's
 * own connection, in the bank's thread.
 */
export class WalCheckpointer implements Component {
  #worker: Worker | undefined;
  readonly #connection: SqliteConnection;
  readonly #path: string;
  readonly #options: WalCheckpointerOptions;
  #listeners: ((r: CheckpointResult) => void)[] = [];
  #closed = false;
  #stopped: Promise<void> | undefined;
  /** Shared with the worker: 1 once stopping, which ends a chase of the writer at once. */
  readonly #stopping = new Int32Array(new SharedArrayBuffer(4));

  constructor(connection: SqliteConnection, path: string, options: WalCheckpointerOptions = {}) {
    this.#connection = connection;
    this.#path = path;
    this.#options = options;
  }

  /** Takes the checkpoints from the main connection and starts the worker. */
  start(): void {
    if (this.#worker !== undefined || this.#closed) return;
    const options = this.#options;
    this.#connection.pragma('wal_autocheckpoint = 0');
    const restartBytes = this.#restartBytes();
    // A commit that starts the log again leaves its file as it is: the worker cuts it back.
    this.#connection.pragma('main.journal_size_limit = -1');
    const pageSize = this.#connection.pragma('page_size', { simple: true }) as number;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      name: 'atc-wal-checkpoint',
      execArgv: [],
      workerData: {
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        path: this.#path,
        intervalMs: options.intervalMs ?? 500,
        restartFrames: Math.ceil(restartBytes / pageSize),
        truncateBytes: 2 * restartBytes,
        quietMs: options.quietMs ?? QUIET_MS,
        truncateAfterMs: options.truncateAfterMs ?? TRUNCATE_AFTER_MS,
        chasePauseMs: CHASE_PAUSE_MS,
        chaseTries: CHASE_TRIES,
        stopping: this.#stopping.buffer,
      },
      resourceLimits: { maxOldGenerationSizeMb: 32 },
    });
    this.#worker = worker;
    worker.unref();
    const fail = (why: string): void => {
      if (this.#closed) return;
      this.#closed = true;
      this.#restore();
      options.onFailure?.(why);
    };
    worker.on('message', (m: CheckpointResult | { error: string }) => {
      if ('error' in m) {
        options.onFailure?.(`a checkpoint failed (${m.error}); the next one retries`);
        return;
      }
      for (const listener of this.#listeners) listener(m);
    });
    worker.on('error', (e) => {
      fail(`the checkpoint worker failed (${e.message}); the gateway checkpoints on its own again`);
    });
    worker.on('exit', (code) => {
      fail(`the checkpoint worker exited with code ${code}; the gateway checkpoints on its own again`);
    });
  }

  /** Calls `listener` after every checkpoint. */
  onCheckpoint(listener: (r: CheckpointResult) => void): void {
    this.#listeners.push(listener);
  }

  /** Runs a last checkpoint, stops the worker, and lets the main connection checkpoint again. */
  stop(): Promise<void> {
    this.#stopped ??= this.#stopOnce();
    return this.#stopped;
  }

  async #stopOnce(): Promise<void> {
    const worker = this.#worker;
    if (this.#closed || worker === undefined) {
      this.#closed = true;
      return;
    }
    this.#closed = true;
    const exited = new Promise<void>((resolve) =>
      worker.once('exit', () => {
        resolve();
      }),
    );
    Atomics.store(this.#stopping, 0, 1);
    Atomics.notify(this.#stopping, 0);
    worker.postMessage('close');
    const timer = setTimeout(() => void worker.terminate(), 5_000);
    await exited;
    clearTimeout(timer);
    this.#restore();
  }

  #restartBytes(): number {
    return this.#options.restartBytes ?? WAL_RESTART_BYTES;
  }

  /** The main connection checkpoints on its own again, and its commits bound the log's file. */
  #restore(): void {
    if (!this.#connection.open) return;
    this.#connection.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
    this.#connection.pragma(`main.journal_size_limit = ${2 * this.#restartBytes()}`);
  }
}

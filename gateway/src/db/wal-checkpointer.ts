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
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
// Set to 1 by the gateway when it stops: a chase in progress ends at once.
const stopping = new Int32Array(workerData.stopping);
const checkpoint = () => db.pragma('wal_checkpoint(PASSIVE)')[0];
const run = (chase) => {
  try {
    let r = checkpoint();
    let restarted = false;
    if (chase && r.log >= workerData.restartFrames) {
      // Chase the writer: checkpoint again every few milliseconds until one finishes between
      // two commits, so that the next commit starts the log again from its beginning.
      const log = r.log;
      for (let i = 0; i < workerData.chaseTries && !restarted && Atomics.load(stopping, 0) === 0; i++) {
        Atomics.wait(stopping, 0, 0, workerData.chasePauseMs);
        r = checkpoint();
        restarted = r.log < log;
      }
    }
    parentPort.postMessage({ busy: r.busy, log: r.log, checkpointed: r.checkpointed, restarted });
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
}

/**
 * How large the archive's WAL may grow before the worker chases the writer (see
 * {@link WalCheckpointer}); the main connection truncates a log file it starts again to twice
 * this (`journal_size_limit`).
 */
export const WAL_RESTART_BYTES = 32 * 1024 * 1024;
/** How often, and how many times, a chase checkpoints again before it waits for the next turn. */
const CHASE_PAUSE_MS = 5;
const CHASE_TRIES = 400;

/** Options of {@link WalCheckpointer}. */
export interface WalCheckpointerOptions {
  /** How often the worker checkpoints (default 500 ms). */
  readonly intervalMs?: number;
  /** The log's size from which the worker chases the writer (default {@link WAL_RESTART_BYTES}). */
  readonly restartBytes?: number;
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
    const restartBytes = options.restartBytes ?? WAL_RESTART_BYTES;
    // A log file started again keeps its size unless truncated: bounded to twice the chase's mark.
    this.#connection.pragma(`main.journal_size_limit = ${2 * restartBytes}`);
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

  #restore(): void {
    if (this.#connection.open) this.#connection.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
  }
}

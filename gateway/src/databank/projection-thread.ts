import { Worker } from 'node:worker_threads';
import { backoffDelay, Jitter, type Component, type Logger, type StorageFailure } from '@atc/shared';
import type { ArchiveLocation } from '../db/open-database.js';
import type { BankWriters } from './bank-writers.js';

/** What the projection's thread starts with. */
export interface ProjectionThreadData {
  readonly location: ArchiveLocation;
  readonly linkThreshold: number | undefined;
  readonly everyMs: number;
  readonly batchBudgetMs: number;
  /** The longest the thread gives way to writers of the bank before it runs a batch anyway. */
  readonly writerWaitMaxMs: number;
  /** The thread's nice value (Linux): 0 keeps the process's priority. */
  readonly nice: number;
  readonly logLevel: string;
  /** The pipeline's backlog, which the projection defers to (see {@link PipelineBacklog}). */
  readonly pipelineBacklog: PipelineBacklog | undefined;
  /** Writers of the bank in this process waiting for its lock (see {@link BankWriters}). */
  readonly bankWriters: BankWriters | undefined;
}

/**
 * The submissions the pipeline holds and has not yet taken into a batch, in shared memory
 * (`SubmitLoop` keeps `queued[0]` up to date). While they are at least `high` (the gateway:
 * {@link PIPELINE_BACKLOG_HIGH}), the pipeline is falling behind, and the projection waits (at
 * most {@link PIPELINE_DEFER_MAX_MS} per batch): the exchange's own work goes first, and the
 * bank catches up once the backlog is gone.
 */
export interface PipelineBacklog {
  readonly queued: Int32Array;
  readonly high: number;
}

/**
 * The pipeline's backlog from which the gateway's projection waits: 16 submissions, about 16 ms
 * of arrivals at 1,000 msg/s. At the batch size (256), as before, the pipeline had to be a
 * quarter of a second behind before the bank's thread gave it the cores, and it shared them
 * meanwhile: the latency phase (30 s at 1,000 msg/s) measured p99 122-213 ms over three runs
 * on 2026-12-07, against 74.8 and 83.5 ms with 16, the bank then 20.5-21.4 s behind at the step's
 * end instead of 16.8-18.7. With 1 (the bank waits whenever a submission does) p99 was 59.1 ms
 * but the bank stood still through the step (29.8 s behind), as it would under any steady rate
 * that keeps a submission waiting.
 */
export const PIPELINE_BACKLOG_HIGH = 16;

/**
 * The longest the projection waits for the pipeline's backlog before it runs a batch anyway:
 * behind a backlog that lasts, the bank still moves (a batch of at most
 * {@link THREAD_BATCH_BUDGET_MS} a second), and its lag stays a gauge, not a halt.
 */
export const PIPELINE_DEFER_MAX_MS = 1_000;

/** The projection thread's V8 heap: in use (live objects and garbage), reserved, and its limit. */
export interface ProjectionThreadHeap {
  readonly usedBytes: number;
  readonly totalBytes: number;
  readonly limitBytes: number;
}

/** Main thread -> projection thread. */
export type ToProjectionThread =
  | { readonly type: 'open'; readonly data: ProjectionThreadData }
  | { readonly type: 'run-now'; readonly id: number }
  | { readonly type: 'close' };

/** Projection thread -> main thread. */
export type FromProjectionThread =
  | { readonly type: 'ready'; readonly niced: boolean }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'lag'; readonly lag: number }
  | ({ readonly type: 'heap' } & ProjectionThreadHeap)
  | { readonly type: 'applied'; readonly entries: number }
  | { readonly type: 'deferred'; readonly seconds: number }
  | { readonly type: 'storage-failure'; readonly code: StorageFailure['code'] }
  | { readonly type: 'ran'; readonly id: number }
  | { readonly type: 'log'; readonly line: string }
  | { readonly type: 'closed' };

/**
 * A batch in the projection's thread stops taking envelopes after this long. It holds the
 * bank's write lock (never the archive's), which an operator's decision waits for: a short
 * batch keeps that wait short. Behind a backlog of the bank's own, while the pipeline keeps up,
 * the budget grows up to DATABANK_MAX_BATCH_BUDGET_MS, so that fewer commits share the pages
 * written; such a batch ends as soon as the pipeline falls behind, and the batches it runs behind
 * a lasting backlog of the pipeline's keep this budget.
 */
export const THREAD_BATCH_BUDGET_MS = 25;

/**
 * The longest the projection's thread gives way to this process's writers of the bank (an
 * operator's decision waits for a batch to end) before it runs a batch of at least its base
 * budget anyway: writers that follow one another, or one that hangs, must not hold the bank to
 * an entry at a time.
 */
export const WRITER_WAIT_MAX_MS = 5_000;

/** pino's numeric levels, for the thread's lines. */
const LEVELS: Readonly<Record<number, 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal'>> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

/**
 * How long `stop` waits for the thread's batch in flight, or for a start in flight to become
 * ready, before terminating the thread.
 */
const STOP_TIMEOUT_MS = 30_000;

/**
 * The module the thread runs: the build's `.js`, or under a TypeScript loader (the tests, `npm
 * start`) the source, loaded through tsx's register hook since a worker does not inherit the
 * parent's loader.
 */
function workerSource(): { readonly source: string; readonly eval: boolean } {
  const here = new URL('./projection-worker.js', import.meta.url);
  if (!import.meta.url.endsWith('.ts')) return { source: here.pathname, eval: false };
  const ts = new URL('./projection-worker.ts', import.meta.url).href;
  return {
    eval: true,
    source: `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(ts)}); });`,
  };
}

/**
 * A thread whose projection was closed, kept for the next start in this process (the next
 * leadership term, or the next gateway of a test process) with the same heap limit: a thread's
 * start costs its module loading, a second or so from the sources. Unreferenced: it never keeps
 * the process alive.
 */
let parked:
  | {
      readonly worker: Worker;
      readonly heapMb: number | undefined;
      /** Forgets the thread when it fails or ends while kept (an error without a listener would end the process). */
      readonly ended: (cause: unknown) => void;
    }
  | undefined;

/** Keeps `worker` for the next start, until it fails or ends (said in `logger`). */
function park(worker: Worker, heapMb: number | undefined, logger: Logger): void {
  const ended = (cause: unknown): void => {
    if (parked?.worker !== worker) return;
    parked = undefined;
    logger.warn(
      cause instanceof Error ? { err: cause } : { code: cause },
      'the data bank projection thread kept for the next start failed or ended; the next start begins a new one',
    );
    worker.off('error', ended);
    worker.off('exit', ended);
    void worker.terminate();
  };
  worker.on('error', ended);
  worker.on('exit', ended);
  worker.unref();
  parked = { worker, heapMb, ended };
}

/** The kept thread, no longer kept (its listeners removed); `undefined` when there is none. */
function unpark(): { readonly worker: Worker; readonly heapMb: number | undefined } | undefined {
  const kept = parked;
  parked = undefined;
  if (kept === undefined) return undefined;
  kept.worker.off('error', kept.ended);
  kept.worker.off('exit', kept.ended);
  return kept;
}

/**
 * The young generation of a thread given a heap limit, in MiB (V8's default here: 48, three
 * 16 MiB semi-spaces). Catching up 20,000 entries it costs no CPU measurably (1.37-1.47 ms per
 * entry against 1.43-1.46), and the gateway's RSS draining 200,000 messages, while its bank
 * lags, ends about 15 MB lower; 12 MiB saves another 10 MB but costs 5-8% of the thread's CPU.
 */
export const DATABANK_YOUNG_GENERATION_MB = 24;

function spawnWorker(heapMb: number | undefined): Worker {
  const { source, eval: isEval } = workerSource();
  return new Worker(source, {
    eval: isEval,
    // From the sources, the workspaces resolve to their sources too (as `npm start` and the tests have them).
    execArgv: isEval ? ['--conditions=source'] : [],
    name: 'atc-databank-projection',
    ...(heapMb === undefined
      ? {}
      : { resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: DATABANK_YOUNG_GENERATION_MB } }),
  });
}

/** Node's code for a worker its heap limit ended. */
const OUT_OF_MEMORY = 'ERR_WORKER_OUT_OF_MEMORY';

/**
 * Runs the data bank projection (DESIGN.md section 9) in a worker thread of its own, with its
 * own connection to the archive, so that the projection's work (decoding, linking, the search
 * index) never runs on the event loop that orders, commits and publishes the pipeline's
 * batches. Its batches write the bank only, under the bank's own write lock (on SQLite the
 * bank's own file, with its own WAL checkpoints): the pipeline's commits never wait for them. It
 * defers to the pipeline's backlog, and on Linux the thread may run at a lower CPU priority
 * (ATC_DATABANK_NICE): the exchange goes first and the bank catches up in the gaps (its lag is
 * a gauge and a readiness detail).
 *
 * A thread that ends unexpectedly is started again with a backoff; the projection's cursor,
 * moved in each batch's transaction, makes that safe.
 */
export class DatabankProjectionThread implements Component {
  #worker: Worker | undefined;
  #stopping = false;
  #restarts = 0;
  #restartTimer: NodeJS.Timeout | undefined;
  #nextId = 0;
  readonly #waiting = new Map<number, () => void>();
  #ready: { resolve: () => void; reject: (e: Error) => void } | undefined;
  #closed: (() => void) | undefined;
  /** The last start or stop asked for, ended: each begins once the one before it has ended. */
  #transition: Promise<void> = Promise.resolve();
  /** Ends a start in flight that a stop waits for, if it does not become ready in time. */
  #startBound: NodeJS.Timeout | undefined;
  /** Stops asked for and not yet begun: a start that runs before them is bounded. */
  #stopsAsked = 0;

  constructor(
    private readonly options: {
      readonly location: ArchiveLocation;
      /** The pipeline's backlog, which the projection defers to (default: none). */
      readonly pipelineBacklog?: PipelineBacklog | undefined;
      /** This process's writers of the bank, which the projection gives way to (default: none). */
      readonly bankWriters?: BankWriters | undefined;
      readonly linkThreshold?: number | undefined;
      readonly logger: Logger;
      readonly everyMs?: number;
      readonly batchBudgetMs?: number;
      /** The longest the thread gives way to writers of the bank (default {@link WRITER_WAIT_MAX_MS}). */
      readonly writerWaitMaxMs?: number;
      /** The thread's nice value on Linux (ATC_DATABANK_NICE; default 0, the process's priority). */
      readonly nice?: number;
      /**
       * The thread's V8 old generation, in MiB (ATC_DATABANK_HEAP_MB; default: V8's own limit).
       * V8 sizes a heap's next collection from its limit: with a limit of a few GiB it lets the
       * heap grow to about 4 times what it holds, under about 2 GiB to about 1.4 times. The
       * projection allocates much and keeps little: without a limit its garbage took about 300 MB.
       */
      readonly heapMb?: number;
      /** The lag after each run, in leaves (for the lag gauge). */
      readonly onLag?: (lag: number) => void;
      /** Entries applied by each batch (for the applied counter). */
      readonly onApplied?: (entries: number) => void;
      /** Seconds the projection waited for the pipeline's backlog before a batch (for the deferral counter). */
      readonly onDeferred?: (seconds: number) => void;
      /**
       * A run of the projection failed on its storage (a full disk, I/O, the database unreachable):
       * rolled back, tried again at the next run (for the storage failures counter).
       */
      readonly onStorageFailure?: (code: StorageFailure['code']) => void;
      /**
       * The thread's V8 heap when it reports its lag, in use, reserved and its limit (for the
       * thread's heap gauge: the process's own heap metrics count the main thread only).
       */
      readonly onHeap?: (heap: ProjectionThreadHeap) => void;
      /** How long a stop waits for a batch or a start in flight before ending the thread (default 30 s). */
      readonly stopTimeoutMs?: number;
    },
  ) {}

  /**
   * Opens the projection in its thread; resolves once it runs (rejects, saying why, if it
   * cannot). Starts and stops take turns: one asked while another runs begins after it.
   */
  start(): Promise<void> {
    return this.#inTurn(() => this.#start());
  }

  async #start(): Promise<void> {
    this.#stopping = false;
    try {
      const ready = this.#open();
      if (this.#stopsAsked > 0) this.#boundStart();
      await ready;
    } catch (e) {
      // Not restarted: the caller (the leader election) decides what a failed start means.
      this.#discard();
      throw e;
    }
  }

  /** Runs the projection now (after a run in flight); resolves when it has caught up. */
  runNow(): Promise<void> {
    const worker = this.#worker;
    if (worker === undefined || this.#stopping) return Promise.resolve();
    const id = ++this.#nextId;
    return new Promise<void>((resolve) => {
      this.#waiting.set(id, resolve);
      worker.postMessage({ type: 'run-now', id } satisfies ToProjectionThread);
    });
  }

  /** Closes the projection after its batch in flight; the thread is kept for a later start. */
  stop(): Promise<void> {
    // No run or restart begins from now on, even while a start in flight ends first.
    this.#stopping = true;
    clearTimeout(this.#restartTimer);
    this.#stopsAsked++;
    const stopped = this.#inTurn(() => {
      this.#stopsAsked--;
      return this.#stop();
    });
    this.#boundStart();
    return stopped;
  }

  /**
   * A start in flight, which a stop waits for, has the stop's timeout to become ready; then its
   * thread is ended and the start rejects (a migration against a database that never answers
   * would otherwise hold the stop for ever).
   */
  #boundStart(): void {
    const starting = this.#ready;
    const worker = this.#worker;
    // Armed once per start: a later stop does not push the first one's bound back.
    if (starting === undefined || worker === undefined || this.#startBound !== undefined) return;
    const timeoutMs = this.#stopTimeoutMs;
    this.#startBound = setTimeout(() => {
      this.#startBound = undefined;
      if (this.#ready !== starting || this.#stopsAsked === 0) return;
      this.options.logger.warn(
        { timeoutMs },
        'the data bank projection did not start in time while a stop waited; its thread is ended',
      );
      void worker.terminate();
    }, timeoutMs);
    this.#startBound.unref();
  }

  /** How long a stop waits for a batch or a start in flight. */
  get #stopTimeoutMs(): number {
    return this.options.stopTimeoutMs ?? STOP_TIMEOUT_MS;
  }

  /** Runs `step` once every start and stop asked before it has ended. */
  #inTurn(step: () => Promise<void>): Promise<void> {
    const run = this.#transition.then(step);
    this.#transition = run.catch(() => undefined);
    return run;
  }

  async #stop(): Promise<void> {
    this.#stopping = true;
    clearTimeout(this.#restartTimer);
    // From here the stop's own timeout bounds the wait.
    clearTimeout(this.#startBound);
    this.#startBound = undefined;
    const worker = this.#worker;
    if (worker === undefined) return;
    let exited!: () => void;
    const closed = new Promise<boolean>((resolve) => {
      this.#closed = () => {
        resolve(true);
      };
      exited = () => {
        resolve(false);
      };
      worker.once('exit', exited);
    });
    worker.postMessage({ type: 'close' } satisfies ToProjectionThread);
    let timeout: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timeout = setTimeout(() => {
        this.options.logger.warn(
          { timeoutMs: this.#stopTimeoutMs },
          'the data bank projection did not stop in time; its thread is ended (its batch is rolled back and applied again later)',
        );
        resolve(false);
      }, this.#stopTimeoutMs);
    });
    const clean = await Promise.race([closed, timedOut]);
    clearTimeout(timeout);
    // A thread kept for a later start must not collect one listener per stop.
    worker.off('exit', exited);
    this.#detach(worker);
    this.#worker = undefined;
    this.#release();
    if (clean && parked === undefined) park(worker, this.options.heapMb, this.options.logger);
    else await worker.terminate();
  }

  /** Async so that a thread that cannot be made rejects (the restart's catch expects it) rather than throws. */
  async #open(): Promise<void> {
    const kept = unpark();
    let worker: Worker;
    if (kept !== undefined && kept.heapMb === this.options.heapMb) worker = kept.worker;
    else {
      if (kept !== undefined) void kept.worker.terminate();
      worker = spawnWorker(this.options.heapMb);
    }
    worker.ref();
    this.#worker = worker;
    const ready = new Promise<void>((resolve, reject) => {
      this.#ready = { resolve, reject };
    });
    worker.on('message', this.#onMessage);
    worker.on('error', this.#onError);
    worker.on('exit', this.#onExit);
    const data: ProjectionThreadData = {
      location:
        'url' in this.options.location ? { ...this.options.location, maxConnections: 2 } : this.options.location,
      linkThreshold: this.options.linkThreshold,
      everyMs: this.options.everyMs ?? 200,
      batchBudgetMs: this.options.batchBudgetMs ?? THREAD_BATCH_BUDGET_MS,
      writerWaitMaxMs: this.options.writerWaitMaxMs ?? WRITER_WAIT_MAX_MS,
      nice: this.options.nice ?? 0,
      logLevel: this.options.logger.level,
      pipelineBacklog: this.options.pipelineBacklog,
      bankWriters: this.options.bankWriters,
    };
    worker.postMessage({ type: 'open', data } satisfies ToProjectionThread);
    return ready;
  }

  readonly #onMessage = (message: FromProjectionThread): void => {
    switch (message.type) {
      case 'ready':
        this.#restarts = 0;
        this.#ready?.resolve();
        this.#ready = undefined;
        break;
      case 'failed':
        this.#ready?.reject(new Error(`the data bank projection cannot start: ${message.message}`));
        this.#ready = undefined;
        break;
      case 'lag':
        this.options.onLag?.(message.lag);
        break;
      case 'applied':
        this.options.onApplied?.(message.entries);
        break;
      case 'deferred':
        this.options.onDeferred?.(message.seconds);
        break;
      case 'storage-failure':
        this.options.onStorageFailure?.(message.code);
        break;
      case 'heap':
        this.options.onHeap?.({
          usedBytes: message.usedBytes,
          totalBytes: message.totalBytes,
          limitBytes: message.limitBytes,
        });
        break;
      case 'ran':
        this.#waiting.get(message.id)?.();
        this.#waiting.delete(message.id);
        break;
      case 'log':
        this.#log(message.line);
        break;
      case 'closed':
        this.#closed?.();
        break;
    }
  };

  readonly #onError = (e: Error): void => {
    if ((e as { code?: unknown }).code === OUT_OF_MEMORY) {
      this.options.logger.error(
        { err: e, heapMb: this.options.heapMb },
        'the data bank projection thread ran out of its heap (ATC_DATABANK_HEAP_MB): the batch it was applying is rolled back; raise the limit if this repeats',
      );
    } else this.options.logger.error({ err: e }, 'the data bank projection thread failed');
  };

  readonly #onExit = (code: number): void => {
    const worker = this.#worker;
    if (worker === undefined) return;
    this.#detach(worker);
    this.#worker = undefined;
    const starting = this.#ready;
    this.#ready = undefined;
    starting?.reject(new Error(`the data bank projection thread ended (exit code ${code}) before it ran`));
    this.#release();
    // A thread that ended before it ran is its start's failure, which the start reports (and a
    // restart tries again on its own): only a running thread that ends is started again here.
    if (!this.#stopping && starting === undefined) {
      this.options.logger.error({ code }, 'the data bank projection thread ended; it is started again');
      this.#restartLater();
    }
  };

  #detach(worker: Worker): void {
    worker.off('message', this.#onMessage);
    worker.off('error', this.#onError);
    worker.off('exit', this.#onExit);
  }

  /** A thread that failed to open is not kept. */
  #discard(): void {
    const worker = this.#worker;
    if (worker === undefined) return;
    this.#detach(worker);
    this.#worker = undefined;
    void worker.terminate();
  }

  /** Lets every `runNow` waiting on a thread that is gone resolve (the next thread catches up). */
  #release(): void {
    for (const resolve of this.#waiting.values()) resolve();
    this.#waiting.clear();
  }

  #restartLater(): void {
    const delay = backoffDelay(++this.#restarts, { baseMs: 1_000, maxMs: 30_000, jitter: Jitter.EQUAL });
    this.#restartTimer = setTimeout(() => {
      if (this.#stopping) return;
      this.#open().catch((e: unknown) => {
        this.#discard();
        this.options.logger.error({ err: e }, 'the data bank projection thread could not start; it is tried again');
        if (!this.#stopping) this.#restartLater();
      });
    }, delay);
    this.#restartTimer.unref();
  }

  /** A log line of the thread, through the gateway's logger (its own fields kept). */
  #log(line: string): void {
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    const { level, msg, time: _time, pid: _pid, hostname: _host, name: _name, service: _service, ...fields } = entry;
    const label = LEVELS[Number(level)] ?? 'info';
    const log = this.options.logger[label].bind(this.options.logger);
    log(fields, typeof msg === 'string' ? msg : '');
  }
}

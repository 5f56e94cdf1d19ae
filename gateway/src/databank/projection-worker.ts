/**
 * The data bank projection's thread (see {@link DatabankProjectionThread}): opens its own
 * connection to the archive, runs the projection and its projector, and is driven by the
 * gateway's main thread through messages. One thread serves one archive at a time; closed, it
 * waits for the next `open` (a new leadership term, or the next gateway of a test process).
 * Nothing here is exported: the module runs as a worker's entry point.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { parentPort, type MessagePort } from 'node:worker_threads';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { createLogger, ErrorCode, storageFailureOf } from '@atc/shared';
import { SqlArchiveReader } from '../archive/archive-reader.js';
import { bankPathOf, damageWhileProjecting } from '../db/bank-file.js';
import { openArchiveDb } from '../db/open-database.js';
import type { SqlDb } from '../db/sql-db.js';
import { DatabankProjection, DatabankProjector } from './databank-projector.js';
import {
  PIPELINE_DEFER_MAX_MS,
  type FromProjectionThread,
  type ProjectionThreadData,
  type ToProjectionThread,
} from './projection-thread.js';

/** How often a projection deferring to the pipeline's backlog looks at it again. */
const BACKLOG_POLL_MS = 10;
/** How often the thread looks whether a writer of the bank still waits or writes. */
const WRITER_POLL_MS = 2;

function requirePort(): MessagePort {
  if (parentPort === null) throw new Error('projection-worker.ts runs only as a worker thread');
  return parentPort;
}
const port = requirePort();
const send = (message: FromProjectionThread): void => {
  port.postMessage(message);
};

/**
 * Lowers this thread's CPU priority (Linux: a thread id is a valid target of setpriority), so
 * that under load the pipeline's threads run first and the projection takes what is left.
 * Elsewhere, or where it is refused, the thread keeps the process's priority.
 */
function lowerPriority(nice: number): boolean {
  if (nice === 0 || process.platform !== 'linux') return false;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isSafeInteger(tid) || tid <= 0) return false;
    setPriority(tid, nice);
    return true;
  } catch {
    return false;
  }
}

interface Open {
  readonly db: SqlDb;
  readonly projector: DatabankProjector;
  stopping: boolean;
}

let niced: boolean | undefined;
let current: Open | undefined;

async function open(data: ProjectionThreadData): Promise<Open> {
  niced ??= lowerPriority(data.nice);
  const logger = createLogger({
    name: 'atc-gateway',
    level: data.logLevel,
    destination: {
      write: (line: string) => {
        send({ type: 'log', line });
      },
    },
  });
  const db = await openArchiveDb(data.location);
  const backlog = data.pipelineBacklog;
  const pipelineBehind = (): boolean => backlog !== undefined && Atomics.load(backlog.queued, 0) >= backlog.high;
  const writers = data.bankWriters;
  const bankPath = 'path' in data.location ? bankPathOf(data.location.path) : undefined;
  let damageSaid = false;
  /** Whether the batch about to run waited its longest for writers of the bank that still wait. */
  let writersOverdue = false;
  const writerWaits = (): boolean => writers !== undefined && Atomics.load(writers.count, 0) > 0;
  // On SQLite this connection's commits write the bank's file only, and checkpoint its WAL as
  // SQLite does by default; the gateway's checkpoint worker checkpoints the archive's.
  const projection = new DatabankProjection(db, new SqlArchiveReader(db), {
    ...(data.linkThreshold === undefined ? {} : { linkThreshold: data.linkThreshold }),
  });
  const opened: Open = {
    db,
    stopping: false,
    projector: new DatabankProjector(projection, {
      logger,
      everyMs: data.everyMs,
      batchBudgetMs: data.batchBudgetMs,
      waitTurn: async () => {
        // A writer of the bank in this process (an operator's decision) goes first; past the
        // longest wait, a batch of at least the base budget runs anyway (writers that follow one
        // another, or one that hangs, must not hold the bank to an entry at a time).
        const waitedFrom = performance.now();
        while (!opened.stopping && writerWaits() && performance.now() - waitedFrom < data.writerWaitMaxMs) {
          await sleep(WRITER_POLL_MS);
        }
        writersOverdue = writerWaits();
        const since = performance.now();
        let deferredMs = 0;
        while (!opened.stopping) {
          if (pipelineBehind() && performance.now() - since < PIPELINE_DEFER_MAX_MS) {
            const at = performance.now();
            await sleep(BACKLOG_POLL_MS);
            deferredMs += performance.now() - at;
          } else break;
        }
        if (deferredMs > 0) send({ type: 'deferred', seconds: deferredMs / 1000 });
        // Behind a backlog that lasts: a batch of the base budget, then the pipeline's turn again.
        return pipelineBehind() ? 'forced' : undefined;
      },
      // A batch ends after its entry in progress when a writer of the bank waits, and (once it
      // has run its base budget, unless it was forced behind a lasting backlog) when the pipeline
      // falls behind.
      endBatchWhen: (elapsedMs, forced) =>
        (writerWaits() && (!writersOverdue || elapsedMs >= data.batchBudgetMs)) ||
        (!forced && elapsedMs >= data.batchBudgetMs && pipelineBehind()),
      onLag: (lag) => {
        send({ type: 'lag', lag });
        const heap = getHeapStatistics();
        send({
          type: 'heap',
          usedBytes: heap.used_heap_size,
          totalBytes: heap.total_heap_size,
          limitBytes: heap.heap_size_limit,
        });
      },
      onFailure: (e) => {
        // Counted by the gateway as a failure of its storage (the run is tried again).
        const failure = storageFailureOf(e);
        if (failure !== undefined) send({ type: 'storage-failure', code: failure.code });
        // Damage is said once per opening, at error level, with what to do (the run's own log
        // line counts it as storage that is unavailable, and says it once as a warning).
        const damage = bankPath === undefined || damageSaid ? undefined : damageWhileProjecting(e, bankPath);
        if (damage === undefined) return;
        damageSaid = true;
        logger.error({ code: ErrorCode.DATABANK_FILE_DAMAGED }, damage);
      },
      onApplied: (entries) => {
        send({ type: 'applied', entries });
      },
    }),
  };
  opened.projector.start();
  return opened;
}

async function close(): Promise<void> {
  const closing = current;
  current = undefined;
  if (closing === undefined) return;
  closing.stopping = true;
  await closing.projector.stop();
  await closing.db.close();
}

// Messages are handled one after another, in the order sent.
let queue: Promise<void> = Promise.resolve();
port.on('message', (message: ToProjectionThread) => {
  queue = queue.then(async () => {
    switch (message.type) {
      case 'open':
        try {
          await close();
          current = await open(message.data);
          send({ type: 'ready', niced: niced === true });
        } catch (e) {
          send({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
        }
        break;
      case 'run-now': {
        // Not queued behind the projection's own run: answered when that run has caught up.
        const projector = current?.projector;
        void (projector === undefined ? Promise.resolve() : projector.runNow()).then(() => {
          send({ type: 'ran', id: message.id });
        });
        break;
      }
      case 'close':
        try {
          await close();
        } catch (e) {
          // Said through the gateway's log; the thread is closed all the same.
          const why = e instanceof Error ? e.message : String(e);
          send({
            type: 'log',
            line: JSON.stringify({ level: 50, why, msg: 'the data bank projection did not close cleanly' }),
          });
        }
        send({ type: 'closed' });
        break;
    }
  });
});

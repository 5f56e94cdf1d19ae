import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import {
  bankPathOf,
  bankWritersCounter,
  batchWrite,
  DATABANK_YOUNG_GENERATION_MB,
  DatabankProjection,
  DatabankProjectionThread,
  DatabankSubjects,
  dumpDatabank,
  PIPELINE_DEFER_MAX_MS,
  type BankWriters,
  type PipelineBacklog,
  openArchiveDb,
  type Archive,
  type ProjectionThreadHeap as Heap,
  SqliteDb,
} from '@atc/gateway';
import { createLogger } from '@atc/shared';
import { ARCHIVE_BACKENDS, capturingLogger, holdTransaction, waitFor } from '@atc/tests';
import { bankArchives } from './bank-archives.js';
import { person, withdrawal } from './bank-rows.js';
import { name, passport, personRow } from './subject-rows.js';

describe.each(ARCHIVE_BACKENDS)('the data bank projection in a thread of its own, on $name', (backend) => {
  const open = bankArchives(backend);
  const threads: DatabankProjectionThread[] = [];
  afterEach(async () => {
    for (const t of threads.splice(0)) await t.stop();
  });

  function thread(
    archive: Archive,
    extra: {
      applied?: number[];
      lags?: number[];
      heaps?: Heap[];
      lines?: string[];
      heapMb?: number;
      pipelineBacklog?: PipelineBacklog;
      deferred?: number[];
      bankWriters?: BankWriters;
      batchBudgetMs?: number;
      writerWaitMaxMs?: number;
      everyMs?: number;
    } = {},
  ): DatabankProjectionThread {
    const lines = extra.lines ?? [];
    const t = new DatabankProjectionThread({
      location: open.location()!.location,
      logger: capturingLogger('atc-gateway-test', lines),
      onApplied: (n) => extra.applied?.push(n),
      onLag: (lag) => extra.lags?.push(lag),
      onHeap: (heap) => extra.heaps?.push(heap),
      ...(extra.heapMb === undefined ? {} : { heapMb: extra.heapMb }),
      ...(extra.pipelineBacklog === undefined ? {} : { pipelineBacklog: extra.pipelineBacklog }),
      ...(extra.bankWriters === undefined ? {} : { bankWriters: extra.bankWriters }),
      ...(extra.batchBudgetMs === undefined ? {} : { batchBudgetMs: extra.batchBudgetMs }),
      ...(extra.writerWaitMaxMs === undefined ? {} : { writerWaitMaxMs: extra.writerWaitMaxMs }),
      ...(extra.everyMs === undefined ? {} : { everyMs: extra.everyMs }),
      onDeferred: (seconds) => extra.deferred?.push(seconds),
    });
    threads.push(t);
    return t;
  }

  const rows = () => [
    person('KZ', 1, 'KZ-P-1', 1),
    person('KZ', 2, 'KZ-P-1', 2),
    person('BY', 3, 'BY-P-7', 1, { name: 'Other' }),
    person('KZ', 4, 'KZ-P-2', 1, { exercise: true }),
    withdrawal('BY', 5, 'BY', 'BY-P-7'),
    person('BY', 6, 'BY-P-9', 4),
  ];

  it('projects what the archive holds, reports each batch and its lag, and gives the bank a projection in process gives', async () => {
    const archive = await open();
    const committed = rows();
    await archive.committer.commit(batchWrite({ messages: committed }));
    const applied: number[] = [];
    const lags: number[] = [];
    const t = thread(archive, { applied, lags });
    await t.start();
    await t.runNow();
    const projection = new DatabankProjection(archive.db, archive.reader);
    expect(await projection.cursor()).toBe(committed.length);
    expect(applied.reduce((a, b) => a + b, 0)).toBe(committed.length);
    expect(lags.at(-1)).toBe(0);
    const inThread = await dumpDatabank(archive.db);
    await t.stop();

    // The same archive projected again on the main thread: the same bank, row for row.
    await projection.clear();
    expect(await projection.catchUp()).toBe(committed.length);
    expect(await dumpDatabank(archive.db)).toEqual(inThread);
  });

  it('follows what is archived after it started, on its timer and on runNow', async () => {
    const archive = await open();
    const t = thread(archive);
    await t.start();
    const projection = new DatabankProjection(archive.db, archive.reader);
    const [first, ...later] = rows();
    await archive.committer.commit(batchWrite({ messages: [first!] }));
    // The timer alone (every 200 ms) brings it in.
    await waitFor(async () => (await projection.cursor()) === 1, { timeoutMs: 10_000 });
    await archive.committer.commit(batchWrite({ messages: later }));
    await t.runNow();
    expect(await projection.cursor()).toBe(1 + later.length);
  });

  it('stops with a batch in flight rolled back or finished, never half applied, and a new thread resumes', async () => {
    const archive = await open();
    const many = Array.from({ length: 60 }, (_, i) => person('KZ', i + 1, `KZ-P-${i}`, 1));
    await archive.committer.commit(batchWrite({ messages: many }));
    const t = thread(archive);
    await t.start();
    await t.stop();
    const projection = new DatabankProjection(archive.db, archive.reader);
    const at = await projection.cursor();
    const records = await archive.db.get<{ n: number }>('SELECT count(*) AS n FROM databank_records');
    expect(records!.n).toBe(at);
    const again = thread(archive);
    await again.start();
    await again.runNow();
    expect(await projection.cursor()).toBe(many.length);
  });

  it('starts and stops again and again on its kept thread (a replica losing and winning the lead) without collecting listeners', async () => {
    const archive = await open();
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    try {
      const [first, ...later] = rows();
      await archive.committer.commit(batchWrite({ messages: [first!] }));
      const t = thread(archive);
      // Past Node's limit of 10 listeners per event, each stop left one behind on the kept thread.
      for (let i = 0; i < 12; i++) {
        await t.start();
        await t.stop();
      }
      await archive.committer.commit(batchWrite({ messages: later }));
      await t.start();
      await t.runNow();
      expect(await new DatabankProjection(archive.db, archive.reader).cursor()).toBe(1 + later.length);
      // Process warnings are emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((w) => w.includes('MaxListeners'))).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('takes starts and stops in turn: a start asked while a stop closes the thread runs the projection, and a stop asked after a start ends it', async () => {
    const archive = await open();
    const [first, second, ...later] = rows();
    await archive.committer.commit(batchWrite({ messages: [first!] }));
    const projection = new DatabankProjection(archive.db, archive.reader);
    // Its timer never fires within the test: only runNow projects, so a lost thread cannot catch up by itself.
    const t = thread(archive, { everyMs: 600_000 });
    await t.start();
    await t.runNow();
    expect(await projection.cursor()).toBe(1);
    // A caller that stops and starts at once (the API allows it): the start does not wait for the stop.
    const stopping = t.stop();
    const starting = t.start();
    await Promise.all([stopping, starting]);
    await archive.committer.commit(batchWrite({ messages: [second!] }));
    await t.runNow();
    // Before, the stop ending after the start forgot the started thread: nothing ran again.
    expect(await projection.cursor()).toBe(2);

    // The other way round, on a thread whose timer runs often: the stop asked last wins.
    await t.stop();
    const applied: number[] = [];
    const often = thread(archive, { everyMs: 20, applied });
    const restarting = often.start();
    const stoppingAgain = often.stop();
    await Promise.all([restarting, stoppingAgain]);
    await archive.committer.commit(batchWrite({ messages: later }));
    // Proving that nothing runs takes a wait: 25 periods of its timer.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await projection.cursor()).toBe(2);
    expect(applied).toEqual([]);
    await often.start();
    await often.runNow();
    expect(await projection.cursor()).toBe(2 + later.length);
  });

  it("never waits for the archive's write lock: a batch applies while a writer of the archive holds it", async () => {
    const archive = await open();
    await archive.committer.commit(batchWrite({ messages: rows() }));
    const projection = new DatabankProjection(archive.db, archive.reader);
    // A writer of the archive (as the pipeline's commit) holds its lock until the bank has caught
    // up, on a connection of its own, as the gateway's main thread is to the bank's thread.
    const pipeline = await openArchiveDb(open.location()!.location);
    const writer = await holdTransaction(pipeline, { write: true });
    try {
      const t = thread(archive);
      await t.start();
      await t.runNow();
      expect(await projection.cursor()).toBe(rows().length);
    } finally {
      await writer.release();
      await pipeline.close();
    }
  });

  /**
   * A thread on an archive holding {@link rows}, told that the pipeline holds `queued`
   * submissions outside a batch, with a backlog from 8; started.
   */
  async function behindPipeline(queued: number) {
    const archive = await open();
    await archive.committer.commit(batchWrite({ messages: rows() }));
    const count = new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(count, 0, queued);
    const deferred: number[] = [];
    const t = thread(archive, { pipelineBacklog: { queued: count, high: 8 }, deferred });
    await t.start();
    return { t, deferred, projection: new DatabankProjection(archive.db, archive.reader) };
  }

  it("defers to the pipeline's backlog, yet never halts behind one that lasts, and counts the time it waited", async () => {
    // The pipeline holds a batch's worth of submissions outside a batch: it runs behind a backlog.
    const { deferred, projection } = await behindPipeline(8);
    // The projection's timer runs every 200 ms: for half the longest deferral, none of its runs applies a batch.
    await expectNothingAppliedFor(projection, PIPELINE_DEFER_MAX_MS / 2);
    // The backlog lasts, and the bank still moves: a batch once the longest deferral has passed.
    await waitFor(async () => (await projection.cursor()) === rows().length, { timeoutMs: 10_000 });
    // What it waited is counted: at least about the longest deferral, before that batch.
    const waited = deferred.reduce((a, b) => a + b, 0);
    expect(waited).toBeGreaterThanOrEqual((PIPELINE_DEFER_MAX_MS / 1000) * 0.9);
  });

  it("gives way to this process's writers of the bank while it catches up: a decision is made between two entries, not after the backlog", async () => {
    const archive = await open();
    // Two records of one person from two members: an open candidate link.
    const ivan = [name('Latn', 'Testov', 'Ivan')];
    const bank = new DatabankProjection(archive.db, archive.reader);
    await archive.committer.commit(
      batchWrite({
        messages: [
          personRow('KZ', 1, 'KZ-P-1', 1, { names: ivan, documents: [passport('TEST0001', 'KZ')] }),
          personRow('UZ', 2, 'UZ-P-1', 1, { names: ivan, documents: [passport('TEST0002', 'UZ')] }),
        ],
      }),
    );
    await bank.catchUp();
    const writers = bankWritersCounter();
    const subjects = new DatabankSubjects({
      db: archive.db,
      reader: archive.reader,
      audit: archive.registry,
      bankWriters: writers,
    });
    const [candidate] = (await subjects.candidates()).candidates;
    // A backlog of namesakes that takes the thread several seconds, in batches that grow to 400 ms.
    const backlog = 10_000;
    for (let from = 0; from < backlog; from += 2_000) {
      await archive.committer.commit(
        batchWrite({
          messages: Array.from({ length: 2_000 }, (_, k) =>
            person('BY', 10 + from + k, `BY-N-${from + k}`, 1, { name: `Fict${'abcdefghij'[(from + k) % 10]}ova` }),
          ),
        }),
      );
    }
    // A base budget of 200 ms: the batch run past the longest wait holds many entries, even on a
    // busy machine where one entry can take longer than the gateway's 25 ms. The longest wait for
    // writers is 3 s here, not the gateway's 5 s: still well past the second below in which the
    // cursor must not move.
    const t = thread(archive, { bankWriters: writers, batchBudgetMs: 200, writerWaitMaxMs: 3_000 });
    await t.start();
    await waitFor(async () => (await bank.cursor()) > 2 + 100, {
      timeoutMs: 30_000,
      message: 'the catch-up under way',
    });

    // A writer waits (as a decision does, by hand here): the batch in flight ends and commits, and
    // no other starts while it waits.
    Atomics.add(writers.count, 0, 1);
    let settled = -1;
    await waitFor(
      async () => {
        const before = await bank.cursor();
        await new Promise((r) => setTimeout(r, 150));
        settled = await bank.cursor();
        return settled === before;
      },
      { timeoutMs: 5_000, message: 'the batch in flight ended' },
    );
    for (const until = Date.now() + 1_000; Date.now() < until;) {
      expect(await bank.cursor()).toBe(settled);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(settled).toBeLessThan(2 + backlog);
    // A writer that waits too long (3 s here) does not hold the bank to an entry at a time: the batch
    // run anyway takes at least its base budget's worth.
    let moved = settled;
    await waitFor(
      async () => {
        moved = await bank.cursor();
        return moved !== settled;
      },
      { timeoutMs: 15_000, intervalMs: 20, message: 'a batch run past the longest wait' },
    );
    expect(moved - settled).toBeGreaterThan(1);
    Atomics.sub(writers.count, 0, 1);
    await waitFor(async () => (await bank.cursor()) > moved, { timeoutMs: 10_000, message: 'the catch-up goes on' });

    // A decision, counted among the writers by DatabankSubjects itself.
    const asked = performance.now();
    const { decision } = await subjects.decide(
      { kind: 'reject', candidateId: candidate!.candidateId },
      { who: 'cli:testov-operator', why: 'TICKET-31: two people' },
    );
    const tookMs = performance.now() - asked;
    expect(decision).toMatchObject({ kind: 'reject' });
    // Made while the backlog lasted (a writer on SQLite has no queue to wait in: it tries again
    // every few milliseconds, and finds the lock free only between two batches).
    expect(await bank.cursor()).toBeLessThan(2 + backlog);
    expect(tookMs).toBeLessThan(10_000);
    expect(Atomics.load(writers.count, 0)).toBe(0);
    // A decision refused is no longer counted either.
    await expect(
      subjects.decide(
        { kind: 'reject', candidateId: candidate!.candidateId },
        { who: 'cli:testov-operator', why: 'again' },
      ),
    ).rejects.toMatchObject({ code: 'ERR_CANDIDATE_STALE' });
    expect(Atomics.load(writers.count, 0)).toBe(0);
    // And the thread goes on.
    const at = await bank.cursor();
    await waitFor(async () => (await bank.cursor()) > at, { timeoutMs: 30_000, message: 'the catch-up goes on' });
  }, 120_000);

  it.runIf(backend.name === 'sqlite')(
    "says at error level, once, what to do when a page of the bank's file is damaged",
    async () => {
      const archive = await open();
      const committed = rows();
      await archive.committer.commit(batchWrite({ messages: committed.slice(0, 3) }));
      const first = thread(archive);
      await first.start();
      await first.runNow();
      await first.stop();
      // The bank's pages in its file (not its write-ahead log), then its records' first page damaged.
      if (!(archive.db instanceof SqliteDb)) throw new Error('a SQLite archive was expected');
      const connection = archive.db.connection;
      connection.pragma('bank.wal_checkpoint(TRUNCATE)');
      const { root } = connection
        .prepare("SELECT rootpage AS root FROM bank.sqlite_schema WHERE name = 'databank_records'")
        .get() as { root: number };
      const pageSize = connection.pragma('bank.page_size', { simple: true }) as number;
      const file = bankPathOf((open.location()!.location as { readonly path: string }).path);
      const bytes = readFileSync(file);
      bytes.fill(0xa5, (root - 1) * pageSize, root * pageSize);
      writeFileSync(file, bytes);
      // More to project: the next batch reads that page.
      await archive.committer.commit(batchWrite({ messages: committed.slice(3) }));
      const lines: string[] = [];
      const t = thread(archive, { lines });
      await t.start();
      await t.runNow();
      await t.runNow();
      const said = lines.filter((l) => l.includes('ERR_DATABANK_FILE_DAMAGED'));
      expect(said).toHaveLength(1);
      const line = JSON.parse(said[0]!) as { level: number; msg: string };
      expect(line.level).toBe(50);
      expect(line.msg).toContain(`the bank's file ${file} (SQLITE_CORRUPT`);
      expect(line.msg).toMatch(/archive verify.*delete the bank's file/);
    },
  );

  it("applies without waiting below the backlog's mark", async () => {
    const { t, deferred, projection } = await behindPipeline(7);
    await t.runNow();
    expect(await projection.cursor()).toBe(rows().length);
    expect(deferred).toEqual([]);
  });

  it('runs with the heap limit it is given, reports its heap, and a thread without one keeps V8 own limit', async () => {
    const MiB = 1024 * 1024;
    const archive = await open();
    await archive.committer.commit(batchWrite({ messages: rows() }));
    const limited: Heap[] = [];
    const t = thread(archive, { heaps: limited, heapMb: 96 });
    await t.start();
    await t.runNow();
    await t.stop();
    const heap = limited.at(-1)!;
    // The limit is the old generation given plus the thread's young generation.
    expect(heap.limitBytes).toBe((96 + DATABANK_YOUNG_GENERATION_MB) * MiB);
    expect(heap.usedBytes).toBeGreaterThan(0);
    expect(heap.usedBytes).toBeLessThanOrEqual(heap.totalBytes);

    // The thread kept from the limited one is not reused for another limit.
    const unlimited: Heap[] = [];
    const u = thread(archive, { heaps: unlimited });
    await u.start();
    await u.runNow();
    expect(unlimited.at(-1)!.limitBytes).toBeGreaterThan(512 * MiB);
  });

  it('says so when its thread runs out of the heap it is given, and does not start on it', async () => {
    const archive = await open();
    const lines: string[] = [];
    const t = thread(archive, { lines, heapMb: 4 });
    await expect(t.start()).rejects.toThrow(/thread ended \(exit code \d+\) before it ran/);
    // Its start failed, and says so to its caller (the leader election): no restart of its own.
    expect(lines.some((l) => l.includes('it is started again'))).toBe(false);
    await waitFor(
      () => lines.some((l) => l.includes('ATC_DATABANK_HEAP_MB') && l.includes('ERR_WORKER_OUT_OF_MEMORY')),
      {
        timeoutMs: 10_000,
        message: 'the out-of-memory line',
      },
    );
  });

  it('refuses to start where its archive cannot be opened, and says why', async () => {
    const archive = await open();
    const t = new DatabankProjectionThread({
      location:
        backend.name === 'sqlite'
          ? { path: join(tmpdir(), 'atc-no-such-folder', 'x', 'archive.db') }
          : { url: 'postgres://atc@127.0.0.1:1/none' },
      logger: createLogger({ name: 'atc-gateway-test', level: 'silent' }),
    });
    threads.push(t);
    await expect(t.start()).rejects.toThrow(backend.name === 'sqlite' ? /directory|open/i : /PostgreSQL|connect/i);
    expect(archive).toBeDefined();
  });
});

describe('a stop asked while the projection thread starts', () => {
  it('ends a start that never becomes ready after its timeout, rather than waiting for it', async () => {
    // A PostgreSQL that accepts connections and never answers: the thread's start hangs on it
    // (up to the connection timeout here; for ever in a migration on a link gone silent).
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const lines: string[] = [];
    const t = new DatabankProjectionThread({
      location: { url: `postgres://atc@127.0.0.1:${port}/silent` },
      logger: capturingLogger('atc-gateway-test', lines),
      stopTimeoutMs: 200,
    });
    try {
      const starting = t.start();
      const started = starting.then(
        () => 'ready',
        (e: unknown) => (e instanceof Error ? e.message : String(e)),
      );
      await waitFor(() => sockets.length > 0, { timeoutMs: 10_000, message: 'the thread connecting' });
      await t.stop();
      // The start was ended by the stop's bound, not by the connection's own timeout (5 s).
      expect(await started).toMatch(/thread ended \(exit code \d+\) before it ran/);
      expect(lines.some((l) => l.includes('did not start in time while a stop waited'))).toBe(true);
      // A start asked before a stop in the queue is bounded the same way.
      const queuedStart = t.start().then(
        () => 'ready',
        (e: unknown) => (e instanceof Error ? e.message : String(e)),
      );
      await t.stop();
      expect(await queuedStart).toMatch(/before it ran/);
    } finally {
      await t.stop();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

/** Checks, every 50 ms for `ms`, that `projection` has applied nothing yet. */
async function expectNothingAppliedFor(projection: DatabankProjection, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    expect(await projection.cursor()).toBe(0);
    await new Promise((r) => setTimeout(r, 50));
  }
}

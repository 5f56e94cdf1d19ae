import { describe, expect, it } from 'vitest';
import {
  batchWrite,
  DatabankProjection,
  DatabankProjector,
  dumpDatabank,
  nextBatchBudget,
  RetentionSweeper,
  type Archive,
} from '@atc/gateway';
import { createLogger } from '@atc/shared';
import { FIXTURE_TIME } from '@atc/shared/testing';
import { ARCHIVE_BACKENDS, waitFor } from '@atc/tests';
import { bankArchives } from './bank-archives.js';
import { person, withdrawal } from './bank-rows.js';

describe.each(ARCHIVE_BACKENDS)('the data bank projection on $name', (backend) => {
  const open = bankArchives(backend);

  async function records(archive: Archive) {
    return archive.db.all<Record<string, unknown>>(
      `SELECT exercise, originator, record_id, current_version, current_message_id, withdrawn, withdrawn_by
       FROM databank_records ORDER BY exercise, originator, record_id`,
    );
  }

  it('keeps every version, makes the highest current, flags conflicts and unknown withdrawals, keeps exercise apart', async () => {
    const archive = await open();
    const rows = [
      person('KZ', 1, 'KZ-P-1', 1), // 0
      person('KZ', 2, 'KZ-P-1', 3), // 1: newer, current
      person('KZ', 3, 'KZ-P-1', 2), // 2: late older version: history only
      person('KZ', 4, 'KZ-P-1', 3), // 3: same version, same content (other nonce): no conflict
      person('KZ', 5, 'KZ-P-1', 3, { name: 'Other' }), // 4: same version, other content: conflict
      person('BY', 6, 'KZ-P-1', 1), // 5: same record id, other originator: another record
      person('KZ', 7, 'KZ-P-1', 9, { exercise: true }), // 6: exercise namespace
      withdrawal('BY', 8, 'BY', 'KZ-P-1'), // 7
      withdrawal('UZ', 9, 'UZ', 'UZ-P-404'), // 8: unknown record
      withdrawal('UZ', 10, 'KZ', 'KZ-P-1'), // 9: not the originator
      withdrawal('KZ', 11, 'KZ', 'KZ-P-1', { exercise: true }), // 10: withdraws the exercise record only
      person('BY', 12, 'KZ-P-1', 2), // 11: a version after the withdrawal: history only, flagged
    ];
    await archive.committer.commit(batchWrite({ messages: rows }));
    const projection = new DatabankProjection(archive.db, archive.reader);
    // No time budget: the batch is cut by its limit alone, however slow the machine.
    expect(await projection.step(4, Infinity)).toBe(4);
    expect(await projection.cursor()).toBe(4);
    expect(await projection.catchUp()).toBe(rows.length - 4);
    expect(await projection.step()).toBe(0);

    const id = (i: number) => rows[i]!.messageId;
    expect(await records(archive)).toEqual([
      {
        exercise: 0,
        originator: 'BY',
        record_id: 'KZ-P-1',
        current_version: 1,
        current_message_id: id(5),
        withdrawn: 1,
        withdrawn_by: id(7),
      },
      {
        exercise: 0,
        originator: 'KZ',
        record_id: 'KZ-P-1',
        current_version: 3,
        current_message_id: id(1),
        withdrawn: 0,
        withdrawn_by: null,
      },
      {
        exercise: 1,
        originator: 'KZ',
        record_id: 'KZ-P-1',
        current_version: 9,
        current_message_id: id(6),
        withdrawn: 1,
        withdrawn_by: id(10),
      },
    ]);
    const versions = await archive.db.all<{ version: number; message_id: string }>(
      `SELECT version, message_id FROM databank_versions WHERE exercise = 0 AND originator = 'KZ' ORDER BY leaf_index`,
    );
    expect(versions.map((v) => [v.version, v.message_id])).toEqual([
      [1, id(0)],
      [3, id(1)],
      [2, id(2)],
      [3, id(3)],
      [3, id(4)],
    ]);
    expect(
      await archive.db.all('SELECT version, current_message_id, other_message_id FROM databank_conflicts'),
    ).toEqual([{ version: 3, current_message_id: id(1), other_message_id: id(4) }]);
    expect(await archive.db.all('SELECT message_id, code FROM databank_flags ORDER BY leaf_index')).toEqual([
      { message_id: id(8), code: 'ERR_RECORD_UNKNOWN' },
      { message_id: id(9), code: 'ERR_NOT_ORIGINATOR' },
      { message_id: id(11), code: 'ERR_RECORD_WITHDRAWN' },
    ]);
    const handling = await archive.db.get<{ handling: string; evaluation: string }>(
      'SELECT handling, evaluation FROM databank_versions WHERE message_id = ?',
      [id(0)],
    );
    expect(JSON.parse(handling!.handling)).toMatchObject({ tlp: expect.any(String) as string });
    expect(JSON.parse(handling!.evaluation)).toHaveProperty('source');
    expect(await projection.status()).toMatchObject({
      cursor: rows.length,
      size: rows.length,
      lag: 0,
      records: 3,
      conflicts: 1,
      flags: 3,
    });
  });

  it('gives the same bank whether a batch holds one entry or all of them (versions, conflicts, withdrawals in one batch)', async () => {
    const archive = await open();
    const rows = [
      person('KZ', 1, 'KZ-P-1', 1),
      person('KZ', 2, 'KZ-P-1', 2),
      person('KZ', 3, 'KZ-P-1', 2, { name: 'Other' }), // conflict with the batch's own version 2
      person('KZ', 4, 'KZ-P-1', 1, { name: 'Late' }), // late version 1, other content: conflict, history only
      withdrawal('KZ', 5, 'KZ', 'KZ-P-1'),
      withdrawal('KZ', 6, 'KZ', 'KZ-P-1'), // again: changes nothing
      person('KZ', 7, 'KZ-P-1', 3), // after the withdrawal: flagged
      withdrawal('BY', 8, 'BY', 'BY-P-9'), // unknown, then the record arrives
      person('BY', 9, 'BY-P-9', 1),
      withdrawal('BY', 10, 'BY', 'BY-P-9'),
      person('UZ', 11, 'UZ-P-1', 1, { exercise: true }),
      person('UZ', 12, 'UZ-P-1', 1),
      withdrawal('UZ', 13, 'UZ', 'UZ-P-1', { exercise: true }),
    ];
    await archive.committer.commit(batchWrite({ messages: rows }));
    const projection = new DatabankProjection(archive.db, archive.reader);
    while ((await projection.step(1)) > 0);
    const oneByOne = await dumpDatabank(archive.db);
    await projection.clear();
    // One batch holding every entry (no time budget to cut it short on a slow machine).
    expect(await projection.step(rows.length, Infinity)).toBe(rows.length);
    expect(await dumpDatabank(archive.db)).toEqual(oneByOne);
    expect(oneByOne['databank_conflicts']).toHaveLength(2);
    expect((oneByOne['databank_flags'] as { code: string }[]).map((f) => f.code).sort()).toEqual([
      'ERR_RECORD_UNKNOWN',
      'ERR_RECORD_WITHDRAWN',
    ]);
    expect(
      (oneByOne['databank_records'] as { record_id: string; exercise: number; withdrawn: number }[]).map((r) => [
        r.exercise,
        r.record_id,
        r.withdrawn,
      ]),
    ).toEqual([
      [0, 'BY-P-9', 1],
      [0, 'KZ-P-1', 1],
      [0, 'UZ-P-1', 0],
      [1, 'UZ-P-1', 1],
    ]);
  });

  it('resumes from its cursor (no version applied twice, also by two projections at once) and rebuilds the same bank', async () => {
    const first = await open();
    const rows = Array.from({ length: 30 }, (_, i) =>
      person(i % 2 === 0 ? 'KZ' : 'BY', i + 1, `R-${i % 7}`, 1 + (i % 5)),
    );
    await first.committer.commit(batchWrite({ messages: rows.slice(0, 12) }));
    await new DatabankProjection(first.db, first.reader).catchUp();
    await first.committer.commit(batchWrite({ messages: rows.slice(12) }));

    // Another process (another connection) and this one run the projection together.
    const second = await open();
    const a = new DatabankProjection(first.db, first.reader);
    const b = new DatabankProjection(second.db, second.reader);
    await Promise.all([
      (async () => {
        while ((await a.step(3)) > 0);
      })(),
      (async () => {
        while ((await b.step(4)) > 0);
      })(),
    ]);
    const applied = await first.db.all<{ n: number }>(
      'SELECT COUNT(*) AS n FROM databank_versions GROUP BY message_id HAVING COUNT(*) > 1',
    );
    expect(applied).toEqual([]);
    expect((await first.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM databank_versions'))!.n).toBe(30);

    const incremental = await dumpDatabank(first.db);
    await a.clear();
    expect((await a.status()).records).toBe(0);
    await a.catchUp();
    expect(await dumpDatabank(first.db)).toEqual(incremental);
  });

  it('flags an entry whose payload retention erased before the bank read it, and goes on', async () => {
    const archive = await open();
    const erased = { ...person('KZ', 1, 'KZ-P-1', 1), reviewBy: FIXTURE_TIME - 1 };
    const kept = person('KZ', 2, 'KZ-P-2', 1);
    await archive.committer.commit(batchWrite({ messages: [erased, kept] }));
    expect(await new RetentionSweeper(archive.db, {}).sweep(FIXTURE_TIME)).toBe(1);
    const projection = new DatabankProjection(archive.db, archive.reader);
    expect(await projection.catchUp()).toBe(2);
    expect(await archive.db.all('SELECT message_id, code FROM databank_flags')).toEqual([
      { message_id: erased.messageId, code: 'ERR_PAYLOAD_ERASED' },
    ]);
    expect((await records(archive)).map((r) => r['record_id'])).toEqual(['KZ-P-2']);
  });

  // 6,000 entries each linked into a subject, every one searched among 900 namesakes: one to two
  // minutes on PostgreSQL on a busy 2-core machine.
  it(
    'runs as a component: catches up on its own, reports the lag, and stops after the batch in flight',
    { timeout: 180_000 },
    async () => {
      const archive = await open();
      // Many catch-up batches (1,000 entries or 100 ms: each entry here links among hundreds of
      // namesakes, so a batch holds a few dozen), so that the stop lands between two of them.
      const entries = 600;
      for (let from = 0; from < entries; from += 2_000) {
        const rows = Array.from({ length: Math.min(2_000, entries - from) }, (_, k) =>
          person('KZ', from + k + 1, `P-${(from + k) % 300}`, 1 + k),
        );
        await archive.committer.commit(batchWrite({ messages: rows }));
      }
      const projection = new DatabankProjection(archive.db, archive.reader);
      const projector = new DatabankProjector(projection, {
        logger: createLogger({ name: 'databank-test', level: 'silent' }),
        everyMs: 10,
      });
      // Watched through a connection of its own, which SQLite does not hold behind the projection's transactions.
      const watcher = await open();
      const watched = new DatabankProjection(watcher.db, watcher.reader);
      projector.start();
      await waitFor(async () => (await watched.cursor()) > 0, {
        timeoutMs: 30_000,
        intervalMs: 1,
        message: 'a batch applied',
      });
      await projector.stop();
      const stoppedAt = await projection.cursor();
      expect(stoppedAt).toBeLessThan(entries);

      // Resumed in short batches, each reporting the lag: the run catching up says how far it is
      // while it goes on, not only when it has caught up.
      const during: number[] = [];
      const again = new DatabankProjector(projection, {
        logger: createLogger({ name: 'databank-test', level: 'silent' }),
        everyMs: 10,
        batchBudgetMs: 5,
        lagEveryMs: 0,
        onLag: (lag) => during.push(lag),
      });
      again.start();
      try {
        await waitFor(() => during.at(-1) === 0, { timeoutMs: 150_000, intervalMs: 10, message: 'caught up' });
      } finally {
        await again.stop();
      }
      expect(await projection.cursor()).toBe(entries);
      const inRun = during.filter((lag) => lag > 0);
      expect(inRun.length).toBeGreaterThanOrEqual(2);
      expect(inRun[0]).toBeLessThan(entries - stoppedAt);
      expect(inRun).toEqual([...inRun].sort((a, b) => b - a));
      expect((await projection.status()).records).toBe(300);
    },
  );
  /** An archive of `count` person records among `namesakes` namesakes, and a projection of it. */
  async function backlogOf(count: number, namesakes: number) {
    const archive = await open();
    // Fictitious family names, one of `namesakes` for each record (Fictaaova, Fictabova, ...).
    const letters = (i: number): string => String.fromCharCode(97 + Math.floor(i / 26), 97 + (i % 26));
    const rows = Array.from({ length: count }, (_, k) =>
      person('KZ', k + 1, `P-${k}`, 1, { name: `Fict${letters(k % namesakes)}ova` }),
    );
    await archive.committer.commit(batchWrite({ messages: rows }));
    return { archive, projection: new DatabankProjection(archive.db, archive.reader) };
  }

  it('ends a batch early when asked, after its first entry and never before, and says why each batch ended', async () => {
    const { projection } = await backlogOf(10, 10);
    expect(await projection.step(1_000, 60_000, () => true)).toBe(1);
    expect(projection.lastBatchEnd).toBe('early');
    let asked = 0;
    const elapsed: number[] = [];
    expect(
      await projection.step(1_000, 60_000, (ms) => {
        elapsed.push(ms);
        return ++asked >= 3;
      }),
    ).toBe(3);
    // Asked with the time the batch has run, which only grows.
    expect(elapsed).toEqual([...elapsed].sort((a, b) => a - b));
    expect(await projection.step(2, 60_000)).toBe(2);
    expect(projection.lastBatchEnd).toBe('limit');
    expect(await projection.step(1_000, 60_000, () => false)).toBe(4);
    expect(projection.lastBatchEnd).toBe('end');
    expect(await projection.cursor()).toBe(10);
  });

  const logger = createLogger({ name: 'databank-test', level: 'silent' });

  /**
   * The budgets and sizes of the first `wanted` batches a projector with `options` runs on a
   * backlog of 600 namesakes (far more than those batches take), then stopped.
   */
  async function batchesOf(
    wanted: number,
    options: Omit<ConstructorParameters<typeof DatabankProjector>[1], 'logger' | 'onApplied'>,
  ): Promise<{ budgets: number[]; sizes: number[] }> {
    const count = 600;
    const { projection } = await backlogOf(count, 20);
    const budgets: number[] = [];
    const sizes: number[] = [];
    const projector = new DatabankProjector(projection, {
      logger,
      everyMs: 10,
      ...options,
      onApplied: (n, budget) => {
        sizes.push(n);
        budgets.push(budget);
      },
    });
    projector.start();
    try {
      await waitFor(() => budgets.length >= wanted, { timeoutMs: 60_000, intervalMs: 5 });
    } finally {
      await projector.stop();
    }
    // Still behind when the batches looked at ran: none of them reached the log's end.
    expect(await projection.cursor()).toBeLessThan(count);
    return { budgets: budgets.slice(0, wanted), sizes: sizes.slice(0, wanted) };
  }

  it("grows a batch's budget while a backlog lasts, up to its most", async () => {
    const { budgets } = await batchesOf(7, { batchBudgetMs: 2, maxBatchBudgetMs: 16 });
    // 2, 4 and 8 ms, each cut short, then 16 at most.
    expect(budgets).toEqual([2, 4, 8, 16, 16, 16, 16]);
  });

  it('gives a batch forced behind a busier part of the process the base budget, and the next starts from it', async () => {
    let turns = 0;
    const { budgets } = await batchesOf(8, {
      batchBudgetMs: 2,
      maxBatchBudgetMs: 16,
      // The fifth batch is forced, after four that grew the budget to its most.
      waitTurn: () => Promise.resolve(++turns === 5 ? 'forced' : undefined),
    });
    expect(budgets).toEqual([2, 4, 8, 16, 2, 2, 4, 8]);
  });

  it('ends a batch when the process asks, after its entry in progress, and the next one has the base budget', async () => {
    let batches = 0;
    const forcedSeen: boolean[] = [];
    const { budgets, sizes } = await batchesOf(9, {
      batchBudgetMs: 2,
      maxBatchBudgetMs: 16,
      waitTurn: () => Promise.resolve(++batches === 6 ? 'forced' : undefined),
      // The fifth to eighth batches (the fifth with budget 16) are ended after their first entry.
      endBatchWhen: (_, forced) => {
        forcedSeen.push(forced);
        return batches >= 5 && batches <= 8;
      },
    });
    expect(budgets).toEqual([2, 4, 8, 16, 16, 2, 2, 2, 2]);
    expect(sizes.slice(4, 8)).toEqual([1, 1, 1, 1]);
    // It is asked in forced batches too, and told so.
    expect(forcedSeen).toContain(true);
  });
});

describe("a data bank batch's budget", () => {
  it('doubles while entries wait (budget or size cut the batch short), up to the most, and goes back to the base after one that reached the end or was ended early', () => {
    expect(nextBatchBudget(25, 'budget', 25, 400)).toBe(50);
    expect(nextBatchBudget(25, 'limit', 25, 400)).toBe(50);
    expect(nextBatchBudget(300, 'budget', 25, 400)).toBe(400);
    expect(nextBatchBudget(400, 'budget', 25, 400)).toBe(400);
    expect(nextBatchBudget(400, 'end', 25, 400)).toBe(25);
    expect(nextBatchBudget(400, 'early', 25, 400)).toBe(25);
    // A most below the base never shrinks a batch under its base.
    expect(nextBatchBudget(25, 'budget', 25, 10)).toBe(25);
  });
});

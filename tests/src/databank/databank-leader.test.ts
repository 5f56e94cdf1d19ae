// One replica at a time runs the data bank's projection and its timers (DESIGN.md section 9
// "Several replicas"): on PostgreSQL the holder of an advisory lock on a dedicated connection;
// when it dies another takes over within seconds. On SQLite the one process always leads.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { batchWrite, LeaderElection, openArchive, openArchiveDb, type SqlDb } from '@atc/gateway';
import { createLogger, type Component } from '@atc/shared';
import { fixtureKey } from '@atc/shared/testing';
import {
  ARCHIVE_BACKENDS,
  createTestDatabase,
  gatewayEnv,
  prepareGatewayDataDir,
  spawnGatewayProcess,
  startNatsServer,
  waitFor,
  type GatewayProcess,
  type NatsServerHandle,
  type TestArchiveLocation,
  type TestDatabase,
} from '@atc/tests';
import { person } from './bank-rows.js';

const logger = createLogger({ name: 'leader-test', level: 'silent' });

/** A leader-only part that counts its terms. */
class Term implements Component {
  static running = 0;
  starts = 0;
  stops = 0;
  start(): void {
    this.starts++;
    Term.running++;
  }
  stop(): void {
    this.stops++;
    Term.running--;
  }
}

describe.each(ARCHIVE_BACKENDS)('the leader election on $name', (backend) => {
  let location: TestArchiveLocation | undefined;
  const elections: LeaderElection[] = [];
  afterEach(async () => {
    for (const e of elections.splice(0)) await e.stop();
    await location?.dispose();
    location = undefined;
  });

  function election(terms: Term[], changes: boolean[] = []): LeaderElection {
    const e = new LeaderElection({
      location: location!.location,
      logger,
      pollMs: 100,
      onChange: (leading) => changes.push(leading),
      lead: () => {
        const t = new Term();
        terms.push(t);
        return [t];
      },
    });
    elections.push(e);
    return e;
  }

  it('runs the leader-only parts on one replica; a stopped leader hands over to the other', async () => {
    location = await backend.create();
    Term.running = 0;
    const aTerms: Term[] = [];
    const bTerms: Term[] = [];
    const a = election(aTerms);
    await a.start();
    await waitFor(() => a.leading, { timeoutMs: 10_000, message: 'a leads' });
    expect(aTerms.map((t) => t.starts)).toEqual([1]);

    if (backend.name === 'sqlite') {
      // One process owns a SQLite archive: it leads from its start, without asking anyone.
      await a.stop();
      expect(aTerms.map((t) => [t.starts, t.stops])).toEqual([[1, 1]]);
      expect(a.leading).toBe(false);
      return;
    }
    const b = election(bTerms);
    await b.start();
    // b tries the lock every 100 ms: several rounds without it.
    await new Promise((r) => setTimeout(r, 500));
    expect(b.leading).toBe(false);
    expect(bTerms).toEqual([]);

    await a.stop();
    expect(aTerms.map((t) => [t.starts, t.stops])).toEqual([[1, 1]]);
    await waitFor(() => b.leading, { timeoutMs: 5_000, message: 'b took over' });
    expect(bTerms.map((t) => t.starts)).toEqual([1]);
    expect(Term.running).toBe(1);
  });

  it.runIf(backend.name === 'postgres')(
    'a leader whose lock session is cut stops its parts and competes again',
    async () => {
      location = await backend.create();
      const aTerms: Term[] = [];
      const changes: boolean[] = [];
      const a = election(aTerms, changes);
      await a.start();
      await waitFor(() => a.leading, { timeoutMs: 10_000, message: 'a leads' });
      const db = await openArchiveDb(location.location);
      try {
        // The server ends the lock's session (an administrator, a failover, a network cut).
        await db.run(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'atc-gateway-leader' AND datname = current_database()",
        );
      } finally {
        await db.close();
      }
      await waitFor(() => aTerms.length === 2 && a.leading, { timeoutMs: 10_000, message: 'a leads again' });
      expect(aTerms[0]!.stops).toBe(1);
      expect(changes).toEqual([true, false, true]);
    },
  );
});

describe('two gateway processes on one PostgreSQL archive', () => {
  const ENTRIES = 600;
  let nats: NatsServerHandle;
  let database: TestDatabase;
  let work: string;
  const processes: GatewayProcess[] = [];

  beforeAll(async () => {
    nats = await startNatsServer();
    database = await createTestDatabase();
    work = await mkdtemp(join(tmpdir(), 'atc-databank-leader-'));
  }, 60_000);

  afterAll(async () => {
    for (const p of processes) await p.kill('SIGKILL');
    await database?.drop();
    await nats?.stop();
    await rm(work, { recursive: true, force: true });
  });

  async function metric(p: GatewayProcess, name: string): Promise<number> {
    const text = await (await fetch(`${p.url}/metrics`)).text();
    const line = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
    return line === null ? Number.NaN : Number(line[1]);
  }

  async function leaderDetail(p: GatewayProcess): Promise<string | undefined> {
    const body = (await (await fetch(`${p.url}/readyz`)).json()) as { checks: { name: string; reason?: string }[] };
    return body.checks.find((c) => c.name === 'databank-leader')?.reason;
  }

  async function archiveRecords(from: number, count: number): Promise<void> {
    const archive = await openArchive({
      location: { url: database.url },
      gatewayId: 'ATC',
      logOrigin: 'atc-exchange/test',
      key: fixtureKey('ATC'),
      clock: () => Date.now(),
    });
    try {
      const rows = Array.from({ length: count }, (_, k) => person(['KZ', 'BY'][k % 2]!, from + k, `P-${from + k}`, 1));
      await archive.committer.commit(batchWrite({ messages: rows }));
    } finally {
      await archive.close();
    }
  }

  const cursorOf = async (db: SqlDb): Promise<number> =>
    (await db.get<{ next_leaf: number }>('SELECT next_leaf FROM databank_cursor'))!.next_leaf;

  it(
    'only the leader projects and checks reviews; SIGKILL it and the other takes over within seconds',
    { timeout: 180_000 },
    async () => {
      const dataDir = await mkdtemp(join(work, 'gateway-'));
      await prepareGatewayDataDir(dataDir, { url: database.url });
      await archiveRecords(1, ENTRIES);
      const env = gatewayEnv(nats, dataDir, { ATC_ARCHIVE_URL: database.url, ATC_DATABANK_REVIEW_CHECK: '200ms' });

      const a = await spawnGatewayProcess(env, await mkdtemp(join(work, 'replica-a-')));
      processes.push(a);
      await waitFor(async () => (await metric(a, 'atc_databank_leader')) === 1, {
        timeoutMs: 15_000,
        message: 'replica a leads',
      });
      const b = await spawnGatewayProcess(env, await mkdtemp(join(work, 'replica-b-')));
      processes.push(b);

      const db = await openArchiveDb({ url: database.url });
      try {
        await waitFor(async () => (await cursorOf(db)) === ENTRIES, {
          timeoutMs: 60_000,
          intervalMs: 100,
          message: 'the bank caught up',
        });
        await waitFor(async () => (await metric(a, 'atc_databank_review_checks_total')) >= 2, {
          timeoutMs: 15_000,
          message: 'the leader checks reviews',
        });
        expect(await metric(a, 'atc_databank_applied_total')).toBe(ENTRIES);
        expect(await metric(b, 'atc_databank_leader')).toBe(0);
        expect(await metric(b, 'atc_databank_applied_total')).toBe(0);
        expect(await metric(b, 'atc_databank_review_checks_total')).toBe(0);
        expect(await leaderDetail(a)).toMatch(/^this replica leads since /);
        expect(await leaderDetail(b)).toBe('another replica leads, or none yet');

        // The leader dies without a word: its session ends with it, and the other takes the lock.
        const killedAt = Date.now();
        await a.kill('SIGKILL');
        await waitFor(async () => (await metric(b, 'atc_databank_leader')) === 1, {
          timeoutMs: 15_000,
          intervalMs: 50,
          message: 'replica b took over',
        });
        const takeover = Date.now() - killedAt;
        expect(takeover).toBeLessThan(5_000);

        await archiveRecords(ENTRIES + 1, 100);
        await waitFor(async () => (await cursorOf(db)) === ENTRIES + 100, {
          timeoutMs: 30_000,
          intervalMs: 100,
          message: 'the new leader projects',
        });
        expect(await metric(b, 'atc_databank_applied_total')).toBe(100);
        await waitFor(async () => (await metric(b, 'atc_databank_review_checks_total')) >= 1, {
          timeoutMs: 15_000,
          message: 'the new leader checks reviews',
        });
        expect(await leaderDetail(b)).toMatch(/^this replica leads since /);
        const versions = await db.get<{ n: number; ids: number }>(
          'SELECT COUNT(*) AS n, COUNT(DISTINCT message_id) AS ids FROM databank_versions',
        );
        expect(versions).toEqual({ n: ENTRIES + 100, ids: ENTRIES + 100 });
      } finally {
        await db.close();
      }
    },
  );
});

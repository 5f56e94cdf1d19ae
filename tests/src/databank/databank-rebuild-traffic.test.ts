// `atc-gateway databank rebuild`, run as an operator runs it (a process of its own against the
// gateway's archive) while members' traffic keeps being archived, the gateway's projection keeps
// running and operators decide on subjects, ends with the bank that an incremental projection
// from leaf 0 of the same archive makes, byte for byte. Both archive engines.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  batchWrite,
  DatabankProjection,
  DatabankProjector,
  DatabankSubjects,
  dumpDatabank,
  openArchive,
  type Archive,
  type DecisionInput,
  type DecisionOutcome,
} from '@atc/gateway';
import { createLogger, ErrorCode, isAtcError, PayloadType } from '@atc/shared';
import { fixtureKey } from '@atc/shared/testing';
import {
  ARCHIVE_BACKENDS,
  prepareGatewayDataDir,
  runGatewayProcess,
  waitFor,
  type ScriptRun,
  type TestArchiveLocation,
} from '@atc/tests';
import { MemberTraffic, type TrafficBatch } from './rebuild-traffic.js';
import { name, passport, personRow } from './subject-rows.js';

/**
 * Rounds of traffic archived before the rebuild starts (about three entries each, committed 50
 * at a time): enough that the rebuild takes a while after its start has been seen, few enough
 * to keep the test short. PostgreSQL projects some ten times slower than SQLite (about 100
 * entries a second here, each linked into subjects).
 */
const ROUNDS_BEFORE = { sqlite: 250, postgres: 100 } as const;
/** Rounds that keep flowing after the last decision, once the rebuild has ended. */
const ROUNDS_AFTER = 15;

const operator = (why: string) => ({ who: 'cli:testov-operator', why, role: 'operator' });

describe.each(ARCHIVE_BACKENDS)('a data bank rebuilt while traffic flows on $name', (backend) => {
  const locations: TestArchiveLocation[] = [];
  const archives: Archive[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const a of archives.splice(0)) await a.close();
    for (const l of locations.splice(0)) await l.dispose();
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  async function openOn(location: TestArchiveLocation): Promise<Archive> {
    const archive = await openArchive({
      location: location.location,
      gatewayId: 'ATC',
      logOrigin: 'atc-exchange/test',
      key: fixtureKey('ATC'),
      clock: () => Date.now(),
    });
    archives.push(archive);
    return archive;
  }

  it(
    'ends with the bank an incremental run from leaf 0 makes, operator decisions included',
    { timeout: 120_000 },
    async () => {
      const location = await backend.create();
      locations.push(location);
      const dataDir = await mkdtemp(join(tmpdir(), 'atc-databank-rebuild-'));
      dirs.push(dataDir);
      await prepareGatewayDataDir(dataDir, location.location);

      const open = () => openOn(location);
      const writer = await open(); // the pipeline's committer
      const gateway = await open(); // the gateway's projection and its operators' API
      // Watched through a connection of its own, which SQLite does not hold behind the others' transactions.
      const watcher = await open();
      const watched = new DatabankProjection(watcher.db, watcher.reader);
      const subjects = new DatabankSubjects({ db: gateway.db, reader: gateway.reader, audit: gateway.registry });
      const projector = new DatabankProjector(new DatabankProjection(gateway.db, gateway.reader), {
        logger: createLogger({ name: 'databank-test', level: 'silent' }),
        everyMs: 10,
      });
      const commit = (batch: TrafficBatch) => writer.committer.commit(batchWrite(batch));
      const caughtUp = (message: string) =>
        waitFor(async () => (await watched.lag()).lag === 0, { timeoutMs: 30_000, intervalMs: 10, message });

      const candidateOf = async (originator: string, recordId: string) => {
        for (let cursor: string | undefined; ;) {
          const page = await subjects.candidates({ limit: 500, ...(cursor === undefined ? {} : { cursor }) });
          const found = page.candidates.find((c) =>
            c.records.some((r) => r.originator === originator && r.recordId === recordId),
          );
          if (found !== undefined) return found.candidateId;
          if (page.nextCursor === null) throw new Error(`no open candidate of ${originator}/${recordId}`);
          cursor = page.nextCursor;
        }
      };
      /** Decides as an operator does, again while the bank answers busy (a rebuild re-applying earlier decisions). */
      const decide = (input: DecisionInput, why: string) =>
        waitFor(
          async (): Promise<DecisionOutcome | { failed: unknown } | false> => {
            try {
              return await subjects.decide(input, operator(why));
            } catch (e) {
              return isAtcError(e) && e.code === ErrorCode.DATABANK_BUSY ? false : { failed: e };
            }
          },
          { timeoutMs: 30_000, intervalMs: 2, message: `decision ${why}` },
        ).then((outcome) => {
          if ('failed' in outcome) throw outcome.failed;
          return outcome;
        });

      // Persons the operators decide on, reported before the traffic: Testov Ivan by KZ and UZ
      // (a candidate by name and date of birth), Primerov Oleg by RU and KG (one subject by a
      // shared passport, split later), Obraztsova Vera by TJ and KZ (a candidate, rejected later).
      const ivan = [name('Latn', 'Testov', 'Ivan')];
      const oleg = { names: [name('Latn', 'Primerov', 'Oleg')], documents: [passport('TEST0003', 'RU')] };
      const vera = [name('Latn', 'Obraztsova', 'Vera')];
      const nationalityTm = ['TM']; // no traffic gives it: lists the split subject alone
      await commit({
        messages: [
          personRow('KZ', 1, 'KZ-P-1', 1, { names: ivan, documents: [passport('TEST0001', 'KZ')] }),
          personRow('UZ', 2, 'UZ-P-1', 1, { names: ivan, documents: [passport('TEST0002', 'UZ')] }),
          personRow('RU', 3, 'RU-P-1', 1, { ...oleg, nationalities: nationalityTm }),
          personRow('KG', 4, 'KG-P-1', 1, { ...oleg, nationalities: nationalityTm }),
          personRow('TJ', 5, 'TJ-P-1', 1, { names: vera, documents: [passport('TEST0004', 'TJ')] }),
          personRow('KZ', 6, 'KZ-P-2', 1, { names: vera, documents: [passport('TEST0005', 'KZ')] }),
        ],
        deliveries: [],
      });
      projector.start();
      const traffic = new MemberTraffic(100);
      let rebuild: Promise<ScriptRun> | undefined;
      let flowing: Promise<void> | undefined;
      let rebuildEnded = false;
      let trafficStops = false;
      try {
        await caughtUp('the first persons projected');
        // A backlog, projected, so that the rebuild has work when it starts.
        for (let r = 0; r < ROUNDS_BEFORE[backend.name]; r += 50) {
          const rounds = Array.from({ length: 50 }, () => traffic.next());
          await commit({
            messages: rounds.flatMap((b) => b.messages),
            deliveries: rounds.flatMap((b) => b.deliveries),
          });
        }
        await caughtUp('the backlog projected');
        // What the operators decide on (subject ids derive from the log, so a rebuild keeps them).
        const [olegSubject] = (await subjects.listSubjects({ nationality: 'TM' })).subjects;
        expect(olegSubject?.records).toBe(2);
        const ivanCandidate = await candidateOf('KZ', 'KZ-P-1');
        const veraCandidate = await candidateOf('TJ', 'TJ-P-1');

        // Traffic flows round after round, each once the bank has moved on (applied, rebuilt or caught up).
        flowing = (async () => {
          while (!trafficStops) {
            const before = await watched.cursor();
            await commit(traffic.next());
            await waitFor(
              async () => {
                const { cursor, size } = await watched.lag();
                return cursor !== before || cursor >= size;
              },
              { timeoutMs: 30_000, intervalMs: 2, message: 'the bank moved on after a round of traffic' },
            );
          }
        })();

        const confirmed = await decide({ kind: 'confirm', candidateId: ivanCandidate }, 'TICKET-1: same person');
        rebuild = runGatewayProcess({ ATC_DATA_DIR: dataDir, ...location.env }, [
          'databank',
          'rebuild',
          '--reason',
          'test: rebuild from the archive',
        ]);
        void rebuild.finally(() => (rebuildEnded = true));
        // The rebuild emptied the bank: its cursor went back before the confirmation.
        await waitFor(async () => (await watched.cursor()) < confirmed.decision.atLeaf || rebuildEnded, {
          timeoutMs: 30_000,
          intervalMs: 2,
          message: 'the rebuild started',
        });
        expect(rebuildEnded).toBe(false);

        // An operator splits Primerov Oleg's subject while the bank is rebuilt: refused as busy (and
        // retried) as long as the rebuild has not applied the confirmation again, then made at the
        // rebuilt bank's cursor.
        const split = await decide(
          { kind: 'split', subjectId: olegSubject!.subjectId, originator: 'KG', recordId: 'KG-P-1' },
          'TICKET-2: two persons',
        );
        expect(split.decision.atLeaf).toBeGreaterThanOrEqual(confirmed.decision.atLeaf);

        const rebuilt = await rebuild;
        expect(rebuilt.stderr).not.toMatch(/ERR_|Error/);
        expect(rebuilt.code).toBe(0);
        expect(rebuilt.stdout).toMatch(/^databank rebuilt: \d+ entries applied/m);

        // After the rebuild, while traffic still flows, another operator decision.
        const rejected = await decide({ kind: 'reject', candidateId: veraCandidate }, 'TICKET-3: other persons');
        const roundsAtLast = traffic.rounds;
        await waitFor(() => traffic.rounds >= roundsAtLast + ROUNDS_AFTER, {
          timeoutMs: 30_000,
          intervalMs: 5,
          message: 'traffic after the last decision',
        });
        trafficStops = true;
        await flowing;
        await caughtUp('the projection caught up once traffic stopped');
        await projector.stop();
        expect(rejected.decision.atLeaf).toBeGreaterThanOrEqual(split.decision.atLeaf);
      } finally {
        trafficStops = true;
        await projector.stop();
        await flowing?.catch(() => undefined);
        await rebuild?.catch(() => undefined);
      }

      // No entry applied twice, every decision applied once, and the traffic reached the bank.
      const bank = await dumpDatabank(watcher.db);
      const entries = await watched.lag();
      expect(entries.lag).toBe(0);
      const versions = await watcher.db.get<{ n: number; distinct_ids: number }>(
        'SELECT COUNT(*) AS n, COUNT(DISTINCT message_id) AS distinct_ids FROM databank_versions',
      );
      const recordMessages = await watcher.db.get<{ n: number }>(
        'SELECT COUNT(*) AS n FROM messages WHERE payload_type = ?',
        [PayloadType.PersonRecord],
      );
      expect(versions).toEqual({ n: recordMessages!.n, distinct_ids: recordMessages!.n });
      expect(bank['databank_decisions_applied']).toHaveLength(3);
      expect(
        (bank['databank_records'] as { withdrawn: number }[]).filter((r) => r.withdrawn === 1).length,
      ).toBeGreaterThan(0);
      expect(bank['databank_conflicts']!.length).toBeGreaterThan(0);
      expect((bank['databank_purges'] as { state: string }[]).some((p) => p.state === 'purged')).toBe(true);
      expect(bank['databank_links']!.length).toBeGreaterThan(0);

      // A fresh bank on a copy of the archive, projected incrementally from leaf 0 in small batches.
      for (const a of archives.splice(0)) await a.close();
      const copy = await location.copy();
      locations.push(copy);
      const fresh = await openOn(copy);
      const incremental = new DatabankProjection(fresh.db, fresh.reader);
      await incremental.clear();
      while ((await incremental.step(37)) > 0);
      const expected = await dumpDatabank(fresh.db);
      expect(bank).toEqual(expected);
      expect(JSON.stringify(bank)).toBe(JSON.stringify(expected));
    },
  );
});

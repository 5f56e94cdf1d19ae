// A gateway process killed (SIGKILL) while its data bank projection runs resumes from the
// bank's cursor when it starts again: no entry applied twice, and the bank it ends with is
// the one `atc-gateway databank rebuild` makes from the archive.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { batchWrite, dumpDatabank, openArchive, openArchiveDb, type SqlDb } from '@atc/gateway';
import { fixtureKey } from '@atc/shared/testing';
import {
  binPath,
  ARCHIVE_BACKENDS,
  gatewayEnv,
  prepareGatewayDataDir,
  runGatewayCli,
  spawnGatewayProcess,
  startNatsServer,
  waitFor,
  type NatsServerHandle,
  type ServiceProcess,
  type TestArchiveLocation,
} from '@atc/tests';
import { person } from './bank-rows.js';

/**
 * Entries in the archive before the gateway starts: enough that the kill (as soon as the first
 * batch, at most 100 ms of work, is committed) lands part way through the projection. Every
 * entry is the same person (record ids for three quarters of the entries, from three members,
 * so that a quarter are other versions of a record): each one's candidate links are a search
 * among hundreds of namesakes, the linking's worst case.
 */
const ENTRIES_ON = { sqlite: 1_000, postgres: 600 } as const;
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

let nats: NatsServerHandle;
let work: string;

beforeAll(async () => {
  nats = await startNatsServer();
  work = await mkdtemp(join(tmpdir(), 'atc-databank-crash-'));
}, 60_000);

afterAll(async () => {
  await nats?.stop();
  await rm(work, { recursive: true, force: true });
});

const cursorOf = async (db: SqlDb): Promise<number> =>
  (await db.get<{ next_leaf: number }>('SELECT next_leaf FROM databank_cursor'))!.next_leaf;

describe.each(ARCHIVE_BACKENDS)('a gateway killed while projecting on $name', (backend) => {
  let location: TestArchiveLocation | undefined;
  let gateway: ServiceProcess | undefined;
  afterEach(async () => {
    await gateway?.kill('SIGKILL');
    await location?.dispose();
  });

  it('resumes from its cursor and ends with the bank a rebuild makes', { timeout: 330_000 }, async () => {
    const ENTRIES = ENTRIES_ON[backend.name];
    location = await backend.create();
    const dataDir = await mkdtemp(join(work, `${backend.name}-`));
    await prepareGatewayDataDir(dataDir, location.location);
    // An archive with many records, written before the gateway starts, so that its projection has work.
    const archive = await openArchive({
      location: location.location,
      gatewayId: 'ATC',
      logOrigin: 'atc-exchange/test',
      key: fixtureKey('ATC'),
      clock: () => Date.now(),
    });
    try {
      for (let from = 0; from < ENTRIES; from += 2_000) {
        const rows = Array.from({ length: Math.min(2_000, ENTRIES - from) }, (_, k) => {
          const i = from + k + 1;
          return person(['KZ', 'BY', 'UZ'][i % 3]!, i, `P-${i % ((ENTRIES * 3) / 4)}`, 1 + (i % 11), {
            exercise: i % 9 === 0,
          });
        });
        await archive.committer.commit(batchWrite({ messages: rows }));
      }
    } finally {
      await archive.close();
    }

    const env = { ...gatewayEnv(nats, dataDir), ...location.env };
    const db = await openArchiveDb(location.location);
    try {
      // `atc-gateway serve` as its own process, killed as soon as its projection has applied a batch
      // (before it is even ready, so that a fast projection is still caught half way).
      const child = spawn(process.execPath, [binPath('gateway'), 'serve'], {
        cwd: repoRoot,
        env: { PATH: process.env['PATH'] ?? '', ...env },
        stdio: 'ignore',
      });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        await waitFor(async () => (await cursorOf(db)) > 0, {
          timeoutMs: 60_000,
          intervalMs: 2,
          message: 'the projection started',
        });
      } finally {
        child.kill('SIGKILL');
        await exited;
      }
      const atKill = await cursorOf(db);
      expect(atKill).toBeGreaterThan(0);
      expect(atKill).toBeLessThan(ENTRIES);

      gateway = await spawnGatewayProcess(env, dataDir);
      await waitFor(async () => (await cursorOf(db)) === ENTRIES, {
        timeoutMs: 200_000,
        intervalMs: 50,
        message: 'the projection caught up after the restart',
      });
      await gateway.kill('SIGTERM');
      gateway = undefined;

      const versions = await db.get<{ n: number; distinct_ids: number }>(
        'SELECT COUNT(*) AS n, COUNT(DISTINCT message_id) AS distinct_ids FROM databank_versions',
      );
      expect(versions).toEqual({ n: ENTRIES, distinct_ids: ENTRIES });
      const incremental = await dumpDatabank(db);

      const rebuilt = await runGatewayCli({ ATC_DATA_DIR: dataDir, ...location.env }, [
        'databank',
        'rebuild',
        '--reason',
        'test: rebuild from the archive',
      ]);
      expect(rebuilt.code).toBe(0);
      expect(await dumpDatabank(db)).toEqual(incremental);
    } finally {
      await db.close();
    }
  });
});

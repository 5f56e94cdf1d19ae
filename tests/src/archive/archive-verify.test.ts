import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchiveDb, type SqlDb } from '@atc/gateway';
import { signCheckpoint } from '@atc/shared';
import { fixtureKey } from '@atc/shared/testing';
import {
  ARCHIVE_BACKENDS,
  makeMessage,
  runAtcVerify,
  runGatewayCli,
  runGatewayProcess,
  runNpx,
  startTestFederation,
  waitFor,
  type GatewayFixture,
  type TestArchiveLocation,
  type TestFederation,
} from '@atc/tests';

const MESSAGES = 12;
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'atc-verify-'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/**
 * Waits until the archive holds `expected` messages. The deadline allows for a loaded machine
 * (the whole suite in parallel on two cores); a failure says how many rows there were and what
 * the gateway's counters said, and more rows than sent fail at once.
 */
async function waitArchived(db: SqlDb, gateway: GatewayFixture, expected: number): Promise<void> {
  const count = async () => (await db.get<{ n: number }>('SELECT count(*) AS n FROM messages'))?.n ?? 0;
  let failure: Error;
  try {
    const n = await waitFor(
      async () => {
        const rows = await count();
        return rows >= expected ? rows : false;
      },
      { timeoutMs: 60_000, intervalMs: 100, message: `all ${expected} messages archived` },
    );
    if (n === expected) return;
    failure = new Error(`${n} rows archived, more than the ${expected} messages sent`);
  } catch (error: unknown) {
    failure = error as Error;
  }
  const metrics = await gateway
    .api('/metrics')
    .then((r) => r.text())
    .catch((e: unknown) => `(metrics unavailable: ${String(e)})`);
  const counters = metrics
    .split('\n')
    .filter((l) => /^atc_gateway_(accepted|refused|replayed|storage_failures|archive_writable|sequence)/.test(l));
  throw new Error(
    `${failure.message}; the archive holds ${await count()} rows; gateway counters:\n${counters.join('\n')}`,
    { cause: failure },
  );
}

const cli = (env: Readonly<Record<string, string>>, args: string[], extra: Record<string, string> = {}) =>
  runGatewayCli({ ...env, ...extra }, args);

describe.each(ARCHIVE_BACKENDS)('archive on $name', (backend) => {
  let source: TestArchiveLocation;
  let fed: TestFederation;
  let gatewayDir: string;
  /** Message id of each leaf. */
  let leaves: string[] = [];
  const copies: TestArchiveLocation[] = [];

  beforeAll(async () => {
    source = await backend.create();
    // Each backend has its own nats-server: a second gateway on the same server would take over
    // the first one's durable consumer, and a submission whose ack the first one's stop lost
    // would be redelivered into this archive as a thirteenth row.
    fed = await startTestFederation({ archive: source.location, wire: true });
    const gateway = fed.gateway;
    gatewayDir = gateway.dataDir;
    const db = await openArchiveDb(source.location);
    try {
      for (let i = 1; i <= MESSAGES; i++) {
        const m = makeMessage({ from: i % 2 === 0 ? 'KZ' : 'BY', to: [i % 2 === 0 ? 'RU' : 'UZ'], sequence: i });
        await fed.wire.submit(i % 2 === 0 ? 'KZ' : 'BY', m.bytes, m.messageId);
      }
      await waitArchived(db, gateway, MESSAGES);
      await gateway.stop();
      leaves = (await db.all<{ message_id: string }>('SELECT message_id FROM messages ORDER BY leaf_index')).map(
        (r) => r.message_id,
      );
    } finally {
      await gateway.stop();
      await db.close();
    }
  }, 120_000);

  afterAll(async () => {
    for (const c of copies) await c.dispose();
    await fed?.close();
    await source?.dispose();
  });

  /** Settings for the CLI on a copy of the archive (and the gateway key), tampered with by `tamper`. */
  async function copyArchive(tamper?: (db: SqlDb) => Promise<unknown>): Promise<Record<string, string>> {
    const copy = await source.copy();
    copies.push(copy);
    const dir = await mkdtemp(join(work, `${backend.name}-`));
    await copyFile(join(gatewayDir, 'gateway.jwk'), join(dir, 'gateway.jwk'));
    if (tamper !== undefined) {
      const db = await openArchiveDb(copy.location);
      try {
        await tamper(db);
      } finally {
        await db.close();
      }
    }
    return { ATC_DATA_DIR: dir, ...copy.env };
  }

  /** Puts a checkpoint row in place of the stored one of the same size. */
  async function replaceCheckpoint(db: SqlDb, size: number, root: Buffer, note: string): Promise<void> {
    await db.transaction(async () => {
      await db.run('DELETE FROM checkpoints WHERE tree_size = ?', [size]);
      await db.run('INSERT INTO checkpoints (tree_size, root_hash, note, created_at) VALUES (?, ?, ?, 0)', [
        size,
        root,
        note,
      ]);
    });
  }

  describe('atc-gateway archive verify', () => {
    it('passes on an untouched archive', async () => {
      const run = await cli(await copyArchive(), ['archive', 'verify']);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(
        new RegExp(`archive verified: ${MESSAGES} entries \\(0 key events, 0 erased payloads\\)`),
      );
    });

    it('names the leaf whose envelope lost or changed one byte', async () => {
      const dir = await copyArchive(async (db) => {
        const row = (await db.get<{ envelope: Buffer }>('SELECT envelope FROM messages WHERE leaf_index = 3'))!;
        const changed = Buffer.from(row.envelope);
        changed[changed.length - 10]! ^= 0x01;
        await db.run('UPDATE messages SET envelope = ? WHERE leaf_index = 3', [changed]);
      });
      const run = await cli(dir, ['archive', 'verify']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        `ERR_ARCHIVE_TAMPERED: leaf 3 (message ${leaves[3]}): the stored envelope does not hash`,
      );
    });

    it('names the missing leaf when a row is deleted', async () => {
      const dir = await copyArchive((db) => db.run('DELETE FROM messages WHERE leaf_index = 5'));
      const run = await cli(dir, ['archive', 'verify']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('leaf 5: leaf 5 has no archived envelope');
    });

    it('finds two swapped rows', async () => {
      const dir = await copyArchive((db) =>
        db.transaction(async () => {
          await db.run('UPDATE messages SET leaf_index = -1 WHERE leaf_index = 7');
          await db.run('UPDATE messages SET leaf_index = 7 WHERE leaf_index = 8');
          await db.run('UPDATE messages SET leaf_index = 8 WHERE leaf_index = -1');
        }),
      );
      const run = await cli(dir, ['archive', 'verify']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`leaf 7 (message ${leaves[8]}): the stored envelope does not hash to its leaf`);
    });

    it('finds a replaced checkpoint, whether signed by another key or by the gateway key over another root', async () => {
      const size = 6;
      const foreign = await copyArchive((db) => {
        const note = signCheckpoint(
          { origin: 'atc-exchange/ATC', size, rootHash: Buffer.alloc(32, 7), extensions: [] },
          'atc-exchange/ATC',
          fixtureKey('KZ').privateKey,
        );
        return replaceCheckpoint(db, size, Buffer.alloc(32, 7), note);
      });
      const run1 = await cli(foreign, ['archive', 'verify']);
      expect(run1.code).toBe(1);
      expect(run1.stderr).toContain(`leaf ${size}: checkpoint ${size} is not validly signed by the gateway`);

      const rewritten = await copyArchive((db) => {
        const root = Buffer.alloc(32, 9);
        const note = signCheckpoint(
          { origin: 'atc-exchange/ATC', size, rootHash: root, extensions: [] },
          'atc-exchange/ATC',
          fixtureKey('ATC').privateKey,
        );
        return replaceCheckpoint(db, size, root, note);
      });
      const run2 = await cli(rewritten, ['archive', 'verify']);
      expect(run2.code).toBe(1);
      expect(run2.stderr).toMatch(new RegExp(`checkpoint ${size}: signed root \\S+ differs from the recomputed root`));
    });

    it('finds a changed interior node of the stored tree', async () => {
      const dir = await copyArchive((db) =>
        db.run('UPDATE log_nodes SET hash = ? WHERE level = 2 AND idx = 1', [Buffer.alloc(32)]),
      );
      const run = await cli(dir, ['archive', 'verify']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('stored log node 2/1 differs from the recomputed one');
    });

    it('still verifies after retention erased payloads, and reports them as erased', async () => {
      const dir = await copyArchive();
      const retain = await cli(dir, ['archive', 'retain'], { ATC_RETENTION: 'PersonRecord=1ms' });
      expect(retain.code, retain.stderr).toBe(0);
      expect(retain.stdout).toContain(`erased ${MESSAGES} payloads`);
      const again = await cli(dir, ['archive', 'retain'], { ATC_RETENTION: 'PersonRecord=1ms' });
      expect(again.stdout).toContain('erased 0 payloads');
      const run = await cli(dir, ['archive', 'verify']);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain(`${MESSAGES} erased payloads`);
      const bad = await cli(dir, ['archive', 'retain'], { ATC_RETENTION: 'Persons=1d' });
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/ATC_RETENTION/);
    });
  });

  describe('atc-gateway archive prune', () => {
    it('prunes old checkpoints (counted first with --dry-run) and the log still verifies', async () => {
      const dir = await copyArchive();
      const before = await cli(dir, ['archive', 'verify', '--json']);
      const checkpoints = (JSON.parse(before.stdout) as { checkpoints: number }).checkpoints;
      // Every checkpoint is older than 0 ms and of the same day: all but the day's last (the
      // newest) and the witnesses' go.
      const keep = { ATC_CHECKPOINT_KEEP_ALL: '0ms', ATC_CHECKPOINT_KEEP_ONE_PER: '1d' };
      const dry = await cli(dir, ['archive', 'prune', '--dry-run'], keep);
      expect(dry.code, dry.stderr).toBe(0);
      const would = Number(/would prune (\d+) checkpoints/.exec(dry.stdout)?.[1]);
      expect(would).toBeGreaterThan(0);
      expect(would).toBeLessThan(checkpoints);
      const pruned = await cli(dir, ['archive', 'prune'], keep);
      expect(pruned.stdout).toContain(`pruned ${would} checkpoints`);
      const again = await cli(dir, ['archive', 'prune'], keep);
      expect(again.stdout).toContain('pruned 0 checkpoints');
      const run = await cli(dir, ['archive', 'verify']);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain(`${checkpoints - would} checkpoints`);
    });
  });

  describe('atc-gateway archive verify on a running gateway', () => {
    it('verifies one consistent snapshot while traffic is archived, and still finds a changed byte', async () => {
      const live = await backend.create();
      const running = await startTestFederation({ archive: live.location, wire: true });
      const { gateway, wire } = running;
      const db = await openArchiveDb(live.location);
      const archived = async () => (await db.get<{ n: number }>('SELECT count(*) AS n FROM messages'))?.n ?? 0;
      let sending = true;
      const traffic = (async () => {
        for (let sequence = 1; sending; sequence++) {
          const m = makeMessage({ from: 'KZ', to: ['RU'], sequence });
          await wire.submit('KZ', m.bytes, m.messageId);
        }
      })();
      try {
        await waitFor(async () => (await archived()) >= 100, { timeoutMs: 30_000, message: 'traffic archived' });
        const env = { ATC_DATA_DIR: gateway.dataDir, ...live.env };
        let grewDuringRun = 0;
        for (let run = 0; run < 3; run++) {
          const before = await archived();
          const verified = await runGatewayProcess(env, ['archive', 'verify', '--json']);
          const after = await archived();
          expect(verified.code, verified.stderr).toBe(0);
          const report = JSON.parse(verified.stdout) as { ok: boolean; leaves: number };
          expect(report.ok).toBe(true);
          expect(report.leaves).toBeGreaterThanOrEqual(before);
          expect(report.leaves).toBeLessThanOrEqual(after);
          if (after > before) grewDuringRun++;
        }
        // The runs raced real commits: the gateway archived while the CLI read.
        expect(grewDuringRun).toBeGreaterThan(0);

        const row = (await db.get<{ envelope: Buffer; message_id: string }>(
          'SELECT envelope, message_id FROM messages WHERE leaf_index = 3',
        ))!;
        const changed = Buffer.from(row.envelope);
        changed[changed.length - 10]! ^= 0x01;
        await db.run('UPDATE messages SET envelope = ? WHERE leaf_index = 3', [changed]);
        const tampered = await runGatewayProcess(env, ['archive', 'verify']);
        expect(tampered.code).toBe(1);
        expect(tampered.stderr).toContain(
          `ERR_ARCHIVE_TAMPERED: leaf 3 (message ${row.message_id}): the stored envelope does not hash`,
        );
      } finally {
        sending = false;
        await traffic.catch(() => undefined);
        await running.close();
        await db.close();
        await live.dispose();
      }
    }, 120_000);
  });

  describe('atc-gateway archive export and atc-verify', () => {
    it('writes a bundle that atc-verify checks offline, and refuses a tampered one', async () => {
      const dir = await copyArchive();
      const file = join(work, `${backend.name}-bundle.json`);
      const exported = await cli(dir, ['archive', 'export', '--from', '2', '--to', '9', '--out', file]);
      expect(exported.code, exported.stderr).toBe(0);
      // The command the export names works as printed.
      expect(exported.stdout).toContain(`check it with: npx atc-verify ${file} (in the repository`);
      const ok = await runNpx(['--offline', 'atc-verify', file]);
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stdout).toContain(
        `bundle holds: 7 entries (0 erased payloads) are in the log atc-exchange/ATC of ${MESSAGES} entries`,
      );
      expect(ok.stdout).toContain(fixtureKey('ATC').kid);

      const bundle = JSON.parse(await readFile(file, 'utf8')) as { entries: { envelope: string }[] };
      const bytes = Buffer.from(bundle.entries[4]!.envelope, 'base64');
      bytes[bytes.length - 20]! ^= 0x01;
      bundle.entries[4]!.envelope = bytes.toString('base64');
      const tampered = join(work, `${backend.name}-tampered.json`);
      await writeFile(tampered, JSON.stringify(bundle));
      const refused = await runAtcVerify(tampered);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`entry 6 (message ${leaves[6]}): the envelope does not hash to its leaf`);

      const again = await cli(dir, ['archive', 'export', '--out', file]);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/cannot write .*bundle\.json.*give a new file name/);
      const range = await cli(dir, [
        'archive',
        'export',
        '--from',
        '5',
        '--to',
        '500',
        '--out',
        join(work, `${backend.name}-x.json`),
      ]);
      expect(range.code).toBe(1);
      expect(range.stderr).toContain('ERR_LOG_RANGE');
    });
  });
});

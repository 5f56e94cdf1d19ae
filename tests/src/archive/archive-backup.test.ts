import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { MerkleLog, openArchiveDb, openDatabase } from '@atc/gateway';
import { verifyConsistency } from '@atc/shared';
import { fixtureKey } from '@atc/shared/testing';
import {
  ARCHIVE_BACKENDS,
  callAgent,
  connectMemberWire,
  createTestDatabase,
  gatewayEnv,
  makeMessage,
  personRequest,
  prepareAgent,
  prepareGatewayDataDir,
  runGatewayCli,
  runGatewayProcess,
  runBin,
  spawnAgentProcess,
  spawnGatewayProcess,
  startNatsServer,
  startTestFederation,
  waitFor,
  type GatewayProcess,
  type NatsServerHandle,
  type PreparedAgent,
  type ServiceProcess,
} from '@atc/tests';

const run = promisify(execFile);

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'atc-backup-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Rows of the SQLite archive at `path`, read on a connection of its own. */
function archiveRows<T>(path: string, sql: string, params: unknown[] = []): T[] {
  const db = openDatabase(path, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

const countArchived = (path: string): number =>
  archiveRows<{ n: number }>(path, 'SELECT count(*) AS n FROM messages')[0]!.n;

/** What `archive backup` printed: the copy's entries and latest checkpoint. */
function parseBackupOutput(stdout: string): { entries: number; size: number; root: string } {
  const m = /: (\d+) entries \(.*latest checkpoint: size (\d+), root ([A-Za-z0-9+/=]+);/.exec(stdout);
  if (m === null) throw new Error(`unexpected backup output: ${stdout}`);
  return { entries: Number(m[1]), size: Number(m[2]), root: m[3]! };
}

describe('SQLite archive: backup under traffic, restore to a new gateway', () => {
  let nats: NatsServerHandle;
  let gwDir: string;
  let restoredDir: string;
  let gateway: GatewayProcess;
  let restoredGateway: GatewayProcess | undefined;
  let agent: ServiceProcess;
  let prepared: PreparedAgent;
  let backupFile: string;
  let agentBackup: string;
  let backup: { entries: number; size: number; root: string };

  beforeAll(async () => {
    nats = await startNatsServer();
    gwDir = await mkdtemp(join(work, 'gw-'));
    restoredDir = await mkdtemp(join(work, 'restored-'));
    await prepareGatewayDataDir(gwDir);
    gateway = await spawnGatewayProcess(gatewayEnv(nats, gwDir), gwDir);
    prepared = await prepareAgent({ nats, member: 'KZ' });
    agent = await spawnAgentProcess(prepared.env, prepared.dataDir);
    backupFile = join(work, 'archive-backup.db');
    agentBackup = join(work, 'agent-backup.db');
  }, 90_000);

  afterAll(async () => {
    await restoredGateway?.kill('SIGKILL');
    await agent?.kill('SIGKILL');
    await gateway?.kill('SIGKILL');
    await nats?.stop();
    if (prepared !== undefined) await rm(prepared.dataDir, { recursive: true, force: true });
  });

  it('backs up while the agent sends, restores to a new file that verifies and that the live log extends', async () => {
    onTestFailed(async () => {
      console.log(`gateway log tail:\n${(await readFile(gateway.logFile, 'utf8')).slice(-3000)}`);
    });
    const live = join(gwDir, 'archive.db');
    let sending = true;
    let n = 0;
    const traffic = (async () => {
      while (sending) {
        const answer = await callAgent(agent.url, 'POST', '/v1/messages', personRequest(['BY'], ++n));
        if (answer.status !== 202 && answer.status !== 201) {
          throw new Error(`the agent refused a record: ${answer.status} ${JSON.stringify(answer.body)}`);
        }
      }
    })();
    await waitFor(() => countArchived(live) >= 20, { timeoutMs: 60_000, message: '20 messages archived' });

    const before = countArchived(live);
    const made = await runGatewayProcess(gatewayEnv(nats, gwDir), ['archive', 'backup', backupFile]);
    const after = countArchived(live);
    expect(made.code, made.stderr).toBe(0);
    backup = parseBackupOutput(made.stdout);
    // The gateway went on archiving during the backup; the copy is one snapshot within it.
    expect(after).toBeGreaterThan(before);
    expect(backup.entries).toBeGreaterThanOrEqual(before);
    expect(backup.entries).toBeLessThanOrEqual(after);
    expect(backup.size).toBe(backup.entries);
    expect(made.stdout).toContain('integrity_check ok, log verified');
    // A single file: no WAL beside it, nothing temporary left in the folder.
    await expect(stat(`${backupFile}-wal`)).rejects.toThrow();

    await waitFor(() => countArchived(live) >= backup.entries + 20, {
      timeoutMs: 60_000,
      message: '20 more messages archived after the backup',
    });
    // The agent's store, backed up while it runs.
    const agentRun = await runBin('agent', ['state', 'backup', agentBackup], prepared.env);
    expect(agentRun.code, agentRun.stderr).toBe(0);
    expect(agentRun.stdout).toMatch(/^backup written to .*: \d+ outbox messages .*integrity_check and invariants ok/);
    sending = false;
    await traffic;
    expect(await gateway.kill('SIGTERM')).toBe(0);

    const restoredPath = join(restoredDir, 'archive.db');
    await copyFile(join(gwDir, 'gateway.jwk'), join(restoredDir, 'gateway.jwk'));
    const restoreEnv = gatewayEnv(nats, restoredDir);
    const restored = await runGatewayProcess(restoreEnv, ['archive', 'restore', backupFile, '--to', restoredPath]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain(`${backup.entries} entries`);
    const verified = await runGatewayProcess(restoreEnv, ['archive', 'verify']);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toContain(`archive verified: ${backup.entries} entries`);

    // The restored log is a prefix of the live one: same leaves, and a consistency proof from
    // the backup's checkpoint to the live log's latest.
    const ids = (path: string, limit: number) =>
      archiveRows<{ message_id: string }>(
        path,
        'SELECT message_id FROM messages WHERE leaf_index < ? ORDER BY leaf_index',
        [limit],
      ).map((r) => r.message_id);
    expect(ids(restoredPath, backup.size)).toEqual(ids(live, backup.size));
    const [latest] = archiveRows<{ tree_size: number; root_hash: Buffer }>(
      live,
      'SELECT tree_size, root_hash FROM checkpoints ORDER BY tree_size DESC LIMIT 1',
    );
    expect(latest!.tree_size).toBeGreaterThan(backup.size);
    const liveDb = await openArchiveDb({ path: live });
    try {
      const log = new MerkleLog(liveDb, { origin: 'atc-exchange/ATC', privateKey: fixtureKey('ATC').privateKey });
      const proof = await log.consistencyProof(backup.size, latest!.tree_size);
      expect(
        verifyConsistency(backup.size, latest!.tree_size, proof, Buffer.from(backup.root, 'base64'), latest!.root_hash),
      ).toBe(true);
    } finally {
      await liveDb.close();
    }
  }, 240_000);

  it('on the restored archive, a message sent again is archived once: what the backup held is answered, what it missed is taken', async () => {
    expect(backup, 'the backup test ran').toBeDefined();
    await agent.kill('SIGTERM');
    const live = join(gwDir, 'archive.db');
    const restoredPath = join(restoredDir, 'archive.db');
    restoredGateway = await spawnGatewayProcess(gatewayEnv(nats, restoredDir), restoredDir);
    const envelopeAt = (path: string, leaf: number) =>
      archiveRows<{ message_id: string; envelope: Buffer }>(
        path,
        'SELECT message_id, envelope FROM messages WHERE leaf_index = ?',
        [leaf],
      )[0]!;
    const held = envelopeAt(restoredPath, 3);
    const missed = envelopeAt(live, backup.size + 3);
    const wire = await connectMemberWire(nats);
    try {
      // Another Nats-Msg-Id, so that JetStream's duplicate window does not hide the copy: the
      // gateway itself must recognise it.
      await wire.submit('KZ', held.envelope, `${held.message_id}-again`);
      await wire.submit('KZ', missed.envelope, `${missed.message_id}-again`);
    } finally {
      await wire.close();
    }
    const count = (id: string) =>
      archiveRows<{ n: number }>(restoredPath, 'SELECT count(*) AS n FROM messages WHERE message_id = ?', [id])[0]!.n;
    await waitFor(() => count(missed.message_id) === 1, { timeoutMs: 30_000, message: 'the missed message archived' });
    await waitFor(
      async () =>
        /^atc_gateway_replayed_total(\{[^}]*\})? [1-9]/m.test(
          await (await fetch(`${restoredGateway!.url}/metrics`)).text(),
        ),
      { timeoutMs: 30_000, message: 'the held message answered as a replay' },
    );
    expect(count(held.message_id)).toBe(1);
    // Nothing is archived twice. What the old gateway archived after the backup does not come
    // back by itself (JetStream saw it acknowledged): only the copy sent again, and submissions
    // still unacknowledged in the stream when the old gateway stopped, are in the new log.
    const idsFrom = (path: string, from: number) =>
      archiveRows<{ message_id: string }>(path, 'SELECT message_id FROM messages WHERE leaf_index >= ?', [from]).map(
        (r) => r.message_id,
      );
    const all = idsFrom(restoredPath, 0);
    expect(new Set(all).size).toBe(all.length);
    const archivedByOld = new Set(idsFrom(live, backup.size));
    expect(idsFrom(restoredPath, backup.size).filter((id) => archivedByOld.has(id))).toEqual([missed.message_id]);
    await restoredGateway.kill('SIGTERM');
    const verified = await runGatewayCli(gatewayEnv(nats, restoredDir), ['archive', 'verify']);
    expect(verified.code, verified.stderr).toBe(0);
  }, 120_000);

  describe('refusals', () => {
    const env = () => gatewayEnv(nats, gwDir);

    it('refuses a backup into a folder that does not exist or is a file, leaving nothing', async () => {
      const missing = await runGatewayCli(env(), ['archive', 'backup', join(work, 'no-such-folder', 'b.db')]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/ERR_BACKUP_UNWRITABLE: .*does not exist/);
      const notFolder = await runGatewayCli(env(), ['archive', 'backup', join(backupFile, 'b.db')]);
      expect(notFolder.code).toBe(1);
      expect(notFolder.stderr).toMatch(/ERR_BACKUP_UNWRITABLE: .*is not a folder/);
    });

    it('refuses to overwrite an existing file unless --force', async () => {
      const target = join(work, 'existing.db');
      await writeFile(target, 'an older file');
      const refused = await runGatewayCli(env(), ['archive', 'backup', target]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('ERR_BACKUP_TARGET_EXISTS');
      expect(await readFile(target, 'utf8')).toBe('an older file');
      const forced = await runGatewayCli(env(), ['archive', 'backup', target, '--force']);
      expect(forced.code, forced.stderr).toBe(0);
      expect(parseBackupOutput(forced.stdout).entries).toBe(countArchived(join(gwDir, 'archive.db')));
    });

    it('refuses to restore onto an existing file or a database in use', async () => {
      const existing = await runGatewayCli(env(), [
        'archive',
        'restore',
        backupFile,
        '--to',
        join(gwDir, 'archive.db'),
      ]);
      expect(existing.code).toBe(1);
      expect(existing.stderr).toContain('ERR_BACKUP_TARGET_EXISTS');
      const inUse = join(work, 'in-use.db');
      await writeFile(`${inUse}-wal`, '');
      const wal = await runGatewayCli(env(), ['archive', 'restore', backupFile, '--to', inUse]);
      expect(wal.code).toBe(1);
      expect(wal.stderr).toMatch(/ERR_BACKUP_TARGET_EXISTS: .*in-use\.db-wal exists/);
      await expect(stat(inUse)).rejects.toThrow();
    });

    it('refuses to restore a truncated, a corrupted or a foreign file, writing nothing', async () => {
      const size = (await stat(backupFile)).size;
      const truncated = join(work, 'truncated.db');
      await copyFile(backupFile, truncated);
      await truncate(truncated, Math.floor(size / 2));
      const corrupted = join(work, 'corrupted.db');
      const bytes = await readFile(backupFile);
      // Bytes of an archived envelope changed in place, the file otherwise whole: SQLite finds
      // nothing wrong, the log's hashes do. (Bytes scrambled at a fixed offset could fall in a
      // page's free space, which changes nothing the archive holds.)
      const backup = openDatabase(backupFile, { readonly: true });
      const { envelope } = backup
        .prepare('SELECT envelope FROM messages ORDER BY leaf_index LIMIT 1 OFFSET (SELECT count(*) / 2 FROM messages)')
        .get() as { envelope: Buffer };
      backup.close();
      const at = bytes.indexOf(envelope);
      expect(at).toBeGreaterThan(0);
      for (let i = at + 100; i < at + 116; i++) bytes[i] = bytes[i]! ^ 0x5a;
      await writeFile(corrupted, bytes);
      const notSqlite = join(work, 'not-sqlite.db');
      await writeFile(notSqlite, 'this is not a database, just text\n'.repeat(200));
      for (const [file, why] of [
        [truncated, /ERR_BACKUP_INVALID: .*truncated\.db is not a usable archive/],
        [corrupted, /ERR_BACKUP_INVALID: .*corrupted\.db is not a usable archive/],
        [notSqlite, /ERR_BACKUP_INVALID: .*not-sqlite\.db is not a usable archive: .*(not a database|cannot read)/],
        [agentBackup, /ERR_BACKUP_INVALID: .*it is not an ATC archive \(no table messages/],
      ] as const) {
        const to = join(work, `restored-${Math.random().toString(16).slice(2)}.db`);
        const refused = await runGatewayCli(env(), ['archive', 'restore', file, '--to', to]);
        expect(refused.code, file).toBe(1);
        expect(refused.stderr).toMatch(why);
        await expect(stat(to)).rejects.toThrow();
      }
    });
  });

  describe('the agent state', () => {
    const agentCli = (args: string[]) => runBin('agent', args, prepared.env);

    it('restores a backup to a new file, and refuses an archive or a damaged file', async () => {
      const to = join(work, 'agent-restored.db');
      const restored = await agentCli(['state', 'restore', agentBackup, '--to', to]);
      expect(restored.code, restored.stderr).toBe(0);
      expect(restored.stdout).toMatch(/^restored .* outbox messages/);
      const again = await agentCli(['state', 'restore', agentBackup, '--to', to]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('ERR_BACKUP_TARGET_EXISTS');
      const foreign = await agentCli(['state', 'restore', backupFile, '--to', join(work, 'agent-x.db')]);
      expect(foreign.code).toBe(1);
      expect(foreign.stderr).toMatch(/ERR_BACKUP_INVALID: .*not an ATC agent database/);
      const broken = join(work, 'agent-truncated.db');
      await copyFile(agentBackup, broken);
      await truncate(broken, Math.floor((await stat(broken)).size / 2));
      const damaged = await agentCli(['state', 'restore', broken, '--to', join(work, 'agent-y.db')]);
      expect(damaged.code).toBe(1);
      expect(damaged.stderr).toContain('ERR_BACKUP_INVALID');
    }, 60_000);
  });
});

describe('PostgreSQL archive: pg_dump and pg_restore', () => {
  it('a pg_dump -Fc restored with pg_restore into another database verifies; archive backup points to pg_dump', async () => {
    const postgres = ARCHIVE_BACKENDS.find((b) => b.name === 'postgres')!;
    const source = await postgres.create();
    const target = await createTestDatabase();
    const fed = await startTestFederation({ archive: source.location, wire: true });
    try {
      const db = await openArchiveDb(source.location);
      try {
        for (let i = 1; i <= 8; i++) {
          const m = makeMessage({ from: 'KZ', to: ['RU'], sequence: i });
          await fed.wire.submit('KZ', m.bytes, m.messageId);
        }
        await waitFor(async () => ((await db.get<{ n: number }>('SELECT count(*) AS n FROM messages'))?.n ?? 0) >= 8, {
          timeoutMs: 60_000,
          message: '8 messages archived',
        });
      } finally {
        await db.close();
      }
      const env = { ATC_DATA_DIR: fed.gateway.dataDir, ATC_NATS_URL: 'nats://127.0.0.1:1' };
      const refused = await runGatewayCli({ ...env, ATC_ARCHIVE_URL: (source.location as { url: string }).url }, [
        'archive',
        'backup',
        join(work, 'pg.db'),
      ]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/ERR_BACKUP_UNSUPPORTED: .*pg_dump/);
      await fed.gateway.stop();

      const dump = join(work, 'archive.dump');
      await run('pg_dump', ['-Fc', '--no-owner', '-f', dump, '-d', (source.location as { url: string }).url]);
      await run('pg_restore', ['--no-owner', '--exit-on-error', '-d', target.url, dump]);
      const verified = await runGatewayCli({ ...env, ATC_ARCHIVE_URL: target.url }, ['archive', 'verify']);
      expect(verified.code, verified.stderr).toBe(0);
      expect(verified.stdout).toContain('archive verified: 8 entries');
    } finally {
      await fed.close();
      await target.drop();
      await source.dispose();
    }
  }, 120_000);
});

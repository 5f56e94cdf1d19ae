import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, runCli, type CliIo } from '@atc/gateway';
import { signCheckpoint } from '@atc/shared';
import { fixtureKey } from '@atc/shared/testing';
import {
  connectMemberWire,
  makeMessage,
  startFederationGateway,
  startNatsServer,
  waitFor,
  type NatsServerHandle,
} from '@atc/tests';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const MESSAGES = 12;
let nats: NatsServerHandle;
let archiveDir: string;
let work: string;
/** Message id of each leaf. */
let leaves: string[] = [];

beforeAll(async () => {
  nats = await startNatsServer();
  const gateway = await startFederationGateway({ nats });
  archiveDir = gateway.dataDir;
  work = await mkdtemp(join(tmpdir(), 'atc-verify-'));
  const wire = await connectMemberWire(nats);
  for (let i = 1; i <= MESSAGES; i++) {
    const m = makeMessage({ from: i % 2 === 0 ? 'KZ' : 'BY', to: [i % 2 === 0 ? 'RU' : 'UZ'], sequence: i });
    await wire.submit(i % 2 === 0 ? 'KZ' : 'BY', m.bytes, m.messageId);
  }
  await wire.close();
  await waitFor(
    () => {
      const db = openDatabase(join(archiveDir, 'archive.db'), { readonly: true });
      try {
        return (db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n === MESSAGES;
      } finally {
        db.close();
      }
    },
    { timeoutMs: 20_000, message: 'all messages archived' },
  );
  await gateway.stop();
  const db = openDatabase(join(archiveDir, 'archive.db'), { readonly: true });
  leaves = (db.prepare('SELECT message_id FROM messages ORDER BY leaf_index').all() as { message_id: string }[]).map(
    (r) => r.message_id,
  );
  db.close();
}, 60_000);

afterAll(async () => {
  await rm(archiveDir, { recursive: true, force: true });
  await rm(work, { recursive: true, force: true });
  await nats?.stop();
});

let copies = 0;
/** A copy of the archive (and the gateway key) to tamper with. */
async function copyArchive(tamper?: (db: ReturnType<typeof openDatabase>) => void): Promise<string> {
  const dir = join(work, `copy-${copies++}`);
  await mkdir(dir, { mode: 0o700 });
  await copyFile(join(archiveDir, 'archive.db'), join(dir, 'archive.db'));
  await copyFile(join(archiveDir, 'gateway.jwk'), join(dir, 'gateway.jwk'));
  if (tamper !== undefined) {
    const db = openDatabase(join(dir, 'archive.db'));
    try {
      tamper(db);
    } finally {
      db.close();
    }
  }
  return dir;
}

async function cli(dir: string, args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    env: { ATC_DATA_DIR: dir, ...env },
    stdin: process.stdin,
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    nextStopSignal: () => new Promise(() => undefined),
  };
  const code = await runCli(args, io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

function atcVerify(file: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=source', 'gateway/src/cli/verify-main.ts', file],
      { cwd: repoRoot, env: { PATH: process.env['PATH'] ?? '' } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      done({ code, stdout, stderr });
    });
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
    const dir = await copyArchive((db) => {
      const row = db.prepare('SELECT envelope FROM messages WHERE leaf_index = 3').get() as { envelope: Buffer };
      const changed = Buffer.from(row.envelope);
      changed[changed.length - 10]! ^= 0x01;
      db.prepare('UPDATE messages SET envelope = ? WHERE leaf_index = 3').run(changed);
    });
    const run = await cli(dir, ['archive', 'verify']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `ERR_ARCHIVE_TAMPERED: leaf 3 (message ${leaves[3]}): the stored envelope does not hash`,
    );
  });

  it('names the missing leaf when a row is deleted', async () => {
    const dir = await copyArchive((db) => db.prepare('DELETE FROM messages WHERE leaf_index = 5').run());
    const run = await cli(dir, ['archive', 'verify']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('leaf 5: leaf 5 has no archived envelope');
  });

  it('finds two swapped rows', async () => {
    const dir = await copyArchive((db) => {
      db.transaction(() => {
        db.prepare('UPDATE messages SET leaf_index = -1 WHERE leaf_index = 7').run();
        db.prepare('UPDATE messages SET leaf_index = 7 WHERE leaf_index = 8').run();
        db.prepare('UPDATE messages SET leaf_index = 8 WHERE leaf_index = -1').run();
      })();
    });
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
      db.prepare('INSERT OR REPLACE INTO checkpoints (tree_size, root_hash, note, created_at) VALUES (?, ?, ?, 0)').run(
        size,
        Buffer.alloc(32, 7),
        note,
      );
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
      db.prepare('INSERT OR REPLACE INTO checkpoints (tree_size, root_hash, note, created_at) VALUES (?, ?, ?, 0)').run(
        size,
        root,
        note,
      );
    });
    const run2 = await cli(rewritten, ['archive', 'verify']);
    expect(run2.code).toBe(1);
    expect(run2.stderr).toMatch(new RegExp(`checkpoint ${size}: signed root \\S+ differs from the recomputed root`));
  });

  it('finds a changed interior node of the stored tree', async () => {
    const dir = await copyArchive((db) =>
      db.prepare('UPDATE log_nodes SET hash = ? WHERE level = 2 AND idx = 1').run(Buffer.alloc(32)),
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

describe('atc-gateway archive export and atc-verify', () => {
  it('writes a bundle that atc-verify checks offline, and refuses a tampered one', async () => {
    const dir = await copyArchive();
    const file = join(work, 'bundle.json');
    const exported = await cli(dir, ['archive', 'export', '--from', '2', '--to', '9', '--out', file]);
    expect(exported.code, exported.stderr).toBe(0);
    const ok = await atcVerify(file);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(
      `bundle holds: 7 entries (0 erased payloads) are in the log atc-exchange/ATC of ${MESSAGES} entries`,
    );
    expect(ok.stdout).toContain(fixtureKey('ATC').kid);

    const bundle = JSON.parse(await readFile(file, 'utf8')) as { entries: { envelope: string }[] };
    const bytes = Buffer.from(bundle.entries[4]!.envelope, 'base64');
    bytes[bytes.length - 20]! ^= 0x01;
    bundle.entries[4]!.envelope = bytes.toString('base64');
    const tampered = join(work, 'tampered.json');
    await writeFile(tampered, JSON.stringify(bundle));
    const refused = await atcVerify(tampered);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`entry 6 (message ${leaves[6]}): the envelope does not hash to its leaf`);

    const again = await cli(dir, ['archive', 'export', '--out', file]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/cannot write .*bundle\.json.*give a new file name/);
    const range = await cli(dir, ['archive', 'export', '--from', '5', '--to', '500', '--out', join(work, 'x.json')]);
    expect(range.code).toBe(1);
    expect(range.stderr).toContain('ERR_LOG_RANGE');
  });
});

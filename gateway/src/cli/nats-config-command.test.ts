import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fromSeed } from '@nats-io/nkeys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchiveDb } from '../db/open-database.js';
import { Registry } from '../registry/registry.js';
import type { CliIo } from './cli-io.js';
import { runCli } from './run-cli.js';

// The command runs in this process on a real archive and real files; only the terminal is
// captured.

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'atc-nats-config-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

async function gatewayWith(name: string, members: readonly string[]): Promise<string> {
  const dataDir = join(tmp, name);
  await mkdir(dataDir, { mode: 0o700 });
  const db = await openArchiveDb({ path: join(dataDir, 'archive.db') });
  try {
    const registry = new Registry(db, () => Date.now());
    for (const id of members)
      await registry.addMember({ id, name: `Member ${id}`, kind: 'national' }, { who: 't', why: 'test' });
  } finally {
    await db.close();
  }
  return dataDir;
}

async function addMember(dataDir: string, id: string): Promise<void> {
  const db = await openArchiveDb({ path: join(dataDir, 'archive.db') });
  try {
    await new Registry(db, () => Date.now()).addMember(
      { id, name: `Member ${id}`, kind: 'observer' },
      { who: 't', why: 'x' },
    );
  } finally {
    await db.close();
  }
}

async function run(dataDir: string, args: readonly string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    env: { ATC_DATA_DIR: dataDir },
    stdin: new PassThrough(),
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    nextStopSignal: () => new Promise(() => undefined),
  };
  const code = await runCli(['nats-config', ...args], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const mode = async (path: string): Promise<number> => (await stat(path)).mode & 0o777;
const publicKeyOf = async (seedFile: string): Promise<string> =>
  fromSeed(new TextEncoder().encode((await readFile(seedFile, 'utf8')).trim())).getPublicKey();

describe('atc-gateway nats-config', () => {
  it('writes public accounts (0644) and one private seed per user (0600) that the accounts name', async () => {
    const dataDir = await gatewayWith('write', ['KZ', 'BY']);
    const out = join(tmp, 'write-out');
    const r = await run(dataDir, ['--out', out, '--server-config', join(tmp, 'nats', 'server.conf')]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(await mode(join(out, 'accounts.conf'))).toBe(0o644);
    expect(await mode(join(out, 'members'))).toBe(0o700);
    for (const file of ['gateway.nk', 'members/KZ.nk', 'members/BY.nk'])
      expect(await mode(join(out, file))).toBe(0o600);
    const accounts = await readFile(join(out, 'accounts.conf'), 'utf8');
    expect(accounts).toContain(`nkey: "${await publicKeyOf(join(out, 'members/KZ.nk'))}"`);
    expect(accounts).toContain(`nkey: "${await publicKeyOf(join(out, 'members/BY.nk'))}"`);
    expect(accounts).toContain(`users: [ { nkey: "${await publicKeyOf(join(out, 'gateway.nk'))}" } ]`);
    expect(accounts).not.toMatch(/\bS[A-Z]{2}[A-Z2-7]{40,}/); // no seed ever lands in the shared file
    expect(r.out).toContain('2 member(s)');
    expect(r.out).toContain(`include "../write-out/accounts.conf"`);
    expect(r.out).toContain('Restart nats-server: there are new accounts (BY, KZ)');
    expect(r.out).toContain(`ATC_NATS_NKEY_FILE=${join(out, 'gateway.nk')}`);
  });

  it('keeps existing seeds, adds new members, and rotates only the member asked for', async () => {
    const dataDir = await gatewayWith('rerun', ['KZ', 'BY']);
    const out = join(tmp, 'rerun-out');
    expect((await run(dataDir, ['--out', out])).code).toBe(0);
    const before = {
      gateway: await readFile(join(out, 'gateway.nk'), 'utf8'),
      kz: await readFile(join(out, 'members/KZ.nk'), 'utf8'),
      by: await readFile(join(out, 'members/BY.nk'), 'utf8'),
    };
    await addMember(dataDir, 'CSTO');
    const again = await run(dataDir, ['--out', out]);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/members\/KZ\.nk\s+\(0600, kept\)/);
    expect(again.out).toMatch(/members\/CSTO\.nk\s+\(0600, created\)/);
    expect(await readFile(join(out, 'gateway.nk'), 'utf8')).toBe(before.gateway);
    expect(await readFile(join(out, 'members/KZ.nk'), 'utf8')).toBe(before.kz);
    expect(await readFile(join(out, 'accounts.conf'), 'utf8')).toContain('MEMBER_CSTO: {');

    const oldKz = await publicKeyOf(join(out, 'members/KZ.nk'));
    const rotated = await run(dataDir, ['--out', out, '--rotate', 'KZ']);
    expect(rotated.code).toBe(0);
    expect(rotated.out).toContain('Rotated: KZ.');
    expect(rotated.out).toContain('Reload nats-server: nats-server --signal reload');
    expect(again.out).toContain('Restart nats-server: there are new accounts (CSTO)');
    expect(await mode(join(out, 'members/KZ.nk'))).toBe(0o600);
    const newKz = await publicKeyOf(join(out, 'members/KZ.nk'));
    expect(newKz).not.toBe(oldKz);
    const accounts = await readFile(join(out, 'accounts.conf'), 'utf8');
    expect(accounts).toContain(newKz);
    expect(accounts).not.toContain(oldKz);
    expect(await readFile(join(out, 'members/BY.nk'), 'utf8')).toBe(before.by);
  });

  it('refuses to rotate an unknown member, and writes nothing', async () => {
    const dataDir = await gatewayWith('unknown', ['KZ']);
    const out = join(tmp, 'unknown-out');
    const r = await run(dataDir, ['--out', out, '--rotate', 'XX']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('ERR_MEMBER_UNKNOWN');
    expect(r.err).toContain('members list');
    await expect(stat(out)).rejects.toThrow(/ENOENT/);
  });

  it('refuses a seed file others may read, and one that is not a user seed', async () => {
    const dataDir = await gatewayWith('unsafe', ['KZ']);
    const out = join(tmp, 'unsafe-out');
    expect((await run(dataDir, ['--out', out])).code).toBe(0);
    await chmod(join(out, 'members/KZ.nk'), 0o644);
    const loose = await run(dataDir, ['--out', out]);
    expect(loose.code).toBe(1);
    expect(loose.err).toContain('ERR_KEY_FILE_UNSAFE');
    expect(loose.err).toContain('chmod 600');

    await writeFile(join(out, 'members/KZ.nk'), 'not a seed\n', { mode: 0o600 });
    await chmod(join(out, 'members/KZ.nk'), 0o600);
    const invalid = await run(dataDir, ['--out', out]);
    expect(invalid.code).toBe(1);
    expect(invalid.err).toContain('ERR_KEY_FILE_INVALID');
    // Rotating replaces what cannot be kept.
    expect((await run(dataDir, ['--out', out, '--rotate', 'KZ'])).code).toBe(0);
    expect((await readFile(join(out, 'members/KZ.nk'), 'utf8')).startsWith('SU')).toBe(true);
  });

  it('needs --out, and an initialised gateway', async () => {
    const missing = await run(join(tmp, 'none'), []);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--out <dir> is required');
    const uninitialised = await run(join(tmp, 'none'), ['--out', join(tmp, 'none-out')]);
    expect(uninitialised.code).toBe(1);
    expect(uninitialised.err).toContain('ERR_NOT_INITIALISED');
    const help = await run(join(tmp, 'none'), ['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('--rotate <MEMBER>');
  });
});

import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, it } from 'vitest';
import { generateKeyPair, loadKeyFile } from '@atc/shared';
import { openArchiveDb, openDatabase } from '../db/open-database.js';
import { Registry } from '../registry/registry.js';

// Every command is a real process (the `atc-gateway` bin: the build after `npm run build`, else
// the sources through tsx), as an operator runs it. The groups
// below are independent (one data dir each) and run concurrently to keep the file fast.

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const tmp = await mkdtemp(join(tmpdir(), 'atc-cli-'));
afterAll(() => rm(tmp, { recursive: true, force: true }));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

// Each process costs about a CPU-second (tsx plus the shared library); running more at once
// than there are cores only makes each one slower.
const slots = Math.max(2, availableParallelism());
let running = 0;
const waiting: (() => void)[] = [];

async function limited<T>(task: () => Promise<T>): Promise<T> {
  if (running < slots) running++;
  else await new Promise<void>((resolve) => waiting.push(resolve)); // the slot is handed over
  try {
    return await task();
  } finally {
    const next = waiting.shift();
    if (next === undefined) running--;
    else next();
  }
}

/** Runs `atc-gateway <args>` with ATC_DATA_DIR=`dataDir` and `input` on stdin. */
function cli(dataDir: string, args: readonly string[], input = ''): Promise<Run> {
  return limited(() => spawnCli(dataDir, args, input));
}

function spawnCli(dataDir: string, args: readonly string[], input: string): Promise<Run> {
  // A minimal environment: no ATC_* setting of the machine running the tests leaks in.
  const env: Record<string, string> = { ATC_DATA_DIR: dataDir, PATH: process.env['PATH'] ?? '' };
  for (const name of ['HOME', 'TMPDIR']) if (process.env[name] !== undefined) env[name] = process.env[name];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['gateway/bin/atc-gateway.mjs', ...args], { cwd: repoRoot, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

const mode = async (path: string): Promise<number> => (await stat(path)).mode & 0o777;

// Generous timeouts: the file takes about 10 s alone, but spawns are CPU-bound and other
// test files may be using the cores at the same time.
describe('atc-gateway CLI', { timeout: 120_000 }, () => {
  it.concurrent(
    'init creates a private data dir and a 0600 key, prints the kid, never overwrites',
    async ({ expect }) => {
      const dir = join(tmp, 'init', 'gateway');
      const keyFile = join(dir, 'gateway.jwk');
      const broken = join(tmp, 'broken');
      await mkdir(broken, { mode: 0o700 });
      await writeFile(join(broken, 'gateway.jwk'), 'not a key', { mode: 0o600 });

      const [first, refused] = await Promise.all([cli(dir, ['init']), cli(broken, ['init'])]);
      expect(first.code, first.stderr).toBe(0);
      const key = await loadKeyFile(keyFile);
      expect(await mode(keyFile)).toBe(0o600);
      expect(await mode(dir)).toBe(0o700);
      expect(first.stdout).toMatch(new RegExp(`kid:\\s+${key.kid}`));
      expect(first.stdout).toContain(JSON.stringify(key.publicJwk));
      expect(first.stdout).not.toContain(key.privateJwk.d);
      expect(await stat(join(dir, 'archive.db'))).toBeTruthy();

      // A file that is not a key is refused, and left as it was.
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/^atc-gateway: ERR_KEY_FILE_EXISTS: .*gateway\.jwk exists but is not a usable/);
      expect(await readFile(join(broken, 'gateway.jwk'), 'utf8')).toBe('not a key');

      const before = await readFile(keyFile, 'utf8');
      const [again, json] = await Promise.all([cli(dir, ['init']), cli(dir, ['init', '--json'])]);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toContain('already initialised');
      expect(again.stdout).toContain(key.kid);
      expect(JSON.parse(json.stdout)).toMatchObject({
        gatewayId: 'ATC',
        kid: key.kid,
        publicJwk: key.publicJwk,
        created: false,
      });
      expect(await readFile(keyFile, 'utf8')).toBe(before);
    },
  );

  it.concurrent('manages members and keys, auditing who and why', async ({ expect }) => {
    const dir = join(tmp, 'registry');
    // A kid is base64url: make sure one starting with "-" is taken as a kid, not an option.
    let k1 = generateKeyPair();
    while (!k1.kid.startsWith('-')) k1 = generateKeyPair();
    const k2 = generateKeyPair();
    const privateFile = join(tmp, 'kz-private.jwk');
    await writeFile(privateFile, JSON.stringify(k1.privateJwk), { mode: 0o600 });
    const ok = (run: Run): Run => {
      expect(run.code, run.stderr).toBe(0);
      return run;
    };

    // Member changes need only the archive; key changes are logged as gateway-signed
    // KeyEvents, so they need the gateway key as well.
    await mkdir(dir);
    openDatabase(join(dir, 'archive.db')).close();

    const [addKz, addCisec] = (
      await Promise.all([
        cli(dir, [
          'members',
          'add',
          'KZ',
          '--name',
          'ATC of Kazakhstan',
          '--kind',
          'national',
          '--reason',
          'decision 1/2026',
          '--by',
          'alice',
        ]),
        cli(dir, [
          'members',
          'add',
          'CISEC',
          '--name',
          'CIS Executive Committee',
          '--kind',
          'sectorial',
          '--reason',
          'charter',
        ]),
      ])
    ).map(ok);
    expect(addKz!.stdout).toContain('Added member KZ (national, active): ATC of Kazakhstan');
    expect(addCisec!.stdout).toContain('CISEC');
    const keyless = await cli(dir, ['keys', 'add', 'KZ', privateFile, '--reason', 'too early']);
    expect(keyless.code).toBe(1);
    expect(keyless.stderr).toMatch(/ERR_KEY_FILE_INVALID: a key change is logged as a KeyEvent/);
    ok(await cli(dir, ['init']));

    const [suspend, addPrivate, addStdin] = (
      await Promise.all([
        cli(dir, ['members', 'suspend', 'CISEC', '--reason', 'incident 7', '--by', 'bob']),
        cli(dir, [
          'keys',
          'add',
          'KZ',
          privateFile,
          '--reason',
          'first key',
          '--valid-until',
          '2030-01-01T00:00:00Z',
          '--by',
          'alice',
        ]),
        cli(
          dir,
          ['keys', 'add', 'KZ', '-', '--reason', 'second key', '--valid-from', '2026-01-01T00:00:00+03:00'],
          JSON.stringify(k2.publicJwk),
        ),
      ])
    ).map(ok);
    expect(suspend!.stdout).toContain('CISEC is now suspended');
    expect(addPrivate!.stdout).toContain(`Registered key ${k1.kid} for KZ`);
    expect(addPrivate!.stderr).toMatch(/warning: .* holds a PRIVATE key; only its public part is registered/);
    expect(addStdin!.stdout).toContain(
      `Registered key ${k2.kid} for KZ, valid from 2025-12-31T21:00:00.000Z, no expiry`,
    );
    expect(addStdin!.stderr).toBe('');

    const [reinstate, revoke] = (
      await Promise.all([
        cli(dir, ['members', 'reinstate', 'CISEC', '--reason', 'cleared', '--by', 'bob']),
        cli(dir, [
          'keys',
          'revoke',
          k1.kid,
          '--reason-code',
          'superseded',
          '--reason',
          'rotated',
          '--at',
          '2026-06-01T00:00:00Z',
          '--by',
          'alice',
        ]),
      ])
    ).map(ok);
    expect(reinstate!.stdout).toContain('CISEC is now active');
    expect(revoke!.stdout).toContain(`Revoked key ${k1.kid} of KZ (superseded) as of 2026-06-01T00:00:00.000Z`);

    const [members, keys, audit] = (
      await Promise.all([
        cli(dir, ['members', 'list']),
        cli(dir, ['keys', 'list', 'KZ', '--json']),
        cli(dir, ['audit']),
      ])
    ).map(ok);
    expect(members!.stdout.split('\n').slice(0, 3)).toEqual([
      expect.stringMatching(/^ID\s+KIND\s+STATUS\s+KEYS\s+NAME$/),
      expect.stringMatching(/^CISEC\s+sectorial\s+active\s+0\s+CIS Executive Committee$/),
      expect.stringMatching(/^KZ\s+national\s+active\s+1\s+ATC of Kazakhstan$/),
    ]);
    const listed = JSON.parse(keys!.stdout) as Record<string, unknown>[];
    expect(listed).toHaveLength(2);
    expect(listed.find((k) => k['kid'] === k1.kid)).toMatchObject({
      memberId: 'KZ',
      publicJwk: k1.publicJwk,
      status: 'revoked',
      revocationReason: 'superseded',
      validUntil: Date.UTC(2030, 0, 1),
    });
    expect(keys!.stdout).not.toContain(k1.privateJwk.d);
    expect(listed.find((k) => k['kid'] === k2.kid)).toMatchObject({
      status: 'active',
      validFrom: Date.UTC(2025, 11, 31, 21),
    });

    const lines = audit!.stdout.trim().split('\n');
    expect(lines).toHaveLength(1 + 7);
    expect(lines[0]).toMatch(/^AT\s+WHO\s+ROLE\s+ACTION\s+SUBJECT\s+WHY \/ PURPOSE$/);
    expect(audit!.stdout).toMatch(/alice\s+-\s+member\.add\s+KZ\s+decision 1\/2026/);
    expect(audit!.stdout).toMatch(new RegExp(`cli:${userInfo().username}\\s+-\\s+member\\.add\\s+CISEC\\s+charter`));
    expect(audit!.stdout).toMatch(/bob\s+-\s+member\.suspend\s+CISEC\s+incident 7/);
    expect(audit!.stdout).toMatch(/bob\s+-\s+member\.reinstate\s+CISEC\s+cleared/);
    expect(audit!.stdout).toMatch(new RegExp(`alice\\s+-\\s+key\\.add\\s+${k1.kid}\\s+first key`));
    expect(audit!.stdout).toMatch(
      new RegExp(`cli:${userInfo().username}\\s+-\\s+key\\.add\\s+${k2.kid}\\s+second key`),
    );
    expect(audit!.stdout).toMatch(new RegExp(`alice\\s+-\\s+key\\.revoke\\s+${k1.kid}\\s+rotated`));

    // Each key change is an entry of the archive log, and the log verifies.
    const verified = ok(await cli(dir, ['archive', 'verify']));
    expect(verified.stdout).toMatch(/archive verified: 3 entries \(3 key events, 0 erased payloads\), 3 checkpoints/);
  });

  it.concurrent('refuses bad input with a non-zero exit and a message naming the problem', async ({ expect }) => {
    const dir = join(tmp, 'refusals');
    await mkdir(dir);
    const db = await openArchiveDb({ path: join(dir, 'archive.db') });
    await new Registry(db).addMember(
      { id: 'KZ', name: 'Kazakhstan', kind: 'national' },
      { who: 'test', why: 'fixture' },
    );
    await db.close();
    const notJson = join(tmp, 'not-json.jwk');
    const rsa = join(tmp, 'rsa.jwk');
    await writeFile(notJson, '-----BEGIN PUBLIC KEY-----');
    await writeFile(rsa, JSON.stringify({ kty: 'RSA', n: 'abc', e: 'AQAB' }));
    const add = ['members', 'add', 'BY', '--name', 'Belarus', '--kind', 'national'];

    const cases: [string[], number, RegExp][] = [
      [
        ['members', 'add', 'kz', '--name', 'x', '--kind', 'national', '--reason', 'r'],
        1,
        /ERR_MEMBER_ID_INVALID: "kz" is not a member id/,
      ],
      [
        ['members', 'add', 'BY', '--name', 'Belarus', '--kind', 'ally', '--reason', 'r'],
        2,
        /ERR_USAGE: .*--kind "ally" is not a member kind/,
      ],
      [
        ['members', 'add', 'KZ', '--name', 'Again', '--kind', 'national', '--reason', 'r'],
        1,
        /ERR_MEMBER_EXISTS: member KZ is already registered/,
      ],
      [add, 2, /ERR_REASON_REQUIRED: members add: --reason is required/],
      [['keys', 'add', 'KZ', notJson, '--reason', 'r'], 1, /ERR_KEY_FILE_INVALID: .*not-json\.jwk is not JSON/],
      [['keys', 'add', 'KZ', rsa, '--reason', 'r'], 1, /ERR_KEY_INVALID: .*rsa\.jwk: the key is not an Ed25519 key/],
      [
        ['keys', 'revoke', 'NoSuchKid', '--reason-code', 'superseded', '--reason', 'r'],
        1,
        /ERR_KEY_UNKNOWN: key NoSuchKid is not registered/,
      ],
      [['frobnicate'], 2, /ERR_USAGE: unknown command "frobnicate"/],
    ];
    const runs = await Promise.all([
      ...cases.map(([args]) => cli(dir, args)),
      cli(join(tmp, 'never-initialised'), ['members', 'list']),
    ]);
    cases.forEach(([args, code, message], i) => {
      const run = runs[i]!;
      expect({ args, code: run.code }).toEqual({ args, code });
      expect(run.stderr).toMatch(/^atc-gateway: ERR_[A-Z_]+: /);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/^\s+at /m);
      expect(run.stdout).toBe('');
    });
    const uninitialised = runs[cases.length]!;
    expect(uninitialised.code).toBe(1);
    expect(uninitialised.stderr).toMatch(/ERR_NOT_INITIALISED: there is no archive .* run "atc-gateway init" first/);

    const after = await openArchiveDb({ path: join(dir, 'archive.db') });
    expect(await new Registry(after).version()).toBe(1);
    await after.close();
  });

  it.concurrent('documents every command and the settings in --help', async ({ expect }) => {
    const dir = join(tmp, 'help');
    const [main, keys] = await Promise.all([cli(dir, ['--help']), cli(dir, ['keys', 'revoke', '--help'])]);
    expect(main.code).toBe(0);
    for (const command of ['init', 'serve', 'members', 'keys', 'audit', 'nats-config'])
      expect(main.stdout).toContain(`  ${command} `);
    expect(main.stdout).toContain('ATC_DATA_DIR');
    expect(keys.code).toBe(0);
    expect(keys.stdout).toContain('--reason-code <code>');
    expect(keys.stdout).toContain('compromised');
    expect(keys.stdout).toContain('ATC_GATEWAY_KEY_FILE');
  });
});

import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '@atc/gateway';
import {
  gatewayEnv,
  prepareGatewayDataDir,
  runGatewayProcess,
  spawnGatewayProcess,
  startNatsServer,
  waitFor,
  type GatewayProcess,
  type NatsServerHandle,
} from '@atc/tests';

// The gateway as operators run it (`atc-gateway serve` in its own process, logging at
// trace level to a file), and its tokens managed with the real `atc-gateway tokens` CLI.

let nats: NatsServerHandle;
let dir: string;
let dataDir: string;
let env: Record<string, string>;
let gateway: GatewayProcess;

beforeAll(async () => {
  nats = await startNatsServer();
  dir = await mkdtemp(join(tmpdir(), 'atc-access-'));
  dataDir = join(dir, 'gateway');
  await mkdir(dataDir, { mode: 0o700 });
  await prepareGatewayDataDir(dataDir);
  env = gatewayEnv(nats, dataDir, { ATC_LOG_LEVEL: 'trace' });
  gateway = await spawnGatewayProcess(env, dir);
}, 60_000);

afterAll(async () => {
  await gateway.kill('SIGTERM');
  await nats.stop();
  await rm(dir, { recursive: true, force: true });
});

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `atc-gateway <args>` as a process, with only the gateway's settings in its environment. */
function cli(...args: string[]): Promise<Run> {
  return runGatewayProcess(env, args);
}

/** The same commands in this process (for the refusals: quicker, same code path but main.ts). */
async function cliHere(...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    env,
    stdin: process.stdin,
    out: (line) => (stdout += `${line}\n`),
    err: (line) => (stderr += `${line}\n`),
    nextStopSignal: () => new Promise(() => undefined),
  });
  return { code, stdout, stderr };
}

const get = (path: string, token?: string): Promise<Response> =>
  fetch(new URL(path, gateway.url), {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });

const tokens: Record<string, string> = {};

describe('atc-gateway tokens and the HTTP API', { timeout: 60_000 }, () => {
  it('adds tokens that work at once, shown once and stored only as hashes in a 0600 file', async () => {
    const [ops, audit] = await Promise.all([
      cli('tokens', 'add', '--name', 'ops-console', '--role', 'operator', '--reason', 'OPS-1'),
      cli('tokens', 'add', '--name', 'auditor', '--role', 'auditor', '--reason', 'OPS-2', '--json'),
    ]);
    // Last, alone: its 6 s begin when it is made, and it must still be valid when first used below.
    const brief = await cli(
      'tokens',
      'add',
      '--name',
      'brief',
      '--role',
      'operator',
      '--expires',
      '6s',
      '--reason',
      'OPS-3',
      '--json',
    );
    expect(ops.code, ops.stderr).toBe(0);
    const opsToken = /^(atc_[A-Za-z0-9_-]{43})$/m.exec(ops.stdout)?.[1];
    expect(opsToken, ops.stdout).toBeDefined();
    expect(ops.stdout).toContain('shown only this once');
    tokens['ops'] = opsToken!;
    for (const [name, run] of [
      ['auditor', audit],
      ['brief', brief],
    ] as const) {
      expect(run.code, run.stderr).toBe(0);
      const json = JSON.parse(run.stdout) as { name: string; token: string; expiresAt: string | null };
      expect(json.name).toBe(name);
      tokens[name] = json.token;
    }
    const file = join(dataDir, 'tokens.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const text = await readFile(file, 'utf8');
    for (const t of Object.values(tokens)) expect(text).not.toContain(t);

    const stats = await get('/v1/stats/flow', tokens['ops']);
    expect(stats.status).toBe(200);
    expect((await get('/v1/stats/flow?window=24h', tokens['brief'])).status).toBe(200);
  });

  it('lists the tokens without their values', async () => {
    const list = await cli('tokens', 'list');
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/^NAME\s+ROLE\s+STATUS\s+CREATED\s+EXPIRES$/m);
    expect(list.stdout).toMatch(/^ops-console\s+operator\s+active\s+\S+\s+never$/m);
    expect(list.stdout).toMatch(/^auditor\s+auditor\s+active/m);
    for (const t of Object.values(tokens)) expect(list.stdout).not.toContain(t);
    const json = JSON.parse((await cliHere('tokens', 'list', '--json')).stdout) as { name: string }[];
    expect(json.map((t) => t.name).sort()).toEqual(['auditor', 'brief', 'ops-console']);
  });

  it('answers 401 without a token or with a wrong one, 403 for a role that does not fit', async () => {
    const none = await get('/v1/stats/flow');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="atc-gateway"');
    expect(((await none.json()) as { code: string }).code).toBe('ERR_UNAUTHENTICATED');
    const wrong = await get('/v1/stats/flow', `${tokens['ops']!.slice(0, -2)}xx`);
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toContain('error="invalid_token"');
    const forbidden = await get('/v1/events', tokens['auditor']);
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as { code: string; detail: string }).detail).toContain('role auditor');
    // The public routes need nothing.
    for (const path of ['/healthz', '/readyz', '/metrics', '/v1/trust']) {
      expect((await get(path)).status, path).toBeLessThan(400);
    }
  });

  it('refuses an expired token, saying so', async () => {
    const res = await waitFor(
      async () => {
        const r = await get('/v1/stats/flow', tokens['brief']);
        return r.status === 401 ? r : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 250, message: 'the 6 s token expired' },
    );
    expect(((await res.json()) as { detail: string }).detail).toMatch(/^Token brief expired at /);
    expect((await cliHere('tokens', 'list')).stdout).toMatch(/^brief\s+operator\s+expired/m);
  });

  it('stops accepting a revoked token within two seconds, without a restart', async () => {
    expect((await get('/v1/stats/flow', tokens['ops'])).status).toBe(200);
    const revoked = await cli('tokens', 'revoke', 'ops-console', '--reason', 'OPS-4 console retired');
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain('Token ops-console (operator) revoked');
    await waitFor(async () => (await get('/v1/stats/flow', tokens['ops'])).status === 401, {
      timeoutMs: 2000,
      intervalMs: 50,
      message: 'revoked token refused',
    });
    expect((await get('/v1/messages/01900000-0000-7000-8000-000000000000', tokens['auditor'])).status).toBe(404);
  });

  it('audits every change and refuses bad ones with a code and a way out', async () => {
    const audit = await cliHere('audit', '--json');
    const entries = JSON.parse(audit.stdout) as { action: string; subject: string; reason: string }[];
    expect(
      entries.filter((e) => e.subject.startsWith('token:')).map((e) => `${e.action} ${e.subject} ${e.reason}`),
    ).toEqual(
      expect.arrayContaining([
        'token.add token:ops-console OPS-1',
        'token.add token:auditor OPS-2',
        'token.revoke token:ops-console OPS-4 console retired',
      ]),
    );
    const cases: [string[], number, RegExp][] = [
      [['tokens', 'add', '--name', 'auditor', '--role', 'auditor', '--reason', 'x'], 1, /ERR_TOKEN_EXISTS/],
      [
        ['tokens', 'add', '--name', 'x', '--role', 'superuser', '--reason', 'x'],
        2,
        /ERR_TOKEN_ROLE_INVALID.*admin, operator, auditor.*\n.*tokens --help/,
      ],
      [['tokens', 'add', '--name', 'bad name', '--role', 'admin', '--reason', 'x'], 2, /ERR_TOKEN_NAME_INVALID/],
      [['tokens', 'add', '--name', 'x', '--role', 'admin'], 2, /ERR_REASON_REQUIRED/],
      [['tokens', 'add', '--name', 'x', '--role', 'admin', '--reason', 'x', '--expires', 'soon'], 2, /RFC 3339/],
      [
        ['tokens', 'add', '--name', 'x', '--role', 'admin', '--reason', 'x', '--expires', '2020-01-01T00:00:00Z'],
        2,
        /ERR_TOKEN_EXPIRY_INVALID/,
      ],
      [['tokens', 'revoke', 'nobody', '--reason', 'x'], 1, /ERR_TOKEN_UNKNOWN.*tokens list/],
    ];
    for (const [args, code, message] of cases) {
      const run = await cliHere(...args);
      expect(run.code, args.join(' ')).toBe(code);
      expect(run.stderr, args.join(' ')).toMatch(message);
    }
    expect((await cliHere('tokens', '--help')).stdout).toContain('atc-gateway tokens add --name <name>');
  });

  it('never writes a token to the gateway log, even at trace level', async () => {
    const log = await readFile(gateway.logFile, 'utf8');
    expect(log).toContain('tokens loaded');
    for (const t of Object.values(tokens)) {
      expect(log).not.toContain(t);
      expect(log).not.toContain(t.slice(4));
    }
  });
});

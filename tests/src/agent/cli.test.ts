// The `atc-agent` client commands, spawned as real processes against real agents: what an
// integrator types in a shell, with the exit codes and output scripts depend on.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKeyFile } from '@atc/shared';
import {
  binPath,
  TEST_API_KEY,
  freePort,
  personRequest,
  startTestFederation,
  waitFor,
  type AgentFixture,
  type TestFederation,
} from '@atc/tests';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const CLI = binPath('agent');
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let fed: TestFederation;
let kz: AgentFixture;
let by: AgentFixture;
let dir: string;

beforeAll(async () => {
  fed = await startTestFederation({ members: { KZ: {}, BY: {} } });
  [kz, by] = [fed.agent('KZ'), fed.agent('BY')];
  dir = await mkdtemp(join(tmpdir(), 'atc-cli-'));
}, 60_000);

afterAll(async () => {
  await fed?.close();
  await rm(dir, { recursive: true, force: true });
});

/** What one run of the command came to. */
interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The environment of a run: the test process's without its ATC_* settings, then the KZ
 * agent's URL and the test API key, then `env` (where `undefined` removes a variable).
 */
function runEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const inherited = Object.entries(process.env).filter(([name]) => !name.startsWith('ATC_'));
  const all = { ...Object.fromEntries(inherited), ATC_AGENT_URL: kz.agent.url, ATC_API_KEY: TEST_API_KEY, ...env };
  return Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined));
}

/** Runs `atc-agent <args>` through its bin, as an integrator would from a shell. */
function atcAgent(args: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: repoRoot,
      env: runEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.once('error', reject);
    child.once('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

/** The JSON the command printed on stdout. */
function printed(run: CliRun): Record<string, unknown> {
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

async function messageCount(): Promise<number> {
  return ((await kz.api('GET', '/v1/messages?limit=1000')).body['messages'] as unknown[]).length;
}

describe('atc-agent keygen', () => {
  it('writes a 0600 key, prints its kid and public JWK, and never overwrites it', async () => {
    const out = join(dir, 'k.jwk');
    const run = await atcAgent(['keygen', '--out', out]);
    expect(run.code).toBe(0);
    expect((await stat(out)).mode & 0o777).toBe(0o600);
    const kid = /^kid: (\S+)$/m.exec(run.stdout)?.[1];
    const jwkLine = run.stdout.trim().split('\n').at(-1)!;
    const jwk = JSON.parse(jwkLine) as Record<string, unknown>;
    expect(jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', kid });
    expect(jwk).not.toHaveProperty('d');
    // The file holds the private half of the key printed.
    const saved = await loadKeyFile(out);
    expect(saved.kid).toBe(kid);
    expect(saved.publicJwk.x).toBe(jwk['x']);
    const before = await readFile(out);

    const again = await atcAgent(['keygen', '--out', out]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('ERR_KEY_FILE_EXISTS');
    expect(again.stdout).toBe('');
    expect(await readFile(out)).toEqual(before);
  });
});

describe('atc-agent send, status and inbox', () => {
  it('sends a file once however often it is run, and shows its lifecycle until accepted', async () => {
    const file = join(dir, 'record.json');
    await writeFile(file, JSON.stringify(personRequest(['BY'], 1), null, 2));
    const first = await atcAgent(['send', file]);
    expect(first.code).toBe(0);
    const messageId = printed(first)['messageId'] as string;
    expect(messageId).toMatch(UUID_V7);
    expect(printed(first)['created']).toBe(true);

    const second = await atcAgent(['send', file]);
    expect(second.code).toBe(0);
    expect(printed(second)).toMatchObject({ messageId, created: false });

    // Polled through the API: each run of the command costs a process start.
    await waitFor(async () => (await kz.api('GET', `/v1/messages/${messageId}`)).body['status'] === 'accepted', {
      timeoutMs: 15_000,
      message: 'accepted',
    });
    const [status, unknown] = await Promise.all([
      atcAgent(['status', messageId]),
      atcAgent(['status', '019bc1a2-0000-7000-8000-000000000001']),
    ]);
    expect(status.code).toBe(0);
    expect(printed(status)['status']).toBe('accepted');
    expect(printed(status)).toMatchObject({ messageId, recipients: ['BY'], payloadType: 'atc.v1.PersonRecord' });
    expect((printed(status)['receipts'] as { status: string }[]).map((r) => r.status)).toContain('accepted');
    expect(unknown.code).toBe(1);
    expect(printed(unknown)['code']).toBe('ERR_MESSAGE_UNKNOWN');
  });

  it('lists received items, and only the newer ones after a cursor', async () => {
    const sent = await by.api('POST', '/v1/messages', personRequest(['KZ'], 2));
    expect(sent.status).toBe(202);
    const messageId = sent.body['messageId'] as string;
    await waitFor(
      async () =>
        ((await kz.api('GET', '/v1/inbox')).body['items'] as { id: string }[]).some((i) => i.id === messageId),
      { timeoutMs: 15_000, message: 'item in KZ inbox' },
    );
    const run = await atcAgent(['inbox']);
    expect(run.code).toBe(0);
    const items = printed(run)['items'] as { id: string; sender: string; seq: number }[];
    const item = items.find((i) => i.id === messageId);
    expect(item).toMatchObject({ sender: 'BY', state: 'pending', verification: 'verified' });

    const later = await atcAgent(['inbox', '--after', String(item!.seq)]);
    expect(later.code).toBe(0);
    expect((printed(later)['items'] as { id: string }[]).map((i) => i.id)).not.toContain(messageId);
  });
});

describe('atc-agent import', () => {
  it('imports good lines, names the refused ones, resumes, and never duplicates', async () => {
    const file = join(dir, 'records.jsonl');
    const lines = Array.from({ length: 20 }, (_, i) => JSON.stringify(personRequest(['BY'], 100 + i)));
    const extraField = personRequest(['BY'], 200);
    extraField['record'] = { ...(extraField['record'] as object), favouriteColour: 'blue' };
    lines.splice(5, 0, '{"type": "PersonRecord", "recipients": ["BY"],'); // line 6: not JSON
    lines.splice(14, 0, JSON.stringify(extraField)); // line 15: a field no record has
    await writeFile(file, `${lines.join('\n')}\n`);
    const before = await messageCount();

    const first = await atcAgent(['import', file]);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('20 accepted, 2 refused, 22 lines');
    expect(first.stdout).toMatch(/^ {2}line 6: ERR_MALFORMED_JSON: /m);
    expect(first.stdout).toMatch(/^ {2}line 15: ERR_PAYLOAD_MALFORMED: .*favouriteColour/m);
    expect(first.stdout.match(/^ {2}line \d+:/gm)).toHaveLength(2);
    // Standard error is a pipe, not a terminal: no progress bar redrawn with carriage returns.
    expect(first.stderr).toBe('');
    expect(first.stdout).not.toContain('#');
    expect(await messageCount()).toBe(before + 20);

    // The accepted prefix is lines 1-5: the rerun starts at line 6, sends the refused lines
    // again (they may have been fixed) and the accepted ones again without creating anything.
    expect(await readFile(`${file}.progress`, 'utf8')).toBe('5\n');
    const resumed = await atcAgent(['import', file]);
    expect(resumed.code).toBe(1);
    expect(resumed.stdout).toContain('15 accepted, 2 refused, 5 done before (resumed), 22 lines');
    expect(await messageCount()).toBe(before + 20);

    // Line 15 fixed: the rerun creates exactly one more message and the prefix reaches it.
    const fixed = personRequest(['BY'], 201);
    lines[14] = JSON.stringify(fixed);
    lines[5] = JSON.stringify(personRequest(['BY'], 202));
    await writeFile(file, `${lines.join('\n')}\n`);
    const repaired = await atcAgent(['import', file]);
    expect(repaired.code).toBe(0);
    expect(repaired.stdout).toContain('17 accepted, 0 refused, 5 done before (resumed), 22 lines');
    expect(await messageCount()).toBe(before + 22);
    // Every line accepted: nothing is left to resume, so the progress file is gone.
    expect(existsSync(`${file}.progress`)).toBe(false);

    // A rerun sends every line again; the content-derived keys create nothing new.
    const again = await atcAgent(['import', file]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('22 accepted, 0 refused, 22 lines');
    expect(await messageCount()).toBe(before + 22);
  }, 40_000);
});

describe('atc-agent import and send with text that is not UTF-8', () => {
  it('refuses each such line by number, sends the others, and never sends U+FFFD in place of a byte', async () => {
    const file = join(dir, 'bytes.jsonl');
    const json = (n: number): string => JSON.stringify(personRequest(['BY'], n));
    // The family name's value, written as raw bytes between its quotes.
    const withName = (n: number, bytes: readonly number[]): Buffer => {
      const [head, tail] = json(n).split('Тестов') as [string, string];
      return Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from(tail)]);
    };
    const lines = [
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json(300))]), // a byte order mark: ignored
      withName(301, [0xff, 0xfe, 0xc3, 0x28]),
      withName(302, [0xc0, 0xaf]), // an overlong "/"
      Buffer.from(json(303).replace('Тестов', '\\udc00')), // valid bytes, but an unpaired surrogate
      Buffer.from(json(304)),
    ];
    await writeFile(file, Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')])));
    const before = await messageCount();
    const run = await atcAgent(['import', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('2 accepted, 3 refused, 5 lines');
    expect(run.stdout).toMatch(/^ {2}line 2: ERR_UTF8_INVALID: the line is not valid UTF-8 \(byte \d+: ff fe c3 28\)/m);
    expect(run.stdout).toMatch(/^ {2}line 3: ERR_UTF8_INVALID: the line is not valid UTF-8 \(byte \d+: c0 af/m);
    expect(run.stdout).toMatch(/^ {2}line 4: ERR_UTF8_INVALID: .*field record\.names\[0\]\.parts\[0\]\.value/m);
    expect(run.stdout).not.toContain('\ufffd');
    expect(await messageCount()).toBe(before + 2);
    // The accepted prefix stops before the first refused line.
    expect(await readFile(`${file}.progress`, 'utf8')).toBe('1\n');

    const single = join(dir, 'bytes.json');
    await writeFile(single, withName(305, [0xed, 0xa0, 0x80]));
    const send = await atcAgent(['send', single]);
    expect(send.code).toBe(1);
    expect(send.stderr).toMatch(/ERR_UTF8_INVALID: .*bytes\.json is not valid UTF-8 \(byte \d+: ed a0 80/);
    expect(await messageCount()).toBe(before + 2);
  }, 40_000);
});

describe('usage errors', () => {
  it('prints the help without arguments', async () => {
    const run = await atcAgent([]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: atc-agent <command>');
    expect(run.stdout).toContain('ATC_API_KEY');
  });

  it('exits 2 for an unknown command, an unknown option and a missing argument', async () => {
    const [unknown, option, noFile] = await Promise.all([
      atcAgent(['launch']),
      atcAgent(['inbox', '--since', '3']),
      atcAgent(['send']),
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "launch"');
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('--since');
    expect(option.stderr).toContain('atc-agent --help');
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain('send needs a JSON file');
  });

  it('prints the help of one command with <command> --help, not the general help', async () => {
    const [send, importHelp, viaHelp] = await Promise.all([
      atcAgent(['send', '--help']),
      atcAgent(['import', '-h']),
      atcAgent(['help', 'status']),
    ]);
    expect(send.code).toBe(0);
    expect(send.stdout).toMatch(/^Usage: atc-agent send <file\.json> \[--url <url>\]/);
    expect(send.stdout).toContain('ATC_AGENT_URL');
    expect(send.stdout).not.toContain('Settings of "serve"');
    expect(importHelp.code).toBe(0);
    expect(importHelp.stdout).toMatch(/^Usage: atc-agent import <file\.jsonl>/);
    expect(importHelp.stdout).toContain('.progress');
    expect(viaHelp.stdout).toMatch(/^Usage: atc-agent status <message-id>/);
  });

  it('reaches the agent named by --url, ahead of ATC_AGENT_URL, and refuses a URL that is not http(s)', async () => {
    const elsewhere = `http://127.0.0.1:${await freePort()}`;
    const [viaOption, bad] = await Promise.all([
      atcAgent(['inbox', '--url', kz.agent.url], { ATC_AGENT_URL: elsewhere }),
      atcAgent(['inbox', '--url', 'localhost:8451']),
    ]);
    expect(viaOption.code, viaOption.stderr).toBe(0);
    expect(printed(viaOption)).toHaveProperty('items');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--url "localhost:8451" is not an http(s) URL');
  });

  it('exits 2 naming ATC_API_KEY when it is not set', async () => {
    const run = await atcAgent(['inbox'], { ATC_API_KEY: undefined });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('ATC_API_KEY');
  });

  it('exits 1 with a clear message when no agent listens at ATC_AGENT_URL', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const run = await atcAgent(['status', '019bc1a2-0000-7000-8000-000000000001'], { ATC_AGENT_URL: url });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`cannot reach the agent at ${url}`);
    expect(run.stderr).toContain('ECONNREFUSED');
    expect(run.stderr).toContain('atc-agent serve');
  });
});

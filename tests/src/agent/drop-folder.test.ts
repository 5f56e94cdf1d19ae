// The watched drop folder: JSON Lines files renamed into in/ go through the real agent
// (gateway and nats-server running) exactly once, even across a restart, and bad input ends
// in failed/ with a report per line; received items are written to out/.
import { mkdir, mkdtemp, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callAgent,
  mountSmallDisk,
  mountSmallDiskOrSkip,
  personRequest,
  prepareAgent,
  spawnAgentProcess,
  startTestFederation,
  waitFor,
  type AgentFixture,
  type SmallDisk,
  type TestFederation,
} from '@atc/tests';

/** Fast scans: the fallback that finds files fs.watch missed and retries refused moves. */
const SCAN = '200ms';
/**
 * Lines of the files stopped and killed mid-file: the stop lands after the first 50, with most
 * of the file still to send (a federation in one test process takes about 100 lines/s).
 */
const FILE_LINES = 300;

let fed: TestFederation;
let kzDrop: string;
let uzDrop: string;
let byDrop: string;
/** BY's drop folder on a small disk of its own, when this machine lets the test mount one. */
let byDisk: SmallDisk | undefined;
let byDiskRefused = '';

beforeAll(async () => {
  kzDrop = await mkdtemp(join(tmpdir(), 'atc-drop-kz-'));
  uzDrop = await mkdtemp(join(tmpdir(), 'atc-drop-uz-'));
  const disk = await mountSmallDisk('16m');
  if ('refused' in disk) {
    byDiskRefused = disk.refused;
    byDrop = await mkdtemp(join(tmpdir(), 'atc-drop-by-'));
  } else {
    byDisk = disk;
    byDrop = disk.path;
  }
  fed = await startTestFederation({
    members: {
      // Lines over 2 x 16 KiB are refused before they reach the API.
      KZ: { env: { ATC_AGENT_DROP_DIR: kzDrop, ATC_AGENT_DROP_SCAN_INTERVAL: SCAN, ATC_MAX_ENVELOPE_BYTES: '16KiB' } },
      UZ: { env: { ATC_AGENT_DROP_DIR: uzDrop, ATC_AGENT_DROP_SCAN_INTERVAL: SCAN } },
      BY: { env: { ATC_AGENT_DROP_DIR: byDrop, ATC_AGENT_DROP_OUT: 'true' } },
    },
  });
}, 60_000);

afterAll(async () => {
  await fed?.close();
  await byDisk?.dispose();
  for (const d of [kzDrop, uzDrop, byDisk === undefined ? byDrop : undefined]) {
    if (d !== undefined) await rm(d, { recursive: true, force: true });
  }
});

/** Drops `content` into `<dir>/in/<name>` the way integrators must: written aside, then renamed. */
async function drop(dir: string, name: string, content: string | Buffer): Promise<void> {
  await mkdir(join(dir, 'in'), { recursive: true });
  const temp = join(dir, 'in', `${name}.part`);
  await writeFile(temp, content);
  await rename(temp, join(dir, 'in', name));
}

const line = (to: string, n: number): string => JSON.stringify(personRequest([to], n));

interface Report {
  file: string;
  sha256: string | null;
  outcome: string;
  lines: number;
  accepted: number;
  refused: number;
  code?: string;
  detail?: string;
  results: { line: number; status: string; messageId?: string; created?: boolean; code?: string; detail?: string }[];
}

/** Waits for `<dir>/<sub>/<name>` and returns its report. */
async function finished(dir: string, sub: 'done' | 'failed', name: string, timeoutMs = 20_000): Promise<Report> {
  const path = join(dir, sub, name);
  await waitFor(async () => (await readdir(join(dir, sub)).catch((): string[] => [])).includes(name), {
    timeoutMs,
    message: `${name} in ${sub}/`,
  });
  return JSON.parse(await readFile(`${path}.report.json`, 'utf8')) as Report;
}

/** The value of one metric series of the agent (or agent URL) `agent` (0 when absent). */
async function metric(agent: AgentFixture | string, series: string): Promise<number> {
  const url = typeof agent === 'string' ? agent : agent.agent.url;
  const text = await (await fetch(`${url}/metrics`)).text();
  const found = text.split('\n').find((l) => l.startsWith(`${series} `));
  return found === undefined ? 0 : Number(found.slice(series.length + 1));
}

/** Every message in an agent's outbox (the agent, or its URL), page by page. */
async function outboxIds(agent: AgentFixture | string): Promise<string[]> {
  const url = typeof agent === 'string' ? agent : agent.agent.url;
  const ids: string[] = [];
  let after = '';
  for (;;) {
    const page = await callAgent(url, 'GET', `/v1/messages?limit=1000${after === '' ? '' : `&after=${after}`}`);
    const messages = page.body['messages'] as { messageId: string }[];
    ids.push(...messages.map((m) => m.messageId));
    if (page.body['more'] !== true) return ids;
    after = String(page.body['next']);
  }
}

describe('the drop folder in/', () => {
  it('sends a 300-line file exactly once across an agent restart mid-file, and a copy dropped again sends nothing', async () => {
    const uz = fed.agent('UZ');
    const lines = Array.from({ length: FILE_LINES }, (_, i) => line('RU', 10_000 + i));
    await drop(uzDrop, 'bulk.jsonl', `${lines.join('\n')}\n`);
    await waitFor(async () => (await metric(uz, 'atc_agent_drop_lines_total{outcome="taken"}')) >= 50, {
      timeoutMs: 20_000,
      message: 'the first lines taken',
    });
    await uz.stop();
    // Stopped mid-file: the file is still in in/, and only part of it was sent.
    expect(await readdir(join(uzDrop, 'in'))).toContain('bulk.jsonl');

    const again = await fed.startAgent('UZ', {
      env: { ATC_DATA_DIR: uz.dataDir, ATC_AGENT_DROP_DIR: uzDrop, ATC_AGENT_DROP_SCAN_INTERVAL: SCAN },
    });
    const report = await finished(uzDrop, 'done', 'bulk.jsonl', 60_000);
    expect(report).toMatchObject({ outcome: 'done', lines: FILE_LINES, accepted: FILE_LINES, refused: 0 });
    const resumed = report.results.filter((r) => r.created === false).length;
    expect(resumed).toBeGreaterThan(0); // sent before the restart, answered from the outbox
    expect(resumed).toBeLessThan(FILE_LINES);
    expect(await metric(again, 'atc_agent_drop_lines_total{outcome="taken"}')).toBe(FILE_LINES - resumed);
    const ids = report.results.map((r) => r.messageId);
    expect(new Set(ids).size).toBe(FILE_LINES);
    const outbox = await outboxIds(again);
    expect(outbox.length).toBe(FILE_LINES);
    expect(new Set(outbox)).toEqual(new Set(ids));

    // The same bytes under another name: the same keys, so nothing new is sent.
    await drop(uzDrop, 'bulk-again.jsonl', `${lines.join('\n')}\n`);
    const copy = await finished(uzDrop, 'done', 'bulk-again.jsonl', 60_000);
    expect(copy.sha256).toBe(report.sha256);
    expect(copy.results.every((r) => r.created === false)).toBe(true);
    expect(copy.results.map((r) => r.messageId)).toEqual(ids);
    expect((await outboxIds(again)).length).toBe(FILE_LINES);
  }, 180_000);

  it('sends a file exactly once when the agent process is killed (SIGKILL) mid-file', async () => {
    const ruDrop = await mkdtemp(join(tmpdir(), 'atc-drop-ru-'));
    const prepared = await prepareAgent({
      nats: fed.nats,
      member: 'RU',
      env: { ATC_AGENT_DROP_DIR: ruDrop, ATC_AGENT_DROP_SCAN_INTERVAL: SCAN },
    });
    const ru = await spawnAgentProcess(prepared.env, prepared.dataDir);
    try {
      const lines = Array.from({ length: FILE_LINES }, (_, i) => line('UZ', 20_000 + i));
      await drop(ruDrop, 'killed.jsonl', lines.join('\n'));
      await waitFor(async () => (await metric(ru.url, 'atc_agent_drop_lines_total{outcome="taken"}')) >= 50, {
        timeoutMs: 30_000,
        message: 'the first lines taken',
      });
      expect(await ru.kill('SIGKILL')).toBeNull();
      expect(await readdir(join(ruDrop, 'in'))).toContain('killed.jsonl');
      await ru.restart();
      const report = await finished(ruDrop, 'done', 'killed.jsonl', 90_000);
      expect(report).toMatchObject({ outcome: 'done', lines: FILE_LINES, accepted: FILE_LINES, refused: 0 });
      expect(report.results.some((r) => r.created === false)).toBe(true);
      const outbox = await outboxIds(ru.url);
      expect(outbox.length).toBe(FILE_LINES);
      expect(new Set(outbox)).toEqual(new Set(report.results.map((r) => r.messageId)));
    } finally {
      await ru.kill('SIGKILL');
      await rm(ruDrop, { recursive: true, force: true });
      await rm(prepared.dataDir, { recursive: true, force: true });
    }
  }, 240_000);

  it('refuses bad lines with their code and line number and sends the others: failed/ with a report', async () => {
    const kz = fed.agent('KZ');
    const missingPurpose = { ...personRequest(['RU'], 2002) };
    delete missingPurpose['purpose'];
    const content = Buffer.concat([
      Buffer.from(`${line('RU', 2001)}\n`),
      Buffer.from('{"type": "PersonRecord", "purpose": "Test'),
      Buffer.from([0xff, 0xfe]), // not UTF-8
      Buffer.from('"}\n'),
      Buffer.from('{"type": \n'), // not JSON
      Buffer.from(`${JSON.stringify(missingPurpose)}\n`),
      Buffer.from(`${'x'.repeat(40 * 1024)}\n`), // longer than the agent takes
      Buffer.from('\n'), // blank: skipped
      Buffer.from(line('RU', 2003)), // the last line has no newline: a file is read whole, so it counts
    ]);
    await drop(kzDrop, 'mixed.jsonl', content);
    const report = await finished(kzDrop, 'failed', 'mixed.jsonl');
    expect(report).toMatchObject({ outcome: 'failed', lines: 7, accepted: 2, refused: 4 });
    const byLine = Object.fromEntries(report.results.map((r) => [r.line, r]));
    expect(byLine[1]).toMatchObject({ status: 'accepted', created: true });
    expect(byLine[2]).toMatchObject({ status: 'refused', code: 'ERR_UTF8_INVALID' });
    expect(byLine[3]).toMatchObject({ status: 'refused', code: 'ERR_MALFORMED_JSON' });
    expect(byLine[4]).toMatchObject({ status: 'refused', code: 'ERR_VALIDATION' });
    expect(byLine[4]?.detail).toContain('purpose');
    expect(byLine[5]).toMatchObject({ status: 'refused', code: 'ERR_BODY_TOO_LARGE' });
    expect(byLine[6]).toBeUndefined();
    expect(byLine[7]).toMatchObject({ status: 'accepted', created: true });
    for (const n of [1, 7]) {
      expect((await kz.api('GET', `/v1/messages/${byLine[n]!.messageId!}`)).status).toBe(200);
    }
    expect(String(byLine[2]?.detail)).toMatch(/not valid UTF-8/);
    expect(await readdir(join(kzDrop, 'in'))).not.toContain('mixed.jsonl');
  }, 30_000);

  it('keeps the versions of one record in file order while other lines go at once', async () => {
    const kz = fed.agent('KZ');
    const version = (n: number, v: number): string => {
      const body = personRequest(['RU'], n);
      body['record'] = { ...(body['record'] as object), version: v };
      return JSON.stringify(body);
    };
    const content = [1, 2, 3, 4, 5].flatMap((v) => [version(8000, v), version(8000 + v, 1)]).join('\n');
    await drop(kzDrop, 'versions.jsonl', content);
    const report = await finished(kzDrop, 'done', 'versions.jsonl');
    const sequences: number[] = [];
    for (const r of report.results.filter((_, i) => i % 2 === 0)) {
      sequences.push(Number((await kz.api('GET', `/v1/messages/${r.messageId!}`)).body['sequence']));
    }
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
  }, 30_000);

  it('moves a file that is not JSON Lines to failed/, an empty file to done/, and leaves files being written and links alone', async () => {
    await drop(kzDrop, 'records.csv', 'name;born\nTestov;1990\n');
    await writeFile(join(kzDrop, 'in', '.hidden.jsonl'), `${line('RU', 3001)}\n`);
    await writeFile(join(kzDrop, 'in', 'half.jsonl.tmp'), `${line('RU', 3002)}\n`);
    await writeFile(join(kzDrop, 'in', 'half.jsonl.part'), `${line('RU', 3003)}\n`);
    // A link could name any file the agent may read: never followed.
    await writeFile(join(kzDrop, 'elsewhere.jsonl'), `${line('RU', 3005)}\n`);
    await symlink(join(kzDrop, 'elsewhere.jsonl'), join(kzDrop, 'in', 'link.jsonl'));
    await drop(kzDrop, 'empty.jsonl', '');
    const csv = await finished(kzDrop, 'failed', 'records.csv');
    expect(csv).toMatchObject({ outcome: 'failed', code: 'ERR_DROP_FILE_NOT_JSONL' });
    expect(csv.detail).toContain('.jsonl');
    const empty = await finished(kzDrop, 'done', 'empty.jsonl');
    expect(empty).toMatchObject({ outcome: 'done', lines: 0, accepted: 0, refused: 0, results: [] });
    // Two scans later the files being written are still where their writer left them.
    const doneBefore = await metric(fed.agent('KZ'), 'atc_agent_drop_files_total{outcome="done"}');
    await drop(kzDrop, 'after.jsonl', `${line('RU', 3004)}\n`);
    await finished(kzDrop, 'done', 'after.jsonl');
    expect(await metric(fed.agent('KZ'), 'atc_agent_drop_files_total{outcome="done"}')).toBe(doneBefore + 1);
    expect((await readdir(join(kzDrop, 'in'))).sort()).toEqual([
      '.hidden.jsonl',
      'half.jsonl.part',
      'half.jsonl.tmp',
      'link.jsonl',
    ]);
  }, 30_000);

  it('stops a file removed half-way without crashing and goes on with the next', async () => {
    const kz = fed.agent('KZ');
    const series = 'atc_agent_drop_files_total{outcome="gone"}';
    const gone = await metric(kz, series);
    const taken = await metric(kz, 'atc_agent_drop_lines_total{outcome="taken"}');
    const sent = (await outboxIds(kz)).length;
    await drop(
      kzDrop,
      'withdrawn.jsonl',
      `${Array.from({ length: 3000 }, (_, i) => line('RU', 40_000 + i)).join('\n')}\n`,
    );
    await waitFor(async () => (await metric(kz, 'atc_agent_drop_lines_total{outcome="taken"}')) > taken, {
      timeoutMs: 20_000,
      message: 'the first lines taken',
    });
    await rm(join(kzDrop, 'in', 'withdrawn.jsonl'));
    await waitFor(async () => (await metric(kz, series)) === gone + 1, { timeoutMs: 20_000, message: 'file gone' });
    const after = (await outboxIds(kz)).length - sent;
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThan(3000);
    expect(await readdir(join(kzDrop, 'done'))).not.toContain('withdrawn.jsonl');
    expect(await readdir(join(kzDrop, 'failed'))).not.toContain('withdrawn.jsonl');
    await drop(kzDrop, 'next.jsonl', `${line('RU', 4999)}\n`);
    expect(await finished(kzDrop, 'done', 'next.jsonl')).toMatchObject({ accepted: 1 });
  }, 60_000);

  it('keeps a finished file in in/ while done/ cannot be written, with a coded error, and moves it once it can', async () => {
    const kz = fed.agent('KZ');
    const errors = 'atc_agent_drop_errors_total{code="ERR_DROP_FOLDER_UNWRITABLE"}';
    const before = await metric(kz, errors);
    const taken = await metric(kz, 'atc_agent_drop_lines_total{outcome="taken"}');
    const already = await metric(kz, 'atc_agent_drop_lines_total{outcome="already_taken"}');
    // As root, permissions do not stop a write: a plain file where done/ should be does. Each
    // scan of the agent creates done/ again when it is missing, so one may come between the
    // removal and the write: replaced until the plain file is there.
    await waitFor(
      async () => {
        await rm(join(kzDrop, 'done'), { recursive: true, force: true });
        return writeFile(join(kzDrop, 'done'), 'not a folder', { flag: 'wx' }).then(
          () => true,
          () => false,
        );
      },
      { timeoutMs: 10_000, message: 'done/ replaced by a plain file' },
    );
    await drop(kzDrop, 'stuck.jsonl', `${line('RU', 5001)}\n${line('RU', 5002)}\n`);
    await waitFor(async () => (await metric(kz, errors)) >= before + 2, { timeoutMs: 20_000, message: 'move retried' });
    expect(await readdir(join(kzDrop, 'in'))).toContain('stuck.jsonl');
    await rm(join(kzDrop, 'done'));
    const report = await finished(kzDrop, 'done', 'stuck.jsonl');
    expect(report).toMatchObject({ outcome: 'done', accepted: 2 });
    // Sent once: the retried move did not send the lines again.
    expect(report.results.every((r) => r.created === true)).toBe(true);
    expect(await metric(kz, 'atc_agent_drop_lines_total{outcome="taken"}')).toBe(taken + 2);
    expect(await metric(kz, 'atc_agent_drop_lines_total{outcome="already_taken"}')).toBe(already);
  }, 30_000);
});

describe('the drop folder on a full disk', () => {
  it('keeps a finished file in in/ while its report cannot be written (ERR_STORAGE_FULL), and moves it once there is space', async (ctx) => {
    const disk = await mountSmallDiskOrSkip('8m', (why) => {
      ctx.skip(why);
    });
    try {
      await mkdir(join(disk.path, 'staging'));
      await writeFile(join(disk.path, 'staging', 'full.jsonl'), `${line('UZ', 9001)}\n${line('UZ', 9002)}\n`);
      const ru = await fed.startAgent('RU', {
        env: { ATC_AGENT_DROP_DIR: disk.path, ATC_AGENT_DROP_SCAN_INTERVAL: SCAN },
      });
      await waitFor(async () => (await ru.api('GET', '/readyz')).status === 200, {
        timeoutMs: 15_000,
        message: 'RU ready',
      });
      const full = 'atc_agent_drop_errors_total{code="ERR_STORAGE_FULL"}';
      await disk.fill();
      // A rename needs no space: the file arrives as integrators drop it.
      await rename(join(disk.path, 'staging', 'full.jsonl'), join(disk.path, 'in', 'full.jsonl'));
      await waitFor(async () => (await metric(ru, full)) >= 2, { timeoutMs: 20_000, message: 'move retried' });
      expect(await readdir(join(disk.path, 'in'))).toEqual(['full.jsonl']);
      expect(await readdir(join(disk.path, 'done'))).toEqual([]);
      await disk.free();
      const report = await finished(disk.path, 'done', 'full.jsonl');
      expect(report).toMatchObject({ outcome: 'done', accepted: 2 });
      expect(report.results.every((r) => r.created === true)).toBe(true);
      expect((await outboxIds(ru)).length).toBe(2);
      await ru.stop();
    } finally {
      await disk.dispose();
    }
  }, 60_000);
});

describe('the drop folder out/', () => {
  /** The item files in BY's out/ (hidden temporary files left out). */
  const outFiles = async (): Promise<string[]> =>
    (await readdir(join(byDrop, 'out')).catch((): string[] => [])).filter((n) => !n.startsWith('.'));

  it('writes each received item once as out/<message id>.json and records it as handed over', async () => {
    const kz = fed.agent('KZ');
    const by = fed.agent('BY');
    await drop(kzDrop, 'to-by.jsonl', [6001, 6002, 6003].map((n) => line('BY', n)).join('\n'));
    const report = await finished(kzDrop, 'done', 'to-by.jsonl');
    const ids = report.results.map((r) => r.messageId!);
    await waitFor(async () => ids.every((id) => id !== undefined) && (await outFiles()).length >= 3, {
      timeoutMs: 20_000,
      message: 'three files in out/',
    });
    for (const id of ids) {
      const item = JSON.parse(await readFile(join(byDrop, 'out', `${id}.json`), 'utf8')) as Record<string, unknown>;
      expect(item).toMatchObject({ id, sender: 'KZ', payloadType: 'atc.v1.PersonRecord', verification: 'verified' });
      const state = await waitFor(
        async () => {
          const got = await by.api('GET', `/v1/inbox/${id}`);
          return got.body['state'] === 'delivered' ? got.body : undefined;
        },
        { timeoutMs: 10_000, message: 'item delivered' },
      );
      expect(state['channel']).toBe('api');
    }
    expect(await metric(by, 'atc_agent_drop_out_files_total')).toBe(3);
    // The sender hears of each hand-over.
    await waitFor(
      async () => {
        const m = await kz.api('GET', `/v1/messages/${ids[0]!}`);
        return (m.body['deliveries'] as { state: string }[]).every((d) => d.state === 'delivered');
      },
      { timeoutMs: 20_000, message: 'delivery acknowledged' },
    );
  }, 60_000);

  it('keeps an item in the inbox while out/ is on a full disk (ERR_STORAGE_FULL) and writes it once there is space', async (ctx) => {
    if (byDisk === undefined) {
      ctx.skip(byDiskRefused);
      return;
    }
    const kz = fed.agent('KZ');
    const by = fed.agent('BY');
    const full = 'atc_agent_drop_errors_total{code="ERR_STORAGE_FULL"}';
    const before = await metric(by, full);
    await byDisk.fill();
    try {
      const sent = await kz.api('POST', '/v1/messages', personRequest(['BY'], 7001));
      expect(sent.status).toBe(202);
      const id = String(sent.body['messageId']);
      await waitFor(async () => (await metric(by, full)) > before, { timeoutMs: 20_000, message: 'write refused' });
      expect((await by.api('GET', `/v1/inbox/${id}`)).body['state']).toBe('pending');
      expect(await outFiles()).not.toContain(`${id}.json`);
      expect((await readdir(join(byDrop, 'out'))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
      await byDisk.free();
      await waitFor(async () => (await outFiles()).includes(`${id}.json`), {
        timeoutMs: 20_000,
        message: 'written after the space came back',
      });
      const item = JSON.parse(await readFile(join(byDrop, 'out', `${id}.json`), 'utf8')) as Record<string, unknown>;
      expect(item['id']).toBe(id);
    } finally {
      await byDisk.free();
    }
  }, 60_000);
});

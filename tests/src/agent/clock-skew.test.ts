// An agent whose clock is 10 minutes ahead (libfaketime, as a real child process) notices it from
// the centre's time before it takes a record: it refuses every record with ERR_CLOCK_SKEW before
// signing (its drop folder keeps the file to retry), is not ready, shows the offset as a metric and
// an alarm, and warns once. Started again with the right clock, it takes records again.
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '@atc/shared';
import { openArchiveDb } from '@atc/gateway';
import {
  callAgent,
  fakeTimeEnv,
  personRequest,
  prepareAgent,
  spawnAgentProcess,
  startTestFederation,
  waitFor,
  type PreparedAgent,
  type ServiceProcess,
  type TestFederation,
} from '@atc/tests';

const RECORDS = 25;
const DROPPED = 10;
const skewed = fakeTimeEnv('+10m');

let fed: TestFederation;
let prepared: PreparedAgent;
let agent: ServiceProcess | undefined;
let dropDir: string;

async function metric(url: string, name: string): Promise<number | undefined> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

async function archivedFromKz(): Promise<{ archived: number; quarantined: number }> {
  const db = await openArchiveDb(fed.gateway.archive);
  try {
    const m = await db.get<{ n: number | string }>("SELECT count(*) AS n FROM messages WHERE sender = 'KZ'");
    const q = await db.get<{ n: number | string }>("SELECT count(*) AS n FROM quarantine WHERE claimed_sender = 'KZ'");
    return { archived: Number(m?.n ?? 0), quarantined: Number(q?.n ?? 0) };
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  if ('missing' in skewed) return;
  fed = await startTestFederation({ members: {} });
  dropDir = await mkdtemp(join(tmpdir(), 'atc-drop-skew-'));
  prepared = await prepareAgent({
    nats: fed.nats,
    member: 'KZ',
    env: {
      ATC_AGENT_CLOCK_CHECK_INTERVAL: '1s',
      ATC_LOG_LEVEL: 'info',
      ATC_AGENT_DROP_DIR: dropDir,
      ATC_AGENT_DROP_SCAN_INTERVAL: '200ms',
    },
  });
}, 60_000);

afterAll(async () => {
  await agent?.kill('SIGKILL');
  await fed?.close();
  if (prepared !== undefined) await rm(prepared.dataDir, { recursive: true, force: true });
  if (dropDir !== undefined) await rm(dropDir, { recursive: true, force: true });
});

describe.skipIf('missing' in skewed)(
  `an agent with a skewed clock${'missing' in skewed ? ` (${skewed.missing})` : ''}`,
  () => {
    it('refuses every record before signing while 10 minutes ahead, and takes them again once its clock is right', async () => {
      if ('missing' in skewed) return;
      agent = await spawnAgentProcess({ ...prepared.env, ...skewed.env }, prepared.dataDir, { readyPath: '/healthz' });
      const url = agent.url;

      // Measured at start from the centre's time, before any record or receipt.
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(503);
      const checks = ((await ready.json()) as { checks: { name: string; ok: boolean; reason?: string }[] }).checks;
      const clock = checks.find((c) => c.name === 'clock');
      expect(clock?.ok).toBe(false);
      expect(clock?.reason).toMatch(/ahead of the centre's.*NTP/);

      const answers = await Promise.all(
        Array.from({ length: RECORDS }, (_, i) =>
          callAgent(url, 'POST', '/v1/messages', personRequest(['RU'], 9000 + i)),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(Array<number>(RECORDS).fill(503));
      for (const a of answers) {
        expect(a.body['code']).toBe(ErrorCode.CLOCK_SKEW);
        expect(a.headers.get('retry-after')).toBe('60');
        expect(String(a.body['detail'])).toMatch(/clock is \d+ s ahead of the centre's.*NTP.*Nothing was signed/);
      }
      // A file dropped meanwhile stays in in/, to be sent once the agent takes records again.
      await mkdir(join(dropDir, 'in'), { recursive: true });
      const lines = Array.from({ length: DROPPED }, (_, i) => JSON.stringify(personRequest(['RU'], 9200 + i)));
      await writeFile(join(dropDir, 'in', 'skewed.jsonl.part'), `${lines.join('\n')}\n`);
      await rename(join(dropDir, 'in', 'skewed.jsonl.part'), join(dropDir, 'in', 'skewed.jsonl'));
      await waitFor(
        async () => ((await metric(url, `atc_agent_drop_errors_total{code="${ErrorCode.CLOCK_SKEW}"}`)) ?? 0) >= 1,
        { timeoutMs: 15_000, message: 'the dropped file put off for the clock' },
      );
      expect(await readdir(join(dropDir, 'in'))).toEqual(['skewed.jsonl']);

      // Nothing signed, nothing sent.
      const outbox = await callAgent(url, 'GET', '/v1/messages');
      expect(outbox.body['messages']).toEqual([]);
      expect(await metric(url, 'atc_agent_outbox_depth')).toBe(0);

      const offset = await metric(url, 'atc_agent_clock_offset_seconds');
      expect(offset).toBeGreaterThan(590);
      expect(offset).toBeLessThan(610);
      expect(await metric(url, 'atc_agent_clock_skewed')).toBe(1);
      const alarms = await callAgent(url, 'GET', '/v1/alarms');
      expect(alarms.body['clock']).toMatchObject({
        limitSeconds: 150,
        detail: expect.stringMatching(/NTP/) as unknown,
      });
      expect((alarms.body['clock'] as { offsetSeconds: number }).offsetSeconds).toBeGreaterThan(590);

      // Warned once, not per record nor per check.
      await waitFor(async () => (await metric(url, 'atc_agent_clock_skewed')) === 1, { timeoutMs: 5_000 });
      const warnings = (await readFile(agent.logFile, 'utf8'))
        .split('\n')
        .filter((l) => l.includes("this agent's clock is off the centre's"));
      expect(warnings).toHaveLength(1);
      expect(JSON.parse(warnings[0]!)).toMatchObject({ level: 40, offsetSeconds: expect.any(Number) as unknown });

      expect(await agent.kill('SIGKILL')).toBeNull();
      expect(await archivedFromKz()).toEqual({ archived: 0, quarantined: 0 });

      // The same agent, the clock right: ready, and records are taken and archived.
      agent = await spawnAgentProcess(prepared.env, prepared.dataDir);
      const fixed = agent.url;
      expect(Math.abs((await metric(fixed, 'atc_agent_clock_offset_seconds')) ?? 999)).toBeLessThan(5);
      expect(await metric(fixed, 'atc_agent_clock_skewed')).toBe(0);
      expect((await callAgent(fixed, 'GET', '/v1/alarms')).body['clock']).toBeNull();
      const taken = await Promise.all(
        Array.from({ length: RECORDS }, (_, i) =>
          callAgent(fixed, 'POST', '/v1/messages', personRequest(['RU'], 9100 + i)),
        ),
      );
      expect(taken.map((a) => a.status)).toEqual(Array<number>(RECORDS).fill(202));
      await waitFor(
        async () => (await readdir(join(dropDir, 'done')).catch((): string[] => [])).includes('skewed.jsonl'),
        {
          timeoutMs: 30_000,
          message: 'the dropped file sent once the clock is right',
        },
      );
      await waitFor(async () => (await archivedFromKz()).archived === RECORDS + DROPPED, {
        timeoutMs: 30_000,
        message: `${RECORDS + DROPPED} records from KZ archived`,
      });
      expect((await archivedFromKz()).quarantined).toBe(0);
    }, 120_000);
  },
);

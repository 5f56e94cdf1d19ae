// The PostgreSQL outbox-table adapter against the machine's real PostgreSQL (a throwaway
// database), a real nats-server, gateway and agents: rows the national system inserts are
// sent once each through an agent that is killed and a NATS that goes away, their statuses
// are written back, bad rows are refused with the agent's code, and received items land in
// the receiving member's inbox table once.
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@atc/gateway';
import {
  binPath,
  createTestDatabase,
  personRequest,
  prepareAgent,
  spawnAgentProcess,
  startTestFederation,
  waitFor,
  type NatsServerHandle,
  type GatewayFixture,
  type ServiceProcess,
  type TestDatabase,
  type TestFederation,
} from '@atc/tests';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const CLI = binPath('agent');

const ROWS = 4_000;
/** A tenth of the rows: the steps of the run below. */
const STEP = ROWS / 10;
const BATCH = 500;

let db: TestDatabase;
let fed: TestFederation;
let nats: NatsServerHandle;
let gw: GatewayFixture;
let client: pg.Client;

/** Runs `atc-agent <args>` through its bin with only `env` of the ATC_* settings. */
function atcAgent(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const inherited = Object.entries(process.env).filter(([name]) => !name.startsWith('ATC_'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: repoRoot,
      env: { ...Object.fromEntries(inherited), ...env },
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

/** Inserts `payloads` into the outbox table of `schema` in one statement, as a national system would. */
async function insertRows(schema: string, payloads: readonly unknown[]): Promise<void> {
  await client.query(`INSERT INTO ${schema}.outbox (payload) SELECT unnest($1::jsonb[])`, [
    payloads.map((p) => JSON.stringify(p)),
  ]);
}

/** Rows of the outbox table of `schema` per state. */
async function states(schema: string): Promise<Record<string, number>> {
  const { rows } = await client.query<{ state: string; n: string }>(
    `SELECT state, count(*) AS n FROM ${schema}.outbox GROUP BY state`,
  );
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

beforeAll(async () => {
  db = await createTestDatabase();
  // The national side's tables, made by the command an integrator runs.
  const [kzInit, byInit] = await Promise.all([
    atcAgent(['adapter', 'pg', 'init', '--url', db.url, '--schema', 'kz']),
    atcAgent(['adapter', 'pg', 'init', '--schema', 'by'], { ATC_AGENT_PG_ADAPTER_URL: db.url }),
  ]);
  expect(kzInit, kzInit.stderr).toMatchObject({ code: 0 });
  expect(kzInit.stdout).toContain('"kz"."outbox"');
  expect(kzInit.stdout).toContain('channel "kz_outbox"');
  expect(byInit, byInit.stderr).toMatchObject({ code: 0 });
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  fed = await startTestFederation({
    members: {
      BY: {
        env: {
          ATC_AGENT_PG_ADAPTER_URL: db.url,
          ATC_AGENT_PG_ADAPTER_SCHEMA: 'by',
          ATC_AGENT_PG_ADAPTER_INBOX: 'true',
          ATC_AGENT_PG_ADAPTER_POLL_INTERVAL: '1s',
        },
      },
    },
  });
  ({ nats, gateway: gw } = fed);
}, 90_000);

afterAll(async () => {
  await client?.end();
  await fed?.close();
  await db?.drop();
}, 120_000);

describe('atc-agent adapter pg init', () => {
  it('runs again without harm and keeps the rows', async () => {
    const env = { ATC_AGENT_PG_ADAPTER_URL: db.url, ATC_AGENT_PG_ADAPTER_SCHEMA: 'again' };
    expect((await atcAgent(['adapter', 'pg', 'init'], env)).code).toBe(0);
    await insertRows('again', [personRequest(['UZ'], 600_001)]);
    expect((await atcAgent(['adapter', 'pg', 'init'], env)).code).toBe(0);
    expect(await states('again')).toEqual({ pending: 1 });
  }, 30_000);

  it('refuses a URL with a password, a bad schema name and an unreachable server, with codes', async () => {
    const withPassword = new URL(db.url);
    withPassword.password = 'Primerov-secret';
    const pw = await atcAgent(['adapter', 'pg', 'init', '--url', withPassword.href]);
    expect(pw.code).toBe(1);
    expect(pw.stderr).toContain('ERR_CONFIG_INVALID');
    expect(pw.stderr).toContain('ATC_AGENT_PG_ADAPTER_PASSWORD');
    expect(pw.stderr).not.toContain('Primerov-secret');
    const schema = await atcAgent(['adapter', 'pg', 'init', '--url', db.url, '--schema', 'Bad-Name']);
    expect(schema.code).toBe(1);
    expect(schema.stderr).toContain('ATC_AGENT_PG_ADAPTER_SCHEMA');
    const down = await atcAgent(['adapter', 'pg', 'init', '--url', 'postgres://postgres@127.0.0.1:1/nowhere']);
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('ERR_STORAGE_UNAVAILABLE');
    const usage = await atcAgent(['adapter', 'pg', 'drop']);
    expect(usage.code).toBe(2);
  }, 60_000);
});

describe('PostgreSQL outbox-table adapter', () => {
  it('sends 4,000 rows once each while the agent is killed, NATS goes away and PostgreSQL drops it; writes every status back', async () => {
    const prepared = await prepareAgent({
      nats,
      member: 'KZ',
      env: {
        ATC_AGENT_PG_ADAPTER_URL: db.url,
        ATC_AGENT_PG_ADAPTER_SCHEMA: 'kz',
        ATC_AGENT_PG_ADAPTER_POLL_INTERVAL: '1s',
        ATC_AGENT_PG_ADAPTER_BATCH: '500',
      },
    });
    let kz: ServiceProcess | undefined;
    try {
      kz = await spawnAgentProcess(prepared.env, prepared.dataDir);
      // Every 20th row goes to BY, whose agent writes it into its inbox table; the rest to UZ
      // (no agent runs for UZ: the centre keeps them for it), which keeps the run short.
      const good = (n: number): unknown => personRequest(n % 20 === 0 ? ['BY'] : ['UZ'], n);
      const insertGood = async (from: number, to: number): Promise<void> => {
        for (let n = from; n < to; n += BATCH) {
          await insertRows(
            'kz',
            Array.from({ length: Math.min(BATCH, to - n) }, (_, i) => good(n + i)),
          );
        }
      };
      // Rows go in while the agent works on them; then it is killed mid-way (SIGKILL: its
      // transactions on the outbox table die with it) while more rows arrive.
      await insertGood(0, 2 * STEP);
      await waitFor(async () => ((await states('kz'))['sent'] ?? 0) + ((await states('kz'))['accepted'] ?? 0) > 0, {
        timeoutMs: 20_000,
        message: 'KZ takes rows',
      });
      expect(await kz.kill('SIGKILL')).toBeNull();
      await insertGood(2 * STEP, 4 * STEP);
      await kz.restart();
      // Bad rows among good ones: each refused with the agent's code, never retried.
      await insertRows('kz', [
        {},
        'not an object',
        { ...(good(900_001) as object), handling: { tlp: 'PURPLE' } },
        { ...(good(900_002) as object), record: { recordId: 'KZ-P-BAD', version: 'one' } },
      ]);
      await insertGood(4 * STEP, 5 * STEP);
      // NATS goes away: rows are still taken into the agent's outbox (sent), then published
      // once it is back. Meanwhile PostgreSQL ends the adapter's connections.
      await nats.kill('SIGTERM');
      await insertGood(5 * STEP, 7 * STEP);
      await waitFor(async () => ((await states('kz'))['pending'] ?? 0) === 0, {
        timeoutMs: 30_000,
        message: 'rows taken while NATS is away',
      });
      const killed = await client.query<{ n: string }>(
        `SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity
         WHERE datname = current_database() AND application_name = 'atc-agent-pg-adapter'`,
      );
      expect(Number(killed.rows[0]!.n)).toBeGreaterThanOrEqual(2);
      await insertGood(7 * STEP, 8 * STEP);
      await nats.restart();
      await insertGood(8 * STEP, ROWS);

      await waitFor(
        async () => {
          const s = await states('kz');
          return s['accepted'] === ROWS && s['rejected'] === 4;
        },
        { timeoutMs: 120_000, intervalMs: 500, message: `${ROWS} rows accepted, 4 rejected` },
      );
      expect(await states('kz')).toEqual({ accepted: ROWS, rejected: 4 });

      const refused = await client.query<{ refusal_code: string; refusal_detail: string; message_id: string | null }>(
        `SELECT refusal_code, refusal_detail, message_id FROM kz.outbox WHERE state = 'rejected' ORDER BY id`,
      );
      for (const r of refused.rows) {
        expect(r.refusal_code).toMatch(/^ERR_[A-Z_]+$/);
        expect(r.refusal_detail.length).toBeGreaterThan(10);
        expect(r.message_id).toBeNull();
      }
      expect(refused.rows[0]!.refusal_code).toBe('ERR_VALIDATION');

      const sent = await client.query<{ message_id: string; receipt_status: string; refusal_code: string | null }>(
        `SELECT message_id, receipt_status, refusal_code FROM kz.outbox WHERE state = 'accepted'`,
      );
      const ids = sent.rows.map((r) => r.message_id);
      expect(new Set(ids).size).toBe(ROWS);
      expect(sent.rows.every((r) => r.receipt_status === 'accepted' && r.refusal_code === null)).toBe(true);

      // The centre archived each row's message once, and nothing else from KZ's records.
      const archive = openDatabase(join(gw.dataDir, 'archive.db'));
      try {
        const archived = archive
          .prepare(`SELECT message_id FROM messages WHERE sender = 'KZ' AND payload_type = 'atc.v1.PersonRecord'`)
          .all() as { message_id: string }[];
        expect(archived.length).toBe(ROWS);
        const inArchive = new Set(archived.map((a) => a.message_id));
        expect(ids.every((id) => inArchive.has(id))).toBe(true);
      } finally {
        archive.close();
      }

      // The agent's own outbox made one message per row: a retried row got its first one back.
      const metrics = await (await fetch(new URL('/metrics', kz.url))).text();
      expect(metrics).toMatch(/atc_agent_pg_adapter_connected 1/);
      expect(metrics).toMatch(/atc_agent_pg_adapter_connection_failures_total [1-9]/);
      const log = await readFile(kz.logFile, 'utf8');
      expect(log).toContain('reconnect');
      expect(log).not.toMatch(/password/i);

      // The receiving member's inbox table holds each item once, handed over (DeliveryAck).
      const toBy = (
        await client.query<{ message_id: string }>(
          `SELECT message_id FROM kz.outbox WHERE state = 'accepted' AND payload->'recipients' ? 'BY'`,
        )
      ).rows.map((r) => r.message_id);
      expect(toBy.length).toBe(ROWS / 20);
      await waitFor(
        async () =>
          Number(
            (
              await client.query<{ n: string }>(
                `SELECT count(*) AS n FROM by.inbox WHERE sender = 'KZ' AND payload_type = 'atc.v1.PersonRecord'`,
              )
            ).rows[0]!.n,
          ) === toBy.length,
        { timeoutMs: 60_000, intervalMs: 500, message: 'BY inbox table holds every item' },
      );
      const inbox = await client.query<{ message_id: string; record: { recordId: string }; handed_over: boolean }>(
        `SELECT message_id, record, handed_over FROM by.inbox WHERE sender = 'KZ'`,
      );
      expect(inbox.rows.length).toBe(toBy.length);
      expect(new Set(inbox.rows.map((r) => r.message_id))).toEqual(new Set(toBy));
      expect(new Set(inbox.rows.map((r) => r.record.recordId)).size).toBe(toBy.length);
      expect(inbox.rows.every((r) => !r.handed_over)).toBe(true);
      const item = await fed.agent('BY').api('GET', `/v1/inbox/${toBy[0]!}`);
      expect(item.body).toMatchObject({ state: 'delivered' });
    } finally {
      await kz?.kill('SIGKILL');
      await rm(prepared.dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});

describe('LISTEN/NOTIFY', () => {
  it('takes a row within seconds of its insert when polling is an hour apart', async () => {
    const init = await atcAgent(['adapter', 'pg', 'init', '--url', db.url, '--schema', 'ru']);
    expect(init.code).toBe(0);
    const ru = await fed.startAgent('RU', {
      env: {
        ATC_AGENT_PG_ADAPTER_URL: db.url,
        ATC_AGENT_PG_ADAPTER_SCHEMA: 'ru',
        ATC_AGENT_PG_ADAPTER_POLL_INTERVAL: '1h',
      },
    });
    await waitFor(
      async () =>
        (await fetch(new URL('/metrics', ru.agent.url)).then((r) => r.text())).includes(
          'atc_agent_pg_adapter_connected 1',
        ),
      { timeoutMs: 10_000, message: 'RU adapter connected' },
    );
    // Nothing tells when the first read after connecting is done; half a second is far more
    // than it takes on an empty table, and the next poll is an hour away.
    await new Promise((r) => setTimeout(r, 500));
    await insertRows('ru', [personRequest(['UZ'], 500_001)]);
    await waitFor(async () => (await states('ru'))['pending'] === undefined, {
      timeoutMs: 10_000,
      message: 'the row taken on NOTIFY',
    });
    await waitFor(async () => (await states('ru'))['accepted'] === 1, {
      timeoutMs: 30_000,
      message: 'the row accepted',
    });
    const metrics = await fetch(new URL('/metrics', ru.agent.url)).then((r) => r.text());
    expect(metrics).toContain('atc_agent_pg_adapter_rows_total{outcome="sent"} 1');
    expect(metrics).toContain('atc_agent_pg_adapter_rows_total{outcome="accepted"} 1');

    // A row handed over again (as after a crash before its commit) gets its first message
    // back; with its payload changed since, it is failed with the agent's code.
    const first = await client.query<{ id: string; message_id: string }>(`SELECT id, message_id FROM ru.outbox`);
    const { id, message_id: messageId } = first.rows[0]!;
    await client.query(`UPDATE ru.outbox SET state = 'pending' WHERE id = $1`, [id]);
    await insertRows('ru', [personRequest(['UZ'], 500_002)]);
    await waitFor(async () => (await states('ru'))['accepted'] === 2, {
      timeoutMs: 30_000,
      message: 'the replayed row accepted again',
    });
    const replayed = await client.query<{ message_id: string }>(`SELECT message_id FROM ru.outbox WHERE id = $1`, [id]);
    expect(replayed.rows[0]!.message_id).toBe(messageId);
    await client.query(`UPDATE ru.outbox SET state = 'pending', payload = $2::jsonb WHERE id = $1`, [
      id,
      JSON.stringify(personRequest(['UZ'], 500_003)),
    ]);
    await insertRows('ru', [personRequest(['UZ'], 500_004)]);
    await waitFor(async () => (await states('ru'))['failed'] === 1, {
      timeoutMs: 30_000,
      message: 'the changed row failed',
    });
    const failed = await client.query<{ refusal_code: string; refusal_detail: string }>(
      `SELECT refusal_code, refusal_detail FROM ru.outbox WHERE id = $1`,
      [id],
    );
    expect(failed.rows[0]!.refusal_code).toBe('ERR_IDEMPOTENCY_KEY_REUSED');
    expect(failed.rows[0]!.refusal_detail.length).toBeGreaterThan(10);
    const archive = openDatabase(join(gw.dataDir, 'archive.db'));
    try {
      const n = archive.prepare(`SELECT count(*) AS n FROM messages WHERE message_id = ?`).get(messageId) as {
        n: number;
      };
      expect(n.n).toBe(1);
    } finally {
      archive.close();
    }
  }, 90_000);
});

describe('agent settings of the adapter', () => {
  it('are checked at start: the agent refuses to start with a password in the URL', async () => {
    const prepared = await prepareAgent({
      nats,
      member: 'KZ',
      env: { ATC_AGENT_PG_ADAPTER_URL: 'postgres://kz:Testov-pw@127.0.0.1/db' },
    });
    try {
      const run = await atcAgent(['serve'], prepared.env);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('ATC_AGENT_PG_ADAPTER_URL');
      expect(run.stderr).not.toContain('Testov-pw');
    } finally {
      await rm(prepared.dataDir, { recursive: true, force: true });
    }
  }, 30_000);
});

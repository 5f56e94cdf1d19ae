// The PostgreSQL outbox-table adapter reads whatever JSON a national system puts in a row's
// payload: arbitrary and mutated payloads are each taken and end accepted, sent or refused
// with a code of the catalogue; none stays pending, none stops the adapter.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzParameters, isKnownCode, jsonAround } from '@atc/shared/testing';
import {
  binPath,
  createTestDatabase,
  personRequest,
  startTestFederation,
  waitFor,
  type TestDatabase,
  type TestFederation,
} from '@atc/tests';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const CLI = binPath('agent');

let db: TestDatabase;
let fed: TestFederation;
let client: pg.Client;

/** `atc-agent adapter pg init` through its bin: the command an integrator runs. */
function initTables(url: string, schema: string): Promise<number | null> {
  const inherited = Object.entries(process.env).filter(([name]) => !name.startsWith('ATC_'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'adapter', 'pg', 'init', '--url', url, '--schema', schema], {
      cwd: repoRoot,
      env: Object.fromEntries(inherited),
      stdio: 'ignore',
    });
    child.once('error', reject);
    child.once('close', resolve);
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  expect(await initTables(db.url, 'kz')).toBe(0);
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  fed = await startTestFederation({
    members: {
      KZ: {
        env: {
          ATC_AGENT_PG_ADAPTER_URL: db.url,
          ATC_AGENT_PG_ADAPTER_SCHEMA: 'kz',
          ATC_AGENT_PG_ADAPTER_POLL_INTERVAL: '1s',
        },
      },
    },
  });
}, 90_000);

afterAll(async () => {
  await client?.end();
  await fed?.close();
  await db?.drop();
}, 120_000);

describe('the PostgreSQL adapter', () => {
  it('takes every row whatever its payload, and refuses the bad ones with a code', async () => {
    const { numRuns, seed } = fuzzParameters(120);
    const payloads = fc.sample(
      fc.oneof(
        { weight: 1, arbitrary: fc.constant(personRequest(['BY'], 1)) },
        { weight: 8, arbitrary: jsonAround(personRequest(['BY'], 2)) },
      ),
      { numRuns, seed },
    );
    // Two rows more that jsonb holds but JSON.parse would not meet in a request body: a bare string and null.
    const rows = [...payloads, 'a string', null];
    await client.query(`INSERT INTO kz.outbox (payload) SELECT unnest($1::jsonb[])`, [
      rows.map((p) => JSON.stringify(p) ?? 'null'),
    ]);
    await waitFor(
      async () => {
        const { rows: left } = await client.query<{ n: string }>(
          `SELECT count(*) AS n FROM kz.outbox WHERE state = 'pending'`,
        );
        return Number(left[0]!.n) === 0;
      },
      { timeoutMs: 60_000, message: 'every outbox row taken' },
    );
    const { rows: outcomes } = await client.query<{
      state: string;
      refusal_code: string | null;
      refusal_detail: string | null;
    }>(`SELECT state, refusal_code, refusal_detail FROM kz.outbox ORDER BY id`);
    expect(outcomes).toHaveLength(rows.length);
    for (const row of outcomes) {
      expect(['sent', 'accepted', 'rejected']).toContain(row.state);
      if (row.state === 'rejected') {
        expect(isKnownCode(row.refusal_code), JSON.stringify(row)).toBe(true);
        expect(row.refusal_detail?.length ?? 0, JSON.stringify(row)).toBeGreaterThan(0);
      }
    }
    expect(outcomes.some((r) => r.state !== 'rejected')).toBe(true);
  });
});

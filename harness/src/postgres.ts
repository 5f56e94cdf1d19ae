import { randomBytes } from 'node:crypto';

import { Client } from 'pg';

import { HarnessError, HarnessErrorCode } from './harness-error.js';

/** Environment variable overriding the admin connection used to create test databases. */
export const POSTGRES_ADMIN_URL_ENV = 'ATC_TEST_PG_ADMIN_URL';

const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
/** Same major version as Debian 12's server, so both runtimes behave alike. */
const POSTGRES_IMAGE = 'postgres:15-alpine';
const CONNECT_TIMEOUT_MS = 3000;

/** A throwaway database on a real PostgreSQL server. */
export interface TestDatabase extends AsyncDisposable {
  /** Database name, `atc_test_<random hex>`. */
  readonly name: string;
  /** Connection URL of the test database. */
  readonly url: string;
  /** Connection URL of the server's maintenance database, for assertions about the server itself. */
  readonly adminUrl: string;
  /** Drops the database, ending any connections still open to it. Idempotent. */
  drop(): Promise<void>;
}

/**
 * Creates a uniquely named empty database (or a copy of `template`, which must have no open
 * connections) on the local PostgreSQL server
 * (`ATC_TEST_PG_ADMIN_URL`, default `postgres://postgres@127.0.0.1:5432/postgres`). When the
 * default server is unreachable it falls back to one PostgreSQL container shared by the test
 * process; an explicitly configured URL that fails is reported, never silently replaced.
 */
export async function createTestDatabase(options: { readonly template?: string } = {}): Promise<TestDatabase> {
  const adminUrl = await resolveAdminUrl();
  const name = `atc_test_${randomBytes(6).toString('hex')}`;
  const template = options.template === undefined ? '' : ` TEMPLATE "${options.template}"`;
  await runAdminStatement(adminUrl, `CREATE DATABASE "${name}"${template}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  const drop = async (): Promise<void> => {
    if (dropped) return;
    dropped = true;
    await runAdminStatement(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  };
  return { name, url: url.toString(), adminUrl, drop, [Symbol.asyncDispose]: drop };
}

/** The admin URL to use, probed once per test process. */
let adminUrlPromise: Promise<string> | undefined;

function resolveAdminUrl(): Promise<string> {
  adminUrlPromise ??= probeAdminUrl();
  return adminUrlPromise;
}

async function probeAdminUrl(): Promise<string> {
  const configured = process.env[POSTGRES_ADMIN_URL_ENV];
  const explicit = configured !== undefined && configured !== '';
  const localUrl = explicit ? configured : DEFAULT_ADMIN_URL;
  let localError: unknown;
  try {
    await runAdminStatement(localUrl, 'SELECT 1');
    return localUrl;
  } catch (error: unknown) {
    localError = error;
  }
  const where = `${withoutPassword(localUrl)} (${describe(localError)})`;
  if (explicit) {
    throw new HarnessError(
      HarnessErrorCode.PostgresUnavailable,
      `PostgreSQL is not usable at ${POSTGRES_ADMIN_URL_ENV}=${where}. Fix the URL or start that server.`,
      { cause: localError },
    );
  }
  try {
    return await startPostgresContainer();
  } catch (error: unknown) {
    throw new HarnessError(
      HarnessErrorCode.PostgresUnavailable,
      `PostgreSQL is not reachable at ${where}, and the container fallback failed (${describe(error)}). ` +
        'Start the local server (`pg_ctlcluster 15 main start`), install it (`apt-get install -y postgresql`), ' +
        `or set ${POSTGRES_ADMIN_URL_ENV} to a superuser connection URL.`,
      { cause: error },
    );
  }
}

/**
 * Starts one PostgreSQL container for the rest of the test process and returns its admin URL.
 * It is not stopped explicitly: testcontainers' reaper removes it when the process ends.
 */
async function startPostgresContainer(): Promise<string> {
  // Imported lazily: testcontainers takes about half a second to load and is rarely needed.
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer(POSTGRES_IMAGE).start();
  return container.getConnectionUri();
}

async function runAdminStatement(adminUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function describe(error: unknown): string {
  if (error instanceof AggregateError) return error.errors.map(describe).join('; ');
  return error instanceof Error ? error.message || error.name : String(error);
}

/** `url` with its password, if any, masked: admin URLs appear in failure messages. */
function withoutPassword(url: string): string {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (parsed === undefined) return '(unparsable URL)';
  if (parsed.password !== '') parsed.password = '***';
  return parsed.href;
}

import pg from 'pg';
import { AtcError, ErrorCode } from '@atc/shared';
import type { PgAdapterInitConfig } from '../../config/agent-config.js';
import { createTablesSql, notifyChannel, qualified } from './pg-tables.js';

/** What `atc-agent adapter pg init` created. */
export interface PgInitSummary {
  readonly outbox: string;
  readonly inbox: string;
  readonly channel: string;
}

/**
 * Creates the adapter's schema, tables and NOTIFY trigger (idempotent) in one transaction.
 *
 * @throws AtcError ERR_STORAGE_UNAVAILABLE when the database cannot be reached or refuses
 *   the DDL (the server's message says why, e.g. a missing privilege).
 */
export async function initPgTables(config: PgAdapterInitConfig): Promise<PgInitSummary> {
  const client = new pg.Client({
    connectionString: config.url,
    ...(config.password === undefined ? {} : { password: config.password }),
    application_name: 'atc-agent-pg-init',
    connectionTimeoutMillis: 10_000,
  });
  client.on('error', () => undefined);
  const where = new URL(config.url);
  where.password = '';
  try {
    await client.connect();
    await client.query('BEGIN');
    await client.query(createTablesSql(config.names));
    await client.query('COMMIT');
  } catch (e) {
    throw new AtcError(
      ErrorCode.STORAGE_UNAVAILABLE,
      `cannot create the adapter tables in ${where.href} (${(e as Error).message}); check the URL, that the server runs and that the user may create a schema there`,
      { cause: e, retryable: true },
    );
  } finally {
    await client.end().catch(() => undefined);
  }
  return {
    outbox: qualified(config.names, 'outbox'),
    inbox: qualified(config.names, 'inbox'),
    channel: notifyChannel(config.names),
  };
}

import { existsSync } from 'node:fs';
import { AtcError, ErrorCode, systemClock } from '@atc/shared';
import { openDatabase } from '../archive/open-database.js';
import { loadGatewayConfig } from '../config.js';
import { Registry } from '../registry/registry.js';
import type { CliIo } from './cli-io.js';

/**
 * Runs `use` with the registry of the configured archive (the gateway id reserved),
 * closing the database after.
 * Works beside a running gateway: changes are transactions the gateway sees at once.
 *
 * @throws AtcError NOT_INITIALISED when there is no archive yet.
 */
export async function withRegistry<T>(io: CliIo, use: (registry: Registry) => T | Promise<T>): Promise<T> {
  const { config } = loadGatewayConfig(io.env);
  if (!existsSync(config.archivePath)) {
    throw new AtcError(
      ErrorCode.NOT_INITIALISED,
      `there is no archive at ${config.archivePath}; run "atc-gateway init" first (or set ATC_DATA_DIR to the gateway's data dir).`,
    );
  }
  const db = openDatabase(config.archivePath);
  try {
    return await use(new Registry(db, systemClock, { reservedIds: [config.gatewayId] }));
  } finally {
    db.close();
  }
}

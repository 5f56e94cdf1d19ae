import { existsSync } from 'node:fs';
import { AtcError, ErrorCode, systemClock } from '@atc/shared';
import { loadGatewayKey } from '../archive/load-gateway-key.js';
import { openArchiveDb } from '../db/open-database.js';
import { Registry } from '../registry/registry.js';
import type { CliIo } from './cli-io.js';
import { configuredArchive, openConfiguredArchive } from './configured-archive.js';

/**
 * Runs `use` with the registry of the configured archive (the gateway id reserved),
 * closing the database after.
 * Works beside a running gateway: changes are transactions the gateway sees at once.
 *
 * @throws AtcError NOT_INITIALISED when there is no archive yet.
 */
export async function withRegistry<T>(io: CliIo, use: (registry: Registry) => T | Promise<T>): Promise<T> {
  const { config, location } = configuredArchive(
    io,
    `run "atc-gateway init" first (or set ATC_DATA_DIR to the gateway's data dir).`,
  );
  // Key changes are signed into the archive log, so they need the gateway key; member
  // changes do not.
  const key = existsSync(config.keyFile) ? await loadGatewayKey(config.keyFile) : undefined;
  if (key === undefined) {
    const db = await openArchiveDb(location);
    try {
      return await use(
        new Registry(db, systemClock, {
          reservedIds: [config.gatewayId],
          onKeyEvent: () => {
            return Promise.reject(
              new AtcError(
                ErrorCode.KEY_FILE_INVALID,
                `a key change is logged as a KeyEvent signed by the gateway, but there is no gateway key at ${config.keyFile}; run "atc-gateway init" first, or set ATC_GATEWAY_KEY_FILE.`,
              ),
            );
          },
        }),
      );
    } finally {
      await db.close();
    }
  }
  const archive = await openConfiguredArchive(config, location, key);
  try {
    return await use(archive.registry);
  } finally {
    await archive.close();
  }
}

import { existsSync } from 'node:fs';
import { AtcError, ErrorCode, systemClock, type KeyPair } from '@atc/shared';
import { openArchive, type Archive } from '../assembly/open-archive.js';
import type { ArchiveLocation } from '../db/open-database.js';
import { archiveLocation, loadGatewayConfig, type GatewayConfig } from '../config/gateway-config.js';
import type { CliIo } from './cli-io.js';

/**
 * The configured gateway and where its archive is. A SQLite archive must exist already
 * (commands other than `init` never create one by mistake in the wrong folder); a
 * PostgreSQL archive is checked when it is opened.
 *
 * @throws AtcError NOT_INITIALISED when the SQLite archive file is missing.
 */
export function configuredArchive(io: CliIo, hint: string): { config: GatewayConfig; location: ArchiveLocation } {
  const { config, secrets } = loadGatewayConfig(io.env);
  const location = archiveLocation(config, secrets);
  if ('path' in location && !existsSync(location.path)) {
    throw new AtcError(ErrorCode.NOT_INITIALISED, `there is no archive at ${location.path}; ${hint}`);
  }
  return { config, location };
}

/** Opens the archive at `location` as the gateway of `config` does, signing with `key`; the caller closes it. */
export function openConfiguredArchive(
  config: GatewayConfig,
  location: ArchiveLocation,
  key: KeyPair,
): Promise<Archive> {
  return openArchive({
    location,
    gatewayId: config.gatewayId,
    logOrigin: config.logOrigin,
    key,
    clock: systemClock,
  });
}

import { existsSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AtcError, ErrorCode, generateKeyPair, loadKeyFile, saveKeyFile, type KeyPair } from '@atc/shared';
import { openArchiveDb } from '../../db/open-database.js';
import { archiveLocation, loadGatewayConfig } from '../../config/gateway-config.js';
import type { CliIo } from '../cli-io.js';
import { helpText } from '../help-text.js';
import { parseCommandLine } from '../parse-command-line.js';

/**
 * `atc-gateway init`: data dir (0700), gateway key (0600, never overwritten) and archive.
 * Idempotent: a second run reports the existing key and changes nothing.
 */
export async function initCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine(
    'init',
    args,
    { help: { type: 'boolean', short: 'h' }, json: { type: 'boolean' } },
    { names: [] },
  );
  if (values.help === true) {
    io.out(helpText('init'));
    return 0;
  }
  const { config, secrets } = loadGatewayConfig(io.env);
  const location = archiveLocation(config, secrets);
  const dirs = [config.dataDir, dirname(config.keyFile), ...('path' in location ? [dirname(location.path)] : [])];
  for (const dir of new Set(dirs)) {
    await ensurePrivateDir(dir, io);
  }
  const existing = await existingKey(config.keyFile);
  const key = existing ?? generateKeyPair();
  if (existing === undefined) await saveKeyFile(config.keyFile, key);
  const db = await openArchiveDb(location);
  const archiveAt = db.location;
  await db.close();

  const created = existing === undefined;
  if (values.json === true) {
    io.out(
      JSON.stringify({
        gatewayId: config.gatewayId,
        kid: key.kid,
        publicJwk: key.publicJwk,
        keyFile: config.keyFile,
        archive: archiveAt,
        created,
      }),
    );
    return 0;
  }
  io.out(
    created
      ? `Initialised gateway ${config.gatewayId} in ${config.dataDir}.`
      : `Gateway ${config.gatewayId} is already initialised in ${config.dataDir}; nothing was changed.`,
  );
  io.out(`  key file:  ${config.keyFile} (private: back it up offline, never share it)`);
  io.out(`  archive:   ${archiveAt}`);
  io.out(`  gateway:   ${config.gatewayId}`);
  io.out(`  kid:       ${key.kid}`);
  io.out('Public key, which every node agent pins as the gateway key:');
  io.out(JSON.stringify(key.publicJwk));
  return 0;
}

/** Creates `dir` with mode 0700 when missing; warns when an existing one is open to others. */
async function ensurePrivateDir(dir: string, io: CliIo): Promise<void> {
  const created = await mkdir(dir, { recursive: true, mode: 0o700 });
  if (created !== undefined) {
    await chmod(dir, 0o700); // the umask may have cleared bits; make the mode exact
    return;
  }
  const mode = (await stat(dir)).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    io.err(
      `atc-gateway: warning: ${dir} has mode ${mode.toString(8).padStart(3, '0')}; others can see the gateway's files. Run "chmod 700 ${dir}".`,
    );
  }
}

/** The key already at `path`, `undefined` when there is none; refuses a file that is not a usable key. */
async function existingKey(path: string): Promise<KeyPair | undefined> {
  if (!existsSync(path)) return undefined;
  try {
    return await loadKeyFile(path);
  } catch (e) {
    if (e instanceof AtcError && e.code === ErrorCode.KEY_FILE_UNSAFE) throw e;
    throw new AtcError(
      ErrorCode.KEY_FILE_EXISTS,
      `${path} exists but is not a usable gateway key (${(e as Error).message}); init never overwrites a key file: restore or move it away, then run init again.`,
      { cause: e },
    );
  }
}

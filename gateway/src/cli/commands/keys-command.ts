import { rename } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import {
  AtcError,
  ErrorCode,
  generateKeyPair,
  isOneOf,
  parsers,
  RevocationReason,
  saveKeyFile,
  systemClock,
  toIso,
} from '@atc/shared';
import { rotateGatewayKey } from '../../archive/gateway-key-rotation.js';
import { loadGatewayKey } from '../../archive/load-gateway-key.js';
import { configuredArchive, openConfiguredArchive } from '../configured-archive.js';
import { AuditAction, type MemberKey } from '../../registry/registry-types.js';
import { actorOf } from '../actor-of.js';
import type { CliIo } from '../cli-io.js';
import { commandGroup } from '../command-group.js';
import { printListing } from '../format-table.js';
import { helpText } from '../help-text.js';
import { parseCommandLine } from '../parse-command-line.js';
import { parseTime } from '../parse-time.js';
import { UsageError } from '../usage-error.js';
import { withRegistry } from '../with-registry.js';
import { readJwkFile } from './read-jwk-file.js';

const help = { type: 'boolean', short: 'h' } as const;
const by = { type: 'string' } as const;
const reason = { type: 'string' } as const;
/** The form of a kid (an RFC 7638 thumbprint): it may begin with a dash. */
const KID_FORM = /^[A-Za-z0-9_-]{43}$/;

/** The grace period of a gateway key rotation unless --grace says otherwise. */
const DEFAULT_ROTATION_GRACE = '1h';

/** `atc-gateway keys add|list|revoke|rotate-gateway`. */
export const keysCommand = commandGroup('keys', { add, list, revoke, 'rotate-gateway': rotateGateway });

/**
 * `keys rotate-gateway`: a new gateway signing key. The new key is written beside the old one
 * first (`<key file>.next`), then the rotation is logged (signed by the old key), then the
 * files are swapped: the old key kept as `<key file>.<old kid>.retired`. A crash before the
 * swap leaves `.next` behind, which the next run refuses to overwrite.
 */
async function rotateGateway(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine(
    'keys rotate-gateway',
    args,
    { help, by, reason, grace: { type: 'string' } },
    { names: [] },
  );
  if (values.help === true) {
    io.out(helpText('keys'));
    return 0;
  }
  let graceMs: number;
  try {
    graceMs = parsers.duration()(values.grace ?? DEFAULT_ROTATION_GRACE);
  } catch (e) {
    throw new UsageError('keys', `keys rotate-gateway: --grace ${(e as Error).message}`);
  }
  const actor = actorOf('keys rotate-gateway', values);
  const { config, location } = configuredArchive(
    io,
    `run "atc-gateway init" first (or set ATC_DATA_DIR to the gateway's data dir).`,
  );
  const oldKey = await loadGatewayKey(config.keyFile);
  const nextFile = `${config.keyFile}.next`;
  if (existsSync(nextFile)) {
    throw new AtcError(
      ErrorCode.KEY_FILE_EXISTS,
      `${nextFile} exists: an earlier rotation stopped half way. If "atc-gateway archive verify" and the trust list name its key, move it to ${config.keyFile}; otherwise delete it, then run this again.`,
    );
  }
  const newKey = generateKeyPair();
  await saveKeyFile(nextFile, newKey);
  const archive = await openConfiguredArchive(config, location, oldKey);
  let rotation;
  try {
    // The audit row and both log entries commit together.
    rotation = await archive.registry.audited(
      actor,
      AuditAction.GATEWAY_KEY_ROTATE,
      `gateway:${config.gatewayId}`,
      async () => {
        const result = await rotateGatewayKey({
          db: archive.db,
          store: archive.store,
          committer: archive.committer,
          oldKey,
          newKey,
          gatewayId: config.gatewayId,
          graceMs,
          comment: `${actor.who}: ${actor.why}`,
          clock: systemClock,
        });
        return { result, details: { ...result } };
      },
    );
  } finally {
    await archive.close();
  }
  const retiredFile = `${config.keyFile}.${oldKey.kid}.retired`;
  await rename(config.keyFile, retiredFile);
  await rename(nextFile, config.keyFile);
  io.out(`Rotated the gateway key of ${config.gatewayId}: ${rotation.oldKid} -> ${rotation.newKid}.`);
  io.out(`  new key file:  ${config.keyFile}`);
  io.out(`  old key file:  ${retiredFile} (keep it offline until the grace period ends, then destroy it)`);
  io.out(`  grace:         the old key stays valid for what it signed until ${toIso(rotation.oldKeyUntil)}`);
  io.out('Restart every gateway replica with the new key file; node agents follow by themselves.');
  io.out('New public key (for agents installed from now on):');
  io.out(JSON.stringify(newKey.publicJwk));
  return 0;
}

async function add(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(
    'keys add',
    args,
    { help, by, reason, 'valid-from': { type: 'string' }, 'valid-until': { type: 'string' } },
    { names: ['<MEMBER>', '<public-jwk-file>'] },
  );
  if (values.help === true) {
    io.out(helpText('keys'));
    return 0;
  }
  const validity = {
    ...(values['valid-from'] === undefined
      ? {}
      : { validFrom: parseTime('keys add', '--valid-from', values['valid-from']) }),
    ...(values['valid-until'] === undefined
      ? {}
      : { validUntil: parseTime('keys add', '--valid-until', values['valid-until']) }),
  };
  const actor = actorOf('keys add', values);
  const [member, file] = positionals as [string, string];
  const { jwk, wasPrivate } = await readJwkFile(file, io.stdin);
  if (wasPrivate) {
    io.err(
      `atc-gateway: warning: ${file === '-' ? 'standard input' : file} holds a PRIVATE key; only its public part is registered. ` +
        "A member's private key must never leave the member: destroy this copy and tell the member it was exposed.",
    );
  }
  const key = await withRegistry(io, (registry) => registry.addKey(member, jwk, validity, actor));
  io.out(`Registered key ${key.kid} for ${key.memberId}, valid ${validityText(key)}.`);
  return 0;
}

async function revoke(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(
    'keys revoke',
    args,
    { help, by, reason, 'reason-code': { type: 'string' }, at: { type: 'string' } },
    { names: ['<KID>'], dashed: KID_FORM },
  );
  if (values.help === true) {
    io.out(helpText('keys'));
    return 0;
  }
  const code = values['reason-code'];
  if (!isOneOf(RevocationReason, code)) {
    const allowed = Object.values(RevocationReason).join(', ');
    throw new UsageError(
      'keys',
      code === undefined
        ? `keys revoke: --reason-code is required: ${allowed}`
        : `keys revoke: --reason-code ${JSON.stringify(code)} is not a revocation reason; use ${allowed}`,
    );
  }
  const at = values.at === undefined ? undefined : parseTime('keys revoke', '--at', values.at);
  const actor = actorOf('keys revoke', values);
  const key = await withRegistry(io, (registry) =>
    registry.revokeKey(positionals[0]!, { reason: code, ...(at === undefined ? {} : { at }) }, actor),
  );
  io.out(`Revoked key ${key.kid} of ${key.memberId} (${code}) as of ${toIso(key.revokedAt ?? 0)}.`);
  return 0;
}

async function list(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(
    'keys list',
    args,
    { help, json: { type: 'boolean' } },
    { names: ['<MEMBER>'], optional: 1 },
  );
  if (values.help === true) {
    io.out(helpText('keys'));
    return 0;
  }
  const keys = await withRegistry(io, (registry) => registry.listKeys(positionals[0]));
  printListing(io, {
    items: keys,
    json: values.json === true,
    empty: 'No keys registered; add one with "atc-gateway keys add".',
    header: ['MEMBER', 'KID', 'STATUS', 'VALID FROM', 'VALID UNTIL', 'REVOKED'],
    row: (k) => [
      k.memberId,
      k.kid,
      k.status,
      toIso(k.validFrom),
      k.validUntil === undefined ? '-' : toIso(k.validUntil),
      k.revokedAt === undefined ? '-' : `${toIso(k.revokedAt)} (${k.revocationReason ?? '?'})`,
    ],
  });
  return 0;
}

function validityText(key: MemberKey): string {
  const from = `from ${toIso(key.validFrom)}`;
  return key.validUntil === undefined ? `${from}, no expiry` : `${from} until ${toIso(key.validUntil)}`;
}

import { isOneOf, RevocationReason, toIso } from '@atc/shared';
import type { MemberKey } from '../../registry/registry-types.js';
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

/** `atc-gateway keys add|list|revoke`. */
export const keysCommand = commandGroup('keys', { add, list, revoke });

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

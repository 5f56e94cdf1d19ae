import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { AtcError, ErrorCode, isAtcError, parsers, toIso } from '@atc/shared';
import { addToken, revokeToken } from '../../auth/token-admin.js';
import { readTokenFile, type TokenRecord } from '../../auth/token-file.js';
import { loadGatewayConfig } from '../../config/gateway-config.js';
import { AuditAction } from '../../registry/registry-types.js';
import { actorOf } from '../actor-of.js';
import type { CliIo } from '../cli-io.js';
import { commandGroup } from '../command-group.js';
import { printListing } from '../format-table.js';
import { helpText } from '../help-text.js';
import { parseCommandLine } from '../parse-command-line.js';
import { parseTime } from '../parse-time.js';
import { UsageError, type UsageErrorCode } from '../usage-error.js';
import { withRegistry } from '../with-registry.js';

const help = { type: 'boolean', short: 'h' } as const;
const by = { type: 'string' } as const;
const reason = { type: 'string' } as const;
const json = { type: 'boolean' } as const;
const durationFrom = parsers.duration();

/** Refusals of `tokens add` that name an option value to fix: wrong usage (exit 2), not a failure. */
const BAD_OPTION_CODES: ReadonlySet<string> = new Set<UsageErrorCode>([
  ErrorCode.TOKEN_NAME_INVALID,
  ErrorCode.TOKEN_ROLE_INVALID,
  ErrorCode.TOKEN_EXPIRY_INVALID,
]);

function isBadOptionCode(code: string): code is UsageErrorCode {
  return BAD_OPTION_CODES.has(code);
}

/** `atc-gateway tokens add|list|revoke`. */
export const tokensCommand = commandGroup('tokens', { add, list, revoke });

/** The tokens file of the configuration; its folder must exist (`atc-gateway init` makes the data dir). */
function tokensFileOf(io: CliIo): string {
  const { tokensFile } = loadGatewayConfig(io.env).config;
  if (!existsSync(dirname(tokensFile))) {
    throw new AtcError(
      ErrorCode.NOT_INITIALISED,
      `the folder of the tokens file ${tokensFile} does not exist; run "atc-gateway init" first, or set ATC_TOKENS_FILE.`,
    );
  }
  return tokensFile;
}

/** `--expires`: an RFC 3339 time, or a duration from now such as `90d`. */
function expiryOf(text: string | undefined, now: number): number | undefined {
  if (text === undefined) return undefined;
  if (/^\d+(ms|s|m|h|d)$/.test(text.trim())) return now + durationFrom(text);
  return parseTime('tokens add', '--expires', text);
}

async function add(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine(
    'tokens add',
    args,
    { help, by, reason, json, name: { type: 'string' }, role: { type: 'string' }, expires: { type: 'string' } },
    { names: [] },
  );
  if (values.help === true) {
    io.out(helpText('tokens'));
    return 0;
  }
  if (values.name === undefined) throw new UsageError('tokens', 'tokens add: --name is required');
  if (values.role === undefined) throw new UsageError('tokens', 'tokens add: --role is required');
  const actor = actorOf('tokens add', values);
  const expiresAt = expiryOf(values.expires, Date.now());
  const path = tokensFileOf(io);
  const name = values.name;
  const role = values.role;
  const created = await withRegistry(io, (registry) =>
    registry.audited(actor, AuditAction.TOKEN_ADD, `token:${name}`, (now) => {
      const c = addToken(path, { name, role, ...(expiresAt === undefined ? {} : { expiresAt }) }, now);
      return { result: c, details: { role: c.record.role, expiresAt: c.record.expiresAt } };
    }),
  ).catch((e: unknown) => {
    if (isAtcError(e) && isBadOptionCode(e.code)) throw new UsageError('tokens', e.message, e.code);
    throw e;
  });
  const { record, token } = created;
  if (values.json === true) {
    io.out(JSON.stringify({ ...recordJson(record), token }, null, 2));
    return 0;
  }
  io.out(
    `Token ${record.name} (${record.role}) created${record.expiresAt === null ? '' : `, expires ${toIso(record.expiresAt)}`}:`,
  );
  io.out(token);
  io.out('It is shown only this once: the gateway keeps only its SHA-256. Send it as "Authorization: Bearer <token>".');
  return 0;
}

function recordJson(t: TokenRecord): Record<string, unknown> {
  return {
    name: t.name,
    role: t.role,
    createdAt: toIso(t.createdAt),
    expiresAt: t.expiresAt === null ? null : toIso(t.expiresAt),
  };
}

function list(args: readonly string[], io: CliIo): number {
  const { values } = parseCommandLine('tokens list', args, { help, json }, { names: [] });
  if (values.help === true) {
    io.out(helpText('tokens'));
    return 0;
  }
  const tokens = readTokenFile(tokensFileOf(io));
  const now = Date.now();
  const status = (t: TokenRecord): string => (t.expiresAt !== null && t.expiresAt <= now ? 'expired' : 'active');
  printListing(io, {
    items: tokens,
    json: values.json === true,
    jsonOf: (items) => items.map((t) => ({ ...recordJson(t), status: status(t) })),
    empty: 'No tokens yet; create one with "atc-gateway tokens add".',
    header: ['NAME', 'ROLE', 'STATUS', 'CREATED', 'EXPIRES'],
    row: (t) => [t.name, t.role, status(t), toIso(t.createdAt), t.expiresAt === null ? 'never' : toIso(t.expiresAt)],
  });
  return 0;
}

async function revoke(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine('tokens revoke', args, { help, by, reason }, { names: ['<name>'] });
  if (values.help === true) {
    io.out(helpText('tokens'));
    return 0;
  }
  const actor = actorOf('tokens revoke', values);
  const path = tokensFileOf(io);
  const name = positionals[0]!;
  const removed = await withRegistry(io, (registry) =>
    registry.audited(actor, AuditAction.TOKEN_REVOKE, `token:${name}`, () => {
      const r = revokeToken(path, name);
      return { result: r, details: { role: r.role } };
    }),
  );
  io.out(`Token ${removed.name} (${removed.role}) revoked; a running gateway refuses it within a second or two.`);
  return 0;
}

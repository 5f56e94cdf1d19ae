import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { AtcError, ErrorCode, toIso } from '@atc/shared';
import { isRole, type Role } from './role.js';

/** What the tokens file keeps about one token: never the token itself. */
export interface TokenRecord {
  /** Unique, chosen by the administrator (a person or a system), e.g. `ops-console`. */
  readonly name: string;
  readonly role: Role;
  /** SHA-256 of the whole token (with its `atc_` prefix), lowercase hex. */
  readonly sha256: string;
  /** Unix milliseconds. */
  readonly createdAt: number;
  /** Unix milliseconds after which the token is refused, or null for no expiry. */
  readonly expiresAt: number | null;
}

/** Token names: a letter or digit, then letters, digits, `.`, `_`, `-` or `@`; 64 at most. */
export const TOKEN_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/** Prefix of every token, so that one found in a file or a paste is recognisable. */
export const TOKEN_PREFIX = 'atc_';

/** A new random token: `atc_` and 32 random bytes in base64url. Shown once, then only hashed. */
export function generateToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** The SHA-256 digest of a token, as the tokens file keeps it. */
export function tokenDigest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

interface TokenFileJson {
  readonly version: 1;
  readonly tokens: readonly {
    readonly name: string;
    readonly role: string;
    readonly sha256: string;
    readonly createdAt: string;
    readonly expiresAt: string | null;
  }[];
}

function invalid(path: string, what: string, cause?: unknown): AtcError {
  return new AtcError(
    ErrorCode.TOKENS_FILE_INVALID,
    `the tokens file ${path} ${what}; fix or remove it, then add tokens again with "atc-gateway tokens add".`,
    cause === undefined ? {} : { cause },
  );
}

function parseTime(path: string, text: unknown, field: string): number {
  const millis = typeof text === 'string' ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(millis)) throw invalid(path, `has a ${field} that is not an RFC 3339 time`);
  return millis;
}

/**
 * The tokens of the file at `path`; none when it does not exist.
 *
 * @throws AtcError TOKENS_FILE_INVALID when it cannot be read or is malformed.
 */
export function readTokenFile(path: string): TokenRecord[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw invalid(path, `cannot be read (${(e as Error).message})`, e);
  }
  let json: TokenFileJson;
  try {
    json = JSON.parse(text) as TokenFileJson;
  } catch (e) {
    throw invalid(path, 'is not JSON', e);
  }
  if (typeof json !== 'object' || json === null || json.version !== 1 || !Array.isArray(json.tokens)) {
    throw invalid(path, 'is not a version 1 tokens file ({"version": 1, "tokens": [...]})');
  }
  const names = new Set<string>();
  return (json.tokens as readonly unknown[]).map((entry): TokenRecord => {
    const t = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const name = t['name'];
    if (typeof name !== 'string' || !TOKEN_NAME_PATTERN.test(name))
      throw invalid(path, 'has an entry without a valid name');
    if (names.has(name)) throw invalid(path, `names token ${name} twice`);
    names.add(name);
    const role = t['role'];
    if (!isRole(role)) throw invalid(path, `gives token ${name} an unknown role`);
    const sha256 = t['sha256'];
    if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) {
      throw invalid(path, `has no valid sha256 for token ${name}`);
    }
    return {
      name,
      role,
      sha256,
      createdAt: parseTime(path, t['createdAt'], 'createdAt'),
      expiresAt: t['expiresAt'] === null ? null : parseTime(path, t['expiresAt'], 'expiresAt'),
    };
  });
}

/**
 * Replaces the tokens file atomically (a temp file renamed over it) with mode 0600, so that
 * a reader sees the old or the new list, never half of one.
 *
 * @throws AtcError TOKENS_FILE_INVALID when it cannot be written.
 */
export function writeTokenFile(path: string, tokens: readonly TokenRecord[]): void {
  const json: TokenFileJson = {
    version: 1,
    tokens: tokens.map((t) => ({
      name: t.name,
      role: t.role,
      sha256: t.sha256,
      createdAt: toIso(t.createdAt),
      expiresAt: t.expiresAt === null ? null : toIso(t.expiresAt),
    })),
  };
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, `${JSON.stringify(json, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temp, 0o600); // the umask cannot widen it, but be explicit
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw invalid(path, `cannot be written (${(e as Error).message})`, e);
  }
}

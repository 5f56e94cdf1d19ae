import { AtcError, ErrorCode, toIso } from '@atc/shared';
import { isRole, ROLES, type Role } from './role.js';
import {
  generateToken,
  readTokenFile,
  TOKEN_NAME_PATTERN,
  tokenDigest,
  writeTokenFile,
  type TokenRecord,
} from './token-file.js';

/** What `tokens add` asks for. */
export interface NewToken {
  readonly name: string;
  readonly role: string;
  /** Unix milliseconds, or undefined for no expiry. */
  readonly expiresAt?: number;
}

/** A token just created: the only moment its value exists outside its holder's hands. */
export interface CreatedToken {
  readonly record: TokenRecord;
  readonly token: string;
}

/**
 * Adds a token to the file at `path` and returns it with its value, which is stored nowhere.
 *
 * @throws AtcError TOKEN_NAME_INVALID, TOKEN_ROLE_INVALID, TOKEN_EXPIRY_INVALID, TOKEN_EXISTS
 *   or TOKENS_FILE_INVALID; the file is then unchanged.
 */
export function addToken(path: string, spec: NewToken, now: number): CreatedToken {
  if (!TOKEN_NAME_PATTERN.test(spec.name)) {
    throw new AtcError(
      ErrorCode.TOKEN_NAME_INVALID,
      `token name ${JSON.stringify(spec.name)} is not valid; use 1-64 letters, digits, ".", "_", "-" or "@", starting with a letter or digit.`,
    );
  }
  if (!isRole(spec.role)) {
    throw new AtcError(
      ErrorCode.TOKEN_ROLE_INVALID,
      `role ${JSON.stringify(spec.role)} is not known; use one of ${ROLES.join(', ')}.`,
    );
  }
  if (spec.expiresAt !== undefined && spec.expiresAt <= now) {
    throw new AtcError(
      ErrorCode.TOKEN_EXPIRY_INVALID,
      `the expiry ${toIso(spec.expiresAt)} is not in the future; give a later time or leave --expires out.`,
    );
  }
  const tokens = readTokenFile(path);
  if (tokens.some((t) => t.name === spec.name)) {
    throw new AtcError(
      ErrorCode.TOKEN_EXISTS,
      `a token named ${spec.name} exists; choose another name, or revoke it first to replace it.`,
    );
  }
  const token = generateToken();
  const record: TokenRecord = {
    name: spec.name,
    role: spec.role satisfies Role,
    sha256: tokenDigest(token).toString('hex'),
    createdAt: now,
    expiresAt: spec.expiresAt ?? null,
  };
  writeTokenFile(path, [...tokens, record]);
  return { record, token };
}

/**
 * Removes the token named `name` from the file at `path`; requests with it are refused
 * as soon as a running gateway sees the change.
 *
 * @throws AtcError TOKEN_UNKNOWN or TOKENS_FILE_INVALID; the file is then unchanged.
 */
export function revokeToken(path: string, name: string): TokenRecord {
  const tokens = readTokenFile(path);
  const found = tokens.find((t) => t.name === name);
  if (found === undefined) {
    throw new AtcError(
      ErrorCode.TOKEN_UNKNOWN,
      `there is no token named ${JSON.stringify(name)}; run "atc-gateway tokens list" to see the names.`,
    );
  }
  writeTokenFile(
    path,
    tokens.filter((t) => t !== found),
  );
  return found;
}

import type { KeyObject } from 'node:crypto';
import { RefusalError } from '../errors/atc-error.js';
import { RefusalCode } from '../errors/refusal-codes.js';
import { toIso } from '../util/time.js';

/** Why a key was revoked; decides which messages signed with it stay valid. */
export const RevocationReason = {
  /** Replaced by a newer key: messages created before the revocation stay valid. */
  SUPERSEDED: 'superseded',
  /** The private key may be known to others: nothing not yet archived is accepted. */
  COMPROMISED: 'compromised',
  /** The member stopped using the key: as superseded. */
  CESSATION: 'cessation',
} as const;

/** One of the revocation reasons. */
export type RevocationReason = (typeof RevocationReason)[keyof typeof RevocationReason];

/** A registered public key, as a trust store knows it. Times are Unix milliseconds. */
export interface ResolvedKey {
  readonly kid: string;
  /** Member id of the key's owner. */
  readonly owner: string;
  readonly publicKey: KeyObject;
  /** Start of validity; messages created earlier are refused. */
  readonly validFrom?: number;
  /** End of validity (exclusive). */
  readonly validUntil?: number;
  readonly revokedAt?: number;
  readonly revocationReason?: RevocationReason;
}

/**
 * Where verification looks keys up. The gateway plugs in its member registry, agents
 * their copy of the signed trust list.
 */
export interface KeyResolver {
  /** The key with this id, or `undefined` when none is registered. */
  resolveKey(kid: string): ResolvedKey | undefined | Promise<ResolvedKey | undefined>;
}

/** A resolver over a fixed set of keys. */
export class StaticKeyResolver implements KeyResolver {
  private readonly keys: ReadonlyMap<string, ResolvedKey>;

  constructor(keys: Iterable<ResolvedKey>) {
    this.keys = new Map([...keys].map((k) => [k.kid, k]));
  }

  resolveKey(kid: string): ResolvedKey | undefined {
    return this.keys.get(kid);
  }
}

/**
 * Checks that `key` may sign a message created at `createdAt` (Unix ms):
 * a compromised key signs nothing any more; a superseded or ceased key only what was
 * created before its revocation; and `createdAt` must fall inside the validity period.
 *
 * @throws RefusalError KEY_REVOKED or KEY_NOT_VALID_AT_TIME.
 */
export function checkKeyValidity(key: ResolvedKey, createdAt: number): void {
  if (key.revokedAt !== undefined) {
    if (key.revocationReason === RevocationReason.COMPROMISED) {
      throw new RefusalError(
        RefusalCode.KEY_REVOKED,
        `key ${key.kid} of ${key.owner} was revoked as compromised at ${toIso(key.revokedAt)}`,
      );
    }
    if (createdAt >= key.revokedAt) {
      throw new RefusalError(
        RefusalCode.KEY_REVOKED,
        `key ${key.kid} of ${key.owner} was revoked (${key.revocationReason ?? 'no reason given'}) at ${toIso(key.revokedAt)}, before the message was created`,
      );
    }
  }
  if (key.validFrom !== undefined && createdAt < key.validFrom) {
    throw new RefusalError(
      RefusalCode.KEY_NOT_VALID_AT_TIME,
      `the message was created at ${toIso(createdAt)}, before key ${key.kid} became valid at ${toIso(key.validFrom)}`,
    );
  }
  if (key.validUntil !== undefined && createdAt >= key.validUntil) {
    throw new RefusalError(
      RefusalCode.KEY_NOT_VALID_AT_TIME,
      `the message was created at ${toIso(createdAt)}, after key ${key.kid} expired at ${toIso(key.validUntil)}`,
    );
  }
}

import type { KeyObject } from 'node:crypto';
import { publicKeyFromJwk, RevocationReason, type KeyResolver, type ResolvedKey } from '@atc/shared';
import type { SqlDb } from '../db/sql-db.js';
import type { BundleKey } from './archive-bundle.js';

/** The gateway's own key, which signs checkpoints and key events. */
export interface GatewayVerifyKey {
  readonly gatewayId: string;
  readonly kid: string;
  readonly publicKey: KeyObject;
  /**
   * The gateway's earlier keys, which signed its entries before a rotation; one with
   * `revokedAt` holds only for envelopes created before then (the end of its grace).
   */
  readonly previous?: readonly { readonly kid: string; readonly publicKey: KeyObject; readonly revokedAt?: number }[];
}

/** Every member key of the registry, as an archive bundle carries them. */
export async function readMemberKeys(db: SqlDb): Promise<BundleKey[]> {
  const rows = await db.all<{
    kid: string;
    member_id: string;
    public_jwk: string;
    valid_from: number;
    valid_until: number | null;
    revoked_at: number | null;
    revocation_reason: string | null;
  }>(
    'SELECT kid, member_id, public_jwk, valid_from, valid_until, revoked_at, revocation_reason FROM member_keys ORDER BY member_id, kid',
  );
  return rows.map((k) => {
    const jwk = JSON.parse(k.public_jwk) as { kty: string; crv: string; x: string };
    return {
      kid: k.kid,
      memberId: k.member_id,
      publicJwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x },
      validFrom: k.valid_from,
      validUntil: k.valid_until,
      revokedAt: k.revoked_at,
      revocationReason: k.revocation_reason,
    };
  });
}

/**
 * A resolver holding each key as it stood when an envelope was archived at `archivedAt`:
 * a revocation that came later does not count against it (the envelope was valid then),
 * one that came before does, with its reason. The gateway's own kid resolves to the gateway.
 */
export function keysAsArchived(
  keys: ReadonlyMap<string, BundleKey>,
  gateway: GatewayVerifyKey,
  archivedAt: number,
): KeyResolver {
  return {
    resolveKey(kid: string): Promise<ResolvedKey | undefined> {
      if (kid === gateway.kid) return Promise.resolve({ kid, owner: gateway.gatewayId, publicKey: gateway.publicKey });
      const earlier = gateway.previous?.find((k) => k.kid === kid);
      if (earlier !== undefined) {
        return Promise.resolve({
          kid,
          owner: gateway.gatewayId,
          publicKey: earlier.publicKey,
          ...(earlier.revokedAt === undefined
            ? {}
            : { revokedAt: earlier.revokedAt, revocationReason: RevocationReason.SUPERSEDED }),
        });
      }
      const k = keys.get(kid);
      if (k === undefined) return Promise.resolve(undefined);
      const revokedThen = k.revokedAt !== null && k.revokedAt <= archivedAt;
      return Promise.resolve({
        kid,
        owner: k.memberId,
        publicKey: publicKeyFromJwk(k.publicJwk),
        validFrom: k.validFrom,
        ...(k.validUntil === null ? {} : { validUntil: k.validUntil }),
        ...(revokedThen && k.revokedAt !== null
          ? { revokedAt: k.revokedAt, revocationReason: (k.revocationReason ?? 'superseded') as RevocationReason }
          : {}),
      });
    },
  };
}

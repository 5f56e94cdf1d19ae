import { toPublicJwk, type KeyStatus, type MemberKind, type MemberStatus, type RevocationReason } from '@atc/shared';
import type { Member, MemberKey } from './registry-types.js';

/** A row of `members`. */
export interface MemberRow {
  id: string;
  name: string;
  kind: string;
  status: string;
  created_at: number;
  updated_at: number;
}

/** A row of `member_keys`. */
export interface KeyRow {
  kid: string;
  member_id: string;
  public_jwk: string;
  valid_from: number;
  valid_until: number | null;
  status: string;
  revoked_at: number | null;
  revocation_reason: string | null;
  created_at: number;
}

/** The member of a `members` row. */
export function memberOf(row: MemberRow): Member {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as MemberKind,
    status: row.status as MemberStatus,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The key of a `member_keys` row; the stored JWK is checked again on the way out. */
export function keyOf(row: KeyRow): MemberKey {
  return {
    kid: row.kid,
    memberId: row.member_id,
    publicJwk: toPublicJwk(JSON.parse(row.public_jwk)),
    validFrom: row.valid_from,
    ...(row.valid_until === null ? {} : { validUntil: row.valid_until }),
    status: row.status as KeyStatus,
    ...(row.revoked_at === null ? {} : { revokedAt: row.revoked_at }),
    ...(row.revocation_reason === null ? {} : { revocationReason: row.revocation_reason as RevocationReason }),
    createdAt: row.created_at,
  };
}

/**
 * The closed sets of the member registry, shared by the gateway (which keeps the registry)
 * and the node agents (which read it from the signed trust list).
 */

/** What kind of body a member is. */
export const MemberKind = {
  /** A national anti-terrorist centre, e.g. `KZ`. */
  NATIONAL: 'national',
  /** A sectorial body of the Commonwealth, e.g. `CISEC`. */
  SECTORIAL: 'sectorial',
  /** An observer organisation, e.g. `SCO`. */
  OBSERVER: 'observer',
} as const;

/** One of the member kinds. */
export type MemberKind = (typeof MemberKind)[keyof typeof MemberKind];

/** Whether a member may exchange messages. */
export const MemberStatus = {
  ACTIVE: 'active',
  /** Registered, but neither sends nor receives until reinstated. */
  SUSPENDED: 'suspended',
} as const;

/** One of the member statuses. */
export type MemberStatus = (typeof MemberStatus)[keyof typeof MemberStatus];

/** Whether a registered key is still in use. */
export const KeyStatus = {
  ACTIVE: 'active',
  /** Revoked; its revocation time and reason say which messages signed with it stay valid. */
  REVOKED: 'revoked',
} as const;

/** One of the key statuses. */
export type KeyStatus = (typeof KeyStatus)[keyof typeof KeyStatus];

/** True when `value` is one of the values of the closed set `set`. */
export function isOneOf<T extends string>(set: Readonly<Record<string, T>>, value: unknown): value is T {
  return typeof value === 'string' && (Object.values(set) as readonly string[]).includes(value);
}

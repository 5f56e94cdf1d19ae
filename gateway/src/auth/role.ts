/** The roles an operator token can carry (DESIGN.md section 6). */
export const Role = {
  /** Everything, including what the other roles may do. */
  ADMIN: 'admin',
  /** Watches the flow: statistics, the live feed, message details. */
  OPERATOR: 'operator',
  /** Reads the archive and the log: message details, log entries. */
  AUDITOR: 'auditor',
} as const;

/** One of the roles. */
export type Role = (typeof Role)[keyof typeof Role];

/** Every role, in the order help texts list them. */
export const ROLES: readonly Role[] = [Role.ADMIN, Role.OPERATOR, Role.AUDITOR];

/** True when `value` names a role. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** True when a token of role `held` may do what any of `allowed` may: admin implies every role. */
export function roleAllows(held: Role, allowed: readonly Role[]): boolean {
  return held === Role.ADMIN || allowed.includes(held);
}

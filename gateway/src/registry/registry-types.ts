import type { KeyStatus, MemberKind, MemberStatus, PublicJwk, RevocationReason } from '@atc/shared';

/** A registered member body. Times are Unix milliseconds. */
export interface Member {
  /** Member id, e.g. `KZ` or `CISEC`. */
  readonly id: string;
  readonly name: string;
  readonly kind: MemberKind;
  readonly status: MemberStatus;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** What {@link Registry.addMember} needs to register a member. */
export interface NewMember {
  readonly id: string;
  readonly name: string;
  readonly kind: MemberKind;
}

/** A member's registered public signing key. Times are Unix milliseconds. */
export interface MemberKey {
  /** RFC 7638 thumbprint of `publicJwk`. */
  readonly kid: string;
  readonly memberId: string;
  readonly publicJwk: PublicJwk;
  readonly validFrom: number;
  /** End of validity (exclusive); absent when the key does not expire. */
  readonly validUntil?: number;
  readonly status: KeyStatus;
  readonly revokedAt?: number;
  readonly revocationReason?: RevocationReason;
  readonly createdAt: number;
}

/** A key registration or revocation, as the archive log records it. */
export interface KeyChange {
  readonly type: 'registered' | 'revoked';
  /** The key as it is after the change. */
  readonly key: MemberKey;
  /** The actor's reason. */
  readonly comment: string;
}

/** Who makes a registry change and why; both end up in the audit log. */
export interface Actor {
  /** The person or process, e.g. `cli:alice` or `http:admin@centre`. */
  readonly who: string;
  /** Why the change is made (ticket, decision, incident): required. */
  readonly why: string;
  /** The role of the HTTP token behind the change, recorded with it; absent for the CLI. */
  readonly role?: string | undefined;
}

/** The audit actions of the registry and of the gateway's operator tokens. */
export const AuditAction = {
  MEMBER_ADD: 'member.add',
  MEMBER_SUSPEND: 'member.suspend',
  MEMBER_REINSTATE: 'member.reinstate',
  KEY_ADD: 'key.add',
  KEY_REVOKE: 'key.revoke',
  /** The gateway's own signing key was rotated (subject `gateway:<id>`; details: old and new kid, grace end). */
  GATEWAY_KEY_ROTATE: 'gateway_key.rotate',
  /** An operator token was created (the audit subject is `token:<name>`). */
  TOKEN_ADD: 'token.add',
  /** An operator token was revoked. */
  TOKEN_REVOKE: 'token.revoke',
  /**
   * Record content was read from the data bank (API or console), with the stated purpose as
   * the reason and the token's name and role as actor (the subject names what was read).
   */
  DATABANK_READ: 'databank.read',
  /**
   * The data bank was searched: by an operator or auditor through the API (actor = the token),
   * or by a member's DataBankQuery (actor = the member, role `member`, subject `query:<message id>`);
   * the stated purpose is the reason, the query's terms and the result count are the details (and,
   * for an auditor, which records' matched data it read).
   */
  DATABANK_SEARCH: 'databank.search',
  /**
   * An operator linked two data bank subjects by confirming a candidate (subject `candidate:<id>`).
   * The subjects of decisions in the exercise namespace are prefixed `exercise:`.
   */
  DATABANK_CONFIRM: 'databank.confirm',
  /** An operator rejected a candidate link (subject `candidate:<id>`). */
  DATABANK_REJECT: 'databank.reject',
  /** An operator took a record out of its subject (subject `subject:<id>`). */
  DATABANK_SPLIT: 'databank.split',
  /** An operator reverted a data bank decision (subject `decision:<id>`). */
  DATABANK_REVERT: 'databank.revert',
  /**
   * The data bank's person candidates were proposed again (`atc-gateway databank relink`,
   * subject `databank`): the threshold, persons relinked and open candidates before and after.
   */
  DATABANK_RELINK: 'databank.relink',
  /** The data bank was emptied and rebuilt from the archive (`atc-gateway databank rebuild`, subject `databank`). */
  DATABANK_REBUILD: 'databank.rebuild',
  /** An operator signed in to the console with a token (subject `token:<name>`). */
  CONSOLE_SIGN_IN: 'console.sign_in',
  /** An operator signed out of the console (subject `token:<name>`). */
  CONSOLE_SIGN_OUT: 'console.sign_out',
  /** Copies a member never confirmed were put back to be routed again (subject `member:<ID>`). */
  DELIVERIES_RESEND: 'deliveries.resend',
} as const;

/** One of the audit actions. */
export type AuditAction = (typeof AuditAction)[keyof typeof AuditAction];

/** One row of the audit log (kept by the audit log, re-exported for the registry's callers). */
export type { AuditEntry } from '../audit/audit-log.js';

/** The whole registry read in one transaction, consistent with its version. */
export interface RegistrySnapshot {
  readonly version: number;
  readonly members: readonly Member[];
  readonly keys: readonly MemberKey[];
}

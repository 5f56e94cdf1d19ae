import {
  ErrorCode,
  isOneOf,
  KeyStatus,
  MemberKind,
  MemberStatus,
  RefusalCode,
  RevocationReason,
  systemClock,
  toIso,
  type Clock,
} from '@atc/shared';
import { AuditLog } from '../audit/audit-log.js';
import type { SqlDb } from '../db/sql-db.js';
import { checkActor, checkMemberId, checkName, checkPublicJwk, checkTime } from './registry-checks.js';
import { RegistryError } from './registry-error.js';
import { keyOf, memberOf, type KeyRow, type MemberRow } from './registry-rows.js';
import {
  AuditAction,
  type Actor,
  type AuditEntry,
  type Member,
  type MemberKey,
  type NewMember,
  type RegistrySnapshot,
  type KeyChange,
} from './registry-types.js';

const KEY_COLUMNS =
  'kid, member_id, public_jwk, valid_from, valid_until, status, revoked_at, revocation_reason, created_at';

const SQL = {
  member: 'SELECT id, name, kind, status, created_at, updated_at FROM members WHERE id = ?',
  members: 'SELECT id, name, kind, status, created_at, updated_at FROM members ORDER BY id',
  insertMember: 'INSERT INTO members (id, name, kind, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  setStatus: 'UPDATE members SET status = ?, updated_at = ? WHERE id = ?',
  key: `SELECT ${KEY_COLUMNS} FROM member_keys WHERE kid = ?`,
  keys: `SELECT ${KEY_COLUMNS} FROM member_keys ORDER BY member_id, created_at, kid`,
  keysOf: `SELECT ${KEY_COLUMNS} FROM member_keys WHERE member_id = ? ORDER BY created_at, kid`,
  insertKey: `INSERT INTO member_keys (kid, member_id, public_jwk, valid_from, valid_until, status, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`,
  revoke: "UPDATE member_keys SET status = 'revoked', revoked_at = ?, revocation_reason = ? WHERE kid = ?",
  version: "SELECT value FROM gateway_state WHERE key = 'registry_version'",
  bumpVersion: "UPDATE gateway_state SET value = value + 1 WHERE key = 'registry_version'",
} as const;

/** The actions of changes outside the registry tables: operator tokens and data bank decisions. */
type AuditedAction = Exclude<
  AuditAction,
  | typeof AuditAction.MEMBER_ADD
  | typeof AuditAction.MEMBER_SUSPEND
  | typeof AuditAction.MEMBER_REINSTATE
  | typeof AuditAction.KEY_ADD
  | typeof AuditAction.KEY_REVOKE
>;

/** What an audited change returns, and the details its audit row keeps. */
interface AuditedChange<T> {
  readonly result: T;
  readonly details: Readonly<Record<string, unknown>>;
}

/**
 * The member registry: members, their public keys and the audit log of every change.
 * Every change runs in one write transaction that also appends an audit row and
 * increments `registry_version`, so another process (the CLI beside a running gateway)
 * never sees half a change and the trust list publisher notices every one.
 */
export class Registry {
  readonly #db: SqlDb;
  readonly #clock: Clock;
  readonly #reservedIds: ReadonlySet<string>;
  readonly #onKeyEvent: ((event: KeyChange) => Promise<void>) | undefined;
  /** The audit log (a hash chain) every change is recorded in; data bank reads are recorded there too. */
  readonly audit: AuditLog;
  /**
   * @param reservedIds ids no member may take, above all the gateway's own id: receipts
   *   and key events are sent under it.
   */
  constructor(
    db: SqlDb,
    clock: Clock = systemClock,
    options: {
      readonly reservedIds?: readonly string[];
      /**
       * Called inside the transaction of every key registration and revocation, so that the
       * change and its entry in the archive log (a gateway-signed KeyEvent) commit together.
       */
      readonly onKeyEvent?: (event: KeyChange) => Promise<void>;
    } = {},
  ) {
    this.#db = db;
    this.#clock = clock;
    this.#reservedIds = new Set(options.reservedIds ?? []);
    this.#onKeyEvent = options.onKeyEvent;
    this.audit = new AuditLog(db, clock);
  }

  /**
   * Registers a member, active from now on.
   *
   * @throws RegistryError MEMBER_ID_INVALID, MEMBER_NAME_INVALID, MEMBER_KIND_INVALID,
   *   MEMBER_EXISTS, REASON_REQUIRED or ACTOR_REQUIRED.
   */
  async addMember(member: NewMember, actor: Actor): Promise<Member> {
    const id = checkMemberId(member.id);
    const name = checkName(member.name);
    const kind: unknown = member.kind;
    if (!isOneOf(MemberKind, kind)) {
      throw new RegistryError(
        ErrorCode.MEMBER_KIND_INVALID,
        `${JSON.stringify(kind)} is not a member kind; use one of ${Object.values(MemberKind).join(', ')}.`,
      );
    }
    if (this.#reservedIds.has(id)) {
      throw new RegistryError(
        ErrorCode.MEMBER_EXISTS,
        `${id} is the gateway's own id and cannot be given to a member; choose another id.`,
      );
    }
    return this.#change(actor, AuditAction.MEMBER_ADD, id, async (now) => {
      if ((await this.#db.get(SQL.member, [id])) !== undefined) {
        throw new RegistryError(
          ErrorCode.MEMBER_EXISTS,
          `member ${id} is already registered; suspend or reinstate it instead of adding it again.`,
        );
      }
      await this.#db.run(SQL.insertMember, [id, name, kind, MemberStatus.ACTIVE, now, now]);
      return { result: await this.#memberOrThrow(id), details: { name, kind } };
    });
  }

  /**
   * Suspends (`suspended`) or reinstates (`active`) a member.
   *
   * @throws RegistryError MEMBER_UNKNOWN, MEMBER_STATUS_INVALID, MEMBER_STATUS_UNCHANGED,
   *   REASON_REQUIRED or ACTOR_REQUIRED.
   */
  async setMemberStatus(id: string, status: MemberStatus, actor: Actor): Promise<Member> {
    const target: unknown = status;
    if (!isOneOf(MemberStatus, target)) {
      throw new RegistryError(
        ErrorCode.MEMBER_STATUS_INVALID,
        `${JSON.stringify(target)} is not a member status; use one of ${Object.values(MemberStatus).join(', ')}.`,
      );
    }
    const action = target === MemberStatus.SUSPENDED ? AuditAction.MEMBER_SUSPEND : AuditAction.MEMBER_REINSTATE;
    return this.#change(actor, action, id, async (now) => {
      const before = await this.#memberOrThrow(id);
      if (before.status === target) {
        throw new RegistryError(
          ErrorCode.MEMBER_STATUS_UNCHANGED,
          `member ${id} is already ${target}; nothing was changed.`,
        );
      }
      await this.#db.run(SQL.setStatus, [target, now, id]);
      return { result: await this.#memberOrThrow(id), details: { from: before.status, to: target } };
    });
  }

  /** The member with this id, or `undefined`. */
  async getMember(id: string): Promise<Member | undefined> {
    const row = await this.#db.get<MemberRow>(SQL.member, [id]);
    return row === undefined ? undefined : memberOf(row);
  }

  /** Every member, ordered by id. */
  async listMembers(): Promise<Member[]> {
    return (await this.#db.all<MemberRow>(SQL.members)).map(memberOf);
  }

  /**
   * Registers a member's public Ed25519 key. Its kid is its RFC 7638 thumbprint; only the
   * public part of `publicJwk` is kept. `validFrom` defaults to now.
   *
   * @throws RegistryError KEY_INVALID, KEY_EXISTS, KEY_VALIDITY_INVALID, MEMBER_UNKNOWN,
   *   REASON_REQUIRED or ACTOR_REQUIRED.
   */
  async addKey(
    memberId: string,
    publicJwk: unknown,
    validity: { readonly validFrom?: number; readonly validUntil?: number },
    actor: Actor,
  ): Promise<MemberKey> {
    const jwk = checkPublicJwk(publicJwk);
    const kid = jwk.kid!;
    return this.#change(actor, AuditAction.KEY_ADD, kid, async (now) => {
      await this.#memberOrThrow(memberId);
      const validFrom = checkTime(validity.validFrom ?? now, 'validFrom');
      const validUntil = validity.validUntil === undefined ? undefined : checkTime(validity.validUntil, 'validUntil');
      if (validUntil !== undefined && validUntil <= validFrom) {
        throw new RegistryError(
          ErrorCode.KEY_VALIDITY_INVALID,
          `the key would expire (${toIso(validUntil)}) before it becomes valid (${toIso(validFrom)}); give a valid-until after the valid-from.`,
        );
      }
      const existing = await this.#db.get<KeyRow>(SQL.key, [kid]);
      if (existing !== undefined) {
        throw new RegistryError(
          ErrorCode.KEY_EXISTS,
          `key ${kid} is already registered to ${existing.member_id}; a key is registered once and never reused.`,
        );
      }
      await this.#db.run(SQL.insertKey, [
        kid,
        memberId,
        JSON.stringify(jwk),
        validFrom,
        validUntil ?? null,
        KeyStatus.ACTIVE,
        now,
      ]);
      const key = await this.#keyOrThrow(kid);
      await this.#onKeyEvent?.({ type: 'registered', key, comment: actor.why });
      return {
        result: key,
        details: { memberId, jwk, validFrom, ...(validUntil === undefined ? {} : { validUntil }) },
      };
    });
  }

  /**
   * Revokes a key as of `at` (default now; may be in the past, e.g. when the compromise
   * happened earlier). Which messages stay valid depends on `reason`
   * (see `checkKeyValidity` in @atc/shared).
   *
   * @throws RegistryError KEY_UNKNOWN, KEY_ALREADY_REVOKED, REVOCATION_REASON_INVALID,
   *   KEY_VALIDITY_INVALID (bad `at`), REASON_REQUIRED or ACTOR_REQUIRED.
   */
  async revokeKey(
    kid: string,
    revocation: { readonly at?: number; readonly reason: RevocationReason },
    actor: Actor,
  ): Promise<MemberKey> {
    const reason: unknown = revocation.reason;
    if (!isOneOf(RevocationReason, reason)) {
      throw new RegistryError(
        ErrorCode.REVOCATION_REASON_INVALID,
        `${JSON.stringify(reason)} is not a revocation reason; use one of ${Object.values(RevocationReason).join(', ')}.`,
      );
    }
    return this.#change(actor, AuditAction.KEY_REVOKE, kid, async (now) => {
      const before = await this.#keyOrThrow(kid);
      if (before.status === KeyStatus.REVOKED) {
        throw new RegistryError(
          ErrorCode.KEY_ALREADY_REVOKED,
          `key ${kid} of ${before.memberId} was already revoked (${before.revocationReason ?? 'no reason'}) at ${toIso(before.revokedAt ?? 0)}; a revocation is never changed.`,
        );
      }
      const at = checkTime(revocation.at ?? now, 'at');
      await this.#db.run(SQL.revoke, [at, reason, kid]);
      const key = await this.#keyOrThrow(kid);
      await this.#onKeyEvent?.({ type: 'revoked', key, comment: actor.why });
      return { result: key, details: { memberId: before.memberId, revokedAt: at, reason } };
    });
  }

  /** The key with this kid, read fresh from the database, or `undefined`. */
  async getKey(kid: string): Promise<MemberKey | undefined> {
    const row = await this.#db.get<KeyRow>(SQL.key, [kid]);
    return row === undefined ? undefined : keyOf(row);
  }

  /**
   * The keys of one member (by creation time), or of every member (by member, then
   * creation time).
   *
   * @throws RegistryError MEMBER_UNKNOWN when `memberId` is given but not registered.
   */
  async listKeys(memberId?: string): Promise<MemberKey[]> {
    if (memberId === undefined) return (await this.#db.all<KeyRow>(SQL.keys)).map(keyOf);
    await this.#memberOrThrow(memberId);
    return (await this.#db.all<KeyRow>(SQL.keysOf, [memberId])).map(keyOf);
  }

  /**
   * The newest audit entries first: `limit` of them (default 100, at most 10 000),
   * optionally only those about one `subject` (member id, kid, `record:...`) and/or of one
   * `action` (`databank.read`, `member.add`, ...).
   */
  auditLog(
    options: { readonly limit?: number; readonly subject?: string; readonly action?: string } = {},
  ): Promise<AuditEntry[]> {
    return this.audit.list(options);
  }

  /**
   * Runs a change that lives outside the registry tables (e.g. the tokens file) under the
   * registry's write lock, and appends its audit row in the same write transaction: two
   * processes making such changes run one after the other, and a change that throws leaves
   * no audit row. `apply` may write to the database: it runs inside that transaction, which
   * also holds the data bank's write lock when `options.bank` (a decision applied to the bank
   * at once: see TransactionOptions.writes). The registry version is not incremented (members
   * and keys did not change).
   */
  async audited<T>(
    actor: Actor,
    action: AuditedAction,
    subject: string,
    apply: (now: number) => AuditedChange<T> | Promise<AuditedChange<T>>,
    options: { readonly bank?: boolean } = {},
  ): Promise<T> {
    const { who, why } = checkActor(actor);
    return this.#db.transaction(
      async () => {
        const now = this.#clock();
        const { result, details } = await apply(now);
        await this.audit.append({ actor: who, role: actor.role, action, subject, reason: why, details });
        return result;
      },
      options.bank === true ? { write: true, writes: 'both' } : { write: true },
    );
  }

  /** The registry version: 0 when empty, incremented by every change. */
  async version(): Promise<number> {
    return (await this.#db.get<{ value: number }>(SQL.version))?.value ?? 0;
  }

  /** Members, keys and version read in one transaction, so they agree with each other. */
  snapshot(): Promise<RegistrySnapshot> {
    return this.#db.transaction(async () => ({
      version: await this.version(),
      members: await this.listMembers(),
      keys: await this.listKeys(),
    }));
  }

  /** Runs `apply` with the audit row and version increment in one write transaction. */
  #change<T>(
    actor: Actor,
    action: AuditAction,
    subject: string,
    apply: (now: number) => Promise<{ readonly result: T; readonly details: Readonly<Record<string, unknown>> }>,
  ): Promise<T> {
    const { who, why } = checkActor(actor);
    // The write lock is taken before reading, so two processes checking and then inserting
    // the same member cannot both succeed.
    return this.#db.transaction(
      async () => {
        const now = this.#clock();
        const { result, details } = await apply(now);
        await this.audit.append({ actor: who, role: actor.role, action, subject, reason: why, details });
        await this.#db.run(SQL.bumpVersion);
        return result;
      },
      { write: true },
    );
  }

  async #memberOrThrow(id: string): Promise<Member> {
    const member = await this.getMember(id);
    if (member === undefined) {
      throw new RegistryError(
        ErrorCode.MEMBER_UNKNOWN,
        `member ${id} is not registered; list the members to check the id, or add it first.`,
      );
    }
    return member;
  }

  async #keyOrThrow(kid: string): Promise<MemberKey> {
    const key = await this.getKey(kid);
    if (key === undefined) {
      throw new RegistryError(RefusalCode.KEY_UNKNOWN, `key ${kid} is not registered; list the keys to check the kid.`);
    }
    return key;
  }
}

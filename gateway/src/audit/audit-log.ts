import { systemClock, wellFormed, type Clock } from '@atc/shared';
import type { SqlDb } from '../db/sql-db.js';
import { chainHash, GENESIS_HASH, type ChainedFields } from './audit-chain.js';

/** Key of the PostgreSQL advisory lock that serialises audit appends (the archive's write lock is another). */
export const AUDIT_LOCK_KEY = 0x41_54_43_41; // "ATCA"

/** Default and largest number of entries one {@link AuditLog.list} call returns. */
const DEFAULT_LIST_LIMIT = 100;
const MAX_LIST_LIMIT = 10_000;
/** Rows read per query while verifying or chaining. */
const PAGE = 1_000;

/** One row of the audit log: who did or read what, when, in which role, and why. */
export interface AuditEntry {
  /** Increasing with every row. */
  readonly id: number;
  /** Unix milliseconds. */
  readonly at: number;
  /** Who: `cli:<user>`, the name of an HTTP token, ... */
  readonly actor: string;
  /** The role of the token behind an HTTP request; absent for the CLI. */
  readonly role?: string;
  /** What: `member.add`, `token.revoke`, `databank.read`, ... */
  readonly action: string;
  /** About what: a member id, a key id, `token:<name>`, `record:<originator>/<record id>`, ... */
  readonly subject: string;
  /** Why: the reason of a change, the stated purpose of a read. */
  readonly reason: string;
  /** Particulars (JSON object). */
  readonly details: Readonly<Record<string, unknown>>;
}

/** What a caller appends; the log adds id, time and hashes. */
export interface NewAuditEntry {
  readonly actor: string;
  readonly role?: string | undefined;
  readonly action: string;
  readonly subject: string;
  readonly reason: string;
  readonly details: Readonly<Record<string, unknown>>;
}

/** Filters of {@link AuditLog.list}. */
export interface AuditFilter {
  readonly limit?: number;
  readonly subject?: string;
  readonly action?: string;
  /** Only rows older than this id: where the previous page ended (newest first). */
  readonly beforeId?: number;
}

/** The outcome of {@link AuditLog.verify}. */
export type AuditVerification =
  | {
      readonly ok: true;
      readonly rows: number;
      /** Hash of the last row (hex), or of nothing (64 zeros): note it to detect a later truncation. */
      readonly head: string;
    }
  | {
      readonly ok: false;
      readonly rows: number;
      /** Id of the first row that does not hold. */
      readonly brokenId: number;
      /** What is wrong with it, as a sentence. */
      readonly problem: string;
    };

interface AuditDbRow {
  id: number;
  at: number;
  actor: string;
  role: string | null;
  action: string;
  subject: string;
  reason: string;
  details: string;
  prev_hash: Uint8Array | null;
  hash: Uint8Array | null;
}

const COLUMNS = 'id, at, actor, role, action, subject, reason, details, prev_hash, hash';

const SQL = {
  last: 'SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1',
  insert: `INSERT INTO audit_log (at, actor, role, action, subject, reason, details) VALUES (?, ?, ?, ?, ?, ?, ?)
    RETURNING id`,
  setHash: 'UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?',
  page: `SELECT ${COLUMNS} FROM audit_log WHERE id > ? ORDER BY id LIMIT ${PAGE}`,
  legacyUntil: "SELECT value FROM gateway_state WHERE key = 'audit_legacy_until'",
  unchainedLegacy: 'SELECT id FROM audit_log WHERE hash IS NULL AND id <= ? LIMIT 1',
} as const;

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function entryOf(row: AuditDbRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    ...(row.role === null ? {} : { role: row.role }),
    action: row.action,
    subject: row.subject,
    reason: row.reason,
    details: JSON.parse(row.details) as Record<string, unknown>,
  };
}

function fieldsOf(row: AuditDbRow): ChainedFields {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    role: row.role,
    action: row.action,
    subject: row.subject,
    reason: row.reason,
    details: row.details,
  };
}

/**
 * The gateway's audit log (table `audit_log`): registry and token changes, data bank
 * decisions and every read of record content. A hash chain: each row stores the previous
 * row's hash and its own, SHA-256(previous hash || canonical bytes), so that a row changed,
 * removed or inserted behind the gateway's back breaks the chain at that row, which
 * {@link verify} names. Appends are serialised (SQLite's write lock; on PostgreSQL an
 * advisory lock of their own), so that concurrent writers, also in several processes or
 * replicas, never fork the chain. Rows written before the chain existed are chained, once,
 * by the first append or verification.
 */
export class AuditLog {
  readonly #db: SqlDb;
  readonly #clock: Clock;
  #legacyChained = false;

  constructor(db: SqlDb, clock: Clock = systemClock) {
    this.#db = db;
    this.#clock = clock;
  }

  /**
   * Appends a row to the chain and resolves to it once committed; inside a caller's
   * transaction it joins it, so that the row commits (or rolls back) with the change it
   * records.
   */
  append(given: NewAuditEntry): Promise<AuditEntry> {
    // Stored as UTF-8, which has no unpaired surrogate: the hash covers the text as stored.
    const entry = {
      ...given,
      actor: wellFormed(given.actor),
      ...(given.role === undefined ? {} : { role: wellFormed(given.role) }),
      subject: wellFormed(given.subject),
      reason: wellFormed(given.reason),
    };
    return this.#db.transaction(
      async () => {
        await this.#lock();
        await this.#chainLegacy();
        const last = await this.#db.get<{ id: number; hash: Uint8Array | null }>(SQL.last);
        const at = this.#clock();
        const details = JSON.stringify(entry.details);
        const role = entry.role ?? null;
        const { id } = (await this.#db.get<{ id: number }>(SQL.insert, [
          at,
          entry.actor,
          role,
          entry.action,
          entry.subject,
          entry.reason,
          details,
        ]))!;
        // A previous row without a hash was inserted behind the gateway's back: chaining on
        // from it would hide that, so the chain goes on from the zero hash and verify names it.
        const prev = last?.hash ?? GENESIS_HASH;
        const fields: ChainedFields = {
          id,
          at,
          actor: entry.actor,
          role,
          action: entry.action,
          subject: entry.subject,
          reason: entry.reason,
          details,
        };
        await this.#db.run(SQL.setHash, [Buffer.from(prev), chainHash(prev, fields), id]);
        return {
          id,
          at,
          actor: entry.actor,
          ...(role === null ? {} : { role }),
          action: entry.action,
          subject: entry.subject,
          reason: entry.reason,
          details: entry.details,
        };
      },
      { write: this.#db.dialect === 'sqlite' },
    );
  }

  /**
   * Chains, in a write transaction of its own, the rows written before the chain existed, if
   * some are not chained yet: called when the archive is opened, so that an upgraded gateway
   * chains its old rows at start (appends and verification would otherwise do it first).
   */
  async chainExisting(): Promise<void> {
    if (this.#legacyChained) return;
    // A read first: the write lock is taken only when there is something to chain.
    if (!(await this.#legacyPending())) {
      this.#legacyChained = true;
      return;
    }
    await this.#db.transaction(() => this.#chainLegacy(), { write: true });
  }

  /**
   * The newest rows first: `limit` (default 100, at most 10 000), optionally of one subject
   * and/or action, and below `beforeId` for the pages after the first.
   */
  async list(filter: AuditFilter = {}): Promise<AuditEntry[]> {
    const limit = filter.limit ?? DEFAULT_LIST_LIMIT;
    if (!Number.isSafeInteger(limit) || limit < 1)
      throw new RangeError(`audit limit ${limit} is not a positive integer`);
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter.subject !== undefined) {
      where.push('subject = ?');
      params.push(filter.subject);
    }
    if (filter.action !== undefined) {
      where.push('action = ?');
      params.push(filter.action);
    }
    if (filter.beforeId !== undefined) {
      where.push('id < ?');
      params.push(filter.beforeId);
    }
    const rows = await this.#db.all<AuditDbRow>(
      `SELECT ${COLUMNS} FROM audit_log ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`}
       ORDER BY id DESC LIMIT ?`,
      [...params, Math.min(limit, MAX_LIST_LIMIT)],
    );
    return rows.map(entryOf);
  }

  /**
   * Walks the chain from its first row, in one snapshot, and names the first row that does
   * not hold: a row without a hash, one whose recorded previous hash is not its
   * predecessor's (a row before it removed, or its hash rewritten), or one whose content no
   * longer gives its hash (changed after it was written).
   */
  async verify(onProgress?: (rows: number) => void): Promise<AuditVerification> {
    await this.chainExisting();
    return this.#db.transaction(
      async () => {
        let prev: Uint8Array = GENESIS_HASH;
        let prevId: number | undefined;
        let rows = 0;
        for (let after = 0; ;) {
          const page = await this.#db.all<AuditDbRow>(SQL.page, [after]);
          if (page.length === 0) break;
          for (const row of page) {
            const problem = this.#problemOf(row, prev, prevId);
            if (problem !== undefined) return { ok: false, rows, brokenId: row.id, problem };
            prev = row.hash!;
            prevId = row.id;
            rows++;
          }
          after = page.at(-1)!.id;
          onProgress?.(rows);
        }
        return { ok: true, rows, head: hex(prev) };
      },
      { snapshot: true },
    );
  }

  #problemOf(row: AuditDbRow, prev: Uint8Array, prevId: number | undefined): string | undefined {
    const what = `audit row ${row.id} (${new Date(row.at).toISOString()}, ${row.action} by ${row.actor})`;
    if (row.hash === null || row.prev_hash === null) {
      return `${what} has no hash: it was inserted into the database directly, not by the gateway.`;
    }
    if (!Buffer.from(row.prev_hash).equals(prev)) {
      return prevId === undefined
        ? `${what} is the first row but does not start the chain: the rows before it were removed.`
        : `${what} does not follow row ${prevId}: a row between them was removed, or a hash was rewritten.`;
    }
    if (!chainHash(prev, fieldsOf(row)).equals(row.hash)) {
      return `${what} does not match its hash: it was changed after it was written.`;
    }
    return undefined;
  }

  /** Takes PostgreSQL's audit lock for the transaction (SQLite's write transaction is the lock). */
  async #lock(): Promise<void> {
    if (this.#db.dialect === 'postgres') await this.#db.get('SELECT pg_advisory_xact_lock(?)', [AUDIT_LOCK_KEY]);
  }

  /**
   * Chains the rows written before the chain existed (up to the id the migration noted), if
   * some are not chained yet. Remembers only what it found committed, so a transaction that
   * chained them and then rolled back leaves the work to the next call.
   */
  async #chainLegacy(): Promise<void> {
    if (this.#legacyChained) return;
    await this.#lock();
    if (!(await this.#legacyPending())) {
      this.#legacyChained = true;
      return;
    }
    const until = (await this.#db.get<{ value: number }>(SQL.legacyUntil))?.value ?? 0;
    let prev: Uint8Array = GENESIS_HASH;
    for (let after = 0; after < until;) {
      const page = (await this.#db.all<AuditDbRow>(SQL.page, [after])).filter((r) => r.id <= until);
      if (page.length === 0) break;
      for (const row of page) {
        const hash = chainHash(prev, fieldsOf(row));
        await this.#db.run(SQL.setHash, [Buffer.from(prev), hash, row.id]);
        prev = hash;
      }
      after = page.at(-1)!.id;
    }
  }

  /** Whether rows from before the chain are still unchained. */
  async #legacyPending(): Promise<boolean> {
    const until = (await this.#db.get<{ value: number }>(SQL.legacyUntil))?.value ?? 0;
    return until > 0 && (await this.#db.get(SQL.unchainedLegacy, [until])) !== undefined;
  }
}

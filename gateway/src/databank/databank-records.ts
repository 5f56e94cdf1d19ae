import { decodePayload, payloadToJson, type PayloadType } from '@atc/shared';
import type { ArchiveReader } from '../archive/archive-reader.js';
import type { SqlDb } from '../db/sql-db.js';
import type { DatabankProjection } from './databank-projector.js';
import { isCurrent } from './review.js';

/** A record's identity in the bank: namespace, originator and the originator's record id. */
export interface BankRecordRef {
  readonly exercise: boolean;
  readonly originator: string;
  readonly recordId: string;
}

/** One page of a list: the items, and the key to read on from (undefined at the end). */
export interface BankPage<T, K> {
  readonly items: readonly T[];
  readonly next: K | undefined;
}

/** Where a page starts (after `after`, exclusive) and how many items it holds at most. */
export interface BankPageRequest<K> {
  readonly after?: K | undefined;
  readonly limit: number;
}

/** What the bank holds in one namespace, and how far its projection is. */
export interface BankStatus {
  readonly exercise: boolean;
  readonly cursor: number;
  readonly size: number;
  readonly lag: number;
  readonly counts: {
    readonly records: number;
    readonly withdrawn: number;
    readonly conflicts: number;
    readonly flags: number;
  };
  /** The search score (0..1) from which two person records are proposed as a candidate link (ATC_LINK_THRESHOLD). */
  readonly linkThreshold: number;
}

/** The state of one version of a record, in its history. */
export type VersionState = 'current' | 'superseded' | 'duplicate' | 'conflicting' | 'withdrawn';

/** One archived version of a record (metadata only, no content). */
export interface BankVersion {
  readonly version: number;
  readonly messageId: string;
  readonly leafIndex: number;
  readonly archivedAt: string;
  readonly handling: Readonly<Record<string, unknown>>;
  readonly evaluation: Readonly<Record<string, unknown>>;
  readonly state: VersionState;
}

/** A record's identity and standing, without content. */
export interface BankRecordSummary {
  readonly exercise: boolean;
  readonly originator: string;
  readonly recordId: string;
  readonly recordType: string;
  readonly currentVersion: number;
  readonly currentMessageId: string;
  readonly updatedAt: string;
  readonly withdrawn: boolean;
  readonly withdrawnBy: string | null;
  /** handling.review_by of the current version: once past, the record is out of the current view. */
  readonly reviewBy: string | null;
}

/** The current version of a record with what it says. */
export interface BankCurrentRecord {
  readonly summary: BankRecordSummary;
  readonly version: BankVersion;
  /** The record as its originator sent it (JSON form, nonce left out); null once retention erased it. */
  readonly content: Readonly<Record<string, unknown>> | null;
  readonly contentErasedAt: string | null;
}

/** A conflict: the same version of a record sent again with other content. */
export interface BankConflict {
  readonly exercise: boolean;
  readonly originator: string;
  readonly recordId: string;
  readonly version: number;
  readonly currentMessageId: string;
  readonly otherMessageId: string;
  readonly leafIndex: number;
}

/** An archive entry the bank flagged instead of applying it. */
export interface BankFlag {
  readonly exercise: boolean;
  readonly messageId: string;
  readonly code: string;
  readonly leafIndex: number;
  readonly detail: string;
}

interface RecordDbRow {
  exercise: number;
  originator: string;
  record_id: string;
  record_type: string;
  current_version: number;
  current_message_id: string;
  updated_at: number;
  withdrawn: number;
  withdrawn_by: string | null;
  review_by: number | null;
}

interface ConflictDbRow {
  exercise: number;
  originator: string;
  record_id: string;
  version: number;
  current_message_id: string;
  other_message_id: string;
  leaf_index: number;
}

interface FlagDbRow {
  exercise: number;
  message_id: string;
  code: string;
  leaf_index: number;
  detail: string;
}

interface VersionDbRow {
  version: number;
  message_id: string;
  leaf_index: number;
  archived_at: number;
  handling: string;
  evaluation: string;
  conflicting: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();

// The keyset pages (versions, flags) bound the index range below by the last key's leading
// column, then compare the rest within it: with `a > ? OR (a = ? AND b > ?)` alone, SQLite and
// PostgreSQL walked the range from its start on every page (quadratic in the rows listed).
const SQL = {
  record: `SELECT exercise, originator, record_id, record_type, current_version, current_message_id, updated_at,
      withdrawn, withdrawn_by, review_by
    FROM databank_records WHERE exercise = ? AND originator = ? AND record_id = ?`,
  versions: `SELECT v.version, v.message_id, v.leaf_index, v.archived_at, v.handling, v.evaluation,
      CASE WHEN c.other_message_id IS NULL THEN 0 ELSE 1 END AS conflicting
    FROM databank_versions v LEFT JOIN databank_conflicts c ON c.other_message_id = v.message_id
    WHERE v.exercise = ? AND v.originator = ? AND v.record_id = ?
      AND v.version >= ? AND (v.version > ? OR v.leaf_index > ?)
    ORDER BY v.version, v.leaf_index LIMIT ?`,
  version: `SELECT v.version, v.message_id, v.leaf_index, v.archived_at, v.handling, v.evaluation, 0 AS conflicting
    FROM databank_versions v WHERE v.message_id = ?`,
  conflicts: `SELECT exercise, originator, record_id, version, current_message_id, other_message_id, leaf_index
    FROM databank_conflicts WHERE exercise = ? AND leaf_index > ? ORDER BY leaf_index LIMIT ?`,
  flags: `SELECT exercise, message_id, code, leaf_index, detail FROM databank_flags
    WHERE exercise = ? AND leaf_index >= ? AND (leaf_index > ? OR code > ?) ORDER BY leaf_index, code LIMIT ?`,
  countRecords: 'SELECT COUNT(*) AS n, COALESCE(SUM(withdrawn), 0) AS w FROM databank_records WHERE exercise = ?',
  countConflicts: 'SELECT COUNT(*) AS n FROM databank_conflicts WHERE exercise = ?',
  countFlags: 'SELECT COUNT(*) AS n FROM databank_flags WHERE exercise = ?',
} as const;

function summaryOf(row: RecordDbRow): BankRecordSummary {
  return {
    exercise: row.exercise === 1,
    originator: row.originator,
    recordId: row.record_id,
    recordType: row.record_type,
    currentVersion: row.current_version,
    currentMessageId: row.current_message_id,
    updatedAt: iso(row.updated_at),
    withdrawn: row.withdrawn === 1,
    withdrawnBy: row.withdrawn_by,
    reviewBy: row.review_by === null ? null : iso(row.review_by),
  };
}

function conflictOf(row: ConflictDbRow): BankConflict {
  return {
    exercise: row.exercise === 1,
    originator: row.originator,
    recordId: row.record_id,
    version: row.version,
    currentMessageId: row.current_message_id,
    otherMessageId: row.other_message_id,
    leafIndex: row.leaf_index,
  };
}

function flagOf(row: FlagDbRow): BankFlag {
  return {
    exercise: row.exercise === 1,
    messageId: row.message_id,
    code: row.code,
    leafIndex: row.leaf_index,
    detail: row.detail,
  };
}

function versionOf(row: VersionDbRow, record: RecordDbRow): BankVersion {
  let state: VersionState;
  if (record.withdrawn === 1) state = 'withdrawn';
  else if (row.message_id === record.current_message_id) state = 'current';
  else if (row.conflicting === 1) state = 'conflicting';
  else if (row.version === record.current_version) state = 'duplicate';
  else state = 'superseded';
  return {
    version: row.version,
    messageId: row.message_id,
    leafIndex: row.leaf_index,
    archivedAt: iso(row.archived_at),
    handling: JSON.parse(row.handling) as Record<string, unknown>,
    evaluation: JSON.parse(row.evaluation) as Record<string, unknown>,
    state,
  };
}

/**
 * The data bank's records as operators read them: status, a record's current version with
 * its content, its history, conflicts and flags. Plain JSON-able objects (camelCase, times
 * as RFC 3339), one namespace at a time: an exercise query never sees an operational row,
 * nor the reverse. Lists are keyset pages in a stable order.
 */
export class DatabankRecords {
  constructor(
    private readonly db: SqlDb,
    private readonly reader: ArchiveReader,
    private readonly projection: DatabankProjection,
  ) {}

  /** The projection's progress and what the namespace holds. */
  async status(exercise: boolean): Promise<BankStatus> {
    const ns = exercise ? 1 : 0;
    const { cursor, size, lag } = await this.projection.lag();
    const records = (await this.db.get<{ n: number; w: number }>(SQL.countRecords, [ns]))!;
    const count = async (sql: string): Promise<number> => (await this.db.get<{ n: number }>(sql, [ns]))!.n;
    return {
      exercise,
      cursor,
      size,
      lag,
      counts: {
        records: records.n,
        withdrawn: records.w,
        conflicts: await count(SQL.countConflicts),
        flags: await count(SQL.countFlags),
      },
      linkThreshold: this.projection.linkThreshold,
    };
  }

  /** The record's identity and standing, or undefined when the bank does not hold it. */
  async summary(ref: BankRecordRef): Promise<BankRecordSummary | undefined> {
    const row = await this.#record(ref);
    return row === undefined ? undefined : summaryOf(row);
  }

  /**
   * The record's current version with its content, read from the archive, as of `now`;
   * undefined when the bank does not hold the record. A record out of the current view
   * (withdrawn, or past its review date: see `currentView`) comes without version or content.
   */
  async current(
    ref: BankRecordRef,
    now: number,
  ): Promise<BankCurrentRecord | { readonly outOfView: BankRecordSummary } | undefined> {
    const row = await this.#record(ref);
    if (row === undefined) return undefined;
    if (!isCurrent(row, now)) return { outOfView: summaryOf(row) };
    const version = await this.db.get<VersionDbRow>(SQL.version, [row.current_message_id]);
    const envelope = await this.reader.message(row.current_message_id);
    let content: Record<string, unknown> | null = null;
    if (envelope?.payload !== undefined) {
      const type = envelope.payloadType as PayloadType;
      content = payloadToJson(type, decodePayload(type, envelope.payload), { input: true });
    }
    return {
      summary: summaryOf(row),
      version: versionOf(version!, row),
      content,
      contentErasedAt: envelope?.payloadErasedAt == null ? null : iso(envelope.payloadErasedAt),
    };
  }

  /** The record's versions by version then log order; undefined when the bank does not hold the record. */
  async versions(
    ref: BankRecordRef,
    page: BankPageRequest<readonly [number, number]>,
  ): Promise<
    { readonly summary: BankRecordSummary; readonly page: BankPage<BankVersion, readonly [number, number]> } | undefined
  > {
    const row = await this.#record(ref);
    if (row === undefined) return undefined;
    const [version, leaf] = page.after ?? [-1, -1];
    const rows = await this.db.all<VersionDbRow>(SQL.versions, [
      row.exercise,
      row.originator,
      row.record_id,
      version,
      version,
      leaf,
      page.limit + 1,
    ]);
    const items = rows.slice(0, page.limit).map((v) => versionOf(v, row));
    const last = items.at(-1);
    return {
      summary: summaryOf(row),
      page: {
        items,
        next: rows.length > page.limit && last !== undefined ? [last.version, last.leafIndex] : undefined,
      },
    };
  }

  /** Conflicts of the namespace, in log order. */
  async conflicts(exercise: boolean, page: BankPageRequest<number>): Promise<BankPage<BankConflict, number>> {
    const rows = await this.db.all<ConflictDbRow>(SQL.conflicts, [exercise ? 1 : 0, page.after ?? -1, page.limit + 1]);
    const items = rows.slice(0, page.limit).map(conflictOf);
    return { items, next: rows.length > page.limit ? items.at(-1)?.leafIndex : undefined };
  }

  /** Flags of the namespace, in log order. */
  async flags(
    exercise: boolean,
    page: BankPageRequest<readonly [number, string]>,
  ): Promise<BankPage<BankFlag, readonly [number, string]>> {
    const [leaf, code] = page.after ?? [-1, ''];
    const rows = await this.db.all<FlagDbRow>(SQL.flags, [exercise ? 1 : 0, leaf, leaf, code, page.limit + 1]);
    const items = rows.slice(0, page.limit).map(flagOf);
    const last = items.at(-1);
    return { items, next: rows.length > page.limit && last !== undefined ? [last.leafIndex, last.code] : undefined };
  }

  #record(ref: BankRecordRef): Promise<RecordDbRow | undefined> {
    return this.db.get<RecordDbRow>(SQL.record, [ref.exercise ? 1 : 0, ref.originator, ref.recordId]);
  }
}

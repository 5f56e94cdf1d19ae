import { AtcError, Duration, ErrorCode } from '@atc/shared';
import type { SqlDb, SqlValue } from '../db/sql-db.js';

/**
 * The one definition of the bank's **current view** (DESIGN.md section 9): a record is current
 * while it is not withdrawn and its review date (handling.review_by of its current version) has
 * not passed. Every query of current records (dossier, listings, search) adds this condition on
 * its `databank_records` alias and passes `params` after its own earlier placeholders:
 *
 * ```ts
 * const current = currentView('r', now);
 * db.all(`SELECT ... FROM databank_records r WHERE r.exercise = ? AND ${current.where}`, [exercise, ...current.params]);
 * ```
 *
 * Time-dependent on purpose: a record leaves the view the moment its date passes, without
 * a write; a newer version with a later date (or none) brings it back.
 */
export function currentView(alias: string, now: number): { readonly where: string; readonly params: SqlValue[] } {
  if (!/^[a-z_][a-z0-9_]*$/.test(alias)) throw new Error(`not an SQL alias: ${alias}`);
  return {
    where: `(${alias}.withdrawn = 0 AND (${alias}.review_by IS NULL OR ${alias}.review_by > ?))`,
    params: [now],
  };
}

/** The same rule for a row already read (`withdrawn` 0/1, `review_by` ms or null). */
export function isCurrent(
  row: { readonly withdrawn: number; readonly review_by: number | null },
  now: number,
): boolean {
  return row.withdrawn === 0 && (row.review_by === null || row.review_by > now);
}

/** Longest look-ahead of the due list, in days. */
export const MAX_REVIEW_WINDOW_DAYS = 3650;

/** Most records one due list returns. */
export const MAX_REVIEW_LIST = 5000;

/** A record whose review date is within the window or past. */
export interface DueRecord {
  readonly recordId: string;
  readonly recordType: string;
  readonly version: number;
  /** The message that carried the current version. */
  readonly messageId: string;
  /** ISO 8601. */
  readonly reviewBy: string;
  /** The review date has passed: the record is out of the current view until a newer version. */
  readonly pastDue: boolean;
  /** The review Notice that announced this version's date to its originator, if sent. */
  readonly noticeMessageId: string | null;
}

/** One originator's records due for review. */
export interface DueByOriginator {
  readonly originator: string;
  readonly dueSoon: number;
  readonly pastDue: number;
  readonly records: readonly DueRecord[];
}

/** The due list: what operators see, and what review Notices are drawn from. */
export interface ReviewDueList {
  readonly exercise: boolean;
  /** ISO 8601: the time the list was computed for. */
  readonly at: string;
  readonly withinDays: number;
  readonly originators: readonly DueByOriginator[];
  /** More records were due than `limit`: the list stops at it (oldest review dates first per originator). */
  readonly truncated: boolean;
}

interface DueRow {
  originator: string;
  record_id: string;
  record_type: string;
  current_version: number;
  current_message_id: string;
  review_by: number;
  notice_message_id: string | null;
}

/**
 * Records not withdrawn whose review date is at most `withinDays` days after `now` or already
 * past, per originator (then by review date), in one namespace (operational unless `exercise`).
 * Throws ERR_QUERY_INVALID for a window or limit out of range.
 */
export async function reviewDueList(
  db: SqlDb,
  options: {
    readonly now: number;
    readonly withinDays: number;
    readonly exercise?: boolean;
    readonly originator?: string;
    readonly limit?: number;
  },
): Promise<ReviewDueList> {
  const { now, withinDays } = options;
  const limit = options.limit ?? MAX_REVIEW_LIST;
  if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > MAX_REVIEW_WINDOW_DAYS) {
    throw new AtcError(
      ErrorCode.QUERY_INVALID,
      `withinDays must be a whole number of days from 0 to ${MAX_REVIEW_WINDOW_DAYS}; got ${String(withinDays)}`,
    );
  }
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_REVIEW_LIST) {
    throw new AtcError(ErrorCode.QUERY_INVALID, `limit must be a whole number from 1 to ${MAX_REVIEW_LIST}`);
  }
  const exercise = options.exercise === true;
  const params: SqlValue[] = [exercise ? 1 : 0, now + withinDays * Duration.day];
  if (options.originator !== undefined) params.push(options.originator);
  const rows = await db.all<DueRow>(
    `SELECT r.originator, r.record_id, r.record_type, r.current_version, r.current_message_id, r.review_by,
       n.notice_message_id
     FROM databank_records r
     LEFT JOIN databank_review_notices n ON n.exercise = r.exercise AND n.originator = r.originator
       AND n.record_id = r.record_id AND n.version = r.current_version AND n.review_by = r.review_by
     WHERE r.exercise = ? AND r.withdrawn = 0 AND r.review_by IS NOT NULL AND r.review_by <= ?
       ${options.originator === undefined ? '' : 'AND r.originator = ?'}
     ORDER BY r.originator, r.review_by, r.record_id
     LIMIT ?`,
    [...params, limit + 1],
  );
  const byOriginator = new Map<string, DueRecord[]>();
  for (const r of rows.slice(0, limit)) {
    const list = byOriginator.get(r.originator) ?? [];
    list.push({
      recordId: r.record_id,
      recordType: r.record_type,
      version: r.current_version,
      messageId: r.current_message_id,
      reviewBy: new Date(r.review_by).toISOString(),
      pastDue: r.review_by <= now,
      noticeMessageId: r.notice_message_id,
    });
    byOriginator.set(r.originator, list);
  }
  return {
    exercise,
    at: new Date(now).toISOString(),
    withinDays,
    originators: [...byOriginator].map(([originator, records]) => ({
      originator,
      dueSoon: records.filter((r) => !r.pastDue).length,
      pastDue: records.filter((r) => r.pastDue).length,
      records,
    })),
    truncated: rows.length > limit,
  };
}

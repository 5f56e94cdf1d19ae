import type { SqlDb, SqlValue } from '../db/sql-db.js';

/** How many refusals of one code fell into one time bucket. */
export interface RefusalBucket {
  /** Start of the bucket, Unix ms (a multiple of the bucket's length). */
  readonly start: number;
  readonly code: string;
  readonly count: number;
}

/** A quarantined submission as operators see it: metadata only, never the bytes. */
export interface QuarantineItem {
  readonly id: number;
  readonly receivedAt: number;
  readonly subject: string;
  readonly transportSender: string | null;
  readonly claimedSender: string | null;
  readonly messageId: string | null;
  readonly code: string;
  readonly detail: string;
  readonly size: number;
  readonly envelopeSha256: Buffer;
  readonly receiptId: string | null;
  /** Exercise traffic (claimed by a header whose signature verified); null when quarantined before migration 12. */
  readonly exercise: boolean | null;
}

/** Which quarantined submissions a list returns. */
export interface QuarantineFilter {
  readonly code?: string;
  /** Only exercise (true) or only operational (false) submissions; rows of unknown namespace match neither. */
  readonly exercise?: boolean;
  /** The member whose submit subject carried it (the transport sender). */
  readonly sender?: string;
  /** Received at or after (Unix ms). */
  readonly from?: number;
  /** Received before (Unix ms). */
  readonly to?: number;
  /** Only rows after this one in the list's order (the keyset cursor: the last row of the page before). */
  readonly after?: { readonly receivedAt: number; readonly id: number };
  readonly limit: number;
}

interface QuarantineRow {
  id: number;
  received_at: number;
  subject: string;
  transport_sender: string | null;
  claimed_sender: string | null;
  message_id: string | null;
  reason: string;
  detail: string;
  size: number;
  envelope_sha256: Buffer;
  receipt_id: string | null;
  exercise: number | null;
}

const namespaceOf = (exercise: boolean | undefined): SqlValue | undefined =>
  exercise === undefined ? undefined : exercise ? 1 : 0;

/**
 * Refusals per code in buckets of `bucketMs` over [from, to), from the quarantine (index
 * quarantine_time). Only buckets with refusals are returned, oldest first.
 */
export async function refusalBuckets(
  db: SqlDb,
  range: { readonly from: number; readonly to: number; readonly bucketMs: number; readonly exercise?: boolean },
): Promise<RefusalBucket[]> {
  const exercise = namespaceOf(range.exercise);
  const rows = await db.all<{ bucket: number; reason: string; n: number }>(
    // `%` keeps integers on both engines (SQLite may bind a number as REAL, and `/` would then divide exactly).
    'SELECT received_at - received_at % ? AS bucket, reason, COUNT(*) AS n FROM quarantine ' +
      `WHERE received_at >= ? AND received_at < ? ${exercise === undefined ? '' : 'AND exercise = ? '}` +
      'GROUP BY 1, 2 ORDER BY 1, 2',
    [range.bucketMs, range.from, range.to, ...(exercise === undefined ? [] : [exercise])],
  );
  return rows.map((r) => ({ start: r.bucket, code: r.reason, count: r.n }));
}

/**
 * The statement of one page of {@link listQuarantine}: newest first by the time received, then
 * by id. Every filter has an index that ends in `received_at` (and, in SQLite, the row id), so
 * a page is read along that index from the cursor on and stops at its limit: it never sorts
 * the window it lists, however many rows a flood of refusals left in it.
 */
export function quarantinePageQuery(filter: QuarantineFilter): { readonly sql: string; readonly params: SqlValue[] } {
  const where: string[] = [];
  const params: SqlValue[] = [];
  const add = (clause: string, ...values: (SqlValue | undefined)[]): void => {
    if (values.some((v) => v === undefined)) return;
    where.push(clause);
    params.push(...(values as SqlValue[]));
  };
  add('reason = ?', filter.code);
  add('exercise = ?', namespaceOf(filter.exercise));
  add('transport_sender = ?', filter.sender);
  add('received_at >= ?', filter.from);
  add('received_at < ?', filter.to);
  // Keyset after (t, id): the bound on the time alone starts the index range at the cursor.
  const after = filter.after;
  if (after !== undefined)
    add('received_at <= ? AND (received_at < ? OR id < ?)', after.receivedAt, after.receivedAt, after.id);
  return {
    sql:
      'SELECT id, received_at, subject, transport_sender, claimed_sender, message_id, reason, detail, size, ' +
      `envelope_sha256, receipt_id, exercise FROM quarantine ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`} ` +
      'ORDER BY received_at DESC, id DESC LIMIT ?',
    params: [...params, filter.limit],
  };
}

/**
 * Quarantined submissions, newest first, filtered; keyset-paged by (time received, id) so that
 * rows quarantined while an operator pages through never shift a page (each row is listed
 * exactly once).
 */
export async function listQuarantine(db: SqlDb, filter: QuarantineFilter): Promise<QuarantineItem[]> {
  const { sql, params } = quarantinePageQuery(filter);
  const rows = await db.all<QuarantineRow>(sql, params);
  return rows.map((r) => ({
    id: r.id,
    receivedAt: r.received_at,
    subject: r.subject,
    transportSender: r.transport_sender,
    claimedSender: r.claimed_sender,
    messageId: r.message_id,
    code: r.reason,
    detail: r.detail,
    size: r.size,
    envelopeSha256: r.envelope_sha256,
    receiptId: r.receipt_id,
    exercise: r.exercise === null ? null : r.exercise === 1,
  }));
}

import { AtcError, ErrorCode, toIso } from '@atc/shared';
import { inLists, marks } from '../db/insert-rows.js';
import type { SqlDb } from '../db/sql-db.js';
import type { PurgeState } from './purge-projection.js';

/** Default and largest page of {@link listWithdrawals} (the operator API's `limit`). */
export const WITHDRAWALS_PAGE = { default: 50, max: 500 } as const;

/** When purges become overdue: `overdueMs` after the withdrawal was routed, as of `now`. */
export interface OverdueClock {
  /** Milliseconds since the epoch. */
  readonly now: number;
  /** The configured delay (`ATC_DATABANK_PURGE_OVERDUE_HOURS`, in ms). */
  readonly overdueMs: number;
}

/** One member's purge of a withdrawn record, as operators see it (JSON-able). */
export interface PurgeView {
  readonly member: string;
  /** pending (no ack yet), incomplete (an ack left out versions it received), purged, not_held (received no version). */
  readonly state: PurgeState;
  /** Open (pending or incomplete) and routed more than the overdue delay ago. */
  readonly overdue: boolean;
  /** The versions of the record the member received before the withdrawal. */
  readonly versions: readonly number[];
  /** When the withdrawal was routed to it (archived). */
  readonly routedAt: string;
  /** The last PurgeAck applied, if any: its message id, when archived, what it says. */
  readonly ackMessageId: string | null;
  readonly ackedAt: string | null;
  readonly erasedAt: string | null;
  readonly erasedCount: number | null;
  readonly ackedVersions: readonly number[] | null;
}

/** A withdrawal and its purge state per member (JSON-able). */
export interface WithdrawalView {
  readonly messageId: string;
  /** True for the exercise namespace. */
  readonly exercise: boolean;
  readonly originator: string;
  readonly recordId: string;
  /** The WithdrawalReason name, e.g. WITHDRAWAL_REASON_INACCURATE. */
  readonly reason: string;
  readonly archivedAt: string;
  readonly leafIndex: number;
  /** Some member's purge is overdue. */
  readonly overdue: boolean;
  /** Members per purge state (`notHeld` counts the state `not_held`), and how many are overdue. */
  readonly counts: PurgeCounts;
  readonly members: readonly PurgeView[];
}

/** How many members of a withdrawal are in each purge state, and how many are overdue. */
export interface PurgeCounts {
  readonly pending: number;
  readonly incomplete: number;
  readonly purged: number;
  readonly notHeld: number;
  readonly overdue: number;
}

/** A page of withdrawals, newest first; `nextCursor` is null on the last page. */
export interface WithdrawalPage {
  readonly items: readonly WithdrawalView[];
  readonly nextCursor: string | null;
}

/** The key of {@link PurgeCounts} that counts each purge state (JSON property names are camelCase). */
const COUNT_OF: Readonly<Record<PurgeState, keyof PurgeCounts>> = {
  pending: 'pending',
  incomplete: 'incomplete',
  purged: 'purged',
  not_held: 'notHeld',
};

interface WithdrawalRow {
  message_id: string;
  exercise: number;
  originator: string;
  record_id: string;
  reason: string;
  leaf_index: number;
  archived_at: number;
}

interface PurgeRow {
  withdrawal_message_id: string;
  member: string;
  routed_at: number;
  versions: string;
  state: PurgeState;
  ack_message_id: string | null;
  acked_at: number | null;
  erased_at: number | null;
  erased_count: number | null;
  acked_versions: string | null;
}

const OPEN = "('pending', 'incomplete')";
const WITHDRAWAL_COLUMNS = 'message_id, exercise, originator, record_id, reason, leaf_index, archived_at';
const PURGE_COLUMNS = `withdrawal_message_id, member, routed_at, versions, state, ack_message_id, acked_at, erased_at,
  erased_count, acked_versions`;

const CURSOR_PREFIX = 'w1.';

function encodeCursor(leafIndex: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${leafIndex}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const text = /^[A-Za-z0-9_-]{1,64}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString() : '';
  const leaf = text.startsWith(CURSOR_PREFIX) ? text.slice(CURSOR_PREFIX.length) : '';
  if (!/^(0|[1-9][0-9]{0,15})$/.test(leaf)) {
    throw new AtcError(
      ErrorCode.CURSOR_INVALID,
      'cursor is not one this list returned; start again without a cursor and follow nextCursor',
    );
  }
  return Number(leaf);
}

function isOverdue(p: PurgeRow, clock: OverdueClock): boolean {
  return (p.state === 'pending' || p.state === 'incomplete') && p.routed_at <= clock.now - clock.overdueMs;
}

function purgeView(p: PurgeRow, clock: OverdueClock): PurgeView {
  const iso = (t: number | null): string | null => (t === null ? null : toIso(t));
  return {
    member: p.member,
    state: p.state,
    overdue: isOverdue(p, clock),
    versions: JSON.parse(p.versions) as number[],
    routedAt: toIso(p.routed_at),
    ackMessageId: p.ack_message_id,
    ackedAt: iso(p.acked_at),
    erasedAt: iso(p.erased_at),
    erasedCount: p.erased_count,
    ackedVersions: p.acked_versions === null ? null : (JSON.parse(p.acked_versions) as number[]),
  };
}

function withdrawalView(w: WithdrawalRow, purges: readonly PurgeRow[], clock: OverdueClock): WithdrawalView {
  const members = purges.map((p) => purgeView(p, clock));
  const counts = { pending: 0, incomplete: 0, purged: 0, notHeld: 0, overdue: 0 };
  for (const m of members) {
    counts[COUNT_OF[m.state]] += 1;
    if (m.overdue) counts.overdue += 1;
  }
  return {
    messageId: w.message_id,
    exercise: w.exercise === 1,
    originator: w.originator,
    recordId: w.record_id,
    reason: w.reason,
    archivedAt: toIso(w.archived_at),
    leafIndex: w.leaf_index,
    overdue: counts.overdue > 0,
    counts,
    members,
  };
}

async function purgesOf(db: SqlDb, messageIds: readonly string[]): Promise<Map<string, PurgeRow[]>> {
  const byWithdrawal = new Map<string, PurgeRow[]>(messageIds.map((id) => [id, []]));
  for (const list of inLists([...messageIds])) {
    const rows = await db.all<PurgeRow>(
      `SELECT ${PURGE_COLUMNS} FROM databank_purges WHERE withdrawal_message_id IN (${marks(list.length)})
       ORDER BY withdrawal_message_id, member`,
      list,
    );
    for (const row of rows) byWithdrawal.get(row.withdrawal_message_id)?.push(row);
  }
  return byWithdrawal;
}

/**
 * Withdrawals the data bank holds in one namespace (operational unless `exercise`), newest
 * first, each with its purge state per member; `overdue` keeps those with a purge open for
 * longer than the overdue delay. Pages follow the opaque `nextCursor`.
 *
 * @throws AtcError CURSOR_INVALID for a cursor this list did not return, QUERY_INVALID for a limit outside 1..500.
 */
export async function listWithdrawals(
  db: SqlDb,
  query: {
    readonly exercise?: boolean;
    readonly overdue?: boolean;
    readonly cursor?: string;
    readonly limit?: number;
  } & OverdueClock,
): Promise<WithdrawalPage> {
  const limit = query.limit ?? WITHDRAWALS_PAGE.default;
  if (!Number.isInteger(limit) || limit < 1 || limit > WITHDRAWALS_PAGE.max) {
    throw new AtcError(ErrorCode.QUERY_INVALID, `limit must be an integer from 1 to ${WITHDRAWALS_PAGE.max}`);
  }
  const before = query.cursor === undefined ? Number.MAX_SAFE_INTEGER : decodeCursor(query.cursor);
  const params: (number | string)[] = [query.exercise === true ? 1 : 0, before];
  let overdue = '';
  if (query.overdue === true) {
    overdue = `AND EXISTS (SELECT 1 FROM databank_purges p WHERE p.withdrawal_message_id = w.message_id
      AND p.state IN ${OPEN} AND p.routed_at <= ?)`;
    params.push(query.now - query.overdueMs);
  }
  const rows = await db.all<WithdrawalRow>(
    `SELECT ${WITHDRAWAL_COLUMNS} FROM databank_withdrawals w WHERE w.exercise = ? AND w.leaf_index < ? ${overdue}
     ORDER BY w.leaf_index DESC LIMIT ?`,
    [...params, limit + 1],
  );
  const page = rows.slice(0, limit);
  const purges = await purgesOf(
    db,
    page.map((w) => w.message_id),
  );
  return {
    items: page.map((w) => withdrawalView(w, purges.get(w.message_id) ?? [], query)),
    nextCursor: rows.length > limit ? encodeCursor(page.at(-1)!.leaf_index) : null,
  };
}

/**
 * One withdrawal with its purge state per member, or `undefined` when the bank holds no
 * withdrawal `messageId` in the namespace asked for (operational unless `exercise`).
 */
export async function withdrawal(
  db: SqlDb,
  messageId: string,
  query: { readonly exercise?: boolean } & OverdueClock,
): Promise<WithdrawalView | undefined> {
  const row = await db.get<WithdrawalRow>(
    `SELECT ${WITHDRAWAL_COLUMNS} FROM databank_withdrawals WHERE message_id = ? AND exercise = ?`,
    [messageId, query.exercise === true ? 1 : 0],
  );
  if (row === undefined) return undefined;
  const purges = await purgesOf(db, [messageId]);
  return withdrawalView(row, purges.get(messageId) ?? [], query);
}

/** Members' purges open for longer than the overdue delay, both namespaces (the gauge `atc_databank_purges_overdue`). */
export async function countOverduePurges(db: SqlDb, clock: OverdueClock): Promise<number> {
  const row = await db.get<{ n: number }>(
    `SELECT COUNT(*) AS n FROM databank_purges WHERE state IN ${OPEN} AND routed_at <= ?`,
    [clock.now - clock.overdueMs],
  );
  return row?.n ?? 0;
}

/** Per member, its purges open for longer than the overdue delay (both namespaces): how many, and since when. */
export async function overduePurgesByMember(
  db: SqlDb,
  clock: OverdueClock,
): Promise<{ member: string; count: number; oldestRoutedAt: number }[]> {
  const rows = await db.all<{ member: string; n: number; oldest: number }>(
    `SELECT member, COUNT(*) AS n, MIN(routed_at) AS oldest FROM databank_purges
     WHERE state IN ${OPEN} AND routed_at <= ? GROUP BY member ORDER BY member`,
    [clock.now - clock.overdueMs],
  );
  return rows.map((r) => ({ member: r.member, count: r.n, oldestRoutedAt: r.oldest }));
}

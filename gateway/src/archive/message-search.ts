import { inLists, marks } from '../db/insert-rows.js';
import type { SqlDb, SqlValue } from '../db/sql-db.js';
import type { DeliveryRow } from './message-store.js';
import type { MessageHeaderColumns } from './message-columns.js';

/**
 * A message's delivery state over its recipients: `pending` while a copy is not yet routed to
 * a recipient's inbox, `routed` when every copy is routed and one is not yet acknowledged,
 * `delivered` when every recipient acknowledged its copy (or the message had none to route).
 */
export type MessageStatus = DeliveryRow['state'];

/** The delivery states, in the order a copy goes through them. */
export const MESSAGE_STATUSES: readonly MessageStatus[] = ['pending', 'routed', 'delivered'];

/** What a search asks for; every filter given must hold (AND). */
export interface MessageFilter {
  /** The namespace: exercise traffic or operational traffic, never both in one list. */
  readonly exercise: boolean;
  readonly messageId?: string;
  readonly sender?: string;
  /** With {@link status}: that recipient's copy has the status. */
  readonly recipient?: string;
  readonly payloadType?: string;
  readonly status?: MessageStatus;
  /** Archived at or after (Unix ms). */
  readonly from?: number;
  /** Archived before (Unix ms). */
  readonly to?: number;
}

/** A position in the newest-first order: the (archived_at, seq) of the last message seen. */
export interface SearchPosition {
  readonly archivedAt: number;
  readonly seq: number;
}

/** One message of a result page: metadata only, never payload content. */
export interface MessageSummary {
  readonly seq: number;
  readonly messageId: string;
  readonly sender: string;
  readonly payloadType: string;
  readonly createdAt: number;
  readonly archivedAt: number;
  readonly tlp: number;
  readonly urgency: number;
  readonly broadcast: boolean;
  readonly exercise: boolean;
  readonly correlationId: string | null;
  readonly inReplyTo: string | null;
  readonly leafIndex: number | null;
  readonly size: number;
  readonly payloadErasedAt: number | null;
  readonly status: MessageStatus;
  readonly recipients: readonly Omit<DeliveryRow, 'ackMessageId'>[];
}

/** One page of a search. */
export interface MessagePage {
  readonly items: readonly MessageSummary[];
  /** Where the next page starts; undefined when the search reached the end of the archive. */
  readonly next: SearchPosition | undefined;
  /**
   * True when the scan budget ran out before the page was full: the items are all the matches
   * down to {@link next}, and the search goes on from there.
   */
  readonly partial: boolean;
  /** Index entries looked at for this page. */
  readonly examined: number;
}

/** How much a page may cost. */
export interface MessageSearchOptions {
  /** Index entries one page may examine before it returns what it found (default {@link DEFAULT_SCAN_BUDGET}). */
  readonly scanBudget?: number;
}

/** Entries a page may examine by default: some tens of milliseconds on either engine. */
export const DEFAULT_SCAN_BUDGET = 10_000;

interface ScanRow {
  seq: number;
  archived_at: number;
  hit: number;
  /** The entry's place among those examined (1 = newest). */
  rn: number;
  /** How many entries the read examined. */
  n: number;
}

interface SummaryRow extends MessageHeaderColumns {
  seq: number;
  leaf_index: number | null;
  size: number;
  payload_erased_at: number | null;
}

interface CopyRow {
  message_id: string;
  recipient: string;
  state: MessageStatus;
  routed_at: number | null;
  delivered_at: number | null;
}

/** A WHERE fragment with its parameters. */
interface Clause {
  readonly sql: string;
  readonly params: readonly SqlValue[];
}

const NEWEST_FIRST = 'ORDER BY m.archived_at DESC, m.seq DESC';

const SUMMARY_COLUMNS = `seq, message_id, sender, payload_type, created_at, archived_at, tlp, urgency, broadcast,
  exercise, correlation_id, in_reply_to, leaf_index, length(envelope) AS size, payload_erased_at`;

function and(clauses: readonly Clause[]): Clause {
  if (clauses.length === 0) return { sql: '1 = 1', params: [] };
  return { sql: clauses.map((c) => `(${c.sql})`).join(' AND '), params: clauses.flatMap((c) => c.params) };
}

/** The condition on a message's copies that `status` (and `recipient`) asks for. */
function copiesClause(filter: MessageFilter): Clause | undefined {
  const { recipient, status } = filter;
  if (recipient !== undefined) {
    const state = status === undefined ? '' : ' AND d.state = ?';
    return {
      sql: `EXISTS (SELECT 1 FROM deliveries d WHERE d.message_id = m.message_id AND d.recipient = ?${state})`,
      params: status === undefined ? [recipient] : [recipient, status],
    };
  }
  const some = (state: string): string =>
    `EXISTS (SELECT 1 FROM deliveries d WHERE d.message_id = m.message_id AND d.state = '${state}')`;
  if (status === 'pending') return { sql: some('pending'), params: [] };
  if (status === 'routed') return { sql: `${some('routed')} AND NOT ${some('pending')}`, params: [] };
  if (status === 'delivered') {
    return {
      sql: "NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.message_id = m.message_id AND d.state <> 'delivered')",
      params: [],
    };
  }
  return undefined;
}

/**
 * Message search for operators (GET /v1/messages): newest first (archived_at, seq), keyset
 * pages, on SQLite and PostgreSQL alike.
 *
 * Every page costs a bounded amount, whatever the filters: the search walks one index in
 * newest-first order (exercise with sender, with payload type, or alone: migration 10) and
 * checks the other filters on the entries it meets, at most `scanBudget` of them per page.
 * When the budget runs out first, the page holds what was found and `partial` says so; the
 * next page goes on from the last entry examined. A search for copies still pending or routed
 * starts instead from those open copies (an index of their own) when they are fewer than the
 * budget, as they are while members keep up, and then always fills its page.
 */
export class MessageSearch {
  private readonly scanBudget: number;

  constructor(
    private readonly db: SqlDb,
    options: MessageSearchOptions = {},
  ) {
    this.scanBudget = options.scanBudget ?? DEFAULT_SCAN_BUDGET;
  }

  /** The page of at most `limit` messages matching `filter` after `after` (from the newest when absent). */
  async page(filter: MessageFilter, limit: number, after?: SearchPosition): Promise<MessagePage> {
    const open = await this.openCopiesPlan(filter, limit, after);
    const found = open ?? (await this.scan(filter, limit, after));
    const items = await this.summaries(found.seqs);
    return { items, next: found.next, partial: found.partial, examined: found.examined };
  }

  /**
   * Index predicates of the walk: namespace, id, sender, payload type (unless `typeChecked`,
   * when it is checked per entry instead), time range and position.
   */
  private driving(filter: MessageFilter, after: SearchPosition | undefined, typeChecked = false): Clause {
    const clauses: Clause[] = [{ sql: 'm.exercise = ?', params: [filter.exercise ? 1 : 0] }];
    if (filter.messageId !== undefined) clauses.push({ sql: 'm.message_id = ?', params: [filter.messageId] });
    if (filter.sender !== undefined) clauses.push({ sql: 'm.sender = ?', params: [filter.sender] });
    if (filter.payloadType !== undefined && !typeChecked) {
      clauses.push({ sql: 'm.payload_type = ?', params: [filter.payloadType] });
    }
    if (filter.from !== undefined) clauses.push({ sql: 'm.archived_at >= ?', params: [filter.from] });
    // Below a position before `to`, `to` says nothing more: left out, so that the walk starts at
    // the position (given both upper bounds, SQLite started the range at `to` and walked down
    // to the position on every page).
    if (filter.to !== undefined && (after === undefined || after.archivedAt >= filter.to)) {
      clauses.push({ sql: 'm.archived_at < ?', params: [filter.to] });
    }
    if (after !== undefined) {
      clauses.push({ sql: '(m.archived_at, m.seq) < (?, ?)', params: [after.archivedAt, after.seq] });
    }
    return and(clauses);
  }

  /**
   * The search from the open copies, when the filter asks for pending or routed ones and there
   * are at most `scanBudget` of them; undefined otherwise.
   */
  private async openCopiesPlan(
    filter: MessageFilter,
    limit: number,
    after: SearchPosition | undefined,
  ): Promise<Found | undefined> {
    const { status, recipient } = filter;
    if (status !== 'pending' && status !== 'routed') return undefined;
    // The state as a literal beside the index's own condition, so that both engines see that
    // the partial index of open copies (migration 10) holds every row asked for.
    const openCopies = `state <> 'delivered' AND state = '${status}'${recipient === undefined ? '' : ' AND recipient = ?'}`;
    const copyParams: SqlValue[] = recipient === undefined ? [] : [recipient];
    const counted = await this.db.get<{ n: number }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM deliveries WHERE ${openCopies} LIMIT ?) open_copies`,
      [...copyParams, this.scanBudget + 1],
    );
    const open = counted?.n ?? 0;
    if (open > this.scanBudget) return undefined;
    const where = this.driving(filter, after);
    const copies = copiesClause(filter);
    // The open copies lead (SQLite's CROSS JOIN keeps it from walking the messages in order
    // instead; PostgreSQL plans this from its statistics); their messages, at most the budget
    // of them, are sorted.
    const join = this.db.dialect === 'sqlite' ? 'CROSS JOIN' : 'JOIN';
    const rows = await this.db.all<{ seq: number; archived_at: number }>(
      `SELECT m.seq, m.archived_at
       FROM (SELECT DISTINCT message_id FROM deliveries WHERE ${openCopies}) o
       ${join} messages m ON m.message_id = o.message_id
       WHERE ${where.sql}${copies === undefined ? '' : ` AND ${copies.sql}`}
       ${NEWEST_FIRST} LIMIT ?`,
      [...copyParams, ...where.params, ...(copies?.params ?? []), limit + 1],
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      seqs: page.map((r) => r.seq),
      next: rows.length > limit && last !== undefined ? { archivedAt: last.archived_at, seq: last.seq } : undefined,
      partial: false,
      examined: open,
    };
  }

  /** The budgeted walk down one index, checking the remaining filters on each entry. */
  private async scan(filter: MessageFilter, limit: number, after: SearchPosition | undefined): Promise<Found> {
    // Sender or payload type lead an index; with both, the sender's, and the type is checked
    // per entry like the copies.
    const residual: Clause[] = [];
    const typeChecked = filter.sender !== undefined && filter.payloadType !== undefined;
    if (typeChecked) residual.push({ sql: 'm.payload_type = ?', params: [filter.payloadType ?? ''] });
    const copies = copiesClause(filter);
    if (copies !== undefined) residual.push(copies);
    const hit = and(residual);
    const hitSql = residual.length === 0 ? '1' : `CASE WHEN ${hit.sql} THEN 1 ELSE 0 END`;
    const hitParams = residual.length === 0 ? [] : hit.params;

    const hits: ScanRow[] = [];
    let examined = 0;
    let position = after;
    let chunk = Math.max(256, 4 * (limit + 1));
    for (;;) {
      // Without per-entry checks every entry is a match: one read of the page, whatever the budget.
      const want = residual.length === 0 ? limit + 1 : Math.min(chunk, this.scanBudget - examined);
      const where = this.driving(filter, position, typeChecked);
      // Only the matches come back, with the last entry examined (rn = want) to go on from.
      const rows = await this.db.all<ScanRow>(
        `SELECT seq, archived_at, hit, rn, n FROM (
           SELECT seq, archived_at, hit, row_number() OVER (ORDER BY archived_at DESC, seq DESC) AS rn,
             count(*) OVER () AS n
           FROM (SELECT m.seq, m.archived_at, ${hitSql} AS hit FROM messages m
                 WHERE ${where.sql} ${NEWEST_FIRST} LIMIT ?) examined
         ) numbered
         WHERE hit = 1 OR rn = ? ORDER BY archived_at DESC, seq DESC`,
        [...hitParams, ...where.params, want, want],
      );
      const seen = rows[0]?.n ?? 0;
      examined += seen;
      for (const row of rows) {
        if (row.hit !== 1) continue;
        hits.push(row);
        if (hits.length > limit) {
          const last = hits[limit - 1]!;
          return {
            seqs: hits.slice(0, limit).map((h) => h.seq),
            next: { archivedAt: last.archived_at, seq: last.seq },
            partial: false,
            examined,
          };
        }
      }
      if (seen < want) return { seqs: hits.map((h) => h.seq), next: undefined, partial: false, examined };
      const last = rows.at(-1)!;
      position = { archivedAt: last.archived_at, seq: last.seq };
      if (examined >= this.scanBudget) {
        // The budget ran out: what was found so far, and the place to go on from.
        return { seqs: hits.map((h) => h.seq), next: position, partial: hits.length < limit, examined };
      }
      chunk *= 2;
    }
  }

  /** The messages `seqs` (newest first) with their copies. */
  private async summaries(seqs: readonly number[]): Promise<MessageSummary[]> {
    if (seqs.length === 0) return [];
    const rows: SummaryRow[] = [];
    for (const chunk of inLists(seqs)) {
      rows.push(
        ...(await this.db.all<SummaryRow>(
          `SELECT ${SUMMARY_COLUMNS} FROM messages WHERE seq IN (${marks(chunk.length)})`,
          chunk,
        )),
      );
    }
    const copies = new Map<string, CopyRow[]>();
    for (const chunk of inLists(rows.map((r) => r.message_id))) {
      const found = await this.db.all<CopyRow>(
        `SELECT message_id, recipient, state, routed_at, delivered_at FROM deliveries
         WHERE message_id IN (${marks(chunk.length)}) ORDER BY message_id, recipient`,
        chunk,
      );
      for (const c of found) {
        const list = copies.get(c.message_id);
        if (list === undefined) copies.set(c.message_id, [c]);
        else list.push(c);
      }
    }
    const bySeq = new Map(rows.map((r) => [r.seq, r]));
    return seqs.flatMap((seq) => {
      const r = bySeq.get(seq);
      return r === undefined ? [] : [toSummary(r, copies.get(r.message_id) ?? [])];
    });
  }
}

/** What one plan found: the page's messages, where to go on, and what it cost. */
interface Found {
  readonly seqs: readonly number[];
  readonly next: SearchPosition | undefined;
  readonly partial: boolean;
  readonly examined: number;
}

/** The message's status: the least advanced state among its copies. */
function statusOf(copies: readonly CopyRow[]): MessageStatus {
  if (copies.some((c) => c.state === 'pending')) return 'pending';
  if (copies.some((c) => c.state === 'routed')) return 'routed';
  return 'delivered';
}

function toSummary(r: SummaryRow, copies: readonly CopyRow[]): MessageSummary {
  return {
    seq: r.seq,
    messageId: r.message_id,
    sender: r.sender,
    payloadType: r.payload_type,
    createdAt: r.created_at,
    archivedAt: r.archived_at,
    tlp: r.tlp,
    urgency: r.urgency,
    broadcast: r.broadcast === 1,
    exercise: r.exercise === 1,
    correlationId: r.correlation_id,
    inReplyTo: r.in_reply_to,
    leafIndex: r.leaf_index,
    size: r.size,
    payloadErasedAt: r.payload_erased_at,
    status: statusOf(copies),
    recipients: copies.map((c) => ({
      recipient: c.recipient,
      state: c.state,
      routedAt: c.routed_at,
      deliveredAt: c.delivered_at,
    })),
  };
}

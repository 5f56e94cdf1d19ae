import { atc, Duration, fromTimestamp, RefusalCode } from '@atc/shared';
import type { ArchivedEnvelope, ArchiveReader } from '../archive/archive-reader.js';
import type { SqlDb, SqlValue } from '../db/sql-db.js';
import type { Flagger } from './purge-projection.js';

/**
 * How long a member has to answer an information request whose header names no
 * `reply_due_at`, by urgency (ATC_SLA_IMMEDIATE, ATC_SLA_URGENT, ATC_SLA_NORMAL), in ms.
 */
export interface SlaDefaults {
  readonly immediateMs: number;
  readonly urgentMs: number;
  readonly normalMs: number;
}

/** The defaults of DESIGN.md section 10 "SLA": immediate 1 h, urgent 8 h, normal 5 days. */
export const SLA_DEFAULTS: SlaDefaults = Object.freeze({
  immediateMs: Duration.hour,
  urgentMs: 8 * Duration.hour,
  normalMs: 5 * Duration.day,
});

/** Where a request stands for one recipient. */
export type RequestState = 'open' | 'partial' | 'answered';

/** Stable codes the request tracking flags (kept in `databank_flags` with the response). */
export const RequestFlag = {
  /** A response to a request the bank does not track for its sender (the pipeline refuses these; older archives). */
  RESPONSE_UNKNOWN: RefusalCode.REFERENCE_UNKNOWN,
  /** A response whose namespace (exercise) differs from its request's. */
  RESPONSE_MISMATCH: RefusalCode.REFERENCE_MISMATCH,
} as const;

/** Outcomes that close a request for their responder; PARTIAL keeps it open (and overdue in time). */
const CLOSING_OUTCOMES: ReadonlySet<atc.v1.ResponseOutcome> = new Set([
  atc.v1.ResponseOutcome.RESPONSE_OUTCOME_ANSWERED,
  atc.v1.ResponseOutcome.RESPONSE_OUTCOME_NO_INFORMATION,
  atc.v1.ResponseOutcome.RESPONSE_OUTCOME_DECLINED,
]);

/** `ANSWERED`, `PARTIAL`...: an outcome's name without its enum prefix. */
export function outcomeName(outcome: atc.v1.ResponseOutcome): string {
  return (atc.v1.ResponseOutcome[outcome] ?? String(outcome)).replace('RESPONSE_OUTCOME_', '');
}

/** `IMMEDIATE`, `URGENT`, `NORMAL`: an urgency's name without its enum prefix. */
export function urgencyName(urgency: number): string {
  return (atc.v1.Urgency[urgency] ?? String(urgency)).replace('URGENCY_', '');
}

/** The default answer time of `urgency` (an unspecified one, refused by the pipeline, counts as normal). */
export function defaultAnswerMs(urgency: atc.v1.Urgency, defaults: SlaDefaults): number {
  if (urgency === atc.v1.Urgency.URGENCY_IMMEDIATE) return defaults.immediateMs;
  if (urgency === atc.v1.Urgency.URGENCY_URGENT) return defaults.urgentMs;
  return defaults.normalMs;
}

/**
 * The SQL of a tracked request's due time on alias `alias` of `databank_requests`: its
 * `reply_due_at` when set, else its archived time plus the default of its urgency. Computed
 * when read, so that the projection does not depend on the configuration (a rebuild gives
 * the same rows) and a changed default applies to the requests already open.
 */
export function dueSql(alias: string, defaults: SlaDefaults): { readonly sql: string; readonly params: SqlValue[] } {
  if (!/^[a-z_][a-z0-9_]*$/.test(alias)) throw new Error(`not an SQL alias: ${alias}`);
  return {
    sql:
      `COALESCE(${alias}.reply_due_at, ${alias}.requested_at + CASE ${alias}.urgency ` +
      `WHEN ${atc.v1.Urgency.URGENCY_IMMEDIATE} THEN CAST(? AS BIGINT) WHEN ${atc.v1.Urgency.URGENCY_URGENT} THEN CAST(? AS BIGINT) ` +
      'ELSE CAST(? AS BIGINT) END)',
    params: [defaults.immediateMs, defaults.urgentMs, defaults.normalMs],
  };
}

/**
 * Applies an accepted InformationRequest: one open row per member it was routed to (its
 * routing rows: the named recipients, or every member of a broadcast), each answered apart.
 * Requested at = archived at, so that a rebuild gives the same rows; the due time is the
 * header's `reply_due_at` when set (see {@link dueSql} for the default).
 */
export async function applyInformationRequest(
  db: SqlDb,
  reader: ArchiveReader,
  envelope: ArchivedEnvelope,
  request: atc.v1.InformationRequest,
): Promise<void> {
  const header = atc.v1.Header.decode(atc.v1.Envelope.decode(envelope.envelope).header);
  const replyDueAt = fromTimestamp(header.replyDueAt) ?? null;
  for (const recipient of await reader.recipientsOf(envelope.messageId)) {
    if (recipient === envelope.sender) continue;
    await db.run(
      `INSERT INTO databank_requests (request_message_id, recipient, exercise, requester, record_id, urgency,
         requested_at, reply_due_at, leaf_index, state, responses) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', 0)
       ON CONFLICT DO NOTHING`,
      [
        envelope.messageId,
        recipient,
        envelope.exercise ? 1 : 0,
        envelope.sender,
        request.recordId,
        envelope.urgency,
        envelope.archivedAt,
        replyDueAt,
        envelope.leafIndex,
      ],
    );
  }
}

/**
 * Applies an accepted InformationResponse to its sender's row of the request it answers
 * (header.in_reply_to). Several responses are allowed: each is counted; the first ANSWERED,
 * NO_INFORMATION or DECLINED closes the row (answered at its archived time), later ones change
 * nothing more; a PARTIAL one leaves it open, marked partial, and it still becomes overdue.
 * A response to a request not tracked for its sender, or from the other namespace, is flagged.
 */
export async function applyInformationResponse(
  db: SqlDb,
  envelope: ArchivedEnvelope,
  response: atc.v1.InformationResponse,
  flag: Flagger,
): Promise<void> {
  const requestId = envelope.inReplyTo ?? '';
  const row = await db.get<{ state: RequestState; exercise: number }>(
    'SELECT state, exercise FROM databank_requests WHERE request_message_id = ? AND recipient = ?',
    [requestId, envelope.sender],
  );
  if (row === undefined) {
    await flag(envelope, RequestFlag.RESPONSE_UNKNOWN, `no request ${requestId} to ${envelope.sender}`);
    return;
  }
  if (row.exercise !== (envelope.exercise ? 1 : 0)) {
    await flag(envelope, RequestFlag.RESPONSE_MISMATCH, `request ${requestId} is in the other namespace`);
    return;
  }
  const where = [requestId, envelope.sender];
  if (row.state === 'answered') {
    await db.run(
      'UPDATE databank_requests SET responses = responses + 1, last_response_at = ? WHERE request_message_id = ? AND recipient = ?',
      [envelope.archivedAt, ...where],
    );
    return;
  }
  const closes = CLOSING_OUTCOMES.has(response.outcome);
  await db.run(
    `UPDATE databank_requests SET responses = responses + 1, last_response_at = ?, state = ?, outcome = ?,
       answered_at = ?, answer_message_id = ? WHERE request_message_id = ? AND recipient = ?`,
    [
      envelope.archivedAt,
      closes ? 'answered' : 'partial',
      outcomeName(response.outcome),
      closes ? envelope.archivedAt : null,
      closes ? envelope.messageId : null,
      ...where,
    ],
  );
}

/** One tracked (request, recipient): metadata only, what operators list. */
export interface TrackedRequest {
  readonly requestMessageId: string;
  /** The requester's own id of the request (InformationRequest.record_id). */
  readonly requestRecordId: string;
  readonly requester: string;
  readonly recipient: string;
  readonly exercise: boolean;
  /** IMMEDIATE, URGENT or NORMAL. */
  readonly urgency: string;
  /** Unix ms (archived time of the request). */
  readonly requestedAt: number;
  /** Unix ms. */
  readonly dueAt: number;
  /** Whence the due time: the request's header, or the default of its urgency. */
  readonly dueFrom: 'reply_due_at' | 'urgency';
  readonly state: RequestState;
  /** Not answered and past its due time. */
  readonly overdue: boolean;
  readonly responses: number;
  /** Unix ms, when the response that closed it was archived. */
  readonly answeredAt: number | null;
  readonly answerMessageId: string | null;
  /** The outcome of the latest response that counted (ANSWERED, PARTIAL, NO_INFORMATION, DECLINED). */
  readonly outcome: string | null;
  /** Leaf index of the request: the list's order. */
  readonly leafIndex: number;
}

interface RequestRow {
  request_message_id: string;
  record_id: string;
  requester: string;
  recipient: string;
  exercise: number;
  urgency: number;
  requested_at: number;
  reply_due_at: number | null;
  due_at: number;
  state: RequestState;
  responses: number;
  answered_at: number | null;
  answer_message_id: string | null;
  outcome: string | null;
  leaf_index: number;
}

const toTracked = (r: RequestRow, now: number): TrackedRequest => ({
  requestMessageId: r.request_message_id,
  requestRecordId: r.record_id,
  requester: r.requester,
  recipient: r.recipient,
  exercise: r.exercise === 1,
  urgency: urgencyName(r.urgency),
  requestedAt: r.requested_at,
  dueAt: r.due_at,
  dueFrom: r.reply_due_at === null ? 'urgency' : 'reply_due_at',
  state: r.state,
  overdue: r.answered_at === null && r.due_at <= now,
  responses: r.responses,
  answeredAt: r.answered_at,
  answerMessageId: r.answer_message_id,
  outcome: r.outcome,
  leafIndex: r.leaf_index,
});

/** Which tracked requests a list shows: not answered (overdue or not), not answered and past due, answered. */
export type RequestListState = 'open' | 'overdue' | 'answered';

/** The states `GET /v1/requests` takes. */
export const REQUEST_LIST_STATES: readonly RequestListState[] = ['open', 'overdue', 'answered'];

/**
 * Tracked requests of one namespace in `state` at `now`, in log order of the requests (then by
 * recipient), after the key `after` ([leaf index, recipient]) when given, `limit` at most.
 */
export async function listRequests(
  db: SqlDb,
  options: {
    readonly state: RequestListState;
    readonly exercise: boolean;
    readonly now: number;
    readonly defaults: SlaDefaults;
    readonly limit: number;
    readonly after?: readonly [number, string];
  },
): Promise<TrackedRequest[]> {
  const due = dueSql('q', options.defaults);
  const where: string[] = ['q.exercise = ?'];
  const params: SqlValue[] = [...due.params, options.exercise ? 1 : 0];
  if (options.state === 'answered') where.push('q.answered_at IS NOT NULL');
  else where.push('q.answered_at IS NULL');
  if (options.state === 'overdue') {
    where.push(`${due.sql} <= ?`);
    params.push(...due.params, options.now);
  }
  if (options.after !== undefined) {
    // (leaf index, recipient) after the key, with the index range starting at the key's leaf:
    // with the OR alone, SQLite and PostgreSQL walked the namespace from its first request on
    // every page (quadratic in the requests listed).
    where.push('q.leaf_index >= ? AND (q.leaf_index > ? OR q.recipient > ?)');
    params.push(options.after[0], options.after[0], options.after[1]);
  }
  const rows = await db.all<RequestRow>(
    `SELECT q.request_message_id, q.record_id, q.requester, q.recipient, q.exercise, q.urgency, q.requested_at,
       q.reply_due_at, ${due.sql} AS due_at, q.state, q.responses, q.answered_at, q.answer_message_id, q.outcome,
       q.leaf_index
     FROM databank_requests q WHERE ${where.join(' AND ')}
     ORDER BY q.leaf_index, q.recipient LIMIT ?`,
    [...params, options.limit],
  );
  return rows.map((r) => toTracked(r, options.now));
}

/**
 * Requests not answered and past due at `now` whose overdue Notices have not both been sent,
 * both namespaces: in order of due time (for the overdue Notices), up to `limit`. Those already
 * announced are left out in the query, not after it: requests announced and never answered
 * would otherwise fill every scan, and a request overdue after them would never be announced.
 */
export async function overdueRequests(
  db: SqlDb,
  options: { readonly now: number; readonly defaults: SlaDefaults; readonly limit: number },
): Promise<TrackedRequest[]> {
  const due = dueSql('q', options.defaults);
  const rows = await db.all<RequestRow>(
    `SELECT * FROM (SELECT q.request_message_id, q.record_id, q.requester, q.recipient, q.exercise, q.urgency,
         q.requested_at, q.reply_due_at, ${due.sql} AS due_at, q.state, q.responses, q.answered_at,
         q.answer_message_id, q.outcome, q.leaf_index
       FROM databank_requests q WHERE q.answered_at IS NULL
         AND (SELECT COUNT(*) FROM databank_request_notices n
              WHERE n.request_message_id = q.request_message_id AND n.recipient = q.recipient) < 2) o
     WHERE o.due_at <= ? ORDER BY o.due_at, o.leaf_index, o.recipient LIMIT ?`,
    [...due.params, options.now, options.limit],
  );
  return rows.map((r) => toTracked(r, options.now));
}

/** Overdue requests at `now`, counted per namespace and urgency (for the gauge). */
export async function countOverdueRequests(
  db: SqlDb,
  options: { readonly now: number; readonly defaults: SlaDefaults },
): Promise<{ exercise: boolean; urgency: string; count: number }[]> {
  const due = dueSql('q', options.defaults);
  const rows = await db.all<{ exercise: number; urgency: number; n: number }>(
    `SELECT q.exercise, q.urgency, COUNT(*) AS n FROM databank_requests q
     WHERE q.answered_at IS NULL AND ${due.sql} <= ? GROUP BY q.exercise, q.urgency`,
    [...due.params, options.now],
  );
  return rows.map((r) => ({ exercise: r.exercise === 1, urgency: urgencyName(r.urgency), count: r.n }));
}

/** Overdue requests per requested member at `now`, both namespaces (for the operators' alarms). */
export async function overdueRequestsByRecipient(
  db: SqlDb,
  options: { readonly now: number; readonly defaults: SlaDefaults },
): Promise<{ recipient: string; count: number; exercise: number; oldestDueAt: number }[]> {
  const due = dueSql('q', options.defaults);
  const rows = await db.all<{ recipient: string; n: number; x: number; oldest: number }>(
    `SELECT o.recipient, COUNT(*) AS n, SUM(o.exercise) AS x, MIN(o.due_at) AS oldest
     FROM (SELECT q.recipient, q.exercise, ${due.sql} AS due_at FROM databank_requests q
       WHERE q.answered_at IS NULL) o
     WHERE o.due_at <= ? GROUP BY o.recipient ORDER BY o.recipient`,
    [...due.params, options.now],
  );
  return rows.map((r) => ({
    recipient: r.recipient,
    count: r.n,
    exercise: r.x,
    oldestDueAt: r.oldest,
  }));
}

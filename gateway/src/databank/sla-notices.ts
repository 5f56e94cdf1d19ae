import {
  atc,
  decodePayload,
  Periodic,
  PayloadType,
  toIso,
  uuidv7From,
  type Clock,
  type Logger,
  type PayloadInput,
} from '@atc/shared';
import type { ArchiveReader } from '../archive/archive-reader.js';
import type { SqlDb } from '../db/sql-db.js';
import { defaultAnswerMs, overdueRequests, type SlaDefaults, type TrackedRequest } from './information-requests.js';
import type { NoticeSender } from './review-notices.js';

/** Overdue requests not yet announced read per run at most; the next run goes on with those after them. */
const SLA_SCAN_LIMIT = 1000;

/** Who an overdue Notice goes to: the member that asked, or the member asked. */
export type NotifiedSide = 'requester' | 'recipient';

/**
 * The message id of the Notice telling `side` that `request` (to `recipient`) is overdue: a
 * UUIDv7 whose time is the request's archived time and whose other bits are a digest of
 * (request, recipient, side). Nothing configurable enters it, so replicas whose default answer
 * times differ still derive the same id.
 */
export function slaNoticeId(
  requestMessageId: string,
  requestedAt: number,
  recipient: string,
  side: NotifiedSide,
): string {
  return uuidv7From(requestedAt, JSON.stringify(['atc request overdue', requestMessageId, recipient, side]));
}

/** The Notice's text: the request id, its subject line and due time, and what to do. */
export function slaNoticePayload(
  request: TrackedRequest,
  side: NotifiedSide,
  subject: string | undefined,
  messageId: string,
  defaults: SlaDefaults,
): PayloadInput<'atc.v1.Notice'> {
  const hours = defaultAnswerMs(urgencyNumber(request.urgency), defaults) / 3_600_000;
  const dueFrom =
    request.dueFrom === 'reply_due_at'
      ? 'the reply_due_at of its header'
      : `the default for ${request.urgency} requests, ${hours} h after it was archived`;
  const about = subject === undefined ? '(its text was erased by retention)' : `"${subject}"`;
  const partial = request.state === 'partial' ? ' Only partial answers (PARTIAL) were received.' : '';
  const todo =
    side === 'requester'
      ? `${request.recipient} has not answered it. You may remind ${request.recipient}, or send a new request.`
      : `Answer it with an InformationResponse whose header.in_reply_to is ${request.requestMessageId} and whose ` +
        'outcome is ANSWERED, NO_INFORMATION or DECLINED.';
  return {
    recordId: `sla-${messageId}`,
    version: 1,
    category: atc.v1.NoticeCategory.NOTICE_CATEGORY_SERVICE,
    title: `Information request ${request.requestMessageId} is overdue (due ${toIso(request.dueAt)})`,
    body: [
      `The information request ${request.requestMessageId} (${request.requestRecordId}) from ${request.requester} ` +
        `to ${request.recipient}, ${request.urgency}, subject ${about}, was due at ${toIso(request.dueAt)} ` +
        `(${dueFrom}).${partial}`,
      todo,
    ].join('\n'),
  };
}

function urgencyNumber(name: string): atc.v1.Urgency {
  return (
    (atc.v1.Urgency as unknown as Record<string, atc.v1.Urgency>)[`URGENCY_${name}`] ??
    atc.v1.Urgency.URGENCY_UNSPECIFIED
  );
}

/**
 * Overdue Notices (DESIGN.md section 10 "SLA"): when a tracked request passes its due time
 * unanswered, its requester and its recipient each receive a gateway-signed Notice naming it,
 * once per (request, recipient, side): which were sent is written in the same transaction as the
 * Notice's archive commit, and the message id is derived from what it announces, so that a crash,
 * a restart or another replica never sends one twice.
 *
 * Only what the bank has applied is judged: while the projection lags, a request counts as
 * overdue only if it was due before the last entry applied was archived, so that an answer
 * archived in time but not yet applied never lets a Notice out.
 */
export class SlaNotices {
  constructor(
    private readonly deps: {
      readonly db: SqlDb;
      readonly reader: ArchiveReader;
      readonly send: NoticeSender;
      readonly defaults: SlaDefaults;
      readonly clock: Clock;
    },
  ) {}

  /** Until when the bank knows every answer: now when it has applied the whole log, else its last applied entry's time. */
  async #knownUntil(now: number): Promise<number> {
    const cursor = await this.deps.db.get<{ next_leaf: number; updated_at: number }>(
      'SELECT next_leaf, updated_at FROM databank_cursor WHERE id = 1',
    );
    if (cursor === undefined) return 0;
    return cursor.next_leaf >= (await this.deps.reader.size()) ? now : Math.min(now, cursor.updated_at);
  }

  /** The (request, side) Notices due now and not yet sent. */
  async due(now = this.deps.clock()): Promise<{ request: TrackedRequest; side: NotifiedSide }[]> {
    const { db, defaults } = this.deps;
    const overdue = await overdueRequests(db, { now: await this.#knownUntil(now), defaults, limit: SLA_SCAN_LIMIT });
    const out: { request: TrackedRequest; side: NotifiedSide }[] = [];
    for (const request of overdue) {
      const sent = new Set(
        (
          await db.all<{ notified: NotifiedSide }>(
            'SELECT notified FROM databank_request_notices WHERE request_message_id = ? AND recipient = ?',
            [request.requestMessageId, request.recipient],
          )
        ).map((r) => r.notified),
      );
      for (const side of ['requester', 'recipient'] as const) if (!sent.has(side)) out.push({ request, side });
    }
    return out;
  }

  /** Sends every overdue Notice due now; resolves to how many were sent (not found sent already). */
  async run(): Promise<number> {
    const now = this.deps.clock();
    let sent = 0;
    const subjects = new Map<string, string | undefined>();
    for (const { request, side } of await this.due(now)) {
      if (!subjects.has(request.requestMessageId)) {
        subjects.set(request.requestMessageId, await this.#subject(request.requestMessageId));
      }
      const messageId = slaNoticeId(request.requestMessageId, request.requestedAt, request.recipient, side);
      const outcome = await this.deps.send(
        {
          messageId,
          recipient: side === 'requester' ? request.requester : request.recipient,
          exercise: request.exercise,
          purpose: 'information request deadlines',
          payload: slaNoticePayload(
            request,
            side,
            subjects.get(request.requestMessageId),
            messageId,
            this.deps.defaults,
          ),
        },
        () => this.#recordSent(request, side, messageId, now),
      );
      if (outcome === 'sent') sent += 1;
    }
    return sent;
  }

  /** The request's subject line, read from the archive for the Notice (both sides hold it); undefined once erased. */
  async #subject(requestMessageId: string): Promise<string | undefined> {
    const envelope = await this.deps.reader.message(requestMessageId);
    if (envelope?.payload === undefined) return undefined;
    return decodePayload(PayloadType.InformationRequest, envelope.payload).subject;
  }

  async #recordSent(request: TrackedRequest, side: NotifiedSide, messageId: string, now: number): Promise<void> {
    await this.deps.db.run(
      `INSERT INTO databank_request_notices (request_message_id, recipient, notified, notice_message_id, sent_at)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      [request.requestMessageId, request.recipient, side, messageId, now],
    );
  }
}

/** Runs {@link SlaNotices} every `everyMs` (and at start); `onRun` reports each run's count. */
export class SlaNoticer extends Periodic {
  constructor(
    readonly notices: SlaNotices,
    options: {
      readonly logger: Logger;
      readonly everyMs: number;
      readonly onRun?: (sent: number) => void;
    },
  ) {
    super({
      name: 'overdue request notices',
      everyMs: options.everyMs,
      logger: options.logger,
      runAtStart: true,
      task: async () => {
        const sent = await notices.run();
        if (sent > 0) options.logger.info({ sent }, 'overdue request notices sent');
        options.onRun?.(sent);
      },
    });
  }
}

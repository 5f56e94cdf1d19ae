import { atc, Duration, Periodic, uuidv7From, type Clock, type Logger, type PayloadInput } from '@atc/shared';
import type { SqlDb } from '../db/sql-db.js';

/** Records listed in one Notice at most; an originator with more gets several. */
export const REVIEW_NOTICE_MAX_RECORDS = 200;

/** Due records read per run at most; the next run goes on. */
const REVIEW_SCAN_LIMIT = 5000;

/** One record version whose review date a Notice announces. */
export interface ReviewItem {
  readonly recordId: string;
  readonly version: number;
  /** Unix ms. */
  readonly reviewBy: number;
}

/** A review Notice to send: to one originator, in one namespace, listing its records due for review. */
export interface ReviewNotice {
  /** Derived from what it announces (see {@link reviewNoticeId}). */
  readonly messageId: string;
  readonly originator: string;
  readonly exercise: boolean;
  readonly items: readonly ReviewItem[];
  readonly payload: PayloadInput<'atc.v1.Notice'>;
}

/**
 * Sends a gateway-signed Notice with the given message id to `recipient`: archived (a leaf of
 * the log) and delivered to its inbox. Once per message id: a second call archives nothing and
 * answers 'already' (but still delivers a copy a crash left unpublished). `within` runs in the
 * same write transaction as the archive commit, whichever answer it gives.
 */
export type NoticeSender = (
  notice: {
    readonly messageId: string;
    readonly recipient: string;
    readonly exercise: boolean;
    readonly purpose: string;
    readonly payload: PayloadInput<'atc.v1.Notice'>;
  },
  within: () => Promise<void>,
) => Promise<'sent' | 'already'>;

interface PendingRow {
  exercise: number;
  originator: string;
  record_id: string;
  current_version: number;
  review_by: number;
}

/**
 * The message id of the Notice announcing `items` to `originator`: a UUIDv7 whose time is when
 * the earliest listed review date entered the notice window, and whose other bits are a
 * digest of the namespace, the originator and every (record, version, review date).
 */
export function reviewNoticeId(
  originator: string,
  exercise: boolean,
  items: readonly ReviewItem[],
  windowMs: number,
): string {
  const earliest = Math.min(...items.map((i) => i.reviewBy));
  const seed = JSON.stringify([
    'atc review notice',
    exercise,
    originator,
    items.map((i) => [i.recordId, i.version, i.reviewBy]),
  ]);
  return uuidv7From(Math.max(0, earliest - windowMs), seed);
}

/** The Notice's text: a sentence, then one line per record (`<record id> v<version> review by <ISO date>`). */
export function reviewNoticePayload(
  items: readonly ReviewItem[],
  messageId: string,
  now: number,
): PayloadInput<'atc.v1.Notice'> {
  const past = items.filter((i) => i.reviewBy <= now).length;
  return {
    recordId: `review-${messageId}`,
    version: 1,
    category: atc.v1.NoticeCategory.NOTICE_CATEGORY_SERVICE,
    title: `${items.length} record(s) due for review in the data bank`,
    body: [
      `These records leave the data bank's current view on their review date (handling.review_by)` +
        ` unless you send a newer version with a later review date, or withdraw them` +
        (past > 0 ? `; ${past} of them are past it already.` : '.'),
      '',
      ...items.map((i) => `${i.recordId} v${i.version} review by ${new Date(i.reviewBy).toISOString()}`),
    ].join('\n'),
  };
}

/**
 * Review Notices (DESIGN.md section 9 "Review"): every current-or-expired, not withdrawn
 * record whose review date is within `noticeDays` days is announced to its originator once per
 * (version, review date), in a gateway-signed Notice listing it, sent through {@link NoticeSender}.
 * Which versions were announced is written in the same transaction as the Notice's archive
 * commit, so a crash, a restart or another replica never announces one twice.
 */
export class ReviewNotices {
  constructor(
    private readonly deps: {
      readonly db: SqlDb;
      readonly send: NoticeSender;
      readonly noticeDays: number;
      readonly clock: Clock;
    },
  ) {}

  /** The Notices due now, not yet sent. */
  async due(now = this.deps.clock()): Promise<ReviewNotice[]> {
    const windowMs = this.deps.noticeDays * Duration.day;
    const rows = await this.deps.db.all<PendingRow>(
      `SELECT r.exercise, r.originator, r.record_id, r.current_version, r.review_by
       FROM databank_records r
       WHERE r.withdrawn = 0 AND r.review_by IS NOT NULL AND r.review_by <= ?
         AND NOT EXISTS (SELECT 1 FROM databank_review_notices n WHERE n.exercise = r.exercise
           AND n.originator = r.originator AND n.record_id = r.record_id AND n.version = r.current_version
           AND n.review_by = r.review_by)
       ORDER BY r.exercise, r.originator, r.record_id
       LIMIT ?`,
      [now + windowMs, REVIEW_SCAN_LIMIT],
    );
    const groups = new Map<string, { exercise: boolean; originator: string; items: ReviewItem[] }>();
    for (const r of rows) {
      const key = `${r.exercise}/${r.originator}`;
      const group = groups.get(key) ?? { exercise: r.exercise === 1, originator: r.originator, items: [] };
      group.items.push({ recordId: r.record_id, version: r.current_version, reviewBy: r.review_by });
      groups.set(key, group);
    }
    const notices: ReviewNotice[] = [];
    for (const { exercise, originator, items } of groups.values()) {
      for (let i = 0; i < items.length; i += REVIEW_NOTICE_MAX_RECORDS) {
        const chunk = items.slice(i, i + REVIEW_NOTICE_MAX_RECORDS);
        const messageId = reviewNoticeId(originator, exercise, chunk, windowMs);
        notices.push({
          messageId,
          originator,
          exercise,
          items: chunk,
          payload: reviewNoticePayload(chunk, messageId, now),
        });
      }
    }
    return notices;
  }

  /** Sends every Notice due now; resolves to how many were sent (not found sent already). */
  async run(): Promise<number> {
    const now = this.deps.clock();
    let sent = 0;
    for (const notice of await this.due(now)) {
      const outcome = await this.deps.send(
        {
          messageId: notice.messageId,
          recipient: notice.originator,
          exercise: notice.exercise,
          purpose: 'data bank review dates',
          payload: notice.payload,
        },
        () => this.#recordSent(notice, now),
      );
      if (outcome === 'sent') sent += 1;
    }
    return sent;
  }

  async #recordSent(notice: ReviewNotice, now: number): Promise<void> {
    for (const item of notice.items) {
      await this.deps.db.run(
        `INSERT INTO databank_review_notices (exercise, originator, record_id, version, review_by, notice_message_id,
           sent_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        [notice.exercise ? 1 : 0, notice.originator, item.recordId, item.version, item.reviewBy, notice.messageId, now],
      );
    }
  }
}

/** Runs {@link ReviewNotices} every `everyMs` (and at start); `onRun` reports each run's count. */
export class ReviewNoticer extends Periodic {
  constructor(
    readonly notices: ReviewNotices,
    options: {
      readonly logger: Logger;
      readonly everyMs: number;
      readonly onRun?: (sent: number) => void;
    },
  ) {
    super({
      name: 'review notices',
      everyMs: options.everyMs,
      logger: options.logger,
      runAtStart: true,
      task: async () => {
        const sent = await notices.run();
        if (sent > 0) options.logger.info({ sent }, 'review notices sent');
        options.onRun?.(sent);
      },
    });
  }
}

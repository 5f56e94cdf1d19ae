import type { FastifyInstance } from 'fastify';
import { Duration, ErrorCode, MEMBER_ID_PATTERN, RefusalCode, refusalAdvice, toIso } from '@atc/shared';
import { badRequest, pageLimit, PAGE_LIMIT } from '@atc/shared/http';
import { Role } from '../auth/role.js';
import { listQuarantine, refusalBuckets } from '../console-api/quarantine-reader.js';
import { isSecurityRefusal } from '../domain/security-refusals.js';
import { timeParam, type ConsoleApiOptions } from './console-params.js';
import { decodeCursor, encodeCursor } from './page-cursor.js';

/** The bucket lengths of `GET /v1/refusals`. */
export const REFUSAL_BUCKETS = { minute: Duration.minute, hour: Duration.hour, day: Duration.day } as const;
type Bucket = keyof typeof REFUSAL_BUCKETS;

/** At most this many buckets in one answer: a finer bucket needs a shorter range. */
export const MAX_REFUSAL_BUCKETS = 10_000;

const BUCKET_NAMES = Object.keys(REFUSAL_BUCKETS) as Bucket[];
const REFUSAL_CODES: readonly string[] = Object.values(RefusalCode);

const str = { type: 'string' } as const;
const strOrNull = { type: ['string', 'null'] } as const;
const int = { type: 'integer' } as const;
const bool = { type: 'boolean' } as const;
const time = { type: 'string', maxLength: 40, description: 'RFC 3339, e.g. 2026-01-15T09:30:00Z' } as const;

const exerciseQuery = {
  type: 'string',
  enum: ['true', 'false'],
  description:
    'true: only exercise submissions (the header claimed exercise traffic and its signature verified); false: only ' +
    'operational ones (also every submission refused before or at signature verification, whatever its header ' +
    'claimed); absent: all, including those quarantined before the gateway recorded the namespace (exercise null: unknown)',
} as const;

type ExerciseQuery = { exercise?: 'true' | 'false' };
type RefusalQuery = ExerciseQuery & { from?: string; to?: string; bucket?: string };
type QuarantineQuery = ExerciseQuery & {
  code?: string;
  sender?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit?: string;
};

/** The namespace the query asks for: undefined for both. */
function exerciseOf(q: ExerciseQuery): { exercise?: boolean } {
  return q.exercise === undefined ? {} : { exercise: q.exercise === 'true' };
}

function range(q: { from?: string; to?: string }): { from: number | undefined; to: number | undefined } {
  const from = timeParam('from', q.from);
  const to = timeParam('to', q.to);
  if (from !== undefined && to !== undefined && from >= to) {
    throw badRequest(ErrorCode.QUERY_INVALID, `from (${q.from}) must be before to (${q.to}).`);
  }
  return { from, to };
}

function codeParam(raw: string | undefined): string | undefined {
  if (raw === undefined || REFUSAL_CODES.includes(raw)) return raw;
  throw badRequest(
    ErrorCode.QUERY_INVALID,
    `query parameter code must be a refusal code such as ${RefusalCode.SIGNATURE_INVALID} (see /docs); got ${JSON.stringify(raw.slice(0, 60))}.`,
  );
}

function senderParam(raw: string | undefined): string | undefined {
  if (raw === undefined || MEMBER_ID_PATTERN.test(raw)) return raw;
  throw badRequest(
    ErrorCode.QUERY_INVALID,
    `query parameter sender must be a member id such as KZ; got ${JSON.stringify(raw.slice(0, 40))}.`,
  );
}

/**
 * `GET /v1/refusals` (refusals per code over time, security events flagged) and
 * `GET /v1/quarantine` (the refused submissions behind them, metadata only), for operators.
 */
export function refusalRoutes(app: FastifyInstance, options: ConsoleApiOptions, done: (err?: Error) => void): void {
  const { db, clock } = options;

  app.get<{ Querystring: RefusalQuery }>(
    '/v1/refusals',
    {
      preHandler: app.requireRole(Role.OPERATOR),
      schema: {
        description:
          'Refusals per code in time buckets (minute, hour or day; only buckets with refusals are listed), from the ' +
          'quarantine, over [from, to) (default: the last 24 hours), operational and exercise apart with exercise=false|true. ' +
          'Each code says whether it is a security event ' +
          '(a forged or unknown key, a forged sender, a replayed message id...) and what the sender can do.',
        querystring: {
          type: 'object',
          properties: {
            from: time,
            to: time,
            bucket: { type: 'string', enum: BUCKET_NAMES, default: 'hour' },
            exercise: exerciseQuery,
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              from: str,
              to: str,
              bucket: { type: 'string', enum: BUCKET_NAMES },
              exercise: { type: ['boolean', 'null'], description: 'the namespace counted; null: all' },
              codes: {
                type: 'array',
                items: { type: 'object', properties: { code: str, security: bool, total: int, advice: str } },
              },
              buckets: {
                type: 'array',
                items: { type: 'object', properties: { start: str, code: str, count: int } },
              },
            },
          },
        },
      },
    },
    async (req) => {
      const bucket = (req.query.bucket ?? 'hour') as Bucket;
      const bucketMs = REFUSAL_BUCKETS[bucket];
      const given = range(req.query);
      const to = given.to ?? clock();
      const from = given.from ?? to - Duration.day;
      if (from >= to) {
        throw badRequest(
          ErrorCode.QUERY_INVALID,
          `from (${toIso(from)}) must be before to (${toIso(to)}, now by default).`,
        );
      }
      if ((to - from) / bucketMs > MAX_REFUSAL_BUCKETS) {
        throw badRequest(
          ErrorCode.QUERY_INVALID,
          `from ${toIso(from)} to ${toIso(to)} spans more than ${MAX_REFUSAL_BUCKETS} buckets of a ${bucket}; ` +
            'choose a coarser bucket or a shorter range.',
        );
      }
      const namespace = exerciseOf(req.query);
      const buckets = await refusalBuckets(db, { from, to, bucketMs, ...namespace });
      const totals = new Map<string, number>();
      for (const b of buckets) totals.set(b.code, (totals.get(b.code) ?? 0) + b.count);
      return {
        from: toIso(from),
        to: toIso(to),
        bucket,
        exercise: namespace.exercise ?? null,
        codes: [...totals].map(([code, total]) => ({
          code,
          security: isSecurityRefusal(code),
          total,
          advice: refusalAdvice[code as RefusalCode] ?? '',
        })),
        buckets: buckets.map((b) => ({ start: toIso(b.start), code: b.code, count: b.count })),
      };
    },
  );

  app.get<{ Querystring: QuarantineQuery }>(
    '/v1/quarantine',
    {
      preHandler: app.requireRole(Role.OPERATOR),
      schema: {
        description:
          'Refused submissions, newest first: when, on which subject, who sent them (the member whose submit ' +
          'subject carried them) and who they claimed to be, the code and its sentence, size and SHA-256. ' +
          'Never the bytes. Pages follow nextCursor (each row exactly once, also while refusals arrive).',
        querystring: {
          type: 'object',
          properties: {
            code: { type: 'string', maxLength: 64, description: 'a refusal code, e.g. ERR_SIGNATURE_INVALID' },
            sender: { type: 'string', maxLength: 16, description: 'the member whose submit subject carried it' },
            exercise: exerciseQuery,
            from: time,
            to: time,
            cursor: { type: 'string', maxLength: 1024, description: 'nextCursor of the previous page (opaque)' },
            limit: {
              type: 'string',
              maxLength: 9,
              description: `items per page, 1 to ${PAGE_LIMIT.max} (default ${PAGE_LIMIT.default})`,
            },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: int,
                    receivedAt: str,
                    subject: str,
                    transportSender: strOrNull,
                    claimedSender: strOrNull,
                    messageId: strOrNull,
                    code: str,
                    security: bool,
                    detail: str,
                    size: { type: 'integer', description: 'bytes received' },
                    envelopeSha256: { type: 'string', description: 'hex' },
                    receiptId: { type: ['string', 'null'], description: 'the REJECTED receipt sent, if any' },
                    exercise: {
                      type: ['boolean', 'null'],
                      description:
                        'exercise traffic: its header claimed it and its signature verified (false for a submission ' +
                        'refused before or at signature verification); null: quarantined before this was recorded',
                    },
                  },
                },
              },
              nextCursor: strOrNull,
            },
          },
        },
      },
    },
    async (req) => {
      const q = req.query;
      const limit = pageLimit(q.limit);
      const after = decodeCursor('quarantine', q.cursor, ['integer', 'integer']);
      const { from, to } = range(q);
      const code = codeParam(q.code);
      const sender = senderParam(q.sender);
      const rows = await listQuarantine(db, {
        limit: limit + 1,
        ...(code === undefined ? {} : { code }),
        ...exerciseOf(q),
        ...(sender === undefined ? {} : { sender }),
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
        ...(after === undefined ? {} : { after: { receivedAt: after[0] as number, id: after[1] as number } }),
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map((r) => ({
          ...r,
          receivedAt: toIso(r.receivedAt),
          security: isSecurityRefusal(r.code),
          envelopeSha256: r.envelopeSha256.toString('hex'),
        })),
        nextCursor:
          rows.length > limit && last !== undefined ? encodeCursor('quarantine', [last.receivedAt, last.id]) : null,
      };
    },
  );
  done();
}

import type { FastifyInstance } from 'fastify';
import { ErrorCode, isUuidV7, MEMBER_ID_PATTERN, RefusalCode } from '@atc/shared';
import { badRequest, notFound } from '@atc/shared/http';
import { reviewDueList } from '../databank/review.js';
import { listWithdrawals, withdrawal } from '../databank/withdrawals.js';
import {
  BankRoles,
  exerciseOf,
  exerciseParam,
  ns,
  pageParams,
  type BankQuery,
  type DatabankRoutesOptions,
} from './databank-params.js';
import { bankPageLimit } from './page-cursor.js';

const str = { type: 'string' } as const;
const strOrNull = { type: ['string', 'null'] } as const;
const int = { type: 'integer' } as const;
const intOrNull = { type: ['integer', 'null'] } as const;
const bool = { type: 'boolean' } as const;
const ints = { type: 'array', items: int } as const;

const purgeSchema = {
  type: 'object',
  properties: {
    member: str,
    state: { type: 'string', enum: ['pending', 'incomplete', 'purged', 'not_held'] },
    overdue: bool,
    versions: ints,
    routedAt: str,
    ackMessageId: strOrNull,
    ackedAt: strOrNull,
    erasedAt: strOrNull,
    erasedCount: intOrNull,
    ackedVersions: { type: ['array', 'null'], items: int },
  },
} as const;

const withdrawalSchema = {
  type: 'object',
  properties: {
    messageId: str,
    exercise: bool,
    originator: str,
    recordId: str,
    reason: str,
    archivedAt: str,
    leafIndex: int,
    overdue: bool,
    counts: {
      type: 'object',
      description: 'members per purge state (notHeld: state not_held), and how many are overdue',
      properties: { pending: int, incomplete: int, purged: int, notHeld: int, overdue: int },
    },
    members: { type: 'array', items: purgeSchema },
  },
} as const;

const dueSchema = {
  type: 'object',
  properties: {
    exercise: bool,
    at: str,
    withinDays: int,
    truncated: bool,
    originators: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          originator: str,
          dueSoon: int,
          pastDue: int,
          records: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                recordId: str,
                recordType: str,
                version: int,
                messageId: str,
                reviewBy: str,
                pastDue: bool,
                noticeMessageId: strOrNull,
              },
            },
          },
        },
      },
    },
  },
} as const;

/**
 * The data bank routes of a record's life after it is current: withdrawals with the purge
 * state of every member they were routed to, and records due for review (metadata:
 * operators and auditors).
 */
export function lifecycleRoutes(app: FastifyInstance, options: DatabankRoutesOptions): void {
  const { db, clock, purgeOverdueMs } = options;

  app.get<{ Querystring: BankQuery & { overdue?: 'true' | 'false' } }>(
    '/v1/databank/withdrawals',
    {
      preHandler: app.requireRole(...BankRoles.metadata),
      schema: {
        description:
          'Withdrawals, newest first, with the purge state of every member each was routed to (pending, incomplete, ' +
          'purged, not_held) and whether it is overdue (ATC_DATABANK_PURGE_OVERDUE_HOURS); overdue=true keeps those ' +
          'with an overdue purge.',
        querystring: {
          type: 'object',
          properties: {
            exercise: exerciseParam,
            overdue: {
              type: 'string',
              enum: ['true', 'false'],
              description: 'true: only withdrawals with an overdue purge',
            },
            ...pageParams,
          },
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: { exercise: bool, items: { type: 'array', items: withdrawalSchema }, nextCursor: strOrNull },
          },
        },
      },
    },
    async (req) => {
      const exercise = exerciseOf(req.query);
      const page = await listWithdrawals(db, {
        exercise,
        overdue: req.query.overdue === 'true',
        ...(req.query.cursor === undefined ? {} : { cursor: req.query.cursor }),
        limit: bankPageLimit(req.query.limit),
        now: clock(),
        overdueMs: purgeOverdueMs,
      });
      return { exercise, ...page };
    },
  );

  app.get<{ Params: { messageId: string }; Querystring: BankQuery }>(
    '/v1/databank/withdrawals/:messageId',
    {
      preHandler: app.requireRole(...BankRoles.metadata),
      schema: {
        description: 'One withdrawal (by the message id of its RecordWithdrawal) with the purge state per member.',
        params: {
          type: 'object',
          properties: { messageId: { type: 'string', maxLength: 64 } },
          required: ['messageId'],
        },
        querystring: { type: 'object', properties: { exercise: exerciseParam }, additionalProperties: false },
        response: { 200: withdrawalSchema },
      },
    },
    async (req) => {
      const { messageId } = req.params;
      if (!isUuidV7(messageId)) {
        throw badRequest(
          RefusalCode.MESSAGE_ID_INVALID,
          `${JSON.stringify(messageId)} is not a lowercase UUIDv7 message id.`,
        );
      }
      const exercise = exerciseOf(req.query);
      const found = await withdrawal(db, messageId, { exercise, now: clock(), overdueMs: purgeOverdueMs });
      if (found === undefined) {
        throw notFound(
          ErrorCode.MESSAGE_UNKNOWN,
          `The data bank holds no withdrawal ${messageId} in the ${ns(exercise)} namespace.`,
        );
      }
      return found;
    },
  );

  app.get<{ Querystring: BankQuery & { withinDays?: string; originator?: string } }>(
    '/v1/databank/review',
    {
      preHandler: app.requireRole(...BankRoles.metadata),
      schema: {
        description:
          'Records whose review date (handling.review_by) is within withinDays days (default 30) or already past ' +
          '(those are out of the current view), per originator, with the review Notice that announced each.',
        querystring: {
          type: 'object',
          properties: {
            exercise: exerciseParam,
            withinDays: { type: 'string', pattern: '^[0-9]{1,5}$', description: 'days ahead, 0 to 3650 (default 30)' },
            originator: { type: 'string', pattern: MEMBER_ID_PATTERN.source, description: 'only this originator' },
          },
          additionalProperties: false,
        },
        response: { 200: dueSchema },
      },
    },
    (req) =>
      reviewDueList(db, {
        now: clock(),
        withinDays: req.query.withinDays === undefined ? 30 : Number(req.query.withinDays),
        exercise: exerciseOf(req.query),
        ...(req.query.originator === undefined ? {} : { originator: req.query.originator }),
      }),
  );
}

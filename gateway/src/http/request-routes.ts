import type { FastifyInstance } from 'fastify';
import { toIso } from '@atc/shared';
import { Role } from '../auth/role.js';
import {
  listRequests,
  REQUEST_LIST_STATES,
  SLA_DEFAULTS,
  type RequestListState,
} from '../databank/information-requests.js';
import { type ConsoleApiOptions } from './console-params.js';
import { bankPageLimit, BANK_PAGE_LIMIT, decodeCursor, encodeCursor } from './page-cursor.js';

const str = { type: 'string' } as const;
const strOrNull = { type: ['string', 'null'] } as const;

type RequestQuery = { state?: RequestListState; exercise?: 'true' | 'false'; cursor?: string; limit?: string };

/**
 * `GET /v1/requests` (operator, admin): the information requests the data bank tracks until
 * they are answered (DESIGN.md section 10 "SLA"), one item per (request, recipient), metadata
 * only: never the questions or the answers.
 */
export function requestRoutes(app: FastifyInstance, options: ConsoleApiOptions, done: (err?: Error) => void): void {
  const { db, clock } = options;
  const defaults = options.alarms.requests ?? SLA_DEFAULTS;

  app.get<{ Querystring: RequestQuery }>(
    '/v1/requests',
    {
      preHandler: app.requireRole(Role.OPERATOR),
      schema: {
        description:
          'Information requests and their deadlines, one item per (request, recipient): a broadcast or ' +
          'multi-recipient request is answered per recipient. state=open (default): not answered yet, overdue or ' +
          'not; overdue: not answered and past due; answered: closed by a response with outcome ANSWERED, ' +
          'NO_INFORMATION or DECLINED (PARTIAL keeps a request open). Due = header.reply_due_at, else the archived ' +
          'time plus ATC_SLA_IMMEDIATE / ATC_SLA_URGENT / ATC_SLA_NORMAL by urgency. Operational and exercise ' +
          'traffic apart (exercise=true). Metadata only; in log order of the requests; pages follow nextCursor.',
        querystring: {
          type: 'object',
          properties: {
            state: { type: 'string', enum: [...REQUEST_LIST_STATES], default: 'open' },
            exercise: { type: 'string', enum: ['true', 'false'], description: 'true: exercise traffic only' },
            cursor: { type: 'string', maxLength: 1024, description: 'nextCursor of the previous page (opaque)' },
            limit: {
              type: 'string',
              maxLength: 9,
              description: `items per page, 1 to ${BANK_PAGE_LIMIT.max} (default ${BANK_PAGE_LIMIT.default})`,
            },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              at: { type: 'string', description: 'the time overdue was judged at' },
              state: { type: 'string', enum: [...REQUEST_LIST_STATES] },
              exercise: { type: 'boolean' },
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    requestMessageId: str,
                    requestRecordId: { type: 'string', description: "the requester's own id of the request" },
                    requester: str,
                    recipient: str,
                    urgency: { type: 'string', enum: ['IMMEDIATE', 'URGENT', 'NORMAL', 'UNSPECIFIED'] },
                    requestedAt: { type: 'string', description: 'when the request was archived' },
                    dueAt: str,
                    dueFrom: {
                      type: 'string',
                      enum: ['reply_due_at', 'urgency'],
                      description: "the request's header, or the default of its urgency",
                    },
                    state: {
                      type: 'string',
                      enum: ['open', 'partial', 'answered'],
                      description: 'partial: only PARTIAL responses so far (still open)',
                    },
                    overdue: { type: 'boolean' },
                    responses: { type: 'integer', description: 'responses received from the recipient' },
                    answeredAt: strOrNull,
                    answerMessageId: strOrNull,
                    outcome: { ...strOrNull, description: 'of the latest response that counted' },
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
      const state = q.state ?? 'open';
      const exercise = q.exercise === 'true';
      const list = `requests-${state}-${exercise ? 'exercise' : 'operational'}`;
      const limit = bankPageLimit(q.limit);
      const after = decodeCursor(list, q.cursor, ['integer', 'string']);
      const now = clock();
      const rows = await listRequests(db, {
        state,
        exercise,
        now,
        defaults,
        limit: limit + 1,
        ...(after === undefined ? {} : { after: [after[0] as number, after[1] as string] as const }),
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        at: toIso(now),
        state,
        exercise,
        items: page.map((r) => ({
          requestMessageId: r.requestMessageId,
          requestRecordId: r.requestRecordId,
          requester: r.requester,
          recipient: r.recipient,
          urgency: r.urgency,
          requestedAt: toIso(r.requestedAt),
          dueAt: toIso(r.dueAt),
          dueFrom: r.dueFrom,
          state: r.state,
          overdue: r.overdue,
          responses: r.responses,
          answeredAt: r.answeredAt === null ? null : toIso(r.answeredAt),
          answerMessageId: r.answerMessageId,
          outcome: r.outcome,
        })),
        nextCursor:
          rows.length > limit && last !== undefined ? encodeCursor(list, [last.leafIndex, last.recipient]) : null,
      };
    },
  );
  done();
}

import type { FastifyInstance } from 'fastify';
import { ErrorCode, isUuidV7, MEMBER_ID_PATTERN, parseRfc3339Timestamp, PayloadType } from '@atc/shared';
import { HttpProblem } from '@atc/shared/http';
import {
  MESSAGE_STATUSES,
  type MessageFilter,
  type MessageSearch,
  type MessageStatus,
  type MessageSummary,
} from '../archive/message-search.js';
import { Role } from '../auth/role.js';
import { decodeCursor, encodeCursor } from './page-cursor.js';

/** What the message search route reads. */
export interface MessageSearchRoutesOptions {
  readonly search: MessageSearch;
}

/** Page sizes of the message search: default 50, at most 200. */
export const MESSAGE_PAGE_LIMIT = { default: 50, max: 200 } as const;

/** The query as fastify hands it over (every value a string; the schema refuses the rest). */
type SearchQuery = Partial<
  Record<
    'messageId' | 'sender' | 'recipient' | 'payloadType' | 'status' | 'from' | 'to' | 'exercise' | 'limit' | 'cursor',
    string
  >
>;

const PAYLOAD_TYPES: readonly string[] = Object.values(PayloadType);
/** A refusal of one query parameter, shaped like the schema's own refusals (ERR_QUERY_INVALID, `errors`). */
function invalid(field: string, message: string, got: string): HttpProblem {
  return new HttpProblem(
    400,
    ErrorCode.QUERY_INVALID,
    'Invalid query',
    `query parameter ${field} ${message}; got ${JSON.stringify(got.slice(0, 64))}. Correct it as /docs describes.`,
    { errors: [{ field, message }] },
  );
}

/** An RFC 3339 date-time with its offset, as Unix milliseconds (the shared parser every route uses). */
function parseTime(field: string, raw: string): number {
  const parsed = parseRfc3339Timestamp(raw);
  if (!parsed.ok) throw invalid(field, parsed.problem, raw);
  return parsed.value.seconds * 1000 + Math.floor(parsed.value.nanos / 1e6);
}

function memberId(field: string, raw: string | undefined): string | undefined {
  if (raw !== undefined && !MEMBER_ID_PATTERN.test(raw)) {
    throw invalid(field, 'must be a member id: 2 to 16 capital letters or digits starting with a letter, e.g. KZ', raw);
  }
  return raw;
}

function pageLimit(raw: string | undefined): number {
  if (raw === undefined) return MESSAGE_PAGE_LIMIT.default;
  const limit = /^[0-9]{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(limit >= 1 && limit <= MESSAGE_PAGE_LIMIT.max)) {
    throw invalid('limit', `must be a whole number from 1 to ${MESSAGE_PAGE_LIMIT.max}`, raw);
  }
  return limit;
}

/** The filter a query asks for, every value checked. */
function filterOf(q: SearchQuery): MessageFilter {
  const exercise = q.exercise === 'true';
  if (q.messageId !== undefined && !isUuidV7(q.messageId)) {
    throw invalid('messageId', 'must be a lowercase UUIDv7 message id', q.messageId);
  }
  if (q.payloadType !== undefined && !PAYLOAD_TYPES.includes(q.payloadType)) {
    throw invalid('payloadType', `must be one of ${PAYLOAD_TYPES.join(', ')}`, q.payloadType);
  }
  const from = q.from === undefined ? undefined : parseTime('from', q.from);
  const to = q.to === undefined ? undefined : parseTime('to', q.to);
  if (from !== undefined && to !== undefined && from > to) {
    throw invalid('from', `must not be later than to (${q.to})`, q.from ?? '');
  }
  const sender = memberId('sender', q.sender);
  const recipient = memberId('recipient', q.recipient);
  return {
    exercise,
    ...(q.messageId === undefined ? {} : { messageId: q.messageId }),
    ...(sender === undefined ? {} : { sender }),
    ...(recipient === undefined ? {} : { recipient }),
    ...(q.payloadType === undefined ? {} : { payloadType: q.payloadType }),
    ...(q.status === undefined ? {} : { status: q.status as MessageStatus }),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
  };
}

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

function itemJson(m: MessageSummary) {
  return {
    messageId: m.messageId,
    sender: m.sender,
    recipients: m.recipients.map((r) => ({
      ...r,
      routedAt: isoOrNull(r.routedAt),
      deliveredAt: isoOrNull(r.deliveredAt),
    })),
    status: m.status,
    payloadType: m.payloadType,
    createdAt: iso(m.createdAt),
    archivedAt: iso(m.archivedAt),
    exercise: m.exercise,
    tlp: m.tlp,
    urgency: m.urgency,
    broadcast: m.broadcast,
    correlationId: m.correlationId,
    inReplyTo: m.inReplyTo,
    leafIndex: m.leafIndex,
    size: m.size,
    payloadErasedAt: isoOrNull(m.payloadErasedAt),
  };
}

const str = { type: 'string' } as const;
const strOrNull = { type: ['string', 'null'] } as const;
const int = { type: 'integer' } as const;
const STATUS_TEXT =
  'delivery state over the recipients: pending (a copy is not yet routed to a recipient), routed (every copy ' +
  'routed, one not yet acknowledged), delivered (every recipient acknowledged its copy, or there was none to route)';

const querystring = {
  type: 'object',
  properties: {
    messageId: { type: 'string', maxLength: 64, description: 'one message by its id (UUIDv7)' },
    sender: { type: 'string', maxLength: 32, description: 'member id of the sender, e.g. KZ' },
    recipient: {
      type: 'string',
      maxLength: 32,
      description: "member id of a recipient; with status, the state of that recipient's copy",
    },
    payloadType: { type: 'string', maxLength: 64, description: 'e.g. atc.v1.PersonRecord' },
    status: { type: 'string', enum: MESSAGE_STATUSES, description: STATUS_TEXT },
    from: { type: 'string', maxLength: 64, description: 'archived at or after (RFC 3339)' },
    to: { type: 'string', maxLength: 64, description: 'archived before (RFC 3339)' },
    exercise: {
      type: 'string',
      enum: ['true', 'false'],
      description: 'true: the exercise namespace; default operational',
    },
    limit: {
      type: 'string',
      maxLength: 9,
      description: `items per page, 1 to ${MESSAGE_PAGE_LIMIT.max} (default ${MESSAGE_PAGE_LIMIT.default})`,
    },
    cursor: { type: 'string', maxLength: 1024, description: 'nextCursor of the previous page (opaque)' },
  },
  additionalProperties: false,
} as const;

const itemSchema = {
  type: 'object',
  properties: {
    messageId: str,
    sender: str,
    recipients: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          recipient: str,
          state: { type: 'string', enum: MESSAGE_STATUSES },
          routedAt: strOrNull,
          deliveredAt: strOrNull,
        },
      },
    },
    status: { type: 'string', enum: MESSAGE_STATUSES, description: `the message's ${STATUS_TEXT}` },
    payloadType: str,
    createdAt: { type: 'string', description: "the sender's time (RFC 3339)" },
    archivedAt: { type: 'string', description: "the gateway's time of archiving (RFC 3339); the list's order" },
    exercise: { type: 'boolean' },
    tlp: int,
    urgency: int,
    broadcast: { type: 'boolean' },
    correlationId: strOrNull,
    inReplyTo: strOrNull,
    leafIndex: { type: ['integer', 'null'], description: "the envelope's leaf in the archive log" },
    size: { type: 'integer', description: 'envelope bytes' },
    payloadErasedAt: strOrNull,
  },
} as const;

/**
 * `GET /v1/messages` (operator, auditor): the archive's messages, newest first, by id,
 * sender, recipient, payload type, delivery status, archive time and namespace. Metadata
 * only: the payload is never read.
 */
export function messageSearchRoutes(
  app: FastifyInstance,
  options: MessageSearchRoutesOptions,
  done: (err?: Error) => void,
): void {
  const { search } = options;
  app.get<{ Querystring: SearchQuery }>(
    '/v1/messages',
    {
      preHandler: app.requireRole(Role.OPERATOR, Role.AUDITOR),
      schema: {
        description:
          'Messages in the archive, newest first (by archive time), with their routing: metadata only, never ' +
          'payload content. Filters combine (all must hold). Operational and exercise traffic are listed apart ' +
          '(exercise=true for the exercise namespace; default operational), and every item says which it is. ' +
          'Pages follow nextCursor. Each page examines a bounded number of archive entries: when a rare ' +
          'filter exhausts that budget before the page is full, the page holds the matches found so far, ' +
          '"partial" is true and nextCursor continues the search (a console says "searching further").',
        querystring,
        response: {
          200: {
            type: 'object',
            properties: {
              exercise: { type: 'boolean', description: 'the namespace listed' },
              items: { type: 'array', items: itemSchema },
              nextCursor: { ...strOrNull, description: 'where the next page starts; null at the end' },
              partial: {
                type: 'boolean',
                description:
                  'true when the page stopped at its scan budget before it was full: follow nextCursor to search further',
              },
              examined: { type: 'integer', description: 'archive entries this page examined' },
            },
          },
        },
      },
    },
    async (req) => {
      const filter = filterOf(req.query);
      const limit = pageLimit(req.query.limit);
      const list = `messages/${filter.exercise ? 'exercise' : 'operational'}`;
      const key = decodeCursor(list, req.query.cursor, ['integer', 'integer']);
      const after = key === undefined ? undefined : { archivedAt: key[0] as number, seq: key[1] as number };
      const page = await search.page(filter, limit, after);
      return {
        exercise: filter.exercise,
        items: page.items.map(itemJson),
        nextCursor: page.next === undefined ? null : encodeCursor(list, [page.next.archivedAt, page.next.seq]),
        partial: page.partial,
        examined: page.examined,
      };
    },
  );
  done();
}

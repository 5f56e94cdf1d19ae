import type { FastifyInstance } from 'fastify';
import { ErrorCode, MEMBER_ID_PATTERN, toIso } from '@atc/shared';
import { badRequest, type SseStreamOptions } from '@atc/shared/http';
import { Role } from '../auth/role.js';
import type { TrafficSummary } from '../flow/flow-buckets.js';
import { FLOW_EVENT_KINDS, type FeedEvent, type FlowFeed } from '../flow/flow-feed.js';
import { FLOW_WINDOWS, type FlowStats, type FlowWindow } from '../flow/flow-stats.js';
import type { FlowEvent } from '../domain/flow-event.js';
import { flowSeriesRoute } from './flow-series-route.js';

/** What the flow routes read. */
export interface FlowRouteDeps {
  readonly stats: FlowStats;
  readonly feed: FlowFeed;
  /** The registered member ids. */
  readonly members: () => readonly string[];
  /** Messages waiting in each registered member's inbox consumer (pending + unacknowledged). */
  readonly backlog: () => Promise<ReadonlyMap<string, number>>;
  /** Queue bound and heartbeat of the SSE streams (tests shorten the heartbeat). */
  readonly sse?: SseStreamOptions;
}

const WINDOW_NAMES = Object.keys(FLOW_WINDOWS) as FlowWindow[];
const KIND_LIST = `^(${FLOW_EVENT_KINDS.join('|')})(,(${FLOW_EVENT_KINDS.join('|')}))*$`;

const totalsSchema = {
  type: 'object',
  properties: Object.fromEntries(
    ['accepted', 'rejected', 'delivered', 'replayed', 'sequenceAnomalies'].map((k) => [k, { type: 'integer' }]),
  ),
} as const;

const trafficSchema = {
  type: 'object',
  properties: {
    totals: totalsSchema,
    flows: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          sender: { type: 'string' },
          recipient: { type: 'string' },
          count: { type: 'integer', description: 'messages accepted from sender to recipient' },
          rate: { type: 'number', description: 'count per second over the window' },
          delivered: { type: 'integer', description: "of those, confirmed by the recipient's agent" },
        },
      },
    },
    refusals: {
      type: 'array',
      items: { type: 'object', properties: { code: { type: 'string' }, count: { type: 'integer' } } },
    },
  },
} as const;

const statsSchema = {
  type: 'object',
  properties: {
    window: { type: 'string', enum: WINDOW_NAMES },
    from: { type: 'string', format: 'date-time' },
    to: { type: 'string', format: 'date-time' },
    seconds: { type: 'number' },
    operational: trafficSchema,
    exercise: trafficSchema,
    members: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          member: { type: 'string' },
          lastSeen: { type: ['string', 'null'], format: 'date-time' },
          backlog: { type: ['integer', 'null'] },
        },
      },
    },
    truncated: { type: 'boolean' },
  },
} as const;

function trafficJson(t: TrafficSummary, seconds: number): Record<string, unknown> {
  return {
    totals: t.totals,
    flows: t.flows.map((f) => ({
      sender: f.sender,
      recipient: f.recipient,
      count: f.accepted,
      rate: Math.round((f.accepted / seconds) * 1e6) / 1e6,
      delivered: f.delivered,
    })),
    refusals: t.refusals,
  };
}

function concerns(e: FlowEvent, member: string): boolean {
  return e.sender === member || e.delivery?.sender === member || (e.recipients ?? []).includes(member);
}

/**
 * `GET /v1/stats/flow`, `GET /v1/stats/flow/series` and `GET /v1/events` (operator, admin): flow statistics of the
 * federation and its live feed as Server-Sent Events.
 */
export function flowRoutes(app: FastifyInstance, deps: FlowRouteDeps, done: (err?: Error) => void): void {
  app.get<{ Querystring: { window?: string } }>(
    '/v1/stats/flow',
    {
      preHandler: app.requireRole(Role.OPERATOR),
      attachValidation: true,
      schema: {
        description:
          'Flow statistics over the last minute, hour or day (whole minutes and the current one): sender x ' +
          'recipient counts and rates, totals, refusals by code, exercise traffic apart, and per member the ' +
          'last submission and the inbox backlog. Complete across gateway replicas.',
        querystring: {
          type: 'object',
          properties: { window: { type: 'string', enum: WINDOW_NAMES, default: '1h' } },
          additionalProperties: false,
        },
        response: { 200: statsSchema },
      },
    },
    async (req) => {
      if (req.validationError !== undefined) {
        throw badRequest(
          ErrorCode.QUERY_INVALID,
          `window must be one of ${WINDOW_NAMES.join(', ')} (the default is 1h); got ${JSON.stringify(req.query.window ?? req.query)}.`,
        );
      }
      const window = (req.query.window ?? '1h') as FlowWindow;
      const summary = deps.stats.summary(window);
      const backlog = await deps.backlog();
      const seconds = Math.max(1, (summary.to - summary.from) / 1000);
      const members = [...new Set([...deps.members(), ...summary.lastSeen.keys()])].sort();
      return {
        window,
        from: toIso(summary.from),
        to: toIso(summary.to),
        seconds,
        operational: trafficJson(summary.operational, seconds),
        exercise: trafficJson(summary.exercise, seconds),
        members: members.map((member) => {
          const seen = summary.lastSeen.get(member);
          return { member, lastSeen: seen === undefined ? null : toIso(seen), backlog: backlog.get(member) ?? null };
        }),
        truncated: summary.truncated,
      };
    },
  );

  flowSeriesRoute(app, deps.stats);

  app.get<{ Querystring: { member?: string; kind?: string } }>(
    '/v1/events',
    {
      preHandler: app.requireRole(Role.OPERATOR),
      attachValidation: true,
      schema: {
        description:
          'Server-Sent Events: every flow event of the federation as it happens ("event: <kind>", "data: <json>", ' +
          '"id: <n>" counted per gateway), a comment every 15 s, and "event: lagged" with the number of events ' +
          'dropped when the client reads too slowly. Live only: there is no replay.',
        querystring: {
          type: 'object',
          properties: {
            member: {
              type: 'string',
              pattern: MEMBER_ID_PATTERN.source,
              description: 'only events it sent or received',
            },
            kind: { type: 'string', pattern: KIND_LIST, description: 'comma-separated kinds, e.g. accepted,delivered' },
          },
          additionalProperties: false,
        },
      },
    },
    (req, reply) => {
      if (req.validationError !== undefined) {
        throw badRequest(
          ErrorCode.QUERY_INVALID,
          `member must be a member id such as KZ, and kind one or more of ${FLOW_EVENT_KINDS.join(', ')} separated by commas; got ${JSON.stringify(req.query)}.`,
        );
      }
      const { member } = req.query;
      const kinds = req.query.kind === undefined ? undefined : new Set(req.query.kind.split(','));
      const stream = reply.sse(deps.sse);
      const unsubscribe = deps.feed.subscribe(({ seq, event }: FeedEvent) => {
        if (kinds !== undefined && !kinds.has(event.kind)) return;
        if (member !== undefined && !concerns(event, member)) return;
        stream.send(event.kind, event, String(seq));
      });
      reply.raw.on('close', unsubscribe);
      return reply;
    },
  );
  done();
}

import type { FastifyInstance } from 'fastify';
import { ErrorCode, toIso } from '@atc/shared';
import { badRequest } from '@atc/shared/http';
import { Role } from '../auth/role.js';
import type { FlowTotals } from '../flow/flow-buckets.js';
import type { FlowStats } from '../flow/flow-stats.js';

/** The windows of `GET /v1/stats/flow/series` and the minutes each point covers. */
export const SERIES_STEPS = { '1h': 1, '24h': 15 } as const;

type SeriesWindow = keyof typeof SERIES_STEPS;

const WINDOW_NAMES = Object.keys(SERIES_STEPS) as SeriesWindow[];

const countsSchema = {
  type: 'object',
  properties: Object.fromEntries(
    ['accepted', 'rejected', 'delivered', 'replayed', 'sequenceAnomalies'].map((k) => [k, { type: 'integer' }]),
  ),
} as const;

const seriesSchema = {
  type: 'object',
  properties: {
    window: { type: 'string', enum: WINDOW_NAMES },
    from: { type: 'string', format: 'date-time', description: 'start of the oldest minute counted' },
    to: { type: 'string', format: 'date-time', description: 'the moment the counts were read' },
    stepSeconds: { type: 'integer', description: 'the time each point covers: 60 (1h) or 900 (24h)' },
    points: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          at: { type: 'string', format: 'date-time', description: 'start of the step' },
          operational: countsSchema,
          exercise: countsSchema,
        },
      },
    },
  },
} as const;

const counts = (t: FlowTotals): FlowTotals => ({ ...t });

/**
 * `GET /v1/stats/flow/series` (operator, admin): the counts of `GET /v1/stats/flow` over the
 * last hour per minute or the last day per 15 minutes, operational and exercise apart.
 */
export function flowSeriesRoute(app: FastifyInstance, stats: FlowStats): void {
  app.get<{ Querystring: { window?: string } }>(
    '/v1/stats/flow/series',
    {
      preHandler: app.requireRole(Role.OPERATOR),
      attachValidation: true,
      schema: {
        description:
          'Accepted, refused, delivered and replayed messages and sequence anomalies over time: the last hour per ' +
          'minute (window=1h, the default) or the last day per 15 minutes (window=24h), operational and exercise ' +
          'traffic apart, oldest first and without gaps. The points add up to GET /v1/stats/flow for the same ' +
          'window; complete across gateway replicas and kept across restarts.',
        querystring: {
          type: 'object',
          properties: { window: { type: 'string', enum: WINDOW_NAMES, default: '1h' } },
          additionalProperties: false,
        },
        response: { 200: seriesSchema },
      },
    },
    (req) => {
      if (req.validationError !== undefined) {
        throw badRequest(
          ErrorCode.QUERY_INVALID,
          `window must be one of ${WINDOW_NAMES.join(', ')} (the default is 1h); got ${JSON.stringify(req.query.window ?? req.query)}.`,
        );
      }
      const window = (req.query.window ?? '1h') as SeriesWindow;
      const step = SERIES_STEPS[window];
      const series = stats.series(window, step);
      return {
        window,
        from: toIso(series.from),
        to: toIso(series.to),
        stepSeconds: step * 60,
        points: series.points.map((p) => ({
          at: toIso(p.at),
          operational: counts(p.operational),
          exercise: counts(p.exercise),
        })),
      };
    },
  );
}

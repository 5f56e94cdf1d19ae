import type { FastifyInstance, RouteShorthandOptions } from 'fastify';
import fp from 'fastify-plugin';

/** What a readiness check found: whether it holds and, when not, why (when it can say). */
export type ReadinessResult = boolean | { readonly ok: boolean; readonly reason?: string | undefined };

/** A readiness check: a name and whether it currently holds. */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<ReadinessResult> | ReadinessResult;
}

/** One check as `/readyz` reports it. */
export interface ReadinessReport {
  readonly name: string;
  readonly ok: boolean;
  readonly reason?: string;
}

/** The metrics registry `/metrics` serves (a prom-client `Registry`). */
export interface MetricsSource {
  readonly contentType: string;
  metrics(): Promise<string>;
}

/** Longest wait for one readiness check, by default: one that takes longer does not hold. */
export const READINESS_CHECK_TIMEOUT_MS = 5_000;

/** Options of {@link healthRoutes}. */
export interface HealthRoutesOptions {
  /** The checks of `/readyz`; ready when all hold. */
  readonly readiness: readonly ReadinessCheck[];
  /** Longest wait for each check, in ms ({@link READINESS_CHECK_TIMEOUT_MS} by default). */
  readonly checkTimeoutMs?: number;
  /** The registry `/metrics` serves. */
  readonly metrics: MetricsSource;
  /** Refreshes gauges that are read on demand (queue depths, backlogs) before each scrape. */
  readonly beforeScrape?: () => Promise<void> | void;
  /** Route options of the three routes, e.g. to mark them public or hide them from /docs. */
  readonly route?: RouteShorthandOptions;
}

/** Runs one check; a check that throws, or does not answer within `timeoutMs`, does not hold. */
async function runCheck(c: ReadinessCheck, timeoutMs: number): Promise<ReadinessReport> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<ReadinessReport>((resolve) => {
    timer = setTimeout(() => {
      resolve({ name: c.name, ok: false, reason: `the check did not answer within ${timeoutMs} ms` });
    }, timeoutMs);
  });
  const checked = (async (): Promise<ReadinessReport> => {
    try {
      const result = await c.check();
      if (typeof result === 'boolean') return { name: c.name, ok: result };
      return { name: c.name, ok: result.ok, ...(result.reason === undefined ? {} : { reason: result.reason }) };
    } catch {
      return { name: c.name, ok: false };
    }
  })();
  try {
    // A hung check (a database over a link gone silent) must not hold up the probe's answer.
    return await Promise.race([checked, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Whether every check holds, and each check's report, in the order given; each check is
 * given at most `timeoutMs`.
 */
export async function readiness(
  checks: readonly ReadinessCheck[],
  timeoutMs = READINESS_CHECK_TIMEOUT_MS,
): Promise<{ ready: boolean; checks: ReadinessReport[] }> {
  const reports = await Promise.all(checks.map((c) => runCheck(c, timeoutMs)));
  return { ready: reports.every((r) => r.ok), checks: reports };
}

const readyzSchema = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['ready', 'not ready'] },
    checks: {
      type: 'array',
      items: {
        type: 'object',
        properties: { name: { type: 'string' }, ok: { type: 'boolean' }, reason: { type: 'string' } },
        required: ['name', 'ok'],
      },
    },
  },
  required: ['status', 'checks'],
} as const;

/**
 * The probes and metrics of a service, the same on both: `GET /healthz` (the process
 * answers: `{"status":"ok"}`), `GET /readyz` (200 `{"status":"ready"}` or 503
 * `{"status":"not ready"}`, each with the named checks and, for a failing one, its reason;
 * a check that does not answer in time fails, so the probe answers within that bound)
 * and `GET /metrics` (Prometheus text, gauges refreshed first by `beforeScrape`).
 */
export const healthRoutes = fp(
  (app: FastifyInstance, options: HealthRoutesOptions, done: (err?: Error) => void) => {
    const route = options.route ?? {};
    const schema = route.schema ?? {};
    app.get(
      '/healthz',
      {
        ...route,
        schema: { ...schema, response: { 200: { type: 'object', properties: { status: { type: 'string' } } } } },
      },
      () => ({ status: 'ok' }),
    );
    app.get(
      '/readyz',
      { ...route, schema: { ...schema, response: { 200: readyzSchema, 503: readyzSchema } } },
      async (_req, reply) => {
        const result = await readiness(options.readiness, options.checkTimeoutMs);
        return reply
          .code(result.ready ? 200 : 503)
          .send({ status: result.ready ? 'ready' : 'not ready', checks: result.checks });
      },
    );
    app.get('/metrics', route, async (_req, reply) => {
      await options.beforeScrape?.();
      return reply.type(options.metrics.contentType).send(await options.metrics.metrics());
    });
    done();
  },
  { name: 'atc-health-routes', fastify: '5.x' },
);

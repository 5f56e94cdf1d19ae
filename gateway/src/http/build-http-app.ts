import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { ErrorCode, isUuidV7, problem, RefusalCode, type HttpsOptions, type Logger } from '@atc/shared';
import { authFailures, problemErrors, problemServerOptions, sendProblem } from '@atc/shared/http';
import type { MerkleLog } from '../archive/merkle-log.js';
import type { MessageStore } from '../archive/message-store.js';
import { Role } from '../auth/role.js';
import type { TokenBook } from '../auth/token-book.js';
import type { GatewayMetrics } from '../metrics/gateway-metrics.js';
import { registerLogRoutes } from './log-routes.js';
import { bearerAuth } from './bearer-auth.js';
import { registerFlowRoutes, type FlowRouteDeps } from './flow-routes.js';

/** What a readiness check found: whether it holds and, when not, why (when it can say). */
export type ReadinessResult = boolean | { readonly ok: boolean; readonly reason?: string | undefined };

/** A readiness check: a name and whether it currently holds. */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<ReadinessResult> | ReadinessResult;
}

/** What the HTTP API reads. */
export interface HttpDeps {
  readonly store: MessageStore;
  readonly log: MerkleLog;
  readonly metrics: GatewayMetrics;
  readonly readiness: readonly ReadinessCheck[];
  /** The latest signed trust list (compact JWS), if published. */
  readonly trustList: () => Promise<string | undefined>;
  /** Refreshes gauges that are read on demand (e.g. consumer backlogs). */
  readonly beforeScrape?: () => Promise<void>;
  readonly logger: Logger;
  /** Serve HTTPS with this certificate and key (see `loadHttpsOptions`); plain HTTP when absent. */
  readonly https?: HttpsOptions | undefined;
  /** The operator tokens that protected routes accept. */
  readonly tokens: TokenBook;
  /** Flow statistics and the live feed. */
  readonly flow: FlowRouteDeps;
  /** Failed authentications a client address may make per window before it gets 429 (default 20 a minute). */
  readonly authFailureLimit?: { readonly max: number; readonly windowMs: number };
}

/** Failed authentications allowed per client address and window, unless the deps say otherwise. */
const AUTH_FAILURE_LIMIT = { max: 20, windowMs: 60_000 } as const;
const SERVICE = { service: 'gateway' } as const;

/** Routes anyone may call: probes, metrics, the trust list, the API description. */
const PUBLIC = { config: { public: true }, schema: { security: [] } } as const;

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/**
 * The gateway's HTTP API as a fastify app, kept apart from `listen()` so that tests use
 * `inject()` or a real socket alike. Errors are RFC 9457 problem+json with a stable code.
 * Routes need a bearer token with a role (see {@link bearerAuth}) unless marked public;
 * OpenAPI at /docs.
 */
export async function buildHttpApp(deps: HttpDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger.child({ component: 'http' }),
    logController: new LogController({ disableRequestLogging: true }),
    ...problemServerOptions(SERVICE),
    ...(deps.https === undefined ? {} : { https: { ...deps.https } }),
  }) as unknown as FastifyInstance;

  await app.register(problemErrors, SERVICE);
  const limit = deps.authFailureLimit ?? AUTH_FAILURE_LIMIT;
  await app.register(authFailures, {
    realm: 'atc-gateway',
    maxFailures: limit.max,
    windowMs: limit.windowMs,
    count: (reason) => {
      deps.metrics.authFailures.inc({ reason });
    },
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'ATC Exchange gateway',
        version: '1',
        description:
          'Operators, auditors and administrators of the centre: flow statistics, the live feed, message details. ' +
          'Send a token from "atc-gateway tokens add" as "Authorization: Bearer <token>".',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  // Registered before the guard, so the documentation is public.
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(bearerAuth, { tokens: deps.tokens });

  app.get('/healthz', PUBLIC, () => ({ status: 'ok' }));

  app.get('/readyz', PUBLIC, async (_req, reply) => {
    const results = await Promise.all(
      deps.readiness.map(async (c) => {
        try {
          const result = await c.check();
          if (typeof result === 'boolean') return { name: c.name, ok: result };
          return { name: c.name, ok: result.ok, ...(result.reason === undefined ? {} : { reason: result.reason }) };
        } catch {
          return { name: c.name, ok: false };
        }
      }),
    );
    const ready = results.every((r) => r.ok);
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks: results });
  });

  app.get('/metrics', PUBLIC, async (_req, reply) => {
    await deps.beforeScrape?.();
    return reply.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  app.get('/v1/trust', PUBLIC, async (_req, reply) => {
    const jws = await deps.trustList();
    if (jws === undefined) {
      return sendProblem(
        reply,
        problem(
          503,
          ErrorCode.TRUST_LIST_UNAVAILABLE,
          'Not available',
          'The trust list has not been published yet; retry shortly.',
        ),
      );
    }
    const payload = jws.split('.')[1] ?? '';
    return { jws, trustList: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown };
  });

  registerLogRoutes(app, deps);

  app.get<{ Params: { id: string } }>(
    '/v1/messages/:id',
    {
      preHandler: app.requireRole(Role.OPERATOR, Role.AUDITOR),
      schema: {
        description: 'A message in the archive with its routing and receipts.',
        params: { type: 'object', properties: { id: { type: 'string', maxLength: 64 } }, required: ['id'] },
      },
    },
    async (req, reply) => {
      const { id } = req.params;
      if (!isUuidV7(id)) {
        return sendProblem(
          reply,
          problem(
            400,
            RefusalCode.MESSAGE_ID_INVALID,
            'Bad request',
            `${JSON.stringify(id)} is not a lowercase UUIDv7 message id.`,
          ),
        );
      }
      const m = await deps.store.messageDetail(id);
      if (m === undefined) {
        const quarantined = await deps.store.quarantineCount(id);
        return sendProblem(
          reply,
          problem(
            404,
            ErrorCode.MESSAGE_UNKNOWN,
            'Not found',
            quarantined > 0
              ? `Message ${id} was refused ${quarantined} time(s) and is in quarantine, not in the archive.`
              : `Message ${id} is not in the archive.`,
          ),
        );
      }
      return {
        ...m,
        envelopeSha256: hex(m.envelopeSha256),
        createdAt: new Date(m.createdAt).toISOString(),
        archivedAt: new Date(m.archivedAt).toISOString(),
        payloadErasedAt: m.payloadErasedAt === null ? null : new Date(m.payloadErasedAt).toISOString(),
        deliveries: m.deliveries.map((d) => ({
          ...d,
          routedAt: d.routedAt === null ? null : new Date(d.routedAt).toISOString(),
          deliveredAt: d.deliveredAt === null ? null : new Date(d.deliveredAt).toISOString(),
        })),
        receipts: m.receipts.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() })),
      };
    },
  );

  registerFlowRoutes(app, deps.flow);
  return app;
}

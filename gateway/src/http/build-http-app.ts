import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import type { HttpsOptions, Logger, PublicJwk } from '@atc/shared';
import { createHttpApp, healthRoutes, type ReadinessCheck } from '@atc/shared/http';
import type { MerkleLog } from '../archive/merkle-log.js';
import type { MessageSearch } from '../archive/message-search.js';
import type { MessageStore } from '../archive/message-store.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { SessionStore } from '../auth/session-store.js';
import type { TokenBook } from '../auth/token-book.js';
import type { GatewayMetrics } from '../metrics/gateway-metrics.js';
import { alarmRoutes } from './alarm-routes.js';
import { auditRoutes, type AuditRoutesOptions } from './audit-routes.js';
import { bearerAuth } from './bearer-auth.js';
import { refuseUnknownQueries } from './known-query.js';
import { consoleSessionRoutes } from './console-session.js';
import { consoleStatic } from './console-static.js';
import type { ConsoleApiOptions } from './console-params.js';
import type { DatabankRoutesOptions } from './databank-params.js';
import { databankRoutes } from './databank-routes.js';
import { flowRoutes, type FlowRouteDeps } from './flow-routes.js';
import { logRoutes } from './log-routes.js';
import type { BundleRotationEntry } from '../verify/archive-bundle.js';
import { memberRoutes } from './member-routes.js';
import { messageRoutes } from './message-routes.js';
import { messageSearchRoutes } from './message-search-routes.js';
import { refusalRoutes } from './refusal-routes.js';
import { requestRoutes } from './request-routes.js';
import { trustRoutes } from './trust-routes.js';

export type { ReadinessCheck, ReadinessResult } from '@atc/shared/http';

/** What the HTTP API reads. */
export interface HttpDeps {
  readonly store: MessageStore;
  /** Message search for operators (GET /v1/messages). */
  readonly search: MessageSearch;
  readonly log: MerkleLog;
  readonly metrics: GatewayMetrics;
  readonly readiness: readonly ReadinessCheck[];
  /** The gateway's key rotations with proofs in the tree of a size (GET /v1/log/gateway-rotations), when given. */
  readonly gatewayRotations?: (size: number) => Promise<readonly BundleRotationEntry[]>;
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
  /** The audit log (GET /v1/audit), when given. */
  readonly audit?: AuditRoutesOptions['audit'];
  /** The data bank's operator API (/v1/databank), when the gateway runs the bank. */
  readonly databank?: DatabankRoutesOptions;
  /** The operator console: its sign-in sessions (also accepted by every role guard) and its files at /console/. */
  readonly console?: ConsoleDeps;
  /**
   * The operator console's members, refusals and alarms APIs, when given (the flow statistics
   * and inbox backlog come from `flow`).
   */
  readonly consoleApi?: Omit<ConsoleApiOptions, 'stats' | 'backlog'>;
}

/** What the operator console's sign-in and files need. */
export interface ConsoleDeps {
  readonly sessions: SessionStore;
  /** Where sign-ins and sign-outs are recorded. */
  readonly audit: Pick<AuditLog, 'append'>;
  /** The gateway's public signing key, handed to the console at sign-in. */
  readonly gatewayKey: PublicJwk;
  readonly logOrigin: string;
  /** The built console's folder. */
  readonly dir: string;
}

/**
 * The gateway's HTTP API as a fastify app, kept apart from `listen()` so that tests use
 * `inject()` or a real socket alike. Errors are RFC 9457 problem+json with a stable code.
 * Routes need a bearer token with a role (see {@link bearerAuth}) unless marked public;
 * OpenAPI at /docs.
 */
export async function buildHttpApp(deps: HttpDeps): Promise<FastifyInstance> {
  const app = await createHttpApp({
    service: 'gateway',
    logger: deps.logger,
    https: deps.https,
    realm: 'atc-gateway',
    authFailureLimit: deps.authFailureLimit,
    countAuthFailure: (reason) => {
      deps.metrics.authFailures.inc({ reason });
    },
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'ATC Exchange gateway',
        version: '1',
        description:
          'Operators, auditors and administrators of the centre: flow statistics, the live feed, message details, ' +
          'the data bank (metadata for operators and auditors; record content for auditors, with a stated purpose, ' +
          'audited; link decisions for admins). ' +
          'Send a token from "atc-gateway tokens add" as "Authorization: Bearer <token>", or sign in with it at ' +
          'POST /v1/console/session and send the session cookie it sets (with X-CSRF-Token on state changes).',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  // Registered before the guard, so the documentation is public.
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(cookie);
  // Every route that names its query parameters refuses the others (a misspelt filter must not widen an answer).
  refuseUnknownQueries(app);
  await app.register(bearerAuth, {
    tokens: deps.tokens,
    ...(deps.console === undefined ? {} : { sessions: deps.console.sessions }),
  });
  if (deps.console !== undefined) {
    await app.register(consoleSessionRoutes, {
      sessions: deps.console.sessions,
      tokens: deps.tokens,
      audit: deps.console.audit,
      gatewayKey: deps.console.gatewayKey,
      logOrigin: deps.console.logOrigin,
      secureCookie: deps.https !== undefined,
      countSignIn: (outcome) => {
        deps.metrics.consoleSignIns.inc({ outcome });
      },
    });
    await app.register(consoleStatic, { dir: deps.console.dir });
  }

  await app.register(healthRoutes, {
    readiness: deps.readiness,
    metrics: deps.metrics.registry,
    ...(deps.beforeScrape === undefined ? {} : { beforeScrape: deps.beforeScrape }),
    // Probes and metrics are public.
    route: { config: { public: true }, schema: { security: [] } },
  });
  await app.register(trustRoutes, { trustList: deps.trustList });
  // Envelope bytes are content: served only where reads are audited.
  const contentAudit = deps.databank?.audit ?? deps.console?.audit;
  await app.register(logRoutes, {
    log: deps.log,
    store: deps.store,
    gatewayRotations: deps.gatewayRotations,
    ...(contentAudit === undefined ? {} : { audit: contentAudit }),
  });
  await app.register(messageRoutes, {
    store: deps.store,
    ...(contentAudit === undefined ? {} : { audit: contentAudit }),
  });
  await app.register(messageSearchRoutes, { search: deps.search });
  await app.register(flowRoutes, deps.flow);
  if (deps.databank !== undefined) await app.register(databankRoutes, deps.databank);
  if (deps.audit !== undefined) await app.register(auditRoutes, { audit: deps.audit });
  if (deps.consoleApi !== undefined) {
    const views: ConsoleApiOptions = { ...deps.consoleApi, stats: deps.flow.stats, backlog: deps.flow.backlog };
    await app.register(memberRoutes, views);
    await app.register(refusalRoutes, views);
    await app.register(alarmRoutes, views);
    await app.register(requestRoutes, views);
  }
  return app;
}

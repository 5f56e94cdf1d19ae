import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Logger } from 'pino';
import type { AuthFailureReason } from './auth-failures.js';
import { credentialAuth } from './credential-auth.js';
import type { HttpsOptions } from './load-https-options.js';
import { problemErrors, problemServerOptions } from './problem-errors.js';
import { sseStreams, type SseStreamsOptions } from './sse-plugin.js';

/** Failed authentications allowed per client address and window, unless a service says otherwise. */
export const AUTH_FAILURE_LIMIT = { max: 20, windowMs: 60_000 } as const;

/** Options of {@link createHttpApp}. */
export interface HttpAppOptions {
  /** The service's name in sentences: "gateway" or "agent". */
  readonly service: string;
  /** What a client should do after a 500. */
  readonly retryAdvice?: string;
  /** The service's logger; the app logs as its child `component: "http"`, without request logs. */
  readonly logger: Logger;
  /** Serve HTTPS with this certificate and key (see `loadHttpsOptions`); plain HTTP when absent. */
  readonly https?: HttpsOptions | undefined;
  /** The largest request body, in bytes (fastify's default, 1 MiB, when absent). */
  readonly bodyLimit?: number;
  /** Options of the Ajv that checks the route schemas. */
  readonly ajv?: FastifyServerOptions['ajv'];
  /** The realm of the authentication challenge, e.g. "atc-gateway". */
  readonly realm: string;
  /** Failed authentications a client address may make per window before it gets 429 ({@link AUTH_FAILURE_LIMIT}). */
  readonly authFailureLimit?: { readonly max: number; readonly windowMs: number } | undefined;
  /** Counts a failed authentication in the service's metrics. */
  readonly countAuthFailure: (reason: AuthFailureReason) => void;
  /** Defaults of the app's Server-Sent Events streams. */
  readonly sse?: SseStreamsOptions;
}

/**
 * A service's fastify app with the edge every service shares, kept apart from `listen()`:
 * one problem+json error vocabulary (also for what fails before routing),
 * `app.credentialGuard` with the failed-authentication limit, and `reply.sse()`. The service
 * adds its documentation, its credential guard, `healthRoutes` and its route plugins.
 */
export async function createHttpApp(options: HttpAppOptions): Promise<FastifyInstance> {
  const context = {
    service: options.service,
    ...(options.retryAdvice === undefined ? {} : { retryAdvice: options.retryAdvice }),
  };
  const app = Fastify({
    loggerInstance: options.logger.child({ component: 'http' }),
    logController: new LogController({ disableRequestLogging: true }),
    ...problemServerOptions(context),
    ...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }),
    ...(options.https === undefined ? {} : { https: { ...options.https } }),
    ...(options.ajv === undefined ? {} : { ajv: options.ajv }),
  }) as unknown as FastifyInstance;
  await app.register(problemErrors, context);
  const limit = options.authFailureLimit ?? AUTH_FAILURE_LIMIT;
  await app.register(credentialAuth, {
    realm: options.realm,
    maxFailures: limit.max,
    windowMs: limit.windowMs,
    count: options.countAuthFailure,
  });
  await app.register(sseStreams, options.sse ?? {});
  return app;
}

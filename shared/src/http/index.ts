/**
 * @atc/shared/http: the HTTP edge both services share, as fastify plugins: one problem+json
 * error vocabulary, probes and metrics, Server-Sent Events, credential checking with
 * accounting and rate limiting of failed authentication, page limits.
 */
export { authFailures, AuthFailureReason, type AuthFailuresOptions, type AuthRefusal } from './auth-failures.js';
export { AUTH_FAILURE_LIMIT, createHttpApp, type HttpAppOptions } from './create-http-app.js';
export {
  credentialAuth,
  type CredentialAuthOptions,
  type CredentialCheck,
  type CredentialGuard,
} from './credential-auth.js';
export {
  healthRoutes,
  readiness,
  type HealthRoutesOptions,
  type MetricsSource,
  type ReadinessCheck,
  type ReadinessReport,
  type ReadinessResult,
} from './health-routes.js';
export { badRequest, gone, HttpProblem, isHttpProblem, notFound } from './http-problem.js';
export { PAGE_LIMIT, pageLimit } from './page-limit.js';
export { parseJsonBody } from './parse-json-body.js';
export { problemErrors, problemServerOptions, sendProblem, type ProblemErrorsOptions } from './problem-errors.js';
export { sseStreams, type SseStreamsOptions } from './sse-plugin.js';
export { SseStream, type SseStreamOptions } from './sse-stream.js';
export { toProblem, type ProblemContext } from './to-problem.js';

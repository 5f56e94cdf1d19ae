/**
 * @atc/shared/http: the HTTP edge both services share (fastify plugins): one problem+json
 * error vocabulary, accounting and rate limiting of failed authentication, page limits.
 */
export { authFailures, AuthFailureReason, type AuthFailuresOptions, type AuthRefusal } from './auth-failures.js';
export { PAGE_LIMIT, pageLimit } from './page-limit.js';
export { parseJsonBody } from './parse-json-body.js';
export { problemErrors, problemServerOptions, sendProblem, type ProblemErrorsOptions } from './problem-errors.js';
export { toProblem, type ProblemContext } from './to-problem.js';

import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import { ErrorCode, isAtcError } from '../errors/atc-error.js';
import { problem, type Problem } from '../errors/problem.js';
import { storageFailureOf } from '../storage/storage-failure.js';
import { notFound } from './http-problem.js';
import { parseJsonBody } from './parse-json-body.js';
import { toProblem, type ProblemContext } from './to-problem.js';

/** Options of {@link problemErrors}: how the service names itself in sentences, and its 500 advice. */
export type ProblemErrorsOptions = Omit<ProblemContext, 'bodyLimit'>;

/** Sends a problem document as application/problem+json. */
export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.code(body.status).type('application/problem+json').send(body);
}

/** Seconds a client is told to wait (`Retry-After`) when a service cannot store what it sent. */
export const STORAGE_RETRY_AFTER_SECONDS = 10;

/** Seconds a client is told to wait (`Retry-After`) when the agent's clock is off the centre's. */
export const CLOCK_SKEW_RETRY_AFTER_SECONDS = 60;

/** The `Retry-After` of a refusal that waits on the service's own state, or `undefined`. */
function retryAfterSeconds(err: unknown): number | undefined {
  // A driver's own error of the storage (a lost database connection), answered 503 by toProblem.
  if (!isAtcError(err)) return storageFailureOf(err) === undefined ? undefined : STORAGE_RETRY_AFTER_SECONDS;
  switch (err.code) {
    case ErrorCode.STORAGE_FULL:
    case ErrorCode.STORAGE_UNAVAILABLE:
      return STORAGE_RETRY_AFTER_SECONDS;
    case ErrorCode.CLOCK_SKEW:
      return CLOCK_SKEW_RETRY_AFTER_SECONDS;
    default:
      return undefined;
  }
}

function context(app: FastifyInstance, options: ProblemErrorsOptions): ProblemContext {
  return { ...options, bodyLimit: app.initialConfig.bodyLimit ?? 1_048_576 };
}

/**
 * One error vocabulary for an HTTP service (RFC 9457 problem+json, stable `ERR_*` codes):
 * the error handler, the not-found handler, and a strict JSON body parser (UTF-8 only,
 * no `__proto__`/`constructor` keys) that says what was wrong. Errors that happen before
 * routing need server options too: spread {@link problemServerOptions} into `Fastify()`.
 */
export const problemErrors = fp(
  (app: FastifyInstance, options: ProblemErrorsOptions, done: (err?: Error) => void) => {
    const ctx = context(app, options);
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body: Buffer, parsed) => {
      try {
        parsed(null, parseJsonBody(body));
      } catch (e) {
        parsed(e as Error, undefined);
      }
    });
    app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
      // A route may read less than the app's body limit (a sign-in): say the limit that applied.
      const answer = toProblem(err, { ...ctx, bodyLimit: req.routeOptions.bodyLimit ?? ctx.bodyLimit });
      if (answer.internal) req.log.error({ err, route: req.routeOptions.url }, 'request failed');
      const retryAfter = retryAfterSeconds(err);
      if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
      return sendProblem(reply, answer.problem);
    });
    app.setNotFoundHandler((req, reply) => {
      const path = (req.url.split('?')[0] ?? '').slice(0, 200);
      return sendProblem(
        reply,
        notFound(ErrorCode.NOT_FOUND, `No route ${req.method} ${path}; see /docs for the routes.`).toProblem(),
      );
    });
    done();
  },
  { name: 'atc-problem-errors', fastify: '5.x' },
);

const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
};

/** The problem for an error of Node's HTTP parser, before fastify sees a request. */
function clientErrorProblem(err: NodeJS.ErrnoException, service: string): Problem {
  switch (err.code) {
    case 'HPE_HEADER_OVERFLOW':
      return problem(
        431,
        ErrorCode.HEADERS_TOO_LARGE,
        'Request header fields too large',
        `The request headers are larger than this ${service} reads (16 KiB in all); send fewer or shorter headers.`,
      );
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return problem(
        408,
        ErrorCode.REQUEST_TIMEOUT,
        'Request timeout',
        'The request did not arrive whole in time; send it again.',
      );
    default:
      return problem(400, ErrorCode.BAD_REQUEST, 'Bad request', 'The request is not well-formed HTTP/1.1.');
  }
}

/**
 * Server options that keep errors raised before routing in the same vocabulary as
 * {@link problemErrors}: a path that is not a valid URL (`frameworkErrors`), and what
 * Node's HTTP parser refuses itself, such as headers over its limit (431) or a request
 * that is not HTTP (`clientErrorHandler`, which answers on the raw socket and closes it).
 */
export function problemServerOptions(
  options: ProblemErrorsOptions,
): Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler'> {
  const ctx: ProblemContext = options;
  return {
    frameworkErrors: (err, req, reply) => {
      const answer = toProblem(err, ctx);
      if (answer.internal) req.log.error({ err }, 'request failed');
      void sendProblem(reply, answer.problem);
    },
    clientErrorHandler(this: FastifyInstance, err: NodeJS.ErrnoException, socket: Socket) {
      // A reset connection has nobody to answer.
      if (err.code === 'ECONNRESET' || socket.destroyed) return;
      const body = clientErrorProblem(err, options.service);
      this.log.debug({ code: err.code, client: socket.remoteAddress }, 'client error');
      if (socket.writable) {
        const json = JSON.stringify(body);
        socket.write(
          `HTTP/1.1 ${body.status} ${REASONS[body.status] ?? 'Bad Request'}\r\n` +
            `Content-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(json)}\r\n` +
            `Connection: close\r\n\r\n${json}`,
        );
      }
      socket.destroy(err);
    },
  };
}

import type { FastifyError } from 'fastify';
import { ErrorCode, isAtcError, isRefusal, type AtcError } from '../errors/atc-error.js';
import { problem, type FieldError, type Problem } from '../errors/problem.js';
import { RefusalCode } from '../errors/refusal-codes.js';
import { JsonFieldsError } from '../json/json-fields-error.js';
import { storageFailureOf } from '../storage/storage-failure.js';
import { isHttpProblem, notFound } from './http-problem.js';

/** What the mapping needs to know of the service that answers. */
export interface ProblemContext {
  /** The service's name in sentences: "gateway" or "agent". */
  readonly service: string;
  /** The body limit in bytes, to say it in a 413. */
  readonly bodyLimit?: number;
  /** What a client should do after a 500, e.g. retry with the same Idempotency-Key. */
  readonly retryAdvice?: string;
}

/** Fastify's own errors and the problem each becomes: none of its `FST_*` codes reaches a client. */
const FRAMEWORK = new Map<string, (err: FastifyError, ctx: ProblemContext) => Problem>(
  Object.entries({
    FST_ERR_CTP_INVALID_MEDIA_TYPE: () =>
      problem(
        415,
        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        'Unsupported media type',
        'Send the body as application/json (Content-Type: application/json).',
      ),
    FST_ERR_CTP_BODY_TOO_LARGE: (_err, ctx) =>
      problem(
        413,
        ErrorCode.BODY_TOO_LARGE,
        'Payload too large',
        `The request body is larger than ${ctx.bodyLimit === undefined ? 'what' : `the ${ctx.bodyLimit} bytes`} this ${ctx.service} accepts; send a smaller one.`,
      ),
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: () =>
      problem(
        400,
        ErrorCode.BAD_REQUEST,
        'Bad request',
        'The body is not as long as its Content-Length header says; send the whole body with its true length.',
      ),
    FST_ERR_CTP_EMPTY_JSON_BODY: () =>
      problem(400, ErrorCode.MALFORMED_JSON, 'Malformed JSON', 'The body is empty; send a JSON object.'),
    FST_ERR_CTP_INVALID_JSON_BODY: () =>
      problem(400, ErrorCode.MALFORMED_JSON, 'Malformed JSON', 'The body is not valid JSON; send one JSON value.'),
    FST_ERR_BAD_URL: () =>
      problem(
        400,
        ErrorCode.URL_INVALID,
        'Bad request',
        'The path is not a valid URL (broken percent-encoding); encode it as RFC 3986 says.',
      ),
    FST_ERR_MAX_PARAM_LENGTH: () =>
      problem(
        414,
        ErrorCode.URL_TOO_LONG,
        'URI too long',
        'A path segment is longer than any valid id; check the URL.',
      ),
    FST_ERR_ROUTE_MISSING_CONTENT_TYPE: () =>
      problem(
        415,
        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        'Unsupported media type',
        'Send the body with Content-Type: application/json.',
      ),
    FST_ERR_NOT_FOUND: () => notFound(ErrorCode.NOT_FOUND, 'No such route; see /docs for the routes.').toProblem(),
  } satisfies Record<string, (err: FastifyError, ctx: ProblemContext) => Problem>),
);

/** `a/b/0` + `c` -> `a.b[0].c`: a field as a person writes it. */
function fieldOf(instancePath: string, named?: unknown): string {
  const path = instancePath
    .split('/')
    .filter((p) => p !== '')
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))
    .join('')
    .replace(/^\./, '');
  return typeof named === 'string' ? (path === '' ? named : `${path}.${named}`) : path;
}

function validationProblem(err: FastifyError): Problem {
  const inQuery = err.validationContext === 'querystring';
  const errors: FieldError[] = (err.validation ?? []).map((v) => {
    const params = v.params as { missingProperty?: unknown; additionalProperty?: unknown };
    const unknown = params.additionalProperty;
    const message =
      typeof unknown === 'string'
        ? 'is not known here'
        : typeof params.missingProperty === 'string'
          ? 'is required'
          : (v.message ?? 'is invalid');
    return { field: fieldOf(v.instancePath, params.missingProperty ?? unknown), message };
  });
  const what = inQuery ? 'query parameter' : (err.validationContext ?? 'body');
  const detail = errors.map((e) => `${what} ${e.field || '(whole)'} ${e.message}`).join('; ');
  return problem(
    400,
    inQuery ? ErrorCode.QUERY_INVALID : ErrorCode.VALIDATION,
    inQuery ? 'Invalid query' : 'Invalid request',
    `${detail}. Correct ${errors.length === 1 ? 'it' : 'them'} as /docs describes.`,
    errors,
  );
}

function atcProblem(err: AtcError): Problem {
  const status =
    err.code === ErrorCode.IDEMPOTENCY_KEY_REUSED
      ? 422
      : err.code === ErrorCode.RATE_LIMITED
        ? 429
        : err.retryable
          ? 503
          : 400;
  const title = status === 503 ? 'Unavailable' : 'Request refused';
  return problem(status, err.code, title, err.message);
}

/**
 * A route that met its service's storage failing (a database restarting or unreachable, a
 * full disk) answers 503 with the storage's code: the service recovers by itself, the client
 * retries the same request.
 */
function storageProblem(
  code: typeof ErrorCode.STORAGE_FULL | typeof ErrorCode.STORAGE_UNAVAILABLE,
  ctx: ProblemContext,
): Problem {
  const why =
    code === ErrorCode.STORAGE_FULL
      ? `the ${ctx.service}'s storage is full`
      : `the ${ctx.service}'s storage (its database or disk) cannot be reached or written now`;
  return problem(
    503,
    code,
    'Unavailable',
    `The request could not be served: ${why}. The ${ctx.service} recovers by itself once its storage is back; send the same request again later (Retry-After says when).`,
  );
}

/**
 * Maps any error a route or the framework raised to an RFC 9457 problem with a stable
 * `ERR_*` code and a sentence saying what to do. `internal` is true for the 500s, which
 * the caller logs (their detail never reaches the client).
 */
export function toProblem(err: FastifyError, ctx: ProblemContext): { problem: Problem; internal: boolean } {
  if (err.validation !== undefined) return { problem: validationProblem(err), internal: false };
  if (isHttpProblem(err)) return { problem: err.toProblem(), internal: false };
  if (err instanceof JsonFieldsError) {
    return { problem: problem(422, err.code, 'Invalid record', err.message, err.errors), internal: false };
  }
  if (isRefusal(err)) {
    // Bytes that are not UTF-8 are a malformed request, not a record the service judged.
    const status =
      err.code === RefusalCode.ENVELOPE_TOO_LARGE ? 413 : err.code === RefusalCode.UTF8_INVALID ? 400 : 422;
    const fields = err.field === undefined ? undefined : [{ field: err.field, message: err.detail }];
    return { problem: problem(status, err.code, 'Message refused', err.message, fields), internal: false };
  }
  if (isAtcError(err)) return { problem: atcProblem(err), internal: false };
  const storage = storageFailureOf(err);
  if (storage !== undefined) return { problem: storageProblem(storage.code, ctx), internal: false };
  const framework = FRAMEWORK.get(err.code);
  if (framework !== undefined) return { problem: framework(err, ctx), internal: false };
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    return {
      problem: problem(
        err.statusCode,
        ErrorCode.BAD_REQUEST,
        'Bad request',
        (err.code ?? '').startsWith('FST_')
          ? `The ${ctx.service} cannot read this request; check it against /docs.`
          : err.message,
      ),
      internal: false,
    };
  }
  return {
    problem: problem(
      500,
      ErrorCode.INTERNAL,
      'Internal error',
      `The request failed; see the ${ctx.service} log. ${ctx.retryAdvice ?? 'Retry later.'}`,
    ),
    internal: true,
  };
}

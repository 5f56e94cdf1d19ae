import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  isAtcError,
  isRefusal,
  JsonFieldsError,
  problem,
  RefusalCode,
  type FieldError,
  type Logger,
  type Problem,
} from '@atc/shared';

/** Fastify's own error codes and the problem each becomes. */
const FASTIFY: Readonly<Record<string, [number, string, string]>> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'ERR_UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'ERR_BODY_TOO_LARGE', 'The request body is larger than the agent accepts.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'ERR_MALFORMED_JSON', 'The body is empty; send a JSON object.'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'ERR_MALFORMED_JSON', 'The body is not valid JSON.'],
};

function fieldOf(instancePath: string, missing?: unknown): string {
  const path = instancePath
    .split('/')
    .filter((p) => p !== '')
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))
    .join('')
    .replace(/^\./, '');
  return typeof missing === 'string' ? (path === '' ? missing : `${path}.${missing}`) : path;
}

/** Maps every error to an RFC 9457 problem+json answer with a stable code. */
export function agentErrorHandler(logger: Logger) {
  return (err: FastifyError, _req: FastifyRequest, reply: FastifyReply): FastifyReply => {
    let body: Problem;
    if (err.validation !== undefined) {
      const errors: FieldError[] = err.validation.map((v) => ({
        field: fieldOf(
          v.instancePath,
          (v.params as { missingProperty?: unknown; additionalProperty?: unknown }).missingProperty ??
            (v.params as { additionalProperty?: unknown }).additionalProperty,
        ),
        message: v.message ?? 'is invalid',
      }));
      body = problem(
        400,
        'ERR_VALIDATION',
        'Invalid request',
        errors.map((e) => `${e.field || 'body'} ${e.message}`).join('; '),
        errors,
      );
    } else if (err instanceof JsonFieldsError) {
      body = problem(422, err.code, 'Invalid record', err.message, err.errors);
    } else if (isRefusal(err)) {
      // Bytes that are not UTF-8 are a malformed request, not a record the agent judged.
      const status =
        err.code === RefusalCode.ENVELOPE_TOO_LARGE ? 413 : err.code === RefusalCode.UTF8_INVALID ? 400 : 422;
      body = problem(
        status,
        err.code,
        'Message refused',
        err.message,
        err.field === undefined ? undefined : [{ field: err.field, message: err.detail }],
      );
    } else if (isAtcError(err)) {
      const status = err.code === 'ERR_IDEMPOTENCY_KEY_REUSED' ? 422 : err.retryable ? 503 : 400;
      body = problem(status, err.code, 'Request refused', err.message);
    } else if (err.code in FASTIFY) {
      const [status, code, detail] = FASTIFY[err.code]!;
      body = problem(status, code, 'Bad request', detail);
    } else if (typeof err.statusCode === 'number' && err.statusCode < 500) {
      body = problem(err.statusCode, 'ERR_BAD_REQUEST', 'Bad request', err.message);
    } else {
      logger.error({ err }, 'request failed');
      body = problem(
        500,
        'ERR_INTERNAL',
        'Internal error',
        'The request failed; see the agent log. Retry with the same Idempotency-Key.',
      );
    }
    return reply.code(body.status).type('application/problem+json').send(body);
  };
}

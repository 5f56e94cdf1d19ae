import { AtcError, type AnyErrorCode } from '../errors/atc-error.js';
import { problem, type Problem } from '../errors/problem.js';

/**
 * An answer a route gives as a problem with its own status and title, thrown so that the
 * one error handler of {@link problemErrors} sends it, like every other error.
 */
export class HttpProblem extends AtcError {
  override readonly name = 'HttpProblem';
  /** The HTTP status of the answer. */
  readonly status: number;
  /** The problem's short, fixed `title`. */
  readonly title: string;
  /** RFC 9457 extension members the answer carries beside the standard ones. */
  readonly extensions: Readonly<Record<string, unknown>>;

  constructor(
    status: number,
    code: AnyErrorCode,
    title: string,
    detail: string,
    extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(code, detail, { retryable: status === 503 });
    this.status = status;
    this.title = title;
    this.extensions = extensions;
  }

  /** The problem document this error is answered with. */
  toProblem(): Problem {
    return { ...this.extensions, ...problem(this.status, this.code, this.title, this.message) };
  }
}

/** True when `e` is an {@link HttpProblem}. */
export function isHttpProblem(e: unknown): e is HttpProblem {
  return e instanceof HttpProblem;
}

/**
 * The one way a service says "not found" (404, title "Not found"), for an unknown route and
 * for an unknown resource alike: `code` says which (ERR_NOT_FOUND, ERR_MESSAGE_UNKNOWN, ...).
 */
export function notFound(code: AnyErrorCode, detail: string): HttpProblem {
  return new HttpProblem(404, code, 'Not found', detail);
}

/**
 * A 410 "Gone": the resource existed and was removed on purpose (an inbox item whose record
 * its originator withdrew); `extensions` say what is left of it (e.g. its tombstone).
 */
export function gone(
  code: AnyErrorCode,
  detail: string,
  extensions: Readonly<Record<string, unknown>> = {},
): HttpProblem {
  return new HttpProblem(410, code, 'Gone', detail, extensions);
}

/** A 400 "Bad request" with a stable code, for what a route finds wrong beyond its schema. */
export function badRequest(code: AnyErrorCode, detail: string): HttpProblem {
  return new HttpProblem(400, code, 'Bad request', detail);
}

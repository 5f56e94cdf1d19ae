import { refusalAdvice, type RefusalCode } from './refusal-codes.js';

/** Codes of errors that are not refusals of a message. */
export const ErrorCode = {
  CONFIG_INVALID: 'ERR_CONFIG_INVALID',
  KEY_FILE_UNSAFE: 'ERR_KEY_FILE_UNSAFE',
  KEY_FILE_INVALID: 'ERR_KEY_FILE_INVALID',
  KEY_FILE_EXISTS: 'ERR_KEY_FILE_EXISTS',
  KEY_INVALID: 'ERR_KEY_INVALID',
  ENCODE_INVALID: 'ERR_ENCODE_INVALID',
  INTERNAL: 'ERR_INTERNAL',
} as const;

/** One of the non-refusal error codes. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Every code an {@link AtcError} may carry. */
export type AnyErrorCode = ErrorCode | RefusalCode;

/** Options shared by every {@link AtcError}. */
export interface AtcErrorOptions {
  /** The underlying error, kept for logs. */
  readonly cause?: unknown;
  /** Whether trying the same thing again later may succeed. */
  readonly retryable?: boolean;
}

/**
 * The root of the project's errors. `code` is stable and meant to be switched on;
 * `message` is a sentence a person can act on; `retryable` says whether the same
 * operation may succeed later (transient) or never will (terminal).
 */
export class AtcError extends Error {
  override readonly name: string = 'AtcError';
  /** Stable code, e.g. `ERR_SIGNATURE_INVALID`. */
  readonly code: AnyErrorCode;
  /** True when the same operation may succeed later. */
  readonly retryable: boolean;

  constructor(code: AnyErrorCode, message: string, options: AtcErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
}

/**
 * A message refused by a verification or policy check. Always terminal: sending the
 * same bytes again is refused again. `field` names the offending field when there is one.
 */
export class RefusalError extends AtcError {
  override readonly name = 'RefusalError';
  declare readonly code: RefusalCode;
  /** The offending field (protobuf name), when the refusal is about one field. */
  readonly field: string | undefined;
  /** What was wrong, without the advice sentence. */
  readonly detail: string;

  constructor(code: RefusalCode, detail: string, options: { field?: string; cause?: unknown } = {}) {
    super(code, `${detail}. ${refusalAdvice[code]}`, { cause: options.cause, retryable: false });
    this.field = options.field;
    this.detail = detail;
  }
}

/** True when `e` is an {@link AtcError} (of any subclass). */
export function isAtcError(e: unknown): e is AtcError {
  return e instanceof AtcError;
}

/** True when `e` is a {@link RefusalError}. */
export function isRefusal(e: unknown): e is RefusalError {
  return e instanceof RefusalError;
}

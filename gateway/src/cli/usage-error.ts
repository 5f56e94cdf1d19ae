import { AtcError, ErrorCode } from '@atc/shared';

/** The codes of a command line that cannot be run as written. */
export type UsageErrorCode =
  | typeof ErrorCode.USAGE
  | typeof ErrorCode.REASON_REQUIRED
  | typeof ErrorCode.TOKEN_NAME_INVALID
  | typeof ErrorCode.TOKEN_ROLE_INVALID
  | typeof ErrorCode.TOKEN_EXPIRY_INVALID;

/**
 * A command line that cannot be run as written: unknown command or option, missing
 * argument, bad option value (a more precise code names which, e.g. ERR_TOKEN_ROLE_INVALID),
 * or a change without `--reason`. The CLI exits with 2.
 */
export class UsageError extends AtcError {
  override readonly name = 'UsageError';
  declare readonly code: UsageErrorCode;
  /** The command whose help to point at, e.g. `members`; empty for the top level. */
  readonly command: string;

  constructor(command: string, message: string, code: UsageErrorCode = ErrorCode.USAGE) {
    super(code, message);
    this.command = command;
  }
}

import { AtcError, ErrorCode } from '@atc/shared';

/**
 * A command line that cannot be run as written: unknown command or option, missing
 * argument, bad option value, or a change without `--reason`. The CLI exits with 2.
 */
export class UsageError extends AtcError {
  override readonly name = 'UsageError';
  declare readonly code: typeof ErrorCode.USAGE | typeof ErrorCode.REASON_REQUIRED;
  /** The command whose help to point at, e.g. `members`; empty for the top level. */
  readonly command: string;

  constructor(
    command: string,
    message: string,
    code: typeof ErrorCode.USAGE | typeof ErrorCode.REASON_REQUIRED = ErrorCode.USAGE,
  ) {
    super(code, message);
    this.command = command;
  }
}

import { AtcError, type ErrorCode, type RefusalCode } from '@atc/shared';

/** The codes a registry change may be refused with. */
export type RegistryErrorCode =
  | typeof ErrorCode.REASON_REQUIRED
  | typeof ErrorCode.ACTOR_REQUIRED
  | typeof RefusalCode.MEMBER_ID_INVALID
  | typeof ErrorCode.MEMBER_NAME_INVALID
  | typeof ErrorCode.MEMBER_KIND_INVALID
  | typeof ErrorCode.MEMBER_EXISTS
  | typeof ErrorCode.MEMBER_UNKNOWN
  | typeof ErrorCode.MEMBER_STATUS_INVALID
  | typeof ErrorCode.MEMBER_STATUS_UNCHANGED
  | typeof ErrorCode.KEY_INVALID
  | typeof ErrorCode.KEY_EXISTS
  | typeof RefusalCode.KEY_UNKNOWN
  | typeof ErrorCode.KEY_ALREADY_REVOKED
  | typeof ErrorCode.KEY_VALIDITY_INVALID
  | typeof ErrorCode.REVOCATION_REASON_INVALID;

/**
 * A registry change that was refused: nothing was written. Terminal: the same change
 * is refused again until its input is corrected.
 */
export class RegistryError extends AtcError {
  override readonly name = 'RegistryError';
  declare readonly code: RegistryErrorCode;

  constructor(code: RegistryErrorCode, message: string, options: { readonly cause?: unknown } = {}) {
    super(code, message, { ...options, retryable: false });
  }
}

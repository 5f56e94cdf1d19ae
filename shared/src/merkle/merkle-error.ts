import { AtcError, type ErrorCode } from '../errors/atc-error.js';

/** The codes a {@link MerkleError} carries. */
export type MerkleErrorCode =
  | typeof ErrorCode.LOG_RANGE
  | typeof ErrorCode.LOG_NODE_MISSING
  | typeof ErrorCode.LOG_HASH_INVALID
  | typeof ErrorCode.LOG_INCONSISTENT
  | typeof ErrorCode.CHECKPOINT_INVALID
  | typeof ErrorCode.NOTE_INVALID
  | typeof ErrorCode.NOTE_SIGNATURE_INVALID;

/**
 * An error of the verifiable log primitives: tree ranges, stored nodes, signed notes,
 * checkpoints and cosignatures. Terminal unless a caller says otherwise: the same input
 * fails the same way again.
 */
export class MerkleError extends AtcError {
  override readonly name = 'MerkleError';
  declare readonly code: MerkleErrorCode;

  constructor(code: MerkleErrorCode, message: string, options: { cause?: unknown; retryable?: boolean } = {}) {
    super(code, message, options);
  }
}

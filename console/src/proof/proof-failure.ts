/** Why a checkpoint or proof did not verify: a closed set the console translates. */
export const ProofReason = {
  /** The note is not a well-formed C2SP signed note. */
  NOTE_MALFORMED: 'noteMalformed',
  /** The pinned gateway key is not an Ed25519 public JWK. */
  KEY_INVALID: 'keyInvalid',
  /** No signature line carries the pinned key's name and key ID. */
  SIGNATURE_MISSING: 'signatureMissing',
  /** A line of the pinned key does not verify over the note's text. */
  SIGNATURE_INVALID: 'signatureInvalid',
  /** The signed text is not a checkpoint (origin, size, root hash). */
  CHECKPOINT_MALFORMED: 'checkpointMalformed',
  /** The checkpoint is of another log than the one pinned at sign-in. */
  ORIGIN_MISMATCH: 'originMismatch',
  /** The proof is for another tree size or leaf than asked or signed. */
  SIZE_MISMATCH: 'sizeMismatch',
  /** The proof is for another leaf than the message's. */
  LEAF_MISMATCH: 'leafMismatch',
  /** The gateway did not answer with a checkpoint or proof. */
  UNAVAILABLE: 'unavailable',
  /** The proof's hashes are malformed or too few or too many for the tree. */
  PROOF_MALFORMED: 'proofMalformed',
  /** The proof leads to another root than the signed checkpoint's. */
  ROOT_MISMATCH: 'rootMismatch',
  /** The proven leaf is not the leaf hash of the message's envelope, computed in the browser. */
  ENVELOPE_MISMATCH: 'envelopeMismatch',
  /** A gateway key rotation entry that the checkpoint signed by the pinned key does not include. */
  ROTATION_UNPROVED: 'rotationUnproved',
  /** A gateway key rotation entry not signed by the key it replaces, malformed, or off the pinned key's chain. */
  ROTATION_INVALID: 'rotationInvalid',
  /** A checkpoint signed by an older gateway key after its rotation and the grace it declared. */
  KEY_RETIRED: 'keyRetired',
} as const;

/** One of {@link ProofReason}. */
export type ProofReason = (typeof ProofReason)[keyof typeof ProofReason];

/** A checkpoint or proof that did not verify: the reason and a technical detail (English, for the record). */
export class ProofFailure extends Error {
  constructor(
    readonly reason: ProofReason,
    detail: string,
  ) {
    super(detail);
    this.name = 'ProofFailure';
  }
}

/**
 * The self-contained archive bundle `atc-gateway archive export` writes and `atc-verify`
 * checks with no database and no network: a range of log entries with their envelopes,
 * an inclusion proof of each in one checkpoint, the member keys that signed them, the
 * gateway key that signed the checkpoint and key events, earlier checkpoints with
 * consistency proofs to it, and the gateway key rotations that lead from that key back to
 * the older keys that signed some of them.
 */

/** Format marker of version 1 of the bundle. */
export const BUNDLE_FORMAT = 'atc-archive-bundle/1';

/** A member key as the registry held it. */
export interface BundleKey {
  readonly kid: string;
  readonly memberId: string;
  readonly publicJwk: { readonly kty: string; readonly crv: string; readonly x: string };
  readonly validFrom: number;
  readonly validUntil: number | null;
  readonly revokedAt: number | null;
  readonly revocationReason: string | null;
}

/** One log entry. */
export interface BundleEntry {
  readonly index: number;
  /** Base64 SHA-256(0x00 || envelope bytes). */
  readonly leafHash: string;
  /** Base64 envelope bytes; without payload when retention erased it. */
  readonly envelope: string;
  readonly payloadErased: boolean;
  readonly messageId: string;
  /** When the centre archived it (Unix ms): a later revocation of its key does not count. */
  readonly archivedAt: number;
  /** Base64 hashes: inclusion of the leaf in the bundle's checkpoint. */
  readonly inclusionProof: readonly string[];
}

/** An earlier checkpoint and the proof that the bundle's checkpoint extends it. */
export interface BundleCheckpoint {
  readonly note: string;
  readonly consistencyProof: readonly string[];
}

/**
 * A log entry of a gateway key rotation (a gateway KeyEvent, REGISTERED or REVOKED), with its
 * inclusion proof in the bundle's checkpoint: what lets a verifier who trusts only the newest
 * gateway key accept what an older one signed.
 */
export interface BundleRotationEntry {
  readonly index: number;
  /** Base64 envelope bytes. */
  readonly envelope: string;
  /** Base64 hashes: inclusion of the entry in the bundle's checkpoint. */
  readonly inclusionProof: readonly string[];
}

/** The bundle file (JSON). */
export interface ArchiveBundle {
  readonly format: typeof BUNDLE_FORMAT;
  readonly exportedAt: string;
  readonly gatewayId: string;
  readonly origin: string;
  readonly gatewayKey: { readonly kty: string; readonly crv: string; readonly x: string; readonly kid: string };
  /** The checkpoint every proof refers to, with the witnesses' cosignatures. */
  readonly checkpoint: string;
  readonly from: number;
  readonly to: number;
  readonly keys: readonly BundleKey[];
  readonly entries: readonly BundleEntry[];
  readonly earlierCheckpoints: readonly BundleCheckpoint[];
  /**
   * The rotation entries that chain the bundle's gateway key back to each older gateway key,
   * newest first, two per rotation (the successor's REGISTERED entry, then the older key's
   * REVOKED entry). Absent in bundles written before rotations were carried: read as none.
   */
  readonly gatewayRotations?: readonly BundleRotationEntry[];
}

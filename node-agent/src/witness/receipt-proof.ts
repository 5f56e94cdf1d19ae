import { atc, isAtcError, leafHash, verifyInclusion } from '@atc/shared';
import { openGatewayCheckpoint, type GatewayKeys } from './open-gateway-checkpoint.js';

/** What an ACCEPTED receipt proves about the archived envelope, and whether it holds. */
export interface ReceiptProof {
  readonly leafIndex: number;
  readonly treeSize: number;
  /** The gateway-signed checkpoint (C2SP tlog-checkpoint note). */
  readonly checkpoint: string;
  /** Base64 hashes, leaf to root. */
  readonly inclusionProof: readonly string[];
  /** Base64 SHA-256(0x00 || envelope bytes). */
  readonly leafHash: string;
  /** Base64 root hash of the checkpoint's tree. */
  readonly rootHash: string | null;
  /** True when the checkpoint is signed by a trusted gateway key and the proof holds. */
  readonly verified: boolean;
  /** Why it does not hold, when it does not. */
  readonly problem: string | null;
}

const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');

/**
 * Checks an ACCEPTED receipt's log proof: the checkpoint is signed by a trusted gateway key
 * and the inclusion proof links the leaf of exactly the envelope this agent sent to the
 * checkpoint's root. `undefined` when the receipt carries no proof (not an ACCEPTED receipt).
 */
export function checkReceiptProof(
  receiptEnvelope: Uint8Array,
  sentEnvelope: Uint8Array,
  gatewayKey: GatewayKeys,
): ReceiptProof | undefined {
  const receipt = atc.v1.Receipt.decode(atc.v1.Envelope.decode(receiptEnvelope).payload);
  if (receipt.status !== atc.v1.ReceiptStatus.RECEIPT_STATUS_ACCEPTED || receipt.checkpoint === '') return undefined;
  const leaf = leafHash(sentEnvelope);
  const base = {
    leafIndex: receipt.leafIndex,
    checkpoint: receipt.checkpoint,
    inclusionProof: receipt.inclusionProof.map(b64),
    leafHash: b64(leaf),
  };
  let opened;
  try {
    opened = openGatewayCheckpoint(receipt.checkpoint, gatewayKey);
  } catch (e) {
    if (!isAtcError(e)) throw e;
    return { ...base, treeSize: 0, rootHash: null, verified: false, problem: `checkpoint refused: ${e.message}` };
  }
  const { size, rootHash } = opened.checkpoint;
  const verified = verifyInclusion(receipt.leafIndex, size, leaf, receipt.inclusionProof, rootHash);
  return {
    ...base,
    treeSize: size,
    rootHash: b64(rootHash),
    verified,
    problem: verified
      ? null
      : `the inclusion proof does not link leaf ${receipt.leafIndex} of the sent envelope to the root of checkpoint ${size}`,
  };
}

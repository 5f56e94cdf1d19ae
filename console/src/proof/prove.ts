import { verifyCheckpoint, type PinnedLogKey, type VerifiedCheckpoint } from './checkpoint';
import { verifyCheckpointWithKeys, type KeyedCheckpoint, type LogKeyTerm } from './gateway-keys';
import {
  inclusionSteps,
  verifyConsistency,
  verifyInclusion,
  type InclusionProofJson,
  type InclusionStep,
} from './merkle-proof';
import { ProofFailure, ProofReason } from './proof-failure';

/** A consistency proof as the gateway serves it (base64 hashes). */
export interface ConsistencyProofJson {
  readonly first: number;
  readonly second: number;
  readonly proof: readonly string[];
}

/** What an inclusion check found: what could be read and verified, and the failure if any. */
export interface InclusionOutcome {
  /** The checkpoint note exactly as served, when one was. */
  readonly note?: string;
  readonly checkpoint?: VerifiedCheckpoint;
  readonly proof?: InclusionProofJson;
  /** The walk from the leaf up, also when it leads to another root. */
  readonly steps?: readonly InclusionStep[];
  /** Undefined when everything verified. */
  readonly failure?: ProofFailure;
}

/** What a consistency check found, and the failure if any. */
export interface ConsistencyOutcome {
  readonly first?: KeyedCheckpoint;
  readonly second?: KeyedCheckpoint;
  readonly proof?: ConsistencyProofJson;
  readonly failure?: ProofFailure;
}

function failureOf(e: unknown): ProofFailure {
  if (e instanceof ProofFailure) return e;
  return new ProofFailure(ProofReason.UNAVAILABLE, e instanceof Error ? e.message : String(e));
}

/** Where an inclusion check reads the log: the latest checkpoint note and a proof in the tree of a size. */
export interface InclusionSource {
  latestCheckpoint(): Promise<string>;
  inclusionProof(size: number): Promise<InclusionProofJson>;
}

/**
 * Verifies in the browser that leaf `leafIndex` is in the log: the latest checkpoint's
 * signature against the pinned key, then the inclusion proof in a tree of exactly that size,
 * for exactly that leaf, up to exactly that signed root. Never throws: the outcome says what
 * verified and why not.
 */
export async function proveInclusion(
  source: InclusionSource,
  key: PinnedLogKey,
  leafIndex: number,
): Promise<InclusionOutcome> {
  let note: string | undefined;
  let checkpoint: VerifiedCheckpoint | undefined;
  let proof: InclusionProofJson | undefined;
  let steps: readonly InclusionStep[] | undefined;
  const so = (): InclusionOutcome => ({
    ...(note === undefined ? {} : { note }),
    ...(checkpoint === undefined ? {} : { checkpoint }),
    ...(proof === undefined ? {} : { proof }),
    ...(steps === undefined ? {} : { steps }),
  });
  try {
    note = await source.latestCheckpoint();
    checkpoint = await verifyCheckpoint(note, key);
    proof = await source.inclusionProof(checkpoint.size);
    if (proof.leafIndex !== leafIndex) {
      throw new ProofFailure(
        ProofReason.LEAF_MISMATCH,
        `the proof is for leaf ${proof.leafIndex}, the message is leaf ${leafIndex}`,
      );
    }
    try {
      steps = (await inclusionSteps(proof)).steps;
    } catch {
      // Malformed: verifyInclusion below says why.
    }
    await verifyInclusion(proof, checkpoint.size, checkpoint.rootHash);
    return so();
  } catch (e) {
    return { ...so(), failure: failureOf(e) };
  }
}

/** Where a checkpoint note came from: its text and when the gateway recorded it (Unix ms), if known. */
export interface ListedNote {
  readonly note: string;
  readonly recordedAt?: number;
}

/**
 * Verifies in the browser that the log of the second checkpoint extends the first: both
 * signatures against the pinned key (or, given the keys proven from its rotations, an older
 * key within its term: verifyCheckpointWithKeys), then the proof between exactly their sizes
 * and roots. Never throws.
 */
export async function proveConsistency(
  firstNote: string | ListedNote,
  secondNote: string | ListedNote,
  key: PinnedLogKey | readonly LogKeyTerm[],
  load: (first: number, second: number) => Promise<ConsistencyProofJson>,
): Promise<ConsistencyOutcome> {
  let first: KeyedCheckpoint | undefined;
  let second: KeyedCheckpoint | undefined;
  let proof: ConsistencyProofJson | undefined;
  const so = (): ConsistencyOutcome => ({
    ...(first === undefined ? {} : { first }),
    ...(second === undefined ? {} : { second }),
    ...(proof === undefined ? {} : { proof }),
  });
  const keys: readonly LogKeyTerm[] = Array.isArray(key) ? key : [{ key: key as PinnedLogKey, kid: '' }];
  const open = (listed: string | ListedNote): Promise<KeyedCheckpoint> =>
    typeof listed === 'string'
      ? verifyCheckpointWithKeys(listed, keys)
      : verifyCheckpointWithKeys(listed.note, keys, listed.recordedAt);
  try {
    first = await open(firstNote);
    second = await open(secondNote);
    proof = await load(first.size, second.size);
    if (proof.first !== first.size || proof.second !== second.size) {
      throw new ProofFailure(
        ProofReason.SIZE_MISMATCH,
        `the proof is from ${proof.first} to ${proof.second}, the checkpoints are ${first.size} and ${second.size}`,
      );
    }
    await verifyConsistency(first.size, second.size, proof.proof, first.rootHash, second.rootHash);
    return so();
  } catch (e) {
    return { ...so(), failure: failureOf(e) };
  }
}

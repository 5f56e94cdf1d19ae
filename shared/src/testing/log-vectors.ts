import { ErrorCode } from '../errors/atc-error.js';
import type { PublicJwk } from '../keys/ed25519-jwk.js';
import { formatCheckpoint, signCheckpoint } from '../merkle/checkpoint.js';
import { cosignCheckpoint } from '../merkle/cosignature.js';
import { leafHash, nodeHash } from '../merkle/merkle-hash.js';
import { nodeKey, type NodeId } from '../merkle/node-id.js';
import { consistencyProofPlan, inclusionProofPlan, rootPlan } from '../merkle/proof-plan.js';
import { foldRange, resolvePlan } from '../merkle/resolve-plan.js';
import { addSignatures, formatNote, signNote } from '../merkle/signed-note.js';
import { witnessKeyName } from '../subjects.js';
import { FIXTURE_TIME, fixtureKey } from './fixtures.js';

/** Origin of the vectors' log; the gateway signs checkpoints under its origin as key name. */
export const VECTOR_LOG_ORIGIN = 'atc-exchange/INTEROP';

/** One checkpoint vector (proto/vectors/checkpoints.json). */
export interface CheckpointVector {
  readonly name: string;
  /** The origin the verifier expects, and the note key name of the log's signature. */
  readonly origin: string;
  readonly key_name: string;
  /** The log's (the gateway's) public key. */
  readonly public_jwk: PublicJwk;
  /** The signed note text, exactly as served. */
  readonly note: string;
  /** `valid`, or the code openCheckpoint gives (a malformed note is CHECKPOINT_INVALID). */
  readonly expect: 'valid' | typeof ErrorCode.NOTE_SIGNATURE_INVALID | typeof ErrorCode.CHECKPOINT_INVALID;
  /** For a valid checkpoint: its tree size and base64 root hash. */
  readonly size?: number;
  readonly root_hash?: string;
}

/** One inclusion-proof vector (RFC 9162 section 2.1.3.2); hashes are base64. */
export interface InclusionVector {
  readonly name: string;
  /** The leaf's data (an envelope); its leaf hash is SHA-256(0x00 || data). */
  readonly leaf_hex: string;
  readonly leaf_index: number;
  readonly tree_size: number;
  readonly proof: readonly string[];
  readonly root_hash: string;
  readonly expect: 'valid' | typeof ErrorCode.INCLUSION_PROOF_INVALID;
}

/** One consistency-proof vector (RFC 9162 section 2.1.4.2); hashes are base64. */
export interface ConsistencyVector {
  readonly name: string;
  readonly size1: number;
  readonly size2: number;
  readonly root1: string;
  readonly root2: string;
  readonly proof: readonly string[];
  readonly expect: 'valid' | typeof ErrorCode.LOG_INCONSISTENT;
}

/** The proofs file: both kinds of proof over one log. */
export interface ProofVectors {
  readonly inclusion: readonly InclusionVector[];
  readonly consistency: readonly ConsistencyVector[];
}

const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');

/**
 * A small log held in memory: every perfect node of an RFC 9162 tree over `leaves`, and
 * proofs resolved from the same plans the gateway's archive uses.
 */
export class MemoryLog {
  private readonly nodes = new Map<string, Buffer>();

  constructor(readonly leaves: readonly Uint8Array[]) {
    let level = leaves.map((l) => leafHash(l));
    for (let l = 0; level.length > 0; l++) {
      level.forEach((hash, index) => this.nodes.set(nodeKey({ level: l, index }), hash));
      const next: Buffer[] = [];
      for (let i = 0; i + 1 < level.length; i += 2) next.push(nodeHash(level[i]!, level[i + 1]!));
      level = next;
    }
  }

  private readonly lookup = (id: NodeId): Buffer | undefined => this.nodes.get(nodeKey(id));

  /** The root hash of the tree of the first `size` leaves. */
  root(size: number): Buffer {
    return foldRange(rootPlan(size).map((id) => this.lookup(id)!));
  }

  inclusion(index: number, size: number): Buffer[] {
    return resolvePlan(inclusionProofPlan(index, size), this.lookup);
  }

  consistency(size1: number, size2: number): Buffer[] {
    return resolvePlan(consistencyProofPlan(size1, size2), this.lookup);
  }

  /** The gateway-signed checkpoint of the first `size` leaves. */
  checkpoint(size: number): string {
    return signCheckpoint(
      { origin: VECTOR_LOG_ORIGIN, size, rootHash: this.root(size), extensions: [] },
      VECTOR_LOG_ORIGIN,
      fixtureKey('ATC').privateKey,
    );
  }
}

/** The vectors' log: 13 leaves, leaf 5 being `submitted` (the envelope a receipt is about). */
export function vectorLog(submitted: Uint8Array): MemoryLog {
  return new MemoryLog(
    Array.from({ length: 13 }, (_, i) =>
      i === 5 ? submitted : Buffer.from(`atc-exchange interop vector leaf ${i}`, 'utf8'),
    ),
  );
}

function flip(hash: Uint8Array): Buffer {
  const copy = Buffer.from(hash);
  copy[0] = copy[0]! ^ 0x01;
  return copy;
}

/** Checkpoint vectors over `log`: as the gateway signs them, and notes a verifier must refuse. */
export function buildCheckpointVectors(log: MemoryLog): CheckpointVector[] {
  const atc = fixtureKey('ATC');
  const vectors: CheckpointVector[] = [];
  const add = (name: string, note: string, expect: CheckpointVector['expect'], size?: number): void => {
    vectors.push({
      name,
      origin: VECTOR_LOG_ORIGIN,
      key_name: VECTOR_LOG_ORIGIN,
      public_jwk: atc.publicJwk,
      note,
      expect,
      ...(size === undefined ? {} : { size, root_hash: b64(log.root(size)) }),
    });
  };
  const size = log.leaves.length;
  const good = log.checkpoint(size);
  const body = formatCheckpoint({ origin: VECTOR_LOG_ORIGIN, size, rootHash: log.root(size), extensions: [] });
  const signedBody = (text: string, key = atc): string =>
    formatNote({ body: text, signatures: [signNote(text, VECTOR_LOG_ORIGIN, key.privateKey)] });
  add('valid checkpoint', good, 'valid', size);
  add('valid checkpoint of a smaller tree', log.checkpoint(6), 'valid', 6);
  const witness = cosignCheckpoint(body, witnessKeyName('BY'), fixtureKey('BY').privateKey, FIXTURE_TIME / 1000);
  add('valid checkpoint with a witness cosignature', addSignatures(good, [witness]), 'valid', size);
  add(
    "signed by a member's key under the log's name",
    signedBody(body, fixtureKey('KZ')),
    ErrorCode.NOTE_SIGNATURE_INVALID,
  );
  add(
    'size line altered after signing',
    good.replace(`\n${size}\n`, `\n${size + 1}\n`),
    ErrorCode.NOTE_SIGNATURE_INVALID,
  );
  add(
    'signed only under another key name',
    formatNote({ body, signatures: [signNote(body, 'atc-exchange/OTHER', atc.privateKey)] }),
    ErrorCode.NOTE_SIGNATURE_INVALID,
  );
  add(
    'checkpoint of another origin',
    signedBody(body.replace(VECTOR_LOG_ORIGIN, 'atc-exchange/OTHER')),
    ErrorCode.CHECKPOINT_INVALID,
  );
  const rootLine = b64(log.root(size));
  add(
    'root hash of 31 bytes',
    signedBody(body.replace(rootLine, b64(log.root(size).subarray(0, 31)))),
    ErrorCode.CHECKPOINT_INVALID,
  );
  add(
    'size with a leading zero',
    signedBody(body.replace(`\n${size}\n`, `\n0${size}\n`)),
    ErrorCode.CHECKPOINT_INVALID,
  );
  add('carriage returns in line ends', good.replaceAll('\n', '\r\n'), ErrorCode.CHECKPOINT_INVALID);
  add('no signature lines', `${body}\n`, ErrorCode.CHECKPOINT_INVALID);
  return vectors;
}

/** Inclusion and consistency proof vectors over `log`. */
export function buildProofVectors(log: MemoryLog): ProofVectors {
  const leaf = (i: number): string => Buffer.from(log.leaves[i]!).toString('hex');
  const inclusion: InclusionVector[] = [];
  const inc = (name: string, v: Omit<InclusionVector, 'name' | 'expect'>, valid: boolean): void => {
    inclusion.push({ name, ...v, expect: valid ? 'valid' : ErrorCode.INCLUSION_PROOF_INVALID });
  };
  for (const [index, size] of [
    [0, 1],
    [5, 6],
    [5, 13],
    [0, 13],
    [12, 13],
    [7, 8],
  ] as const) {
    const proof = log.inclusion(index, size).map(b64);
    inc(
      `leaf ${index} in a tree of ${size}`,
      { leaf_hex: leaf(index), leaf_index: index, tree_size: size, proof, root_hash: b64(log.root(size)) },
      true,
    );
  }
  const base = { leaf_hex: leaf(5), leaf_index: 5, tree_size: 13, root_hash: b64(log.root(13)) };
  const proof = log.inclusion(5, 13);
  inc('proof for another leaf index', { ...base, leaf_index: 4, proof: proof.map(b64) }, false);
  inc('data of another leaf', { ...base, leaf_hex: leaf(4), proof: proof.map(b64) }, false);
  inc('a proof hash altered', { ...base, proof: [proof[0]!, flip(proof[1]!), ...proof.slice(2)].map(b64) }, false);
  inc('an extra hash appended', { ...base, proof: [...proof, proof[0]!].map(b64) }, false);
  inc('the last hash missing', { ...base, proof: proof.slice(0, -1).map(b64) }, false);
  inc('root of another tree size', { ...base, root_hash: b64(log.root(12)), proof: proof.map(b64) }, false);
  inc('leaf index equal to the tree size', { ...base, leaf_index: 13, proof: proof.map(b64) }, false);

  const consistency: ConsistencyVector[] = [];
  const con = (name: string, v: Omit<ConsistencyVector, 'name' | 'expect'>, valid: boolean): void => {
    consistency.push({ name, ...v, expect: valid ? 'valid' : ErrorCode.LOG_INCONSISTENT });
  };
  const roots = (size1: number, size2: number) => ({
    size1,
    size2,
    root1: b64(log.root(size1)),
    root2: b64(log.root(size2)),
  });
  for (const [size1, size2] of [
    [1, 13],
    [4, 13],
    [6, 13],
    [8, 13],
    [5, 8],
  ] as const) {
    con(
      `tree of ${size1} extended to ${size2}`,
      { ...roots(size1, size2), proof: log.consistency(size1, size2).map(b64) },
      true,
    );
  }
  con('equal sizes and roots, empty proof', { ...roots(13, 13), proof: [] }, true);
  const c = log.consistency(6, 13);
  con('a proof hash altered', { ...roots(6, 13), proof: [flip(c[0]!), ...c.slice(1)].map(b64) }, false);
  con(
    'roots swapped',
    { ...roots(6, 13), root1: b64(log.root(13)), root2: b64(log.root(6)), proof: c.map(b64) },
    false,
  );
  con('first root of another size', { ...roots(6, 13), root1: b64(log.root(7)), proof: c.map(b64) }, false);
  con('the last hash missing', { ...roots(6, 13), proof: c.slice(0, -1).map(b64) }, false);
  con('first size 0 (vouches for nothing)', { ...roots(0, 13), proof: [] }, false);
  con('first size larger than the second', { ...roots(13, 6), proof: c.map(b64) }, false);
  return { inclusion, consistency };
}

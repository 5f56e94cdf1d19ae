import {
  AtcError,
  consistencyProofPlan,
  ErrorCode,
  formatSignatureLine,
  inclusionProofPlan,
  leafHash,
  MerkleFrontier,
  nodeKey,
  planNodes,
  resolvePlan,
  rootPlan,
  foldRange,
  signCheckpoint,
  EMPTY_TREE_ROOT,
  type NodeId,
  type NoteSignature,
  type ProofPlan,
} from '@atc/shared';
import type { KeyObject } from 'node:crypto';
import type { Db } from './open-database.js';

/** Who signs the log's checkpoints: the origin line (also the note key name) and the gateway key. */
export interface LogSigner {
  readonly origin: string;
  readonly privateKey: KeyObject;
}

/** What one append inside a commit produced. */
export interface LogAppend {
  /** Leaf index of the first appended envelope. */
  readonly firstIndex: number;
  /** Tree size after the append. */
  readonly size: number;
  /** The signed checkpoint of that size (full note text). */
  readonly checkpoint: string;
  /** RFC 9162 inclusion proof of leaf `index` (one of the appended ones) in the new tree. */
  proof(index: number): Buffer[];
}

/** A stored checkpoint with the cosignature lines the witnesses returned. */
export interface StoredCheckpoint {
  readonly size: number;
  readonly rootHash: Buffer;
  /** The gateway-signed note. */
  readonly note: string;
  readonly createdAt: number;
  /** The note with every witness cosignature appended (C2SP tlog-cosignature). */
  readonly cosigned: string;
  readonly witnesses: readonly string[];
}

/** One log entry: its leaf hash and, unless erased or not an archived envelope, the bytes. */
export interface LogEntry {
  readonly index: number;
  readonly leafHash: Buffer;
  readonly messageId: string | null;
  readonly envelope: Buffer | null;
  readonly payloadErased: boolean;
}

/** Largest range `GET /v1/log/entries` returns at once. */
export const MAX_ENTRIES_PER_READ = 1_000;

/**
 * The archive's Merkle log on SQLite (RFC 9162 section 2): every perfect subtree is stored
 * in `log_nodes`, so a proof takes O(log n) point reads; the right edge of the tree is kept
 * in memory and re-read whenever another writer (a second process) moved the tree on.
 * Appends run inside the caller's transaction (the group commit), and each signs one
 * checkpoint.
 */
export class MerkleLog {
  private frontier: MerkleFrontier | undefined;
  private readonly s;

  constructor(
    private readonly db: Db,
    private readonly signer: LogSigner,
    private readonly clock: () => number = Date.now,
  ) {
    this.s = {
      size: db.prepare<[], { value: number }>("SELECT value FROM gateway_state WHERE key = 'log_size'"),
      setSize: db.prepare("UPDATE gateway_state SET value = ? WHERE key = 'log_size'"),
      node: db.prepare<[number, number], { hash: Buffer }>('SELECT hash FROM log_nodes WHERE level = ? AND idx = ?'),
      insertNode: db.prepare('INSERT INTO log_nodes (level, idx, hash) VALUES (?, ?, ?)'),
      insertCheckpoint: db.prepare(
        'INSERT INTO checkpoints (tree_size, root_hash, note, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (tree_size) DO NOTHING',
      ),
      latest: db.prepare<[], CheckpointDbRow>('SELECT * FROM checkpoints ORDER BY tree_size DESC LIMIT 1'),
      checkpointAt: db.prepare<[number], CheckpointDbRow>('SELECT * FROM checkpoints WHERE tree_size = ?'),
      allCheckpoints: db.prepare<[number, number], CheckpointDbRow>(
        'SELECT * FROM checkpoints WHERE tree_size > ? ORDER BY tree_size LIMIT ?',
      ),
      cosignaturesAt: db.prepare<[number], { witness: string; line: string }>(
        'SELECT witness, line FROM cosignatures WHERE tree_size = ? ORDER BY witness',
      ),
      upsertCosignature: db.prepare(
        `INSERT INTO cosignatures (tree_size, witness, line, signed_at, received_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (tree_size, witness) DO UPDATE SET line = excluded.line, signed_at = excluded.signed_at,
           received_at = excluded.received_at`,
      ),
      entries: db.prepare<[number, number], { idx: number; hash: Buffer }>(
        'SELECT idx, hash FROM log_nodes WHERE level = 0 AND idx >= ? AND idx < ? ORDER BY idx',
      ),
      messagesAt: db.prepare<
        [number, number],
        { leaf_index: number; message_id: string; envelope: Buffer; erased: number }
      >(
        `SELECT leaf_index, message_id, envelope, payload_erased_at IS NOT NULL AS erased FROM messages
         WHERE leaf_index >= ? AND leaf_index < ?`,
      ),
    };
  }

  /** The current tree size, read from the database. */
  size(): number {
    return this.s.size.get()?.value ?? 0;
  }

  /**
   * Appends the envelopes as leaves, stores the completed subtrees and signs a checkpoint.
   * Must run inside the caller's write transaction, which makes it atomic with the rows it
   * belongs to and serialises it with every other writer.
   */
  appendWithinTransaction(envelopes: readonly Uint8Array[]): LogAppend | undefined {
    if (envelopes.length === 0) return undefined;
    const before = this.current();
    const after = before.clone();
    // Every perfect subtree a proof of a new leaf needs is either completed by this append
    // or is a node of the old frontier.
    const known = new Map<string, Buffer>();
    const edge = before.nodes();
    MerkleFrontier.frontierIds(before.size).forEach((id, i) => known.set(nodeKey(id), edge[i]!));
    const firstIndex = before.size;
    for (const bytes of envelopes) {
      for (const { id, hash } of after.append(leafHash(bytes))) {
        this.s.insertNode.run(id.level, id.index, hash);
        known.set(nodeKey(id), hash);
      }
    }
    const size = after.size;
    const root = after.root();
    const checkpoint = signCheckpoint(
      { origin: this.signer.origin, size, rootHash: root, extensions: [] },
      this.signer.origin,
      this.signer.privateKey,
    );
    this.s.insertCheckpoint.run(size, root, checkpoint, this.clock());
    this.s.setSize.run(size);
    this.frontier = after;
    return {
      firstIndex,
      size,
      checkpoint,
      proof: (index) => resolvePlan(inclusionProofPlan(index, size), (id) => known.get(nodeKey(id))),
    };
  }

  /** Forgets the in-memory right edge (after a failed transaction). */
  reset(): void {
    this.frontier = undefined;
  }

  /** The root hash of the tree at `size` (any size up to the current one). */
  rootAt(size: number): Buffer {
    this.checkSize(size);
    return size === 0 ? Buffer.from(EMPTY_TREE_ROOT) : foldRange(this.nodesOf(rootPlan(size)));
  }

  /** Inclusion proof of leaf `index` in the tree of `size` leaves. */
  inclusionProof(index: number, size: number): Buffer[] {
    this.checkSize(size);
    return this.resolve(inclusionProofPlan(index, size));
  }

  /** Consistency proof between the trees of `first` and `second` leaves. */
  consistencyProof(first: number, second: number): Buffer[] {
    this.checkSize(second);
    return this.resolve(consistencyProofPlan(first, second));
  }

  /** The newest checkpoint with its cosignatures, or `undefined` while the log is empty. */
  latestCheckpoint(): StoredCheckpoint | undefined {
    const row = this.s.latest.get();
    return row === undefined ? undefined : this.withCosignatures(row);
  }

  /** The checkpoint of exactly `size` leaves, if one was signed. */
  checkpointAt(size: number): StoredCheckpoint | undefined {
    const row = this.s.checkpointAt.get(size);
    return row === undefined ? undefined : this.withCosignatures(row);
  }

  /** Stored checkpoints with a size above `after`, oldest first. */
  checkpointsAfter(after: number, limit: number): StoredCheckpoint[] {
    return this.s.allCheckpoints.all(after, limit).map((r) => this.withCosignatures(r));
  }

  /** Keeps a witness's cosignature (already verified by the caller) of checkpoint `size`. */
  addCosignature(size: number, witness: string, signature: NoteSignature, signedAt: number): void {
    this.s.upsertCosignature.run(size, witness, formatSignatureLine(signature), signedAt, this.clock());
  }

  /** Leaf hashes and, where retained, envelope bytes of entries [start, end). */
  entries(start: number, end: number): LogEntry[] {
    const size = this.size();
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end <= start || end > size) {
      throw new AtcError(
        ErrorCode.LOG_RANGE,
        `entries [${start}, ${end}) are outside the log of ${size} entries; ask for 0 <= start < end <= ${size}.`,
      );
    }
    const last = Math.min(end, start + MAX_ENTRIES_PER_READ);
    const messages = new Map(this.s.messagesAt.all(start, last).map((m) => [m.leaf_index, m]));
    return this.s.entries.all(start, last).map((n) => {
      const m = messages.get(n.idx);
      return {
        index: n.idx,
        leafHash: n.hash,
        messageId: m?.message_id ?? null,
        envelope: m === undefined || m.erased === 1 ? null : m.envelope,
        payloadErased: m?.erased === 1,
      };
    });
  }

  private withCosignatures(row: CheckpointDbRow): StoredCheckpoint {
    const cosigs = this.s.cosignaturesAt.all(row.tree_size);
    const cosigned = cosigs.length === 0 ? row.note : `${row.note}${cosigs.map((c) => `${c.line}\n`).join('')}`;
    return {
      size: row.tree_size,
      rootHash: row.root_hash,
      note: row.note,
      createdAt: row.created_at,
      cosigned,
      witnesses: cosigs.map((c) => c.witness),
    };
  }

  /** The frontier of the stored tree: the cached one unless another writer moved the tree. */
  private current(): MerkleFrontier {
    const size = this.size();
    if (this.frontier?.size === size) return this.frontier;
    const ids = MerkleFrontier.frontierIds(size);
    this.frontier = new MerkleFrontier(size, this.nodesOf(ids));
    return this.frontier;
  }

  private nodesOf(ids: readonly NodeId[]): Buffer[] {
    return ids.map((id) => {
      const row = this.s.node.get(id.level, id.index);
      if (row === undefined) {
        throw new AtcError(ErrorCode.LOG_NODE_MISSING, `log node ${nodeKey(id)} is missing from the archive`);
      }
      return row.hash;
    });
  }

  private resolve(plan: ProofPlan): Buffer[] {
    const ids = planNodes(plan);
    const hashes = this.nodesOf(ids);
    const found = new Map(ids.map((id, i) => [nodeKey(id), hashes[i]!]));
    return resolvePlan(plan, (id) => found.get(nodeKey(id)));
  }

  private checkSize(size: number): void {
    const current = this.size();
    if (!Number.isSafeInteger(size) || size < 0 || size > current) {
      throw new AtcError(
        ErrorCode.LOG_RANGE,
        `tree size ${size} is outside the log, which holds ${current} entries; ask for a size from 0 to ${current}.`,
      );
    }
  }
}

interface CheckpointDbRow {
  tree_size: number;
  root_hash: Buffer;
  note: string;
  created_at: number;
}

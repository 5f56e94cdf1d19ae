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
import { insertRows } from '../db/insert-rows.js';
import type { SqlDb } from '../db/sql-db.js';

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

/** A witness's cosignature of a checkpoint, as kept: the line, the time it states and when it arrived (Unix ms). */
export interface KeptCosignature {
  readonly witness: string;
  readonly line: string;
  readonly signedAt: number;
  readonly receivedAt: number;
}

/** A checkpoint as listed: the gateway-signed note and each witness's cosignature. */
export interface ListedCheckpoint {
  readonly size: number;
  readonly rootHash: Buffer;
  readonly note: string;
  readonly createdAt: number;
  readonly cosignatures: readonly KeptCosignature[];
}

/** One log entry: its leaf hash and, unless erased or not an archived envelope, the bytes. */
export interface LogEntry {
  readonly index: number;
  readonly leafHash: Buffer;
  readonly messageId: string | null;
  readonly envelope: Buffer | null;
  readonly payloadErased: boolean;
}

/** How far the clock may read behind the newest checkpoint before it is reported (ms). */
export const CLOCK_BEHIND_REPORT_MS = 1_000;

/** Largest range `GET /v1/log/entries` returns at once. */
export const MAX_ENTRIES_PER_READ = 1_000;

const SQL = {
  size: "SELECT value FROM gateway_state WHERE key = 'log_size'",
  setSize: "UPDATE gateway_state SET value = ? WHERE key = 'log_size'",
  node: 'SELECT hash FROM log_nodes WHERE level = ? AND idx = ?',
  insertCheckpoint:
    'INSERT INTO checkpoints (tree_size, root_hash, note, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (tree_size) DO NOTHING',
  latest: 'SELECT * FROM checkpoints ORDER BY tree_size DESC LIMIT 1',
  latestCreatedAt: 'SELECT created_at FROM checkpoints ORDER BY tree_size DESC LIMIT 1',
  checkpointAt: 'SELECT * FROM checkpoints WHERE tree_size = ?',
  checkpointsAfter: 'SELECT * FROM checkpoints WHERE tree_size > ? ORDER BY tree_size LIMIT ?',
  cosignaturesAt: 'SELECT witness, line FROM cosignatures WHERE tree_size = ? ORDER BY witness',
  newestBelow: 'SELECT * FROM checkpoints WHERE tree_size < ? ORDER BY tree_size DESC LIMIT ?',
  cosignaturesBetween: `SELECT tree_size, witness, line, signed_at, received_at FROM cosignatures
    WHERE tree_size >= ? AND tree_size <= ? ORDER BY tree_size, witness`,
  upsertCosignature: `INSERT INTO cosignatures (tree_size, witness, line, signed_at, received_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (tree_size, witness) DO UPDATE SET line = excluded.line, signed_at = excluded.signed_at,
      received_at = excluded.received_at`,
  entries: 'SELECT idx, hash FROM log_nodes WHERE level = 0 AND idx >= ? AND idx < ? ORDER BY idx',
  messagesAt: `SELECT leaf_index, message_id, envelope, CASE WHEN payload_erased_at IS NULL THEN 0 ELSE 1 END AS erased
    FROM messages WHERE leaf_index >= ? AND leaf_index < ?`,
} as const;

/**
 * The archive's Merkle log (RFC 9162 section 2) on SQLite or PostgreSQL: every perfect
 * subtree is stored in `log_nodes`, so a proof takes O(log n) point reads; the right edge
 * of the tree is kept in memory and re-read whenever another writer (a second process or
 * gateway replica) moved the tree on. Appends run inside the caller's write transaction
 * (the group commit), which holds the archive's write lock, and each signs one checkpoint.
 */
export class MerkleLog {
  private frontier: MerkleFrontier | undefined;

  /** True while checkpoints are dated after the clock (it went back): reported once per episode. */
  private clockBehind = false;

  /**
   * @param onClockBehind told when the clock first reads earlier than the newest checkpoint's
   *   time (`behindMs` > 0; new checkpoints are then dated 1 ms after the last), and again with
   *   0 once it has caught up.
   */
  constructor(
    private readonly db: SqlDb,
    private readonly signer: LogSigner,
    private readonly clock: () => number = Date.now,
    private readonly onClockBehind?: (behindMs: number, lastCheckpointAt: number) => void,
  ) {}

  /** The current tree size, read from the database. */
  async size(): Promise<number> {
    return (await this.db.get<{ value: number }>(SQL.size))?.value ?? 0;
  }

  /**
   * Appends the envelopes as leaves, stores the completed subtrees and signs a checkpoint.
   * Must run inside the caller's write transaction, which makes it atomic with the rows it
   * belongs to and serialises it with every other writer.
   */
  async appendWithinTransaction(envelopes: readonly Uint8Array[]): Promise<LogAppend | undefined> {
    if (envelopes.length === 0) return undefined;
    if (!this.db.inTransaction()) throw new Error('MerkleLog.appendWithinTransaction needs a write transaction');
    const before = await this.current();
    const after = before.clone();
    // Every perfect subtree a proof of a new leaf needs is either completed by this append
    // or is a node of the old frontier.
    const known = new Map<string, Buffer>();
    const edge = before.nodes();
    MerkleFrontier.frontierIds(before.size).forEach((id, i) => known.set(nodeKey(id), edge[i]!));
    const firstIndex = before.size;
    const completed: [number, number, Buffer][] = [];
    for (const bytes of envelopes) {
      for (const { id, hash } of after.append(leafHash(bytes))) {
        completed.push([id.level, id.index, hash]);
        known.set(nodeKey(id), hash);
      }
    }
    await insertRows(this.db, 'log_nodes', ['level', 'idx', 'hash'], completed);
    const size = after.size;
    const root = after.root();
    const checkpoint = signCheckpoint(
      { origin: this.signer.origin, size, rootHash: root, extensions: [] },
      this.signer.origin,
      this.signer.privateKey,
    );
    await this.db.run(SQL.insertCheckpoint, [size, root, checkpoint, await this.checkpointTime()]);
    await this.db.run(SQL.setSize, [size]);
    this.frontier = after;
    return {
      firstIndex,
      size,
      checkpoint,
      proof: (index) => resolvePlan(inclusionProofPlan(index, size), (id) => known.get(nodeKey(id))),
    };
  }

  /**
   * The time of a new checkpoint: the clock, but never earlier than the newest checkpoint (plus
   * 1 ms), so that checkpoint times only go forward in tree order even when a replica's clock
   * is behind another's or stepped back (a verifier may rely on that order).
   */
  private async checkpointTime(): Promise<number> {
    const now = this.clock();
    const last = (await this.db.get<{ created_at: number }>(SQL.latestCreatedAt))?.created_at;
    const at = last === undefined || now > last ? now : last + 1;
    // Commits in one millisecond, or replicas a few ms apart, are moved on quietly; a clock
    // behind by more than that is reported, once, and again once it has caught up.
    const behindMs = last === undefined ? 0 : last - now;
    if (behindMs > CLOCK_BEHIND_REPORT_MS && !this.clockBehind) {
      this.clockBehind = true;
      this.onClockBehind?.(behindMs, last!);
    } else if (behindMs < 0 && this.clockBehind) {
      this.clockBehind = false;
      this.onClockBehind?.(0, last!);
    }
    return at;
  }

  /** Forgets the in-memory right edge (after a failed transaction). */
  reset(): void {
    this.frontier = undefined;
  }

  /** The root hash of the tree at `size` (any size up to the current one). */
  async rootAt(size: number): Promise<Buffer> {
    await this.checkSize(size);
    return size === 0 ? Buffer.from(EMPTY_TREE_ROOT) : foldRange(await this.nodesOf(rootPlan(size)));
  }

  /** Inclusion proof of leaf `index` in the tree of `size` leaves. */
  async inclusionProof(index: number, size: number): Promise<Buffer[]> {
    await this.checkSize(size);
    return this.resolve(inclusionProofPlan(index, size));
  }

  /** Consistency proof between the trees of `first` and `second` leaves. */
  async consistencyProof(first: number, second: number): Promise<Buffer[]> {
    await this.checkSize(second);
    return this.resolve(consistencyProofPlan(first, second));
  }

  /** The newest checkpoint with its cosignatures, or `undefined` while the log is empty. */
  async latestCheckpoint(): Promise<StoredCheckpoint | undefined> {
    const row = await this.db.get<CheckpointDbRow>(SQL.latest);
    return row === undefined ? undefined : this.withCosignatures(row);
  }

  /** The checkpoint of exactly `size` leaves, if one was signed and is kept (see CheckpointPruner). */
  async checkpointAt(size: number): Promise<StoredCheckpoint | undefined> {
    const row = await this.db.get<CheckpointDbRow>(SQL.checkpointAt, [size]);
    return row === undefined ? undefined : this.withCosignatures(row);
  }

  /** Stored checkpoints with a size above `after`, oldest first. */
  async checkpointsAfter(after: number, limit: number): Promise<StoredCheckpoint[]> {
    const rows = await this.db.all<CheckpointDbRow>(SQL.checkpointsAfter, [after, limit]);
    const result: StoredCheckpoint[] = [];
    for (const r of rows) result.push(await this.withCosignatures(r));
    return result;
  }

  /**
   * Stored checkpoints below size `before` (all when undefined), newest first, at most
   * `limit`, each with every witness cosignature kept for it (two queries per page).
   */
  async checkpointsBelow(before: number | undefined, limit: number): Promise<ListedCheckpoint[]> {
    const rows = await this.db.all<CheckpointDbRow>(SQL.newestBelow, [before ?? Number.MAX_SAFE_INTEGER, limit]);
    if (rows.length === 0) return [];
    const cosigs = await this.db.all<{
      tree_size: number;
      witness: string;
      line: string;
      signed_at: number;
      received_at: number;
    }>(SQL.cosignaturesBetween, [rows.at(-1)!.tree_size, rows[0]!.tree_size]);
    const bySize = new Map<number, KeptCosignature[]>();
    for (const c of cosigs) {
      const kept = { witness: c.witness, line: c.line, signedAt: c.signed_at, receivedAt: c.received_at };
      bySize.set(c.tree_size, [...(bySize.get(c.tree_size) ?? []), kept]);
    }
    return rows.map((r) => ({
      size: r.tree_size,
      rootHash: r.root_hash,
      note: r.note,
      createdAt: r.created_at,
      cosignatures: bySize.get(r.tree_size) ?? [],
    }));
  }

  /** Keeps a witness's cosignature (already verified by the caller) of checkpoint `size`. */
  async addCosignature(size: number, witness: string, signature: NoteSignature, signedAt: number): Promise<void> {
    await this.db.run(SQL.upsertCosignature, [size, witness, formatSignatureLine(signature), signedAt, this.clock()]);
  }

  /** Leaf hashes and, where retained, envelope bytes of entries [start, end). */
  async entries(start: number, end: number): Promise<LogEntry[]> {
    const size = await this.size();
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end <= start || end > size) {
      throw new AtcError(
        ErrorCode.LOG_RANGE,
        `entries [${start}, ${end}) are outside the log of ${size} entries; ask for 0 <= start < end <= ${size}.`,
      );
    }
    const last = Math.min(end, start + MAX_ENTRIES_PER_READ);
    const rows = await this.db.all<{ leaf_index: number; message_id: string; envelope: Buffer; erased: number }>(
      SQL.messagesAt,
      [start, last],
    );
    const messages = new Map(rows.map((m) => [m.leaf_index, m]));
    const nodes = await this.db.all<{ idx: number; hash: Buffer }>(SQL.entries, [start, last]);
    return nodes.map((n) => {
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

  private async withCosignatures(row: CheckpointDbRow): Promise<StoredCheckpoint> {
    const cosigs = await this.db.all<{ witness: string; line: string }>(SQL.cosignaturesAt, [row.tree_size]);
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
  private async current(): Promise<MerkleFrontier> {
    const size = await this.size();
    if (this.frontier?.size === size) return this.frontier;
    const ids = MerkleFrontier.frontierIds(size);
    this.frontier = new MerkleFrontier(size, await this.nodesOf(ids));
    return this.frontier;
  }

  private async nodesOf(ids: readonly NodeId[]): Promise<Buffer[]> {
    const hashes: Buffer[] = [];
    for (const id of ids) {
      const row = await this.db.get<{ hash: Buffer }>(SQL.node, [id.level, id.index]);
      if (row === undefined) {
        throw new AtcError(ErrorCode.LOG_NODE_MISSING, `log node ${nodeKey(id)} is missing from the archive`);
      }
      hashes.push(row.hash);
    }
    return hashes;
  }

  private async resolve(plan: ProofPlan): Promise<Buffer[]> {
    const ids = planNodes(plan);
    const hashes = await this.nodesOf(ids);
    const found = new Map(ids.map((id, i) => [nodeKey(id), hashes[i]!]));
    return resolvePlan(plan, (id) => found.get(nodeKey(id)));
  }

  private async checkSize(size: number): Promise<void> {
    const current = await this.size();
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

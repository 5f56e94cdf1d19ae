import type { KeyObject } from 'node:crypto';
import { ErrorCode, leafHash, MerkleFrontier, PayloadType } from '@atc/shared';
import type { SqlDb } from '../db/sql-db.js';
import { keysAsArchived, readMemberKeys, type GatewayVerifyKey } from '../verify/archived-key-resolver.js';
import { checkArchivedEnvelope } from '../verify/check-archived-envelope.js';
import { envelopeSigner } from '../verify/envelope-signer.js';
import {
  loggedGatewayKeyTerms,
  olderKeyMaySign,
  olderKeysForEntry,
  openWithGatewayKeys,
} from '../verify/proven-gateway-keys.js';
import { readGatewayKeyEvents } from './gateway-key-rotation.js';

/** The first thing that does not hold, with where it is. */
export interface ArchiveDiscrepancy {
  /** Leaf index, or the checkpoint's tree size for `checkpoint` problems. */
  readonly leafIndex: number | null;
  readonly messageId: string | null;
  readonly what: string;
}

/** What `archive verify` found. */
export interface ArchiveVerification {
  readonly leaves: number;
  readonly erasedPayloads: number;
  readonly checkpoints: number;
  readonly keyEvents: number;
  /** `undefined` when everything holds. */
  readonly discrepancy: ArchiveDiscrepancy | undefined;
}

interface MessageDbRow {
  leaf_index: number | null;
  message_id: string;
  sender: string;
  payload_type: string;
  archived_at: number;
  envelope: Buffer;
  erased: number;
}

/**
 * Recomputes the whole log from the stored envelopes and checks everything the archive
 * claims (DESIGN.md section 5): leaves are contiguous from 0; each stored envelope hashes to
 * its stored leaf; its signature verifies with the sender's key as it was when the envelope
 * was archived (the gateway key for the gateway's own entries); every stored subtree node
 * equals the recomputed one; every checkpoint is signed by the gateway and its root equals
 * the recomputed root of its size. Stops at the first discrepancy.
 *
 * Everything is read from one snapshot of the database, so a gateway archiving meanwhile
 * neither disturbs the verification nor raises a false alarm: what it verifies is the archive
 * as of one commit (its log size is the `total` given to `onProgress`).
 */
export function verifyArchive(db: SqlDb, options: VerifyOptions): Promise<ArchiveVerification> {
  return db.transaction(() => verifySnapshot(db, options), { snapshot: true });
}

/** Settings of {@link verifyArchive}. */
export interface VerifyOptions {
  readonly gatewayId: string;
  readonly gatewayKey: KeyObject;
  readonly gatewayKid: string;
  readonly origin: string;
  readonly onProgress?: (done: number, total: number) => void;
}

async function verifySnapshot(db: SqlDb, options: VerifyOptions): Promise<ArchiveVerification> {
  const keys = new Map((await readMemberKeys(db)).map((k) => [k.kid, k]));
  // The gateway's earlier keys, from the rotations in the log that lead to the current one.
  // Each older key signs entries and checkpoints up to its rotation, and past it only what
  // was created before the grace the rotation declared (as a bundle's verifier holds).
  const gatewayKeys = loggedGatewayKeyTerms(await readGatewayKeyEvents(db, options.gatewayId), {
    kid: options.gatewayKid,
    publicKey: options.gatewayKey,
  });
  const gatewayAt = (index: number): GatewayVerifyKey => ({
    gatewayId: options.gatewayId,
    kid: options.gatewayKid,
    publicKey: options.gatewayKey,
    previous: olderKeysForEntry(gatewayKeys, index),
  });
  /** The last leaf's envelope: its signed created_at bounds an older key's checkpoint of that size. */
  let lastEnvelope: Uint8Array | undefined;
  const size = (await db.get<{ value: number }>("SELECT value FROM gateway_state WHERE key = 'log_size'"))?.value ?? 0;
  const checkpoints = await db.all<{ tree_size: number; root_hash: Buffer; note: string }>(
    'SELECT tree_size, root_hash, note FROM checkpoints ORDER BY tree_size',
  );
  const extra = (
    await db.get<{ n: number }>('SELECT count(*) AS n FROM log_nodes WHERE level = 0 AND idx >= ?', [size])
  )?.n;
  let erased = 0;
  let keyEvents = 0;
  const result = (discrepancy?: ArchiveDiscrepancy): ArchiveVerification => ({
    leaves: frontier.size,
    erasedPayloads: erased,
    checkpoints: checkpointIndex,
    keyEvents,
    discrepancy,
  });
  const frontier = new MerkleFrontier();
  let checkpointIndex = 0;

  const checkCheckpointsUpTo = (treeSize: number): ArchiveDiscrepancy | undefined => {
    while (checkpointIndex < checkpoints.length && checkpoints[checkpointIndex]!.tree_size <= treeSize) {
      const cp = checkpoints[checkpointIndex]!;
      if (cp.tree_size !== treeSize) {
        return { leafIndex: cp.tree_size, messageId: null, what: `checkpoint ${cp.tree_size} is beyond the leaves` };
      }
      // Signed by whichever gateway key was in force then.
      const opened = openWithGatewayKeys(cp.note, options.origin, gatewayKeys);
      if ('refusal' in opened) {
        return {
          leafIndex: cp.tree_size,
          messageId: null,
          what: `checkpoint ${cp.tree_size} is not validly signed by the gateway (${(opened.refusal as Error).message})`,
        };
      }
      // Only an older key's checkpoint needs the last entry's created_at: decoded then only.
      const lastCreatedAt =
        opened.term.rotatedAt === undefined || lastEnvelope === undefined
          ? undefined
          : envelopeSigner(lastEnvelope)?.createdAt;
      if (!olderKeyMaySign(opened.term, cp.tree_size, lastCreatedAt)) {
        return {
          leafIndex: cp.tree_size,
          messageId: null,
          what: `checkpoint ${cp.tree_size}: ${ErrorCode.GATEWAY_KEY_RETIRED}: it is signed by gateway key ${opened.term.kid}, which the rotation at leaf ${opened.term.rotatedAt ?? 0} replaced, and its last entry was not created within the grace the rotation declared`,
        };
      }
      const root = frontier.root();
      if (opened.checkpoint.size !== cp.tree_size || !opened.checkpoint.rootHash.equals(cp.root_hash)) {
        return {
          leafIndex: cp.tree_size,
          messageId: null,
          what: `checkpoint ${cp.tree_size}: its note and its row disagree`,
        };
      }
      if (!root.equals(cp.root_hash)) {
        return {
          leafIndex: cp.tree_size,
          messageId: null,
          what: `checkpoint ${cp.tree_size}: signed root ${cp.root_hash.toString('base64')} differs from the recomputed root ${root.toString('base64')}`,
        };
      }
      checkpointIndex++;
    }
    return undefined;
  };

  let problem = checkCheckpointsUpTo(0);
  if (problem !== undefined) return result(problem);
  for await (const { row, node } of logRows(db)) {
    const index = frontier.size;
    const at = { leafIndex: index, messageId: row.message_id };
    if (row.leaf_index === null)
      return result({ ...at, leafIndex: null, what: 'an archived envelope is not in the log' });
    if (row.leaf_index !== index) {
      return result({
        leafIndex: index,
        messageId: null,
        what: `leaf ${index} has no archived envelope (the next is leaf ${row.leaf_index})`,
      });
    }
    const stored = node(0, index);
    if (stored === undefined) return result({ ...at, what: 'the leaf hash is missing from the log' });
    if (row.erased === 1) erased++;
    else if (!leafHash(row.envelope).equals(stored)) {
      return result({ ...at, what: 'the stored envelope does not hash to its leaf (the bytes were changed)' });
    }
    const rowProblem = await checkArchivedEnvelope(
      row.envelope,
      row.erased === 1,
      keysAsArchived(keys, gatewayAt(index), row.archived_at),
      { messageId: row.message_id, sender: row.sender },
    );
    if (rowProblem !== undefined) return result({ ...at, what: rowProblem });
    lastEnvelope = row.envelope;
    // The gateway's other entries (review Notices) are not key events.
    if (row.sender === options.gatewayId && row.payload_type === PayloadType.KeyEvent) keyEvents++;
    for (const { id, hash } of frontier.append(stored)) {
      if (id.level === 0) continue;
      const kept = node(id.level, id.index);
      if (kept === undefined || !kept.equals(hash)) {
        return result({ ...at, what: `stored log node ${id.level}/${id.index} differs from the recomputed one` });
      }
    }
    problem = checkCheckpointsUpTo(frontier.size);
    if (problem !== undefined) return result(problem);
    if (frontier.size % 10_000 === 0) options.onProgress?.(frontier.size, size);
  }
  options.onProgress?.(frontier.size, size);
  if (frontier.size !== size) {
    return result({
      leafIndex: frontier.size,
      messageId: null,
      what: `the log records ${size} leaves but ${frontier.size} envelopes are archived`,
    });
  }
  if ((extra ?? 0) > 0) {
    return result({ leafIndex: size, messageId: null, what: `${extra} leaf hashes lie beyond the log size ${size}` });
  }
  if (checkpointIndex < checkpoints.length) {
    const cp = checkpoints[checkpointIndex]!;
    return result({
      leafIndex: cp.tree_size,
      messageId: null,
      what: `checkpoint ${cp.tree_size} is beyond the ${size} leaves`,
    });
  }
  return result();
}

/** Envelopes read per query. */
const PAGE = 1_000;

/**
 * The archived envelopes in leaf order, page by page, each with a lookup of the stored log
 * nodes its page completes (every node whose last leaf is in the page: a handful of range
 * reads per page instead of one read per node); then, if any, the first envelope that is not
 * in the log at all.
 */
async function* logRows(
  db: SqlDb,
): AsyncGenerator<{ row: MessageDbRow; node: (level: number, index: number) => Buffer | undefined }> {
  const columns = `leaf_index, message_id, sender, payload_type, archived_at, envelope,
    CASE WHEN payload_erased_at IS NULL THEN 0 ELSE 1 END AS erased`;
  let next = -1;
  for (;;) {
    const rows = await db.all<MessageDbRow>(
      `SELECT ${columns} FROM messages WHERE leaf_index > ? ORDER BY leaf_index LIMIT ?`,
      [next, PAGE],
    );
    if (rows.length === 0) break;
    const first = rows[0]!.leaf_index!;
    const last = rows[rows.length - 1]!.leaf_index!;
    const nodes = new Map<string, Buffer>();
    // Node (level, i) covers leaves [i * 2^level, (i + 1) * 2^level) and is completed by its last leaf.
    for (let level = 0; 2 ** level <= last + 1; level++) {
      const span = 2 ** level;
      const from = Math.ceil((first + 1) / span) - 1;
      const to = Math.floor((last + 1) / span) - 1;
      if (to < from) continue;
      for (const n of await db.all<{ idx: number; hash: Buffer }>(
        'SELECT idx, hash FROM log_nodes WHERE level = ? AND idx >= ? AND idx <= ?',
        [level, from, to],
      )) {
        nodes.set(`${level}/${n.idx}`, n.hash);
      }
    }
    const node = (level: number, index: number): Buffer | undefined => nodes.get(`${level}/${index}`);
    for (const row of rows) yield { row, node };
    next = last;
  }
  const outside = await db.get<MessageDbRow>(`SELECT ${columns} FROM messages WHERE leaf_index IS NULL LIMIT 1`);
  if (outside !== undefined) yield { row: outside, node: () => undefined };
}

import { AtcError, ErrorCode, openCheckpoint, type KeyPair } from '@atc/shared';
import { BUNDLE_FORMAT, type ArchiveBundle } from '../verify/archive-bundle.js';
import { readMemberKeys } from '../verify/archived-key-resolver.js';
import { envelopeSigner } from '../verify/envelope-signer.js';
import { olderKeyMaySign, openWithGatewayKeys, provenGatewayKeys } from '../verify/proven-gateway-keys.js';
import { gatewayRotationEntries } from './gateway-rotation-entries.js';
import type { MerkleLog, StoredCheckpoint } from './merkle-log.js';
import type { SqlDb } from '../db/sql-db.js';

/** Most entries one bundle holds (proofs make each entry a few KiB). */
export const MAX_BUNDLE_ENTRIES = 100_000;
/** Most earlier checkpoints a bundle carries. */
const MAX_EARLIER_CHECKPOINTS = 100;

const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');

/**
 * Builds the self-contained bundle of log entries [from, to) against the latest checkpoint
 * (see archive-bundle.ts). Entries are read from the archive; proofs from the stored tree;
 * the gateway key rotations that lead back from the current key travel with their proofs, so
 * that what older keys signed verifies with the current key alone.
 *
 * @throws AtcError LOG_RANGE when the range is empty, outside the checkpoint, or too large;
 *   GATEWAY_KEY_UNTRUSTED when no recent checkpoint is signed by the current gateway key.
 */
export async function exportBundle(
  db: SqlDb,
  log: MerkleLog,
  options: {
    readonly gatewayId: string;
    readonly origin: string;
    readonly gatewayKey: KeyPair;
    readonly from: number;
    readonly to?: number;
    readonly now: number;
  },
): Promise<ArchiveBundle> {
  const checkpoint = await latestSignedBy(log, options);
  const size = checkpoint.size;
  const { from } = options;
  const to = options.to ?? size;
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || to <= from || to > size) {
    throw new AtcError(
      ErrorCode.LOG_RANGE,
      `entries [${from}, ${to}) are not in the latest checkpoint of ${size} entries; give 0 <= --from < --to <= ${size}.`,
    );
  }
  if (to - from > MAX_BUNDLE_ENTRIES) {
    throw new AtcError(
      ErrorCode.LOG_RANGE,
      `a bundle holds at most ${MAX_BUNDLE_ENTRIES} entries; export the range in parts.`,
    );
  }
  const rows = await db.all<{
    leaf_index: number;
    message_id: string;
    envelope: Buffer;
    archived_at: number;
    erased: number;
  }>(
    `SELECT leaf_index, message_id, envelope, archived_at, CASE WHEN payload_erased_at IS NULL THEN 0 ELSE 1 END AS erased
     FROM messages WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index`,
    [from, to],
  );
  const leaves = await db.all<{ idx: number; hash: Buffer }>(
    'SELECT idx, hash FROM log_nodes WHERE level = 0 AND idx >= ? AND idx < ?',
    [from, to],
  );
  const leafOf = new Map(leaves.map((l) => [l.idx, l.hash]));
  const keys = await readMemberKeys(db);
  const gatewayRotations = await gatewayRotationEntries(db, log, {
    gatewayId: options.gatewayId,
    currentKid: options.gatewayKey.kid,
    size,
  });
  const gatewayKeys = (
    await provenGatewayKeys({
      rotations: gatewayRotations,
      gatewayId: options.gatewayId,
      trusted: options.gatewayKey,
      size,
      root: checkpoint.rootHash,
    })
  ).keys;
  const createdAt = new Map(rows.map((r) => [r.leaf_index, envelopeSigner(r.envelope)?.createdAt]));
  // An older key's checkpoint past its rotation is left out when the bundle cannot show it
  // within the rotation's grace (its last entry is outside the range).
  const placeable = (note: string, cpSize: number): boolean => {
    const opened = openWithGatewayKeys(note, options.origin, gatewayKeys);
    return !('term' in opened) || olderKeyMaySign(opened.term, cpSize, createdAt.get(cpSize - 1));
  };
  const earlier = (await log.checkpointsAfter(Math.max(0, from - 1), MAX_EARLIER_CHECKPOINTS * 2))
    .filter((c) => c.size < size && placeable(c.note, c.size))
    .slice(0, MAX_EARLIER_CHECKPOINTS);
  const entries = [];
  for (const r of rows) {
    entries.push({
      index: r.leaf_index,
      leafHash: b64(leafOf.get(r.leaf_index) ?? Buffer.alloc(0)),
      envelope: b64(r.envelope),
      payloadErased: r.erased === 1,
      messageId: r.message_id,
      archivedAt: r.archived_at,
      inclusionProof: (await log.inclusionProof(r.leaf_index, size)).map(b64),
    });
  }
  const earlierCheckpoints = [];
  for (const c of earlier) {
    earlierCheckpoints.push({ note: c.note, consistencyProof: (await log.consistencyProof(c.size, size)).map(b64) });
  }
  const { x, kid } = options.gatewayKey.publicJwk;
  return {
    format: BUNDLE_FORMAT,
    exportedAt: new Date(options.now).toISOString(),
    gatewayId: options.gatewayId,
    origin: options.origin,
    gatewayKey: { kty: 'OKP', crv: 'Ed25519', x, kid: kid ?? options.gatewayKey.kid },
    checkpoint: checkpoint.cosigned,
    from,
    to,
    keys,
    entries,
    earlierCheckpoints,
    gatewayRotations,
  };
}

/** Checkpoints looked through for one the current key signed (a replica not yet restarted signs with the old key). */
const SIGNED_BY_SEARCH = 1_000;

/**
 * The latest checkpoint signed by `gatewayKey`: after a rotation, until every replica runs on
 * the new key, the very latest may be the old key's, which a verifier trusting the new key
 * cannot anchor a bundle on.
 */
async function latestSignedBy(
  log: MerkleLog,
  options: { readonly origin: string; readonly gatewayKey: KeyPair },
): Promise<StoredCheckpoint> {
  const latest = await log.latestCheckpoint();
  if (latest === undefined)
    throw new AtcError(ErrorCode.LOG_RANGE, 'the log is empty: there is nothing to export yet.');
  const signedByKey = (note: string): boolean => {
    try {
      openCheckpoint(note, { name: options.origin, publicKey: options.gatewayKey.publicKey }, options.origin);
      return true;
    } catch {
      return false;
    }
  };
  if (signedByKey(latest.note)) return latest;
  const found = (await log.checkpointsBelow(latest.size, SIGNED_BY_SEARCH)).find((c) => signedByKey(c.note));
  const checkpoint = found === undefined ? undefined : await log.checkpointAt(found.size);
  if (checkpoint === undefined) {
    throw new AtcError(
      ErrorCode.GATEWAY_KEY_UNTRUSTED,
      `no recent checkpoint is signed by the gateway key ${options.gatewayKey.kid} of the key file: after "keys rotate-gateway", restart the gateway on the new key and export once it has signed a checkpoint.`,
    );
  }
  return checkpoint;
}

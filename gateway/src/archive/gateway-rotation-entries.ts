import type { SqlDb } from '../db/sql-db.js';
import type { BundleRotationEntry } from '../verify/archive-bundle.js';
import { gatewayKeyLinks } from '../verify/gateway-key-chain.js';
import { readGatewayKeyEvents } from './gateway-key-rotation.js';
import type { MerkleLog } from './merkle-log.js';

const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');

/**
 * The log entries of the rotations that lead from the gateway key `currentKid` back to each
 * older one, newest first, two per rotation (the successor's REGISTERED entry, then the
 * older key's REVOKED one), each with its inclusion proof in the tree of `size` entries:
 * what lets a verifier who trusts only `currentKid` accept what an older key signed.
 * Rotations after `size` are left out.
 */
export async function gatewayRotationEntries(
  db: SqlDb,
  log: MerkleLog,
  options: { readonly gatewayId: string; readonly currentKid: string; readonly size: number },
): Promise<BundleRotationEntry[]> {
  const events = (await readGatewayKeyEvents(db, options.gatewayId)).filter((e) => e.leafIndex < options.size);
  const entries: BundleRotationEntry[] = [];
  for (const { registered, revoked } of gatewayKeyLinks(events, options.currentKid)) {
    for (const e of [registered, revoked]) {
      entries.push({
        index: e.leafIndex,
        envelope: b64(e.envelope),
        inclusionProof: (await log.inclusionProof(e.leafIndex, options.size)).map(b64),
      });
    }
  }
  return entries;
}

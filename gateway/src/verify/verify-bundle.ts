import type { KeyObject } from 'node:crypto';
import { leafHash, openCheckpoint, publicKeyFromJwk, verifyConsistency, verifyInclusion } from '@atc/shared';
import { keysAsArchived } from './archived-key-resolver.js';
import { checkArchivedEnvelope } from './check-archived-envelope.js';
import type { ArchiveBundle, BundleEntry } from './archive-bundle.js';
import { bundleShapeProblem } from './bundle-shape.js';

/** The outcome of checking a bundle. */
export interface BundleReport {
  readonly ok: boolean;
  readonly origin: string | null;
  readonly treeSize: number | null;
  readonly entries: number;
  readonly erasedPayloads: number;
  readonly witnesses: readonly string[];
  /** Each problem found: where and what. */
  readonly problems: readonly string[];
}

const fromB64 = (s: string): Buffer => Buffer.from(s, 'base64');

/**
 * Checks an archive bundle offline: the checkpoint is signed by the bundle's gateway key;
 * every entry's envelope hashes to its leaf, its inclusion proof leads to the checkpoint's
 * root, and its signature verifies with the key valid when it was archived; every earlier
 * checkpoint is signed and consistent with the bundle's. Whoever runs it must compare the
 * gateway key (its kid) with the one they trust: the bundle cannot vouch for itself.
 */
export async function verifyBundle(
  value: unknown,
  onProgress?: (done: number, total: number) => void,
): Promise<BundleReport> {
  const problems: string[] = [];
  const fail = (problem: string, origin: string | null): BundleReport => ({
    ok: false,
    origin,
    treeSize: null,
    entries: 0,
    erasedPayloads: 0,
    witnesses: [],
    problems: [problem],
  });
  // The file is untrusted: its form is checked before any field is used.
  const shape = bundleShapeProblem(value);
  if (shape !== undefined) return fail(shape, null);
  const bundle = value as ArchiveBundle;
  let gatewayKey: KeyObject;
  try {
    gatewayKey = publicKeyFromJwk(bundle.gatewayKey);
  } catch (e) {
    return fail(`the gateway key is unusable: ${(e as Error).message}`, bundle.origin);
  }
  let size: number;
  let root: Buffer;
  let witnesses: string[] = [];
  try {
    const opened = openCheckpoint(bundle.checkpoint, { name: bundle.origin, publicKey: gatewayKey }, bundle.origin);
    size = opened.checkpoint.size;
    root = opened.checkpoint.rootHash;
    witnesses = opened.note.signatures.map((s) => s.name).filter((n) => n !== bundle.origin);
  } catch (e) {
    return fail(`checkpoint: ${(e as Error).message}`, bundle.origin);
  }
  const keys = new Map(bundle.keys.map((k) => [k.kid, k]));
  let erased = 0;
  let expected = bundle.from;
  const entries: readonly BundleEntry[] = bundle.entries;
  for (const [i, entry] of entries.entries()) {
    const where = `entry ${entry.index} (message ${entry.messageId})`;
    if (entry.index !== expected)
      problems.push(`${where}: expected entry ${expected} here; entries must be contiguous`);
    expected = entry.index + 1;
    const bytes = fromB64(entry.envelope);
    const leaf = fromB64(entry.leafHash);
    if (!entry.payloadErased && !leafHash(bytes).equals(leaf))
      problems.push(`${where}: the envelope does not hash to its leaf`);
    if (!verifyInclusion(entry.index, size, leaf, entry.inclusionProof.map(fromB64), root)) {
      problems.push(`${where}: the inclusion proof does not lead to the checkpoint's root`);
    }
    const resolver = keysAsArchived(
      keys,
      { gatewayId: bundle.gatewayId, kid: bundle.gatewayKey.kid, publicKey: gatewayKey },
      entry.archivedAt,
    );
    if (entry.payloadErased) erased++;
    const problem = await checkArchivedEnvelope(bytes, entry.payloadErased, resolver, { messageId: entry.messageId });
    if (problem !== undefined) problems.push(`${where}: ${problem}`);
    if ((i + 1) % 1000 === 0) onProgress?.(i + 1, bundle.entries.length);
  }
  if (expected !== bundle.to) problems.push(`the bundle claims entries up to ${bundle.to} but ends at ${expected}`);
  for (const earlier of bundle.earlierCheckpoints) {
    try {
      const cp = openCheckpoint(earlier.note, { name: bundle.origin, publicKey: gatewayKey }, bundle.origin).checkpoint;
      if (!verifyConsistency(cp.size, size, earlier.consistencyProof.map(fromB64), cp.rootHash, root)) {
        problems.push(
          `checkpoint ${cp.size}: not consistent with checkpoint ${size} (the log was rewritten or forked)`,
        );
      }
    } catch (e) {
      problems.push(`earlier checkpoint: ${(e as Error).message}`);
    }
  }
  onProgress?.(bundle.entries.length, bundle.entries.length);
  return {
    ok: problems.length === 0,
    origin: bundle.origin,
    treeSize: size,
    entries: bundle.entries.length,
    erasedPayloads: erased,
    witnesses,
    problems,
  };
}

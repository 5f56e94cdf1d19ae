import {
  ErrorCode,
  isAtcError,
  leafHash,
  openCheckpoint,
  publicKeyFromJwk,
  toPublicJwk,
  verifyConsistency,
  verifyInclusion,
  type KeyResolver,
} from '@atc/shared';
import { keysAsArchived } from './archived-key-resolver.js';
import { checkArchivedEnvelope } from './check-archived-envelope.js';
import type { ArchiveBundle, BundleCheckpoint, BundleEntry, BundleKey } from './archive-bundle.js';
import { bundleShapeProblem } from './bundle-shape.js';
import { envelopeSigner } from './envelope-signer.js';
import type { GatewayKeyRecord } from './gateway-key-chain.js';
import {
  olderKeyMaySign,
  olderKeysForEntry,
  openWithGatewayKeys,
  provenGatewayKeys,
  type GatewayKeyTerm,
} from './proven-gateway-keys.js';

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

/** Settings of {@link verifyBundle}. */
export interface VerifyBundleOptions {
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * The gateway key the verifier trusts (its public JWK): the bundle's checkpoint must be
   * signed by it. Without it the bundle's own `gatewayKey` is the anchor, and whoever runs the
   * check must compare its kid with the one they trust.
   */
  readonly trustedGatewayKey?: unknown;
}

/**
 * Checks an archive bundle offline: the checkpoint is signed by the trusted gateway key (the
 * bundle's own unless one is given); every entry's envelope hashes to its leaf, its inclusion
 * proof leads to the checkpoint's root, and its signature verifies with the key valid when it
 * was archived; every earlier checkpoint is signed and consistent with the bundle's. What an
 * older gateway key signed holds only through the bundle's rotation entries, proven in the
 * checkpoint (see provenGatewayKeys), and only up to that key's rotation or within the grace
 * the rotation declared. Without a trusted key, whoever runs it must compare the gateway key
 * (its kid) with the one they trust: the bundle cannot vouch for itself.
 */
export async function verifyBundle(value: unknown, options: VerifyBundleOptions = {}): Promise<BundleReport> {
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
  let trusted: GatewayKeyRecord;
  try {
    const jwk = toPublicJwk(options.trustedGatewayKey ?? bundle.gatewayKey);
    trusted = { kid: jwk.kid ?? '', publicKey: publicKeyFromJwk(jwk) };
  } catch (e) {
    return fail(`the gateway key is unusable: ${(e as Error).message}`, bundle.origin);
  }
  let size: number;
  let root: Buffer;
  let witnesses: string[] = [];
  try {
    const opened = openCheckpoint(
      bundle.checkpoint,
      { name: bundle.origin, publicKey: trusted.publicKey },
      bundle.origin,
    );
    size = opened.checkpoint.size;
    root = opened.checkpoint.rootHash;
    witnesses = opened.note.signatures.map((s) => s.name).filter((n) => n !== bundle.origin);
  } catch (e) {
    if (options.trustedGatewayKey !== undefined && bundle.gatewayKey.kid !== trusted.kid) {
      return fail(
        `checkpoint: ${ErrorCode.GATEWAY_KEY_UNTRUSTED}: it is signed by gateway key ${bundle.gatewayKey.kid}, not by the trusted key ${trusted.kid}; export the bundle again from the gateway that holds the trusted key`,
        bundle.origin,
      );
    }
    return fail(`checkpoint: ${(e as Error).message}`, bundle.origin);
  }
  const proven = await provenGatewayKeys({
    rotations: bundle.gatewayRotations ?? [],
    gatewayId: bundle.gatewayId,
    trusted,
    size,
    root,
  });
  problems.push(...proven.problems);
  const gatewayKeys = proven.keys;
  const keys = new Map(bundle.keys.map((k) => [k.kid, k]));
  let erased = 0;
  let expected = bundle.from;
  const createdAt = new Map<number, number | undefined>();
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
    if (entry.payloadErased) erased++;
    const signer = envelopeSigner(bytes);
    createdAt.set(entry.index, signer?.createdAt);
    const problem =
      signer?.sender === bundle.gatewayId && !gatewayKeys.some((k) => k.kid === signer.kid) && !keys.has(signer.kid)
        ? `${ErrorCode.GATEWAY_ROTATION_UNPROVED}: it is signed by gateway key ${signer.kid}, which no proven rotation in the bundle leads back to from the trusted key ${trusted.kid}`
        : await checkArchivedEnvelope(bytes, entry.payloadErased, entryKeys(keys, bundle, gatewayKeys, entry), {
            messageId: entry.messageId,
          });
    if (problem !== undefined) problems.push(`${where}: ${problem}`);
    if ((i + 1) % 1000 === 0) options.onProgress?.(i + 1, bundle.entries.length);
  }
  if (expected !== bundle.to) problems.push(`the bundle claims entries up to ${bundle.to} but ends at ${expected}`);
  for (const [i, earlier] of bundle.earlierCheckpoints.entries()) {
    const problem = earlierCheckpointProblem(earlier, bundle.origin, gatewayKeys, size, root, createdAt);
    if (problem !== undefined)
      problems.push(problem.startsWith('checkpoint ') ? problem : `earlier checkpoint ${i}: ${problem}`);
  }
  options.onProgress?.(bundle.entries.length, bundle.entries.length);
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

/**
 * The keys an entry may be signed with: the members' as they stood when it was archived, the
 * trusted gateway key, and each older gateway key up to its rotation, or after it for what it
 * created before the grace ended (a superseded key's rule).
 */
function entryKeys(
  keys: ReadonlyMap<string, BundleKey>,
  bundle: ArchiveBundle,
  gatewayKeys: readonly GatewayKeyTerm[],
  entry: BundleEntry,
): KeyResolver {
  const current = gatewayKeys[0];
  const previous = olderKeysForEntry(gatewayKeys, entry.index);
  return keysAsArchived(
    keys,
    { gatewayId: bundle.gatewayId, kid: current!.kid, publicKey: current!.publicKey, previous },
    entry.archivedAt,
  );
}

/** What is wrong with an earlier checkpoint: its signature, the term of its key, or its consistency. */
function earlierCheckpointProblem(
  earlier: BundleCheckpoint,
  origin: string,
  gatewayKeys: readonly GatewayKeyTerm[],
  size: number,
  root: Buffer,
  createdAt: ReadonlyMap<number, number | undefined>,
): string | undefined {
  const opened = openWithGatewayKeys(earlier.note, origin, gatewayKeys);
  if (!('term' in opened)) {
    const { refusal } = opened;
    return isAtcError(refusal) && refusal.code === ErrorCode.NOTE_SIGNATURE_INVALID
      ? `${ErrorCode.GATEWAY_KEY_UNTRUSTED}: it is signed neither by the trusted gateway key nor by an older key that a proven rotation leads back to (${refusal.message})`
      : (refusal as Error).message;
  }
  const { term, checkpoint: cp } = opened;
  if (!olderKeyMaySign(term, cp.size, createdAt.get(cp.size - 1))) {
    return `checkpoint ${cp.size}: ${ErrorCode.GATEWAY_KEY_RETIRED}: it is signed by gateway key ${term.kid}, which the rotation at entry ${term.rotatedAt ?? 0} replaced, and the bundle does not show it within the grace the rotation declared`;
  }
  if (!verifyConsistency(cp.size, size, earlier.consistencyProof.map(fromB64), cp.rootHash, root)) {
    return `checkpoint ${cp.size}: not consistent with checkpoint ${size} (the log was rewritten or forked)`;
  }
  return undefined;
}

import type { KeyObject } from 'node:crypto';
import {
  ErrorCode,
  isRefusal,
  leafHash,
  openCheckpoint,
  publicKeyFromJwk,
  StaticKeyResolver,
  verifyEnvelope,
  verifyInclusion,
  type Checkpoint,
} from '@atc/shared';
import type { BundleRotationEntry } from './archive-bundle.js';
import {
  decodeGatewayKeyEvent,
  gatewayKeyLinks,
  type GatewayKeyEvent,
  type GatewayKeyLink,
  type GatewayKeyRecord,
} from './gateway-key-chain.js';

/** A gateway key a bundle's verifier accepts, and how far into the log. */
export interface GatewayKeyTerm extends GatewayKeyRecord {
  /**
   * Leaf index of the last entry of the rotation that replaced this key: it signs any entry
   * and any checkpoint up to there. `undefined` for the trusted key, which has no end.
   */
  readonly rotatedAt?: number;
  /** The end of the grace the rotation declared (Unix ms): what the key signed before then also holds. */
  readonly graceUntil?: number;
}

/** The gateway keys a bundle proves, newest (the trusted one) first, and what did not hold. */
export interface ProvenGatewayKeys {
  readonly keys: readonly GatewayKeyTerm[];
  readonly problems: readonly string[];
}

type LoggedEvent = GatewayKeyEvent & { readonly index: number };

const fromB64 = (s: string): Buffer => Buffer.from(s, 'base64');

/**
 * The gateway keys a verifier who trusts only `trusted` may accept in a bundle whose
 * checkpoint `trusted` signed (tree `size`, `root`): `trusted` itself, then each older key
 * that a rotation leads back to. An older key is accepted only when the checkpoint includes
 * (inclusion proof) both entries of the rotation that replaced it, the successor's REGISTERED
 * entry names the key the chain has reached, and both entries verify with the older key
 * itself (whose public half the REVOKED entry holds). The walk stops at the first rotation
 * that does not hold; a rotation entry off the chain is refused too, since it names a key the
 * trusted key does not lead to.
 */
export async function provenGatewayKeys(input: {
  readonly rotations: readonly BundleRotationEntry[];
  readonly gatewayId: string;
  readonly trusted: GatewayKeyRecord;
  readonly size: number;
  readonly root: Buffer;
}): Promise<ProvenGatewayKeys> {
  const problems: string[] = [];
  const events = provedEvents(input, problems);
  const keys: GatewayKeyTerm[] = [input.trusted];
  const used = new Set<LoggedEvent>();
  for (const link of gatewayKeyLinks(events, input.trusted.kid)) {
    used.add(link.registered).add(link.revoked);
    const older = await olderKey(link, keys[keys.length - 1]!, input.gatewayId);
    if (typeof older === 'string') {
      problems.push(older);
      break;
    }
    keys.push(older);
  }
  for (const e of events) {
    if (used.has(e)) continue;
    problems.push(
      `rotation entry ${e.index}: ${ErrorCode.GATEWAY_ROTATION_INVALID}: it names gateway key ${e.kid} (signed by ${e.signerKid}), which no rotation from the trusted key ${input.trusted.kid} reaches; a bundle carries only the rotations of the trusted key's chain`,
    );
  }
  return { keys, problems };
}

/** The rotation entries whose inclusion in the checkpoint holds, decoded; a problem for each other one. */
function provedEvents(
  input: {
    readonly rotations: readonly BundleRotationEntry[];
    readonly gatewayId: string;
    readonly size: number;
    readonly root: Buffer;
  },
  problems: string[],
): LoggedEvent[] {
  const events: LoggedEvent[] = [];
  for (const r of input.rotations) {
    const where = `rotation entry ${r.index}`;
    const bytes = fromB64(r.envelope);
    if (
      r.index >= input.size ||
      !verifyInclusion(r.index, input.size, leafHash(bytes), r.inclusionProof.map(fromB64), input.root)
    ) {
      problems.push(
        `${where}: ${ErrorCode.GATEWAY_ROTATION_UNPROVED}: its inclusion proof does not lead to the checkpoint's root, so the trusted key does not vouch for it; export the bundle again`,
      );
      continue;
    }
    let event: GatewayKeyEvent | undefined;
    try {
      event = decodeGatewayKeyEvent(bytes, input.gatewayId);
    } catch (e) {
      problems.push(
        `${where}: ${ErrorCode.GATEWAY_ROTATION_INVALID}: it cannot be read as a KeyEvent (${(e as Error).message})`,
      );
      continue;
    }
    if (event === undefined) {
      problems.push(
        `${where}: ${ErrorCode.GATEWAY_ROTATION_INVALID}: it is not a KeyEvent about the key of gateway ${input.gatewayId}`,
      );
      continue;
    }
    events.push({ ...event, index: r.index });
  }
  return events;
}

/** The key `link` hands over from, once both its entries verify with it; otherwise what is wrong. */
async function olderKey(
  link: GatewayKeyLink<LoggedEvent>,
  successor: GatewayKeyTerm,
  gatewayId: string,
): Promise<GatewayKeyTerm | string> {
  const { registered, revoked } = link;
  const invalid = (entry: LoggedEvent, what: string): string =>
    `rotation entry ${entry.index}: ${ErrorCode.GATEWAY_ROTATION_INVALID}: ${what}`;
  // toPublicJwk set each kid to the thumbprint of the key the entry holds.
  if (registered.publicJwk.kid !== successor.kid) {
    return invalid(
      registered,
      `it registers ${registered.kid} but holds the public key ${registered.publicJwk.kid ?? ''}`,
    );
  }
  if (revoked.publicJwk.kid !== revoked.kid) {
    return invalid(revoked, `it replaces ${revoked.kid} but holds the public key ${revoked.publicJwk.kid ?? ''}`);
  }
  const publicKey = publicKeyFromJwk(revoked.publicJwk);
  // Only the older key resolves: an entry signed by anything else is refused.
  const resolver = new StaticKeyResolver([{ kid: revoked.kid, owner: gatewayId, publicKey }]);
  for (const entry of [revoked, registered]) {
    try {
      await verifyEnvelope(entry.envelope, { resolver, maxBytes: Number.MAX_SAFE_INTEGER });
    } catch (e) {
      if (!isRefusal(e)) throw e;
      return invalid(entry, `it does not verify with the key it replaces, ${revoked.kid} (${e.code}: ${e.message})`);
    }
  }
  return {
    kid: revoked.kid,
    publicKey,
    rotatedAt: Math.max(registered.index, revoked.index),
    ...(revoked.revokedAt === undefined ? {} : { graceUntil: revoked.revokedAt }),
  };
}

/**
 * The gateway keys an archive's own rotations lead back to from `current`, newest first, each
 * older one with the end of its term (see {@link gatewayKeyLinks}). Keys outside that chain are
 * not returned, so that an entry claiming some other signer cannot make it a gateway key. The
 * entries' signatures are checked by whoever uses the terms (`archive verify` checks every
 * entry's, the rotation entries with the older key itself); the newest key is the anchor.
 */
export function loggedGatewayKeyTerms(
  events: readonly (GatewayKeyEvent & { readonly leafIndex: number })[],
  current: GatewayKeyRecord,
): GatewayKeyTerm[] {
  return [
    current,
    ...gatewayKeyLinks(events, current.kid).map(({ registered, revoked }) => ({
      kid: revoked.kid,
      publicKey: publicKeyFromJwk(revoked.publicJwk),
      rotatedAt: Math.max(registered.leafIndex, revoked.leafIndex),
      ...(revoked.revokedAt === undefined ? {} : { graceUntil: revoked.revokedAt }),
    })),
  ];
}

/**
 * The older gateway keys of `terms` (newest first, the trusted key first of all, left out)
 * that may have signed entry `index`: one up to its rotation's last entry without condition,
 * one past it only for envelopes created before its grace ended (`revokedAt`, as a superseded
 * key holds), none past it without a grace.
 */
export function olderKeysForEntry(
  terms: readonly GatewayKeyTerm[],
  index: number,
): { readonly kid: string; readonly publicKey: KeyObject; readonly revokedAt?: number }[] {
  return terms.slice(1).flatMap((k) => {
    if (k.rotatedAt === undefined || index <= k.rotatedAt) return [{ kid: k.kid, publicKey: k.publicKey }];
    return k.graceUntil === undefined ? [] : [{ kid: k.kid, publicKey: k.publicKey, revokedAt: k.graceUntil }];
  });
}

/**
 * Whether an older gateway key may have signed a checkpoint of `size` entries: one up to its
 * rotation's last entry, or one ending with an entry created before the grace ended
 * (`lastCreatedAt`: the signed created_at of entry size - 1, when the bundle holds it).
 */
export function olderKeyMaySign(term: GatewayKeyTerm, size: number, lastCreatedAt: number | undefined): boolean {
  if (term.rotatedAt === undefined || size <= term.rotatedAt + 1) return true;
  return term.graceUntil !== undefined && lastCreatedAt !== undefined && lastCreatedAt < term.graceUntil;
}

/** A checkpoint opened with one of the gateway keys, or why none opens it. */
export type OpenedByGatewayKey =
  { readonly term: GatewayKeyTerm; readonly checkpoint: Checkpoint } | { readonly refusal: unknown };

/** Opens a signed checkpoint with whichever of `keys` signed it (newest tried first). */
export function openWithGatewayKeys(note: string, origin: string, keys: readonly GatewayKeyTerm[]): OpenedByGatewayKey {
  let refusal: unknown;
  for (const term of keys) {
    try {
      return { term, checkpoint: openCheckpoint(note, { name: origin, publicKey: term.publicKey }, origin).checkpoint };
    } catch (e) {
      refusal ??= e;
    }
  }
  return { refusal };
}

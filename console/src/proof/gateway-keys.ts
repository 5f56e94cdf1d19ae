import { fromBase64, fromBase64Url, sameBytes, sha256, toBase64, utf8, type Bytes } from './bytes';
import { verifyCheckpoint, type PinnedLogKey, type VerifiedCheckpoint } from './checkpoint';
import { leafHash, verifyInclusion } from './merkle-proof';
import { ProofFailure, ProofReason } from './proof-failure';
import { bytesField, protobufFields, stringField, timestampField, varintField } from './protobuf-fields';

/** One rotation entry as GET /v1/log/gateway-rotations serves it. */
export interface RotationEntryJson {
  readonly index: number;
  /** Standard base64 of the archived KeyEvent envelope. */
  readonly envelope: string;
  readonly inclusionProof: readonly string[];
}

/** GET /v1/log/gateway-rotations: the rotation entries with proofs in the tree of `treeSize`. */
export interface GatewayRotationsJson {
  readonly treeSize: number;
  readonly entries: readonly RotationEntryJson[];
}

/** A gateway key the console accepts for checkpoints, and how far into the log. */
export interface LogKeyTerm {
  readonly key: PinnedLogKey;
  /** RFC 7638 thumbprint of the key. */
  readonly kid: string;
  /** Leaf index of the last entry of the rotation that replaced it; undefined for the pinned key. */
  readonly rotatedAt?: number;
  /** The end of the grace the rotation declared (Unix ms). */
  readonly graceUntil?: number;
}

/** The keys a rotation list proves, newest (the pinned one) first, and the first thing that did not hold. */
export interface ProvenLogKeys {
  readonly keys: readonly LogKeyTerm[];
  readonly failure?: ProofFailure;
}

const KEY_EVENT = 'atc.v1.KeyEvent';
const REGISTERED = 1;
const REVOKED = 2;

/** A gateway KeyEvent about its own key, read from an envelope (nothing verified yet). */
interface KeyEventEntry {
  readonly index: number;
  readonly signerKid: string;
  readonly signature: string;
  readonly headerBytes: Bytes;
  readonly payloadBytes: Bytes;
  readonly payloadSha256: Bytes;
  readonly type: number;
  readonly kid: string;
  readonly x: string;
  readonly revokedAt: number | undefined;
}

/** The RFC 7638 thumbprint (the kid) of an Ed25519 public key given by its `x`. */
export async function jwkThumbprint(x: string): Promise<string> {
  const digest = await sha256(utf8(`{"crv":"Ed25519","kty":"OKP","x":"${x}"}`));
  return toBase64(digest).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Reads a KeyEvent envelope about the sender's own key; undefined for any other entry. */
function readKeyEvent(index: number, bytes: Bytes): KeyEventEntry | undefined {
  const envelope = protobufFields(bytes);
  const headerBytes = bytesField(envelope, 1);
  const payloadBytes = bytesField(envelope, 2);
  const signature = stringField(envelope, 3);
  const header = protobufFields(headerBytes);
  if (stringField(header, 7) !== KEY_EVENT) return undefined;
  const event = protobufFields(payloadBytes);
  if (stringField(event, 3) !== stringField(header, 3)) return undefined;
  const protectedHeader = JSON.parse(
    new TextDecoder().decode(fromBase64Url(signature.split('.')[0] ?? '') ?? new Uint8Array(0)),
  ) as {
    alg?: unknown;
    kid?: unknown;
  } | null;
  const jwk = JSON.parse(stringField(event, 5)) as { kty?: unknown; crv?: unknown; x?: unknown } | null;
  if (jwk?.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string')
    throw new Error('its key is not an Ed25519 JWK');
  return {
    index,
    signerKid: protectedHeader?.alg === 'EdDSA' && typeof protectedHeader.kid === 'string' ? protectedHeader.kid : '',
    signature,
    headerBytes,
    payloadBytes,
    payloadSha256: bytesField(header, 8),
    type: varintField(event, 2),
    kid: stringField(event, 4),
    x: jwk.x,
    revokedAt: timestampField(event, 8),
  };
}

/** Whether the envelope's detached JWS verifies with Ed25519 key `x` and its payload is the one the header names. */
async function signedBy(entry: KeyEventEntry, x: string): Promise<boolean> {
  const [protectedB64, empty, signatureB64, ...rest] = entry.signature.split('.');
  const signature = fromBase64Url(signatureB64 ?? '');
  const raw = fromBase64Url(x);
  if (protectedB64 === undefined || empty !== '' || rest.length > 0 || signature === undefined || raw?.length !== 32) {
    return false;
  }
  const headerB64 = toBase64(entry.headerBytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const key = await crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
  const ok = await crypto.subtle.verify({ name: 'Ed25519' }, key, signature, utf8(`${protectedB64}.${headerB64}`));
  return ok && sameBytes(await sha256(entry.payloadBytes), entry.payloadSha256);
}

/** The rotation entries whose inclusion in `latest` holds, read; throws ROTATION_UNPROVED or ROTATION_INVALID. */
async function provedEntries(latest: VerifiedCheckpoint, rotations: GatewayRotationsJson): Promise<KeyEventEntry[]> {
  if (rotations.treeSize !== latest.size) {
    throw new ProofFailure(
      ProofReason.SIZE_MISMATCH,
      `the rotations are proven in a tree of ${rotations.treeSize}, the checkpoint's is ${latest.size}`,
    );
  }
  const entries: KeyEventEntry[] = [];
  for (const r of rotations.entries) {
    const bytes = fromBase64(r.envelope);
    if (bytes === undefined)
      throw new ProofFailure(ProofReason.ROTATION_INVALID, `rotation entry ${r.index} is not base64`);
    try {
      await verifyInclusion(
        {
          leafIndex: r.index,
          treeSize: rotations.treeSize,
          leafHash: toBase64(await leafHash(bytes)),
          proof: r.inclusionProof,
        },
        latest.size,
        latest.rootHash,
      );
    } catch (e) {
      throw new ProofFailure(
        ProofReason.ROTATION_UNPROVED,
        `rotation entry ${r.index} is not proven in the checkpoint the pinned key signed (${e instanceof Error ? e.message : String(e)})`,
      );
    }
    let entry: KeyEventEntry | undefined;
    try {
      entry = readKeyEvent(r.index, bytes);
    } catch (e) {
      throw new ProofFailure(
        ProofReason.ROTATION_INVALID,
        `rotation entry ${r.index} cannot be read (${e instanceof Error ? e.message : String(e)})`,
      );
    }
    if (entry === undefined) {
      throw new ProofFailure(
        ProofReason.ROTATION_INVALID,
        `rotation entry ${r.index} is not a KeyEvent about the gateway's own key`,
      );
    }
    entries.push(entry);
  }
  return entries;
}

/**
 * The gateway keys the console may accept, proven in the browser from the pinned key alone:
 * the pinned key, then each older key a rotation leads back to. An older key counts only when
 * the latest checkpoint (signed by the pinned key) includes both entries of the rotation that
 * replaced it, the successor's REGISTERED entry names the key the chain has reached, and both
 * entries verify with the older key, whose public half its REVOKED entry holds; a rotation
 * entry off that chain is refused. Never throws: the failure says what did not hold, and the
 * keys proven before it are kept.
 */
export async function provenLogKeys(
  pinned: PinnedLogKey,
  latest: VerifiedCheckpoint,
  rotations: GatewayRotationsJson,
): Promise<ProvenLogKeys> {
  const pinnedX = typeof pinned.jwk.x === 'string' ? pinned.jwk.x : '';
  const keys: LogKeyTerm[] = [{ key: pinned, kid: await jwkThumbprint(pinnedX) }];
  try {
    const entries = await provedEntries(latest, rotations);
    const used = new Set<KeyEventEntry>();
    for (;;) {
      const head = keys.at(-1)!;
      const registered = entries.find((e) => e.type === REGISTERED && e.kid === head.kid && e.signerKid !== head.kid);
      if (registered === undefined) break;
      const revoked = entries.find((e) => e.type === REVOKED && e.kid === registered.signerKid);
      if (revoked === undefined || keys.some((k) => k.kid === revoked.kid)) break;
      used.add(registered).add(revoked);
      const invalid = (entry: KeyEventEntry, what: string) =>
        new ProofFailure(ProofReason.ROTATION_INVALID, `rotation entry ${entry.index}: ${what}`);
      if ((await jwkThumbprint(registered.x)) !== head.kid)
        throw invalid(registered, `it registers ${head.kid} but holds another key`);
      if ((await jwkThumbprint(revoked.x)) !== revoked.kid)
        throw invalid(revoked, `it replaces ${revoked.kid} but holds another key`);
      for (const entry of [revoked, registered]) {
        if (entry.signerKid !== revoked.kid || !(await signedBy(entry, revoked.x))) {
          throw invalid(entry, `it does not verify with the key it replaces, ${revoked.kid}`);
        }
      }
      keys.push({
        key: { jwk: { kty: 'OKP', crv: 'Ed25519', x: revoked.x }, origin: pinned.origin },
        kid: revoked.kid,
        rotatedAt: Math.max(registered.index, revoked.index),
        ...(revoked.revokedAt === undefined ? {} : { graceUntil: revoked.revokedAt }),
      });
    }
    const stray = entries.find((e) => !used.has(e));
    if (stray !== undefined) {
      throw new ProofFailure(
        ProofReason.ROTATION_INVALID,
        `rotation entry ${stray.index} names gateway key ${stray.kid}, which no rotation from the pinned key reaches`,
      );
    }
    return { keys };
  } catch (e) {
    return {
      keys,
      failure: e instanceof ProofFailure ? e : new ProofFailure(ProofReason.ROTATION_INVALID, String(e)),
    };
  }
}

/** A checkpoint verified with one of the proven gateway keys. */
export interface KeyedCheckpoint extends VerifiedCheckpoint {
  /** The kid of the key that signed it. */
  readonly signerKid: string;
  /** True when an older key (before a rotation) signed it. */
  readonly olderKey: boolean;
  /**
   * True when an older key signed it after its rotation's last entry: it holds only if it was
   * made within the grace the rotation declared, and the browser has no signed time for that,
   * only the gateway's record of when it made the checkpoint. Not proven here; `atc-gateway
   * archive verify` and `atc-verify` judge it by the signed time of its last entry.
   */
  readonly graceUnproven: boolean;
}

/**
 * Verifies a signed checkpoint with the pinned key or, failing that, with an older key the
 * rotations proved: an older key holds for checkpoints up to its rotation's last entry. A
 * larger one is never verified here: when the gateway's record of it (`recordedAt`, Unix ms,
 * unsigned) falls within the grace the rotation declared, it comes back `graceUnproven`
 * (the caller must not call it verified); otherwise it is refused.
 *
 * @throws ProofFailure as verifyCheckpoint does, SIGNATURE_MISSING when no proven key signed
 *   it, KEY_RETIRED when an older key signed it past its rotation and no grace, or past the
 *   grace by the gateway's own record.
 */
export async function verifyCheckpointWithKeys(
  noteText: string,
  keys: readonly LogKeyTerm[],
  recordedAt?: number,
): Promise<KeyedCheckpoint> {
  let first: unknown;
  for (const term of keys) {
    let cp: VerifiedCheckpoint;
    try {
      cp = await verifyCheckpoint(noteText, term.key);
    } catch (e) {
      if (!(e instanceof ProofFailure && e.reason === ProofReason.SIGNATURE_MISSING)) throw e;
      first ??= e;
      continue;
    }
    const { rotatedAt, graceUntil } = term;
    const inTerm = rotatedAt === undefined || cp.size <= rotatedAt + 1;
    // Past its rotation: the grace is a time, and the only time at hand is the gateway's unsigned record.
    const graceClaimed = graceUntil !== undefined && recordedAt !== undefined && recordedAt < graceUntil;
    if (!inTerm && !graceClaimed) {
      throw new ProofFailure(
        ProofReason.KEY_RETIRED,
        `the checkpoint of ${cp.size} entries is signed by gateway key ${term.kid}, which the rotation at entry ${rotatedAt ?? 0} replaced, after the grace it declared`,
      );
    }
    return { ...cp, signerKid: term.kid, olderKey: term.rotatedAt !== undefined, graceUnproven: !inTerm };
  }
  if (keys.length > 1) {
    throw new ProofFailure(
      ProofReason.SIGNATURE_MISSING,
      'the checkpoint carries no signature by the pinned gateway key nor by an older key a proven rotation leads back to',
    );
  }
  throw first;
}

import { concat, fromBase64, fromBase64Url, sameBytes, sha256, toHex, utf8, type Bytes } from './bytes';
import { ProofFailure, ProofReason } from './proof-failure';
import { parseSignedNote, type NoteSignatureLine } from './signed-note';

/** The gateway's log key as the console pinned it at sign-in: its public JWK and the log's origin (the key name). */
export interface PinnedLogKey {
  readonly jwk: { readonly kty?: string; readonly crv?: string; readonly x?: string };
  readonly origin: string;
}

/** A checkpoint whose signature by the pinned key verified. */
export interface VerifiedCheckpoint {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Bytes;
  /** The signed text, byte for byte as served. */
  readonly body: string;
  /** Hex of the 4-byte key ID that signed it. */
  readonly keyId: string;
  /** The other signature lines (witness cosignatures), not verified here. */
  readonly others: readonly NoteSignatureLine[];
}

const HASH_BYTES = 32;
const ED25519_SIGNATURE_BYTES = 64;
/** C2SP signed-note signature type of a log's Ed25519 signature. */
const ED25519_TYPE = 0x01;
const SIZE = /^(?:0|[1-9][0-9]*)$/;
const CONTROL = /[\u0000-\u001f]/;

function malformed(detail: string): never {
  throw new ProofFailure(ProofReason.CHECKPOINT_MALFORMED, `the checkpoint ${detail}`);
}

/** The 32 raw bytes of an Ed25519 public JWK. */
function rawPublicKey(jwk: PinnedLogKey['jwk']): Bytes {
  const x = jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && jwk.x !== undefined ? fromBase64Url(jwk.x) : undefined;
  if (x?.length !== 32) {
    throw new ProofFailure(ProofReason.KEY_INVALID, 'the pinned gateway key is not an Ed25519 public key (OKP JWK)');
  }
  return x;
}

/** The C2SP note key ID: the first 4 bytes of SHA-256(name || 0x0A || 0x01 || raw public key). */
export async function noteKeyId(name: string, raw: Bytes): Promise<Bytes> {
  return (await sha256(concat(utf8(name), new Uint8Array([0x0a, ED25519_TYPE]), raw))).slice(0, 4);
}

/**
 * Parses a checkpoint body (C2SP tlog-checkpoint) strictly: origin, size in decimal without
 * leading zeros, the root as standard padded base64 of 32 bytes, then non-empty extension
 * lines; every line ends in a newline.
 */
export function parseCheckpointBody(body: string): { origin: string; size: number; rootHash: Bytes } {
  if (!body.endsWith('\n')) malformed('does not end with a newline');
  const [origin, sizeText, rootText, ...extensions] = body.slice(0, -1).split('\n');
  if (origin === undefined || sizeText === undefined || rootText === undefined) {
    malformed('has fewer than three lines (origin, size, root hash)');
  }
  if (origin === '' || CONTROL.test(origin)) malformed('has an empty origin line');
  if (!SIZE.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) {
    malformed(`size line ${JSON.stringify(sizeText)} is not a decimal number without leading zeros`);
  }
  const rootHash = fromBase64(rootText);
  if (rootHash?.length !== HASH_BYTES) malformed('root hash line is not standard base64 of 32 bytes');
  if (extensions.some((line) => line === '')) malformed('has an empty extension line');
  return { origin, size: Number(sizeText), rootHash };
}

/**
 * Verifies a signed checkpoint against the pinned gateway key: the note must carry a line
 * whose key name equals the pinned origin and whose key ID is the pinned key's, every such
 * line must verify (Ed25519, WebCrypto) over the note's exact text, and only then is the text
 * read as a checkpoint, which must name the pinned origin.
 *
 * @throws ProofFailure naming why it does not verify.
 */
export async function verifyCheckpoint(noteText: string, key: PinnedLogKey): Promise<VerifiedCheckpoint> {
  const raw = rawPublicKey(key.jwk);
  const note = parseSignedNote(noteText);
  const keyId = await noteKeyId(key.origin, raw);
  const mine = note.signatures.filter((s) => s.name === key.origin && sameBytes(s.keyId, keyId));
  if (mine.length === 0) {
    throw new ProofFailure(
      ProofReason.SIGNATURE_MISSING,
      `the checkpoint carries no signature by ${key.origin} with the pinned key ID ${toHex(keyId)}`,
    );
  }
  const publicKey = await crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
  const text = utf8(note.body);
  for (const line of mine) {
    const ok =
      line.signature.length === ED25519_SIGNATURE_BYTES &&
      (await crypto.subtle.verify({ name: 'Ed25519' }, publicKey, line.signature, text));
    if (!ok) {
      throw new ProofFailure(
        ProofReason.SIGNATURE_INVALID,
        `the signature by ${key.origin} does not verify over the checkpoint text (altered text or a forged line)`,
      );
    }
  }
  const checkpoint = parseCheckpointBody(note.body);
  if (checkpoint.origin !== key.origin) {
    throw new ProofFailure(
      ProofReason.ORIGIN_MISMATCH,
      `the checkpoint is of log ${JSON.stringify(checkpoint.origin)}, not the pinned ${JSON.stringify(key.origin)}`,
    );
  }
  return {
    ...checkpoint,
    body: note.body,
    keyId: toHex(keyId),
    others: note.signatures.filter((s) => !mine.includes(s)),
  };
}

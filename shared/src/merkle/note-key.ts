import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { AtcError, ErrorCode } from '../errors/atc-error.js';
import { MerkleError } from './merkle-error.js';

/** An Ed25519 note signer's identity as a verifier knows it: key name (e.g. "atc.example/ATC") and public key. */
export interface NoteKey {
  readonly name: string;
  readonly publicKey: KeyObject;
}

/** Signature type bytes of C2SP signed-note. */
export const NoteSignatureType = {
  /** An Ed25519 signature of the note text (a log's checkpoint signature). */
  ED25519: 0x01,
  /** A timestamped Ed25519 witness cosignature (C2SP tlog-cosignature/v1). */
  COSIGNATURE_V1: 0x04,
} as const;

// No Unicode space (Go's unicode.IsSpace, which adds U+0085 to JavaScript's \s) and no '+'.
const BAD_NAME_CHAR = /[\s\u0085+]/u;

/** True when `name` may name a note key: non-empty, no spaces, no plus signs. */
export function isNoteKeyName(name: string): boolean {
  return typeof name === 'string' && name.length > 0 && !BAD_NAME_CHAR.test(name) && !/\p{Cs}/u.test(name);
}

/**
 * The 32 raw bytes (RFC 8032 encoding) of an Ed25519 key; a private key gives its public half.
 *
 * @throws AtcError KEY_INVALID when the key is not Ed25519.
 */
export function rawEd25519PublicKey(key: KeyObject): Buffer {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new AtcError(
      ErrorCode.KEY_INVALID,
      `a note key must be an Ed25519 key, got ${key.asymmetricKeyType ?? key.type}. Use the log's or witness's Ed25519 key.`,
    );
  }
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const { x } = publicKey.export({ format: 'jwk' });
  return Buffer.from(x!, 'base64url');
}

/**
 * The 4-byte key ID of a note key: the first four bytes of
 * SHA-256(name || 0x0A || sigType || 32-byte raw public key). `sigType` is 0x01 for a
 * log's Ed25519 signature and 0x04 for a cosignature, so one key never gets the same ID
 * for both.
 */
export function noteKeyHash(name: string, publicKey: KeyObject, sigType: number): Buffer {
  if (!Number.isInteger(sigType) || sigType < 0 || sigType > 0xff) {
    throw new MerkleError(
      ErrorCode.NOTE_INVALID,
      `a note signature type is one byte, got ${String(sigType)}. Use NoteSignatureType.ED25519 or COSIGNATURE_V1.`,
    );
  }
  return createHash('sha256')
    .update(name, 'utf8')
    .update(Buffer.from([0x0a, sigType]))
    .update(rawEd25519PublicKey(publicKey))
    .digest()
    .subarray(0, 4);
}

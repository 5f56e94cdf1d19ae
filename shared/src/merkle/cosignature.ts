import { sign, verify, type KeyObject } from 'node:crypto';
import { ErrorCode } from '../errors/atc-error.js';
import { parseCheckpoint } from './checkpoint.js';
import { MerkleError } from './merkle-error.js';
import { isNoteKeyName, noteKeyHash, NoteSignatureType, type NoteKey } from './note-key.js';
import type { NoteSignature } from './signed-note.js';

const TIME_BYTES = 8;
const SIGNATURE_BYTES = 64;

// The signed message of C2SP tlog-cosignature/v1: a domain-separation header, the time
// as decimal without leading zeros, then the whole checkpoint body.
function cosignedMessage(body: string, timeSeconds: number): Buffer {
  return Buffer.from(`cosignature/v1\ntime ${timeSeconds}\n${body}`, 'utf8');
}

/**
 * A witness's cosignature (C2SP tlog-cosignature/v1, Ed25519) of a checkpoint body: the
 * statement that, at `timeSeconds` (Unix time), this is the largest consistent tree the
 * witness has seen for the log. The signature bytes are the 8-byte big-endian time
 * followed by the 64-byte Ed25519 signature; the key ID uses signature type 0x04.
 *
 * @throws MerkleError CHECKPOINT_INVALID when `body` is not a checkpoint, NOTE_INVALID for
 *   a bad key name, LOG_RANGE for a time that is not a whole number of seconds >= 0.
 */
export function cosignCheckpoint(
  body: string,
  name: string,
  privateKey: KeyObject,
  timeSeconds: number,
): NoteSignature {
  parseCheckpoint(body);
  if (!isNoteKeyName(name)) {
    throw new MerkleError(
      ErrorCode.NOTE_INVALID,
      `the witness name ${JSON.stringify(name)} is empty or holds a space or "+". Configure a name like "kz.example/witness".`,
    );
  }
  if (!Number.isSafeInteger(timeSeconds) || timeSeconds < 0) {
    throw new MerkleError(
      ErrorCode.LOG_RANGE,
      `a cosignature time must be whole seconds since 1970 (>= 0), got ${String(timeSeconds)}. Pass Math.floor(Date.now() / 1000).`,
    );
  }
  const time = Buffer.alloc(TIME_BYTES);
  time.writeBigUInt64BE(BigInt(timeSeconds));
  const signature = sign(null, cosignedMessage(body, timeSeconds), privateKey);
  return {
    name,
    keyHash: noteKeyHash(name, privateKey, NoteSignatureType.COSIGNATURE_V1),
    signature: Buffer.concat([time, signature]),
  };
}

/**
 * Verifies one witness cosignature of a checkpoint body against the witness's key and
 * returns the time it states.
 *
 * @throws MerkleError NOTE_SIGNATURE_INVALID when the line is not by that key (name or
 *   key ID differ), is malformed, states a time beyond 2^53 - 1, or does not verify.
 */
export function verifyCosignature(body: string, sig: NoteSignature, key: NoteKey): { timeSeconds: number } {
  const bad = (detail: string): never => {
    throw new MerkleError(
      ErrorCode.NOTE_SIGNATURE_INVALID,
      `the cosignature ${detail}. Do not count it towards the witness quorum; ask the witness ${key.name} to cosign again, and check its configured public key if this persists.`,
    );
  };
  if (sig.name !== key.name) bad(`is by ${JSON.stringify(sig.name)}, not by the witness ${JSON.stringify(key.name)}`);
  const keyHash = noteKeyHash(key.name, key.publicKey, NoteSignatureType.COSIGNATURE_V1);
  if (!(sig.keyHash instanceof Uint8Array) || !keyHash.equals(sig.keyHash)) {
    bad(
      `has key ID ${Buffer.from(sig.keyHash).toString('hex')}, not ${keyHash.toString('hex')} of the configured witness key`,
    );
  }
  if (!(sig.signature instanceof Uint8Array) || sig.signature.length !== TIME_BYTES + SIGNATURE_BYTES) {
    bad(`is ${sig.signature.length} bytes, not the ${TIME_BYTES + SIGNATURE_BYTES} of a time and an Ed25519 signature`);
  }
  const time = Buffer.from(sig.signature).readBigUInt64BE(0);
  if (time > BigInt(Number.MAX_SAFE_INTEGER)) bad(`states the time ${time.toString()}, beyond any real clock`);
  const timeSeconds = Number(time);
  const message = cosignedMessage(body, timeSeconds);
  if (!verify(null, message, key.publicKey, sig.signature.subarray(TIME_BYTES))) {
    bad('does not verify over this checkpoint (a different checkpoint, time, or key)');
  }
  return { timeSeconds };
}

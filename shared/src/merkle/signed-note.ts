import { sign, verify, type KeyObject } from 'node:crypto';
import { ErrorCode } from '../errors/atc-error.js';
import { MerkleError } from './merkle-error.js';
import { isNoteKeyName, noteKeyHash, NoteSignatureType, type NoteKey } from './note-key.js';
import { decodeStrictBase64 } from './strict-base64.js';

/** One signature line of a signed note: `— <name> base64(keyHash || signature)`. */
export interface NoteSignature {
  readonly name: string;
  /** The 4-byte key ID. */
  readonly keyHash: Buffer;
  /** What follows the key ID: an Ed25519 signature, or time and signature for a cosignature. */
  readonly signature: Buffer;
}

/** A C2SP signed note: a text ending in a newline and its signatures. */
export interface Note {
  readonly body: string;
  readonly signatures: readonly NoteSignature[];
}

/** The most signature lines a note may carry: enough for a log and every member witness. */
export const MAX_NOTE_SIGNATURES = 100;

const SIGNATURE_PREFIX = '\u2014 ';
const ED25519_SIGNATURE_BYTES = 64;
// Lone surrogates cannot be encoded as UTF-8; control characters other than newline
// (including "\r") are forbidden by the format.
const LONE_SURROGATE = /\p{Cs}/u;
const CONTROL = /[\u0000-\u0009\u000b-\u001f]/;

function invalid(detail: string): never {
  throw new MerkleError(
    ErrorCode.NOTE_INVALID,
    `the signed note ${detail}. Pass the note exactly as it was served (UTF-8, "\\n" line ends, the text, a blank line, then "\u2014 name signature" lines).`,
  );
}

// Fatal: invalid UTF-8 must be refused, not turned into U+FFFD; a BOM is kept, not skipped.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decode(text: string | Uint8Array): string {
  if (typeof text === 'string') return text;
  try {
    return UTF8.decode(text);
  } catch {
    return invalid('is not valid UTF-8');
  }
}

function checkText(text: string, what: string): void {
  if (typeof text !== 'string') invalid(`${what} is not text`);
  if (LONE_SURROGATE.test(text)) invalid(`${what} is not valid UTF-8`);
  if (CONTROL.test(text)) invalid(`${what} contains a control character other than newline (a carriage return?)`);
}

function checkBody(body: string): void {
  checkText(body, 'text');
  if (!body.endsWith('\n')) invalid('text does not end with a newline');
}

function checkSignature(sig: NoteSignature): void {
  if (!isNoteKeyName(sig.name)) invalid(`has a signature with an invalid key name ${JSON.stringify(sig.name)}`);
  if (!(sig.keyHash instanceof Uint8Array) || sig.keyHash.length !== 4)
    invalid(`has a key ID of ${sig.name} that is not 4 bytes`);
  if (!(sig.signature instanceof Uint8Array) || sig.signature.length === 0)
    invalid(`has an empty signature by ${sig.name}`);
}

function signatureLine(sig: NoteSignature): string {
  return `${SIGNATURE_PREFIX}${sig.name} ${Buffer.concat([sig.keyHash, sig.signature]).toString('base64')}\n`;
}

/**
 * Parses a signed note strictly (C2SP signed-note): valid UTF-8 without control characters
 * other than newline, the text ending in a newline, a blank line, then 1 to 100 lines
 * `— <key name> <base64(4-byte key ID || signature)>`. Nothing is verified here. Bytes
 * (an HTTP body) are decoded as UTF-8 strictly.
 *
 * @throws MerkleError NOTE_INVALID naming what is wrong.
 */
export function parseNote(note: string | Uint8Array): Note {
  const text = decode(note);
  checkText(text, 'note');
  // The text may itself hold blank lines; the signatures start after the last one.
  const split = text.lastIndexOf('\n\n');
  if (split < 0) invalid('has no blank line between its text and its signatures');
  const body = text.slice(0, split + 1);
  const block = text.slice(split + 2);
  if (block.length === 0) invalid('has no signature lines');
  if (!block.endsWith('\n')) invalid('does not end with a newline after its last signature');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) invalid(`has ${lines.length} signatures, more than ${MAX_NOTE_SIGNATURES}`);
  const signatures = lines.map((line, i): NoteSignature => {
    if (!line.startsWith(SIGNATURE_PREFIX))
      invalid(`signature line ${i + 1} does not start with an em dash and a space`);
    const rest = line.slice(SIGNATURE_PREFIX.length);
    const space = rest.indexOf(' ');
    const name = space < 0 ? rest : rest.slice(0, space);
    if (space < 0 || !isNoteKeyName(name)) invalid(`signature line ${i + 1} has no valid key name and signature`);
    const bytes = decodeStrictBase64(rest.slice(space + 1));
    if (bytes === undefined || bytes.length < 5)
      invalid(`signature line ${i + 1} (${name}) is not standard base64 of a key ID and a signature`);
    return { name, keyHash: Buffer.from(bytes.subarray(0, 4)), signature: Buffer.from(bytes.subarray(4)) };
  });
  return { body, signatures };
}

/**
 * The text of a signed note: the body, a blank line, one signature line each.
 *
 * @throws MerkleError NOTE_INVALID when the note could not be parsed back (no signature,
 *   more than 100, a bad key name, a body without its final newline).
 */
export function formatNote(note: Note): string {
  checkBody(note.body);
  if (note.signatures.length === 0) invalid('has no signatures; sign it first');
  if (note.signatures.length > MAX_NOTE_SIGNATURES) invalid(`would have more than ${MAX_NOTE_SIGNATURES} signatures`);
  note.signatures.forEach(checkSignature);
  return `${note.body}\n${note.signatures.map(signatureLine).join('')}`;
}

/**
 * An Ed25519 note signature of `body` by the key `name`.
 *
 * @throws MerkleError NOTE_INVALID for a body or name the format does not allow.
 */
export function signNote(body: string, name: string, privateKey: KeyObject): NoteSignature {
  checkBody(body);
  if (!isNoteKeyName(name)) invalid(`key name ${JSON.stringify(name)} is empty or holds a space or "+"`);
  const keyHash = noteKeyHash(name, privateKey, NoteSignatureType.ED25519);
  return { name, keyHash, signature: sign(null, Buffer.from(body, 'utf8'), privateKey) };
}

/**
 * Checks the Ed25519 signature(s) of `key` on a note. Lines of other keys are ignored (a
 * checkpoint carries witness cosignatures too); a line with this key's name and key ID
 * that does not verify fails the whole note, as C2SP recommends.
 *
 * @throws MerkleError NOTE_SIGNATURE_INVALID when the note has no line of that key, or one
 *   that does not verify.
 */
export function verifyNote(note: Note, key: NoteKey): void {
  const keyHash = noteKeyHash(key.name, key.publicKey, NoteSignatureType.ED25519);
  const mine = note.signatures.filter((s) => s.name === key.name && keyHash.equals(s.keyHash));
  const body = Buffer.from(note.body, 'utf8');
  const bad = (detail: string): never => {
    throw new MerkleError(
      ErrorCode.NOTE_SIGNATURE_INVALID,
      `the note ${detail}. Do not trust its text: fetch it again, and if this persists check that the configured key of ${key.name} is the signer's current one.`,
    );
  };
  if (mine.length === 0) bad(`carries no signature by key ${key.name} (key ID ${keyHash.toString('hex')})`);
  for (const s of mine) {
    if (s.signature.length !== ED25519_SIGNATURE_BYTES || !verify(null, body, key.publicKey, s.signature)) {
      bad(`has a signature by ${key.name} that does not verify (altered text or a forged line)`);
    }
  }
}

/**
 * Adds signature lines to a signed note, skipping any it already has (same name, key ID
 * and signature), so a witness's cosignature can be attached more than once harmlessly.
 *
 * @throws MerkleError NOTE_INVALID when the note does not parse or would exceed 100 signatures.
 */
export function addSignatures(noteText: string, sigs: readonly NoteSignature[]): string {
  const note = parseNote(noteText);
  const lines = new Set(note.signatures.map(signatureLine));
  const added: NoteSignature[] = [];
  for (const sig of sigs) {
    checkSignature(sig);
    const line = signatureLine(sig);
    if (lines.has(line)) continue;
    lines.add(line);
    added.push(sig);
  }
  return formatNote({ body: note.body, signatures: [...note.signatures, ...added] });
}

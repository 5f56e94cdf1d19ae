import type { KeyObject } from 'node:crypto';
import { ErrorCode, isAtcError } from '../errors/atc-error.js';
import { MerkleError } from './merkle-error.js';
import { HASH_BYTES } from './merkle-hash.js';
import type { NoteKey } from './note-key.js';
import { formatNote, parseNote, signNote, verifyNote, type Note } from './signed-note.js';
import { decodeStrictBase64 } from './strict-base64.js';

/** A log's signed statement of its tree (C2SP tlog-checkpoint): origin, size, root hash. */
export interface Checkpoint {
  /** The log's identity, e.g. "atc.example/log". */
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Buffer;
  /** Optional further lines, opaque and non-empty. */
  readonly extensions: readonly string[];
}

const SIZE = /^(?:0|[1-9][0-9]*)$/;
const CONTROL = /[\u0000-\u001f]/;

function invalid(detail: string, cause?: unknown): never {
  throw new MerkleError(
    ErrorCode.CHECKPOINT_INVALID,
    `the checkpoint ${detail}. Use a checkpoint exactly as the log signed it: origin, size and base64 root hash lines, each ending in a newline.`,
    cause === undefined ? {} : { cause },
  );
}

function checkLine(line: string, what: string): void {
  if (typeof line !== 'string' || line.length === 0) invalid(`has an empty ${what}`);
  if (CONTROL.test(line)) invalid(`has a control character in its ${what}`);
}

/**
 * The note body of a checkpoint: `origin\nsize\nbase64(root)\n`, then one line per extension.
 *
 * @throws MerkleError CHECKPOINT_INVALID for an empty origin or extension, a line break
 *   inside one, a size that is not a safe integer, or a root that is not 32 bytes.
 */
export function formatCheckpoint(cp: Checkpoint): string {
  checkLine(cp.origin, 'origin line');
  if (!Number.isSafeInteger(cp.size) || cp.size < 0) invalid(`size ${String(cp.size)} is not a whole number of leaves`);
  if (!(cp.rootHash instanceof Uint8Array) || cp.rootHash.length !== HASH_BYTES) {
    invalid(`root hash is not ${HASH_BYTES} bytes`);
  }
  cp.extensions.forEach((line) => {
    checkLine(line, 'extension line');
  });
  const root = Buffer.from(cp.rootHash).toString('base64');
  return `${cp.origin}\n${cp.size}\n${root}\n${cp.extensions.map((line) => `${line}\n`).join('')}`;
}

/**
 * Parses a checkpoint note body strictly: a non-empty origin line, the size in decimal
 * without leading zeros (a safe integer), the root hash as standard padded base64 of
 * exactly 32 bytes, then any non-empty extension lines; every line ends in a newline.
 *
 * @throws MerkleError CHECKPOINT_INVALID naming the first thing wrong.
 */
export function parseCheckpoint(body: string): Checkpoint {
  if (typeof body !== 'string' || !body.endsWith('\n')) invalid('does not end with a newline');
  const lines = body.slice(0, -1).split('\n');
  const [origin, sizeText, rootText, ...extensions] = lines;
  if (origin === undefined || sizeText === undefined || rootText === undefined) {
    invalid('has fewer than three lines (origin, size, root hash)');
  }
  checkLine(origin, 'origin line');
  if (!SIZE.test(sizeText))
    invalid(`size line ${JSON.stringify(sizeText)} is not a decimal number without leading zeros`);
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) invalid(`size ${sizeText} is larger than ${Number.MAX_SAFE_INTEGER}`);
  const rootHash = decodeStrictBase64(rootText);
  if (rootHash === undefined) invalid('root hash line is not standard padded base64');
  if (rootHash.length !== HASH_BYTES) invalid(`root hash is ${rootHash.length} bytes, not ${HASH_BYTES}`);
  extensions.forEach((line) => {
    checkLine(line, 'extension line');
  });
  return { origin, size, rootHash, extensions };
}

/** Signs a checkpoint as the log (the gateway): the full signed note text. */
export function signCheckpoint(cp: Checkpoint, name: string, privateKey: KeyObject): string {
  const body = formatCheckpoint(cp);
  return formatNote({ body, signatures: [signNote(body, name, privateKey)] });
}

/**
 * Opens a signed checkpoint: parses the note, verifies the log's signature (before reading
 * anything from the text), then parses the checkpoint and checks its origin.
 *
 * @throws MerkleError CHECKPOINT_INVALID when the text is not a signed checkpoint or is of
 *   another origin, NOTE_SIGNATURE_INVALID when the log's signature is missing or wrong.
 */
export function openCheckpoint(
  text: string | Uint8Array,
  logKey: NoteKey,
  expectedOrigin?: string,
): { checkpoint: Checkpoint; note: Note } {
  let note: Note;
  try {
    note = parseNote(text);
  } catch (e) {
    if (isAtcError(e) && e.code === ErrorCode.NOTE_INVALID)
      invalid(`is not a well-formed signed note: ${e.message}`, e);
    throw e;
  }
  verifyNote(note, logKey);
  const checkpoint = parseCheckpoint(note.body);
  if (expectedOrigin !== undefined && checkpoint.origin !== expectedOrigin) {
    invalid(`is from log ${JSON.stringify(checkpoint.origin)}, not the expected ${JSON.stringify(expectedOrigin)}`);
  }
  return { checkpoint, note };
}

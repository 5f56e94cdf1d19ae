import { ErrorCode } from '../errors/atc-error.js';
import { MerkleError } from './merkle-error.js';
import { parseNote, type NoteSignature } from './signed-note.js';

/** One signed-note signature line, without its newline: `— <name> <base64(keyHash || signature)>`. */
export function formatSignatureLine(sig: NoteSignature): string {
  return `\u2014 ${sig.name} ${Buffer.concat([sig.keyHash, sig.signature]).toString('base64')}`;
}

/**
 * Parses one signature line (as a witness sends its cosignature on its own).
 *
 * @throws MerkleError NOTE_INVALID when it is not exactly one well-formed line.
 */
export function parseSignatureLine(line: string): NoteSignature {
  if (line.includes('\n')) throw new MerkleError(ErrorCode.NOTE_INVALID, 'a signature line is a single line.');
  const [sig] = parseNote(`-\n\n${line}\n`).signatures;
  if (sig === undefined) throw new MerkleError(ErrorCode.NOTE_INVALID, 'not a signature line ("\u2014 name base64").');
  return sig;
}

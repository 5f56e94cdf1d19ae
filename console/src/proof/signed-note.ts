import { fromBase64, type Bytes } from './bytes';
import { ProofFailure, ProofReason } from './proof-failure';

/** One signature line of a signed note: `— <name> base64(keyId || signature)`. */
export interface NoteSignatureLine {
  readonly name: string;
  /** The 4-byte key ID. */
  readonly keyId: Bytes;
  readonly signature: Bytes;
}

/** A C2SP signed note: its text (ending in a newline) and its signature lines. */
export interface SignedNote {
  readonly body: string;
  readonly signatures: readonly NoteSignatureLine[];
}

const PREFIX = '\u2014 ';
const MAX_SIGNATURES = 100;
// The format forbids control characters other than newline (a carriage return among them).
const CONTROL = /[\u0000-\u0009\u000b-\u001f]/;
const BAD_NAME = /[\s\u0085+]/u;

function malformed(detail: string): never {
  throw new ProofFailure(ProofReason.NOTE_MALFORMED, `the signed note ${detail}`);
}

/** True when `name` may name a note key: non-empty, no spaces, no plus signs. */
export function isNoteKeyName(name: string): boolean {
  return name.length > 0 && !BAD_NAME.test(name);
}

/**
 * Parses a signed note exactly as the gateway's own parser does: no control characters but
 * newline, the text ending in a newline, a blank line, then 1 to 100 lines
 * `— <key name> <standard base64 of a 4-byte key ID and a signature>`, each ending in a
 * newline. Nothing is verified here.
 *
 * @throws ProofFailure NOTE_MALFORMED naming the first thing wrong.
 */
export function parseSignedNote(text: string): SignedNote {
  if (CONTROL.test(text)) malformed('holds a control character other than newline');
  const split = text.lastIndexOf('\n\n');
  if (split < 0) malformed('has no blank line between its text and its signatures');
  const body = text.slice(0, split + 1);
  const block = text.slice(split + 2);
  if (block.length === 0) malformed('has no signature lines');
  if (!block.endsWith('\n')) malformed('does not end with a newline after its last signature');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) malformed(`has ${lines.length} signature lines, more than ${MAX_SIGNATURES}`);
  const signatures = lines.map((line, i): NoteSignatureLine => {
    if (!line.startsWith(PREFIX)) malformed(`line ${i + 1} after the blank line is not a signature line`);
    const rest = line.slice(PREFIX.length);
    const space = rest.indexOf(' ');
    const name = space < 0 ? rest : rest.slice(0, space);
    if (space < 0 || !isNoteKeyName(name)) malformed(`signature line ${i + 1} has no valid key name`);
    const bytes = fromBase64(rest.slice(space + 1));
    if (bytes === undefined || bytes.length < 5) {
      malformed(`signature line ${i + 1} (${name}) is not standard base64 of a key ID and a signature`);
    }
    return { name, keyId: bytes.slice(0, 4), signature: bytes.slice(4) };
  });
  return { body, signatures };
}

import type { KeyObject } from 'node:crypto';
import { openCheckpoint, type Checkpoint, type Note } from '@atc/shared';

/**
 * The gateway keys a checkpoint may be signed with: one key, or the trusted keys as they
 * stand when asked (the key in force first, then those a rotation superseded).
 */
export type GatewayKeys = KeyObject | (() => readonly KeyObject[]);

/** The origin line of a checkpoint note; the gateway signs its checkpoints under it as key name. */
export function checkpointOrigin(note: string): string {
  return note.slice(0, Math.max(0, note.indexOf('\n')));
}

/**
 * Opens a checkpoint signed by a trusted gateway key, whatever the log's origin (it is the
 * key name of the signature, and checked against the one followed by the caller). A
 * checkpoint from before a rotation is signed by the key then in force.
 *
 * @throws AtcError when the note is malformed or not signed by any of those keys.
 */
export function openGatewayCheckpoint(note: string, gatewayKeys: GatewayKeys): OpenedCheckpoint {
  const keys = typeof gatewayKeys === 'function' ? gatewayKeys() : [gatewayKeys];
  // The same note, byte for byte, verified by a key still trusted: the same answer. A batch's
  // receipts and the witness each meet the checkpoint of that batch.
  const seen = opened.get(note);
  if (seen !== undefined && keys.includes(seen.key)) return seen.opened;
  let refusal: unknown;
  for (const publicKey of keys) {
    try {
      const result = openCheckpoint(note, { name: checkpointOrigin(note), publicKey });
      remember(note, { key: publicKey, opened: result });
      return result;
    } catch (e) {
      refusal ??= e;
    }
  }
  throw refusal;
}

/** A checkpoint note opened: its fields and the parsed note. */
export interface OpenedCheckpoint {
  readonly checkpoint: Checkpoint;
  readonly note: Note;
}

/** Notes opened lately, by their exact text (a refusal is never kept). */
const opened = new Map<string, { readonly key: KeyObject; readonly opened: OpenedCheckpoint }>();
const OPENED_KEPT = 64;

function remember(note: string, entry: { readonly key: KeyObject; readonly opened: OpenedCheckpoint }): void {
  if (opened.size >= OPENED_KEPT) {
    const oldest = opened.keys().next();
    if (oldest.done !== true) opened.delete(oldest.value);
  }
  opened.set(note, entry);
}

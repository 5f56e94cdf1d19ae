import type { KeyObject } from 'node:crypto';
import { openCheckpoint, type Checkpoint, type Note } from '@atc/shared';

/** The origin line of a checkpoint note; the gateway signs its checkpoints under it as key name. */
export function checkpointOrigin(note: string): string {
  return note.slice(0, Math.max(0, note.indexOf('\n')));
}

/**
 * Opens a checkpoint signed by the pinned gateway key, whatever the log's origin (it is the
 * key name of the signature, and checked against the one followed by the caller).
 *
 * @throws AtcError when the note is malformed or not signed by that key.
 */
export function openGatewayCheckpoint(note: string, gatewayKey: KeyObject): { checkpoint: Checkpoint; note: Note } {
  return openCheckpoint(note, { name: checkpointOrigin(note), publicKey: gatewayKey });
}

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
export function openGatewayCheckpoint(note: string, gatewayKeys: GatewayKeys): { checkpoint: Checkpoint; note: Note } {
  const keys = typeof gatewayKeys === 'function' ? gatewayKeys() : [gatewayKeys];
  let refusal: unknown;
  for (const publicKey of keys) {
    try {
      return openCheckpoint(note, { name: checkpointOrigin(note), publicKey });
    } catch (e) {
      refusal ??= e;
    }
  }
  throw refusal;
}

import { createHash } from 'node:crypto';

/** The `prev_hash` of the first row: 32 zero bytes. */
export const GENESIS_HASH: Uint8Array = new Uint8Array(32);

/** The fields of an audit row that its hash covers, as stored (details as its JSON text). */
export interface ChainedFields {
  readonly id: number;
  readonly at: number;
  readonly actor: string;
  readonly role: string | null;
  readonly action: string;
  readonly subject: string;
  readonly reason: string;
  /** The stored JSON text, byte for byte: it is hashed as written, never re-serialised. */
  readonly details: string;
}

/**
 * The canonical bytes of a row: the UTF-8 JSON array `[id, at, actor, role, action, subject,
 * reason, details]`. Integers and strings have one JSON form each, so the bytes are the same
 * whatever engine or process reads the row back.
 */
export function canonicalAuditBytes(row: ChainedFields): Buffer {
  return Buffer.from(
    JSON.stringify([row.id, row.at, row.actor, row.role, row.action, row.subject, row.reason, row.details]),
    'utf8',
  );
}

/** The row's hash: SHA-256(previous row's hash || canonical bytes of the row). */
export function chainHash(prevHash: Uint8Array, row: ChainedFields): Buffer {
  return createHash('sha256').update(prevHash).update(canonicalAuditBytes(row)).digest();
}

import { PayloadType, type Clock, type KeyPair } from '@atc/shared';
import type { SqlDb } from '../db/sql-db.js';
import type { MemberKey } from '../registry/registry-types.js';
import type { BatchCommitter } from './batch-committer.js';
import type { MessageStore } from './message-store.js';
import { decodeGatewayKeyEvent, type GatewayKeyEvent } from '../verify/gateway-key-chain.js';
import { keyEventRecorder } from './key-event-recorder.js';

/** What a rotation wrote. */
export interface GatewayKeyRotation {
  readonly oldKid: string;
  readonly newKid: string;
  /** The old key signs nothing created after this (Unix ms): the end of the grace period. */
  readonly oldKeyUntil: number;
}

/**
 * Rotates the gateway's signing key in the archive log: two KeyEvent entries for the gateway
 * itself, both signed with the OLD key and committed in one transaction: REVOKED (superseded)
 * for the old key, effective at the end of the grace period, and REGISTERED for the new key,
 * valid from now. The REGISTERED entry is the announcement node agents verify with the key
 * they pinned before they pin the new one (the trust list carries both entries); the REVOKED
 * one keeps the old public key in the log, so that `archive verify` checks what it signed.
 */
export async function rotateGatewayKey(options: {
  readonly db: SqlDb;
  readonly store: MessageStore;
  readonly committer: BatchCommitter;
  readonly oldKey: KeyPair;
  readonly newKey: KeyPair;
  readonly gatewayId: string;
  readonly graceMs: number;
  readonly comment: string;
  readonly clock: Clock;
}): Promise<GatewayKeyRotation> {
  const { db, store, committer, oldKey, newKey, gatewayId, clock } = options;
  const now = clock();
  const record = keyEventRecorder({
    committer,
    signer: oldKey,
    gatewayId,
    nextSequence: async () => (await store.gatewaySequence()) + 1,
    clock,
  });
  const gatewayKey = (key: KeyPair, extra: Partial<MemberKey>): MemberKey => ({
    kid: key.kid,
    memberId: gatewayId,
    publicJwk: key.publicJwk,
    validFrom: now,
    status: 'active',
    createdAt: now,
    ...extra,
  });
  const oldKeyUntil = now + options.graceMs;
  await db.transaction(
    async () => {
      await record({
        type: 'revoked',
        key: gatewayKey(oldKey, { status: 'revoked', revokedAt: oldKeyUntil, revocationReason: 'superseded' }),
        comment: `gateway key rotation: ${options.comment}`,
      });
      await record({
        type: 'registered',
        key: gatewayKey(newKey, {}),
        comment: `gateway key rotation: ${options.comment}`,
      });
    },
    { write: true },
  );
  return { oldKid: oldKey.kid, newKid: newKey.kid, oldKeyUntil };
}

/** A gateway KeyEvent with its place in the log. */
export type LoggedGatewayKeyEvent = GatewayKeyEvent & { readonly leafIndex: number };

/** The KeyEvents of the archive about the gateway's own keys, in log order (rotations). */
export async function readGatewayKeyEvents(db: SqlDb, gatewayId: string): Promise<LoggedGatewayKeyEvent[]> {
  const rows = await db.all<{ leaf_index: number; envelope: Buffer }>(
    'SELECT leaf_index, envelope FROM messages WHERE sender = ? AND payload_type = ? AND leaf_index IS NOT NULL ORDER BY leaf_index',
    [gatewayId, PayloadType.KeyEvent],
  );
  const out: LoggedGatewayKeyEvent[] = [];
  for (const { leaf_index, envelope } of rows) {
    const event = decodeGatewayKeyEvent(new Uint8Array(envelope), gatewayId);
    if (event !== undefined) out.push({ ...event, leafIndex: leaf_index });
  }
  return out;
}

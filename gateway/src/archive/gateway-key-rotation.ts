import {
  atc,
  fromTimestamp,
  PayloadType,
  publicKeyFromJwk,
  toPublicJwk,
  type Clock,
  type KeyPair,
  type PublicJwk,
} from '@atc/shared';
import type { KeyObject } from 'node:crypto';
import type { SqlDb } from '../db/sql-db.js';
import type { MemberKey } from '../registry/registry-types.js';
import type { BatchCommitter } from './batch-committer.js';
import type { MessageStore } from './message-store.js';
import { keyEventRecorder } from './key-event-recorder.js';

/** One of the gateway's own keys as its rotation events in the log name it. */
export interface GatewayKeyRecord {
  readonly kid: string;
  readonly publicKey: KeyObject;
}

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

/** A KeyEvent about the gateway's own key, decoded from an archived envelope. */
export interface GatewayKeyEvent {
  readonly envelope: Uint8Array;
  /** The kid that signed the entry. */
  readonly signerKid: string;
  readonly type: 'registered' | 'revoked';
  readonly kid: string;
  readonly publicJwk: PublicJwk;
  readonly revokedAt: number | undefined;
}

/** The KeyEvents of the archive about the gateway's own keys, in log order (rotations). */
export async function readGatewayKeyEvents(db: SqlDb, gatewayId: string): Promise<GatewayKeyEvent[]> {
  const rows = await db.all<{ envelope: Buffer }>(
    'SELECT envelope FROM messages WHERE sender = ? AND payload_type = ? AND leaf_index IS NOT NULL ORDER BY leaf_index',
    [gatewayId, PayloadType.KeyEvent],
  );
  const out: GatewayKeyEvent[] = [];
  for (const { envelope } of rows) {
    const event = decodeGatewayKeyEvent(new Uint8Array(envelope), gatewayId);
    if (event !== undefined) out.push(event);
  }
  return out;
}

/** Decodes a KeyEvent envelope about the gateway's own key; `undefined` for any other entry. */
export function decodeGatewayKeyEvent(envelope: Uint8Array, gatewayId: string): GatewayKeyEvent | undefined {
  const env = atc.v1.Envelope.decode(envelope);
  const header = atc.v1.Header.decode(env.header);
  if (header.payloadType !== PayloadType.KeyEvent) return undefined;
  const event = atc.v1.KeyEvent.decode(env.payload);
  if (event.memberId !== gatewayId) return undefined;
  const protectedHeader = JSON.parse(Buffer.from(env.signature.split('.')[0] ?? '', 'base64url').toString('utf8')) as {
    kid?: unknown;
  };
  const type =
    event.type === atc.v1.KeyEventType.KEY_EVENT_TYPE_REGISTERED
      ? 'registered'
      : event.type === atc.v1.KeyEventType.KEY_EVENT_TYPE_REVOKED
        ? 'revoked'
        : undefined;
  if (type === undefined) return undefined;
  return {
    envelope,
    signerKid: typeof protectedHeader.kid === 'string' ? protectedHeader.kid : '',
    type,
    kid: event.kid,
    publicJwk: toPublicJwk(JSON.parse(event.publicJwk)),
    revokedAt: fromTimestamp(event.revokedAt),
  };
}

/**
 * The gateway keys an archive's rotations lead to `current`, newest first: walking back from
 * the current key, each REGISTERED entry naming a key in the chain must be signed by the key
 * before it, whose public half its REVOKED entry holds. Keys outside that chain are not
 * returned, so that an entry claiming some other signer cannot make it a gateway key. The
 * signatures themselves are checked by whoever uses the chain (`archive verify` checks every
 * entry's), and only the newest key is the anchor: the pinned keys of the node agents, which
 * follow each rotation forwards, are what proves the older keys were the centre's.
 */
export function gatewayKeyChain(events: readonly GatewayKeyEvent[], current: GatewayKeyRecord): GatewayKeyRecord[] {
  const chain: GatewayKeyRecord[] = [current];
  const seen = new Set([current.kid]);
  let head = current.kid;
  for (;;) {
    const registered = events.find((e) => e.type === 'registered' && e.kid === head && e.signerKid !== head);
    if (registered === undefined) break;
    const previous = events.find((e) => e.type === 'revoked' && e.kid === registered.signerKid);
    if (previous === undefined || seen.has(previous.kid)) break;
    seen.add(previous.kid);
    chain.push({ kid: previous.kid, publicKey: publicKeyFromJwk(previous.publicJwk) });
    head = previous.kid;
  }
  return chain;
}

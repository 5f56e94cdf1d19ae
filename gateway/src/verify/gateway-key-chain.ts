import type { KeyObject } from 'node:crypto';
import { atc, fromTimestamp, PayloadType, toPublicJwk, type PublicJwk } from '@atc/shared';

/** One of the gateway's own keys as its rotation events in the log name it. */
export interface GatewayKeyRecord {
  readonly kid: string;
  readonly publicKey: KeyObject;
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

/**
 * Decodes a KeyEvent envelope about the gateway's own key; `undefined` for any other entry.
 * Nothing is verified here: whoever uses the event checks its signature.
 *
 * @throws Error when the bytes are not an envelope, or its KeyEvent or key is malformed.
 */
export function decodeGatewayKeyEvent(envelope: Uint8Array, gatewayId: string): GatewayKeyEvent | undefined {
  const env = atc.v1.Envelope.decode(envelope);
  const header = atc.v1.Header.decode(env.header);
  if (header.payloadType !== PayloadType.KeyEvent) return undefined;
  const event = atc.v1.KeyEvent.decode(env.payload);
  if (event.memberId !== gatewayId) return undefined;
  const protectedHeader = JSON.parse(Buffer.from(env.signature.split('.')[0] ?? '', 'base64url').toString('utf8')) as {
    kid?: unknown;
  } | null;
  const type =
    event.type === atc.v1.KeyEventType.KEY_EVENT_TYPE_REGISTERED
      ? 'registered'
      : event.type === atc.v1.KeyEventType.KEY_EVENT_TYPE_REVOKED
        ? 'revoked'
        : undefined;
  if (type === undefined) return undefined;
  return {
    envelope,
    signerKid: typeof protectedHeader?.kid === 'string' ? protectedHeader.kid : '',
    type,
    kid: event.kid,
    publicJwk: toPublicJwk(JSON.parse(event.publicJwk)),
    revokedAt: fromTimestamp(event.revokedAt),
  };
}

/** One step back in a chain of gateway keys: the entries by which `older` handed over to its successor. */
export interface GatewayKeyLink<E extends GatewayKeyEvent> {
  /** The successor's REGISTERED entry (the announcement), signed by the older key. */
  readonly registered: E;
  /** The older key's REVOKED entry, holding its public key and the end of its grace. */
  readonly revoked: E;
}

/**
 * Walks the rotations back from `current`: each REGISTERED entry naming the key at the head
 * must be signed by another key, whose REVOKED entry holds its public half; that key becomes
 * the head. Stops where no entry leads further back, or at a key already met. Returns the
 * links newest first. Signatures are not checked here: whoever uses the links does.
 */
export function gatewayKeyLinks<E extends GatewayKeyEvent>(
  events: readonly E[],
  currentKid: string,
): GatewayKeyLink<E>[] {
  const links: GatewayKeyLink<E>[] = [];
  const seen = new Set([currentKid]);
  let head = currentKid;
  for (;;) {
    const registered = events.find((e) => e.type === 'registered' && e.kid === head && e.signerKid !== head);
    if (registered === undefined) break;
    const revoked = events.find((e) => e.type === 'revoked' && e.kid === registered.signerKid);
    if (revoked === undefined || seen.has(revoked.kid)) break;
    seen.add(revoked.kid);
    links.push({ registered, revoked });
    head = revoked.kid;
  }
  return links;
}

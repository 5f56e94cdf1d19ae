import type { NatsConnection } from '@nats-io/transport-node';
import { AtcError, ErrorCode, trustListGetSubject } from '@atc/shared';

/** One revision of the trust list as the KV bucket holds it. */
export interface TrustListEntry {
  /** The stream sequence of the revision: a later revision has a higher one. */
  readonly sequence: number;
  /** The signed trust list (compact JWS). */
  readonly jws: string;
}

/**
 * Reads the latest trust list from KV `ATC_TRUST` with one JetStream direct get of its key
 * (last message by subject): no consumer, no stream info, nothing a member's NATS user is
 * not allowed to do. Resolves `undefined` while the gateway has not published one (or it
 * was deleted). Rejects when NATS cannot answer (no bucket yet, outage, timeout).
 */
export async function readTrustList(nc: NatsConnection, timeoutMs = 5_000): Promise<TrustListEntry | undefined> {
  const m = await nc.request(trustListGetSubject, undefined, { timeout: timeoutMs });
  const headers = m.headers;
  if (headers?.code === 404) return undefined;
  if (headers?.hasError === true) {
    throw new AtcError(
      ErrorCode.TRUST_LIST_INVALID,
      `the trust list could not be read: NATS answered ${headers.code} ${headers.description}.`,
      { retryable: true },
    );
  }
  const operation = headers?.get('KV-Operation') ?? '';
  if (operation === 'DEL' || operation === 'PURGE') return undefined;
  const sequence = Number(headers?.get('Nats-Sequence'));
  if (!Number.isSafeInteger(sequence) || sequence <= 0) {
    throw new AtcError(ErrorCode.TRUST_LIST_INVALID, 'the trust list answer names no stream sequence.', {
      retryable: true,
    });
  }
  return { sequence, jws: m.string().trim() };
}

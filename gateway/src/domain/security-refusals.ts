import { RefusalCode } from '@atc/shared';

/**
 * Which refusals are security events, one entry per refusal code: someone signing what they
 * cannot (a forged or unknown key, a key of another member, a revoked one), speaking for another
 * member, or replaying another message's id. The rest are a member's honest mistakes
 * (malformed bytes, a bad clock, policy). The pipeline flags quarantine rows and the
 * `atc_gateway_security_events_total` counter with it; the operator API flags each code with it.
 */
export const SECURITY_REFUSALS: Readonly<Record<RefusalCode, boolean>> = Object.freeze({
  ERR_ENVELOPE_TOO_LARGE: false,
  ERR_ENVELOPE_EMPTY: false,
  ERR_ENVELOPE_MALFORMED: false,
  ERR_ENVELOPE_NOT_CANONICAL: false,
  ERR_HEADER_MALFORMED: false,
  ERR_FIELD_DUPLICATED: false,
  ERR_UTF8_INVALID: false,
  ERR_HEADER_FIELD_MISSING: false,
  ERR_HEADER_FIELD_INVALID: false,
  ERR_PROTOCOL_UNSUPPORTED: false,
  ERR_MESSAGE_ID_INVALID: false,
  ERR_MEMBER_ID_INVALID: false,
  ERR_PAYLOAD_TYPE_UNKNOWN: false,
  ERR_SIGNATURE_MALFORMED: false,
  ERR_SIGNATURE_NOT_DETACHED: false,
  ERR_SIGNATURE_ALGORITHM_NOT_ALLOWED: false,
  ERR_SENDER_MISMATCH: true,
  ERR_KEY_OWNER_MISMATCH: true,
  ERR_KEY_UNKNOWN: true,
  ERR_KEY_REVOKED: true,
  ERR_KEY_NOT_VALID_AT_TIME: false,
  ERR_SIGNATURE_INVALID: true,
  ERR_PAYLOAD_DIGEST_MISMATCH: true,
  ERR_PAYLOAD_MALFORMED: false,
  ERR_MESSAGE_ID_REUSED: true,
  ERR_TIMESTAMP_IN_FUTURE: false,
  ERR_TIMESTAMP_TOO_OLD: false,
  ERR_SENDER_UNKNOWN: true,
  ERR_SENDER_SUSPENDED: false,
  ERR_RECIPIENT_UNKNOWN: false,
  ERR_RECIPIENT_SUSPENDED: false,
  ERR_BROADCAST_RED_FORBIDDEN: false,
  ERR_POLICY_DENIED: false,
  ERR_PAYLOAD_TYPE_NOT_ALLOWED: false,
  ERR_REFERENCE_UNKNOWN: false,
  ERR_NOT_ORIGINATOR: true,
  ERR_REFERENCE_MISMATCH: false,
});

/** True when a refusal with this code is a security event (unknown codes are not). */
export function isSecurityRefusal(code: string): boolean {
  return Object.hasOwn(SECURITY_REFUSALS, code) && SECURITY_REFUSALS[code as RefusalCode];
}

/**
 * Refusals whose message id may belong to someone else (a replayed id, a forged sender): the
 * original REJECTED receipt is never resent for them, since it would tell a member about
 * another's message.
 */
export function namesAnothersMessage(code: string): boolean {
  return code === RefusalCode.MESSAGE_ID_REUSED || code === RefusalCode.SENDER_MISMATCH;
}

import { RefusalCode } from '@atc/shared';

/**
 * Which refusals are security events, one entry per refusal code: someone signing what they
 * cannot (a forged or unknown key, a key of another member, a revoked one), speaking for another
 * member, or replaying another message's id. The rest are a member's honest mistakes
 * (malformed bytes, a bad clock, policy). The pipeline flags quarantine rows and the
 * `atc_gateway_security_events_total` counter with it; the operator API flags each code with it.
 */
export const SECURITY_REFUSALS: Readonly<Record<RefusalCode, boolean>> = Object.freeze({
  [RefusalCode.ENVELOPE_TOO_LARGE]: false,
  [RefusalCode.ENVELOPE_EMPTY]: false,
  [RefusalCode.ENVELOPE_MALFORMED]: false,
  [RefusalCode.ENVELOPE_NOT_CANONICAL]: false,
  [RefusalCode.HEADER_MALFORMED]: false,
  [RefusalCode.FIELD_DUPLICATED]: false,
  [RefusalCode.UTF8_INVALID]: false,
  [RefusalCode.HEADER_FIELD_MISSING]: false,
  [RefusalCode.HEADER_FIELD_INVALID]: false,
  [RefusalCode.PROTOCOL_UNSUPPORTED]: false,
  [RefusalCode.MESSAGE_ID_INVALID]: false,
  [RefusalCode.MEMBER_ID_INVALID]: false,
  [RefusalCode.PAYLOAD_TYPE_UNKNOWN]: false,
  [RefusalCode.SIGNATURE_MALFORMED]: false,
  [RefusalCode.SIGNATURE_NOT_DETACHED]: false,
  [RefusalCode.SIGNATURE_ALGORITHM_NOT_ALLOWED]: false,
  [RefusalCode.SENDER_MISMATCH]: true,
  [RefusalCode.KEY_OWNER_MISMATCH]: true,
  [RefusalCode.KEY_UNKNOWN]: true,
  [RefusalCode.KEY_REVOKED]: true,
  [RefusalCode.KEY_NOT_VALID_AT_TIME]: false,
  [RefusalCode.SIGNATURE_INVALID]: true,
  [RefusalCode.PAYLOAD_DIGEST_MISMATCH]: true,
  [RefusalCode.PAYLOAD_MALFORMED]: false,
  [RefusalCode.MESSAGE_ID_REUSED]: true,
  [RefusalCode.TIMESTAMP_IN_FUTURE]: false,
  [RefusalCode.TIMESTAMP_TOO_OLD]: false,
  [RefusalCode.SENDER_UNKNOWN]: true,
  [RefusalCode.SENDER_SUSPENDED]: false,
  [RefusalCode.RECIPIENT_UNKNOWN]: false,
  [RefusalCode.RECIPIENT_SUSPENDED]: false,
  [RefusalCode.BROADCAST_RED_FORBIDDEN]: false,
  [RefusalCode.POLICY_DENIED]: false,
  [RefusalCode.PAYLOAD_TYPE_NOT_ALLOWED]: false,
  [RefusalCode.REFERENCE_UNKNOWN]: false,
  [RefusalCode.NOT_ORIGINATOR]: true,
  [RefusalCode.REFERENCE_MISMATCH]: false,
  [RefusalCode.QUERY_TOO_BROAD]: false,
  [RefusalCode.QUERY_LIMIT_INVALID]: false,
  [RefusalCode.QUERY_NAME_UNREADABLE]: false,
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

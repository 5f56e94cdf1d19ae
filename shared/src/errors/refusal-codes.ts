/**
 * The closed set of refusal codes: one per check of the gateway pipeline (DESIGN.md
 * section 4), in pipeline order. Each code `ERR_X` is carried on the wire as the
 * `atc.v1.ReasonCode` value `REASON_CODE_X`; a test keeps the two lists identical.
 */
export const RefusalCode = {
  ENVELOPE_TOO_LARGE: 'ERR_ENVELOPE_TOO_LARGE',
  ENVELOPE_EMPTY: 'ERR_ENVELOPE_EMPTY',
  ENVELOPE_MALFORMED: 'ERR_ENVELOPE_MALFORMED',
  ENVELOPE_NOT_CANONICAL: 'ERR_ENVELOPE_NOT_CANONICAL',
  HEADER_MALFORMED: 'ERR_HEADER_MALFORMED',
  FIELD_DUPLICATED: 'ERR_FIELD_DUPLICATED',
  UTF8_INVALID: 'ERR_UTF8_INVALID',
  HEADER_FIELD_MISSING: 'ERR_HEADER_FIELD_MISSING',
  HEADER_FIELD_INVALID: 'ERR_HEADER_FIELD_INVALID',
  PROTOCOL_UNSUPPORTED: 'ERR_PROTOCOL_UNSUPPORTED',
  MESSAGE_ID_INVALID: 'ERR_MESSAGE_ID_INVALID',
  MEMBER_ID_INVALID: 'ERR_MEMBER_ID_INVALID',
  PAYLOAD_TYPE_UNKNOWN: 'ERR_PAYLOAD_TYPE_UNKNOWN',
  SIGNATURE_MALFORMED: 'ERR_SIGNATURE_MALFORMED',
  SIGNATURE_NOT_DETACHED: 'ERR_SIGNATURE_NOT_DETACHED',
  SIGNATURE_ALGORITHM_NOT_ALLOWED: 'ERR_SIGNATURE_ALGORITHM_NOT_ALLOWED',
  SENDER_MISMATCH: 'ERR_SENDER_MISMATCH',
  KEY_OWNER_MISMATCH: 'ERR_KEY_OWNER_MISMATCH',
  KEY_UNKNOWN: 'ERR_KEY_UNKNOWN',
  KEY_REVOKED: 'ERR_KEY_REVOKED',
  KEY_NOT_VALID_AT_TIME: 'ERR_KEY_NOT_VALID_AT_TIME',
  SIGNATURE_INVALID: 'ERR_SIGNATURE_INVALID',
  PAYLOAD_DIGEST_MISMATCH: 'ERR_PAYLOAD_DIGEST_MISMATCH',
  PAYLOAD_MALFORMED: 'ERR_PAYLOAD_MALFORMED',
  MESSAGE_ID_REUSED: 'ERR_MESSAGE_ID_REUSED',
  TIMESTAMP_IN_FUTURE: 'ERR_TIMESTAMP_IN_FUTURE',
  TIMESTAMP_TOO_OLD: 'ERR_TIMESTAMP_TOO_OLD',
  SENDER_UNKNOWN: 'ERR_SENDER_UNKNOWN',
  SENDER_SUSPENDED: 'ERR_SENDER_SUSPENDED',
  RECIPIENT_UNKNOWN: 'ERR_RECIPIENT_UNKNOWN',
  RECIPIENT_SUSPENDED: 'ERR_RECIPIENT_SUSPENDED',
  BROADCAST_RED_FORBIDDEN: 'ERR_BROADCAST_RED_FORBIDDEN',
  POLICY_DENIED: 'ERR_POLICY_DENIED',
  PAYLOAD_TYPE_NOT_ALLOWED: 'ERR_PAYLOAD_TYPE_NOT_ALLOWED',
  REFERENCE_UNKNOWN: 'ERR_REFERENCE_UNKNOWN',
  NOT_ORIGINATOR: 'ERR_NOT_ORIGINATOR',
  REFERENCE_MISMATCH: 'ERR_REFERENCE_MISMATCH',
  QUERY_TOO_BROAD: 'ERR_QUERY_TOO_BROAD',
  QUERY_LIMIT_INVALID: 'ERR_QUERY_LIMIT_INVALID',
  QUERY_NAME_UNREADABLE: 'ERR_QUERY_NAME_UNREADABLE',
} as const;

/** One of the refusal codes. */
export type RefusalCode = (typeof RefusalCode)[keyof typeof RefusalCode];

/**
 * What each refusal means and what the sender can do about it: the second sentence of
 * every refusal message, and the table in the README.
 */
export const refusalAdvice: Readonly<Record<RefusalCode, string>> = {
  ERR_ENVELOPE_TOO_LARGE: 'Reduce the record (drop attachments or split it) below the size limit.',
  ERR_ENVELOPE_EMPTY: 'Send a serialized atc.v1.Envelope, not an empty message.',
  ERR_ENVELOPE_MALFORMED: 'Send a serialized atc.v1.Envelope (protobuf, not JSON or text).',
  ERR_ENVELOPE_NOT_CANONICAL:
    'Serialize the envelope with exactly the fields header, payload and signature, in that order, each once.',
  ERR_HEADER_MALFORMED: 'Envelope.header must hold a serialized atc.v1.Header.',
  ERR_FIELD_DUPLICATED: 'Serialize each non-repeated field once; do not concatenate messages.',
  ERR_UTF8_INVALID: 'Encode every text field as UTF-8.',
  ERR_HEADER_FIELD_MISSING: 'Fill in the named header field.',
  ERR_HEADER_FIELD_INVALID: 'Correct the named header field as the protocol describes it.',
  ERR_PROTOCOL_UNSUPPORTED: 'Set header.protocol to 1.',
  ERR_MESSAGE_ID_INVALID: 'Use a lowercase UUIDv7 as message id.',
  ERR_MEMBER_ID_INVALID: 'Use member ids of 2 to 16 capital letters or digits starting with a letter, e.g. KZ.',
  ERR_PAYLOAD_TYPE_UNKNOWN: 'Use one of the atc.v1 record types as header.payload_type.',
  ERR_SIGNATURE_MALFORMED:
    'Sign as a compact JWS whose protected header is exactly the bytes {"alg":"EdDSA","kid":"<your key\'s RFC 7638 thumbprint>","typ":"atc+protobuf"} (in this order, each parameter once, no whitespace or escapes) and a 64-byte signature.',
  ERR_SIGNATURE_NOT_DETACHED: 'Detach the JWS payload: send BASE64URL(protected) + ".." + BASE64URL(signature).',
  ERR_SIGNATURE_ALGORITHM_NOT_ALLOWED: 'Sign with EdDSA (Ed25519); no other algorithm is accepted.',
  ERR_SENDER_MISMATCH: 'Publish on your own submit subject with your own member id as header.sender.',
  ERR_KEY_OWNER_MISMATCH: 'Sign with a key registered to the member named in header.sender.',
  ERR_KEY_UNKNOWN: 'Register the key with the centre before signing with it, or sign with a registered key.',
  ERR_KEY_REVOKED: 'Sign with your current key; this one is revoked.',
  ERR_KEY_NOT_VALID_AT_TIME: "Check the key's validity period and the message's created_at.",
  ERR_SIGNATURE_INVALID: 'Sign exactly the header bytes you send, with the key named by kid.',
  ERR_PAYLOAD_DIGEST_MISMATCH: 'Put the SHA-256 of the payload bytes you send into header.payload_sha256.',
  ERR_PAYLOAD_MALFORMED: 'Send a payload that decodes as header.payload_type and has its required fields.',
  ERR_MESSAGE_ID_REUSED: 'Use a fresh message id for a new message; resend only identical bytes under an old one.',
  ERR_TIMESTAMP_IN_FUTURE: "Check the sending system's clock.",
  ERR_TIMESTAMP_TOO_OLD: "Check the sending system's clock, or resubmit the record as a new message.",
  ERR_SENDER_UNKNOWN: 'Ask the centre to register the member.',
  ERR_SENDER_SUSPENDED: 'The member is suspended; contact the centre.',
  ERR_RECIPIENT_UNKNOWN: 'Address registered members only.',
  ERR_RECIPIENT_SUSPENDED: 'Remove the suspended member from the recipients or wait until it is reinstated.',
  ERR_BROADCAST_RED_FORBIDDEN: 'Address TLP:RED messages to named recipients, or lower the marking.',
  ERR_POLICY_DENIED: 'Check the routing and handling policy for this exchange with the centre.',
  ERR_PAYLOAD_TYPE_NOT_ALLOWED:
    'Members do not send receipts, key events or search results; send records, requests, queries, delivery acks or purge acks.',
  ERR_REFERENCE_UNKNOWN: 'Refer only to messages the centre has accepted and routed to you (or that you sent).',
  ERR_NOT_ORIGINATOR: 'Only the originator of a record may change or withdraw it; ask the originator to do so.',
  ERR_REFERENCE_MISMATCH:
    "Make the message's references agree: a DeliveryAck's header.in_reply_to is the message id it acknowledges; a PurgeAck's is the RecordWithdrawal it answers; an InformationResponse answers an InformationRequest, goes back to its sender and keeps its exercise marking.",
  ERR_QUERY_TOO_BROAD:
    'Give at least one name part of two letters or more, or a document number; a date of birth, sex or nationality alone matches too many people.',
  ERR_QUERY_LIMIT_INVALID: 'Ask for 1 to 50 hits (or leave the limit out for 10).',
  ERR_QUERY_NAME_UNREADABLE:
    'Write each name part in the Cyrillic, Armenian or Latin script, with letters only (no digits or symbols), one script per part.',
};

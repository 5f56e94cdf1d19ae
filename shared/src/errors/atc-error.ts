import { refusalAdvice, type RefusalCode } from './refusal-codes.js';

/** Codes of errors that are not refusals of a message. */
export const ErrorCode = {
  CONFIG_INVALID: 'ERR_CONFIG_INVALID',
  /** The TLS handshake with NATS failed: an untrusted server certificate, or a client certificate refused. */
  NATS_TLS_FAILED: 'ERR_NATS_TLS_FAILED',
  KEY_FILE_UNSAFE: 'ERR_KEY_FILE_UNSAFE',
  KEY_FILE_INVALID: 'ERR_KEY_FILE_INVALID',
  KEY_FILE_EXISTS: 'ERR_KEY_FILE_EXISTS',
  KEY_INVALID: 'ERR_KEY_INVALID',
  ENCODE_INVALID: 'ERR_ENCODE_INVALID',
  INTERNAL: 'ERR_INTERNAL',
  /** A signed trust list that does not verify against the pinned gateway key, or is malformed. */
  TRUST_LIST_INVALID: 'ERR_TRUST_LIST_INVALID',
  /** A command line a program cannot make sense of. */
  USAGE: 'ERR_USAGE',
  /** A command that needs state (a data dir, a key, a database) that was never created. */
  NOT_INITIALISED: 'ERR_NOT_INITIALISED',
  /** An Idempotency-Key sent again with a different request. */
  IDEMPOTENCY_KEY_REUSED: 'ERR_IDEMPOTENCY_KEY_REUSED',
  // Member registry changes (gateway and its CLI). Unknown keys and malformed member ids
  // use the refusal codes ERR_KEY_UNKNOWN and ERR_MEMBER_ID_INVALID.
  REASON_REQUIRED: 'ERR_REASON_REQUIRED',
  ACTOR_REQUIRED: 'ERR_ACTOR_REQUIRED',
  MEMBER_EXISTS: 'ERR_MEMBER_EXISTS',
  MEMBER_UNKNOWN: 'ERR_MEMBER_UNKNOWN',
  MEMBER_NAME_INVALID: 'ERR_MEMBER_NAME_INVALID',
  MEMBER_KIND_INVALID: 'ERR_MEMBER_KIND_INVALID',
  MEMBER_STATUS_INVALID: 'ERR_MEMBER_STATUS_INVALID',
  MEMBER_STATUS_UNCHANGED: 'ERR_MEMBER_STATUS_UNCHANGED',
  KEY_EXISTS: 'ERR_KEY_EXISTS',
  KEY_ALREADY_REVOKED: 'ERR_KEY_ALREADY_REVOKED',
  KEY_VALIDITY_INVALID: 'ERR_KEY_VALIDITY_INVALID',
  REVOCATION_REASON_INVALID: 'ERR_REVOCATION_REASON_INVALID',
  // The verifiable log (RFC 9162 Merkle tree, C2SP signed notes and checkpoints).
  /** A leaf index or tree size outside the tree, negative, or not a safe integer. */
  LOG_RANGE: 'ERR_LOG_RANGE',
  /** A stored tree node that a proof or a frontier needs is absent. */
  LOG_NODE_MISSING: 'ERR_LOG_NODE_MISSING',
  /** A hash that is not 32 bytes where a SHA-256 tree hash belongs. */
  LOG_HASH_INVALID: 'ERR_LOG_HASH_INVALID',
  /** Two views of the log that cannot both be true (a failed consistency proof, a fork). */
  LOG_INCONSISTENT: 'ERR_LOG_INCONSISTENT',
  /** An inclusion proof that does not link a leaf to the root it is said to be under. */
  INCLUSION_PROOF_INVALID: 'ERR_INCLUSION_PROOF_INVALID',
  /** A gateway receipt whose envelope_sha256 is not the digest of the envelope it answers. */
  RECEIPT_OTHER_ENVELOPE: 'ERR_RECEIPT_OTHER_ENVELOPE',
  /** A checkpoint body that is not a strict C2SP tlog-checkpoint, or of another log. */
  CHECKPOINT_INVALID: 'ERR_CHECKPOINT_INVALID',
  /** A text that is not a well-formed C2SP signed note. */
  NOTE_INVALID: 'ERR_NOTE_INVALID',
  /** A signed note or cosignature that does not verify against the expected key. */
  NOTE_SIGNATURE_INVALID: 'ERR_NOTE_SIGNATURE_INVALID',
  /** A witness's request to the log service that is not well-formed. */
  LOG_REQUEST_INVALID: 'ERR_LOG_REQUEST_INVALID',
  /** A reply of the log service that is not well-formed: the witness does not use it. */
  LOG_REPLY_INVALID: 'ERR_LOG_REPLY_INVALID',
  // HTTP access: the gateway's bearer tokens with roles (managed with "atc-gateway tokens"),
  // the agent's API keys.
  /** No bearer token, or one that is unknown, revoked or expired. */
  UNAUTHENTICATED: 'ERR_UNAUTHENTICATED',
  /** A valid token whose role does not allow the request. */
  FORBIDDEN: 'ERR_FORBIDDEN',
  TOKEN_NAME_INVALID: 'ERR_TOKEN_NAME_INVALID',
  TOKEN_ROLE_INVALID: 'ERR_TOKEN_ROLE_INVALID',
  TOKEN_EXPIRY_INVALID: 'ERR_TOKEN_EXPIRY_INVALID',
  TOKEN_EXISTS: 'ERR_TOKEN_EXISTS',
  TOKEN_UNKNOWN: 'ERR_TOKEN_UNKNOWN',
  /** The tokens file cannot be read, parsed or written. */
  TOKENS_FILE_INVALID: 'ERR_TOKENS_FILE_INVALID',
  /** JetStream did not store a publication (refused, no stream, or no acknowledgement in time). */
  PUBLISH_FAILED: 'ERR_PUBLISH_FAILED',
  /** A query parameter outside what the route accepts. */
  QUERY_INVALID: 'ERR_QUERY_INVALID',
  /** The service's own disk is full: nothing was written; retry once space is freed. */
  STORAGE_FULL: 'ERR_STORAGE_FULL',
  /** The service's own database cannot write (I/O error, read-only, connection lost): retry later. */
  STORAGE_UNAVAILABLE: 'ERR_STORAGE_UNAVAILABLE',
  /**
   * The agent's clock is off the centre's by more than it allows: nothing was signed (the centre
   * would refuse the record's created_at); retry once the clock is synchronised (NTP).
   */
  CLOCK_SKEW: 'ERR_CLOCK_SKEW',
  // The HTTP edges of both services: one vocabulary for what the framework refuses.
  /** A request body, path parameter or header that its route's schema does not allow. */
  VALIDATION: 'ERR_VALIDATION',
  /** A JSON body that does not parse (empty, truncated, not UTF-8). */
  MALFORMED_JSON: 'ERR_MALFORMED_JSON',
  /** A JSON body naming `__proto__` or `constructor`, keys that could reach object prototypes. */
  JSON_KEY_FORBIDDEN: 'ERR_JSON_KEY_FORBIDDEN',
  /** A JSON body naming the same key twice in one object: parsers disagree on which one wins. */
  JSON_KEY_DUPLICATE: 'ERR_JSON_KEY_DUPLICATE',
  /** A request body over the service's body limit. */
  BODY_TOO_LARGE: 'ERR_BODY_TOO_LARGE',
  /** A request body in a content type the route does not read. */
  UNSUPPORTED_MEDIA_TYPE: 'ERR_UNSUPPORTED_MEDIA_TYPE',
  /** No route for this method and path. */
  NOT_FOUND: 'ERR_NOT_FOUND',
  /** A path that is not a valid URL (broken percent-encoding). */
  URL_INVALID: 'ERR_URL_INVALID',
  /** A path parameter longer than the router accepts. */
  URL_TOO_LONG: 'ERR_URL_TOO_LONG',
  /** Request headers over the HTTP server's limit. */
  HEADERS_TOO_LARGE: 'ERR_HEADERS_TOO_LARGE',
  /** A request that was not received whole in time. */
  REQUEST_TIMEOUT: 'ERR_REQUEST_TIMEOUT',
  /** A request that is not well-formed HTTP, or that the framework refuses for another reason. */
  BAD_REQUEST: 'ERR_BAD_REQUEST',
  /** Too many failed authentications from one client address: wait for Retry-After. */
  RATE_LIMITED: 'ERR_RATE_LIMITED',
  /**
   * A state-changing request authenticated by the console's session cookie without the
   * `X-CSRF-Token` header its sign-in returned (or with another value): nothing was changed.
   */
  CSRF: 'ERR_CSRF',
  /** The gateway serves the operator console, but it was not built (`npm run build`), or ATC_CONSOLE_DIR names no build. */
  CONSOLE_NOT_BUILT: 'ERR_CONSOLE_NOT_BUILT',
  /** No message with this id in the archive (gateway) or among those sent (agent). */
  MESSAGE_UNKNOWN: 'ERR_MESSAGE_UNKNOWN',
  /** No inbox item with this id (agent). */
  ITEM_UNKNOWN: 'ERR_ITEM_UNKNOWN',
  /**
   * The inbox item belonged to a record its originator withdrew: the agent erased its content
   * (410, with the tombstone: who withdrew it, why, when, which versions).
   */
  ITEM_WITHDRAWN: 'ERR_ITEM_WITHDRAWN',
  /**
   * The national system took the inbox item longer than the agent's inbox retention ago
   * (ATC_INBOX_RETENTION): the agent removed its content (410, with when it was taken and removed).
   */
  ITEM_EXPIRED: 'ERR_ITEM_EXPIRED',
  /** No withdrawal with this id among those the agent received. */
  WITHDRAWAL_UNKNOWN: 'ERR_WITHDRAWAL_UNKNOWN',
  /** The gateway has not published its trust list yet. */
  TRUST_LIST_UNAVAILABLE: 'ERR_TRUST_LIST_UNAVAILABLE',
  // Offline checks of the archive (atc-gateway archive verify, atc-verify).
  /** An archive whose entries, log or checkpoints do not agree: something changed what was stored. */
  ARCHIVE_TAMPERED: 'ERR_ARCHIVE_TAMPERED',
  /** An export bundle that is not JSON, or whose entries do not verify against its log and key. */
  BUNDLE_INVALID: 'ERR_BUNDLE_INVALID',
  /** A bundle's checkpoint not signed by the gateway key the verifier trusts (`atc-verify --gateway-key`). */
  GATEWAY_KEY_UNTRUSTED: 'ERR_GATEWAY_KEY_UNTRUSTED',
  /**
   * A gateway key rotation entry a bundle relies on that its checkpoint does not prove (no valid
   * inclusion proof), or a rotation the bundle leaves out where an older key signed something.
   */
  GATEWAY_ROTATION_UNPROVED: 'ERR_GATEWAY_ROTATION_UNPROVED',
  /**
   * A gateway key rotation entry that does not hold: not signed by the key it replaces, malformed,
   * or naming a key the chain from the trusted key does not reach.
   */
  GATEWAY_ROTATION_INVALID: 'ERR_GATEWAY_ROTATION_INVALID',
  /** A checkpoint signed by an older gateway key after its rotation and past the grace the rotation declared. */
  GATEWAY_KEY_RETIRED: 'ERR_GATEWAY_KEY_RETIRED',
  // Backups of the SQLite stores (atc-gateway archive backup|restore, atc-agent state backup|restore).
  /** The backup file (or the restore target, or its -wal/-shm beside it) exists already: nothing was written. */
  BACKUP_TARGET_EXISTS: 'ERR_BACKUP_TARGET_EXISTS',
  /** The backup (or restore) folder does not exist or cannot be written: nothing was left there. */
  BACKUP_UNWRITABLE: 'ERR_BACKUP_UNWRITABLE',
  /**
   * A file given as a backup that is not one: not SQLite, truncated or corrupt (integrity_check),
   * another program's database, or a store whose content does not verify. Nothing was restored.
   */
  BACKUP_INVALID: 'ERR_BACKUP_INVALID',
  /** A backup asked of a store this command cannot copy (a PostgreSQL archive: use pg_dump). */
  BACKUP_UNSUPPORTED: 'ERR_BACKUP_UNSUPPORTED',
  // What the data bank flags instead of applying (kept with the archive entry, shown to operators).
  /** A withdrawal names a record the bank does not hold. */
  RECORD_UNKNOWN: 'ERR_RECORD_UNKNOWN',
  /** A version arrived for a record already withdrawn: kept in history, the record stays withdrawn. */
  RECORD_WITHDRAWN: 'ERR_RECORD_WITHDRAWN',
  /** Retention erased the payload before the bank read it: nothing to apply. */
  PAYLOAD_ERASED: 'ERR_PAYLOAD_ERASED',
  /**
   * A PurgeAck whose versions leave out some the member received of the withdrawn record: kept,
   * and the member's purge stays open (overdue in time) until an ack that covers them arrives.
   */
  PURGE_INCOMPLETE: 'ERR_PURGE_INCOMPLETE',
  // The data bank's operator API and the audit of its reads.
  /** A read of record content without a stated purpose (3 to 500 characters, `purpose=`): nothing was read. */
  PURPOSE_REQUIRED: 'ERR_PURPOSE_REQUIRED',
  /** A `cursor` that is not one this list returned as `next_cursor`: start the list again without it. */
  CURSOR_INVALID: 'ERR_CURSOR_INVALID',
  /** The audit row of a content read could not be written, so the content was not sent: retry later. */
  AUDIT_UNAVAILABLE: 'ERR_AUDIT_UNAVAILABLE',
  /** A row of the audit log does not match its hash chain: it was changed, removed or inserted outside the gateway. */
  AUDIT_CHAIN_BROKEN: 'ERR_AUDIT_CHAIN_BROKEN',
  /** A version arrived with its handling.review_by already passed: kept in history, never current. */
  REVIEW_DATE_PASSED: 'ERR_REVIEW_DATE_PASSED',
  // Data bank subjects and the operators' decisions on them.
  /** No subject with this id in the namespace asked (operational or exercise). */
  SUBJECT_UNKNOWN: 'ERR_SUBJECT_UNKNOWN',
  /** No candidate link with this id in the namespace asked. */
  CANDIDATE_UNKNOWN: 'ERR_CANDIDATE_UNKNOWN',
  /** A decision on a candidate link that is no longer open (decided, or its records now one subject). */
  CANDIDATE_STALE: 'ERR_CANDIDATE_STALE',
  /** No operator decision with this id in the namespace asked. */
  DECISION_UNKNOWN: 'ERR_DECISION_UNKNOWN',
  /** A revert of a decision already reverted, or of a revert (make the decision again instead). */
  DECISION_STALE: 'ERR_DECISION_STALE',
  /** A split of a record that is not in the subject named, or of a subject's only record. */
  SPLIT_INVALID: 'ERR_SPLIT_INVALID',
  /** A decision while a rebuild has not yet re-applied the decisions made before it: retry shortly. */
  DATABANK_BUSY: 'ERR_DATABANK_BUSY',
  /**
   * The data bank's own file beside a SQLite archive is not SQLite, or is damaged: it never heals
   * by itself. Delete it (it holds only what the archive rebuilds) and start again.
   */
  DATABANK_FILE_DAMAGED: 'ERR_DATABANK_FILE_DAMAGED',
  // Name match keys (search across alphabets).
  /** A name part with no letters at all (empty, or only spaces, dashes and apostrophes). */
  NAME_NO_LETTERS: 'ERR_NAME_NO_LETTERS',
  /** A name part in a script, or with a letter or symbol, that the transliteration tables cannot read. */
  NAME_SCRIPT_UNSUPPORTED: 'ERR_NAME_SCRIPT_UNSUPPORTED',
  // Too broad a person search and a limit outside 1..50 are refusal codes (RefusalCode.QUERY_TOO_BROAD,
  // QUERY_LIMIT_INVALID): a member's DataBankQuery is refused with them, and every API gives the same.
  // The agent's inbox.
  /** An item on the agent's inbox subject that is neither addressed to its member nor a broadcast. */
  NOT_ADDRESSED: 'ERR_NOT_ADDRESSED',
  // The webhook signature (`Atc-Signature`) a national system checks on the agent's calls. The
  // agent's webhook-signature module keeps its own copy of these values, since receivers copy
  // that file as it is; a test keeps both the same.
  /** No `Atc-Signature` header, or an empty one. */
  WEBHOOK_SIGNATURE_MISSING: 'ERR_WEBHOOK_SIGNATURE_MISSING',
  /** Not `t=<unix seconds>,v1=<64 hex digits>[,v1=...]`. */
  WEBHOOK_SIGNATURE_MALFORMED: 'ERR_WEBHOOK_SIGNATURE_MALFORMED',
  /** No `v1` value is the HMAC of the body under any of the receiver's secrets. */
  WEBHOOK_SIGNATURE_MISMATCH: 'ERR_WEBHOOK_SIGNATURE_MISMATCH',
  /** Authentic, but signed longer ago than the tolerance. */
  WEBHOOK_TIMESTAMP_TOO_OLD: 'ERR_WEBHOOK_TIMESTAMP_TOO_OLD',
  /** Authentic, but signed further in the future than the tolerance. */
  WEBHOOK_TIMESTAMP_IN_FUTURE: 'ERR_WEBHOOK_TIMESTAMP_IN_FUTURE',
  // The agent's watched drop folder.
  /** A file dropped into the folder's in/ whose name does not end in .jsonl: moved to failed/. */
  DROP_FILE_NOT_JSONL: 'ERR_DROP_FILE_NOT_JSONL',
  /** A dropped file removed or replaced while the agent read it: the lines not yet read were not sent. */
  DROP_FILE_GONE: 'ERR_DROP_FILE_GONE',
  /** The drop folder cannot be written (done/, failed/, out/ or a report): retried, nothing is lost. */
  DROP_FOLDER_UNWRITABLE: 'ERR_DROP_FOLDER_UNWRITABLE',
} as const;

/** One of the non-refusal error codes. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Every code an {@link AtcError} may carry. */
export type AnyErrorCode = ErrorCode | RefusalCode;

/** Options shared by every {@link AtcError}. */
export interface AtcErrorOptions {
  /** The underlying error, kept for logs. */
  readonly cause?: unknown;
  /** Whether trying the same thing again later may succeed. */
  readonly retryable?: boolean;
}

/**
 * The root of the project's errors. `code` is stable and meant to be switched on;
 * `message` is a sentence a person can act on; `retryable` says whether the same
 * operation may succeed later (transient) or never will (terminal).
 */
export class AtcError extends Error {
  override readonly name: string = 'AtcError';
  /** Stable code, e.g. `ERR_SIGNATURE_INVALID`. */
  readonly code: AnyErrorCode;
  /** True when the same operation may succeed later. */
  readonly retryable: boolean;

  constructor(code: AnyErrorCode, message: string, options: AtcErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
}

/**
 * A message refused by a verification or policy check. Always terminal: sending the
 * same bytes again is refused again. `field` names the offending field when there is one.
 */
export class RefusalError extends AtcError {
  override readonly name = 'RefusalError';
  declare readonly code: RefusalCode;
  /** The offending field (protobuf name), when the refusal is about one field. */
  readonly field: string | undefined;
  /** What was wrong, without the advice sentence. */
  readonly detail: string;

  constructor(code: RefusalCode, detail: string, options: { field?: string; cause?: unknown } = {}) {
    super(code, `${detail}. ${refusalAdvice[code]}`, { cause: options.cause, retryable: false });
    this.field = options.field;
    this.detail = detail;
  }
}

/** True when `e` is an {@link AtcError} (of any subclass). */
export function isAtcError(e: unknown): e is AtcError {
  return e instanceof AtcError;
}

/** True when `e` is a {@link RefusalError}. */
export function isRefusal(e: unknown): e is RefusalError {
  return e instanceof RefusalError;
}

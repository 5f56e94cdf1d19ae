/**
 * @atc/shared: what the gateway and the node agent both use. This is the one public
 * entry; other packages never import from deeper paths.
 */
export { atc } from './proto/protobuf.js';
export {
  DATA_RECORD_TYPES,
  isVersionedRecordType,
  PayloadType,
  payloadKind,
  recordVersionOf,
  VERSIONED_RECORD_TYPES,
  type PayloadInput,
  type RecordVersion,
} from './proto/payload-types.js';

export { encodeEnvelope, envelopeParts } from './codec/decode-envelope.js';
export { decodePayload } from './codec/decode-payload.js';
export { MAX_RECIPIENTS } from './codec/header-rules.js';
export { validateReferences } from './codec/validate-references.js';
export { replyDueProblem, REPLY_DUE_MAX_MS } from './codec/reply-due.js';
export { restrictionOf } from './codec/restriction.js';

export {
  canonicalProtectedHeader,
  parseDetachedJws,
  protectedHeaderFor,
  signingInput,
  SIGNATURE_BYTES,
} from './signing/detached-jws.js';
export {
  checkEnvelope,
  completeEnvelope,
  prepareOwnEnvelope,
  signEnvelope,
  signOwnEnvelope,
  signHeaderBytes,
  type HeaderInput,
  type UnsignedEnvelope,
  type SignedEnvelope,
  type Signer,
  type SignRequest,
} from './signing/sign-envelope.js';
export {
  verifyEnvelope,
  type SignatureCheck,
  type VerifiedEnvelope,
  type VerifyOptions,
} from './signing/verify-envelope.js';
export { verifyReceipt, type PinnedGateway, type VerifiedReceipt } from './signing/verify-receipt.js';
export {
  checkKeyValidity,
  RevocationReason,
  StaticKeyResolver,
  type KeyResolver,
  type ResolvedKey,
} from './signing/key-resolver.js';

export { toPublicJwk, publicKeyFromJwk, type PublicJwk } from './keys/ed25519-jwk.js';
export { generateKeyPair, keyPairFromJwk, type KeyPair } from './keys/key-pair.js';
export { loadKeyFile, saveKeyFile } from './keys/key-file.js';

export {
  Subjects,
  Streams,
  submitSubject,
  inboxSubject,
  inboxConsumer,
  logSubject,
  witnessKeyName,
  inboxDedupeId,
  memberOfSubmitSubject,
  inboxPullSubject,
  inboxAckSubjects,
  trustListGetSubject,
  memberInboxPrefix,
} from './subjects.js';

export { uuidv7, uuidv7From, uuidv7Time, isUuidV7, UUID_V7_PATTERN } from './util/uuid-v7.js';
export { sha256 } from './util/sha256.js';
export { isMemberId, MEMBER_ID_PATTERN } from './util/member-id.js';
export { backoffDelay, Jitter, type BackoffOptions } from './util/backoff.js';
export { toTimestamp, fromTimestamp, toIso, systemClock, Duration, type Clock } from './util/time.js';

export { loadConfig, describeSettings, ConfigError, type ValuesOf } from './config/load-config.js';
export { parsers, type Parser } from './config/parsers.js';

export { createLogger, type Logger } from './logging/create-logger.js';

export { AtcError, RefusalError, ErrorCode, isAtcError, isRefusal, type AnyErrorCode } from './errors/atc-error.js';
export { RefusalCode, refusalAdvice } from './errors/refusal-codes.js';
export { reasonCodeOf, refusalCodeOf } from './errors/reason-code.js';

export { MemberKind, MemberStatus, KeyStatus, isOneOf } from './trust/registry-vocabulary.js';
export {
  signTrustList,
  unverifiedGatewayRotations,
  verifyTrustList,
  type TrustList,
  type TrustListKey,
} from './trust/trust-list.js';

export { protocolEnumNames, type EnumNames } from './json/enum-names.js';
export { payloadJsonSchema } from './json/record-json-schema.js';
export { payloadFromJson } from './json/payload-from-json.js';
export { payloadToJson } from './json/payload-to-json.js';
export { JsonFieldsError } from './json/json-fields-error.js';
export { decodeUtf8, parseUtf8Json, refuseLoneSurrogates, wellFormed } from './json/utf8-json.js';
export {
  commonSecrets,
  commonSettings,
  httpTlsSettings,
  tlsSettingPairs,
  tlsSettingRequirements,
  type LogLevel,
} from './config/common-settings.js';
export { loadHttpsOptions, type HttpsOptions } from './http/load-https-options.js';
export { problem } from './errors/problem.js';
export { connectNats } from './nats/connect-nats.js';
export { NatsLinkWatch, type NatsLinkState, type NatsLinkWatchDeps } from './nats/nats-link-watch.js';
export { StreamPublisher, type StreamMessage } from './nats/stream-publisher.js';
export { parseRfc3339Timestamp, RFC3339_PATTERN } from './json/rfc3339-timestamp.js';

export { leafHash, nodeHash, EMPTY_TREE_ROOT } from './merkle/merkle-hash.js';
export { nodeKey, type NodeId } from './merkle/node-id.js';
export { inclusionProofPlan, consistencyProofPlan, rootPlan, type ProofPlan } from './merkle/proof-plan.js';
export { foldRange, resolvePlan, planNodes } from './merkle/resolve-plan.js';
export { verifyInclusion, verifyConsistency } from './merkle/verify-proof.js';
export { MerkleFrontier } from './merkle/merkle-frontier.js';
export { parseNote, type Note, type NoteSignature } from './merkle/signed-note.js';
export { signCheckpoint, openCheckpoint, type Checkpoint } from './merkle/checkpoint.js';
export { cosignCheckpoint, verifyCosignature } from './merkle/cosignature.js';
export { formatSignatureLine, parseSignatureLine } from './merkle/signature-line.js';
export { parseLogReply, parseLogRequest, type LogReply, type LogRequest } from './log/log-protocol.js';
export { withoutFsync } from './util/without-fsync.js';
export { storageFailureOf, type StorageFailure } from './storage/storage-failure.js';
export { StorageHealth } from './storage/storage-health.js';
export {
  snapshotBackup,
  writeBackupFile,
  type SqliteBackupProgress,
  type SqliteBackupSource,
  type WriteBackupOptions,
} from './storage/sqlite-backup.js';

export { Lifecycle, Periodic, startService, type Component } from './lifecycle/lifecycle.js';
export {
  commandTable,
  listNames,
  type CommandHandler,
  type CommandNameProblem,
  type CommandTableSpec,
} from './cli/command-table.js';
export { FORCED_EXIT, runMain } from './cli/run-main.js';
export { nextStopSignal } from './cli/stop-signals.js';
export { freePort } from './util/free-port.js';
export { matchKeys, type MatchKeys } from './search/match-keys.js';
export { skeletonOf } from './search/skeleton.js';
export { TABLES, type NameScript, type TranslitTable } from './search/tables.js';
export { KeyedRateLimiter, type RateLimit } from './util/keyed-rate-limiter.js';
export { BoundedCache } from './util/bounded-cache.js';
export {
  checkDataBankQuery,
  checkSearchLimit,
  normalizeDocumentNumber,
  SEARCH_ANSWER_WINDOW_MS,
  SEARCH_LIMIT_DEFAULT,
  SEARCH_LIMIT_MAX,
  SEARCH_MAX_DOCUMENTS,
  SEARCH_MAX_NAMES,
  SEARCH_MAX_PART_LENGTH,
  SEARCH_MAX_PARTS,
  type CheckedNamePart,
  type CheckedQuery,
} from './search/query-rules.js';
export { dataBankQueryJson, personSearchJsonProperties, type PersonSearchJson } from './search/query-json.js';
export { validatePayload } from './codec/payload-rules.js';
export {
  childContext,
  formatTraceparent,
  newSpanId,
  newTraceId,
  parseTraceparent,
  TRACEPARENT_HEADER,
  type TraceContext,
} from './tracing/trace-context.js';
export { spanClock, SpanKind, Tracer, type FinishedSpan, type SpanAttribute, type SpanSink } from './tracing/tracer.js';
export { OtlpHttpExporter, SpanDropReason, type OtlpHttpExporterOptions } from './tracing/otlp-http-exporter.js';
export { otlpTraceJson, unixNanos, type OtlpResource } from './tracing/otlp-json.js';
export { tracingSecrets, tracingSettings } from './tracing/tracing-settings.js';
export { openTracing, tracesUrl, type TracingOptions } from './tracing/open-tracing.js';
export { TraceBook } from './tracing/trace-book.js';

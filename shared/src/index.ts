/**
 * @atc/shared: what the gateway and the node agent both use. This is the one public
 * entry; other packages never import from deeper paths.
 */
export { atc, google } from './proto/protobuf.js';
export {
  PayloadType,
  payloadTypes,
  isPayloadType,
  payloadKind,
  encodePayloadBytes,
  type AnyPayload,
  type PayloadInput,
  type PayloadKind,
  type PayloadOf,
} from './proto/payload-types.js';
export { checkWire, type WireContext } from './proto/wire-check.js';

export {
  decodeEnvelope,
  encodeEnvelope,
  envelopeParts,
  DEFAULT_MAX_ENVELOPE_BYTES,
  type CheckedHeader,
  type DecodedEnvelope,
  type DecodeOptions,
  type EnvelopeParts,
} from './codec/decode-envelope.js';
export { decodePayload } from './codec/decode-payload.js';
export { validateHeader, PROTOCOL_VERSION, MAX_RECIPIENTS } from './codec/header-rules.js';
export { validatePayload, NONCE_BYTES } from './codec/payload-rules.js';
export { validateReferences, type ReferencingMessage } from './codec/validate-references.js';

export {
  canonicalProtectedHeader,
  parseDetachedJws,
  protectedHeader,
  protectedHeaderFor,
  signingInput,
  JWS_ALGORITHM,
  JWS_TYPE,
  SIGNATURE_BYTES,
  type DetachedJws,
} from './signing/detached-jws.js';
export {
  checkEnvelope,
  signEnvelope,
  signOwnEnvelope,
  signHeaderBytes,
  type HeaderInput,
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
export {
  checkKeyValidity,
  RevocationReason,
  StaticKeyResolver,
  type KeyResolver,
  type ResolvedKey,
} from './signing/key-resolver.js';

export {
  jwkThumbprint,
  toPublicJwk,
  toPrivateJwk,
  publicKeyFromJwk,
  privateKeyFromJwk,
  type PrivateJwk,
  type PublicJwk,
} from './keys/ed25519-jwk.js';
export { generateKeyPair, keyPairFromJwk, keyPairFromSeed, type KeyPair } from './keys/key-pair.js';
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

export { uuidv7, isUuidV7, uuidv7Time, UUID_V7_PATTERN } from './util/uuid-v7.js';
export { isMemberId, MEMBER_ID_PATTERN } from './util/member-id.js';
export {
  toTimestamp,
  fromTimestamp,
  dateToTimestamp,
  toIso,
  timestampProblem,
  systemClock,
  Duration,
  type Clock,
  type TimestampLike,
} from './util/time.js';

export {
  loadConfig,
  describeSettings,
  ConfigError,
  type ConfigProblem,
  type ConfigSource,
  type Setting,
  type SettingsSchema,
  type ValuesOf,
} from './config/load-config.js';
export { parsers, type Parser } from './config/parsers.js';

export { createLogger, REDACT_PATHS, type CreateLoggerOptions, type Logger } from './logging/create-logger.js';

export {
  AtcError,
  RefusalError,
  ErrorCode,
  isAtcError,
  isRefusal,
  type AnyErrorCode,
  type AtcErrorOptions,
} from './errors/atc-error.js';
export { RefusalCode, refusalAdvice } from './errors/refusal-codes.js';
export { reasonCodeOf, refusalCodeOf } from './errors/reason-code.js';

export { MemberKind, MemberStatus, KeyStatus, isOneOf } from './trust/registry-vocabulary.js';
export {
  signTrustList,
  verifyTrustList,
  TRUST_LIST_TYPE,
  type TrustList,
  type TrustListKey,
  type TrustListMember,
} from './trust/trust-list.js';

export { dataRecordTypes } from './json/data-record-types.js';
export { protocolEnumNames, type EnumNames } from './json/enum-names.js';
export { payloadJsonSchema, type JsonSchema, type PayloadJsonSchemaOptions } from './json/record-json-schema.js';
export { payloadFromJson, type PayloadFromJsonOptions } from './json/payload-from-json.js';
export { payloadToJson, type PayloadToJsonOptions } from './json/payload-to-json.js';
export { JsonFieldsError, type JsonFieldProblem } from './json/json-fields-error.js';
export { decodeUtf8, parseUtf8Json, refuseLoneSurrogates } from './json/utf8-json.js';
export {
  commonSecrets,
  commonSettings,
  httpTlsSettings,
  tlsSettingPairs,
  tlsSettingRequirements,
  type LogLevel,
} from './config/common-settings.js';
export { loadHttpsOptions, type HttpsOptions, type HttpTlsFiles } from './http/load-https-options.js';
export { problem, type FieldError, type Problem } from './errors/problem.js';
export { connectNats, type NatsAccess } from './nats/connect-nats.js';
export { StreamPublisher, type StreamMessage } from './nats/stream-publisher.js';
export {
  parseRfc3339Timestamp,
  RFC3339_PATTERN,
  type ParsedTimestamp,
  type TimestampParts,
} from './json/rfc3339-timestamp.js';

export { MerkleError, type MerkleErrorCode } from './merkle/merkle-error.js';
export { leafHash, nodeHash, EMPTY_TREE_ROOT, HASH_BYTES } from './merkle/merkle-hash.js';
export { nodeKey, nodeRange, type NodeId } from './merkle/node-id.js';
export { inclusionProofPlan, consistencyProofPlan, rootPlan, type ProofPlan } from './merkle/proof-plan.js';
export { foldRange, resolvePlan, planNodes } from './merkle/resolve-plan.js';
export { rootFromInclusionProof, verifyInclusion, verifyConsistency } from './merkle/verify-proof.js';
export { MerkleFrontier, type CompletedNode } from './merkle/merkle-frontier.js';
export { noteKeyHash, isNoteKeyName, NoteSignatureType, type NoteKey } from './merkle/note-key.js';
export {
  parseNote,
  formatNote,
  signNote,
  verifyNote,
  addSignatures,
  MAX_NOTE_SIGNATURES,
  type Note,
  type NoteSignature,
} from './merkle/signed-note.js';
export {
  formatCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  openCheckpoint,
  type Checkpoint,
} from './merkle/checkpoint.js';
export { cosignCheckpoint, verifyCosignature } from './merkle/cosignature.js';
export { formatSignatureLine, parseSignatureLine } from './merkle/signature-line.js';
export { parseLogRequest, type LogReply, type LogRequest } from './log/log-protocol.js';
export { withoutFsync, type PragmaConnection } from './util/without-fsync.js';
export { storageFailureOf, type StorageFailure } from './storage/storage-failure.js';
export { StorageHealth, type StorageState } from './storage/storage-health.js';

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

/**
 * @atc/gateway: the central service. This entry is for the CLI, tests and embedding;
 * operators use the `atc-gateway` command.
 */
export { startGateway, type RunningGateway } from './gateway.js';
export {
  archiveLocation,
  loadGatewayConfig,
  describeGatewaySettings,
  parsePositiveDuration,
  type GatewayConfig,
  type GatewaySecrets,
} from './config/gateway-config.js';
export { openDatabase, openArchiveDb, type Db, type ArchiveLocation } from './db/open-database.js';
export { bankPathOf } from './db/bank-file.js';
export { openArchive, type Archive } from './assembly/open-archive.js';
export type { SqlDb, SqlDialect, SqlValue } from './db/sql-db.js';
export { SqliteDb } from './db/sqlite-db.js';
export { WalCheckpointer } from './db/wal-checkpointer.js';
export { redactedUrl } from './db/postgres-db.js';
export { verifyArchive, type ArchiveVerification } from './archive/verify-archive.js';
export { rotateGatewayKey, type GatewayKeyRotation } from './archive/gateway-key-rotation.js';
export { MessageStore, type MessageDetail } from './archive/message-store.js';
export {
  DEFAULT_SCAN_BUDGET,
  MessageSearch,
  type MessageFilter,
  type MessagePage,
  type MessageStatus,
  type MessageSummary,
} from './archive/message-search.js';
export {
  SqlArchiveReader,
  type ArchiveReader,
  type ArchivedEnvelope,
  type ArchivedRecordVersion,
} from './archive/archive-reader.js';
export { batchWrite, type ArchivedMessageRow } from './domain/batch-write.js';
export { RetentionSweeper, type RetentionPolicy } from './archive/retention.js';
export {
  CheckpointPruner,
  type CheckpointKeepPolicy,
  type CheckpointPruneResult,
} from './archive/checkpoint-pruner.js';
export { Registry } from './registry/registry.js';
export { GATEWAY_CONSUMER } from './nats/provision.js';
export type { FlowEvent } from './domain/flow-event.js';
export { Role, ROLES, roleAllows } from './auth/role.js';
export { addToken, revokeToken, type CreatedToken, type NewToken } from './auth/token-admin.js';
export { readTokenFile, type TokenRecord } from './auth/token-file.js';
export { runCli, ExitCode } from './cli/run-cli.js';
export type { CliIo } from './cli/cli-io.js';
export { MerkleLog, type LogSigner } from './archive/merkle-log.js';
export {
  DatabankProjection,
  DatabankProjector,
  DatabankFlag,
  dumpDatabank,
  nextBatchBudget,
  DATABANK_MAX_BATCH_BUDGET_MS,
  type BatchEnd,
  type DatabankStatus,
} from './databank/databank-projector.js';
export { bankWritersCounter, type BankWriters } from './databank/bank-writers.js';
export {
  DATABANK_YOUNG_GENERATION_MB,
  DatabankProjectionThread,
  PIPELINE_DEFER_MAX_MS,
  type PipelineBacklog,
  type ProjectionThreadHeap,
} from './databank/projection-thread.js';
export { PurgeFlag, type PurgeState } from './databank/purge-projection.js';
export {
  countOverduePurges,
  listWithdrawals,
  withdrawal,
  WITHDRAWALS_PAGE,
  type OverdueClock,
  type PurgeCounts,
  type PurgeView,
  type WithdrawalPage,
  type WithdrawalView,
} from './databank/withdrawals.js';
export { backfillRecordIndex, backfillRecordQuotes, type RecordDelivery } from './archive/record-index.js';
export {
  currentView,
  isCurrent,
  reviewDueList,
  type DueRecord,
  type DueByOriginator,
  type ReviewDueList,
} from './databank/review.js';
export {
  ReviewNotices,
  ReviewNoticer,
  reviewNoticeId,
  type NoticeSender,
  type ReviewItem,
  type ReviewNotice,
} from './databank/review-notices.js';
export {
  countOverdueRequests,
  dueSql,
  listRequests,
  overdueRequests,
  overdueRequestsByRecipient,
  REQUEST_LIST_STATES,
  RequestFlag,
  SLA_DEFAULTS,
  type RequestListState,
  type RequestState,
  type SlaDefaults,
  type TrackedRequest,
} from './databank/information-requests.js';
export { SlaNotices, SlaNoticer, slaNoticeId, slaNoticePayload, type NotifiedSide } from './databank/sla-notices.js';
export { LeaderElection, LEADER_LOCK_KEY } from './db/leader-election.js';
export { GatewayNoticeSender, type GatewayNotice, type GatewayResult } from './pipeline/gateway-notice-sender.js';
export {
  ANSWER_WINDOW_MS,
  QueryAnswerer,
  QueryAnswers,
  resultIdOf,
  type AnswerOutcome,
  type QueryAnswererDeps,
} from './member-search/query-answerer.js';
export {
  CONTENT_ERASED,
  CONTENT_LEFT_OUT,
  CONTENT_WITHDRAWN,
  fitResult,
  shapeHit,
} from './member-search/shape-hits.js';
export {
  DatabankSubjects,
  SUBJECT_PAGE,
  type CandidatePage,
  type CandidateView,
  type DecisionActor,
  type DecisionAudit,
  type DecisionInput,
  type DecisionOutcome,
  type DecisionView,
  type Dossier,
  type DossierRecord,
  type SubjectFilter,
  type SubjectPage,
  type SubjectSummary,
} from './databank/subjects.js';
export { normalizeKey, organizationKeys, personKeys, SubjectCategory } from './databank/subject-keys.js';
export { CandidateStatus, DecisionKind, subjectIdOf } from './databank/subject-linker.js';
export { GatewayMetrics } from './metrics/gateway-metrics.js';
export { refreshArchiveGauges, type ArchiveGaugeSources } from './metrics/archive-gauges.js';
export { InboxPublisher } from './pipeline/publisher.js';
export { provisionStreams } from './nats/provision.js';
export {
  AlarmKind,
  ALARM_SEVERITY,
  currentAlarms,
  type Alarm,
  type AlarmSeverity,
  type AlarmThresholds,
} from './console-api/current-alarms.js';
export {
  listQuarantine,
  quarantinePageQuery,
  type QuarantineFilter,
  type QuarantineItem,
} from './console-api/quarantine-reader.js';
export { isSecurityRefusal, SECURITY_REFUSALS } from './domain/security-refusals.js';
export {
  type PersonMatch,
  type PersonSearcher,
  type PersonSearchOptions,
  type PersonSearchResult,
} from './search/person-searcher.js';
export {
  BankPersonSearcher,
  bankPersonSearcher,
  MAX_CANDIDATES,
  TOKEN_CAP,
  type LinkPartner,
} from './search/bank-searcher.js';
export { DEFAULT_LINK_THRESHOLD, parseLinkThreshold } from './config/link-threshold.js';
export { MAX_CANDIDATES_PER_RECORD } from './databank/person-links.js';
export { checkedQueryProfile, queryProfile, recordProfile, type PersonProfile } from './search/person-profile.js';
export { jaroWinkler, MIN_SCORE, scoreProfile, type ProfileScore } from './search/person-score.js';
export {
  profileTokens,
  SEARCH_DUMP_ORDER,
  trigrams as searchTrigrams,
  vocabularyGrams,
  vocabularySkeletons,
} from './search/search-index.js';
export {
  labelledSet,
  type LabelledQuery,
  type LabelledRecord,
  type LabelledSet,
  type QueryKind,
} from './search/quality/labelled-set.js';
export { measureSearchQuality, type SearchQuality } from './search/quality/measure-quality.js';

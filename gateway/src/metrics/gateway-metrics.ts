import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The gateway's Prometheus metrics, in a registry of their own (prom-client's global
 * registry throws when an app is built twice in one process), with the process's own
 * (process_resident_memory_bytes, process_cpu_seconds_total, nodejs_*).
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly accepted = new Counter({
    name: 'atc_gateway_accepted_total',
    help: 'Submissions accepted and archived, by payload type and sending member',
    labelNames: ['payload_type', 'member'] as const,
    registers: [this.registry],
  });
  readonly refused = new Counter({
    name: 'atc_gateway_refused_total',
    help: "Submissions refused, by refusal code and the member of the submit subject (unknown: not a registered member's subject)",
    labelNames: ['code', 'member'] as const,
    registers: [this.registry],
  });
  readonly checkpointsPruned = new Counter({
    name: 'atc_gateway_checkpoints_pruned_total',
    help: 'Old log checkpoints pruned (ATC_CHECKPOINT_KEEP_ALL, ATC_CHECKPOINT_KEEP_ONE_PER), with their cosignatures',
    registers: [this.registry],
  });
  readonly replayed = new Counter({
    name: 'atc_gateway_replayed_total',
    help: 'Exact resubmissions answered with the original receipt',
    registers: [this.registry],
  });
  readonly securityEvents = new Counter({
    name: 'atc_gateway_security_events_total',
    help: 'Security events (message id reused for different bytes)',
    registers: [this.registry],
  });
  readonly refusedUnidentified = new Counter({
    name: 'atc_gateway_refused_unidentified_total',
    help: "Refused submissions that carry no usable message id, by whether the submitting member got a receipt (matched by envelope digest): sent, or none (not a known member's subject)",
    labelNames: ['receipt'] as const,
    registers: [this.registry],
  });
  readonly authFailures = new Counter({
    name: 'atc_gateway_auth_failures_total',
    help: 'HTTP requests refused for their credential (401, 403) or unread after repeated failures (429), by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly consoleSignIns = new Counter({
    name: 'atc_gateway_console_sign_ins_total',
    help: 'Operator console sign-ins (POST /v1/console/session), by outcome: signed_in, refused, rate_limited',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly sequenceAnomalies = new Counter({
    name: 'atc_gateway_sequence_anomalies_total',
    help: 'Per-sender sequence gaps and regressions',
    labelNames: ['member', 'kind'] as const,
    registers: [this.registry],
  });
  readonly databankLag = new Gauge({
    name: 'atc_databank_lag_entries',
    help: 'Archive log entries the data bank has not applied yet (log size - bank cursor)',
    registers: [this.registry],
  });
  readonly databankThreadHeap = new Gauge({
    name: 'atc_databank_thread_heap_bytes',
    help: "V8 heap of the data bank projection's thread, reported with its lag: kind used (live objects and garbage), total (reserved) or limit (ATC_DATABANK_HEAP_MB and the young generation); nodejs_heap_* count the main thread only",
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly databankPurgesOverdue = new Gauge({
    name: 'atc_databank_purges_overdue',
    help: "Members' purges of withdrawn records not acknowledged (PurgeAck) within ATC_DATABANK_PURGE_OVERDUE_HOURS of the withdrawal, both namespaces",
    registers: [this.registry],
  });
  readonly databankLeader = new Gauge({
    name: 'atc_databank_leader',
    help: 'Whether this replica leads (1): it runs the data bank projection and its timers; 0 on the others',
    registers: [this.registry],
  });
  readonly databankApplied = new Counter({
    name: 'atc_databank_applied_total',
    help: 'Archive log entries this replica applied to the data bank',
    registers: [this.registry],
  });
  readonly databankDeferred = new Counter({
    name: 'atc_databank_deferred_seconds_total',
    help: "Seconds the data bank's projection waited for the pipeline's backlog (the exchange's own work goes first)",
    registers: [this.registry],
  });
  readonly reviewChecks = new Counter({
    name: 'atc_databank_review_checks_total',
    help: 'Runs of the review check (records due for review announced to their originators)',
    registers: [this.registry],
  });
  readonly reviewNotices = new Counter({
    name: 'atc_databank_review_notices_total',
    help: 'Review Notices this replica archived and sent to originators',
    registers: [this.registry],
  });
  readonly requestsOverdue = new Gauge({
    name: 'atc_information_requests_overdue',
    help: 'Information requests past their due time (reply_due_at, or ATC_SLA_* by urgency) and not answered, per recipient, by urgency and namespace',
    labelNames: ['urgency', 'namespace'] as const,
    registers: [this.registry],
  });
  readonly requestChecks = new Counter({
    name: 'atc_information_request_checks_total',
    help: 'Runs of the overdue check (information requests past their due time announced to both members)',
    registers: [this.registry],
  });
  readonly requestOverdueNotices = new Counter({
    name: 'atc_information_request_overdue_notices_total',
    help: 'Overdue Notices this replica archived and sent to requesting and requested members',
    registers: [this.registry],
  });
  readonly databankQueries = new Counter({
    name: 'atc_databank_member_queries_answered_total',
    help: "Members' DataBankQuery messages this replica answered with a DataBankResult",
    registers: [this.registry],
  });
  readonly databankQueriesRefused = new Counter({
    name: 'atc_databank_member_queries_refused_total',
    help: "Members' DataBankQuery messages this replica answered with a refusal instead of a search, by code (ERR_RATE_LIMITED)",
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly databankQueryHits = new Counter({
    name: 'atc_databank_member_query_hits_total',
    help: "Hits sent in answers to members' queries, by whether they were hit/no-hit only (restricted)",
    labelNames: ['restricted'] as const,
    registers: [this.registry],
  });
  readonly databankQuerySeconds = new Histogram({
    name: 'atc_databank_member_query_seconds',
    help: "Time to search, shape and send the answer to a member's DataBankQuery",
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly pipelineSeconds = new Histogram({
    name: 'atc_gateway_pipeline_seconds',
    help: 'Time from fetch to acknowledgement of a batch',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly stageSeconds = new Histogram({
    name: 'atc_gateway_stage_seconds',
    help: "Time a batch spends in each pipeline stage: queued (its oldest submission waiting for the batch to start), checks, commit, publish_wait (behind the previous batch's publication), publish",
    labelNames: ['stage'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly batchSize = new Histogram({
    name: 'atc_gateway_batch_size',
    help: 'Submissions per committed batch',
    buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000],
    registers: [this.registry],
  });
  readonly storageFailures = new Counter({
    name: 'atc_gateway_storage_failures_total',
    help: "Failed attempts of the gateway's own storage or broker (archive: disk full, I/O, database unreachable, the submissions wait unacknowledged and are retried; databank: the same for a run of the data bank's projection, rolled back and tried again while its lag grows; broker: a publication not stored, retried)",
    labelNames: ['kind', 'code'] as const,
    registers: [this.registry],
  });
  readonly archiveWritable = new Gauge({
    name: 'atc_gateway_archive_writable',
    help: '1 while the archive takes writes, 0 from a storage failure until a write succeeds again',
    registers: [this.registry],
  });
  readonly natsConnected = new Gauge({
    name: 'atc_gateway_nats_connected',
    help: '1 while this replica is connected to NATS, 0 while it is cut off and reconnecting (it takes no submissions meanwhile)',
    registers: [this.registry],
  });
  readonly natsDisconnects = new Counter({
    name: 'atc_gateway_nats_disconnects_total',
    help: 'Connections to NATS this replica lost (closed, or silent for two pings: ATC_NATS_PING_INTERVAL)',
    registers: [this.registry],
  });
  readonly consumerPending = new Gauge({
    name: 'atc_gateway_inbox_pending',
    help: "Messages waiting in a member's inbox consumer",
    labelNames: ['member'] as const,
    registers: [this.registry],
  });
  readonly inboxExpired = new Gauge({
    name: 'atc_gateway_inbox_expired',
    help: "Copies routed to a member longer ago than the inbox stream's max age (ATC_INBOX_MAX_AGE) without a DeliveryAck: JetStream no longer holds them",
    labelNames: ['member'] as const,
    registers: [this.registry],
  });
  readonly logEntries = new Gauge({
    name: 'atc_gateway_log_entries',
    help: 'Entries (leaves) of the archive log',
    registers: [this.registry],
  });
  readonly checkpointAgeSeconds = new Gauge({
    name: 'atc_gateway_checkpoint_age_seconds',
    help: 'Age of the newest signed checkpoint of the archive log (grows while no traffic comes; 0 while the log is empty)',
    registers: [this.registry],
  });
  readonly witnessWaitSeconds = new Gauge({
    name: 'atc_gateway_witness_cosignature_wait_seconds',
    help: "How long the oldest checkpoint an active member's witness has not cosigned has waited (0 when it cosigned every checkpoint), by witness",
    labelNames: ['witness'] as const,
    registers: [this.registry],
  });
  readonly witnessNeverCosigned = new Gauge({
    name: 'atc_gateway_witness_never_cosigned',
    help: "1 when an active member's witness has never cosigned a checkpoint of the log, 0 when it has, by witness",
    labelNames: ['witness'] as const,
    registers: [this.registry],
  });
  readonly archiveBytes = new Gauge({
    name: 'atc_gateway_archive_bytes',
    help: "Size of the archive: the SQLite files (the archive's and the data bank's) and their WALs, or the PostgreSQL database's size",
    registers: [this.registry],
  });
  readonly archiveWalBytes = new Gauge({
    name: 'atc_gateway_archive_wal_bytes',
    help: "A SQLite archive's write-ahead log as its last checkpoint found it (pages written since the log last started again, times the page size); no series with PostgreSQL. Past 32 MiB the checkpointer has the next commit start it again; one that keeps growing is held by a reader",
    registers: [this.registry],
  });
  readonly archiveWalRestarts = new Counter({
    name: 'atc_gateway_archive_wal_restarts_total',
    help: "Times the checkpointer caught up with a SQLite archive's writer after its write-ahead log passed 32 MiB, so that the next commit started the log again",
    registers: [this.registry],
  });
  readonly archiveDiskFreeBytes = new Gauge({
    name: 'atc_gateway_archive_disk_free_bytes',
    help: "Free bytes on the filesystem of a SQLite archive's folder, by folder (no series with PostgreSQL: watch the database server's disk)",
    labelNames: ['folder'] as const,
    registers: [this.registry],
  });
  readonly spansExported = new Counter({
    name: 'atc_gateway_trace_spans_exported_total',
    help: 'Spans sent to the OpenTelemetry collector (OTEL_EXPORTER_OTLP_ENDPOINT)',
    registers: [this.registry],
  });
  readonly spansDropped = new Counter({
    name: 'atc_gateway_trace_spans_dropped_total',
    help: 'Spans not exported, by reason: queue_full (the collector is slower than the gateway, or away) or export_failed',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}

import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

/**
 * The agent's Prometheus metrics, in a registry of their own, with the process's own
 * (process_resident_memory_bytes, process_cpu_seconds_total, nodejs_*).
 */
export class AgentMetrics {
  readonly registry = new Registry();
  readonly outboxDepth = new Gauge({
    name: 'atc_agent_outbox_depth',
    help: 'Messages in the outbox without a final receipt',
    registers: [this.registry],
  });
  readonly outboxOldestSeconds = new Gauge({
    name: 'atc_agent_outbox_oldest_seconds',
    help: 'Age of the oldest message without a final receipt',
    registers: [this.registry],
  });
  readonly outboxPruned = new Counter({
    name: 'atc_agent_outbox_pruned_total',
    help: 'Settled outbox messages whose envelope, receipts and deliveries were pruned after ATC_OUTBOX_RETENTION',
    registers: [this.registry],
  });
  readonly inboxExpired = new Counter({
    name: 'atc_agent_inbox_expired_total',
    help: 'Inbox items the national system took whose content was removed after ATC_INBOX_RETENTION',
    registers: [this.registry],
  });
  readonly storageFailures = new Counter({
    name: 'atc_agent_storage_failures_total',
    help: "Writes refused by the agent's own storage (disk full, I/O error), by code; nothing half-written, the caller is told to retry",
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly publishErrors = new Counter({
    name: 'atc_agent_publish_errors_total',
    help: 'Failed or unconfirmed publish attempts (retried with the same message id)',
    registers: [this.registry],
  });
  readonly publishDuplicates = new Counter({
    name: 'atc_agent_publish_duplicates_total',
    help: 'Publishes JetStream dropped as duplicates of a message id it already holds (resends inside its de-duplication window)',
    registers: [this.registry],
  });
  readonly receiptsForOtherBytes = new Counter({
    name: 'atc_agent_receipts_for_other_bytes_total',
    help: 'Gateway receipts about bytes this agent did not send: another envelope under one of its message ids, or bytes without a message id on its submit subject (kind)',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly inboxPending = new Gauge({
    name: 'atc_agent_inbox_pending',
    help: 'Received items not yet taken by the national system',
    registers: [this.registry],
  });
  readonly inboxErased = new Gauge({
    name: 'atc_agent_inbox_erased',
    help: 'Received items erased because their originator withdrew the record (tombstones in GET /v1/withdrawals)',
    registers: [this.registry],
  });
  readonly withdrawalsAwaitingPurgeAck = new Gauge({
    name: 'atc_agent_withdrawals_awaiting_purge_ack',
    help: 'Withdrawals received that the national system has not taken yet, so no PurgeAck has gone to the centre',
    registers: [this.registry],
  });
  readonly inboxLagSeconds = new Gauge({
    name: 'atc_agent_inbox_lag_seconds',
    help: 'Age of the oldest received item not yet taken by the national system',
    registers: [this.registry],
  });
  readonly inboxRefused = new Counter({
    name: 'atc_agent_inbox_refused_total',
    help: 'Inbox items refused by verification and quarantined, by code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly authFailures = new Counter({
    name: 'atc_agent_auth_failures_total',
    help: 'HTTP requests refused for their API key (401) or unread after repeated failures (429), by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly webhookFailures = new Counter({
    name: 'atc_agent_webhook_failures_total',
    help: 'Inbox items given up after the configured webhook attempts',
    registers: [this.registry],
  });
  readonly webhookInFlight = new Gauge({
    name: 'atc_agent_webhook_in_flight',
    help: "Webhook calls awaiting the national system's answer (at most ATC_HANDOVER_CONCURRENCY)",
    registers: [this.registry],
  });
  readonly logAlarms = new Counter({
    name: 'atc_agent_log_alarms_total',
    help: "Alarms about the centre's archive log (inconsistent or rolled-back checkpoints, bad receipt proofs), by kind",
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly dropLines = new Counter({
    name: 'atc_agent_drop_lines_total',
    help: 'Lines of drop-folder files handed to the outbox (taken), found there already (already_taken: a resumed or re-dropped file), or refused',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly dropFiles = new Counter({
    name: 'atc_agent_drop_files_total',
    help: 'Drop-folder files finished: moved to done/ or failed/, or gone (removed from in/ while being read)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly dropErrors = new Counter({
    name: 'atc_agent_drop_errors_total',
    help: 'Drop-folder work put off and retried (folder unwritable, disk full, agent storage), by code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly dropOutFiles = new Counter({
    name: 'atc_agent_drop_out_files_total',
    help: 'Received items written to the drop folder out/',
    registers: [this.registry],
  });
  readonly clockOffsetSeconds = new Gauge({
    name: 'atc_agent_clock_offset_seconds',
    help: "How far this agent's clock is ahead of the centre's (negative: behind), the median of recent measurements",
    registers: [this.registry],
  });
  readonly clockSkewed = new Gauge({
    name: 'atc_agent_clock_skewed',
    help: "1 while this agent's clock is off the centre's by more than it allows and new records are refused, else 0",
    registers: [this.registry],
  });
  readonly natsConnected = new Gauge({
    name: 'atc_agent_nats_connected',
    help: '1 while the agent is connected to NATS, 0 while it is cut off and reconnecting (the outbox keeps what it takes meanwhile)',
    registers: [this.registry],
  });
  readonly natsDisconnects = new Counter({
    name: 'atc_agent_nats_disconnects_total',
    help: 'Connections to NATS lost (closed, or silent for two pings: ATC_NATS_PING_INTERVAL)',
    registers: [this.registry],
  });
  readonly trustAlarms = new Gauge({
    name: 'atc_agent_trust_alarms',
    help: 'Trust updates refused: trust lists (bad signature or rollback) and announcements of a new gateway key that did not verify with the key in force',
    registers: [this.registry],
  });
  readonly pgAdapterRows = new Counter({
    name: 'atc_agent_pg_adapter_rows_total',
    help: 'Outbox-table rows the PostgreSQL adapter handed to the agent (sent) or refused (rejected, failed), by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly pgAdapterInboxRows = new Counter({
    name: 'atc_agent_pg_adapter_inbox_rows_total',
    help: 'Received items the PostgreSQL adapter wrote into the inbox table',
    registers: [this.registry],
  });
  readonly pgAdapterConnected = new Gauge({
    name: 'atc_agent_pg_adapter_connected',
    help: "1 while the PostgreSQL adapter is connected to the national system's database, 0 while it reconnects",
    registers: [this.registry],
  });
  readonly pgAdapterConnectionFailures = new Counter({
    name: 'atc_agent_pg_adapter_connection_failures_total',
    help: 'Connections to the national PostgreSQL that failed or were lost (the adapter reconnects with backoff)',
    registers: [this.registry],
  });
  readonly diskFreeBytes = new Gauge({
    name: 'atc_agent_disk_free_bytes',
    help: "Free bytes on the filesystem of the agent database's folder (outbox, inbox, witness state)",
    registers: [this.registry],
  });
  readonly spansExported = new Counter({
    name: 'atc_agent_trace_spans_exported_total',
    help: 'Spans sent to the OpenTelemetry collector (OTEL_EXPORTER_OTLP_ENDPOINT)',
    registers: [this.registry],
  });
  readonly spansDropped = new Counter({
    name: 'atc_agent_trace_spans_dropped_total',
    help: 'Spans not exported, by reason: queue_full (the collector is slower than the agent, or away) or export_failed',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}

import type { KeyObject } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { jetstream } from '@nats-io/jetstream';
import {
  connectNats,
  loadHttpsOptions,
  loadKeyFile,
  memberInboxPrefix,
  NatsLinkWatch,
  openTracing,
  PayloadType,
  startService,
  systemClock,
  TraceBook,
  type Lifecycle,
  type Logger,
  type NatsLinkState,
  type Tracer,
} from '@atc/shared';
import { PgAdapter } from './adapters/pg/pg-adapter.js';
import type { AgentConfig, AgentSecrets } from './config/agent-config.js';
import { loadPinnedKey } from './config/load-pinned-key.js';
import { DropFolder } from './drop/drop-folder.js';
import { DropOutWriter } from './drop/drop-out-writer.js';
import { DeliveryRecorder } from './handover/delivery-recorder.js';
import { HandoverLoop, webhookBody } from './handover/handover-loop.js';
import { WebhookDeliverer } from './handover/webhook-deliverer.js';
import { ClockWatch } from './clock/clock-watch.js';
import { agentReadiness } from './health/agent-readiness.js';
import { ApiKeyAuth } from './http/api-key-auth.js';
import { buildAgentApp } from './http/build-agent-app.js';
import { EventHub } from './http/event-hub.js';
import { InboxConsumer } from './inbox/inbox-consumer.js';
import { InboxStore } from './inbox/inbox-store.js';
import { SearchStore } from './search/search-store.js';
import { payloadForApi } from './inbox/payload-for-api.js';
import { TrustFollower } from './inbox/trust-follower.js';
import { TrustStore } from './inbox/trust-store.js';
import { MessageComposer } from './messages/message-composer.js';
import { AgentMetrics } from './metrics/agent-metrics.js';
import { OutboxRelay } from './outbox/outbox-relay.js';
import { ReceiptIntake } from './outbox/receipt-intake.js';
import { agentStorageHealth } from './store/agent-storage-health.js';
import { openAgentDatabase } from './store/open-agent-database.js';
import { OutboxPruner } from './store/outbox-pruner.js';
import { RetentionSchedule } from './store/retention-schedule.js';
import { InboxExpiry } from './store/inbox-expiry.js';
import { OutboxStore } from './store/outbox-store.js';
import { LogProofCheck } from './witness/log-proof-check.js';
import { checkReceiptProof } from './witness/receipt-proof.js';
import { Witness } from './witness/witness.js';
import { WitnessStore } from './witness/witness-store.js';

/** How often the agent reads the trust list: the gateway publishes changes within a second too. */
const TRUST_POLL_MS = 1_000;

/** A running node agent. */
export interface RunningAgent {
  /** Where the integrator API listens, e.g. `http://127.0.0.1:8450` (`https://` with TLS on). */
  readonly url: string;
  /** Stops taking work, finishes what is in flight, closes. */
  stop(): Promise<void>;
}

/** What {@link startAgent} is given. */
interface AgentOptions {
  readonly config: AgentConfig;
  readonly secrets: AgentSecrets;
  readonly logger: Logger;
}

/**
 * Starts the node agent. In order: the agent database, the NATS connection, the outbox relay,
 * the trust list follower, the log witness, the verified inbox, the webhook hand-over (when
 * configured) and the integrator API. `stop` undoes them in reverse: the API stops taking
 * requests first, the database closes last. A start that fails half way undoes what it had
 * begun before the error goes on.
 */
export async function startAgent(options: AgentOptions): Promise<RunningAgent> {
  const { logger } = options;
  const { service: url, lifecycle } = await startService((lifecycle) => buildAgent(lifecycle, options), logger);
  let stopping: Promise<void> | undefined;
  return {
    url,
    stop(): Promise<void> {
      stopping ??= lifecycle.stop().then(() => {
        logger.info('agent stopped');
      });
      return stopping;
    },
  };
}

/** Opens and starts the agent's parts on `lifecycle`; resolves with the integrator API's URL. */
async function buildAgent(lifecycle: Lifecycle, { config, secrets, logger }: AgentOptions): Promise<string> {
  const clock = systemClock;
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const key = await loadKeyFile(config.keyFile);
  const pinned = await loadPinnedKey(config.gatewayKeyFile);
  const https = await loadHttpsOptions(config);

  const db = await lifecycle.open(
    'agent database',
    () => openAgentDatabase(config.databasePath),
    (d) => {
      d.close();
    },
  );
  const outbox = new OutboxStore(db);
  const inbox = new InboxStore(db);
  const searches = new SearchStore(db);
  const witnessStore = new WitnessStore(db);
  const metrics = new AgentMetrics();
  const storage = agentStorageHealth({
    db,
    databasePath: config.databasePath,
    maxEnvelopeBytes: config.maxEnvelopeBytes,
    metrics,
    logger,
  });
  const trust = new TrustStore({
    pinnedGatewayKey: pinned,
    gatewayId: config.gatewayId,
    cachePath: config.trustCachePath,
    gatewayKeysPath: join(config.dataDir, 'gateway-keys.json'),
    logger,
  });
  await trust.loadCache();

  // Spans go to the collector when one is configured; trace contexts are passed on either way.
  const { tracer, exporter } = openTracing(config, secrets, {
    serviceName: `atc-agent-${config.memberId}`,
    resource: { 'atc.member': config.memberId },
    logger: logger.child({ component: 'tracing' }),
    onExported: (count) => {
      metrics.spansExported.inc(count);
    },
    onDropped: (count, reason) => {
      metrics.spansDropped.inc({ reason }, count);
    },
  });
  if (exporter !== undefined) await lifecycle.start('span exporter', exporter);
  // Contexts of records taken by the API until published, and of items received until handed over.
  const sentTraces = new TraceBook();
  const receivedTraces = new TraceBook();

  // Start even when NATS is down: the outbox keeps everything until it is back.
  const nc = await lifecycle.open(
    'nats',
    () =>
      connectNats(
        { ...config, ...secrets },
        // The member's credentials may subscribe only below its own inbox prefix.
        {
          name: `atc-agent-${config.memberId}`,
          waitOnFirstConnect: true,
          inboxPrefix: memberInboxPrefix(config.memberId),
        },
      ),
    // Draining needs the server; while NATS is down, just close.
    (c) => c.drain().catch(() => c.close()),
  );
  const natsLink = await lifecycle.start(
    'NATS link watch',
    new NatsLinkWatch({
      nc,
      who: `Agent ${config.memberId}`,
      clock,
      logger: logger.child({ component: 'nats' }),
      onChange: natsLinkMetrics(metrics),
    }),
  );
  // The pinned key and those the gateway rotated to since, as they stand when asked.
  const gatewayKey = (): readonly KeyObject[] => trust.gatewayKeys.publicKeys();
  const js = jetstream(nc);

  const relay = await lifecycle.start(
    'outbox relay',
    new OutboxRelay({
      store: outbox,
      js,
      memberId: config.memberId,
      logger: logger.child({ component: 'relay' }),
      clock,
      resendAfterMs: config.resendAfter,
      onPublishError: () => {
        metrics.publishErrors.inc();
      },
      onDuplicate: () => {
        metrics.publishDuplicates.inc();
      },
      tracing: { tracer, traces: sentTraces },
    }),
  );
  await lifecycle.start(
    'retention',
    new RetentionSchedule({
      pruner: new OutboxPruner(db),
      outboxRetentionMs: config.outboxRetention,
      expiry: new InboxExpiry(db),
      inboxRetentionMs: config.inboxRetention,
      everyMs: config.outboxPruneInterval,
      clock,
      logger: logger.child({ component: 'retention' }),
      onPruned: (n) => {
        metrics.outboxPruned.inc(n);
      },
      onExpired: (n) => {
        metrics.inboxExpired.inc(n);
      },
    }),
  );
  const composer = new MessageComposer({
    store: outbox,
    signer: key,
    memberId: config.memberId,
    gatewayId: config.gatewayId,
    maxEnvelopeBytes: config.maxEnvelopeBytes,
    clock,
    onQueued: (messageId, trace) => {
      if (trace !== undefined) sentTraces.set(messageId, trace);
      relay.wake();
    },
  });
  const deliveries = new DeliveryRecorder({ db, inbox, withdrawals: inbox.withdrawals, composer });

  // Before the API takes a record: the first comparison with the centre's clock is made at start.
  const clockWatch = await lifecycle.start(
    'clock watch',
    new ClockWatch({
      nc,
      memberId: config.memberId,
      clock,
      monotonic: () => performance.now(),
      logger: logger.child({ component: 'clock' }),
      intervalMs: config.clockCheckInterval,
      limitPercent: config.clockOffsetPercent,
      onEstimate: (state) => {
        if (state.offsetMs !== undefined) metrics.clockOffsetSeconds.set(state.offsetMs / 1000);
        metrics.clockSkewed.set(state.skewed ? 1 : 0);
      },
    }),
  );
  await lifecycle.start('trust list follower', new TrustFollower({ trust, nc, intervalMs: TRUST_POLL_MS }));
  const witness = await lifecycle.start(
    'log witness',
    new Witness({
      nc,
      memberId: config.memberId,
      gatewayKey,
      memberKey: key.privateKey,
      store: witnessStore,
      logger: logger.child({ component: 'witness' }),
      clock,
      intervalMs: config.witnessInterval,
      onAlarm: (kind) => {
        metrics.logAlarms.inc({ kind });
      },
    }),
  );
  const receipts = new ReceiptIntake({
    outbox,
    logProof: new LogProofCheck({ gatewayKey, witness, logger }),
    metrics,
    logger,
  });
  const events = new EventHub();
  // Built once the API is (it hands rows over through it); told of receipts and items before.
  const late: { pgAdapter?: PgAdapter | undefined } = {};
  // Built before the consumer that wakes it, started after it.
  const handover =
    (await openHandover(
      lifecycle,
      { config, secrets, logger },
      { inbox, deliveries, metrics, tracer, traces: receivedTraces },
    )) ?? dropOutHandover({ config, secrets, logger }, { inbox, deliveries, metrics, traces: receivedTraces });
  await lifecycle.start(
    'inbox consumer',
    new InboxConsumer({
      js,
      storage,
      memberId: config.memberId,
      gatewayId: config.gatewayId,
      maxEnvelopeBytes: config.maxEnvelopeBytes,
      trust,
      inbox,
      onReceipts: (group) => {
        for (const r of group) {
          const sent = r.messageId === '' ? undefined : outbox.row(r.messageId);
          if (sent !== undefined) clockWatch.receipt(sent.createdAt, r.signedAt, r.receivedAt);
        }
        // One transaction for the group; when it throws, none is acknowledged and all come again.
        receipts.take(group);
        for (const r of group) {
          if (r.status !== 'delivered') sentTraces.delete(r.messageId);
          late.pgAdapter?.receiptArrived(r.messageId);
          // A search the centre refused gets no answer: its caller need not wait for the timeout.
          if (r.status === 'rejected' && outbox.get(r.messageId)?.status === 'rejected') searches.wake(r.messageId);
        }
      },
      onItem: (messageId) => {
        events.publish(messageId);
        handover?.wake();
        late.pgAdapter?.wake();
      },
      payloadToJson: (v) => payloadForApi(v, logger),
      onDuplicate: (messageId) => {
        if (deliveries.ackAgain(messageId))
          logger.info({ messageId }, 'a copy came again: its DeliveryAck is sent again');
      },
      onRefused: (code) => {
        metrics.inboxRefused.inc({ code });
      },
      searches: {
        // The outbox holds every query this agent signed, even one whose search row a crash kept from being written.
        isOwnQuery: (id) => searches.get(id) !== undefined || outbox.get(id)?.payloadType === PayloadType.DataBankQuery,
        answered: (id, resultId) => {
          searches.record(id, outbox.get(id)?.createdAt ?? clock());
          searches.answer(id, resultId, clock());
        },
      },
      logger: logger.child({ component: 'inbox' }),
      clock,
      unknownKeyGraceMs: config.unknownKeyGrace,
      tracing: { tracer, traces: receivedTraces },
    }),
  );
  if (handover !== undefined) await lifecycle.start('hand-over', handover);

  const app = await lifecycle.open(
    'integrator API',
    () =>
      buildAgentApp({
        memberId: config.memberId,
        composer,
        outbox,
        inbox,
        events,
        auth: new ApiKeyAuth(secrets.apiKeys),
        metrics,
        readiness: agentReadiness({ natsLink, trust, witness, storage, clock: clockWatch }),
        storage,
        clockWatch,
        alarms: () => trust.alarms,
        natsLink,
        logAlarms: witnessStore,
        receiptProof: (receipt, sent) => checkReceiptProof(receipt, sent, gatewayKey),
        deliverItem: deliveries.deliver,
        search: {
          searches,
          trust,
          gatewayId: config.gatewayId,
          searchTimeoutMs: config.searchTimeout,
          toJson: (v) => payloadForApi(v, logger),
        },
        maxEnvelopeBytes: config.maxEnvelopeBytes,
        logger,
        clock,
        https,
        tracer,
      }),
    (a) => a.close(),
  );
  const pgAdapter = pgOutboxAdapter({ config, secrets, logger }, { app, outbox, inbox, deliveries, metrics });
  if (pgAdapter !== undefined) late.pgAdapter = await lifecycle.start('PostgreSQL adapter', pgAdapter);
  const url = await app.listen({ host: config.httpListen.host, port: config.httpListen.port });
  if (config.dropDir !== undefined) {
    await lifecycle.start('drop folder', dropFolder(config.dropDir, app, { config, secrets, logger }, metrics));
  }
  logger.info({ url, member: config.memberId, kid: key.kid }, 'agent started');
  return url;
}

/** Keeps the NATS link's gauge and counter in step with its state. */
function natsLinkMetrics(metrics: AgentMetrics): (state: NatsLinkState) => void {
  let counted = 0;
  return (state) => {
    metrics.natsConnected.set(state.connected ? 1 : 0);
    metrics.natsDisconnects.inc(state.disconnects - counted);
    counted = state.disconnects;
  };
}

/**
 * The PostgreSQL outbox-table adapter, when ATC_AGENT_PG_ADAPTER_URL is set. It hands rows to
 * the outbox through the integrator API in this process (`inject`, no socket), so a row is
 * checked, refused or made idempotent exactly as a POST /v1/messages is.
 */
function pgOutboxAdapter(
  { config, secrets, logger }: AgentOptions,
  parts: {
    readonly app: Awaited<ReturnType<typeof buildAgentApp>>;
    readonly outbox: OutboxStore;
    readonly inbox: InboxStore;
    readonly deliveries: DeliveryRecorder;
    readonly metrics: AgentMetrics;
  },
): PgAdapter | undefined {
  const { pgAdapterUrl } = config;
  const apiKey = secrets.apiKeys[0];
  if (pgAdapterUrl === undefined || apiKey === undefined) return undefined;
  const { app, outbox, inbox, deliveries, metrics } = parts;
  return new PgAdapter({
    url: pgAdapterUrl,
    password: secrets.pgAdapterPassword,
    names: { schema: config.pgAdapterSchema, outbox: config.pgAdapterOutboxTable, inbox: config.pgAdapterInboxTable },
    batch: config.pgAdapterBatch,
    pollMs: config.pgAdapterPollInterval,
    submit: async (json, idempotencyKey) => {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/messages',
        headers: {
          authorization: `Bearer ${apiKey}`,
          'content-type': 'application/json',
          'idempotency-key': idempotencyKey,
        },
        payload: json,
      });
      let body: unknown;
      try {
        body = JSON.parse(res.body);
      } catch {
        body = {};
      }
      return {
        status: res.statusCode,
        body: body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {},
      };
    },
    outboxRow: (messageId) => outbox.row(messageId),
    ...(config.pgAdapterInbox
      ? {
          inbox: {
            pending: (limit: number) => inbox.list({ state: 'pending', limit }),
            body: (item) => webhookBody(item, inbox.withdrawals),
            delivered: (items, at) => {
              deliveries.deliverAll(items, at, 'api');
            },
          },
        }
      : {}),
    onRow: (outcome) => {
      metrics.pgAdapterRows.inc({ outcome });
    },
    onInboxRows: (count) => {
      metrics.pgAdapterInboxRows.inc(count);
    },
    onConnected: (connected) => {
      metrics.pgAdapterConnected.set(connected ? 1 : 0);
      if (!connected) metrics.pgAdapterConnectionFailures.inc();
    },
    logger: logger.child({ component: 'pg-adapter' }),
    clock: systemClock,
  });
}

/**
 * The webhook hand-over, when a webhook is configured: opens its deliverer (connections kept
 * open to the receiver, closed at stop) and builds the loop, which the caller starts.
 */
async function openHandover(
  lifecycle: Lifecycle,
  { config, secrets, logger }: AgentOptions,
  parts: {
    readonly inbox: InboxStore;
    readonly deliveries: DeliveryRecorder;
    readonly metrics: AgentMetrics;
    readonly tracer: Tracer;
    readonly traces: TraceBook;
  },
): Promise<HandoverLoop | undefined> {
  const { webhookUrl } = config;
  const { webhookSecret } = secrets;
  if (webhookUrl === undefined || webhookSecret === undefined) return undefined;
  const deliverer = await lifecycle.open(
    'webhook deliverer',
    () =>
      new WebhookDeliverer({
        url: webhookUrl,
        secret: webhookSecret,
        timeoutMs: config.webhookTimeout,
        maxAttempts: config.webhookMaxAttempts,
        maxConnections: config.handoverConcurrency,
        logger,
        clock: systemClock,
        tracer: parts.tracer,
      }),
    (d) => {
      d.close();
    },
  );
  return new HandoverLoop({
    inbox: parts.inbox,
    deliverer,
    delivered: parts.deliveries.deliverAll,
    concurrency: config.handoverConcurrency,
    onFailed: () => {
      parts.metrics.webhookFailures.inc();
    },
    onInFlight: (count) => {
      parts.metrics.webhookInFlight.set(count);
    },
    logger,
    clock: systemClock,
    traces: parts.traces,
  });
}

/**
 * The watched drop folder's intake. Each line goes through the integrator API in process
 * (`inject`, no socket), so it is validated, signed and de-duplicated exactly as a POST
 * /v1/messages from the national system would be.
 */
function dropFolder(
  dir: string,
  app: Awaited<ReturnType<typeof buildAgentApp>>,
  { config, secrets, logger }: AgentOptions,
  metrics: AgentMetrics,
): DropFolder {
  const apiKey = secrets.apiKeys[0];
  if (apiKey === undefined) throw new Error('the drop folder needs an integrator API key (ATC_API_KEYS)');
  return new DropFolder({
    dir,
    post: async (body, idempotencyKey) => {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/messages',
        payload: body,
        headers: {
          authorization: `Bearer ${apiKey}`,
          'content-type': 'application/json',
          'idempotency-key': idempotencyKey,
        },
      });
      let parsed: Record<string, unknown> = {};
      try {
        parsed = JSON.parse(res.body) as Record<string, unknown>;
      } catch {
        parsed = { detail: res.body.slice(0, 500) };
      }
      return { status: res.statusCode, body: parsed };
    },
    maxLineBytes: config.maxEnvelopeBytes * 2,
    maxFileBytes: config.dropMaxFileBytes,
    scanIntervalMs: config.dropScanInterval,
    logger: logger.child({ component: 'drop-folder' }),
    clock: systemClock,
    onLine: (outcome) => {
      metrics.dropLines.inc({ outcome });
    },
    onFile: (outcome) => {
      metrics.dropFiles.inc({ outcome });
    },
    onError: (code) => {
      metrics.dropErrors.inc({ code });
    },
  });
}

/**
 * The drop folder's out/ hand-over, when ATC_AGENT_DROP_OUT is on (never with a webhook):
 * each received item is written as `out/<message id>.json` and recorded as handed over.
 */
function dropOutHandover(
  { config, logger }: AgentOptions,
  parts: {
    readonly inbox: InboxStore;
    readonly deliveries: DeliveryRecorder;
    readonly metrics: AgentMetrics;
    readonly traces: TraceBook;
  },
): HandoverLoop | undefined {
  if (config.dropDir === undefined || !config.dropOut) return undefined;
  const child = logger.child({ component: 'drop-out' });
  return new HandoverLoop({
    inbox: parts.inbox,
    deliverer: new DropOutWriter({
      outDir: join(config.dropDir, 'out'),
      logger: child,
      clock: systemClock,
      onWritten: () => {
        parts.metrics.dropOutFiles.inc();
      },
      onError: (code) => {
        parts.metrics.dropErrors.inc({ code });
      },
    }),
    delivered: (items, at) => {
      parts.deliveries.deliverAll(items, at, 'api');
    },
    concurrency: 4,
    logger: child,
    clock: systemClock,
    traces: parts.traces,
  });
}

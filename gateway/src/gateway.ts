import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { dirname } from 'node:path';
import {
  connectNats,
  loadHttpsOptions,
  Periodic,
  NatsLinkWatch,
  openTracing,
  startService,
  StorageHealth,
  Duration,
  StreamPublisher,
  Streams,
  systemClock,
  type Clock,
  type Lifecycle,
  type Logger,
  type NatsLinkState,
} from '@atc/shared';
import { readGatewayKeyEvents } from './archive/gateway-key-rotation.js';
import { gatewayRotationEntries } from './archive/gateway-rotation-entries.js';
import { loadGatewayKey } from './archive/load-gateway-key.js';
import { MessageSearch } from './archive/message-search.js';
import { RetentionSchedule, RetentionSweeper } from './archive/retention.js';
import { CheckpointPruner, CheckpointPruneSchedule } from './archive/checkpoint-pruner.js';
import { SequenceAudit, SequenceAuditSchedule } from './archive/sequence-audit.js';
import { gatewayReadiness } from './assembly/gateway-readiness.js';
import { openArchive, type Archive } from './assembly/open-archive.js';
import { SessionStore } from './auth/session-store.js';
import { TokenBook } from './auth/token-book.js';
import { archiveLocation, type GatewayConfig, type GatewaySecrets } from './config/gateway-config.js';
import { expiredDeliveriesByMember } from './console-api/expired-deliveries.js';
import { SqliteDb } from './db/sqlite-db.js';
import { WalCheckpointer } from './db/wal-checkpointer.js';
import { databankReadiness, DatabankProjection } from './databank/databank-projector.js';
import { DatabankProjectionThread, PIPELINE_BACKLOG_HIGH } from './databank/projection-thread.js';
import { bankWritersCounter } from './databank/bank-writers.js';
import { countOverduePurges } from './databank/withdrawals.js';
import { ReviewNoticer, ReviewNotices } from './databank/review-notices.js';
import { countOverdueRequests, type SlaDefaults } from './databank/information-requests.js';
import { SlaNoticer, SlaNotices } from './databank/sla-notices.js';
import { QueryWaker } from './member-search/query-waker.js';
import { QueryAnswerer, QueryAnswers } from './member-search/query-answerer.js';
import { bankPersonSearcher } from './search/bank-searcher.js';
import { LeaderElection } from './db/leader-election.js';
import { serviceArchiveLocation } from './db/open-database.js';
import { FlowFeed } from './flow/flow-feed.js';
import { FlowStats } from './flow/flow-stats.js';
import { FlowStatsFeeder } from './flow/flow-stats-feeder.js';
import { DatabankRecords } from './databank/databank-records.js';
import { DatabankSubjects } from './databank/subjects.js';
import { buildHttpApp } from './http/build-http-app.js';
import { LogService } from './log/log-service.js';
import { refreshArchiveGauges } from './metrics/archive-gauges.js';
import { GatewayMetrics } from './metrics/gateway-metrics.js';
import { InboxBacklog } from './nats/inbox-backlog.js';
import { MemberProvisioner } from './nats/member-provisioner.js';
import { GATEWAY_CONSUMER, provisionStreams, SUBMIT_PULL_EXPIRES_MS } from './nats/provision.js';
import { sequenceAnomalyEvent } from './pipeline/flow-events.js';
import { GatewayNoticeSender } from './pipeline/gateway-notice-sender.js';
import { InboxPublisher } from './pipeline/publisher.js';
import { SignaturePool } from './pipeline/signature-pool.js';
import { SubmissionProcessor } from './pipeline/submission-processor.js';
import { SubmitLoop } from './pipeline/submit-loop.js';
import { registryKeyResolver } from './registry/registry-key-resolver.js';
import { openTrustBucket, TrustListPublisher } from './registry/trust-list-publisher.js';

/** A running gateway. */
export interface RunningGateway {
  /** Where the HTTP API listens, e.g. `http://127.0.0.1:8440` (`https://` with TLS on). */
  readonly url: string;
  /** Stops fetching, finishes and commits the batch in flight, acks, closes; every call returns the same stop. */
  stop(): Promise<void>;
}

/**
 * Whether the gateway's NATS connection hands its own publications back to its subscriptions:
 * not, and so its flow feed hands its own events to its listeners itself (see FlowFeed). One
 * setting for both: apart, the gateway's own events would reach its listeners twice, or never.
 */
const OWN_PUBLICATIONS_ECHO = false;

/**
 * Starts the gateway service: provisions streams and consumers, publishes the trust list,
 * runs the submission pipeline and serves the HTTP API.
 *
 * Resources are opened and components started in the order below, and stopped in reverse:
 * the log service, the retention schedule and the submit loop (which commits its batch in
 * flight) stop before the HTTP server closes, and NATS and the archive close last. A start
 * that fails half way undoes what it had opened.
 */
export async function startGateway(options: {
  readonly config: GatewayConfig;
  readonly secrets: GatewaySecrets;
  readonly logger: Logger;
}): Promise<RunningGateway> {
  const { logger } = options;
  const { service: url, lifecycle } = await startService((lifecycle) => build(lifecycle, options), logger);
  let stopped: Promise<void> | undefined;
  return {
    url,
    stop(): Promise<void> {
      stopped ??= lifecycle.stop().then(() => {
        logger.info('gateway stopped');
      });
      return stopped;
    },
  };
}

/** Opens and starts every part of the gateway into `lifecycle`; resolves to the HTTP API's URL. */
async function build(
  lifecycle: Lifecycle,
  options: { readonly config: GatewayConfig; readonly secrets: GatewaySecrets; readonly logger: Logger },
): Promise<string> {
  const { config, secrets, logger } = options;
  const clock: Clock = systemClock;
  const key = await loadGatewayKey(config.keyFile);
  const https = await loadHttpsOptions(config);
  const metrics = new GatewayMetrics();
  // Spans go to the collector when one is configured; trace contexts are passed on either way.
  const { tracer, exporter } = openTracing(config, secrets, {
    serviceName: 'atc-gateway',
    resource: { 'atc.gateway': config.gatewayId },
    logger: logger.child({ component: 'tracing' }),
    onExported: (count) => {
      metrics.spansExported.inc(count);
    },
    onDropped: (count, reason) => {
      metrics.spansDropped.inc({ reason }, count);
    },
  });
  if (exporter !== undefined) await lifecycle.start('span exporter', exporter);

  // 1. The archive, and (SQLite) its checkpoints on a worker thread, off the event loop. The
  // signature pool, which checks the submissions' signatures, also signs the archive's receipts.
  const signatures =
    config.verifyWorkers === 0
      ? undefined
      : await lifecycle.open(
          'signature pool',
          () => new SignaturePool(config.verifyWorkers),
          (pool) => pool.close(),
        );
  const { db, store, registry, log, committer, reader } = await lifecycle.open(
    'archive',
    () =>
      openArchive({
        location: serviceArchiveLocation(archiveLocation(config, secrets)),
        gatewayId: config.gatewayId,
        logOrigin: config.logOrigin,
        key,
        clock,
        logger: logger.child({ component: 'archive' }),
        ...(signatures === undefined ? {} : { signMany: (k, inputs) => signatures.sign(k, inputs) }),
      }),
    (archive: Archive) => archive.close(),
  );
  if (db instanceof SqliteDb) {
    const checkpointer = new WalCheckpointer(db.connection, db.location, {
      onFailure: (why) => {
        logger.warn({ why }, 'archive checkpoint');
      },
    });
    const pageSize = db.connection.pragma('page_size', { simple: true }) as number;
    checkpointer.onCheckpoint((r) => {
      metrics.archiveWalBytes.set(r.log * pageSize);
      if (r.restarted) metrics.archiveWalRestarts.inc();
    });
    await lifecycle.start('wal checkpointer', checkpointer);
  }
  metrics.archiveWritable.set(1);
  // A SQLite archive's disk is watched; PostgreSQL's is the server's own business.
  const archiveFolder = db instanceof SqliteDb ? dirname(db.location) : undefined;
  const storage = new StorageHealth({
    name: 'the archive',
    folder: archiveFolder,
    // Room for at least one more submission (and its log nodes, receipt and WAL frames).
    reserveBytes: 2 * config.maxEnvelopeBytes,
    onFailure: () => {
      metrics.archiveWritable.set(0);
    },
    onRecovery: (downMs) => {
      metrics.archiveWritable.set(1);
      logger.info({ downMs }, 'the archive takes writes again');
    },
  });

  // 2. NATS: streams, inbox consumers, the trust list.
  const nc = await lifecycle.open(
    'nats',
    // Without echo: the gateway's own flow events reach its feed directly (see FlowFeed).
    () => connectNats({ ...config, ...secrets }, { name: 'atc-gateway', noEcho: !OWN_PUBLICATIONS_ECHO }),
    // Draining needs the server; while NATS is down, just close.
    (connection) => connection.drain().catch(() => connection.close()),
  );
  const natsLink = await lifecycle.start(
    'NATS link watch',
    new NatsLinkWatch({
      nc,
      who: 'This gateway replica',
      clock,
      logger: logger.child({ component: 'nats' }),
      onChange: natsLinkMetrics(metrics),
    }),
  );
  const jsm = await jetstreamManager(nc);
  await provisionStreams(jsm, {
    replicas: config.streamReplicas,
    duplicateWindowMs: config.duplicateWindow,
    maxEnvelopeBytes: config.maxEnvelopeBytes,
    acceptWindowMs: config.acceptWindow,
    inboxMaxAgeMs: config.inboxMaxAge,
    submitAckWaitMs: config.submitAckWait,
  });
  const streams = await lifecycle.open(
    'stream publisher',
    () => new StreamPublisher(nc),
    (s) => {
      s.close();
    },
  );
  const members = await lifecycle.start(
    'member provisioner',
    new MemberProvisioner({ jsm, registry, logger, inboxAckWaitMs: config.inboxAckWait }),
  );
  const memberIds = (): string[] => [...members.members];
  const kv = await openTrustBucket(nc, config.streamReplicas);
  const trust = new TrustListPublisher({
    registry,
    kv,
    keyPair: key,
    gatewayId: config.gatewayId,
    logger,
    clock,
    // Agents that pinned an earlier gateway key follow these announcements to this one.
    rotations: async () => (await readGatewayKeyEvents(db, config.gatewayId)).map((e) => e.envelope),
  });
  await trust.publishIfChanged();
  await lifecycle.start('trust list publisher', trust);

  // 3. The flow of the federation: subscribed before the archive is read for the statistics.
  const feed = await lifecycle.start(
    'flow feed',
    new FlowFeed(nc, logger.child({ component: 'flow' }), { echoes: OWN_PUBLICATIONS_ECHO }),
  );
  const stats = new FlowStats(clock);
  await lifecycle.start(
    'flow statistics',
    new FlowStatsFeeder({ feed, stats, db, gatewayId: config.gatewayId, members: memberIds, clock, logger }),
  );
  const backlog = new InboxBacklog({
    jsm,
    members: memberIds,
    onRead: (member, pending) => {
      metrics.consumerPending.set({ member }, pending);
    },
  });

  // How many submissions the pipeline holds and has not taken into a batch yet: the bank's thread
  // defers to a backlog (a batch's worth or more), so that the exchange's own work goes first.
  const pipelineQueued = new Int32Array(new SharedArrayBuffer(4));
  // Operators' decisions waiting for the bank's write lock or holding it: the bank's thread gives way.
  const bankWriters = bankWritersCounter();
  // The data bank's projection of the archive: started after the submit loop, off its commit path,
  // on the leading replica only (it and the review timer are wrapped by the leader election).
  const databank = new DatabankProjection(db, reader, { linkThreshold: config.linkThreshold });
  const sla: SlaDefaults = { immediateMs: config.slaImmediate, urgentMs: config.slaUrgent, normalMs: config.slaNormal };
  const databankLogger = logger.child({ component: 'databank' });
  const leader = new LeaderElection({
    location: archiveLocation(config, secrets),
    logger: databankLogger,
    onChange: (leading) => {
      metrics.databankLeader.set(leading ? 1 : 0);
    },
    lead: () => {
      // In a thread of its own: the projection's work never runs on the pipeline's event loop.
      const projector = new DatabankProjectionThread({
        location: serviceArchiveLocation(archiveLocation(config, secrets)),
        pipelineBacklog: { queued: pipelineQueued, high: Math.min(PIPELINE_BACKLOG_HIGH, config.batchSize) },
        bankWriters,
        linkThreshold: config.linkThreshold,
        nice: config.databankNice,
        heapMb: config.databankHeapMb,
        logger: databankLogger,
        onLag: (lag) => {
          metrics.databankLag.set(lag);
        },
        onApplied: (n) => {
          metrics.databankApplied.inc(n);
        },
        onDeferred: (seconds) => {
          metrics.databankDeferred.inc(seconds);
        },
        onStorageFailure: (code) => {
          metrics.storageFailures.inc({ kind: 'databank', code });
        },
        onHeap: (heap) => {
          metrics.databankThreadHeap.set({ kind: 'used' }, heap.usedBytes);
          metrics.databankThreadHeap.set({ kind: 'total' }, heap.totalBytes);
          metrics.databankThreadHeap.set({ kind: 'limit' }, heap.limitBytes);
        },
      });
      const answerer = new QueryAnswerer(
        new QueryAnswers({
          db,
          archive: reader,
          searcher: bankPersonSearcher(db, clock),
          members: registry,
          send: (result, record) => notices.sendResult(result, record),
          bankCursor: () => databank.cursor(),
          maxEnvelopeBytes: config.maxEnvelopeBytes,
          clock,
          audit: registry.audit,
          memberRate: { perMinute: config.memberSearchRatePerMinute, burst: config.memberSearchRateBurst },
        }),
        {
          logger: databankLogger,
          onAnswered: (outcome) => {
            metrics.databankQueries.inc();
            if (outcome.refused !== undefined) metrics.databankQueriesRefused.inc({ code: outcome.refused });
            metrics.databankQueryHits.inc({ restricted: 'true' }, outcome.restricted);
            metrics.databankQueryHits.inc({ restricted: 'false' }, outcome.hits - outcome.restricted);
            metrics.databankQuerySeconds.observe(outcome.seconds);
          },
        },
      );
      return [
        projector,
        answerer,
        new ReviewNoticer(
          new ReviewNotices({
            db,
            send: (notice, within) => notices.send(notice, within),
            noticeDays: config.reviewNoticeDays,
            clock,
          }),
          {
            logger: databankLogger,
            everyMs: config.reviewCheck,
            onRun: (sent) => {
              metrics.reviewChecks.inc();
              metrics.reviewNotices.inc(sent);
            },
          },
        ),
        new SlaNoticer(
          new SlaNotices({
            db,
            reader,
            send: (notice, within) => notices.send(notice, within),
            defaults: sla,
            clock,
          }),
          {
            logger: databankLogger,
            everyMs: config.slaCheck,
            onRun: (sent) => {
              metrics.requestChecks.inc();
              metrics.requestOverdueNotices.inc(sent);
            },
          },
        ),
        // Last: started once both run, stopped before them.
        new QueryWaker({ feed, projector, answerer }),
      ];
    },
  });

  // 4. The HTTP API, built now and listening last: it closes after the pipeline has stopped.
  const app = await lifecycle.open(
    'http',
    () =>
      buildHttpApp({
        store,
        search: new MessageSearch(db, { scanBudget: config.messageSearchScanBudget }),
        log,
        gatewayRotations: (size) =>
          gatewayRotationEntries(db, log, { gatewayId: config.gatewayId, currentKid: key.kid, size }),
        metrics,
        logger,
        https,
        tokens: new TokenBook(config.tokensFile, logger.child({ component: 'auth' }), clock),
        flow: { stats, feed, members: memberIds, backlog: () => backlog.read() },
        readiness: [
          ...gatewayReadiness({ natsLink, jsm, db, storage }),
          databankReadiness(databank),
          {
            name: 'databank-leader',
            check: () =>
              Promise.resolve({
                ok: true,
                reason: leader.leading
                  ? `this replica leads since ${new Date(leader.since ?? 0).toISOString()}`
                  : 'another replica leads, or none yet',
              }),
          },
        ],
        databank: {
          db,
          records: new DatabankRecords(db, reader, databank),
          audit: registry.audit,
          clock,
          purgeOverdueMs: config.databankPurgeOverdueHours * Duration.hour,
          subjects: new DatabankSubjects({
            db,
            reader,
            audit: registry,
            linkThreshold: config.linkThreshold,
            bankWriters,
          }),
          search: {
            searcher: bankPersonSearcher(db, clock),
            archive: reader,
            rate: { perMinute: config.searchRatePerMinute, burst: config.searchRateBurst },
          },
        },
        audit: registry.audit,
        console: {
          sessions: new SessionStore({ idleMs: config.consoleSessionIdle, maxMs: config.consoleSessionMax, clock }),
          audit: registry.audit,
          gatewayKey: key.publicJwk,
          logOrigin: config.logOrigin,
          dir: config.consoleDir,
        },
        consoleApi: {
          db,
          registry,
          clock,
          alarms: {
            memberSilentMs: config.alarmMemberSilent,
            witnessStaleMs: config.alarmWitnessStale,
            anomalyWindowMs: config.alarmAnomalyWindow,
            purgeOverdueMs: config.databankPurgeOverdueHours * Duration.hour,
            requests: sla,
            inboxMaxAgeMs: config.inboxMaxAge,
          },
          natsLink: () => natsLink.state(),
        },
        trustList: async () => (await kv.get(Streams.trustKey))?.string(),
        beforeScrape: async () => {
          // Cut off from NATS, the backlog keeps its last reading instead of making the scrape wait.
          if (natsLink.state().connected) await backlog.read();
          metrics.databankPurgesOverdue.set(
            await countOverduePurges(db, { now: clock(), overdueMs: config.databankPurgeOverdueHours * Duration.hour }),
          );
          metrics.requestsOverdue.reset();
          for (const o of await countOverdueRequests(db, { now: clock(), defaults: sla })) {
            metrics.requestsOverdue.inc(
              { urgency: o.urgency, namespace: o.exercise ? 'exercise' : 'operational' },
              o.count,
            );
          }
          // Reset first: a member whose copies were resent or confirmed leaves no stale series.
          metrics.inboxExpired.reset();
          for (const e of await expiredDeliveriesByMember(db, { now: clock(), inboxMaxAgeMs: config.inboxMaxAge })) {
            metrics.inboxExpired.set({ member: e.member }, e.count);
          }
          // Read on every replica, not only reported by the leader's projection.
          if (!leader.leading) metrics.databankLag.set((await databank.lag()).lag);
          await refreshArchiveGauges(metrics, {
            db,
            log,
            storage,
            folder: archiveFolder,
            witnesses: async () => (await registry.listMembers()).filter((m) => m.status === 'active').map((m) => m.id),
            now: clock(),
          });
        },
      }),
    (http) => http.close(),
  );

  // 5. The submission pipeline (its signature pool opened with the archive, above).
  const publisher = new InboxPublisher(streams, store, logger.child({ component: 'publisher' }));
  await publisher.recover();
  const processor = new SubmissionProcessor({
    store,
    ...(signatures === undefined ? {} : { verifySignature: signatures.check }),
    members: registry,
    resolver: registryKeyResolver(registry),
    policy: {
      gatewayId: config.gatewayId,
      maxEnvelopeBytes: config.maxEnvelopeBytes,
      clockSkewMs: config.clockSkew,
      acceptWindowMs: config.acceptWindow,
    },
    clock,
  });
  const consumer = await jetstream(nc).consumers.get(Streams.submit, GATEWAY_CONSUMER);
  await lifecycle.start(
    'submit loop',
    new SubmitLoop({
      events: feed,
      consume: () => consumer.consume({ max_messages: config.batchSize * 2, expires: SUBMIT_PULL_EXPIRES_MS }),
      processor,
      committer,
      store,
      publisher,
      metrics,
      logger: logger.child({ component: 'pipeline' }),
      batchSize: config.batchSize,
      storage,
      tracer,
      backlog: pipelineQueued,
      ackWaitMs: config.submitAckWait,
    }),
  );

  // Copies put back to pending (a resend, or a replica that stopped before publishing) go out again.
  await lifecycle.start(
    'pending route sweep',
    new Periodic({
      name: 'pending route sweep',
      everyMs: config.pendingSweep,
      task: async () => {
        await publisher.routePending();
      },
      logger: logger.child({ component: 'publisher' }),
    }),
  );

  const notices = new GatewayNoticeSender({
    db,
    store,
    log,
    committer,
    publisher,
    signer: key,
    gatewayId: config.gatewayId,
    clock,
  });
  // The leader-only parts (data bank projection, review Notices) start here, on one replica at a time.
  await lifecycle.start('data bank leader election', leader);
  metrics.databankLeader.set(leader.leading ? 1 : 0);

  // The sender_sequence audit: on every replica, taking turns under the archive's write lock.
  await lifecycle.start(
    'sequence audit',
    new SequenceAuditSchedule({
      audit: new SequenceAudit(db, { gatewayId: config.gatewayId, graceMs: config.sequenceGrace }),
      everyMs: Math.min(Math.max(config.sequenceGrace / 4, 250), 10_000),
      clock,
      logger: logger.child({ component: 'sequence-audit' }),
      onAnomaly: (anomaly) => {
        metrics.sequenceAnomalies.inc({ member: anomaly.member, kind: anomaly.kind });
        feed.publish(sequenceAnomalyEvent(anomaly));
      },
    }),
  );

  // 6. Retention and the log service, then the HTTP API opens.
  await lifecycle.start(
    'retention',
    new RetentionSchedule({
      sweeper: new RetentionSweeper(db, config.retention),
      everyMs: config.retentionSweep,
      clock,
      logger,
    }),
  );
  await lifecycle.start(
    'checkpoint pruning',
    new CheckpointPruneSchedule({
      pruner: new CheckpointPruner(db, {
        keepAllMs: config.checkpointKeepAll,
        keepOnePerMs: config.checkpointKeepOnePer,
      }),
      everyMs: config.retentionSweep,
      clock,
      logger,
      onPruned: (batch) => {
        metrics.checkpointsPruned.inc(batch.checkpoints);
      },
    }),
  );
  await lifecycle.start(
    'log service',
    new LogService({
      nc,
      log,
      registry,
      logger: logger.child({ component: 'log' }),
      clock,
      clockSkewMs: config.clockSkew,
    }),
  );
  const url = await app.listen({ host: config.httpListen.host, port: config.httpListen.port });
  logger.info({ url, gatewayId: config.gatewayId, kid: key.kid, archive: db.location }, 'gateway started');
  return url;
}

/** Keeps the NATS link's gauge and counter in step with its state. */
function natsLinkMetrics(metrics: GatewayMetrics): (state: NatsLinkState) => void {
  let counted = 0;
  return (state) => {
    metrics.natsConnected.set(state.connected ? 1 : 0);
    metrics.natsDisconnects.inc(state.disconnects - counted);
    counted = state.disconnects;
  };
}

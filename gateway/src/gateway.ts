import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { dirname } from 'node:path';
import {
  connectNats,
  inboxConsumer,
  loadHttpsOptions,
  StorageHealth,
  StreamPublisher,
  Streams,
  systemClock,
  type Logger,
} from '@atc/shared';
import { loadGatewayKey } from './archive/load-gateway-key.js';
import { openArchive } from './assembly/open-archive.js';
import { RetentionSweeper } from './archive/retention.js';
import { SqliteDb } from './db/sqlite-db.js';
import { WalCheckpointer } from './db/wal-checkpointer.js';
import { TokenBook } from './auth/token-book.js';
import { archiveLocation, type GatewayConfig, type GatewaySecrets } from './config/gateway-config.js';
import { FlowFeed } from './flow/flow-feed.js';
import { archivedFlowEvents, archivedLastSeen } from './flow/flow-seed.js';
import { FlowStats } from './flow/flow-stats.js';
import type { FlowEvent } from './domain/flow-event.js';
import { buildHttpApp } from './http/build-http-app.js';
import { LogService } from './log/log-service.js';
import { GatewayMetrics } from './metrics/gateway-metrics.js';
import {
  GATEWAY_CONSUMER,
  provisionInboxConsumer,
  provisionStreams,
  SUBMIT_PULL_EXPIRES_MS,
} from './nats/provision.js';
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
  /** Stops fetching, finishes and commits the batch in flight, acks, closes. */
  stop(): Promise<void>;
}

/** How often the gateway looks for registry changes made by the CLI. */
const REGISTRY_POLL_MS = 1_000;
/** How far back the flow statistics go (their longest window and the current minute). */
const FLOW_HISTORY_MS = 1441 * 60_000;

/**
 * Starts the gateway service: provisions streams and consumers, publishes the trust list,
 * runs the submission pipeline and serves the HTTP API.
 */
export async function startGateway(options: {
  readonly config: GatewayConfig;
  readonly secrets: GatewaySecrets;
  readonly logger: Logger;
}): Promise<RunningGateway> {
  const { config, secrets, logger } = options;
  const clock = systemClock;
  const key = await loadGatewayKey(config.keyFile);
  const https = await loadHttpsOptions(config);
  const archive = await openArchive({
    location: archiveLocation(config, secrets),
    gatewayId: config.gatewayId,
    logOrigin: config.logOrigin,
    key,
    clock,
  });
  const { db, store, registry, log, committer } = archive;
  // SQLite: checkpoints run on a worker thread, not inside the commits on the event loop.
  const checkpointer =
    db instanceof SqliteDb
      ? new WalCheckpointer(db.connection, db.location, {
          onFailure: (why) => {
            logger.warn({ why }, 'archive checkpoint');
          },
        })
      : undefined;
  const metrics = new GatewayMetrics();
  metrics.archiveWritable.set(1);
  const storage = new StorageHealth({
    name: 'the archive',
    // A SQLite archive's disk is watched; PostgreSQL's is the server's own business.
    folder: db instanceof SqliteDb ? dirname(db.location) : undefined,
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

  const nc = await connectNats({ ...config, ...secrets }, { name: 'atc-gateway' });
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  await provisionStreams(jsm, {
    replicas: config.streamReplicas,
    duplicateWindowMs: config.duplicateWindow,
    maxEnvelopeBytes: config.maxEnvelopeBytes,
    acceptWindowMs: config.acceptWindow,
  });

  // The member ids, for the flow statistics: refreshed with the inbox consumers.
  let members: string[] = [];
  let provisionedVersion = -1;
  const provisionMembers = async (): Promise<void> => {
    const version = await registry.version();
    if (version === provisionedVersion) return;
    const list = await registry.listMembers();
    for (const m of list) await provisionInboxConsumer(jsm, m.id);
    members = list.map((m) => m.id);
    provisionedVersion = version;
  };
  await provisionMembers();
  let provisioning: Promise<void> = Promise.resolve();
  const memberTimer = setInterval(() => {
    provisioning = provisioning.then(provisionMembers).catch((e: unknown) => {
      logger.error({ err: e }, 'inbox consumer provisioning failed');
    });
  }, REGISTRY_POLL_MS);
  memberTimer.unref();

  const kv = await openTrustBucket(nc, config.streamReplicas);
  const trust = new TrustListPublisher({ registry, kv, keyPair: key, gatewayId: config.gatewayId, logger, clock });
  await trust.publishIfChanged();
  trust.start();

  const streams = new StreamPublisher(nc);
  const publisher = new InboxPublisher(streams, store, logger.child({ component: 'publisher' }));
  await publisher.recover();
  const signatures = config.verifyWorkers === 0 ? undefined : new SignaturePool(config.verifyWorkers);
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
  const consumer = await js.consumers.get(Streams.submit, GATEWAY_CONSUMER);
  const loop = new SubmitLoop({
    nc,
    consume: () => consumer.consume({ max_messages: config.batchSize * 2, expires: SUBMIT_PULL_EXPIRES_MS }),
    processor,
    committer,
    publisher,
    metrics,
    logger: logger.child({ component: 'pipeline' }),
    batchSize: config.batchSize,
    storage,
  });

  const retention = new RetentionSweeper(db, config.retention);
  const sweep = async (): Promise<void> => {
    try {
      const erased = await retention.sweep(clock());
      if (erased > 0) logger.info({ erased }, 'retention erased payloads');
    } catch (e) {
      logger.error({ err: e }, 'retention sweep failed; it runs again later');
    }
  };
  let sweeping: Promise<void> = Promise.resolve();
  const retentionTimer = setInterval(() => {
    sweeping = sweeping.then(sweep);
  }, config.retentionSweep);
  retentionTimer.unref();
  // Not awaited: a large first sweep must not hold up the start.
  sweeping = sweep();

  const logService = new LogService({ nc, log, registry, logger: logger.child({ component: 'log' }) });
  logService.start();

  // Subscribed before the archive is read, so nothing falls between the two; the statistics
  // tell apart what both saw.
  const feed = await FlowFeed.start(nc, logger.child({ component: 'flow' }));
  const stats = new FlowStats(clock);
  // Live events wait while the archive is read, so that each is told apart from its row.
  let early: FlowEvent[] | undefined = [];
  feed.subscribe(({ event }) => {
    if (early === undefined) stats.ingest(event);
    else early.push(event);
  });
  const seedUntil = clock();
  const seeded = await stats.seed(
    archivedFlowEvents(db, seedUntil - FLOW_HISTORY_MS, seedUntil, config.gatewayId),
    seedUntil,
  );
  for (const event of early) stats.ingest(event);
  early = undefined;
  const memberIds = (): string[] => members;
  for (const [member, at] of await archivedLastSeen(db, memberIds())) stats.seedLastSeen(member, at);
  logger.debug({ events: seeded, ms: clock() - seedUntil }, 'flow statistics seeded from the archive');

  const inboxBacklog = async (): Promise<Map<string, number>> => {
    const backlog = new Map<string, number>();
    await Promise.all(
      memberIds().map(async (member) => {
        const info = await jsm.consumers.info(Streams.inbox, inboxConsumer(member)).catch(() => undefined);
        if (info === undefined) return;
        backlog.set(member, info.num_pending + info.num_ack_pending);
        metrics.consumerPending.set({ member }, info.num_pending + info.num_ack_pending);
      }),
    );
    return backlog;
  };

  const app = await buildHttpApp({
    store,
    log,
    metrics,
    logger,
    https,
    tokens: new TokenBook(config.tokensFile, logger.child({ component: 'auth' }), clock),
    flow: { stats, feed, members: memberIds, backlog: inboxBacklog },
    readiness: [
      { name: 'nats', check: () => !nc.isClosed() && nc.info !== undefined },
      { name: 'streams', check: async () => (await jsm.streams.info(Streams.submit)).config.name === Streams.submit },
      {
        name: 'archive',
        check: async () => {
          await db.run('UPDATE gateway_state SET value = value WHERE key = ?', ['registry_version']);
          return true;
        },
      },
      {
        // The pipeline's own writes: a disk that is full, or a commit that failed for a
        // storage reason and has not succeeded since.
        name: 'archive-writes',
        check: async () => {
          const state = await storage.state();
          return { ok: state.writable, reason: state.reason };
        },
      },
    ],
    trustList: async () => (await kv.get(Streams.trustKey))?.string(),
    beforeScrape: async () => {
      await inboxBacklog();
    },
  });
  const url = await app.listen({ host: config.httpListen.host, port: config.httpListen.port });
  logger.info({ url, gatewayId: config.gatewayId, kid: key.kid, archive: db.location }, 'gateway started');

  return {
    url,
    async stop(): Promise<void> {
      clearInterval(memberTimer);
      clearInterval(retentionTimer);
      await provisioning;
      await sweeping;
      trust.stop();
      await loop.stop();
      streams.close();
      await signatures?.close();
      await logService.stop();
      logger.debug('submit loop stopped');
      await app.close();
      logger.debug('http closed');
      feed.stop();
      // Draining needs the server; while NATS is down, just close.
      await nc.drain().catch(() => nc.close());
      logger.debug('nats drained');
      await checkpointer?.close();
      await db.close();
      logger.info('gateway stopped');
    },
  };
}

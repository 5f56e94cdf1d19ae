import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import {
  payloadJsonSchema,
  type Clock,
  type HttpsOptions,
  type Logger,
  type NatsLinkState,
  type PayloadType,
  type StorageHealth,
  type Tracer,
} from '@atc/shared';
import { createHttpApp, healthRoutes, type ReadinessCheck } from '@atc/shared/http';
import type { ClockState } from '../clock/clock-watch.js';
import type { InboxItem, InboxStore } from '../inbox/inbox-store.js';
import type { TrustAlarm } from '../inbox/trust-store.js';
import type { ReceiptProof } from '../witness/receipt-proof.js';
import type { WitnessStore } from '../witness/witness-store.js';
import type { MessageComposer } from '../messages/message-composer.js';
import type { AgentMetrics } from '../metrics/agent-metrics.js';
import type { OutboxStore } from '../store/outbox-store.js';
import { alarmRoutes } from './alarm-routes.js';
import { databankSearchRoutes, type DatabankSearchRoutesOptions } from './databank-search-routes.js';
import { requireApiKeys, type ApiKeyAuth } from './api-key-auth.js';
import type { EventHub } from './event-hub.js';
import { inboxRoutes } from './inbox-routes.js';
import { inboxStreamRoutes } from './inbox-stream-routes.js';
import { messageRoutes } from './message-routes.js';
import { withdrawalRoutes } from './withdrawal-routes.js';
import { RECORD_TYPES } from './message-request.js';

export type { ReadinessCheck, ReadinessResult } from '@atc/shared/http';

/** What the integrator API works with. */
export interface AgentAppDeps {
  readonly memberId: string;
  readonly composer: MessageComposer;
  readonly outbox: OutboxStore;
  readonly inbox: InboxStore;
  readonly events: EventHub;
  readonly auth: ApiKeyAuth;
  readonly metrics: AgentMetrics;
  readonly readiness: readonly ReadinessCheck[];
  /** The agent database's health: checked before a record is taken, told of storage failures. */
  readonly storage: StorageHealth;
  /** This agent's clock against the centre's: new records are refused while it is off. */
  readonly clockWatch: { state(): ClockState; refuseIfSkewed(): void };
  readonly alarms: () => readonly TrustAlarm[];
  /** This agent's link to NATS (an alarm while it is down). */
  readonly natsLink: { state(): NatsLinkState };
  /** Alarms of the witness about the centre's archive log. */
  readonly logAlarms: Pick<WitnessStore, 'alarms' | 'clear'>;
  /** Checks an ACCEPTED receipt's log proof against the envelope this agent sent. */
  readonly receiptProof: (receipt: Uint8Array, sent: Uint8Array) => ReceiptProof | undefined;
  /** Records that the national system took an item, with its DeliveryAck, in one transaction. */
  readonly deliverItem: (item: InboxItem, at: number, channel: 'api') => void;
  readonly maxEnvelopeBytes: number;
  readonly logger: Logger;
  readonly clock: Clock;
  /** Serve HTTPS with this certificate and key (see `loadHttpsOptions`); plain HTTP when absent. */
  readonly https?: HttpsOptions | undefined;
  /** The data bank search routes' own collaborators (searches, trust list, timeout). */
  readonly search: Omit<
    DatabankSearchRoutesOptions,
    'composer' | 'outbox' | 'inbox' | 'storage' | 'clockWatch' | 'logger' | 'clock' | 'maxEnvelopeBytes'
  >;
  /** Failed authentications a client address may make per window before it gets 429 (default 20 a minute). */
  readonly authFailureLimit?: { readonly max: number; readonly windowMs: number };
  /** Records the span of each record taken by `POST /v1/messages`. */
  readonly tracer?: Tracer;
}

const OPEN_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);
const isOpen = (path: string): boolean => OPEN_ROUTES.has(path) || path.startsWith('/docs');

/**
 * The integrator HTTP API of the node agent as a fastify app (kept apart from `listen()`):
 * bearer API keys, JSON schemas on every route, OpenAPI at /docs, RFC 9457 errors that
 * name every invalid field.
 */
export async function buildAgentApp(deps: AgentAppDeps): Promise<FastifyInstance> {
  const app = await createHttpApp({
    service: 'agent',
    retryAdvice: 'Retry; a POST with the same Idempotency-Key is not done twice.',
    logger: deps.logger,
    https: deps.https,
    bodyLimit: deps.maxEnvelopeBytes * 2,
    // Refuse what the schemas do not allow, instead of quietly dropping or coercing it.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true, useDefaults: false } },
    realm: 'atc-agent',
    authFailureLimit: deps.authFailureLimit,
    countAuthFailure: (reason) => {
      deps.metrics.authFailures.inc({ reason });
    },
  });
  // JSON only: any other body is refused with 415 rather than read as text.
  app.removeContentTypeParser('text/plain');

  await app.register(swagger, {
    openapi: {
      info: {
        title: `ATC Exchange node agent (${deps.memberId})`,
        version: '1',
        description: 'Send records to other members, follow their lifecycle, and take what others sent.',
      },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
      security: [{ apiKey: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  for (const type of RECORD_TYPES) app.addSchema({ $id: type, ...payloadJsonSchema(`atc.v1.${type}` as PayloadType) });

  requireApiKeys(app, { auth: deps.auth, open: isOpen });

  await app.register(healthRoutes, {
    readiness: deps.readiness,
    metrics: deps.metrics.registry,
    beforeScrape: () => refreshGauges(deps),
    route: { schema: { hide: true } },
  });
  await app.register(messageRoutes, deps);
  await app.register(inboxRoutes, deps);
  await app.register(inboxStreamRoutes, deps);
  await app.register(alarmRoutes, {
    ...deps,
    clockState: () => deps.clockWatch.state(),
    natsState: () => deps.natsLink.state(),
  });
  await app.register(withdrawalRoutes, { withdrawals: deps.inbox.withdrawals });
  await app.register(databankSearchRoutes, { ...deps, ...deps.search });
  return app;
}

/** Sets the gauges that are read on demand, before each scrape of /metrics. */
async function refreshGauges(deps: AgentAppDeps): Promise<void> {
  const now = deps.clock();
  deps.metrics.outboxDepth.set(deps.outbox.depth());
  deps.metrics.outboxOldestSeconds.set(deps.outbox.oldestQueuedAge(now) / 1000);
  const stats = deps.inbox.stats(now);
  deps.metrics.inboxPending.set(stats.byState.pending);
  deps.metrics.inboxErased.set(stats.byState.erased);
  deps.metrics.withdrawalsAwaitingPurgeAck.set(deps.inbox.withdrawals.awaitingPurgeAck());
  deps.metrics.inboxLagSeconds.set(stats.oldestPendingAgeMs / 1000);
  deps.metrics.trustAlarms.set(deps.alarms().length);
  const free = await deps.storage.freeBytes();
  if (free !== undefined) deps.metrics.diskFreeBytes.set(free);
  const clock = deps.clockWatch.state();
  if (clock.offsetMs !== undefined) deps.metrics.clockOffsetSeconds.set(clock.offsetMs / 1000);
  deps.metrics.clockSkewed.set(clock.skewed ? 1 : 0);
  deps.metrics.natsConnected.set(deps.natsLink.state().connected ? 1 : 0);
}

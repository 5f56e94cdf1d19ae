import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import {
  ErrorCode,
  payloadJsonSchema,
  problem,
  UUID_V7_PATTERN,
  type Clock,
  type HttpsOptions,
  type Logger,
  type PayloadType,
  type StorageHealth,
} from '@atc/shared';
import { authFailures, pageLimit, problemErrors, problemServerOptions, sendProblem } from '@atc/shared/http';
import type { InboxItem, InboxState, InboxStore } from '../inbox/inbox-store.js';
import type { TrustAlarm } from '../inbox/trust-store.js';
import type { ReceiptProof } from '../witness/receipt-proof.js';
import type { WitnessStore } from '../witness/witness-store.js';
import type { MessageComposer } from '../messages/message-composer.js';
import type { AgentMetrics } from '../metrics/agent-metrics.js';
import type { OutboxStatus } from '../store/outbox-records.js';
import type { OutboxStore } from '../store/outbox-store.js';
import { webhookBody } from '../handover/handover-loop.js';
import type { ApiKeyAuth } from './api-key-auth.js';
import { refuseUnlessWritable, storageRefusal } from './storage-refusal.js';
import type { EventHub } from './event-hub.js';
import {
  messageRequestSchema,
  RECORD_TYPES,
  requestDigest,
  toComposeRequest,
  type MessageRequestBody,
} from './message-request.js';
import { outboxMessageJson } from './outbox-json.js';

/** What a readiness check found: whether it holds and, when not, why (when it can say). */
export type ReadinessResult = boolean | { readonly ok: boolean; readonly reason?: string | undefined };

/** A readiness check: a name and whether it currently holds. */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<ReadinessResult> | ReadinessResult;
}

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
  readonly alarms: () => readonly TrustAlarm[];
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
  /** Failed authentications a client address may make per window before it gets 429 (default 20 a minute). */
  readonly authFailureLimit?: { readonly max: number; readonly windowMs: number };
}

/** Failed authentications allowed per client address and window, unless the deps say otherwise. */
const AUTH_FAILURE_LIMIT = { max: 20, windowMs: 60_000 } as const;
const SERVICE = {
  service: 'agent',
  retryAdvice: 'Retry; a POST with the same Idempotency-Key is not done twice.',
} as const;

const OPEN_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
const SSE_HEARTBEAT_MS = 15_000;
/** Query strings are text: counts are digits, checked by pattern (no type coercion anywhere). */
const COUNT = { type: 'string', pattern: '^[0-9]{1,9}$' } as const;
/** A page size: checked by `pageLimit`, which says the range when it is out of it. */
const LIMIT = {
  ...COUNT,
  description: 'Page size, 1 to 1000 (default 100). The answer says more: true when another page exists.',
} as const;

const idParams = {
  type: 'object',
  properties: {
    id: { type: 'string', pattern: UUID_V7_PATTERN },
  },
  required: ['id'],
} as const;

function inboxItemJson(item: InboxItem): Record<string, unknown> {
  return {
    ...webhookBody(item),
    seq: item.seq,
    state: item.state,
    attempts: item.attempts,
    lastError: item.lastError,
    deliveredAt: item.deliveredAt === null ? null : new Date(item.deliveredAt).toISOString(),
    channel: item.channel,
  };
}

/**
 * The integrator HTTP API of the node agent as a fastify app (kept apart from `listen()`):
 * bearer API keys, JSON schemas on every route, OpenAPI at /docs, RFC 9457 errors that
 * name every invalid field.
 */
export async function buildAgentApp(deps: AgentAppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger.child({ component: 'http' }),
    logController: new LogController({ disableRequestLogging: true }),
    ...problemServerOptions(SERVICE),
    bodyLimit: deps.maxEnvelopeBytes * 2,
    ...(deps.https === undefined ? {} : { https: { ...deps.https } }),
    // Refuse what the schemas do not allow, instead of quietly dropping or coercing it.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true, useDefaults: false } },
  }) as unknown as FastifyInstance;
  await app.register(problemErrors, SERVICE);
  // JSON only: any other body is refused with 415 rather than read as text.
  app.removeContentTypeParser('text/plain');
  const limit = deps.authFailureLimit ?? AUTH_FAILURE_LIMIT;
  await app.register(authFailures, {
    realm: 'atc-agent',
    maxFailures: limit.max,
    windowMs: limit.windowMs,
    count: (reason) => {
      deps.metrics.authFailures.inc({ reason });
    },
  });

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

  app.addHook('onRequest', async (req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    if (OPEN_ROUTES.has(path) || path.startsWith('/docs')) return;
    // A client that failed too often is refused before its key is looked at.
    if (await app.authThrottled(req, reply)) return reply;
    const result = deps.auth.check(req.headers.authorization);
    if (result.ok) return undefined;
    return app.refuseAuth(req, reply, {
      reason: result.reason,
      detail:
        result.reason === 'unknown'
          ? "The API key is not one of this agent's keys (ATC_API_KEYS): mistyped or withdrawn. Send a valid one."
          : 'Send one of the agent\'s API keys as "Authorization: Bearer <key>".',
    });
  });

  app.get('/healthz', { schema: { hide: true } }, () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    const checks = await Promise.all(
      deps.readiness.map(async (c) => {
        const result = await Promise.resolve(c.check()).catch(() => false);
        if (typeof result === 'boolean') return { name: c.name, ok: result };
        return { name: c.name, ok: result.ok, ...(result.reason === undefined ? {} : { reason: result.reason }) };
      }),
    );
    const ready = checks.every((c) => c.ok);
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks });
  });
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    const now = deps.clock();
    deps.metrics.outboxDepth.set(deps.outbox.depth());
    deps.metrics.outboxOldestSeconds.set(deps.outbox.oldestQueuedAge(now) / 1000);
    const stats = deps.inbox.stats(now);
    deps.metrics.inboxPending.set(stats.byState.pending);
    deps.metrics.inboxLagSeconds.set(stats.oldestPendingAgeMs / 1000);
    deps.metrics.trustAlarms.set(deps.alarms().length);
    return reply.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  app.post<{ Body: MessageRequestBody; Headers: { 'idempotency-key'?: string } }>(
    '/v1/messages',
    {
      schema: {
        summary: 'Send a record',
        description: 'Validates, signs and stores the record in the durable outbox before answering 202.',
        body: messageRequestSchema,
        headers: {
          type: 'object',
          properties: { 'idempotency-key': { type: 'string', pattern: IDEMPOTENCY_KEY.source } },
        },
      },
    },
    async (req, reply) => {
      const request = toComposeRequest(req.body);
      const key = req.headers['idempotency-key'];
      await refuseUnlessWritable(deps.storage);
      const result = await deps.composer
        .composeGrouped({
          ...request,
          ...(key === undefined ? {} : { idempotencyKey: key, requestSha256: requestDigest(req.body) }),
        })
        .catch((e: unknown) => {
          const failure = deps.storage.failed(e);
          if (failure === undefined) throw e;
          deps.logger.warn({ err: e, code: failure.code }, 'a record was not stored: the outbox cannot write');
          throw storageRefusal(failure.code, `the outbox cannot write (${failure.detail})`, e);
        });
      if (result.created) deps.storage.succeeded();
      return reply.code(202).header('location', `/v1/messages/${result.row.messageId}`).send({
        messageId: result.row.messageId,
        status: result.row.status,
        sequence: result.row.sequence,
        created: result.created,
      });
    },
  );

  app.get<{ Params: { id: string } }>('/v1/messages/:id', { schema: { params: idParams } }, async (req, reply) => {
    const m = deps.outbox.get(req.params.id);
    if (m === undefined) {
      return sendProblem(
        reply,
        problem(
          404,
          ErrorCode.MESSAGE_UNKNOWN,
          'Not found',
          `No message ${req.params.id} was sent through this agent.`,
        ),
      );
    }
    const accepted = m.receipts.find((r) => r.status === 'accepted');
    const sent = deps.outbox.envelopeOf(m.messageId);
    const proof = accepted === undefined || sent === undefined ? undefined : deps.receiptProof(accepted.envelope, sent);
    // The proof that the centre archived exactly these bytes: leaf index, checkpoint, path.
    return { ...outboxMessageJson(m), log: proof ?? null };
  });

  app.get<{ Querystring: { status?: OutboxStatus; after?: string; limit?: string } }>(
    '/v1/messages',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: ['queued', 'published', 'accepted', 'rejected'] },
            after: idParams.properties.id,
            limit: LIMIT,
          },
        },
      },
    },
    (req) => {
      const limit = pageLimit(req.query.limit);
      // One row beyond the page says whether there is more.
      const rows = deps.outbox.list({
        limit: limit + 1,
        ...(req.query.status === undefined ? {} : { status: req.query.status }),
        ...(req.query.after === undefined ? {} : { after: req.query.after }),
      });
      const page = rows.slice(0, limit);
      return {
        messages: page.map((r) => outboxMessageJson({ ...r, receipts: [], deliveries: [] }, false)),
        more: rows.length > limit,
        // An empty page keeps the cursor, so a client polling by `next` never starts over.
        next: page.at(-1)?.messageId ?? req.query.after ?? null,
      };
    },
  );

  app.get<{ Querystring: { after?: string; limit?: string; state?: InboxState } }>(
    '/v1/inbox',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            after: COUNT,
            limit: LIMIT,
            state: { type: 'string', enum: ['pending', 'delivered', 'failed'] },
          },
        },
      },
    },
    (req) => {
      const limit = pageLimit(req.query.limit);
      const after = req.query.after === undefined ? undefined : Number(req.query.after);
      // One item beyond the page says whether there is more.
      const items = deps.inbox.list({
        limit: limit + 1,
        ...(after === undefined ? {} : { after }),
        ...(req.query.state === undefined ? {} : { state: req.query.state }),
      });
      const page = items.slice(0, limit);
      return { items: page.map(inboxItemJson), more: items.length > limit, next: page.at(-1)?.seq ?? after ?? 0 };
    },
  );

  app.get<{ Params: { id: string } }>('/v1/inbox/:id', { schema: { params: idParams } }, async (req, reply) => {
    const item = deps.inbox.get(req.params.id);
    if (item === undefined) {
      return sendProblem(reply, problem(404, ErrorCode.ITEM_UNKNOWN, 'Not found', `No inbox item ${req.params.id}.`));
    }
    return inboxItemJson(item);
  });

  app.post<{ Params: { id: string } }>('/v1/inbox/:id/ack', { schema: { params: idParams } }, async (req, reply) => {
    const item = deps.inbox.get(req.params.id);
    if (item === undefined) {
      return sendProblem(reply, problem(404, ErrorCode.ITEM_UNKNOWN, 'Not found', `No inbox item ${req.params.id}.`));
    }
    deps.deliverItem(item, deps.clock(), 'api');
    return inboxItemJson(deps.inbox.get(item.messageId) ?? item);
  });

  // Open event streams never finish by themselves: end them when the app closes, or
  // close() would wait for every connected national system to hang up.
  const openStreams = new Set<() => void>();
  app.addHook('preClose', (done) => {
    for (const end of openStreams) end();
    done();
  });

  app.get<{ Querystring: { after?: string } }>(
    '/v1/inbox/stream',
    {
      schema: {
        description: 'Server-Sent Events: one "item" event per new inbox item; resumes after Last-Event-ID or ?after=.',
        querystring: { type: 'object', properties: { after: COUNT } },
      },
    },
    (req, reply) => {
      const header = req.headers['last-event-id'];
      const lastEventId = typeof header === 'string' && /^[0-9]{1,15}$/.test(header) ? Number(header) : Number.NaN;
      // Resume after the last event the client saw; a new client starts with what comes next.
      let cursor = Number.isSafeInteger(lastEventId)
        ? lastEventId
        : req.query.after !== undefined
          ? Number(req.query.after)
          : deps.inbox.latestSeq();
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      // Send the headers now, not with the first event, so the client sees the stream open.
      res.flushHeaders();
      // One page at a time, waiting for the socket to drain: a client far behind gets the
      // whole backlog without it piling up in memory. A call during a pass asks for another.
      let flushing = false;
      let again = false;
      let closed = false;
      const flush = async (): Promise<void> => {
        if (flushing) {
          again = true;
          return;
        }
        flushing = true;
        do {
          again = false;
          for (
            let page = deps.inbox.list({ after: cursor, limit: 500 });
            page.length > 0 && !closed;
            page = deps.inbox.list({ after: cursor, limit: 500 })
          ) {
            let writable = true;
            for (const item of page) {
              writable = res.write(`id: ${item.seq}\nevent: item\ndata: ${JSON.stringify(inboxItemJson(item))}\n\n`);
              cursor = item.seq;
            }
            if (!writable) await new Promise((resolve) => res.once('drain', resolve));
          }
        } while (again && !closed);
        flushing = false;
      };
      const flushLogged = (): void => {
        flush().catch((e: unknown) => {
          deps.logger.warn({ err: e }, 'inbox stream write failed');
        });
      };
      flushLogged();
      const unsubscribe = deps.events.subscribe(flushLogged);
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), SSE_HEARTBEAT_MS);
      const end = (): void => {
        res.end();
      };
      openStreams.add(end);
      // The client hung up, or the app ended the stream.
      res.on('close', () => {
        closed = true;
        // A pass waiting for 'drain' on a closed socket would wait for ever.
        res.emit('drain');
        clearInterval(heartbeat);
        unsubscribe();
        openStreams.delete(end);
      });
    },
  );

  app.get('/v1/alarms', () => ({
    alarms: deps.alarms(),
    log: deps.logAlarms.alarms().map((a) => ({
      ...a,
      raisedAt: new Date(a.raisedAt).toISOString(),
      clearedAt: a.clearedAt === null ? null : new Date(a.clearedAt).toISOString(),
    })),
  }));

  return app;
}

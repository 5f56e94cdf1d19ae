import type { FastifyInstance } from 'fastify';
import {
  childContext,
  ErrorCode,
  isAtcError,
  parseTraceparent,
  spanClock,
  SpanKind,
  type Logger,
  type StorageHealth,
  type TraceContext,
  type Tracer,
} from '@atc/shared';
import { notFound, pageLimit } from '@atc/shared/http';
import type { MessageComposer } from '../messages/message-composer.js';
import type { EnqueueResult, OutboxStatus } from '../store/outbox-records.js';
import type { OutboxStore } from '../store/outbox-store.js';
import type { ReceiptProof } from '../witness/receipt-proof.js';
import { messageRequestSchema, requestDigest, toComposeRequest, type MessageRequestBody } from './message-request.js';
import { outboxMessageJson } from './outbox-json.js';
import { idempotencyHeaders, idParams, LIMIT } from './route-schemas.js';
import { refuseUnlessWritable, storageRefusal } from './storage-refusal.js';

/** What the message routes work with. */
export interface MessageRoutesOptions {
  readonly composer: MessageComposer;
  readonly outbox: OutboxStore;
  /** The agent database's health: checked before a record is taken, told of storage failures. */
  readonly storage: StorageHealth;
  /** Refuses a record (ERR_CLOCK_SKEW) while this agent's clock is off the centre's. */
  readonly clockWatch: { refuseIfSkewed(): void };
  /** Checks an ACCEPTED receipt's log proof against the envelope this agent sent. */
  readonly receiptProof: (receipt: Uint8Array, sent: Uint8Array) => ReceiptProof | undefined;
  readonly logger: Logger;
  /**
   * Records the span of each record taken: a child of the request's `traceparent` header, or
   * the root of a new trace when there is none or it is malformed.
   */
  readonly tracer?: Tracer;
}

const acceptedSchema = {
  type: 'object',
  properties: {
    messageId: { type: 'string' },
    status: { type: 'string' },
    sequence: { type: 'integer' },
    created: { type: 'boolean', description: 'false when the Idempotency-Key named an earlier request' },
  },
  required: ['messageId', 'status', 'sequence', 'created'],
} as const;

/** Every property of an outbox message as `outboxMessageJson` writes it (values as they are). */
const outboxMessageProperties = Object.fromEntries(
  [
    'messageId',
    'sequence',
    'payloadType',
    'recipients',
    'broadcast',
    'status',
    'reason',
    'createdAt',
    'publishedAt',
    'acceptedAt',
    'attempts',
    'lastError',
    'deliveries',
    'receipts',
    'prunedAt',
  ].map((name) => [name, {}]),
);

const messageSchema = {
  type: 'object',
  properties: { ...outboxMessageProperties, log: { description: 'the log proof of the accepted receipt, or null' } },
} as const;

const pageSchema = {
  type: 'object',
  properties: {
    messages: { type: 'array', items: { type: 'object', properties: outboxMessageProperties } },
    more: { type: 'boolean' },
    next: { type: ['string', 'null'] },
  },
} as const;

/**
 * `POST /v1/messages` (send a record), `GET /v1/messages/:id` (its lifecycle, receipts and
 * log proof) and `GET /v1/messages` (the outbox, a page at a time).
 */
export function messageRoutes(app: FastifyInstance, options: MessageRoutesOptions, done: (err?: Error) => void): void {
  const { outbox, storage } = options;

  app.post<{ Body: MessageRequestBody; Headers: { 'idempotency-key'?: string } }>(
    '/v1/messages',
    {
      schema: {
        summary: 'Send a record',
        description:
          "Validates, signs and stores the record in the durable outbox before answering 202. A W3C `traceparent` header, if given, makes the record part of the caller's trace (a missing or malformed one starts a new trace); the recipient's webhook call carries the same trace id.",
        body: messageRequestSchema,
        headers: idempotencyHeaders,
        response: { 202: acceptedSchema },
      },
    },
    async (req, reply) => {
      const started = spanClock();
      // A missing or malformed traceparent starts a new trace; it is never a reason to refuse.
      const parent = parseTraceparent(req.headers.traceparent);
      const trace = childContext(parent);
      let result: EnqueueResult;
      try {
        result = await takeRecord(req.body, req.headers['idempotency-key'], trace);
      } catch (e) {
        receiveSpan(trace, parent, started, undefined, isAtcError(e) ? e.code : ErrorCode.INTERNAL);
        throw e;
      }
      const { messageId, status, sequence } = result.row;
      receiveSpan(trace, parent, started, messageId, undefined);
      return reply
        .code(202)
        .header('location', `/v1/messages/${messageId}`)
        .send({ messageId, status, sequence, created: result.created });
    },
  );

  /** Checks, signs and stores one record in the outbox. */
  async function takeRecord(body: MessageRequestBody, key: string | undefined, trace: TraceContext) {
    const request = toComposeRequest(body);
    // Before anything is signed: the centre would refuse a record dated by a clock this far off.
    options.clockWatch.refuseIfSkewed();
    await refuseUnlessWritable(storage);
    const result = await options.composer
      .composeGrouped({
        ...request,
        trace,
        ...(key === undefined ? {} : { idempotencyKey: key, requestSha256: requestDigest(body) }),
      })
      .catch((e: unknown) => {
        const failure = storage.failed(e);
        if (failure === undefined) throw e;
        options.logger.warn(
          { err: e, code: failure.code, traceId: trace.traceId },
          'a record was not stored: the outbox cannot write',
        );
        throw storageRefusal(failure.code, `the outbox cannot write (${failure.detail})`, e);
      });
    if (result.created) storage.succeeded();
    options.logger.debug(
      { messageId: result.row.messageId, traceId: trace.traceId, created: result.created },
      'record taken into the outbox',
    );
    return result;
  }

  /** The span of one POST /v1/messages (none unless spans are exported). */
  function receiveSpan(
    trace: TraceContext,
    parent: TraceContext | undefined,
    started: number,
    messageId: string | undefined,
    error: string | undefined,
  ): void {
    const { tracer } = options;
    if (tracer?.recording !== true) return;
    tracer.record(trace, parent, {
      name: 'agent api receive',
      kind: SpanKind.SERVER,
      startMs: started,
      endMs: spanClock(),
      attributes: {
        'http.request.method': 'POST',
        'http.route': '/v1/messages',
        ...(messageId === undefined ? {} : { 'atc.message_id': messageId }),
      },
      error,
    });
  }

  app.get<{ Params: { id: string } }>(
    '/v1/messages/:id',
    { schema: { params: idParams, response: { 200: messageSchema } } },
    (req) => {
      const m = outbox.get(req.params.id);
      if (m === undefined) {
        throw notFound(ErrorCode.MESSAGE_UNKNOWN, `No message ${req.params.id} was sent through this agent.`);
      }
      const accepted = m.receipts.find((r) => r.status === 'accepted');
      const sent = outbox.envelopeOf(m.messageId);
      const proof =
        accepted === undefined || sent === undefined ? undefined : options.receiptProof(accepted.envelope, sent);
      // The proof that the centre archived exactly these bytes: leaf index, checkpoint, path.
      return { ...outboxMessageJson(m), log: proof ?? null };
    },
  );

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
        response: { 200: pageSchema },
      },
    },
    (req) => {
      const limit = pageLimit(req.query.limit);
      // One row beyond the page says whether there is more.
      const rows = outbox.list({
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
  done();
}

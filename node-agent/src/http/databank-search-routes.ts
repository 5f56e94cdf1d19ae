import type { FastifyInstance } from 'fastify';
import {
  AtcError,
  atc,
  dataBankQueryJson,
  personSearchJsonProperties,
  type PersonSearchJson,
  ErrorCode,
  payloadFromJson,
  PayloadType,
  protocolEnumNames,
  type AnyErrorCode,
  uuidv7,
  type KeyResolver,
  type Logger,
  type StorageHealth,
  type VerifiedEnvelope,
} from '@atc/shared';
import { HttpProblem, notFound } from '@atc/shared/http';
import type { InboxStore } from '../inbox/inbox-store.js';
import type { MessageComposer } from '../messages/message-composer.js';
import {
  searchResultJson,
  unansweredSearchJson,
  type ErasedSearchJson,
  type RemovedSearchJson,
  type RefusedSearchJson,
  type SearchResultJson,
} from '../search/result-json.js';
import type { SearchStore } from '../search/search-store.js';
import { OutboxStatus } from '../store/outbox-records.js';
import type { OutboxStore } from '../store/outbox-store.js';
import { idempotencyHeaders, idParams } from './route-schemas.js';
import { requestDigest } from './message-request.js';
import { refuseUnlessWritable, storageRefusal } from './storage-refusal.js';

/** What the data bank search routes work with. */
export interface DatabankSearchRoutesOptions {
  readonly composer: MessageComposer;
  readonly outbox: OutboxStore;
  readonly inbox: InboxStore;
  readonly searches: SearchStore;
  /** The trust list: verifies the originators' envelopes a result quotes. */
  readonly trust: KeyResolver;
  readonly gatewayId: string;
  /** How long a search waits for its answer before answering 202 (ATC_SEARCH_TIMEOUT). */
  readonly searchTimeoutMs: number;
  readonly maxEnvelopeBytes: number;
  readonly storage: StorageHealth;
  /** Refuses a query or request (ERR_CLOCK_SKEW) while this agent's clock is off the centre's. */
  readonly clockWatch: { refuseIfSkewed(): void };
  readonly toJson: (v: VerifiedEnvelope) => Record<string, unknown>;
  readonly logger: Logger;
  readonly clock: () => number;
}

const URGENCY = protocolEnumNames<atc.v1.Urgency>('atc.v1.Urgency');
const TEXT = { type: 'string', minLength: 1, maxLength: 1000 } as const;

/** The JSON body of `POST /v1/databank/search`. */
interface SearchBody extends PersonSearchJson {
  readonly purpose: string;
  readonly legalBasis: string;
  readonly exercise?: boolean;
  readonly waitMs?: number;
}

const searchBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['purpose', 'legalBasis'],
  properties: {
    ...personSearchJsonProperties,
    purpose: { ...TEXT, description: 'Why the person is searched for (case, request): signed into the query.' },
    legalBasis: { ...TEXT, description: 'The legal basis of the search: signed into the query.' },
    exercise: { type: 'boolean', description: 'Search the joint-exercise namespace instead of operational records.' },
    waitMs: {
      type: 'integer',
      minimum: 0,
      maximum: 30_000,
      description: 'Wait this long for the answer (default ATC_SEARCH_TIMEOUT).',
    },
  },
} as const;

const requestBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['questions'],
  properties: {
    questions: { type: 'array', minItems: 1, maxItems: 20, items: TEXT },
    subject: { ...TEXT, description: 'Default: "Details of <originator>/<record id>".' },
    purpose: { ...TEXT, description: "Default: the search's purpose." },
    legalBasis: { ...TEXT, description: "Default: the search's legal basis." },
    urgency: { type: 'string', enum: URGENCY.shortNames, description: 'Default NORMAL.' },
  },
} as const;

interface RequestBody {
  readonly questions: readonly string[];
  readonly subject?: string;
  readonly purpose?: string;
  readonly legalBasis?: string;
  readonly urgency?: string;
}

/**
 * `POST /v1/databank/search` (a signed DataBankQuery to the centre; the answer within the
 * timeout, else 202 and a URL), `GET /v1/databank/searches/:id` (pending or the answer) and
 * `POST /v1/databank/searches/:id/hits/:n/request` (an InformationRequest to a hit's
 * originator about its record).
 */
export function databankSearchRoutes(
  app: FastifyInstance,
  options: DatabankSearchRoutesOptions,
  done: (err?: Error) => void,
): void {
  const { composer, outbox, inbox, searches, storage } = options;

  const answerOf = async (
    searchId: string,
  ): Promise<SearchResultJson | RefusedSearchJson | ErasedSearchJson | RemovedSearchJson | undefined> => {
    const row = searches.get(searchId);
    if (row?.resultMessageId === null || row === undefined) return undefined;
    const item = inbox.get(row.resultMessageId);
    if (item?.state === 'erased') {
      // It quoted a record its originator withdrew since: erased with that record's copies.
      return {
        searchId,
        status: 'erased',
        resultMessageId: row.resultMessageId,
        erasedBy: item.erasedBy,
        detail:
          "The answer quoted a record that its originator has since withdrawn, and was erased with the record's other copies (see the withdrawal named in erasedBy); search again for what the centre holds now.",
      };
    }
    if (item?.state === 'expired') {
      return {
        searchId,
        status: 'removed',
        resultMessageId: row.resultMessageId,
        expiredAt: new Date(item.expiredAt ?? 0).toISOString(),
        detail:
          'The answer was taken longer ago than the inbox retention (ATC_INBOX_RETENTION), and its content was removed from this agent: search again for what the centre holds now.',
      };
    }
    const envelope = inbox.envelopeOf(row.resultMessageId);
    if (envelope === undefined) return undefined;
    return searchResultJson(searchId, row.resultMessageId, envelope, {
      resolver: options.trust,
      maxBytes: options.maxEnvelopeBytes,
      toJson: options.toJson,
    });
  };
  /** A write to the outbox that failed: 503 with Retry-After when the storage is at fault (noted for /readyz). */
  const outboxFailed = (e: unknown): never => {
    const failure = storage.failed(e);
    if (failure === undefined) throw e;
    throw storageRefusal(failure.code, `the outbox cannot write (${failure.detail})`, e);
  };
  /** A search the centre refused (the code and sentence of its receipt or answer): 422, no hits. */
  const searchRefused = (code: string, detail: string): HttpProblem =>
    new HttpProblem(422, code as AnyErrorCode, 'Search refused', detail);
  const waiting = (searchId: string): Record<string, unknown> =>
    unansweredSearchJson(searchId, outbox.get(searchId), options.clock());
  const unknownSearch = (id: string): Error =>
    notFound(ErrorCode.MESSAGE_UNKNOWN, `No data bank search ${id} was sent through this agent.`);

  app.post<{ Body: SearchBody; Headers: { 'idempotency-key'?: string } }>(
    '/v1/databank/search',
    {
      schema: {
        summary: "Search the centre's data bank for a person",
        description:
          'Signs a DataBankQuery (purpose and legal basis in its header) and sends it to the centre through the outbox. ' +
          'Answers 200 with the hits when the answer arrives within the timeout, else 202 with Location to poll; ' +
          '429 ERR_RATE_LIMITED with Retry-After when the centre archived the query but refused to search (its per-member limit); ' +
          "422 with the centre's code (e.g. ERR_SENDER_SUSPENDED) when it refused the query itself (at once, on its REJECTED receipt) or answered it unsearched for another reason. " +
          'Restricted hits (TLP:RED, TLP:AMBER+STRICT outside the recipients, hit/no-hit only) carry no content: request it from the originator. ' +
          'With an Idempotency-Key, the same request again answers for the search it sent first instead of sending another.',
        body: searchBodySchema,
        headers: idempotencyHeaders,
      },
    },
    async (req, reply) => {
      const body = req.body;
      const payload = payloadFromJson(PayloadType.DataBankQuery, dataBankQueryJson(body), { path: 'query' });
      options.clockWatch.refuseIfSkewed();
      await refuseUnlessWritable(storage);
      const exercise = body.exercise ?? false;
      const key = req.headers['idempotency-key'];
      // How long to wait changes nothing sent: a retry that waits longer is the same search.
      const { waitMs, ...sent } = body;
      const result = await composer
        .composeGrouped({
          ...(key === undefined
            ? {}
            : { idempotencyKey: key, requestSha256: requestDigest({ route: 'databank-search', body: sent }) }),
          payloadType: PayloadType.DataBankQuery,
          payload,
          header: {
            recipients: [options.gatewayId],
            exercise,
            // The query names a person: for the centre alone.
            handling: { tlp: atc.v1.TlpLevel.TLP_LEVEL_AMBER_STRICT },
            urgency: atc.v1.Urgency.URGENCY_NORMAL,
            purpose: body.purpose,
            legalBasis: body.legalBasis,
          },
        })
        .catch(outboxFailed);
      storage.succeeded();
      const searchId = result.row.messageId;
      searches.record(searchId, options.clock());
      // A repeat of a search the centre refused already has nothing to wait for.
      if (outbox.get(searchId)?.status !== OutboxStatus.rejected) {
        await searches.waitFor(searchId, waitMs ?? options.searchTimeoutMs);
      }
      const answer = await answerOf(searchId);
      const location = `/v1/databank/searches/${searchId}`;
      if (answer === undefined) {
        const state = waiting(searchId);
        if (state['status'] === 'rejected') {
          // The centre refused the query itself (REJECTED receipt): 422 with its code, no hits.
          const reason = state['reason'] as { code: string; detail: string };
          void reply.header('location', location);
          throw searchRefused(reason.code, `The centre refused the search: ${reason.detail}`);
        }
        return reply.code(202).header('location', location).send(state);
      }
      if (answer.status === 'refused') {
        void reply.header('location', location);
        if (answer.reason.code !== ErrorCode.RATE_LIMITED) {
          // Archived, then answered without a search for another reason (a member suspended since): 422.
          throw searchRefused(answer.reason.code, `The centre did not search: ${answer.reason.detail}`);
        }
        // The centre archived the query but did not search (its per-member limit): 429, as for
        // any rate limit, with the centre's sentence and when to ask again.
        void reply.header('retry-after', String(answer.retryAfterSeconds));
        throw new AtcError(ErrorCode.RATE_LIMITED, `The centre did not search: ${answer.reason.detail}`);
      }
      return reply.code(200).header('location', location).send(answer);
    },
  );

  app.get<{ Params: { id: string } }>('/v1/databank/searches/:id', { schema: { params: idParams } }, async (req) => {
    const { id } = req.params;
    if (searches.get(id) === undefined) throw unknownSearch(id);
    return (await answerOf(id)) ?? waiting(id);
  });

  app.post<{ Params: { id: string; n: string }; Body: RequestBody; Headers: { 'idempotency-key'?: string } }>(
    '/v1/databank/searches/:id/hits/:n/request',
    {
      schema: {
        summary: "Ask a hit's originator for the details",
        description:
          "Sends an InformationRequest to the hit's originator about its record (about = the record's reference), " +
          "with the search's purpose and legal basis unless others are given. " +
          'With an Idempotency-Key, the same request again answers with the InformationRequest it sent first instead of sending another.',
        headers: idempotencyHeaders,
        params: {
          type: 'object',
          properties: { ...idParams.properties, n: { type: 'string', pattern: '^[0-9]{1,2}$' } },
          required: ['id', 'n'],
        },
        body: requestBodySchema,
      },
    },
    async (req, reply) => {
      const { id } = req.params;
      if (searches.get(id) === undefined) throw unknownSearch(id);
      const answer = await answerOf(id);
      const hit = answer?.status === 'done' ? answer.hits[Number(req.params.n)] : undefined;
      if (hit === undefined) {
        throw notFound(
          ErrorCode.ITEM_UNKNOWN,
          answer === undefined
            ? `The search ${id} has no answer yet: poll GET /v1/databank/searches/${id} until it is done.`
            : answer.status === 'erased'
              ? `The answer to the search ${id} was erased with a record it quoted, which its originator withdrew: search again.`
              : answer.status === 'removed'
                ? `The answer to the search ${id} was removed from this agent after the inbox retention (ATC_INBOX_RETENTION): search again.`
                : answer.status === 'refused'
                  ? `The centre refused to run the search ${id} (${answer.reason.code}): it has no hits; search again.`
                  : `The search ${id} has ${answer.hits.length} hits (0 to ${answer.hits.length - 1}); there is no hit ${req.params.n}.`,
        );
      }
      const queryHeader = atc.v1.Header.decode(
        atc.v1.Envelope.decode(outbox.envelopeOf(id) ?? new Uint8Array()).header,
      );
      const body = req.body;
      options.clockWatch.refuseIfSkewed();
      await refuseUnlessWritable(storage);
      const key = req.headers['idempotency-key'];
      const digest = requestDigest({ route: 'databank-details', search: id, hit: req.params.n, body });
      const sent = await composer
        .composeGrouped({
          ...(key === undefined ? {} : { idempotencyKey: key, requestSha256: digest }),
          payloadType: PayloadType.InformationRequest,
          payload: {
            recordId: `REQ-${uuidv7()}`,
            version: 1,
            subject: body.subject ?? `Details of ${hit.originator}/${hit.recordId}`,
            questions: [...body.questions],
            about: [{ originator: hit.originator, recordId: hit.recordId, version: hit.version }],
          },
          header: {
            recipients: [hit.originator],
            exercise: queryHeader.exercise,
            handling: { tlp: atc.v1.TlpLevel.TLP_LEVEL_AMBER_STRICT },
            urgency: URGENCY.valueOf(body.urgency ?? 'NORMAL') ?? atc.v1.Urgency.URGENCY_NORMAL,
            purpose: body.purpose ?? queryHeader.purpose,
            legalBasis: body.legalBasis ?? queryHeader.legalBasis,
            correlationId: id,
          },
        })
        .catch(outboxFailed);
      storage.succeeded();
      return reply
        .code(202)
        .header('location', `/v1/messages/${sent.row.messageId}`)
        .send({
          messageId: sent.row.messageId,
          status: sent.row.status,
          created: sent.created,
          recipient: hit.originator,
          about: { originator: hit.originator, recordId: hit.recordId, version: hit.version },
        });
    },
  );
  done();
}

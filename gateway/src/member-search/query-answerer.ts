import {
  atc,
  decodePayload,
  ErrorCode,
  isAtcError,
  KeyedRateLimiter,
  PayloadType,
  RefusalCode,
  Periodic,
  SEARCH_ANSWER_WINDOW_MS,
  SEARCH_LIMIT_DEFAULT,
  uuidv7From,
  uuidv7Time,
  type Logger,
  type RateLimit,
} from '@atc/shared';
import type { SqlDb } from '../db/sql-db.js';
import type { PersonSearcher } from '../search/person-searcher.js';
import type { GatewayResult } from '../pipeline/gateway-notice-sender.js';
import { CONTENT_WITHDRAWN, fitResult, shapeHit, withoutContent, type HitSource } from './shape-hits.js';
import { withdrawnRecords } from '../archive/record-index.js';
import type { NewAuditEntry } from '../audit/audit-log.js';
import { insertRows } from '../db/insert-rows.js';
import type { Registry } from '../registry/registry.js';
import { AuditAction } from '../registry/registry-types.js';
import { searchTerms } from '../search/search-terms.js';

/** A query older than this when first seen unanswered is left unanswered (its asker has long given up). */
export const ANSWER_WINDOW_MS = SEARCH_ANSWER_WINDOW_MS;
/** Queries answered per run at most; the next run takes the rest. */
const QUERIES_PER_RUN = 50;

/**
 * Queries archived inside the window, in log order, with no DataBankResult answering them yet
 * (by the messages_unerased and messages_reply indexes: a query whose payload retention erased
 * can no longer be answered).
 */
const UNANSWERED = `SELECT q.message_id, q.sender, q.leaf_index, q.exercise, q.envelope FROM messages q
  WHERE q.payload_type = ? AND q.archived_at >= ? AND q.payload_erased_at IS NULL AND q.leaf_index IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM messages r WHERE r.in_reply_to = q.message_id AND r.payload_type = ?)
  ORDER BY q.leaf_index LIMIT ?`;

interface QueryRow {
  message_id: string;
  sender: string;
  leaf_index: number;
  exercise: number | boolean;
  envelope: Uint8Array;
}

/** What one answer came to, for metrics. */
export interface AnswerOutcome {
  readonly hits: number;
  readonly restricted: number;
  /** The code the query was answered with instead of a search (ERR_RATE_LIMITED), or undefined. */
  readonly refused?: string | undefined;
  readonly sent: 'sent' | 'already';
  readonly seconds: number;
}

/** Collaborators of the answerer. */
export interface QueryAnswererDeps {
  readonly db: SqlDb;
  readonly archive: HitSource;
  readonly searcher: PersonSearcher;
  /** The member registry: a query from a member no longer active is not searched. */
  readonly members: Pick<Registry, 'getMember'>;
  /**
   * Archives (once per message id) and delivers a result; `record` runs in the archive's
   * transaction when the result is archived by this call.
   */
  readonly send: (result: GatewayResult, record: () => Promise<void>) => Promise<'sent' | 'already'>;
  /** The data bank's cursor: a query is answered once the bank has applied every leaf before it. */
  readonly bankCursor: () => Promise<number>;
  readonly maxEnvelopeBytes: number;
  readonly clock: () => number;
  /**
   * Where each answered query is recorded beside the log (actor = the member, role `member`,
   * the query's purpose, terms and result count): the operators' audit trail shows members'
   * searches with their own.
   */
  readonly audit?: { append(entry: NewAuditEntry): Promise<unknown> } | undefined;
  /**
   * Searches one member may have answered (ATC_MEMBER_SEARCH_RATE_PER_MINUTE and _BURST); a query
   * beyond it is answered with a DataBankResult refusing it (ERR_RATE_LIMITED) instead of a search.
   * None: no limit.
   */
  readonly memberRate?: RateLimit | undefined;
}

/** The id of the result that answers `queryId`: derived from it (time included), so that it is answered once. */
export function resultIdOf(queryId: string): string {
  return uuidv7From(uuidv7Time(queryId), `DataBankResult:${queryId}`);
}

/**
 * Answers members' DataBankQuery messages (DESIGN.md section 10), off the pipeline's commit path:
 * reads the archived queries that no DataBankResult answers yet, waits until the data bank has
 * applied every leaf before each, searches the query's namespace, shapes each match for the
 * asker (hit/no-hit for restricted records) and sends the gateway-signed result to its inbox.
 * The result's message id is derived from the query's, so a replay, a restart or a second replica
 * answers nothing twice.
 */
export class QueryAnswers {
  readonly #limiter: KeyedRateLimiter | undefined;

  constructor(private readonly deps: QueryAnswererDeps) {
    this.#limiter = deps.memberRate === undefined ? undefined : new KeyedRateLimiter(deps.memberRate, deps.clock);
  }

  /** Answers the queries waiting, oldest first; resolves to what each came to. */
  async answerWaiting(): Promise<AnswerOutcome[]> {
    const { db, clock } = this.deps;
    const rows = await db.all<QueryRow>(UNANSWERED, [
      PayloadType.DataBankQuery,
      clock() - ANSWER_WINDOW_MS,
      PayloadType.DataBankResult,
      QUERIES_PER_RUN,
    ]);
    if (rows.length === 0) return [];
    const cursor = await this.deps.bankCursor();
    const outcomes: AnswerOutcome[] = [];
    for (const row of rows) {
      // The bank has not yet read every record archived before the query: the next run answers.
      if (row.leaf_index >= cursor) break;
      outcomes.push(await this.answer(row));
    }
    return outcomes;
  }

  private async answer(row: QueryRow): Promise<AnswerOutcome> {
    const started = performance.now();
    const envelope = atc.v1.Envelope.decode(row.envelope);
    const header = atc.v1.Header.decode(envelope.header);
    const exercise = row.exercise === 1 || row.exercise === true;
    const read = readQuery(envelope.payload);
    const { query } = read;
    const limit = query.limit === 0 ? SEARCH_LIMIT_DEFAULT : query.limit;
    // A query the rules of today refuse is answered with that refusal, as is one from a member
    // suspended since it was archived (no rate-limit token taken for either).
    const refusal = read.refusal ?? (await this.#suspension(row.sender)) ?? this.#refusalOf(row.sender);
    let found: Awaited<ReturnType<PersonSearcher['search']>> = { matches: [], truncated: false };
    if (refusal === undefined) {
      try {
        found = await this.deps.searcher.search(query, { exercise, limit });
      } catch (e) {
        // The pipeline's payload rules refuse what the search cannot answer; a query archived
        // before a stricter rule is answered with no hits rather than left waiting for ever.
        if (!isAtcError(e) || e.retryable) throw e;
      }
    }
    const hits: atc.v1.DataBankHit.$Properties[] = [];
    for (const match of found.matches) hits.push(await shapeHit(match, row.sender, this.deps.archive));
    const payload = fitResult(
      { queryMessageId: row.message_id, hits, truncated: found.truncated, ...refusal },
      this.deps.maxEnvelopeBytes,
    );
    const restricted = hits.filter((h) => h.restricted === true).length;
    const { audit } = this.deps;
    // Run in the result's own transaction, under the archive's write lock, before it is signed:
    // a query is never answered without its audit entry, nor without the copies it quotes.
    const record = async (): Promise<void> => {
      // A record withdrawn after the bank read it (the bank applies the withdrawal later) is not
      // quoted: the withdrawal, routed before this answer existed, would not reach the asker.
      const resultHits = payload.hits ?? [];
      const quotes = (h: atc.v1.DataBankHit.$Properties): boolean => (h.envelope?.length ?? 0) > 0;
      const withdrawn = await withdrawnRecords(this.deps.db, exercise, [
        ...new Set(resultHits.filter(quotes).map((h) => h.record?.originator ?? '')),
      ]);
      const quoted: string[] = [];
      resultHits.forEach((h, i) => {
        if (!quotes(h) || found.matches[i] === undefined) return;
        if (withdrawn.has(`${h.record?.originator ?? ''}/${h.record?.recordId ?? ''}`)) {
          resultHits[i] = withoutContent(h, CONTENT_WITHDRAWN);
        } else quoted.push(found.matches[i].messageId);
      });
      // The versions whose signed envelopes the result quotes: the asker holds them from now on,
      // and a withdrawal of their record reaches it (archive/record-index.ts).
      await insertRows(
        this.deps.db,
        'record_quotes',
        ['message_id', 'recipient', 'result_message_id'],
        quoted.map((messageId) => [messageId, row.sender, resultIdOf(row.message_id)]),
        ' ON CONFLICT DO NOTHING',
      );
      await audit?.append({
        actor: row.sender,
        role: 'member',
        action: AuditAction.DATABANK_SEARCH,
        subject: `${exercise ? 'exercise:' : ''}query:${row.message_id}`,
        reason: header.purpose,
        details: {
          terms: searchTerms(query),
          legalBasis: header.legalBasis,
          exercise,
          hits: hits.length,
          restricted,
          truncated: found.truncated,
          resultMessageId: resultIdOf(row.message_id),
          ...(refusal === undefined ? {} : { refused: refusal.refusalCode }),
        },
      });
    };
    const sent = await this.deps.send(
      {
        messageId: resultIdOf(row.message_id),
        recipient: row.sender,
        exercise,
        queryMessageId: header.messageId,
        // For the asker alone: it names records and their originators.
        tlp: atc.v1.TlpLevel.TLP_LEVEL_AMBER_STRICT,
        payload,
      },
      record,
    );
    return {
      hits: hits.length,
      restricted,
      refused: refusal?.refusalCode,
      sent,
      seconds: (performance.now() - started) / 1000,
    };
  }

  /**
   * The refusal of a query from `member` when it is no longer an active member: the pipeline
   * checked it when it took the query, and a suspension since (the bank may answer minutes
   * later when it is behind) stops its searches too.
   */
  async #suspension(member: string): Promise<ResultRefusal | undefined> {
    const known = await this.deps.members.getMember(member);
    if (known?.status === 'active') return undefined;
    return {
      refusalCode: RefusalCode.SENDER_SUSPENDED,
      refusalDetail: `${member} is ${known === undefined ? 'no longer a registered member' : 'suspended'}: this query is archived but was not searched; contact the centre.`,
      retryAfterSeconds: 0,
    };
  }

  /**
   * The refusal of a query from `member` beyond its rate limit, or undefined when it may be
   * searched. The query stays archived; its answer says when to ask again.
   */
  #refusalOf(member: string): ResultRefusal | undefined {
    const rate = this.deps.memberRate;
    const wait = this.#limiter?.take(`member:${member}`) ?? 0;
    if (rate === undefined || wait <= 0) return undefined;
    const seconds = Math.ceil(wait / 1000);
    return {
      refusalCode: ErrorCode.RATE_LIMITED,
      refusalDetail:
        `${member} sent more data bank queries than the centre answers per member ` +
        `(${rate.perMinute} a minute, bursts of ${rate.burst}); this query is archived but was not searched: ` +
        `send it again in ${seconds} s.`,
      retryAfterSeconds: seconds,
    };
  }
}

/** A refusal in a result: the query was archived and not searched. */
interface ResultRefusal {
  readonly refusalCode: string;
  readonly refusalDetail: string;
  readonly retryAfterSeconds: number;
}

/**
 * An archived query as the answerer reads it. The pipeline held it to the query rules when it
 * took it; rules made stricter since (a release, new transliteration tables) may refuse it now.
 * Such a query is answered with that refusal, not searched: left unanswered it would stop every
 * run at it, and every later query of every member would wait behind it.
 */
function readQuery(payload: Uint8Array): { readonly query: atc.v1.DataBankQuery; readonly refusal?: ResultRefusal } {
  try {
    return { query: decodePayload(PayloadType.DataBankQuery, payload) };
  } catch (e) {
    if (!isAtcError(e) || e.retryable) throw e;
    let query: atc.v1.DataBankQuery;
    try {
      query = atc.v1.DataBankQuery.decode(payload);
    } catch {
      query = atc.v1.DataBankQuery.create();
    }
    return {
      query,
      refusal: {
        refusalCode: e.code,
        refusalDetail: `this query was archived but was not searched: the centre's query rules refuse it now (${e.message}); send it again as they ask.`,
        retryAfterSeconds: 0,
      },
    };
  }
}

/** Runs {@link QueryAnswers} every `everyMs` on the leading replica, and at once when told of a new query. */
export class QueryAnswerer extends Periodic {
  constructor(
    readonly answers: QueryAnswers,
    options: {
      readonly logger: Logger;
      readonly everyMs?: number;
      readonly onAnswered?: (outcome: AnswerOutcome) => void;
    },
  ) {
    super({
      name: 'data bank query answers',
      everyMs: options.everyMs ?? 100,
      logger: options.logger,
      runAtStart: true,
      task: async () => {
        for (const outcome of await answers.answerWaiting()) options.onAnswered?.(outcome);
      },
    });
  }
}

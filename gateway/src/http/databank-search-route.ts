import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  AtcError,
  atc,
  dataBankQueryJson,
  ErrorCode,
  KeyedRateLimiter,
  payloadFromJson,
  PayloadType,
  personSearchJsonProperties,
  restrictionOf,
  type PersonSearchJson,
  SEARCH_LIMIT_DEFAULT,
  type RateLimit,
  validatePayload,
} from '@atc/shared';
import { HttpProblem } from '@atc/shared/http';
import { Role } from '../auth/role.js';
import type { HitSource } from '../member-search/shape-hits.js';
import { AuditAction } from '../registry/registry-types.js';
import type { PersonSearcher } from '../search/person-searcher.js';
import { reasonsWithoutContent } from '../search/person-score.js';
import { searchTerms } from '../search/search-terms.js';
import type { ContentReadAudit } from './content-read.js';
import { PURPOSE_LENGTH, statedPurpose } from './content-read.js';

/** What the operators' search route works with. */
export interface DatabankSearchRouteOptions {
  readonly searcher: PersonSearcher;
  /** The archived envelope of a record's current version (its handling marking). */
  readonly archive: Pick<HitSource, 'message'>;
  /** Where every search is recorded, with its terms, result count and purpose. */
  readonly audit: ContentReadAudit;
  /** Searches per token (ATC_SEARCH_RATE_PER_MINUTE, ATC_SEARCH_RATE_BURST). */
  readonly rate: RateLimit;
  readonly clock: () => number;
}

interface SearchBody extends PersonSearchJson {
  readonly purpose: string;
  readonly exercise?: boolean;
}

const hitSchema = {
  type: 'object',
  properties: {
    originator: { type: 'string' },
    recordId: { type: 'string' },
    version: { type: 'integer' },
    messageId: { type: 'string' },
    subjectId: { type: 'string' },
    score: { type: 'number', description: '0..1, higher is better' },
    reasons: { type: 'array', items: { type: 'string' } },
    restricted: {
      type: 'boolean',
      description:
        'TLP:RED, TLP:AMBER+STRICT or hit/no-hit only: operators see that it exists and its score, not why it matched; auditors see the reasons',
    },
  },
} as const;

/** A name for the audit row's subject: the query's first name, shortened. */
function subjectOf(query: atc.v1.DataBankQuery.$Properties, exercise: boolean): string {
  const first = (query.names?.[0]?.parts ?? []).map((p) => p.value ?? '').join(' ');
  const docs = (query.documents ?? []).map((d) => d.number ?? '').join(',');
  // Cut by code points, not UTF-16 units: a cut pair would leave half a character.
  const what = Array.from(first !== '' ? first : docs)
    .slice(0, 100)
    .join('');
  return `${exercise ? 'exercise:' : ''}search:${what}`;
}

/**
 * `POST /v1/databank/search` (DESIGN.md section 10): the centre's operators and auditors search
 * the data bank's persons with the same engine as members' queries. A stated purpose is required;
 * every search is recorded in the audit log with its terms, result count and purpose (also when
 * refused as too broad). Answers references, scores and reasons, never record content (auditors
 * read content with the record and dossier routes); for restricted records (TLP:RED,
 * TLP:AMBER+STRICT, hit/no-hit only) operators get no reasons either. Per-token rate limit:
 * 429 ERR_RATE_LIMITED with Retry-After.
 */
export function databankSearchRoute(app: FastifyInstance, options: DatabankSearchRouteOptions): void {
  const limiter = new KeyedRateLimiter(options.rate, options.clock);
  const audit = async (
    req: FastifyRequest,
    subject: string,
    purpose: string,
    details: Record<string, unknown>,
  ): Promise<void> => {
    const principal = req.principal!;
    try {
      await options.audit.append({
        actor: principal.name,
        role: principal.role,
        action: AuditAction.DATABANK_SEARCH,
        subject,
        reason: purpose,
        details: { ...details, route: 'POST /v1/databank/search', requestId: req.id },
      });
    } catch (e) {
      req.log.error({ err: e }, 'search refused: its audit row could not be written');
      throw new HttpProblem(
        503,
        ErrorCode.AUDIT_UNAVAILABLE,
        'Unavailable',
        'The search could not be recorded in the audit log, so no result was sent; retry later.',
      );
    }
  };

  app.post<{ Body: SearchBody }>(
    '/v1/databank/search',
    {
      preHandler: app.requireRole(Role.OPERATOR, Role.AUDITOR),
      schema: {
        description:
          "Searches the data bank's current person records across alphabets (names in Cyrillic, Armenian or Latin, " +
          'date of birth, sex, nationalities, documents). Purpose required; every search is audited with its terms, ' +
          'result count and purpose. Rate-limited per token (ATC_SEARCH_RATE_PER_MINUTE).',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['purpose'],
          properties: {
            ...personSearchJsonProperties,
            purpose: {
              type: 'string',
              description: `Why the search is made (case, request), ${PURPOSE_LENGTH.min} to ${PURPOSE_LENGTH.max} characters: recorded in the audit log.`,
            },
            exercise: {
              type: 'boolean',
              description: 'Search the joint-exercise namespace instead of operational records.',
            },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              exercise: { type: 'boolean' },
              hits: { type: 'array', items: hitSchema },
              truncated: { type: 'boolean' },
            },
          },
        },
      },
    },
    async (req, reply) => {
      const principal = req.principal!;
      const wait = limiter.take(`token:${principal.name}`);
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        void reply.header('retry-after', String(seconds));
        throw new AtcError(
          ErrorCode.RATE_LIMITED,
          `This token made more searches than ATC_SEARCH_RATE_PER_MINUTE allows (${options.rate.perMinute} a minute, bursts of ${options.rate.burst}); retry in ${seconds} s.`,
        );
      }
      const purpose = statedPurpose(req.body.purpose);
      const exercise = req.body.exercise ?? false;
      const query = payloadFromJson(PayloadType.DataBankQuery, dataBankQueryJson(req.body), { path: '' });
      const subject = subjectOf(query, exercise);
      const terms = searchTerms(query);
      try {
        // The rules a member's DataBankQuery is held to, with the same codes.
        validatePayload(PayloadType.DataBankQuery, atc.v1.DataBankQuery.create({ ...query, nonce: randomBytes(16) }));
      } catch (e) {
        if (e instanceof AtcError) await audit(req, subject, purpose, { terms, exercise, refused: e.code });
        throw e;
      }
      const limit =
        query.limit === undefined || query.limit === null || query.limit === 0 ? SEARCH_LIMIT_DEFAULT : query.limit;
      let found: Awaited<ReturnType<PersonSearcher['search']>>;
      try {
        found = await options.searcher.search(query, { exercise, limit });
      } catch (e) {
        if (e instanceof AtcError && !e.retryable) {
          await audit(req, subject, purpose, { terms, exercise, refused: e.code });
        }
        throw e;
      }
      const auditor = principal.role === Role.AUDITOR || principal.role === Role.ADMIN;
      const hits = [];
      let restrictedCount = 0;
      for (const m of found.matches) {
        const archived = await options.archive.message(m.messageId);
        const handling =
          archived === undefined
            ? undefined
            : atc.v1.Header.decode(atc.v1.Envelope.decode(archived.envelope).header).handling;
        // The centre is no member: AMBER+STRICT is restricted for it as for any non-recipient.
        const restricted = archived === undefined || restrictionOf('', m.originator, handling, []);
        if (restricted) restrictedCount++;
        hits.push({
          originator: m.originator,
          recordId: m.recordId,
          version: m.version,
          messageId: m.messageId,
          subjectId: m.subjectId,
          score: m.score,
          // An operator reads no record content: which evidence matched, not the names,
          // documents or dates it matched on (the record's own spelling or date of birth).
          reasons: auditor ? [...m.reasons] : restricted ? [] : reasonsWithoutContent(m.reasons),
          restricted,
        });
      }
      await audit(req, subject, purpose, {
        terms,
        exercise,
        hits: hits.length,
        restricted: restrictedCount,
        truncated: found.truncated,
        // An auditor read the records' matched names, documents and dates: which records.
        ...(auditor ? { records: hits.map((h) => `${h.originator}/${h.recordId}@${h.version}`) } : {}),
      });
      return { exercise, hits, truncated: found.truncated };
    },
  );
}

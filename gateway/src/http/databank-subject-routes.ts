import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AtcError, ErrorCode, isAtcError, MEMBER_ID_PATTERN, type AnyErrorCode, type Clock } from '@atc/shared';
import { HttpProblem } from '@atc/shared/http';
import type { DatabankSubjects, DecisionInput } from '../databank/subjects.js';
import { purposeParameter, readContent, type ContentReadAudit } from './content-read.js';
import { BankRoles, exerciseOf, exerciseParam, pageParams, type BankQuery } from './databank-params.js';
import { bankPageLimit } from './page-cursor.js';

/** What the subject routes use. */
export interface SubjectRoutesOptions {
  readonly subjects: DatabankSubjects;
  readonly audit: ContentReadAudit;
  /** "Now" for the current view: records past their review date leave dossiers. */
  readonly clock: Clock;
}

const str = { type: 'string' } as const;
const strOrNull = { type: ['string', 'null'] } as const;
const bool = { type: 'boolean' } as const;
const openObject = { type: 'object', additionalProperties: true } as const;

/** A decision's body: why it is made (recorded in the audit log). */
const reasonBody = {
  type: 'object',
  properties: { reason: { type: 'string', maxLength: 2000, description: 'why (ticket, evidence): required' } },
  required: ['reason'],
  additionalProperties: false,
} as const;

const idParams = (name: string) =>
  ({
    type: 'object',
    properties: { [name]: { type: 'string', minLength: 1, maxLength: 128 } },
    required: [name],
  }) as const;

const decisionResponse = {
  type: 'object',
  properties: { decision: openObject, subjects: { type: 'array', items: str } },
} as const;

/** Codes of the subject module that are not 400s: unknown ids 404, stale decisions 409, a busy bank 503. */
const STATUS_OF: ReadonlyMap<AnyErrorCode, readonly [number, string]> = new Map([
  [ErrorCode.SUBJECT_UNKNOWN, [404, 'Not found']],
  [ErrorCode.CANDIDATE_UNKNOWN, [404, 'Not found']],
  [ErrorCode.DECISION_UNKNOWN, [404, 'Not found']],
  [ErrorCode.CANDIDATE_STALE, [409, 'Conflict']],
  [ErrorCode.DECISION_STALE, [409, 'Conflict']],
  [ErrorCode.DATABANK_BUSY, [503, 'Unavailable']],
]);

/** Runs a subject query, answering its unknown-id and stale-decision refusals with their own statuses. */
async function mapped<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    const status = isAtcError(e) ? STATUS_OF.get(e.code) : undefined;
    if (status === undefined || !(e instanceof AtcError)) throw e;
    throw new HttpProblem(status[0], e.code, status[1], e.message);
  }
}

/** The actor of a decision: the token's name and role, and the reason given. */
function actorOf(req: FastifyRequest<{ Body: { reason: string } }>): { who: string; why: string; role: string } {
  const principal = req.principal!;
  return { who: principal.name, why: req.body.reason, role: principal.role };
}

/**
 * The data bank's subjects: listing (metadata), dossiers (a content read: purpose required,
 * audited), candidate links, and the operators' decisions on them (operators and admins; each audited
 * with who, role and why, and reversible).
 */
export function subjectRoutes(app: FastifyInstance, options: SubjectRoutesOptions): void {
  const { subjects, audit, clock } = options;

  app.get<{
    Querystring: BankQuery & { member?: string; category?: string; nationality?: string; updatedSince?: string };
  }>(
    '/v1/databank/subjects',
    {
      preHandler: app.requireRole(...BankRoles.metadata),
      schema: {
        description:
          'Subjects (one person or organisation across members), oldest update first: per subject its category, ' +
          'records per member and nationalities, no record content.',
        querystring: {
          type: 'object',
          properties: {
            exercise: exerciseParam,
            member: {
              type: 'string',
              pattern: MEMBER_ID_PATTERN.source,
              description: 'with a record from this member',
            },
            category: { type: 'string', enum: ['person', 'organization'] },
            nationality: { type: 'string', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' },
            updatedSince: { type: 'string', maxLength: 40, description: 'RFC 3339 time, e.g. 2026-01-15T09:30:00Z' },
            ...pageParams,
          },
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: { exercise: bool, items: { type: 'array', items: openObject }, nextCursor: strOrNull },
          },
        },
      },
    },
    async (req) => {
      const q = req.query;
      const exercise = exerciseOf(q);
      let updatedSince: number | undefined;
      if (q.updatedSince !== undefined) {
        updatedSince = Date.parse(q.updatedSince);
        if (!Number.isSafeInteger(updatedSince) || !/^\d{4}-\d{2}-\d{2}T/.test(q.updatedSince)) {
          throw new AtcError(
            ErrorCode.QUERY_INVALID,
            `updatedSince must be an RFC 3339 time such as 2026-01-15T09:30:00Z; got ${JSON.stringify(q.updatedSince)}.`,
          );
        }
      }
      const page = await subjects.listSubjects({
        exercise,
        limit: bankPageLimit(q.limit),
        ...(q.member === undefined ? {} : { member: q.member }),
        ...(q.category === undefined ? {} : { category: q.category }),
        ...(q.nationality === undefined ? {} : { nationality: q.nationality }),
        ...(updatedSince === undefined ? {} : { updatedSince }),
        ...(q.cursor === undefined ? {} : { cursor: q.cursor }),
      });
      return { exercise, items: page.subjects, nextCursor: page.nextCursor };
    },
  );

  app.get<{ Params: { subjectId: string }; Querystring: BankQuery }>(
    '/v1/databank/subjects/:subjectId/summary',
    {
      preHandler: app.requireRole(...BankRoles.metadata),
      schema: {
        description:
          "A subject's metadata as the listing shows it (category, records per member, nationalities, update " +
          'time), no record content: for a page or a link that names one subject. 404 ERR_SUBJECT_UNKNOWN.',
        params: idParams('subjectId'),
        querystring: { type: 'object', properties: { exercise: exerciseParam }, additionalProperties: false },
        response: { 200: openObject },
      },
    },
    (req) => mapped(() => subjects.summary(req.params.subjectId, exerciseOf(req.query))),
  );

  app.get<{ Params: { subjectId: string }; Querystring: BankQuery }>(
    '/v1/databank/subjects/:subjectId',
    {
      preHandler: app.requireRole(...BankRoles.content),
      schema: {
        description:
          "A subject's dossier: every current record linked to it, with its content (auditor or admin). A content " +
          'read: `purpose` is required and the read is recorded in the audit log before the answer is sent. ' +
          '404 ERR_SUBJECT_UNKNOWN (subjects merge and split, so ids change: list them again).',
        params: idParams('subjectId'),
        querystring: {
          type: 'object',
          properties: { purpose: purposeParameter, exercise: exerciseParam },
          additionalProperties: false,
        },
        response: { 200: openObject },
      },
    },
    (req) =>
      readContent(
        audit,
        req,
        `${exerciseOf(req.query) ? 'exercise:' : ''}subject:${req.params.subjectId}`,
        async () => {
          const exercise = exerciseOf(req.query);
          const dossier = await mapped(() => subjects.dossier(req.params.subjectId, { exercise, now: clock() }));
          return {
            details: {
              exercise,
              records: dossier.dossier.map((r) => `${r.originator}/${r.recordId}@${r.version}`),
            },
            body: dossier,
          };
        },
      ),
  );

  app.get<{ Querystring: BankQuery & { status?: string } }>(
    '/v1/databank/candidates',
    {
      preHandler: app.requireRole(...BankRoles.metadata),
      schema: {
        description:
          'Candidate links by status, default open: person records the search scores at least the link ' +
          'threshold (with the score and its reasons), organisations with an equal name key; record ' +
          'references only, no content. Admins confirm or reject them.',
        querystring: {
          type: 'object',
          properties: {
            exercise: exerciseParam,
            status: { type: 'string', enum: ['open', 'confirmed', 'rejected', 'closed'] },
            ...pageParams,
          },
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: { exercise: bool, items: { type: 'array', items: openObject }, nextCursor: strOrNull },
          },
        },
      },
    },
    async (req) => {
      const exercise = exerciseOf(req.query);
      const page = await subjects.candidates({
        exercise,
        status: req.query.status ?? 'open',
        limit: bankPageLimit(req.query.limit),
        ...(req.query.cursor === undefined ? {} : { cursor: req.query.cursor }),
      });
      return { exercise, items: page.candidates, nextCursor: page.nextCursor };
    },
  );

  const decide = (
    path: string,
    description: string,
    param: string,
    input: (id: string, exercise: boolean) => DecisionInput,
  ): void => {
    app.post<{ Params: Record<string, string>; Querystring: BankQuery; Body: { reason: string } }>(
      path,
      {
        preHandler: app.requireRole(...BankRoles.decide),
        schema: {
          description: `${description} Operators and admins; audited with the token, its role and the reason (required).`,
          params: idParams(param),
          querystring: { type: 'object', properties: { exercise: exerciseParam }, additionalProperties: false },
          body: reasonBody,
          response: { 200: decisionResponse },
        },
      },
      (req) => mapped(() => subjects.decide(input(req.params[param]!, exerciseOf(req.query)), actorOf(req))),
    );
  };

  decide(
    '/v1/databank/candidates/:candidateId/confirm',
    'Confirms a candidate: links its subjects.',
    'candidateId',
    (id, exercise) => ({
      kind: 'confirm',
      candidateId: id,
      exercise,
    }),
  );
  decide(
    '/v1/databank/candidates/:candidateId/reject',
    'Rejects a candidate: never proposed again.',
    'candidateId',
    (id, exercise) => ({
      kind: 'reject',
      candidateId: id,
      exercise,
    }),
  );
  decide('/v1/databank/decisions/:decisionId/revert', 'Reverts a decision.', 'decisionId', (id, exercise) => ({
    kind: 'revert',
    decisionId: id,
    exercise,
  }));

  app.post<{
    Params: { subjectId: string };
    Querystring: BankQuery;
    Body: { originator: string; recordId: string; reason: string };
  }>(
    '/v1/databank/subjects/:subjectId/split',
    {
      preHandler: app.requireRole(...BankRoles.decide),
      schema: {
        description:
          'Takes a record out of its subject (a wrong link); an automatic link it had is not made again unless the ' +
          'split is reverted. Operators and admins; audited with the token, its role and the reason (required).',
        params: idParams('subjectId'),
        querystring: { type: 'object', properties: { exercise: exerciseParam }, additionalProperties: false },
        body: {
          type: 'object',
          properties: {
            originator: { type: 'string', pattern: MEMBER_ID_PATTERN.source },
            recordId: { type: 'string', minLength: 1, maxLength: 128 },
            reason: reasonBody.properties.reason,
          },
          required: ['originator', 'recordId', 'reason'],
          additionalProperties: false,
        },
        response: { 200: decisionResponse },
      },
    },
    (req) =>
      mapped(() =>
        subjects.decide(
          {
            kind: 'split',
            subjectId: req.params.subjectId,
            originator: req.body.originator,
            recordId: req.body.recordId,
            exercise: exerciseOf(req.query),
          },
          actorOf(req),
        ),
      ),
  );
}

import type { FastifyInstance } from 'fastify';
import { ErrorCode, MEMBER_ID_PATTERN } from '@atc/shared';
import { HttpProblem, notFound } from '@atc/shared/http';
import type { BankRecordRef, BankRecordSummary } from '../databank/databank-records.js';
import { purposeParameter, readContent } from './content-read.js';
import { lifecycleRoutes } from './databank-lifecycle-routes.js';
import { databankSearchRoute } from './databank-search-route.js';
import { subjectRoutes } from './databank-subject-routes.js';
import {
  BankRoles,
  exerciseOf,
  exerciseParam,
  ns,
  pageParams,
  type BankQuery as Query,
  type DatabankRoutesOptions,
} from './databank-params.js';
import { bankPageLimit, decodeCursor, encodeCursor } from './page-cursor.js';

const str = { type: 'string' } as const;
const strOrNull = { type: ['string', 'null'] } as const;
const int = { type: 'integer' } as const;
const bool = { type: 'boolean' } as const;
const openObject = { type: 'object', additionalProperties: true } as const;

const recordParams = {
  type: 'object',
  properties: {
    originator: { type: 'string', pattern: MEMBER_ID_PATTERN.source, description: 'the member that sent the record' },
    recordId: { type: 'string', minLength: 1, maxLength: 128, description: "the originator's record id" },
  },
  required: ['originator', 'recordId'],
} as const;

const summaryProperties = {
  exercise: bool,
  originator: str,
  recordId: str,
  recordType: str,
  currentVersion: int,
  currentMessageId: str,
  updatedAt: str,
  withdrawn: bool,
  withdrawnBy: strOrNull,
  reviewBy: strOrNull,
} as const;
const versionSchema = {
  type: 'object',
  properties: {
    version: int,
    messageId: str,
    leafIndex: int,
    archivedAt: str,
    handling: openObject,
    evaluation: openObject,
    state: { type: 'string', enum: ['current', 'superseded', 'duplicate', 'conflicting', 'withdrawn'] },
  },
} as const;
const listOf = (items: object, extra: Record<string, object> = {}) =>
  ({
    type: 'object',
    properties: { exercise: bool, ...extra, items: { type: 'array', items }, nextCursor: strOrNull },
  }) as const;

const refOf = (params: { originator: string; recordId: string }, q: Query): BankRecordRef => ({
  exercise: exerciseOf(q),
  originator: params.originator,
  recordId: params.recordId,
});

/** A record as the audit log names it: `record:KZ/KZ-P-1`, `exercise:` in front for the exercise namespace. */
const recordSubject = (ref: BankRecordRef): string =>
  `${ref.exercise ? 'exercise:' : ''}record:${ref.originator}/${ref.recordId}`;

function unknownRecord(ref: BankRecordRef): HttpProblem {
  return notFound(
    ErrorCode.RECORD_UNKNOWN,
    `The data bank holds no record ${ref.recordId} of ${ref.originator} in the ${ns(ref.exercise)} namespace` +
      `${ref.exercise ? '' : ' (for exercise traffic add exercise=true)'}.`,
  );
}

function outOfView(summary: BankRecordSummary): HttpProblem {
  const what = `Record ${summary.recordId} of ${summary.originator}`;
  return summary.withdrawn
    ? new HttpProblem(
        410,
        ErrorCode.RECORD_WITHDRAWN,
        'Gone',
        `${what} was withdrawn by its originator (message ${summary.withdrawnBy ?? '?'}); its content is no longer served. Its history stays under /versions.`,
      )
    : new HttpProblem(
        410,
        ErrorCode.REVIEW_DATE_PASSED,
        'Gone',
        `${what} passed its review date (${summary.reviewBy ?? '?'}) and left the current view; it returns when its originator sends a newer version. Its history stays under /versions.`,
      );
}

/**
 * The data bank's operator API (the agreed paths under /v1/databank): status, a record's
 * current version with content (a content read: `purpose` required, audited before it is
 * sent), its history, conflicts and flags. Every path takes `exercise=true` for the
 * exercise namespace; lists page with an opaque `cursor` and `limit`.
 */
export function databankRoutes(
  app: FastifyInstance,
  options: DatabankRoutesOptions,
  done: (err?: Error) => void,
): void {
  const { records, audit, clock } = options;
  // A renamed or misspelt parameter is refused rather than ignored.

  app.get<{ Querystring: Query }>(
    '/v1/databank/status',
    {
      preHandler: app.requireRole(...BankRoles.metadata),
      schema: {
        description:
          "The data bank's projection (cursor, archive size, lag), what the namespace holds, and the link " +
          'threshold: the search score (0..1) from which two person records are proposed as a candidate link.',
        querystring: { type: 'object', properties: { exercise: exerciseParam }, additionalProperties: false },
        response: {
          200: {
            type: 'object',
            properties: {
              exercise: bool,
              cursor: int,
              size: int,
              lag: int,
              counts: {
                type: 'object',
                properties: { records: int, withdrawn: int, conflicts: int, flags: int },
              },
              linkThreshold: { type: 'number', minimum: 0, maximum: 1 },
            },
          },
        },
      },
    },
    (req) => records.status(exerciseOf(req.query)),
  );

  app.get<{ Params: { originator: string; recordId: string }; Querystring: Query }>(
    '/v1/databank/records/:originator/:recordId',
    {
      preHandler: app.requireRole(...BankRoles.content),
      schema: {
        description:
          'The current version of a record with its content (auditor or admin). A content read: `purpose` is ' +
          'required and the read is recorded in the audit log (token, role, record, purpose) before the answer is ' +
          'sent. 404 ERR_RECORD_UNKNOWN when the bank does not hold it; 410 ERR_RECORD_WITHDRAWN once its ' +
          'originator withdrew it, 410 ERR_REVIEW_DATE_PASSED once its review date passed (out of the current view).',
        params: recordParams,
        querystring: {
          type: 'object',
          properties: { purpose: purposeParameter, exercise: exerciseParam },
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: {
              ...summaryProperties,
              version: int,
              messageId: str,
              archivedAt: str,
              handling: openObject,
              evaluation: openObject,
              content: { type: ['object', 'null'], additionalProperties: true },
              contentErasedAt: strOrNull,
            },
          },
        },
      },
    },
    (req) =>
      readContent(audit, req, recordSubject(refOf(req.params, req.query)), async () => {
        const ref = refOf(req.params, req.query);
        const found = await records.current(ref, clock());
        if (found === undefined) throw unknownRecord(ref);
        if ('outOfView' in found) throw outOfView(found.outOfView);
        const { summary, version, content, contentErasedAt } = found;
        return {
          details: { exercise: ref.exercise, version: version.version, messageId: version.messageId },
          body: {
            ...summary,
            version: version.version,
            messageId: version.messageId,
            archivedAt: version.archivedAt,
            handling: version.handling,
            evaluation: version.evaluation,
            content,
            contentErasedAt,
          },
        };
      }),
  );

  app.get<{ Params: { originator: string; recordId: string }; Querystring: Query }>(
    '/v1/databank/records/:originator/:recordId/versions',
    {
      preHandler: app.requireRole(...BankRoles.metadata),
      schema: {
        description:
          "A record's history (no content): every archived version with its message, archive time, handling, " +
          'evaluation and state, by version then log order.',
        params: recordParams,
        querystring: {
          type: 'object',
          properties: { exercise: exerciseParam, ...pageParams },
          additionalProperties: false,
        },
        response: { 200: listOf(versionSchema, { record: { type: 'object', properties: summaryProperties } }) },
      },
    },
    async (req) => {
      const ref = refOf(req.params, req.query);
      const list = `versions:${ns(ref.exercise)}:${ref.originator}/${ref.recordId}`;
      const after = decodeCursor(list, req.query.cursor, ['integer', 'integer']) as [number, number] | undefined;
      const found = await records.versions(ref, { after, limit: bankPageLimit(req.query.limit) });
      if (found === undefined) throw unknownRecord(ref);
      return {
        exercise: ref.exercise,
        record: found.summary,
        items: found.page.items,
        nextCursor: found.page.next === undefined ? null : encodeCursor(list, found.page.next),
      };
    },
  );

  lifecycleRoutes(app, options);
  subjectRoutes(app, { subjects: options.subjects, audit, clock });
  if (options.search !== undefined) databankSearchRoute(app, { ...options.search, audit, clock });

  app.get<{ Querystring: Query }>(
    '/v1/databank/conflicts',
    {
      preHandler: app.requireRole(...BankRoles.metadata),
      schema: {
        description: 'Records sent twice with the same version and other content, in log order (no content).',
        querystring: {
          type: 'object',
          properties: { exercise: exerciseParam, ...pageParams },
          additionalProperties: false,
        },
        response: {
          200: listOf({
            type: 'object',
            properties: {
              exercise: bool,
              originator: str,
              recordId: str,
              version: int,
              currentMessageId: str,
              otherMessageId: str,
              leafIndex: int,
            },
          }),
        },
      },
    },
    async (req) => {
      const exercise = exerciseOf(req.query);
      const list = `conflicts:${ns(exercise)}`;
      const after = decodeCursor(list, req.query.cursor, ['integer']) as [number] | undefined;
      const page = await records.conflicts(exercise, { after: after?.[0], limit: bankPageLimit(req.query.limit) });
      return {
        exercise,
        items: page.items,
        nextCursor: page.next === undefined ? null : encodeCursor(list, [page.next]),
      };
    },
  );

  app.get<{ Querystring: Query }>(
    '/v1/databank/flags',
    {
      preHandler: app.requireRole(...BankRoles.metadata),
      schema: {
        description:
          'Archive entries the bank flagged instead of applying (a stable code each: ERR_RECORD_UNKNOWN, ' +
          'ERR_NOT_ORIGINATOR, ERR_RECORD_WITHDRAWN, ERR_PAYLOAD_ERASED, ...), in log order.',
        querystring: {
          type: 'object',
          properties: { exercise: exerciseParam, ...pageParams },
          additionalProperties: false,
        },
        response: {
          200: listOf({
            type: 'object',
            properties: { exercise: bool, messageId: str, code: str, leafIndex: int, detail: str },
          }),
        },
      },
    },
    async (req) => {
      const exercise = exerciseOf(req.query);
      const list = `flags:${ns(exercise)}`;
      const after = decodeCursor(list, req.query.cursor, ['integer', 'string']) as [number, string] | undefined;
      const page = await records.flags(exercise, { after, limit: bankPageLimit(req.query.limit) });
      return {
        exercise,
        items: page.items,
        nextCursor: page.next === undefined ? null : encodeCursor(list, page.next),
      };
    },
  );
  done();
}

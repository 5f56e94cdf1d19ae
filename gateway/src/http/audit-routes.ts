import type { FastifyInstance } from 'fastify';
import type { AuditLog } from '../audit/audit-log.js';
import { Role } from '../auth/role.js';
import { decodeCursor, encodeCursor } from './page-cursor.js';

/** What the audit routes read. */
export interface AuditRoutesOptions {
  readonly audit: Pick<AuditLog, 'list' | 'verify'>;
}

const str = { type: 'string' } as const;
const intOrNull = { type: ['integer', 'null'] } as const;
const strOrNull = { type: ['string', 'null'] } as const;

/** The list a cursor of `GET /v1/audit` belongs to: a cursor of another list is refused. */
const AUDIT_LIST = 'audit';

const itemSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    at: str,
    actor: str,
    role: { type: ['string', 'null'] },
    action: str,
    subject: str,
    reason: str,
    details: { type: 'object', additionalProperties: true },
  },
} as const;

/**
 * `GET /v1/audit` (auditor, admin): the gateway's audit log, newest first, in pages: registry
 * and token changes, data bank decisions and reads of record content, with who, role, what and
 * why. `GET /v1/audit/verify` checks its hash chain, as `atc-gateway audit verify` does.
 */
export function auditRoutes(app: FastifyInstance, options: AuditRoutesOptions, done: (err?: Error) => void): void {
  app.get<{ Querystring: { action?: string; subject?: string; limit?: number; cursor?: string } }>(
    '/v1/audit',
    {
      preHandler: app.requireRole(Role.AUDITOR),
      schema: {
        description:
          'The audit log, newest first (auditor or admin): registry and token changes, data bank decisions, and ' +
          'every read of record content with the token, its role and the stated purpose. Pages follow nextCursor.',
        querystring: {
          type: 'object',
          properties: {
            action: { type: 'string', maxLength: 64, description: 'e.g. databank.read, member.add' },
            subject: { type: 'string', maxLength: 300, description: 'e.g. record:KZ/KZ-P-1, token:<name>, KZ' },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
            cursor: { type: 'string', maxLength: 1024, description: 'nextCursor of the previous page (opaque)' },
          },
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: {
              items: { type: 'array', items: itemSchema },
              nextCursor: { ...strOrNull, description: 'where the next (older) page starts; null at the end' },
            },
          },
        },
      },
    },
    async (req) => {
      const limit = req.query.limit ?? 100;
      const key = decodeCursor(AUDIT_LIST, req.query.cursor, ['integer']);
      const entries = await options.audit.list({
        limit,
        ...(req.query.action === undefined ? {} : { action: req.query.action }),
        ...(req.query.subject === undefined ? {} : { subject: req.query.subject }),
        ...(key === undefined ? {} : { beforeId: key[0] as number }),
      });
      const last = entries.at(-1);
      return {
        items: entries.map((e) => ({ ...e, at: new Date(e.at).toISOString(), role: e.role ?? null })),
        // A full page may be followed by more; the page after the oldest row is empty.
        nextCursor: entries.length === limit && last !== undefined ? encodeCursor(AUDIT_LIST, [last.id]) : null,
      };
    },
  );

  app.get(
    '/v1/audit/verify',
    {
      preHandler: app.requireRole(Role.AUDITOR),
      schema: {
        description:
          "Checks the audit log's hash chain from its first row (auditor or admin), as `atc-gateway audit verify` " +
          'does: ok with the number of rows and the hash of the last one (note it to detect a later truncation), ' +
          'or the first row that does not hold and what is wrong with it. Reads the whole log: seconds on a large one.',
        querystring: { type: 'object', properties: {}, additionalProperties: false },
        response: {
          200: {
            type: 'object',
            properties: {
              ok: { type: 'boolean', description: 'true when every row holds' },
              rows: { type: 'integer', description: 'rows checked (those before the broken one when not ok)' },
              head: { ...strOrNull, description: 'hash of the last row (hex) when ok' },
              brokenId: { ...intOrNull, description: 'id of the first row that does not hold' },
              problem: { ...strOrNull, description: 'what is wrong with that row, as a sentence' },
              checkedAt: { type: 'string', description: 'when the check ran (RFC 3339)' },
            },
          },
        },
      },
    },
    async () => {
      const result = await options.audit.verify();
      const checkedAt = new Date().toISOString();
      return result.ok
        ? { ok: true, rows: result.rows, head: result.head, brokenId: null, problem: null, checkedAt }
        : { ok: false, rows: result.rows, head: null, brokenId: result.brokenId, problem: result.problem, checkedAt };
    },
  );
  done();
}

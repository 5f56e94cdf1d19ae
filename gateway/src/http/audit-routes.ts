import type { FastifyInstance } from 'fastify';
import type { AuditLog } from '../audit/audit-log.js';
import { Role } from '../auth/role.js';

/** What the audit routes read. */
export interface AuditRoutesOptions {
  readonly audit: Pick<AuditLog, 'list'>;
}

const str = { type: 'string' } as const;

/**
 * `GET /v1/audit` (auditor, admin): the gateway's audit log, newest first: registry and token
 * changes, data bank decisions and reads of record content, with who, role, what and why.
 * `atc-gateway audit verify` checks its hash chain.
 */
export function auditRoutes(app: FastifyInstance, options: AuditRoutesOptions, done: (err?: Error) => void): void {
  app.get<{ Querystring: { action?: string; subject?: string; limit?: number } }>(
    '/v1/audit',
    {
      preHandler: app.requireRole(Role.AUDITOR),
      schema: {
        description:
          'The audit log, newest first (auditor or admin): registry and token changes, data bank decisions, and ' +
          'every read of record content with the token, its role and the stated purpose.',
        querystring: {
          type: 'object',
          properties: {
            action: { type: 'string', maxLength: 64, description: 'e.g. databank.read, member.add' },
            subject: { type: 'string', maxLength: 300, description: 'e.g. record:KZ/KZ-P-1, token:<name>, KZ' },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
          },
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: {
              items: {
                type: 'array',
                items: {
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
                },
              },
            },
          },
        },
      },
    },
    async (req) => {
      const entries = await options.audit.list({
        limit: req.query.limit ?? 100,
        ...(req.query.action === undefined ? {} : { action: req.query.action }),
        ...(req.query.subject === undefined ? {} : { subject: req.query.subject }),
      });
      return {
        items: entries.map((e) => ({ ...e, at: new Date(e.at).toISOString(), role: e.role ?? null })),
      };
    },
  );
  done();
}

import type { FastifyInstance } from 'fastify';
import { ErrorCode, MEMBER_ID_PATTERN, RefusalCode, toIso } from '@atc/shared';
import { badRequest, notFound } from '@atc/shared/http';
import { Role } from '../auth/role.js';
import { memberActivity } from '../console-api/member-activity.js';
import type { FlowSummary } from '../flow/flow-stats.js';
import type { Member, MemberKey } from '../registry/registry-types.js';
import { type ConsoleApiOptions } from './console-params.js';

const str = { type: 'string' } as const;
const strOrNull = { type: ['string', 'null'] } as const;
const int = { type: 'integer' } as const;
const counts = { type: 'object', properties: { sent: int, received: int } } as const;

const memberSchema = {
  type: 'object',
  properties: {
    id: str,
    name: str,
    kind: { type: 'string', enum: ['national', 'sectorial', 'observer'] },
    status: { type: 'string', enum: ['active', 'suspended'] },
    createdAt: str,
    updatedAt: str,
    keys: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          kid: str,
          status: { type: 'string', enum: ['active', 'revoked'] },
          validFrom: str,
          validUntil: strOrNull,
          revokedAt: strOrNull,
          revocationReason: { type: ['string', 'null'], enum: ['superseded', 'compromised', 'cessation', null] },
        },
      },
    },
    lastSeen: { type: ['string', 'null'], description: 'when the last message it sent was archived' },
    backlog: {
      type: ['integer', 'null'],
      description: 'messages waiting in its inbox consumer (pending + unacknowledged); null when it has no consumer',
    },
    sequenceAnomalies: {
      type: 'object',
      properties: {
        count: int,
        latest: {
          type: ['object', 'null'],
          properties: {
            messageId: str,
            kind: { type: 'string', enum: ['gap', 'regression'] },
            expected: int,
            got: int,
            at: str,
          },
        },
      },
    },
    witness: {
      type: ['object', 'null'],
      description: 'the newest log checkpoint its agent cosigned as witness, and when; null when it never did',
      properties: { treeSize: int, receivedAt: str },
    },
    last24h: {
      type: 'object',
      description: 'messages it sent and was sent (accepted by the centre) over the last 24 hours, exercise apart',
      properties: { operational: counts, exercise: counts },
    },
  },
} as const;

function keyJson(k: MemberKey): Record<string, unknown> {
  return {
    kid: k.kid,
    status: k.status,
    validFrom: toIso(k.validFrom),
    validUntil: k.validUntil === undefined ? null : toIso(k.validUntil),
    revokedAt: k.revokedAt === undefined ? null : toIso(k.revokedAt),
    revocationReason: k.revocationReason ?? null,
  };
}

function trafficOf(summary: FlowSummary, member: string): Record<string, { sent: number; received: number }> {
  const of = (t: FlowSummary['operational']) => ({
    sent: t.flows.filter((f) => f.sender === member).reduce((n, f) => n + f.accepted, 0),
    received: t.flows.filter((f) => f.recipient === member).reduce((n, f) => n + f.accepted, 0),
  });
  return { operational: of(summary.operational), exercise: of(summary.exercise) };
}

/**
 * `GET /v1/members` and `GET /v1/members/:id` (operator, admin): the registry's members with
 * their keys (validity, revocation), when the archive last received from them, their inbox
 * backlog, sequence anomalies and the last 24 hours' traffic. Metadata only; registry changes
 * stay with `atc-gateway members` and `atc-gateway keys`.
 */
export function memberRoutes(app: FastifyInstance, options: ConsoleApiOptions, done: (err?: Error) => void): void {
  const { db, registry, stats } = options;

  async function describe(
    member: Member,
    backlog: ReadonlyMap<string, number>,
    summary: FlowSummary,
  ): Promise<Record<string, unknown>> {
    const activity = await memberActivity(db, member.id);
    const latest = activity.anomalies.latest;
    return {
      id: member.id,
      name: member.name,
      kind: member.kind,
      status: member.status,
      createdAt: toIso(member.createdAt),
      updatedAt: toIso(member.updatedAt),
      keys: (await registry.listKeys(member.id)).map(keyJson),
      lastSeen: activity.lastArchivedAt === null ? null : toIso(activity.lastArchivedAt),
      backlog: backlog.get(member.id) ?? null,
      sequenceAnomalies: {
        count: activity.anomalies.count,
        latest: latest === null ? null : { ...latest, at: toIso(latest.at) },
      },
      witness:
        activity.witness === null
          ? null
          : { treeSize: activity.witness.treeSize, receivedAt: toIso(activity.witness.receivedAt) },
      last24h: trafficOf(summary, member.id),
    };
  }

  app.get(
    '/v1/members',
    {
      preHandler: app.requireRole(Role.OPERATOR),
      schema: {
        description:
          'Every registered member, ordered by id: status, keys with validity and revocation, last message ' +
          'archived from it, inbox backlog, sequence anomalies, its witness cosignature freshness, and its ' +
          'traffic over the last 24 hours.',
        querystring: { type: 'object', properties: {} },
        response: { 200: { type: 'object', properties: { items: { type: 'array', items: memberSchema } } } },
      },
    },
    async () => {
      const [members, backlog] = [await registry.listMembers(), await options.backlog()];
      const summary = stats.summary('24h');
      const items = [];
      for (const m of members) items.push(await describe(m, backlog, summary));
      return { items };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/members/:id',
    {
      preHandler: app.requireRole(Role.OPERATOR),
      schema: {
        description: 'One member, as in the list.',
        params: { type: 'object', properties: { id: { type: 'string', maxLength: 64 } }, required: ['id'] },
        querystring: { type: 'object', properties: {} },
        response: { 200: memberSchema },
      },
    },
    async (req) => {
      const { id } = req.params;
      if (!MEMBER_ID_PATTERN.test(id)) {
        throw badRequest(
          RefusalCode.MEMBER_ID_INVALID,
          `${JSON.stringify(id)} is not a member id: 2 to 16 capital letters or digits starting with a letter, e.g. KZ.`,
        );
      }
      const member = await registry.getMember(id);
      if (member === undefined) {
        throw notFound(
          ErrorCode.MEMBER_UNKNOWN,
          `No member ${id} is registered; GET /v1/members lists those that are.`,
        );
      }
      return describe(member, await options.backlog(), stats.summary('24h'));
    },
  );
  done();
}

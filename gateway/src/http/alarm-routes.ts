import type { FastifyInstance } from 'fastify';
import { toIso } from '@atc/shared';
import { Role } from '../auth/role.js';
import { AlarmKind, currentAlarms } from '../console-api/current-alarms.js';
import { type ConsoleApiOptions } from './console-params.js';

const str = { type: 'string' } as const;

/**
 * `GET /v1/alarms` (operator, admin): the alarms that hold now. Computed from the archive and
 * the registry on each request, so every replica answers the same; the console polls it (the
 * live feed carries the flow events that change it, not the alarms themselves).
 */
export function alarmRoutes(app: FastifyInstance, options: ConsoleApiOptions, done: (err?: Error) => void): void {
  app.get(
    '/v1/alarms',
    {
      preHandler: app.requireRole(Role.OPERATOR),
      schema: {
        description:
          'The current alarms, by kind then subject: witnesses whose cosignatures are missing or stale ' +
          '(ATC_ALARM_WITNESS_STALE), recent sequence anomalies (ATC_ALARM_ANOMALY_WINDOW), overdue purges ' +
          '(ATC_DATABANK_PURGE_OVERDUE_HOURS), information requests not answered by their due time (reply_due_at, ' +
          'or ATC_SLA_* by urgency; see /v1/requests), copies that outlived the inbox stream without a DeliveryAck ' +
          "(ATC_INBOX_MAX_AGE), silent members (ATC_ALARM_MEMBER_SILENT), and the answering replica's own link " +
          'to NATS while it is down. Poll it; it is computed on each request.',
        querystring: { type: 'object', properties: {} },
        response: {
          200: {
            type: 'object',
            properties: {
              at: str,
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    kind: { type: 'string', enum: Object.values(AlarmKind) },
                    severity: { type: 'string', enum: ['warning', 'critical'] },
                    since: str,
                    subject: { type: 'string', description: 'the member it is about' },
                    detail: str,
                  },
                },
              },
            },
          },
        },
      },
    },
    async () => {
      const now = options.clock();
      const members = await options.registry.listMembers();
      const alarms = await currentAlarms(options.db, {
        members,
        now,
        thresholds: options.alarms,
        natsLink: options.natsLink?.(),
      });
      return { at: toIso(now), items: alarms.map((a) => ({ ...a, since: toIso(a.since) })) };
    },
  );
  done();
}

import type { FastifyInstance } from 'fastify';
import type { TrustAlarm } from '../inbox/trust-store.js';
import type { WitnessStore } from '../witness/witness-store.js';

/** What the alarm route reads. */
export interface AlarmRoutesOptions {
  readonly alarms: () => readonly TrustAlarm[];
  /** Alarms of the witness about the centre's archive log. */
  readonly logAlarms: Pick<WitnessStore, 'alarms'>;
}

const iso = (ms: number): string => new Date(ms).toISOString();

const alarmsSchema = {
  type: 'object',
  properties: {
    alarms: {
      type: 'array',
      description: 'trust-list alarms',
      items: {
        type: 'object',
        properties: { at: { type: 'string' }, source: { type: 'string' }, reason: { type: 'string' } },
      },
    },
    log: {
      type: 'array',
      description: "the witness's alarms about the centre's log",
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          raisedAt: { type: 'string' },
          kind: { type: 'string' },
          detail: { type: 'string' },
          evidence: { type: 'object', additionalProperties: true },
          clearedAt: { type: ['string', 'null'] },
          clearedBy: { type: ['string', 'null'] },
        },
      },
    },
  },
} as const;

/** `GET /v1/alarms`: trust-list alarms and the witness's alarms about the centre's log. */
export function alarmRoutes(app: FastifyInstance, options: AlarmRoutesOptions, done: (err?: Error) => void): void {
  app.get('/v1/alarms', { schema: { response: { 200: alarmsSchema } } }, () => ({
    alarms: options.alarms(),
    log: options.logAlarms.alarms().map((a) => ({
      ...a,
      raisedAt: iso(a.raisedAt),
      clearedAt: a.clearedAt === null ? null : iso(a.clearedAt),
    })),
  }));
  done();
}

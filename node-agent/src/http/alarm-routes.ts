import type { FastifyInstance } from 'fastify';
import type { NatsLinkState } from '@atc/shared';
import type { ClockState } from '../clock/clock-watch.js';
import type { TrustAlarm } from '../inbox/trust-store.js';
import type { WitnessStore } from '../witness/witness-store.js';

/** What the alarm route reads. */
export interface AlarmRoutesOptions {
  readonly alarms: () => readonly TrustAlarm[];
  /** Alarms of the witness about the centre's archive log. */
  readonly logAlarms: Pick<WitnessStore, 'alarms'>;
  /** This agent's clock against the centre's. */
  readonly clockState: () => ClockState;
  /** This agent's link to NATS. */
  readonly natsState: () => NatsLinkState;
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
    clock: {
      type: ['object', 'null'],
      description:
        "while this agent's clock is off the centre's by more than it allows (new records are refused): by how much, since when, what to do",
      properties: {
        raisedAt: { type: ['string', 'null'] },
        offsetSeconds: { type: 'number' },
        limitSeconds: { type: 'number' },
        detail: { type: 'string' },
      },
    },
    nats: {
      type: ['object', 'null'],
      description:
        'while this agent is cut off from NATS (records are still taken and kept in the outbox until it is back): since when, how many connections were lost, what to do',
      properties: {
        raisedAt: { type: 'string' },
        disconnects: { type: 'integer' },
        detail: { type: 'string' },
      },
    },
  },
} as const;

/**
 * `GET /v1/alarms`: trust-list alarms, the witness's alarms about the centre's log, the
 * clock alarm while this agent's clock is off the centre's, and the NATS alarm while it is cut off.
 */
export function alarmRoutes(app: FastifyInstance, options: AlarmRoutesOptions, done: (err?: Error) => void): void {
  app.get('/v1/alarms', { schema: { response: { 200: alarmsSchema } } }, () => ({
    alarms: options.alarms(),
    log: options.logAlarms.alarms().map((a) => ({
      ...a,
      raisedAt: iso(a.raisedAt),
      clearedAt: a.clearedAt === null ? null : iso(a.clearedAt),
    })),
    clock: clockAlarm(options.clockState()),
    nats: natsAlarm(options.natsState()),
  }));
  done();
}

/** The clock alarm while the clock is off, else null. */
function clockAlarm(state: ClockState): Record<string, unknown> | null {
  if (!state.skewed || state.offsetMs === undefined) return null;
  return {
    raisedAt: state.since === undefined ? null : iso(state.since),
    offsetSeconds: Math.round(state.offsetMs / 100) / 10,
    limitSeconds: state.limitMs / 1000,
    detail: state.reason ?? '',
  };
}

/** The NATS alarm while the link is down, else null. */
function natsAlarm(state: NatsLinkState): Record<string, unknown> | null {
  if (state.connected || state.downSince === undefined) return null;
  return { raisedAt: iso(state.downSince), disconnects: state.disconnects, detail: state.reason ?? '' };
}

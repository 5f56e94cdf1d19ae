import { toIso, type NatsLinkState } from '@atc/shared';
import { overdueRequestsByRecipient, type SlaDefaults } from '../databank/information-requests.js';
import { overduePurgesByMember } from '../databank/withdrawals.js';
import { CLOCK_BEHIND_REPORT_MS } from '../archive/merkle-log.js';
import type { SqlDb } from '../db/sql-db.js';
import type { Member } from '../registry/registry-types.js';
import { expiredDeliveriesByMember } from './expired-deliveries.js';
import { lastArchivedAt } from '../archive/last-archived.js';
import { recentAnomalies, witnessWait } from './member-activity.js';

/** The kinds of alarm the operator console shows: a closed set, stable for clients. */
export const AlarmKind = {
  /** An active member's witness never cosigned a checkpoint older than the witness threshold. */
  WITNESS_COSIGNATURE_MISSING: 'witness-cosignature-missing',
  /** An active member's witness cosigned before, but not the checkpoints since, for longer than the threshold. */
  WITNESS_COSIGNATURE_STALE: 'witness-cosignature-stale',
  /** A member's sender_sequence jumped or went back within the anomaly window. */
  SEQUENCE_ANOMALY: 'sequence-anomaly',
  /** A member has not acknowledged the purge of a withdrawn record within the overdue delay. */
  PURGE_OVERDUE: 'purge-overdue',
  /** A member has not answered information requests routed to it by their due time. */
  REQUEST_OVERDUE: 'request-overdue',
  /** No message from an active member was archived for longer than the silence threshold. */
  MEMBER_SILENT: 'member-silent',
  /** The newest checkpoint of the log is dated after this replica's clock: the clock went back. */
  GATEWAY_CLOCK_BEHIND: 'gateway-clock-behind',
  /** Copies routed to a member outlived the inbox stream's max age without a DeliveryAck. */
  INBOX_EXPIRED: 'inbox-expired',
  /** The replica answering is cut off from NATS: it takes no submissions and routes nothing until it is back. */
  NATS_DISCONNECTED: 'nats-disconnected',
} as const;

/** One of the alarm kinds. */
export type AlarmKind = (typeof AlarmKind)[keyof typeof AlarmKind];

/** How urgent an alarm is. */
export type AlarmSeverity = 'warning' | 'critical';

/** The severity of each kind: one table, so that every alarm of a kind is as urgent. */
export const ALARM_SEVERITY: Readonly<Record<AlarmKind, AlarmSeverity>> = Object.freeze({
  'witness-cosignature-missing': 'critical',
  'witness-cosignature-stale': 'warning',
  'sequence-anomaly': 'warning',
  'purge-overdue': 'critical',
  'request-overdue': 'warning',
  'member-silent': 'warning',
  'gateway-clock-behind': 'critical',
  'inbox-expired': 'critical',
  'nats-disconnected': 'critical',
});

/** A current alarm. */
export interface Alarm {
  readonly kind: AlarmKind;
  readonly severity: AlarmSeverity;
  /** Since when the condition holds (Unix ms). */
  readonly since: number;
  /** What it is about: a member id (`log` for the gateway's own log). */
  readonly subject: string;
  /** A sentence for the operator. */
  readonly detail: string;
}

/** When conditions become alarms (all in milliseconds). */
export interface AlarmThresholds {
  /** ATC_ALARM_MEMBER_SILENT. */
  readonly memberSilentMs: number;
  /** ATC_ALARM_WITNESS_STALE: how long a checkpoint may wait for a witness's cosignature. */
  readonly witnessStaleMs: number;
  /** ATC_ALARM_ANOMALY_WINDOW: how long a sequence anomaly stays an alarm. */
  readonly anomalyWindowMs: number;
  /** ATC_DATABANK_PURGE_OVERDUE_HOURS, when the gateway runs the data bank; undefined otherwise. */
  readonly purgeOverdueMs: number | undefined;
  /** ATC_SLA_*: default answer times of information requests, when the gateway runs the data bank; undefined otherwise. */
  readonly requests?: SlaDefaults | undefined;
  /** ATC_INBOX_MAX_AGE: how long the inbox stream keeps a routed copy; undefined, no expiry alarm. */
  readonly inboxMaxAgeMs?: number | undefined;
}

const alarm = (kind: AlarmKind, subject: string, since: number, detail: string): Alarm => ({
  kind,
  severity: ALARM_SEVERITY[kind],
  since,
  subject,
  detail,
});

/**
 * Witnesses are the active members' agents: each cosigns the newest checkpoint it checked. One
 * is late when a checkpoint beyond the last size it cosigned was signed longer ago than the
 * threshold (with traffic the log signs a checkpoint per batch, so "the latest is uncosigned"
 * alone would always be true).
 */
async function witnessAlarms(db: SqlDb, members: readonly Member[], now: number, staleMs: number): Promise<Alarm[]> {
  const out: Alarm[] = [];
  for (const m of members) {
    const { cosignedSize: size, waiting } = await witnessWait(db, m.id);
    if (waiting === undefined || waiting.createdAt + staleMs > now) continue;
    out.push(
      size === null
        ? alarm(
            AlarmKind.WITNESS_COSIGNATURE_MISSING,
            m.id,
            waiting.createdAt + staleMs,
            `${m.id} has never cosigned a checkpoint of the log; checkpoint ${waiting.treeSize} waits since ` +
              `${toIso(waiting.createdAt)}. Check that its agent runs and reaches the gateway.`,
          )
        : alarm(
            AlarmKind.WITNESS_COSIGNATURE_STALE,
            m.id,
            waiting.createdAt + staleMs,
            `${m.id} last cosigned tree size ${size}; checkpoint ${waiting.treeSize} waits since ` +
              `${toIso(waiting.createdAt)}. Check its agent and its witness log for alarms.`,
          ),
    );
  }
  return out;
}

async function silentAlarms(db: SqlDb, members: readonly Member[], now: number, silentMs: number): Promise<Alarm[]> {
  const out: Alarm[] = [];
  for (const m of members) {
    const last = await lastArchivedAt(db, m.id);
    // A member that never sent is silent from its registration on.
    const from = last ?? m.createdAt;
    if (from + silentMs > now) continue;
    out.push(
      alarm(
        AlarmKind.MEMBER_SILENT,
        m.id,
        from + silentMs,
        last === null
          ? `No message from ${m.id} was ever archived (registered ${toIso(m.createdAt)}).`
          : `No message from ${m.id} was archived since ${toIso(last)}.`,
      ),
    );
  }
  return out;
}

/**
 * Copies the inbox stream dropped (older than its max age) that the recipient's agent never
 * confirmed: suspended members included, since what was routed to them before their suspension
 * waits for them too.
 */
async function expiryAlarms(db: SqlDb, now: number, inboxMaxAgeMs: number): Promise<Alarm[]> {
  const days = (ms: number): string => `${+(ms / 86_400_000).toFixed(3)} d`;
  return (await expiredDeliveriesByMember(db, { now, inboxMaxAgeMs })).map((e) =>
    alarm(
      AlarmKind.INBOX_EXPIRED,
      e.member,
      e.oldestRoutedAt + inboxMaxAgeMs,
      `${e.count} cop${e.count === 1 ? 'y' : 'ies'} routed to ${e.member} got no DeliveryAck within the inbox ` +
        `retention (ATC_INBOX_MAX_AGE, ${days(inboxMaxAgeMs)}); the oldest was routed at ${toIso(e.oldestRoutedAt)}. ` +
        `JetStream no longer holds them for ${e.member}: list them with /v1/messages?recipient=${e.member}&status=routed, ` +
        `and once its agent runs, route them again: atc-gateway deliveries resend ${e.member} (its agent drops those it holds).`,
    ),
  );
}

/**
 * The newest checkpoint dated after `now`: this replica's clock went back (or is behind the
 * replica that signed it). Checkpoints stay in time order (each dated 1 ms after the last until
 * the clock catches up), but their times, receipts' and archive times are wrong meanwhile.
 */
async function clockAlarms(db: SqlDb, now: number): Promise<Alarm[]> {
  const last = await db.get<{ tree_size: number; created_at: number }>(
    'SELECT tree_size, created_at FROM checkpoints ORDER BY tree_size DESC LIMIT 1',
  );
  // Checkpoints committed in one millisecond, or by replicas a few ms apart, are dated a little ahead.
  if (last === undefined || last.created_at <= now + CLOCK_BEHIND_REPORT_MS) return [];
  return [
    alarm(
      AlarmKind.GATEWAY_CLOCK_BEHIND,
      'log',
      now,
      `Checkpoint ${last.tree_size} is dated ${toIso(last.created_at)}, ${Math.ceil((last.created_at - now) / 1000)} s ` +
        `after this gateway's clock (${toIso(now)}): the clock went back. Check the gateway hosts' time synchronisation (NTP).`,
    ),
  ];
}

/** The replica's own link to NATS, while it is down. */
function natsAlarms(link: NatsLinkState | undefined): Alarm[] {
  if (link === undefined || link.connected || link.downSince === undefined) return [];
  return [alarm(AlarmKind.NATS_DISCONNECTED, 'nats', link.downSince, link.reason ?? '')];
}

/**
 * The current alarms, computed from the archive and the registry as of `now`: witnesses late
 * with their cosignatures, recent sequence anomalies, overdue purges and information requests
 * not answered by their due time (when the gateway runs the data bank), silent members. Suspended members raise no witness or silence alarm. Ordered by
 * kind, then subject. With `natsLink`, also the answering replica's own link to NATS while it is down.
 */
export async function currentAlarms(
  db: SqlDb,
  input: {
    readonly members: readonly Member[];
    readonly now: number;
    readonly thresholds: AlarmThresholds;
    readonly natsLink?: NatsLinkState | undefined;
  },
): Promise<Alarm[]> {
  const { now, thresholds } = input;
  const active = input.members.filter((m) => m.status === 'active');
  const alarms = [
    ...(await witnessAlarms(db, active, now, thresholds.witnessStaleMs)),
    ...(await recentAnomalies(db, now - thresholds.anomalyWindowMs)).map((a) =>
      alarm(
        AlarmKind.SEQUENCE_ANOMALY,
        a.member,
        a.first,
        `${a.count} sequence anomal${a.count === 1 ? 'y' : 'ies'} from ${a.member} since ${toIso(a.first)}; ` +
          `the latest: a ${a.latest.kind} (expected ${a.latest.expected}, got ${a.latest.got}) on message ` +
          `${a.latest.messageId}. Ask the member whether messages were lost or its agent restored from a backup.`,
      ),
    ),
  ];
  if (thresholds.purgeOverdueMs !== undefined) {
    const overdueMs = thresholds.purgeOverdueMs;
    for (const p of await overduePurgesByMember(db, { now, overdueMs })) {
      alarms.push(
        alarm(
          AlarmKind.PURGE_OVERDUE,
          p.member,
          p.oldestRoutedAt + overdueMs,
          `${p.member} has not acknowledged the purge of ${p.count} withdrawn record${p.count === 1 ? '' : 's'}; ` +
            `the oldest was routed at ${toIso(p.oldestRoutedAt)}. See /v1/databank/withdrawals?overdue=true.`,
        ),
      );
    }
  }
  if (thresholds.requests !== undefined) {
    for (const r of await overdueRequestsByRecipient(db, { now, defaults: thresholds.requests })) {
      alarms.push(
        alarm(
          AlarmKind.REQUEST_OVERDUE,
          r.recipient,
          r.oldestDueAt,
          `${r.recipient} has not answered ${r.count} information request${r.count === 1 ? '' : 's'} by ` +
            `${r.count === 1 ? 'its' : 'their'} due time${r.exercise > 0 ? ` (${r.exercise} of them exercise traffic)` : ''}; ` +
            `the oldest was due at ${toIso(r.oldestDueAt)}. See /v1/requests?state=overdue.`,
        ),
      );
    }
  }
  if (thresholds.inboxMaxAgeMs !== undefined) alarms.push(...(await expiryAlarms(db, now, thresholds.inboxMaxAgeMs)));
  alarms.push(...(await silentAlarms(db, active, now, thresholds.memberSilentMs)));
  alarms.push(...(await clockAlarms(db, now)));
  alarms.push(...natsAlarms(input.natsLink));
  const order = Object.values(AlarmKind);
  return alarms.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.subject.localeCompare(b.subject));
}

import type { AlarmJson } from '../api/members-api';
import type { FlowEventJson } from '../flow/flow-model';

/**
 * Alarm kinds that may mean an attack or a loss of integrity: a witness that does not cosign
 * could hide a split view of the log; a jump or a step back in a member's sequence means lost,
 * withheld or replayed messages, or an agent restored from a backup.
 */
export const SECURITY_ALARMS: readonly string[] = [
  'witness-cosignature-missing',
  'witness-cosignature-stale',
  'sequence-anomaly',
];

/** Whether an alarm is about security (see {@link SECURITY_ALARMS}). */
export function isSecurityAlarm(alarm: AlarmJson): boolean {
  return SECURITY_ALARMS.includes(alarm.kind);
}

/** Alarm kinds a message archived from their member may clear (it is heard again; a purge acknowledged, a request answered). */
const CLEARED_BY_MESSAGE: readonly string[] = ['member-silent', 'purge-overdue', 'request-overdue'];

/**
 * The order the overview lists alarms in: security-relevant first, then critical before
 * warning, then the oldest first, then by member. Returns a new array.
 */
export function orderAlarms(alarms: readonly AlarmJson[]): AlarmJson[] {
  const rank = (a: AlarmJson): number => (isSecurityAlarm(a) ? 0 : 2) + (a.severity === 'critical' ? 0 : 1);
  return [...alarms].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      Date.parse(a.since) - Date.parse(b.since) ||
      a.subject.localeCompare(b.subject) ||
      a.kind.localeCompare(b.kind),
  );
}

/**
 * Whether a live-feed event can raise or clear one of the gateway's alarms, so that the alarms
 * are worth reading again now rather than at the next poll: every sequence anomaly raises one;
 * a message accepted from a member clears its silence (or acknowledges a purge) when one of
 * those alarms holds for it. Deliveries, replays and refusals change no alarm the gateway computes.
 */
export function changesAlarms(event: FlowEventJson, current: readonly AlarmJson[]): boolean {
  if (event.kind === 'sequence-anomaly') return true;
  if (event.kind !== 'accepted' || event.sender === null) return false;
  return current.some((a) => a.subject === event.sender && CLEARED_BY_MESSAGE.includes(a.kind));
}

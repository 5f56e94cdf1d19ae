import { describe, expect, it } from 'vitest';
import type { AlarmJson } from '../api/members-api';
import type { FlowEventJson } from '../flow/flow-model';
import { changesAlarms, orderAlarms } from './alarm-triggers';

const alarm = (kind: string, subject: string, severity: AlarmJson['severity'], since: string): AlarmJson => ({
  kind,
  subject,
  severity,
  since,
  detail: `${kind} of ${subject}`,
});

const event = (kind: FlowEventJson['kind'], sender: string | null): FlowEventJson => ({
  kind,
  at: '2026-01-01T10:00:00.000Z',
  messageId: null,
  sender,
});

describe('the overview alarms', () => {
  it('lists security-relevant alarms first, then critical before warning, then the oldest first', () => {
    const silentKz = alarm('member-silent', 'KZ', 'warning', '2026-01-01T08:00:00.000Z');
    const purgeBy = alarm('purge-overdue', 'BY', 'critical', '2026-01-01T09:00:00.000Z');
    const anomalyBy = alarm('sequence-anomaly', 'BY', 'warning', '2026-01-01T09:30:00.000Z');
    const anomalyAm = alarm('sequence-anomaly', 'AM', 'warning', '2026-01-01T09:10:00.000Z');
    const witnessKz = alarm('witness-cosignature-missing', 'KZ', 'critical', '2026-01-01T09:59:00.000Z');
    const input = [silentKz, purgeBy, anomalyBy, witnessKz, anomalyAm];
    expect(orderAlarms(input)).toEqual([witnessKz, anomalyAm, anomalyBy, purgeBy, silentKz]);
    // The gateway's answer is left as it was.
    expect(input[0]).toBe(silentKz);
  });

  it('reads the alarms again on a sequence anomaly, and on a message from a member a silence or purge alarm holds for', () => {
    const current = [
      alarm('member-silent', 'KZ', 'warning', '2026-01-01T08:00:00.000Z'),
      alarm('witness-cosignature-stale', 'BY', 'warning', '2026-01-01T08:00:00.000Z'),
    ];
    expect(changesAlarms(event('sequence-anomaly', 'BY'), [])).toBe(true);
    expect(changesAlarms(event('accepted', 'KZ'), current)).toBe(true);
    // A message does not make a witness cosign, and a member without alarms has nothing to clear.
    expect(changesAlarms(event('accepted', 'BY'), current)).toBe(false);
    expect(changesAlarms(event('accepted', 'AM'), current)).toBe(false);
    expect(changesAlarms(event('accepted', null), current)).toBe(false);
    for (const kind of ['delivered', 'replayed', 'rejected'] as const) {
      expect(changesAlarms(event(kind, 'KZ'), current), kind).toBe(false);
    }
  });
});

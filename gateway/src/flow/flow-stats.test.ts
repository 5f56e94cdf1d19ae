import { describe, expect, it } from 'vitest';
import { toIso } from '@atc/shared';
import type { FlowEvent } from '../domain/flow-event.js';
import { FlowStats } from './flow-stats.js';

const NOW = Date.UTC(2026, 0, 15, 10, 30, 20);

function accepted(id: string, at: number, sender = 'KZ', recipients = ['BY']): FlowEvent {
  return { kind: 'accepted', at: toIso(at), messageId: id, sender, recipients, exercise: false };
}

describe('FlowStats', () => {
  it('counts a fact once when the seed and a live event both saw it', async () => {
    let now = NOW;
    const stats = new FlowStats(() => now);
    // The archive had m1 (long before) and m2 (just before the cutoff); m2's event was
    // still in flight when the archive was read.
    await stats.seed([accepted('m1', NOW - 30 * 60_000), accepted('m2', NOW - 5)], NOW);
    stats.ingest(accepted('m2', NOW - 4)); // the in-flight event: already counted
    stats.ingest(accepted('m1', NOW - 30 * 60_000)); // a very late duplicate: older than the grace, skipped
    stats.ingest(accepted('m3', NOW + 10)); // new
    stats.ingest({ kind: 'replayed', at: toIso(NOW - 60 * 60_000), messageId: 'm1', sender: 'KZ' }); // never archived
    now = NOW + 1000;
    const s = stats.summary('1h');
    expect(s.operational.totals.accepted).toBe(3);
    expect(s.operational.totals.replayed).toBe(1);
  });

  it("counts deliveries by pair once, and tracks each member's last submission", () => {
    const stats = new FlowStats(() => NOW);
    stats.ingest(accepted('m1', NOW - 10_000, 'KZ', ['BY', 'RU']));
    const ack = (id: string, first: boolean): FlowEvent => ({
      kind: 'delivered',
      at: toIso(NOW - 5000),
      messageId: id,
      sender: 'BY',
      recipients: ['BY'],
      delivery: { messageId: 'm1', sender: 'KZ', first },
    });
    stats.ingest(ack('a1', true));
    stats.ingest(ack('a2', false)); // a repeated ack
    stats.ingest({ kind: 'rejected', at: toIso(NOW - 1000), messageId: 'm9', sender: 'RU', code: 'ERR_X' });
    const s = stats.summary('1m');
    expect(s.operational.totals.delivered).toBe(1);
    expect(s.operational.flows).toEqual([
      { sender: 'KZ', recipient: 'BY', accepted: 1, delivered: 1 },
      { sender: 'KZ', recipient: 'RU', accepted: 1, delivered: 0 },
    ]);
    expect(s.lastSeen.get('KZ')).toBe(NOW - 10_000);
    expect(s.lastSeen.get('BY')).toBe(NOW - 5000); // the repeated ack is a submission too
    expect(s.lastSeen.get('RU')).toBe(NOW - 1000);
  });
});

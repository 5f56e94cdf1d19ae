// The console's alarm computation on a real archive (both engines): rows committed through the
// archive's own committer and data bank projection, cosignatures and sequence anomalies as the
// log service and the pipeline write them.
import { describe, expect, it } from 'vitest';
import {
  AlarmKind,
  batchWrite,
  currentAlarms,
  DatabankProjection,
  type Alarm,
  type AlarmThresholds,
  type Archive,
} from '@atc/gateway';
import { Duration } from '@atc/shared';
import { FIXTURE_TIME } from '@atc/shared/testing';
import { ARCHIVE_BACKENDS } from '@atc/tests';
import { bankArchives } from '../databank/bank-archives.js';
import { version, withdrawalOf, type Routed } from '../databank/purge-rows.js';

const NOW = FIXTURE_TIME + 2 * Duration.day;

const member = (id: string, status: 'active' | 'suspended' = 'active') => ({
  id,
  name: `Test member ${id}`,
  kind: 'national' as const,
  status,
  createdAt: FIXTURE_TIME,
  updatedAt: FIXTURE_TIME,
});
const MEMBERS = [member('BY'), member('KZ'), member('RU'), member('UZ', 'suspended')];

const thresholds = (more: Partial<AlarmThresholds> = {}): AlarmThresholds => ({
  memberSilentMs: 3 * Duration.day,
  witnessStaleMs: 3 * Duration.day,
  anomalyWindowMs: Duration.day,
  purgeOverdueMs: undefined,
  ...more,
});

const brief = (alarms: Alarm[]) => alarms.map((a) => [a.kind, a.subject, a.severity]);

describe.each(ARCHIVE_BACKENDS)('current alarms on $name', { timeout: 60_000 }, (backend) => {
  const open = bankArchives(backend);

  async function commit(archive: Archive, entries: readonly Routed[]): Promise<void> {
    await archive.committer.commit(
      batchWrite({ messages: entries.map((e) => e.row), deliveries: entries.flatMap((e) => e.deliveries) }),
    );
  }

  async function world(): Promise<Archive> {
    const archive = await open();
    await commit(archive, [version('KZ', 1, 'KZ-P-TEST0001', 1, ['BY'])]);
    await commit(archive, [withdrawalOf('KZ', 2, 'KZ-P-TEST0001', ['BY'])]);
    await new DatabankProjection(archive.db, archive.reader).catchUp();
    return archive;
  }

  async function cosign(archive: Archive, witness: string, size: number): Promise<void> {
    await archive.db.run(
      'INSERT INTO cosignatures (tree_size, witness, line, signed_at, received_at) VALUES (?, ?, ?, ?, ?)',
      [size, witness, `— ${witness} dGVzdA==`, FIXTURE_TIME, FIXTURE_TIME],
    );
  }

  async function anomaly(archive: Archive, who: string, at: number, got: number): Promise<void> {
    await archive.db.run(
      'INSERT INTO sequence_anomalies (member, message_id, kind, expected, got, at) VALUES (?, ?, ?, ?, ?, ?)',
      [who, `0190f0e0-0000-7000-8000-00000000000${got % 10}`, 'gap', 2, got, at],
    );
  }

  it('raises nothing while every threshold holds', async () => {
    const archive = await world();
    const sizes = await archive.db.all<{ tree_size: number }>('SELECT tree_size FROM checkpoints ORDER BY tree_size');
    expect(sizes.length).toBeGreaterThanOrEqual(2);
    for (const m of ['BY', 'KZ', 'RU']) await cosign(archive, m, sizes.at(-1)!.tree_size);
    expect(await currentAlarms(archive.db, { members: MEMBERS, now: NOW, thresholds: thresholds() })).toEqual([]);
  });

  it('names a witness that never cosigned and one that stopped, but not a suspended member', async () => {
    const archive = await world();
    const sizes = (
      await archive.db.all<{ tree_size: number }>('SELECT tree_size FROM checkpoints ORDER BY tree_size')
    ).map((r) => r.tree_size);
    await cosign(archive, 'KZ', sizes.at(-1)!);
    await cosign(archive, 'BY', sizes[0]!);
    const alarms = await currentAlarms(archive.db, {
      members: MEMBERS,
      now: NOW,
      thresholds: thresholds({ witnessStaleMs: Duration.hour }),
    });
    expect(brief(alarms)).toEqual([
      [AlarmKind.WITNESS_COSIGNATURE_MISSING, 'RU', 'critical'],
      [AlarmKind.WITNESS_COSIGNATURE_STALE, 'BY', 'warning'],
    ]);
    expect(alarms[0]!.since).toBe(FIXTURE_TIME + Duration.hour);
    expect(alarms[1]!.detail).toContain(`last cosigned tree size ${sizes[0]}`);
    // Within the threshold, a waiting checkpoint is no alarm.
    const early = await currentAlarms(archive.db, {
      members: MEMBERS,
      now: FIXTURE_TIME + 30 * Duration.minute,
      thresholds: thresholds({ witnessStaleMs: Duration.hour }),
    });
    expect(early.filter((a) => a.kind.startsWith('witness'))).toEqual([]);
  });

  it('lists recent sequence anomalies per member, not old ones', async () => {
    const archive = await world();
    await anomaly(archive, 'RU', NOW - 2 * Duration.hour, 5);
    await anomaly(archive, 'RU', NOW - Duration.hour, 9);
    await anomaly(archive, 'BY', NOW - 3 * Duration.day, 7);
    const alarms = (await currentAlarms(archive.db, { members: MEMBERS, now: NOW, thresholds: thresholds() })).filter(
      (a) => a.kind === AlarmKind.SEQUENCE_ANOMALY,
    );
    expect(brief(alarms)).toEqual([[AlarmKind.SEQUENCE_ANOMALY, 'RU', 'warning']]);
    expect(alarms[0]!.since).toBe(NOW - 2 * Duration.hour);
    expect(alarms[0]!.detail).toContain('2 sequence anomalies');
    expect(alarms[0]!.detail).toContain('got 9');
  });

  it('raises an overdue purge only when the gateway runs the data bank and the delay passed', async () => {
    const archive = await world();
    const routedAt = (await archive.db.get<{ t: number }>('SELECT MIN(routed_at) AS t FROM databank_purges'))!.t;
    const overdue = (purgeOverdueMs: number | undefined, now = NOW) =>
      currentAlarms(archive.db, { members: MEMBERS, now, thresholds: thresholds({ purgeOverdueMs }) }).then((all) =>
        all.filter((a) => a.kind === AlarmKind.PURGE_OVERDUE),
      );
    const alarms = await overdue(Duration.day);
    expect(brief(alarms)).toEqual([[AlarmKind.PURGE_OVERDUE, 'BY', 'critical']]);
    expect(alarms[0]!.since).toBe(routedAt + Duration.day);
    expect(alarms[0]!.detail).toContain('1 withdrawn record');
    expect(await overdue(undefined)).toEqual([]);
    expect(await overdue(Duration.day, routedAt + Duration.hour)).toEqual([]);
  });

  it('raises silent members from their last archived message, or their registration', async () => {
    const archive = await world();
    const alarms = (
      await currentAlarms(archive.db, {
        members: MEMBERS,
        now: NOW,
        thresholds: thresholds({ memberSilentMs: Duration.day }),
      })
    ).filter((a) => a.kind === AlarmKind.MEMBER_SILENT);
    expect(brief(alarms)).toEqual([
      [AlarmKind.MEMBER_SILENT, 'BY', 'warning'],
      [AlarmKind.MEMBER_SILENT, 'KZ', 'warning'],
      [AlarmKind.MEMBER_SILENT, 'RU', 'warning'],
    ]);
    const kz = alarms.find((a) => a.subject === 'KZ')!;
    // KZ's withdrawal (fixture message 2) was archived last.
    expect(kz.since).toBe(FIXTURE_TIME + 2 + Duration.day);
    expect(kz.detail).toContain('was archived since');
    expect(alarms.find((a) => a.subject === 'RU')!.detail).toContain('was ever archived');
  });
});

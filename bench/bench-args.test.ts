import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from './bench-args.js';
import { BenchError, BenchErrorCode } from './bench-error.js';
import { benchPlan } from './bench-plan.js';

function usageError(argv: string[]): BenchError {
  try {
    parseBenchArgs(argv);
  } catch (e) {
    if (e instanceof BenchError) return e;
    throw e;
  }
  throw new Error(`${argv.join(' ')} was accepted`);
}

describe('parseBenchArgs', () => {
  it('defaults to a full run of every phase', () => {
    const o = parseBenchArgs([]);
    expect(o).toMatchObject({ quick: false, help: false, out: 'bench-results.json', cpuProfDir: undefined });
    expect(o.phases).toEqual([
      'gateway',
      'baseline',
      'floor',
      'latency',
      'archive',
      'databank',
      'agent',
      'search',
      'replicas',
    ]);
    expect(benchPlan(o)).toMatchObject({
      mode: 'full',
      messages: 200_000,
      replicaMessages: 40_000,
      archiveSize: 1_000_000,
      latencyRate: 1_000,
      bankRecords: 1_000_000,
      searchPersons: 1_000_000,
    });
  });

  it('leaves the replicas out of a quick run unless they are named', () => {
    expect(parseBenchArgs(['--quick']).phases).not.toContain('replicas');
    expect(parseBenchArgs(['--quick', '--phases=replicas']).phases).toEqual(['replicas']);
    expect(benchPlan(parseBenchArgs(['--quick'])).replicaMessages).toBe(3_000);
  });

  it('reads --quick, sizes, phases (kept in run order), profile dir and output file', () => {
    const o = parseBenchArgs([
      '--quick',
      '--phases=agent,gateway',
      '--messages=50_000',
      '--archive-size=2000',
      '--cpu-prof=prof',
      '--out=x.json',
    ]);
    expect(o).toMatchObject({ quick: true, messages: 50_000, archiveSize: 2_000, cpuProfDir: 'prof', out: 'x.json' });
    expect(o.phases).toEqual(['gateway', 'agent']);
    expect(benchPlan(o)).toMatchObject({ mode: 'quick', messages: 50_000, archiveSize: 2_000 });
    expect(benchPlan(parseBenchArgs(['--quick']))).toMatchObject({
      messages: 5_000,
      archiveSize: 50_000,
      archiveQueries: 150,
      databankEntries: 500,
      handoverItems: 1_000,
      bankRecords: 20_000,
      searchPersons: 5_000,
      memberSearchRate: 20,
      memberSearchSeconds: 3,
    });
    expect(parseBenchArgs(['--phases=databank', '--bank-records=20000'])).toMatchObject({
      phases: ['databank'],
      bankRecords: 20_000,
      bankNames: 'namesakes',
    });
    expect(benchPlan(parseBenchArgs(['--bank-names=varied']))).toMatchObject({ bankNames: 'varied' });
    expect(usageError(['--bank-names=common']).message).toContain('--bank-names must be namesakes or varied');
    expect(usageError(['--bank-names']).code).toBe(BenchErrorCode.Usage);
    const search = parseBenchArgs(['--phases=search', '--search-persons=100_000']);
    expect(search).toMatchObject({ phases: ['search'], searchPersons: 100_000 });
    expect(benchPlan(search)).toMatchObject({
      searchPersons: 100_000,
      searchQueries: 600,
      memberSearchRate: 20,
      memberSearchSeconds: 30,
    });
  });

  it('refuses what it does not understand, with ERR_BENCH_USAGE and what to do', () => {
    for (const argv of [
      ['--fast'],
      ['--phases=gateway,warp'],
      ['--messages=ten'],
      ['--messages=5'],
      ['--quick=yes'],
      ['--out='],
      ['--bank-records=12'],
      ['--bank-records'],
      ['--search-persons=10'],
      ['--search-persons=many'],
      ['--search-persons'],
    ]) {
      const e = usageError(argv);
      expect(e.code).toBe(BenchErrorCode.Usage);
      expect(e.message.length).toBeGreaterThan(10);
    }
    expect(usageError(['--phases=warp']).message).toContain(
      'choose among gateway, baseline, floor, latency, archive, databank, agent, search',
    );
  });

  it('reads the soak and its options, defaulting to 30 minutes at 500/s with a restart every 5', () => {
    expect(parseBenchArgs([])).toMatchObject({ soak: false, soakMinutes: 30, soakRate: 500, soakRestartMinutes: 5 });
    expect(
      parseBenchArgs(['--soak', '--soak-minutes=0.75', '--soak-rate=40', '--soak-restart-minutes=0.4']),
    ).toMatchObject({ soak: true, soakMinutes: 0.75, soakRate: 40, soakRestartMinutes: 0.4 });
    expect(usageError(['--soak-minutes=0']).message).toContain('--soak-minutes=0 is not a number above 0');
    expect(usageError(['--soak-rate=fast']).code).toBe(BenchErrorCode.Usage);
    expect(usageError(['--soak=yes']).message).toContain('--soak takes no value');
  });

  it("reads the soak gateway's inbox retention as written, and refuses what is not a positive duration", () => {
    expect(parseBenchArgs([]).soakInboxMaxAge).toBeUndefined();
    expect(parseBenchArgs(['--soak', '--soak-inbox-max-age=5m']).soakInboxMaxAge).toBe('5m');
    expect(usageError(['--soak-inbox-max-age=soon']).message).toContain(
      '--soak-inbox-max-age must be a duration such as 500ms, 30s, 5m, 2h or 30d, not "soon"',
    );
    expect(usageError(['--soak-inbox-max-age=0s']).message).toContain('--soak-inbox-max-age must be longer than 0');
    expect(usageError(['--soak-inbox-max-age']).code).toBe(BenchErrorCode.Usage);
    expect(parseBenchArgs([]).soakDuplicateWindow).toBeUndefined();
    expect(parseBenchArgs(['--soak', '--soak-duplicate-window=2m']).soakDuplicateWindow).toBe('2m');
    expect(usageError(['--soak-duplicate-window=0s']).message).toContain(
      '--soak-duplicate-window must be longer than 0',
    );
  });
});

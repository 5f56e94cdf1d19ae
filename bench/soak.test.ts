import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SoakRestart } from './soak-federation.js';
import { runSoak } from './soak-run.js';
import { SOAK_LINE_FIELDS, cpuOverRuns, groupedSlope } from './soak-stats.js';

describe('groupedSlope', () => {
  it('fits one slope through runs that each start from their own level', () => {
    // Two runs of a process, each growing 2 per unit from a different start: a restart is no leak.
    const points = [0, 1, 2, 3].flatMap((x) => [
      { group: 1, x, y: 100 + 2 * x },
      { group: 2, x: x + 10, y: 40 + 2 * x },
    ]);
    expect(groupedSlope(points)).toBeCloseTo(2, 9);
    expect(groupedSlope([{ group: 1, x: 5, y: 1 }])).toBe(0);
  });
});

describe('cpuOverRuns', () => {
  it('adds the last CPU reading of each run of a process', () => {
    const at = (atSeconds: number, pid: number, cpuSeconds: number) => ({
      atSeconds,
      pid,
      rssBytes: 1,
      fds: 1,
      cpuSeconds,
    });
    expect(cpuOverRuns([at(0, 7, 1), at(10, 7, 4.5), at(20, 9, 0.5), at(30, 9, 2)])).toBe(6.5);
    expect(cpuOverRuns([])).toBe(0);
  });
});

describe('npm run bench -- --soak, in small', () => {
  it('keeps every record through a gateway SIGKILL: none lost, none twice, and the line has its fields', async () => {
    const workDir = await mkdtemp(join(tmpdir(), 'atc-soak-test-'));
    const lines: string[] = [];
    try {
      const result = await runSoak(
        {
          minutes: 1 / 3,
          rate: 40,
          restartMinutes: 1 / 6,
          sampleSeconds: 2,
          progressSeconds: 10,
          fromSources: true,
          // What the killed gateway held comes again 2 s after it was handed out, not 15 s: within the load.
          submitAckWait: '2s',
        },
        {
          workDir,
          logDir: workDir,
          childEnv: Object.fromEntries(
            Object.entries(process.env).filter(
              (e): e is [string, string] => e[1] !== undefined && !e[0].startsWith('ATC_'),
            ),
          ),
          progress: (line) => {
            lines.push(`${new Date().toISOString().slice(11, 19)} ${line}`);
          },
        },
      );
      expect(result.restarts.map((r) => r.what)).toEqual([SoakRestart.GatewayKill]);
      expect(result.submitted).toBeGreaterThan(200);
      expect(result).toMatchObject({ lost: 0, duplicated: 0 });
      expect(result.archived).toBe(result.submitted);
      expect(result.delivered).toBe(result.submitted);
      expect(result.load.refused).toBe(0);
      const fields = result.line
        .split(' ')
        .slice(1)
        .map((f) => f.split('=')[0]);
      expect(result.line.startsWith('soak: ')).toBe(true);
      expect(fields).toEqual([...SOAK_LINE_FIELDS]);
      expect(result.line).toContain(' lost=0 duplicated=0 ');
      expect(Object.keys(result.trends).sort()).toEqual(['agent-BY', 'agent-KZ', 'gateway', 'nats-server']);
      // Every process did work for the records, and the line says how much per record.
      for (const t of Object.values(result.trends)) expect(t.cpuSeconds).toBeGreaterThan(0);
      expect(result.line).toMatch(/ cpu_ms_per_record=(?:[a-zA-Z-]+:\d+\.\d\d,?){4}$/);
      // Two gateway processes were read: before and after the SIGKILL.
      expect(new Set(result.samples['gateway']!.map((s) => s.pid)).size).toBe(2);
      expect(lines.some((l) => l.includes('at the webhook'))).toBe(true);
    } catch (e) {
      console.log(lines.join('\n'));
      throw e;
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
    // About 30 s on an idle 2-core machine (three starts from the sources, 20 s of load, one
    // restart, the drain); the limit leaves room for a machine shared with other work.
  }, 180_000);
});

import { describe, expect, it } from 'vitest';
import { postgresCpuBetween, scaleOut } from './replicas-phase.js';

describe('the replicas phase', () => {
  it('draws cores -> msg/s from the CPU a message costs, capped by the single appender', () => {
    // 2 ms of CPU per message in all: 1,000 msg/s per 2 cores; the appender commits 200 per 50 ms.
    const { appenderBound, table } = scaleOut(
      { meanBatch: 200, commitMs: 50 },
      { cpuMsPerMessage: { gateways: 1.2, nats: 0.3, postgres: 0.5 } },
    );
    expect(appenderBound).toBe(4_000);
    expect(table.map((t) => [t.cores, Math.round(t.cpuBound), Math.round(t.msgPerSecond)])).toEqual([
      [2, 1_000, 1_000],
      [4, 2_000, 2_000],
      [8, 4_000, 4_000],
      [16, 8_000, 4_000],
      [32, 16_000, 4_000],
    ]);
    // A server not measured adds nothing (and says so in the table's note); no commit: no bound.
    expect(
      scaleOut({ meanBatch: 0, commitMs: 0 }, { cpuMsPerMessage: { gateways: 1, nats: null, postgres: null } }),
    ).toMatchObject({
      appenderBound: Number.POSITIVE_INFINITY,
      table: expect.arrayContaining([{ cores: 2, cpuBound: 2_000, msgPerSecond: 2_000 }]) as unknown,
    });
  });

  it("counts PostgreSQL's processes by their own CPU: a new one from 0, an ended one not at all", () => {
    const from = new Map([
      [10, 5],
      [11, 2],
      [12, 7],
    ]);
    const to = new Map([
      [10, 6.5],
      [11, 2],
      [13, 0.25],
    ]);
    // 1.5 (10) + 0 (11) + 0.25 (13, started since); 12 ended: its share is lost, never negative.
    expect(postgresCpuBetween(from, to)).toBe(1.75);
  });
});

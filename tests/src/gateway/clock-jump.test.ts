// The gateway's own clock stepping back: a gateway restarted 5 minutes behind (libfaketime, a
// real child process) after running normally keeps signing checkpoints dated after the last one,
// says so once in its log, raises the gateway-clock-behind alarm, and its archive still verifies.
// On both archive engines.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AlarmKind, currentAlarms, openArchiveDb } from '@atc/gateway';
import {
  ARCHIVE_BACKENDS,
  connectMemberWire,
  fakeTimeEnv,
  gatewayEnv,
  makeMessage,
  prepareGatewayDataDir,
  runGatewayCli,
  spawnGatewayProcess,
  startNatsServer,
  waitFor,
} from '@atc/tests';

const behind = fakeTimeEnv('-5m');
const BATCH = 10;

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe.skipIf('missing' in behind).each(ARCHIVE_BACKENDS)(
  `a gateway whose clock steps back, on $name${'missing' in behind ? ` (${behind.missing})` : ''}`,
  (backend) => {
    it('dates every checkpoint after the last one, logs it once and raises the alarm; the archive verifies', async () => {
      if ('missing' in behind) return;
      const nats = await startNatsServer();
      cleanup.push(() => nats.stop());
      const at = await backend.create();
      cleanup.push(() => at.dispose());
      const dir = await mkdtemp(join(tmpdir(), 'atc-clock-jump-'));
      cleanup.push(() => rm(dir, { recursive: true, force: true }));
      await prepareGatewayDataDir(dir, at.location);
      // Members' records are dated by the right clock, 5 minutes ahead of the gateway's after the step.
      const env = gatewayEnv(nats, dir, { ...at.env, ATC_CLOCK_SKEW: '1h', ATC_LOG_LEVEL: 'info' });
      const wire = await connectMemberWire(nats);
      cleanup.push(() => wire.close());
      const db = await openArchiveDb(at.location);
      cleanup.push(() => db.close());
      const archived = async (): Promise<number> =>
        Number((await db.get<{ n: number | string }>('SELECT count(*) AS n FROM messages'))?.n ?? 0);
      const checkpoints = async (): Promise<{ size: number; at: number }[]> =>
        (
          await db.all<{ tree_size: number | string; created_at: number | string }>(
            'SELECT tree_size, created_at FROM checkpoints ORDER BY tree_size',
          )
        ).map((r) => ({ size: Number(r.tree_size), at: Number(r.created_at) }));
      const send = async (from: number): Promise<void> => {
        for (let i = from; i < from + BATCH; i++) {
          const m = makeMessage({ from: 'KZ', to: ['BY'], sequence: i + 1 });
          await wire.submit('KZ', m.bytes, m.messageId);
        }
      };

      const first = await spawnGatewayProcess(env, dir);
      await send(0);
      await waitFor(async () => (await archived()) === BATCH, {
        timeoutMs: 30_000,
        message: 'the first batch archived',
      });
      expect(await first.kill('SIGTERM')).toBe(0);
      const before = await checkpoints();
      const last = before.at(-1)!;
      expect(last.at).toBeLessThanOrEqual(Date.now());

      const logDir = join(dir, 'behind');
      await mkdir(logDir);
      const stepped = await spawnGatewayProcess({ ...env, ...behind.env }, logDir);
      cleanup.push(() => stepped.kill('SIGKILL'));
      await send(BATCH);
      await waitFor(async () => (await archived()) === 2 * BATCH, {
        timeoutMs: 30_000,
        message: 'the second batch archived',
      });

      const after = (await checkpoints()).filter((c) => c.size > last.size);
      expect(after.length).toBeGreaterThan(0);
      // In tree order, each checkpoint is dated after the one before, however far the clock went back.
      const times = [last, ...after].map((c) => c.at);
      for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1]!);
      expect(after[0]!.at).toBe(last.at + 1);

      const log = (await readFile(stepped.logFile, 'utf8'))
        .split('\n')
        .filter((l) => l.includes("the gateway's clock reads earlier than the newest checkpoint"));
      expect(log).toHaveLength(1);
      expect(JSON.parse(log[0]!)).toMatchObject({ level: 50, behindMs: expect.any(Number) as unknown });
      expect((JSON.parse(log[0]!) as { behindMs: number }).behindMs).toBeGreaterThan(250_000);

      // What the stepped-back gateway's alarms say, computed as of its clock.
      const alarms = await currentAlarms(db, {
        members: [],
        now: Date.now() - 5 * 60_000,
        thresholds: {
          memberSilentMs: 86_400_000,
          witnessStaleMs: 600_000,
          anomalyWindowMs: 86_400_000,
          purgeOverdueMs: undefined,
        },
      });
      expect(alarms.map((a) => a.kind)).toEqual([AlarmKind.GATEWAY_CLOCK_BEHIND]);
      expect(alarms[0]!.detail).toMatch(/clock went back.*NTP/);
      // Once the clock has passed the newest checkpoint again, the alarm is gone.
      const caughtUp = await currentAlarms(db, {
        members: [],
        now: times.at(-1)! + 1,
        thresholds: { memberSilentMs: 1, witnessStaleMs: 1, anomalyWindowMs: 1, purgeOverdueMs: undefined },
      });
      expect(caughtUp).toEqual([]);

      expect(await stepped.kill('SIGTERM')).toBe(0);
      const verify = await runGatewayCli(env, ['archive', 'verify']);
      expect(verify.code, verify.stderr).toBe(0);
    }, 120_000);
  },
);

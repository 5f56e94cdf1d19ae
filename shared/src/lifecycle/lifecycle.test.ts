import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../errors/atc-error.js';
import { createLogger } from '../logging/create-logger.js';
import { Lifecycle, Periodic, startService, type Component } from './lifecycle.js';

const logger = createLogger({ name: 'lifecycle-test', level: 'silent' });

/** A component that writes what happens to it in `events`. */
function part(name: string, events: string[], failStart = false): Component {
  return {
    start() {
      events.push(`start ${name}`);
      if (failStart) throw new Error(`${name} cannot start`);
    },
    stop() {
      events.push(`stop ${name}`);
    },
  };
}

describe('Lifecycle', () => {
  it('stops components and closes resources in the reverse of their start order, once', async () => {
    const events: string[] = [];
    const lc = new Lifecycle(logger);
    await lc.open(
      'db',
      () => 'handle',
      (h) => void events.push(`close db ${h}`),
    );
    await lc.start('loop', part('loop', events));
    lc.defer('timer', () => void events.push('clear timer'));
    expect(lc.parts).toEqual(['db', 'loop', 'timer']);
    await Promise.all([lc.stop(), lc.stop()]);
    await lc.stop();
    expect(events).toEqual(['start loop', 'clear timer', 'stop loop', 'close db handle']);
    expect(lc.parts).toEqual([]);
  });

  it('goes on past a failing stop and reports every failure', async () => {
    const events: string[] = [];
    const lc = new Lifecycle(logger);
    lc.defer('a', () => void events.push('a'));
    lc.defer('b', () => {
      throw new Error('b is stuck');
    });
    lc.defer('c', () => {
      throw new Error('c is stuck');
    });
    const failure = await lc.stop().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AggregateError);
    expect((failure as AggregateError).errors.map((e: Error) => e.message)).toEqual(['c is stuck', 'b is stuck']);
    expect(events).toEqual(['a']);
  });

  it('refuses to start anything once stopping', async () => {
    const lc = new Lifecycle(logger);
    await lc.stop();
    await expect(lc.start('late', part('late', []))).rejects.toThrow(/stopping/);
  });
});

describe('startService', () => {
  it('undoes a start that fails half way, the failing component included, and passes the error on', async () => {
    const events: string[] = [];
    const failure = await startService(async (lc) => {
      await lc.open(
        'nats',
        () => 'nc',
        () => void events.push('close nats'),
      );
      await lc.start('pipeline', part('pipeline', events));
      await lc.start('http', part('http', events, true));
      events.push('never reached');
    }, logger).catch((e: unknown) => e);
    expect((failure as Error).message).toBe('http cannot start');
    expect(events).toEqual(['start pipeline', 'start http', 'stop http', 'stop pipeline', 'close nats']);
  });

  it('hands back the service and its lifecycle when the start succeeds', async () => {
    const events: string[] = [];
    const { service, lifecycle } = await startService(async (lc) => {
      await lc.start('a', part('a', events));
      return 42;
    });
    expect(service).toBe(42);
    await lifecycle.stop();
    expect(events).toEqual(['start a', 'stop a']);
  });
});

describe('Periodic', () => {
  it('runs at start and on demand, one run at a time, and waits for the run in flight at stop', async () => {
    let active = 0;
    let most = 0;
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const firstRunStarted = new Promise<void>((r) => (started = r));
    const p = new Periodic({
      name: 'test task',
      everyMs: 60_000,
      logger,
      runAtStart: true,
      task: async () => {
        active++;
        most = Math.max(most, active);
        runs++;
        started();
        if (runs === 1) await gate;
        active--;
      },
    });
    p.start();
    p.start();
    await firstRunStarted;
    const second = p.runNow();
    const stopped = p.stop();
    let stopDone = false;
    void stopped.then(() => (stopDone = true));
    await Promise.resolve();
    expect(stopDone).toBe(false);
    release();
    await Promise.all([second, stopped]);
    // The run queued before the stop is skipped: a stopped task does no more work.
    expect(runs).toBe(1);
    expect(most).toBe(1);
    await p.runNow();
    expect(runs).toBe(1);
  });

  it('logs a failing run and runs again next time', async () => {
    let runs = 0;
    const p = new Periodic({
      name: 'flaky task',
      everyMs: 60_000,
      logger,
      task: () => {
        runs++;
        return runs === 1 ? Promise.reject(new Error('no')) : Promise.resolve();
      },
    });
    await p.runNow();
    await p.runNow();
    expect(runs).toBe(2);
    await p.stop();
  });

  it('says once, as a warning, that it waits for its storage, and when it runs again', async () => {
    const lines: { level: number; msg: string; code?: string }[] = [];
    const recording = createLogger({
      name: 'lifecycle-test',
      level: 'info',
      destination: { write: (line: string) => void lines.push(JSON.parse(line) as (typeof lines)[number]) },
    });
    const outcomes = ['down', 'down', 'down', 'ok', 'boom'];
    const p = new Periodic({
      name: 'registry poll',
      everyMs: 60_000,
      logger: recording,
      task: () => {
        const outcome = outcomes.shift();
        if (outcome === 'down') {
          return Promise.reject(
            Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
          );
        }
        return outcome === 'boom' ? Promise.reject(new Error('a bug')) : Promise.resolve();
      },
    });
    for (let i = 0; i < 5; i++) await p.runNow();
    await p.stop();
    expect(lines.map((l) => [l.level, l.msg, l.code])).toEqual([
      [40, 'registry poll waits for its storage; it runs again later', ErrorCode.STORAGE_UNAVAILABLE],
      [30, 'registry poll runs again', undefined],
      [50, 'registry poll failed; it runs again later', undefined],
    ]);
  });
});

import type { BaselineInput, BaselineReport } from './baseline-consumer.js';
import { BenchError, BenchErrorCode } from './bench-error.js';
import type { BenchContext } from './bench-context.js';
import { forkHelper } from './bench-service.js';
import { BASELINE_CONSUMER, BASELINE_STREAM } from './gateway-phase.js';
import { steadyRate, type SteadyRate } from './steady-rate.js';

/** How the baseline was measured, said in the output. */
export const BASELINE_METHOD =
  'backlog drain of the same envelopes on the same nats-server: a hand-written JetStream pull consumer (consume, batches of 1,000) that decodes, verifies the Ed25519 signature with node:crypto on its main thread, and acks';

/** What the baseline phase measured. */
export interface BaselinePhaseResult {
  readonly method: string;
  readonly messages: number;
  /** False when the drain limit ended the measurement before the backlog was empty. */
  readonly drainedAll: boolean;
  readonly rate: SteadyRate;
  readonly invalid: number;
  readonly peakRssMb: number;
  readonly cpuMsPerMessage: number;
}

/** Drains the baseline's stream (filled by the gateway phase) with the hand-written consumer. */
export async function runBaselinePhase(ctx: BenchContext): Promise<BaselinePhaseResult> {
  const queued = (await ctx.jsm.streams.info(BASELINE_STREAM).catch(() => undefined))?.state.messages ?? 0;
  if (queued === 0) {
    throw new BenchError(
      BenchErrorCode.Usage,
      'the baseline drains the copy of the envelopes the gateway phase publishes: run it together with the gateway phase (--phases=gateway,baseline)',
    );
  }
  ctx.progress(`baseline: draining ${queued.toLocaleString('en-US')} envelopes with the hand-written consumer`);
  const consumer = forkHelper<BaselineReport>(
    'baseline-consumer.ts',
    {
      natsUrl: ctx.natsUrl,
      stream: BASELINE_STREAM,
      consumer: BASELINE_CONSUMER,
      keys: [...ctx.federation.memberKeys.values()].map((k) => ({ kid: k.kid, publicJwk: { ...k.publicJwk } })),
      expected: queued,
      limitMs: ctx.plan.drainLimitSeconds * 1000,
    } satisfies BaselineInput,
    ctx.logDir,
    'baseline',
  );
  const reports: BaselineReport[] = [];
  let lastLine = performance.now();
  consumer.onMessage((m) => {
    reports.push(m);
    if (performance.now() - lastLine >= 2_000) {
      lastLine = performance.now();
      ctx.progress(`baseline: ${m.done.toLocaleString('en-US')}/${queued.toLocaleString('en-US')}`);
    }
  });
  await consumer.done;
  const first = reports[0];
  const last = reports[reports.length - 1];
  if (first === undefined || last?.kind !== 'done') {
    throw new BenchError(
      BenchErrorCode.ServiceFailed,
      `the baseline consumer ended without its report; see ${ctx.logDir}`,
    );
  }
  if (last.invalid > 0) {
    throw new BenchError(
      BenchErrorCode.Refused,
      `the baseline found ${last.invalid} envelopes invalid; see ${ctx.logDir}`,
    );
  }
  const drained = last.done - first.done;
  const drainedAll = last.done >= queued;
  // Nothing reads this stream again: give its disk space back.
  await ctx.jsm.streams.delete(BASELINE_STREAM);
  return {
    method: BASELINE_METHOD,
    messages: queued,
    drainedAll,
    rate: drainedAll ? steadyRate(reports, queued) : steadyRate(reports, last.done, { endFraction: 1 }),
    invalid: last.invalid,
    peakRssMb: last.maxRssKb / 1024,
    cpuMsPerMessage: drained > 0 ? (last.cpuUs - first.cpuUs) / 1000 / drained : Number.NaN,
  };
}

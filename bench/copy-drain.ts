import { BenchError, BenchErrorCode } from './bench-error.js';
import type { BenchContext } from './bench-context.js';
import { forkHelper } from './bench-service.js';
import { readProcStats, type ProcStats } from './proc-stats.js';
import type { CopyStream } from './gateway-phase.js';
import { steadyRate, type SteadyRate } from './steady-rate.js';

/** What every hand-written consumer is given (with what its own work needs). */
export interface DrainInput {
  readonly natsUrl: string;
  readonly stream: string;
  readonly consumer: string;
  /** Stop after this many messages. */
  readonly expected: number;
  /** Or after this long, whichever comes first. */
  readonly limitMs: number;
}

/** What a hand-written consumer reports: progress every 250 ms, then a final count. */
export interface DrainReport {
  readonly kind: 'progress' | 'done';
  readonly atMs: number;
  readonly done: number;
  readonly invalid: number;
  /** Its own CPU time (user + system), microseconds. */
  readonly cpuUs: number;
  /** Its peak RSS, KiB. */
  readonly maxRssKb: number;
}

/** What draining a copy stream with a hand-written consumer measured. */
export interface DrainFigures {
  readonly messages: number;
  /** False when the drain limit ended the measurement before the backlog was empty. */
  readonly drainedAll: boolean;
  readonly rate: SteadyRate;
  readonly peakRssMb: number;
  /** The consumer's CPU time per message (all its threads), ms. */
  readonly cpuMsPerMessage: number;
  /**
   * nats-server's CPU time per message over the same drain, ms (from the consumer's first
   * report to its last); null when the server is not a child of the benchmark.
   */
  readonly natsCpuMsPerMessage: number | null;
}

/** {@link DrainFigures} with the consumer's last report. */
export interface CopyDrain<R extends DrainReport> extends DrainFigures {
  readonly last: R;
}

/**
 * Drains `copy` (filled by the gateway phase) with the consumer `script`, a helper process
 * given `input` plus the stream, its consumer, the count queued and the drain limit; then
 * deletes the stream. Refuses a run in which the consumer found an envelope invalid.
 */
export async function drainCopy<R extends DrainReport>(
  ctx: BenchContext,
  options: { readonly phase: string; readonly script: string; readonly copy: CopyStream; readonly input: object },
): Promise<CopyDrain<R>> {
  const { phase, copy } = options;
  const queued = (await ctx.jsm.streams.info(copy.stream).catch(() => undefined))?.state.messages ?? 0;
  if (queued === 0) {
    throw new BenchError(
      BenchErrorCode.Usage,
      `the ${phase} drains the copy of the envelopes the gateway phase publishes: run it together with the gateway phase (--phases=gateway,${phase})`,
    );
  }
  ctx.progress(`${phase}: draining ${queued.toLocaleString('en-US')} envelopes with the hand-written consumer`);
  const consumer = forkHelper<R>(
    options.script,
    {
      ...options.input,
      natsUrl: ctx.natsUrl,
      stream: copy.stream,
      consumer: copy.consumer,
      expected: queued,
      limitMs: ctx.plan.drainLimitSeconds * 1000,
    } satisfies DrainInput,
    ctx.logDir,
    phase,
  );
  const reports: R[] = [];
  let lastLine = performance.now();
  // The server's CPU time read beside the consumer's first and last report.
  const natsAt: Promise<ProcStats | undefined>[] = [];
  const readNats = (): Promise<ProcStats | undefined> =>
    ctx.natsPid === undefined ? Promise.resolve(undefined) : readProcStats(ctx.natsPid);
  consumer.onMessage((m) => {
    reports.push(m);
    if (reports.length === 1 || m.kind === 'done') natsAt.push(readNats());
    if (performance.now() - lastLine >= 2_000) {
      lastLine = performance.now();
      ctx.progress(`${phase}: ${m.done.toLocaleString('en-US')}/${queued.toLocaleString('en-US')}`);
    }
  });
  await consumer.done;
  const first = reports[0];
  const last = reports[reports.length - 1];
  if (first === undefined || last?.kind !== 'done') {
    throw new BenchError(
      BenchErrorCode.ServiceFailed,
      `the ${phase} consumer ended without its report; see ${ctx.logDir}`,
    );
  }
  if (last.invalid > 0) {
    throw new BenchError(
      BenchErrorCode.Refused,
      `the ${phase} found ${last.invalid} envelopes invalid; see ${ctx.logDir}`,
    );
  }
  const drained = last.done - first.done;
  const drainedAll = last.done >= queued;
  const [natsFirst, natsLast] = await Promise.all(natsAt);
  const natsCpuMsPerMessage =
    natsFirst === undefined || natsLast === undefined || drained <= 0
      ? null
      : ((natsLast.cpuSeconds - natsFirst.cpuSeconds) * 1000) / drained;
  // Nothing reads this stream again: give its disk space back.
  await ctx.jsm.streams.delete(copy.stream);
  return {
    messages: queued,
    drainedAll,
    rate: drainedAll ? steadyRate(reports, queued) : steadyRate(reports, last.done, { endFraction: 1 }),
    peakRssMb: last.maxRssKb / 1024,
    cpuMsPerMessage: drained > 0 ? (last.cpuUs - first.cpuUs) / 1000 / drained : Number.NaN,
    natsCpuMsPerMessage,
    last,
  };
}

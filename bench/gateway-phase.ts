import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AckPolicy, DeliverPolicy, DiscardPolicy, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { Streams } from '@atc/shared';
import { openDatabase, type Db } from '@atc/gateway';
import { BenchError, BenchErrorCode } from './bench-error.js';
import type { BenchContext } from './bench-context.js';
import { gatewayEnvironment } from './bench-federation.js';
import { cpuProfFlags, startService } from './bench-service.js';
import { peakRssByQuarter, ProcSampler, type ProcStats, type RssReading } from './proc-stats.js';
import { fetchMetricsText, gatewayStageMeansMs, sumMetric } from './prometheus-text.js';
import type { ReturnedEnvelope } from './publisher-process.js';
import { runPublishers } from './run-publishers.js';
import { steadyRate, type ProgressSample, type SteadyRate } from './steady-rate.js';

/**
 * A stream holding a copy of every envelope the gateway drains, on the same server, with its
 * durable pull consumer: what the baseline and the floor drain with their hand-written consumers.
 */
export interface CopyStream {
  readonly stream: string;
  /** Its subjects: `<prefix>.<MEMBER>`. */
  readonly subjectPrefix: string;
  readonly consumer: string;
}

/** The baseline's copy of the envelopes. */
export const BASELINE_COPY: CopyStream = {
  stream: 'BENCH_BASELINE',
  subjectPrefix: 'bench.baseline',
  consumer: 'baseline',
};

/** The floor's copy of the envelopes. */
export const FLOOR_COPY: CopyStream = { stream: 'BENCH_FLOOR', subjectPrefix: 'bench.floor', consumer: 'floor' };

/** How the gateway was measured, said in the output. */
export const GATEWAY_METHOD =
  'backlog drain: envelopes are signed and published into ATC_SUBMIT first, then the gateway is started and drains the backlog, so publishers do not share the CPU with it';

/** What the gateway throughput phase measured. */
export interface GatewayPhaseResult {
  readonly method: string;
  /** Envelopes queued in ATC_SUBMIT before the gateway started. */
  readonly messages: number;
  /** Envelopes archived while measured; less than `messages` when the drain limit was reached. */
  readonly archived: number;
  /** False when the drain limit ended the measurement before the backlog was empty. */
  readonly drainedAll: boolean;
  readonly drainLimitSeconds: number;
  readonly meanEnvelopeBytes: number;
  readonly fillSeconds: number;
  /** Accepted-and-archived per second, warm-up and tail excluded. */
  readonly rate: SteadyRate;
  readonly drainSeconds: number;
  /** The gateway's own counters at the end (atc_gateway_accepted_total, refused). */
  readonly accepted: number;
  readonly refused: number;
  /** Peak resident memory of the gateway process (VmHWM), MiB. */
  readonly peakRssMb: number;
  /**
   * The highest RSS read (every 250 ms) in each quarter of the drain, by messages archived,
   * MiB; null for a quarter no reading fell in: flat when the memory does not grow with the drain.
   */
  readonly peakRssByQuarterMb: readonly (number | null)[];
  /** Gateway CPU (user + system, all threads) per archived message, ms. */
  readonly cpuMsPerMessage: number;
  /** Average cores the gateway kept busy while draining. */
  readonly cpuCores: number;
  /** Mean time per batch in each pipeline stage (atc_gateway_stage_seconds) over the drain, ms. */
  readonly stagesMs: Readonly<Record<string, number>>;
  /** The V8 CPU profile written, when asked for. */
  readonly profile: string | undefined;
}

/** Messages archived so far: the archive's AUTOINCREMENT counter (cheap, read-only, no gateway work). */
function archivedCount(db: Db): number {
  const row = db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'messages'").get();
  return row?.seq ?? 0;
}

/** Creates a copy stream and its consumer with the same storage settings as ATC_SUBMIT. */
async function provisionCopyStream(ctx: BenchContext, copy: CopyStream): Promise<void> {
  const submit = await ctx.jsm.streams.info(Streams.submit);
  await ctx.jsm.streams.add({
    name: copy.stream,
    subjects: [`${copy.subjectPrefix}.>`],
    retention: RetentionPolicy.Workqueue,
    storage: StorageType.File,
    num_replicas: submit.config.num_replicas,
    duplicate_window: submit.config.duplicate_window,
    max_msg_size: submit.config.max_msg_size,
    discard: DiscardPolicy.New,
  });
  await ctx.jsm.consumers.add(copy.stream, {
    durable_name: copy.consumer,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(15_000),
    max_ack_pending: 20_000,
  });
}

/**
 * Gateway throughput: lets the gateway provision its streams, fills ATC_SUBMIT (and the
 * `copies`, for the baseline and the floor) with realistic signed envelopes, then starts the gateway as a child
 * process and measures accepted-and-archived messages per second while it drains them,
 * with its peak RSS and CPU.
 */
export async function runGatewayPhase(
  ctx: BenchContext,
  options: {
    /** Streams that get a copy of every envelope. */
    readonly copies: readonly CopyStream[];
    /** Envelopes per member to sign beyond the backlog and hand back unpublished (for the latency phase). */
    readonly presignPerMember: number;
  },
): Promise<GatewayPhaseResult & { readonly presigned: readonly ReturnedEnvelope[] }> {
  const env = gatewayEnvironment(ctx.childEnv, ctx.natsUrl, ctx.gatewayDir);
  ctx.progress('gateway: provisioning streams (first gateway start)');
  const provisioner = await startService({ kind: 'gateway', env, logDir: ctx.logDir, logName: 'gateway-provision' });
  await provisioner.stop();
  for (const copy of options.copies) await provisionCopyStream(ctx, copy);

  const perMember = Math.ceil(ctx.plan.messages / ctx.federation.memberKeys.size);
  const fill = await runPublishers(ctx, {
    perMember,
    mode: 'publish',
    extraPerMember: options.presignPerMember,
    label: 'gateway: filling ATC_SUBMIT',
    copySubjectPrefixes: options.copies.map((c) => c.subjectPrefix),
  });
  const queued = (await ctx.jsm.streams.info(Streams.submit)).state.messages;
  if (queued < fill.envelopes) {
    throw new BenchError(
      BenchErrorCode.Stalled,
      `ATC_SUBMIT holds ${queued} of the ${fill.envelopes} envelopes published; is the disk full? See ${ctx.logDir}`,
    );
  }
  ctx.progress(
    `gateway: ${fill.envelopes.toLocaleString('en-US')} envelopes queued in ${fill.seconds.toFixed(1)} s; starting the gateway to drain them`,
  );

  const db = openDatabase(join(ctx.gatewayDir, 'archive.db'), { readonly: true });
  try {
    const before = archivedCount(db);
    const nodeFlags = cpuProfFlags(ctx.cpuProfDir);
    const gateway = await startService({ kind: 'gateway', env, logDir: ctx.logDir, nodeFlags });
    const profilesBefore = ctx.cpuProfDir === undefined ? [] : await listProfiles(ctx.cpuProfDir);
    const sampler = new ProcSampler(gateway.pid);
    const samples: ProgressSample[] = [];
    let counters: { readonly accepted: number; readonly refused: number };
    let stagesMs: Record<string, number>;
    let first: ProcStats | undefined;
    let last: ProcStats | undefined;
    let maxRssBytes: number;
    let readings: readonly RssReading[];
    let drainedAll: boolean;
    try {
      first = await sampler.sample();
      samples.push({ atMs: performance.now(), done: archivedCount(db) - before });
      sampler.start();
      drainedAll = await pollUntilDrained(ctx, () => archivedCount(db) - before, fill.envelopes, samples);
      ({ maxRssBytes, last, readings } = await sampler.stop());
      // One scrape for the counters and the stages.
      const metrics = await fetchMetricsText(gateway.url);
      counters = {
        accepted: sumMetric(metrics, 'atc_gateway_accepted_total'),
        refused: sumMetric(metrics, 'atc_gateway_refused_total'),
      };
      stagesMs = gatewayStageMeansMs(metrics);
    } finally {
      // A clean stop: the CPU profile is written when the process exits normally.
      await gateway.stop();
    }
    const profile = ctx.cpuProfDir === undefined ? undefined : await mainThreadProfile(ctx.cpuProfDir, profilesBefore);

    const { accepted, refused } = counters;
    if (refused > 0) {
      throw new BenchError(
        BenchErrorCode.Refused,
        `the gateway refused ${refused} benchmark envelopes; the numbers would be meaningless. See the quarantine in ${ctx.gatewayDir}/archive.db and ${gateway.logFile}`,
      );
    }
    const firstSample = samples[0]!;
    const lastSample = samples[samples.length - 1]!;
    if (!drainedAll) {
      // The rest of the backlog would meet the next phase's gateway: discard it.
      await ctx.jsm.streams.purge(Streams.submit);
      ctx.progress(
        `gateway: drain limit of ${ctx.plan.drainLimitSeconds} s reached with ${lastSample.done.toLocaleString('en-US')} of ${fill.envelopes.toLocaleString('en-US')} archived; measured over that time, the rest discarded`,
      );
    }
    // A drain cut short has no tail to leave out: the window runs to the last sample.
    const rate = drainedAll
      ? steadyRate(samples, fill.envelopes)
      : steadyRate(samples, lastSample.done, { endFraction: 1 });
    const drained = lastSample.done - firstSample.done;
    const cpu = (last?.cpuSeconds ?? 0) - (first?.cpuSeconds ?? 0);
    const wall = (lastSample.atMs - firstSample.atMs) / 1000;
    return {
      method: GATEWAY_METHOD,
      messages: fill.envelopes,
      archived: lastSample.done,
      drainedAll,
      drainLimitSeconds: ctx.plan.drainLimitSeconds,
      meanEnvelopeBytes: fill.bytes / fill.envelopes,
      fillSeconds: fill.seconds,
      rate,
      drainSeconds: wall,
      accepted,
      refused,
      peakRssMb: Math.max(last?.peakRssBytes ?? 0, maxRssBytes) / 2 ** 20,
      peakRssByQuarterMb: peakRssByQuarter(samples, readings, lastSample.done).map((b) =>
        b === null ? null : b / 2 ** 20,
      ),
      cpuMsPerMessage: drained > 0 ? (cpu * 1000) / drained : Number.NaN,
      cpuCores: wall > 0 ? cpu / wall : Number.NaN,
      stagesMs,
      profile: profile === undefined ? undefined : join(ctx.cpuProfDir!, profile),
      presigned: fill.returned,
    };
  } finally {
    db.close();
  }
}

/**
 * Samples `archived` (messages archived since the drain began) every 250 ms until `total` are
 * (true) or the plan's drain limit is reached (false); progress lines start with `label`.
 */
export async function pollUntilDrained(
  ctx: BenchContext,
  archived: () => number | Promise<number>,
  total: number,
  samples: ProgressSample[],
  label = 'gateway',
): Promise<boolean> {
  const STALL_MS = 60_000;
  const limitAt = performance.now() + ctx.plan.drainLimitSeconds * 1000;
  let lastProgressAt = performance.now();
  let lastLine = performance.now();
  let lastLineDone = 0;
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    const now = performance.now();
    const done = await archived();
    if (done > samples[samples.length - 1]!.done) lastProgressAt = now;
    samples.push({ atMs: now, done });
    if (done >= total) return true;
    if (now >= limitAt) return false;
    if (now - lastProgressAt > STALL_MS) {
      throw new BenchError(
        BenchErrorCode.Stalled,
        `${label}: nothing archived for ${STALL_MS / 1000} s (${done} of ${total}); see the gateway logs in ${ctx.logDir}`,
      );
    }
    if (now - lastLine >= 2_000) {
      const rate = ((done - lastLineDone) * 1000) / (now - lastLine);
      ctx.progress(
        `${label}: archived ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} (${Math.round(rate).toLocaleString('en-US')}/s)`,
      );
      lastLine = now;
      lastLineDone = done;
    }
  }
}

/**
 * The profile the gateway's main thread wrote: node writes one file per thread (the tsx
 * loader runs in a worker), and the main thread's is by far the largest.
 */
async function mainThreadProfile(dir: string, before: readonly string[]): Promise<string | undefined> {
  const fresh = (await listProfiles(dir)).filter((f) => !before.includes(f));
  const sized = await Promise.all(fresh.map(async (f) => ({ f, size: (await stat(join(dir, f))).size })));
  return sized.sort((x, y) => y.size - x.size)[0]?.f;
}

async function listProfiles(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [])).filter((f) => f.endsWith('.cpuprofile'));
}

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Streams } from '@atc/shared';
import { openArchiveDb, type SqlDb } from '@atc/gateway';
import { startNatsCluster } from '@atc/tests';
import { BenchError, BenchErrorCode } from './bench-error.js';
import type { BenchContext } from './bench-context.js';
import { gatewayEnvironment, prepareGatewayDir } from './bench-federation.js';
import { startService, type BenchService } from './bench-service.js';
import { benchPostgres } from './databank-phase.js';
import { pollUntilDrained } from './gateway-phase.js';
import { readProcStats, statCpuSeconds, statField, type ProcStats } from './proc-stats.js';
import { fetchMetricsText, histogramByLabel, sumMetric } from './prometheus-text.js';
import { runPublishers } from './run-publishers.js';
import { steadyRate, type ProgressSample, type SteadyRate } from './steady-rate.js';

/** How the replicas were measured, said in the output. */
export const REPLICAS_METHOD =
  "backlog drain on PostgreSQL (the machine's local server, a throwaway database per run): envelopes signed and published into ATC_SUBMIT first, then 1 and then 2 gateway replicas started on it drain the backlog through the whole pipeline, and 2 again with a 3-node NATS cluster holding every stream on all three nodes (all on this machine); CPU from /proc: of the replicas over the drain (their data bank thread apart), of the nats-servers over the fill and the drain, of every PostgreSQL process over the drain; the cores table divides cores by the 3-node run's CPU per message, capped by the single appender's bound";

/** Cores the scale-out table is drawn for. */
export const TABLE_CORES = [2, 4, 8, 16, 32] as const;

/** CPU per archived message, ms. */
export interface CpuPerMessage {
  /**
   * Every replica of the run together, but for the data bank's thread: it projects the
   * records at its own pace behind the log (see {@link ReplicaRun.bankThreadCores}).
   */
  readonly gateways: number;
  /** The nats-servers together, over the fill (taking each submission) and the drain. */
  readonly nats: number | null;
  /**
   * Every `postgres` process of the machine (its server is otherwise idle during the run):
   * the pipeline's statements, and the data bank's for what it applied meanwhile.
   */
  readonly postgres: number | null;
}

/** One drain with `replicas` gateways on one PostgreSQL archive. */
export interface ReplicaRun {
  readonly replicas: number;
  /** nats-servers: 1, or 3 with every stream on all three (ATC_STREAM_REPLICAS=3). */
  readonly natsNodes: number;
  readonly messages: number;
  readonly archived: number;
  readonly drainedAll: boolean;
  /** Archived per second, warm-up and tail left out. */
  readonly rate: SteadyRate;
  readonly drainSeconds: number;
  readonly cpuMsPerMessage: CpuPerMessage;
  /** Cores the data bank's thread kept busy over the drain (on the leading replica; nice 5). */
  readonly bankThreadCores: number;
  /** Numbers the identity column skipped in the drain (rolled-back inserts): the rate counts by it, the CPU by rows. */
  readonly skippedNumbers: number;
  /** Messages each replica accepted (atc_gateway_accepted_total): how the work was shared. */
  readonly acceptedByReplica: readonly number[];
  /** Mean submissions per committed batch, over every replica. */
  readonly meanBatch: number;
  /**
   * Mean time a batch spent in the commit stage (atc_gateway_stage_seconds{stage="commit"}),
   * ms: the transaction that holds the archive's write lock (and, with two replicas, the wait
   * for it).
   */
  readonly commitMs: number;
}

/** What a given number of cores would carry, from the measured costs. */
export interface ScaleOutRow {
  readonly cores: number;
  /** Cores / (the CPU of a message in the gateways, nats-server and PostgreSQL). */
  readonly cpuBound: number;
  /** The smaller of that and the single appender's bound. */
  readonly msgPerSecond: number;
}

export type ReplicasPhaseResult =
  | {
      readonly available: true;
      readonly method: string;
      readonly runs: readonly ReplicaRun[];
      /**
       * The most the archive's single appender can commit: one batch at a time under its write
       * lock, so (mean batch) / (commit time of the one-replica run), messages per second, at
       * the batch sizes measured.
       */
      readonly appenderBound: number;
      /** From the CPU per message of the run with a 3-node NATS cluster. */
      readonly table: readonly ScaleOutRow[];
    }
  | { readonly available: false; readonly reason: string };

/**
 * Scale-out: the same drain as the gateway phase, on PostgreSQL, with one and then two gateway
 * replicas, the CPU of every process involved per message, and from those what more cores
 * would carry (and where the archive's single appender stops it).
 */
export async function runReplicasPhase(ctx: BenchContext): Promise<ReplicasPhaseResult> {
  const single: NatsTarget = {
    nodes: 1,
    publishUrl: ctx.natsUrl,
    gatewayUrl: ctx.natsUrl,
    pids: () => [ctx.natsPid],
    jsm: ctx.jsm,
  };
  const runs: ReplicaRun[] = [];
  for (const replicas of [1, 2]) {
    const run = await withPostgres((url) => drainWith(ctx, replicas, url, single));
    if ('reason' in run) return { available: false, reason: run.reason };
    runs.push(run);
  }
  // As deployed: a 3-node NATS cluster with every stream on all three nodes (here on this
  // machine's cores with everything else, so its rate says little; its costs say what it takes).
  ctx.progress('replicas: starting a 3-node NATS cluster');
  const cluster = await startNatsCluster({ nodes: 3 });
  try {
    const nc = await connect({ servers: [...cluster.urls], name: 'atc-bench-cluster' });
    try {
      const target: NatsTarget = {
        nodes: 3,
        publishUrl: cluster.urls[0]!,
        gatewayUrl: cluster.urls.join(','),
        pids: () => cluster.nodes.map((n) => n.pid),
        jsm: await jetstreamManager(nc),
      };
      const run = await withPostgres((url) => drainWith(ctx, 2, url, target));
      if ('reason' in run) return { available: false, reason: run.reason };
      runs.push(run);
    } finally {
      await nc.close();
    }
  } finally {
    await cluster.stop();
  }
  return { available: true, method: REPLICAS_METHOD, runs, ...scaleOut(runs[0]!, runs[runs.length - 1]!) };
}

/**
 * What more cores would carry: cores over the CPU a message costs in `deployed` (its replicas,
 * nats-servers and PostgreSQL together), but never more than the single appender commits, at
 * the batches of `alone` (one replica: its commit time is the write lock held, nothing waited).
 */
export function scaleOut(
  alone: Pick<ReplicaRun, 'meanBatch' | 'commitMs'>,
  deployed: Pick<ReplicaRun, 'cpuMsPerMessage'>,
): { readonly appenderBound: number; readonly table: readonly ScaleOutRow[] } {
  const appenderBound = alone.commitMs > 0 ? (alone.meanBatch * 1000) / alone.commitMs : Number.POSITIVE_INFINITY;
  const { gateways, nats, postgres } = deployed.cpuMsPerMessage;
  const perMessage = gateways + (nats ?? 0) + (postgres ?? 0);
  const table = TABLE_CORES.map((cores) => {
    const cpuBound = (cores * 1000) / perMessage;
    return { cores, cpuBound, msgPerSecond: Math.min(cpuBound, appenderBound) };
  });
  return { appenderBound, table };
}

/** Where the replicas' NATS is: the bench's own server, or a cluster. */
interface NatsTarget {
  readonly nodes: number;
  /** Where the publishers send (one node: the cluster routes to the streams' leaders). */
  readonly publishUrl: string;
  /** ATC_NATS_URL of the replicas. */
  readonly gatewayUrl: string;
  /** The servers' process ids, for their CPU. */
  pids(): readonly (number | undefined)[];
  readonly jsm: JetStreamManager;
}

/** `fn` on a throwaway PostgreSQL database, dropped afterwards; or why there is none. */
async function withPostgres<T>(fn: (url: string) => Promise<T>): Promise<T | { readonly reason: string }> {
  const pg = await benchPostgres();
  if ('reason' in pg) return { reason: pg.reason };
  try {
    return await fn(pg.url);
  } finally {
    await pg.drop();
  }
}

async function drainWith(ctx: BenchContext, replicas: number, url: string, nats: NatsTarget): Promise<ReplicaRun> {
  const label = `replicas (${replicas}, NATS ${nats.nodes === 1 ? 'one node' : `${nats.nodes} nodes`})`;
  const dir = join(ctx.workDir, `replicas-${replicas}-${nats.nodes}`);
  await prepareGatewayDir(dir, ctx.federation, { url });
  const env: Record<string, string> = {
    ...gatewayEnvironment(ctx.childEnv, nats.gatewayUrl, dir),
    ATC_ARCHIVE_URL: url,
    ATC_STREAM_REPLICAS: String(nats.nodes),
  };
  const streamsExist = await nats.jsm.streams.info(Streams.submit).then(
    () => true,
    () => false,
  );
  if (!streamsExist) {
    // Run alone: the streams are made as the gateway phase makes them, by a first start.
    ctx.progress(`${label}: provisioning streams (first gateway start)`);
    const provisioner = await startService({
      kind: 'gateway',
      env,
      logDir: ctx.logDir,
      logName: `gateway-replica-provision-${nats.nodes}`,
    });
    await provisioner.stop();
  }
  // What earlier phases left in ATC_SUBMIT would be drained with the backlog.
  await nats.jsm.streams.purge(Streams.submit).catch(() => undefined);
  const perMember = Math.ceil(ctx.plan.replicaMessages / ctx.federation.memberKeys.size);
  const natsBeforeFill = natsCpuSeconds(await Promise.all(nats.pids().map(readStats)));
  const fill = await runPublishers(
    { ...ctx, natsUrl: nats.publishUrl },
    { perMember, mode: 'publish', label: `${label}: filling ATC_SUBMIT` },
  );
  const natsFill = natsCpuSeconds(await Promise.all(nats.pids().map(readStats)));
  ctx.progress(`${label}: ${fill.envelopes.toLocaleString('en-US')} envelopes queued; starting the replicas`);

  const db = await openArchiveDb({ url });
  const services: BenchService[] = [];
  try {
    const before = await archivedSeq(db);
    // Together: each takes its share of the backlog from the start.
    const started = await Promise.allSettled(
      Array.from({ length: replicas }, (_, i) =>
        startService({
          kind: 'gateway',
          env,
          logDir: ctx.logDir,
          logName: `gateway-replica-${replicas}-${nats.nodes}-${i + 1}`,
        }),
      ),
    );
    for (const s of started) if (s.status === 'fulfilled') services.push(s.value);
    const failed = started.find((s) => s.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    const bankNice = Number(env.ATC_DATABANK_NICE ?? 0);
    const samples: ProgressSample[] = [{ atMs: performance.now(), done: (await archivedSeq(db)) - before }];
    const rowsFrom = await archivedRows(db);
    const first = await cpuOf(services, nats.pids(), bankNice);
    const drainedAll = await pollUntilDrained(
      ctx,
      async () => (await archivedSeq(db)) - before,
      fill.envelopes,
      samples,
      label,
    );
    const last = await cpuOf(services, nats.pids(), bankNice);
    const rowsTo = await archivedRows(db);
    const texts = await Promise.all(services.map((s) => fetchMetricsText(s.url)));
    const refused = texts.reduce((n, t) => n + sumMetric(t, 'atc_gateway_refused_total'), 0);
    if (refused > 0) {
      throw new BenchError(
        BenchErrorCode.Refused,
        `the replicas refused ${refused} benchmark envelopes; the numbers would be meaningless. See ${services.map((s) => s.logFile).join(', ')}`,
      );
    }
    if (!drainedAll) await nats.jsm.streams.purge(Streams.submit);
    const firstSample = samples[0]!;
    const lastSample = samples[samples.length - 1]!;
    // Per message by the rows archived (the identity column can skip a number).
    const drained = rowsTo - rowsFrom;
    const perMessage = (seconds: number | null): number | null =>
      seconds === null || drained <= 0 ? null : (seconds * 1000) / drained;
    const wall = (lastSample.atMs - firstSample.atMs) / 1000;
    const natsFillMs =
      natsBeforeFill === null || natsFill === null || fill.envelopes === 0
        ? null
        : ((natsFill - natsBeforeFill) * 1000) / fill.envelopes;
    const natsDrainMs = perMessage(first.nats === null || last.nats === null ? null : last.nats - first.nats);
    const batch = sumHistogram(texts, 'atc_gateway_batch_size');
    const commit = texts.map((t) => histogramByLabel(t, 'atc_gateway_stage_seconds', 'stage').commit);
    const commits = commit.reduce((n, c) => n + (c?.count ?? 0), 0);
    const commitSeconds = commit.reduce((n, c) => n + (c === undefined ? 0 : c.mean * c.count), 0);
    return {
      replicas,
      natsNodes: nats.nodes,
      messages: fill.envelopes,
      archived: rowsTo,
      drainedAll,
      rate: drainedAll ? steadyRate(samples, fill.envelopes) : steadyRate(samples, lastSample.done, { endFraction: 1 }),
      drainSeconds: wall,
      cpuMsPerMessage: {
        gateways: perMessage(last.gateways - last.bank - (first.gateways - first.bank)) ?? Number.NaN,
        nats: natsFillMs === null || natsDrainMs === null ? null : natsFillMs + natsDrainMs,
        postgres: perMessage(
          first.postgres === null || last.postgres === null ? null : postgresCpuBetween(first.postgres, last.postgres),
        ),
      },
      bankThreadCores: wall > 0 ? (last.bank - first.bank) / wall : 0,
      skippedNumbers: lastSample.done - firstSample.done - drained,
      acceptedByReplica: texts.map((t) => sumMetric(t, 'atc_gateway_accepted_total')),
      meanBatch: batch.count === 0 ? 0 : batch.sum / batch.count,
      commitMs: commits === 0 ? 0 : (commitSeconds * 1000) / commits,
    };
  } finally {
    for (const s of services) await s.stop();
    await db.close();
  }
}

/**
 * The archive's highest message number: its identity column, read in an instant however large
 * the table (a rolled-back insert would skip a number: the rows are counted at the end).
 */
async function archivedSeq(db: SqlDb): Promise<number> {
  const row = await db.get<{ n: number | null }>('SELECT max(seq) AS n FROM messages');
  return row?.n ?? 0;
}

/** Rows of the archive's messages table. */
async function archivedRows(db: SqlDb): Promise<number> {
  const row = await db.get<{ n: number }>('SELECT count(*) AS n FROM messages');
  return row?.n ?? 0;
}

const readStats = (pid: number | undefined) => (pid === undefined ? Promise.resolve(undefined) : readProcStats(pid));

/** The nats-servers' CPU seconds together; null when one of them cannot be read. */
function natsCpuSeconds(stats: readonly (ProcStats | undefined)[]): number | null {
  return stats.some((s) => s === undefined) ? null : stats.reduce((n, s) => n + s!.cpuSeconds, 0);
}

/**
 * CPU seconds so far: of the replicas together (and of their threads at `bankNice`, the data
 * bank's), of the nats-servers together, and of each PostgreSQL process.
 */
async function cpuOf(
  services: readonly BenchService[],
  natsPids: readonly (number | undefined)[],
  bankNice: number,
): Promise<{
  readonly gateways: number;
  readonly bank: number;
  readonly nats: number | null;
  readonly postgres: ReadonlyMap<number, number> | null;
}> {
  const stats = await Promise.all(services.map((s) => readProcStats(s.pid)));
  // Without a nice of its own, the bank's thread cannot be told apart: counted with the rest.
  const bank = bankNice === 0 ? [] : await Promise.all(services.map((s) => threadsCpuSeconds(s.pid, bankNice)));
  return {
    gateways: stats.reduce((n, s) => n + (s?.cpuSeconds ?? 0), 0),
    bank: bank.reduce((n, b) => n + b, 0),
    nats: natsCpuSeconds(await Promise.all(natsPids.map(readStats))),
    postgres: await postgresCpuSeconds(),
  };
}

/** CPU seconds of `pid`'s threads whose nice value is `nice` (field 19 of their stat). */
async function threadsCpuSeconds(pid: number, nice: number): Promise<number> {
  const tids = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
  let sum = 0;
  for (const tid of tids) {
    const stat = await readFile(`/proc/${pid}/task/${tid}/stat`, 'utf8').catch(() => undefined);
    if (stat === undefined) continue;
    if (Number(statField(stat, 19)) === nice) sum += statCpuSeconds(stat);
  }
  return sum;
}

/**
 * CPU seconds PostgreSQL's processes used between two readings: each process's own, those
 * started since counted from 0. A process that ended in between (a connection closed) takes
 * its share with it: a lower bound, as the replicas keep their connections open.
 */
export function postgresCpuBetween(from: ReadonlyMap<number, number>, to: ReadonlyMap<number, number>): number {
  let sum = 0;
  for (const [pid, seconds] of to) sum += Math.max(0, seconds - (from.get(pid) ?? 0));
  return sum;
}

/**
 * User plus system CPU seconds of each process named `postgres` (its server and backends);
 * null without /proc, or when the server is not on this machine (none is found).
 */
export async function postgresCpuSeconds(): Promise<Map<number, number> | null> {
  let pids: string[];
  try {
    pids = (await readdir('/proc')).filter((p) => /^\d+$/.test(p));
  } catch {
    return null;
  }
  const out = new Map<number, number>();
  for (const pid of pids) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
    if (stat === undefined) continue;
    if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) === 'postgres')
      out.set(Number(pid), statCpuSeconds(stat));
  }
  return out;
}

/** The sum and count of histogram `name` over several metrics texts. */
function sumHistogram(texts: readonly string[], name: string): { readonly sum: number; readonly count: number } {
  let sum = 0;
  let count = 0;
  for (const t of texts) {
    sum += sumMetric(t, `${name}_sum`);
    count += sumMetric(t, `${name}_count`);
  }
  return { sum, count };
}

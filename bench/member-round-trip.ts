import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { saveKeyFile } from '@atc/shared';
import type { BenchContext } from './bench-context.js';
import { BenchError, BenchErrorCode } from './bench-error.js';
import { startService } from './bench-service.js';
import { Histogram, type LatencySummary } from './histogram.js';
import { HttpClient } from './http-client.js';
import { steadyRate, type ProgressSample } from './steady-rate.js';

/** The member whose agent asks. */
export const ROUND_TRIP_MEMBER = 'KZ';
/** How long each search waits for its answer before the agent answers 202 (a timeout here). */
export const ROUND_TRIP_WAIT_MS = 5_000;
/**
 * Searches sent one at a time before the timed run (JIT, caches, the agent's inbox consumer
 * bound); the median of the second half is the path's own latency, without any queue.
 */
const WARMUP_QUERIES = 20;

/** How the member round trip was measured, said in the output. */
export const ROUND_TRIP_METHOD = `one member agent (child process) in front of the search phase's SQLite gateway; POST /v1/databank/search on the agent at a fixed rate (open loop, the seeded queries in turn, purpose and legal basis stated, waitMs ${ROUND_TRIP_WAIT_MS}), each timed from the HTTP request to the 200 carrying the answer: agent outbox -> ATC_SUBMIT -> gateway pipeline and archive -> data bank cursor -> search -> signed DataBankResult archived and routed -> agent inbox -> answer; the per-member query limit lifted; ${WARMUP_QUERIES} searches one at a time first, the median of the last ${WARMUP_QUERIES / 2} given as the path's latency without load`;

/** What the member round trip measured. */
export interface MemberRoundTrip {
  readonly available: true;
  readonly method: string;
  readonly offeredPerSecond: number;
  /** Answers per second over the run's steady part (warm-up and tail left out). */
  readonly answeredPerSecond: number;
  readonly seconds: number;
  readonly sent: number;
  /** 200 with the answer. */
  readonly answered: number;
  /** 202: no answer within the wait. */
  readonly timeouts: number;
  /** Any other status, or no answer at all. */
  readonly errors: number;
  readonly firstError: string | undefined;
  /** HTTP request -> answer, of the answered searches. */
  readonly latency: LatencySummary;
  /** Median round trip of searches sent one at a time (no queue): what the path itself costs. */
  readonly oneAtATimeMs: number;
}

/** The member round trip, or why it was not measured. */
export type MemberRoundTripResult = MemberRoundTrip | { readonly available: false; readonly reason: string };

/**
 * Starts one member agent against the gateway already serving the search bank, then sends
 * `bodies` (in turn) to its POST /v1/databank/search at `plan.memberSearchRate` per second for
 * `plan.memberSearchSeconds`, timing each search to its answer.
 */
export async function measureMemberRoundTrip(ctx: BenchContext, bodies: readonly string[]): Promise<MemberRoundTrip> {
  const { memberSearchRate: rate, memberSearchSeconds: seconds } = ctx.plan;
  if (bodies.length === 0) throw new RangeError('the member round trip needs at least one query');
  const key = ctx.federation.memberKeys.get(ROUND_TRIP_MEMBER)!;
  const dataDir = join(ctx.workDir, `search-agent-${ROUND_TRIP_MEMBER}`);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await saveKeyFile(join(dataDir, 'member.jwk'), key);
  const gatewayKeyFile = join(dataDir, 'gateway-public.jwk');
  await writeFile(gatewayKeyFile, JSON.stringify(ctx.federation.gatewayKey.publicJwk));
  const apiKey = randomBytes(32).toString('hex');
  const agent = await startService({
    kind: 'agent',
    env: {
      ...ctx.childEnv,
      ATC_MEMBER_ID: ROUND_TRIP_MEMBER,
      ATC_DATA_DIR: dataDir,
      ATC_GATEWAY_PUBLIC_KEY_FILE: gatewayKeyFile,
      ATC_NATS_URL: ctx.natsUrl,
      ATC_API_KEYS: apiKey,
      ATC_LOG_LEVEL: 'warn',
    },
    logDir: ctx.logDir,
    logName: 'agent-search',
  });
  const client = new HttpClient(agent.url, { authorization: `Bearer ${apiKey}` });
  try {
    ctx.progress(
      `search: member round trip: ${WARMUP_QUERIES} searches one at a time through the ${ROUND_TRIP_MEMBER} agent`,
    );
    const oneAtATime = new Histogram();
    for (let i = 0; i < WARMUP_QUERIES; i++) {
      const res = await client.send('POST', '/v1/databank/search', bodies[i % bodies.length]);
      if (i >= WARMUP_QUERIES / 2) oneAtATime.record(res.ms);
      if (res.status !== 200) {
        throw new BenchError(
          BenchErrorCode.ServiceFailed,
          `a warm-up search through the agent answered ${res.status}: ${res.body.slice(0, 300)}; see ${agent.logFile}`,
        );
      }
    }
    ctx.progress(`search: member round trip: ${rate} searches/s for ${seconds} s through the agent`);
    const run = await pacedSearches(client, bodies, rate, seconds);
    const steady = run.progress.length >= 2 ? steadyRate(run.progress, run.answered).perSecond : 0;
    const result: MemberRoundTrip = {
      available: true,
      method: ROUND_TRIP_METHOD,
      offeredPerSecond: run.offeredPerSecond,
      answeredPerSecond: steady,
      seconds,
      sent: run.sent,
      answered: run.answered,
      timeouts: run.timeouts,
      errors: run.errors,
      firstError: run.firstError,
      latency: run.latency.summary(),
      oneAtATimeMs: oneAtATime.summary().p50Ms,
    };
    ctx.progress(`search: member round trip: ${result.oneAtATimeMs.toFixed(1)} ms one at a time (median)`);
    ctx.progress(
      `search: member round trip: p50 ${result.latency.p50Ms.toFixed(1)} ms, p95 ${result.latency.p95Ms.toFixed(1)} ms, p99 ${result.latency.p99Ms.toFixed(1)} ms; answered ${result.answered}/${result.sent}, timeouts ${result.timeouts}, errors ${result.errors}`,
    );
    return result;
  } finally {
    client.close();
    await agent.stop();
  }
}

interface PacedRun {
  readonly sent: number;
  readonly answered: number;
  readonly timeouts: number;
  readonly errors: number;
  readonly firstError: string | undefined;
  readonly latency: Histogram;
  readonly offeredPerSecond: number;
  /** Answers counted over time, for the steady rate. */
  readonly progress: readonly ProgressSample[];
}

/**
 * Open loop: searches started at `rate` per second whatever the answers (a slow round trip
 * cannot slow the offered load), each timed from its send.
 */
async function pacedSearches(
  client: HttpClient,
  bodies: readonly string[],
  rate: number,
  seconds: number,
): Promise<PacedRun> {
  const latency = new Histogram();
  const progress: ProgressSample[] = [];
  const total = Math.round(rate * seconds);
  const counts = { answered: 0, timeouts: 0, errors: 0 };
  let firstError: string | undefined;
  const one = async (n: number): Promise<void> => {
    try {
      const res = await client.send('POST', '/v1/databank/search', bodies[n % bodies.length]);
      if (res.status === 200) {
        latency.record(res.ms);
        counts.answered++;
        progress.push({ atMs: performance.now(), done: counts.answered });
      } else if (res.status === 202) counts.timeouts++;
      else {
        counts.errors++;
        firstError ??= `${res.status} ${res.body.slice(0, 300)}`;
      }
    } catch (e) {
      counts.errors++;
      firstError ??= (e as Error).message;
    }
  };
  const pending: Promise<void>[] = [];
  const started = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) * rate) / 1000) + 1);
    while (sent < due) pending.push(one(WARMUP_QUERIES + sent++));
    await new Promise((r) => setTimeout(r, 2));
  }
  const offeredSeconds = (performance.now() - started) / 1000;
  await Promise.all(pending);
  return { sent, ...counts, firstError, latency, offeredPerSecond: total / offeredSeconds, progress };
}

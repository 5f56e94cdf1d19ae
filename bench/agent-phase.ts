import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { saveKeyFile } from '@atc/shared';
import { measureHandover, type HandoverResult } from './agent-handover.js';
import { BenchError, BenchErrorCode } from './bench-error.js';
import type { BenchContext } from './bench-context.js';
import { gatewayEnvironment } from './bench-federation.js';
import { cpuProfFlags, startService } from './bench-service.js';
import { HttpClient } from './http-client.js';
import { closedLoop, openLoop, type LoadRequest, type LoadResult } from './http-load.js';
import { personMessageJson } from './person-envelopes.js';
import { ProcSampler } from './proc-stats.js';

/** How the agent was measured, said in the output. */
export const AGENT_METHOD =
  'one agent as a child process; POST /v1/messages (a 202 means durably queued in the SQLite outbox) from a keep-alive node:http client in the benchmark process, closed loop at rising concurrency until two steps in a row add under 5%, then an open loop at a fixed rate; the agent relays to ATC_SUBMIT meanwhile; the gateway is not running, so no receipts come and resends are set past the phase (ATC_RESEND_AFTER=10m)';

/** One step of the ramp. */
export interface AgentStep extends LoadResult {
  readonly concurrency: number;
}

/** What the agent ingest phase measured. */
export interface AgentPhaseResult {
  readonly method: string;
  readonly ramp: readonly AgentStep[];
  /** The best rate of the ramp: records accepted into the outbox per second. */
  readonly saturationPerSecond: number;
  readonly saturationConcurrency: number;
  /**
   * The fixed-rate run, or why it was not run: an agent that saturates below that rate would
   * only show its queue growing for as long as the run lasts.
   */
  readonly paced: (LoadResult & { readonly offeredPerSecond: number }) | { readonly skipped: string };
  readonly agentPeakRssMb: number;
  /** Webhook hand-over throughput of a second agent with a backlog in its inbox. */
  readonly handover: HandoverResult;
}

/** The sending member of the agent under load. */
const AGENT_MEMBER = 'KZ';

/**
 * The agent: ingest (saturation rate of POST /v1/messages, then latency at a fixed rate),
 * then webhook hand-over throughput.
 */
export async function runAgentPhase(
  ctx: BenchContext,
  options: { readonly publishTrustList?: boolean } = {},
): Promise<AgentPhaseResult> {
  const ingest = await measureIngest(ctx, options);
  const handover = await measureHandover(ctx, ctx.plan.handoverItems);
  return { ...ingest, handover };
}

/** Agent ingest: saturation rate of POST /v1/messages, then latency at a fixed rate. */
async function measureIngest(
  ctx: BenchContext,
  options: { readonly publishTrustList?: boolean },
): Promise<Omit<AgentPhaseResult, 'handover'>> {
  if (options.publishTrustList === true) {
    // A gateway publishes the trust list as it starts; it is stopped before the agent is measured.
    ctx.progress('agent: starting a gateway to publish the trust list');
    const gateway = await startService({
      kind: 'gateway',
      env: gatewayEnvironment(ctx.childEnv, ctx.natsUrl, ctx.gatewayDir),
      logDir: ctx.logDir,
      logName: 'gateway-trust-list',
    });
    await gateway.stop();
  }
  const key = ctx.federation.memberKeys.get(AGENT_MEMBER)!;
  const dataDir = join(ctx.workDir, `agent-${AGENT_MEMBER}`);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await saveKeyFile(join(dataDir, 'member.jwk'), key);
  const gatewayKeyFile = join(dataDir, 'gateway-public.jwk');
  await writeFile(gatewayKeyFile, JSON.stringify(ctx.federation.gatewayKey.publicJwk));
  const apiKey = randomBytes(32).toString('hex');
  const agent = await startService({
    kind: 'agent',
    env: {
      ...ctx.childEnv,
      ATC_MEMBER_ID: AGENT_MEMBER,
      ATC_DATA_DIR: dataDir,
      ATC_GATEWAY_PUBLIC_KEY_FILE: gatewayKeyFile,
      ATC_NATS_URL: ctx.natsUrl,
      ATC_API_KEYS: apiKey,
      ATC_LOG_LEVEL: 'warn',
      // No gateway runs in this phase, so no receipt ever comes: without this, everything
      // published in the first 30 s would be published again while the agent is measured.
      ATC_RESEND_AFTER: '10m',
    },
    logDir: ctx.logDir,
    nodeFlags: cpuProfFlags(ctx.cpuProfDir, 'agent'),
  });
  const sampler = new ProcSampler(agent.pid);
  sampler.start();
  const client = new HttpClient(agent.url, { authorization: `Bearer ${apiKey}` });
  // Bodies are built ahead and reused in turn (the agent gives each a fresh message id).
  const bodies = Array.from({ length: 500 }, (_, i) => personMessageJson(AGENT_MEMBER, i + 1));
  const req: LoadRequest = { method: 'POST', path: '/v1/messages', body: (n) => bodies[n % bodies.length]!, ok: [202] };
  try {
    await closedLoop(client, req, 4, 1, 0); // warm-up: JIT, SQLite cache, connections
    const ramp: AgentStep[] = [];
    let n = 1_000_000;
    let flat = 0;
    for (const concurrency of ctx.plan.agentConcurrency) {
      const step = { concurrency, ...(await closedLoop(client, req, concurrency, ctx.plan.agentStepSeconds, n)) };
      n += step.requests;
      ramp.push(step);
      ctx.progress(
        `agent: ${concurrency} concurrent: ${Math.round(step.perSecond).toLocaleString('en-US')} records/s, p99 ${step.latency.p99Ms.toFixed(1)} ms`,
      );
      if (step.errors > 0) {
        throw new BenchError(
          BenchErrorCode.Refused,
          `the agent refused ${step.errors} of ${step.requests} requests (first: ${step.firstError ?? '?'}); see ${agent.logFile}`,
        );
      }
      const best = Math.max(...ramp.slice(0, -1).map((s) => s.perSecond), 0);
      // Saturated: twice in a row, more callers no longer bought 5% more throughput (once
      // could be the machine's noise).
      flat = step.perSecond < best * 1.05 ? flat + 1 : 0;
      if (ramp.length >= 3 && flat >= 2) break;
    }
    const saturation = ramp.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
    const rate = ctx.plan.agentPacedRate;
    let paced: AgentPhaseResult['paced'];
    if (saturation.perSecond < rate) {
      paced = {
        skipped: `not run: the agent saturates at ${Math.round(saturation.perSecond)} records/s, below ${rate}/s`,
      };
      ctx.progress(`agent: ${paced.skipped}`);
    } else {
      ctx.progress(`agent: ${rate} requests/s for ${ctx.plan.agentPacedSeconds} s`);
      paced = await openLoop(client, req, rate, ctx.plan.agentPacedSeconds, n);
      if (paced.errors > 0) {
        throw new BenchError(
          BenchErrorCode.Refused,
          `the agent refused ${paced.errors} paced requests (first: ${paced.firstError ?? '?'}); see ${agent.logFile}`,
        );
      }
    }
    const { maxRssBytes, last } = await sampler.stop();
    return {
      method: AGENT_METHOD,
      ramp,
      saturationPerSecond: saturation.perSecond,
      saturationConcurrency: saturation.concurrency,
      paced,
      agentPeakRssMb: Math.max(maxRssBytes, last?.peakRssBytes ?? 0) / 2 ** 20,
    };
  } finally {
    client.close();
    await agent.stop();
  }
}

// `npm run bench`: how much traffic one centre takes on this machine. Starts its own
// nats-server (file storage), a gateway and an agent as child processes, and measures the
// gateway's throughput against a hand-written baseline, end-to-end latency at a fixed load,
// the archive at scale, the data bank and the agent's ingest. A readable table and, as the last line,
// the summary go to stdout; progress to stderr; everything to bench-results.json.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { startNatsServer, type NatsServerHandle } from '@atc/tests';
import { runAgentPhase } from './agent-phase.js';
import { runArchivePhase } from './archive-phase.js';
import { BENCH_USAGE, BenchPhase, parseBenchArgs, type BenchOptions } from './bench-args.js';
import type { BenchContext } from './bench-context.js';
import { BenchError } from './bench-error.js';
import { createBenchFederation, prepareGatewayDir } from './bench-federation.js';
import { runDatabankPhase } from './databank-phase.js';
import { runReplicasPhase } from './replicas-phase.js';
import { runSearchPhase } from './search-phase.js';
import { benchPlan } from './bench-plan.js';
import { summaryFigures, type BenchResults } from './bench-results.js';
import { repoRoot } from './bench-service.js';
import { runBaselinePhase } from './baseline-phase.js';
import { runFloorPhase } from './floor-phase.js';
import { BASELINE_COPY, FLOOR_COPY, runGatewayPhase, type GatewayPhaseResult } from './gateway-phase.js';
import { latencyEnvelopesPerMember, runLatencyPhase } from './latency-phase.js';
import type { ReturnedEnvelope } from './publisher-process.js';
import { machineInfo } from './machine-info.js';
import { summarizeCpuProfile, type CpuProfile } from './profile-summary.js';
import { renderResultsTable } from './results-table.js';
import { formatSummaryLine } from './summary-line.js';
import { renderSoakReport } from './soak-report.js';
import { runSoak } from './soak-run.js';

/** The environment children inherit: this one without the shell's ATC_* settings. */
function childEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && !e[0].startsWith('ATC_')),
  );
}

const progress = (line: string): void => {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
};

/** Runs the phases `options` names and returns what they measured. */
async function runBench(options: BenchOptions, workDir: string, nats: NatsServerHandle): Promise<BenchResults> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const plan = benchPlan(options);
  const nc = await connect({ servers: nats.url, name: 'atc-bench' });
  try {
    const machine = machineInfo(nc.info?.version ?? 'unknown');
    const federation = createBenchFederation();
    const gatewayDir = join(workDir, 'gateway');
    await prepareGatewayDir(gatewayDir, federation);
    const logDir = join(workDir, 'logs');
    await mkdir(logDir, { recursive: true });
    const cpuProfDir = options.cpuProfDir === undefined ? undefined : resolve(options.cpuProfDir);
    if (cpuProfDir !== undefined) await mkdir(cpuProfDir, { recursive: true });
    let nextSequence = 1;
    const ctx: BenchContext = {
      plan,
      natsUrl: nats.url,
      natsPid: nats.pid,
      nc,
      jsm: await jetstreamManager(nc),
      federation,
      gatewayDir,
      workDir,
      logDir,
      childEnv: childEnvironment(process.env),
      cpuProfDir,
      progress,
      reserveSequences(count) {
        const first = nextSequence;
        nextSequence += count;
        return first;
      },
    };
    const has = (p: BenchPhase): boolean => options.phases.includes(p);
    const phaseSeconds: Partial<Record<BenchPhase, number>> = {};
    /** Runs phase `p` when it was asked for, timing it. */
    const run = async <T>(p: BenchPhase, phase: () => Promise<T>): Promise<T | undefined> => {
      if (!has(p)) return undefined;
      const t = performance.now();
      const result = await phase();
      phaseSeconds[p] = Math.round((performance.now() - t) / 100) / 10;
      return result;
    };
    progress(`${plan.mode} run: ${options.phases.join(', ')}; work dir ${workDir}`);
    let presigned: readonly ReturnedEnvelope[] = [];
    let gateway: GatewayPhaseResult | undefined;
    // The latency phase's envelopes are signed with the backlog, by the same processes.
    const gatewayRun = await run(BenchPhase.Gateway, () =>
      runGatewayPhase(ctx, {
        copies: [...(has(BenchPhase.Baseline) ? [BASELINE_COPY] : []), ...(has(BenchPhase.Floor) ? [FLOOR_COPY] : [])],
        presignPerMember: has(BenchPhase.Latency) ? latencyEnvelopesPerMember(ctx) : 0,
      }),
    );
    if (gatewayRun !== undefined) ({ presigned, ...gateway } = gatewayRun);
    const baseline = await run(BenchPhase.Baseline, () => runBaselinePhase(ctx));
    const floor = await run(BenchPhase.Floor, () => runFloorPhase(ctx));
    const latency = await run(BenchPhase.Latency, () => runLatencyPhase(ctx, presigned));
    const archive = await run(BenchPhase.Archive, () => runArchivePhase(ctx));
    const databank = await run(BenchPhase.Databank, () => runDatabankPhase(ctx));
    // The agent reads the trust list the gateway publishes; run alone, it needs one published.
    const gatewayRan = has(BenchPhase.Gateway) || has(BenchPhase.Latency);
    const agent = await run(BenchPhase.Agent, () => runAgentPhase(ctx, { publishTrustList: !gatewayRan }));
    const search = await run(BenchPhase.Search, () => runSearchPhase(ctx));
    const replicas = await run(BenchPhase.Replicas, () => runReplicasPhase(ctx));
    const gatewayProfile =
      gateway?.profile === undefined
        ? undefined
        : summarizeCpuProfile(JSON.parse(await readFile(gateway.profile, 'utf8')) as CpuProfile, 25);
    return {
      mode: plan.mode,
      startedAt,
      durationSeconds: (performance.now() - started) / 1000,
      phaseSeconds,
      machine,
      plan,
      ...(gateway === undefined ? {} : { gateway }),
      ...(baseline === undefined ? {} : { baseline }),
      ...(floor === undefined ? {} : { floor }),
      ...(latency === undefined ? {} : { latency }),
      ...(archive === undefined ? {} : { archive }),
      ...(databank === undefined ? {} : { databank }),
      ...(agent === undefined ? {} : { agent }),
      ...(search === undefined ? {} : { search }),
      ...(replicas === undefined ? {} : { replicas }),
      ...(gatewayProfile === undefined ? {} : { gatewayProfile }),
    };
  } finally {
    await nc.drain().catch(() => nc.close());
  }
}

async function main(): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseBenchArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof BenchError) {
      console.error(`npm run bench: ${e.code}: ${e.message}`);
      return 2;
    }
    throw e;
  }
  if (options.help) {
    console.log(BENCH_USAGE);
    return 0;
  }
  if (options.soak) return soakMain(options);
  const workDir = await mkdtemp(join(tmpdir(), 'atc-bench-'));
  let nats: NatsServerHandle | undefined;
  try {
    nats = await startNatsServer();
    const results = await runBench(options, workDir, nats);
    const summary = formatSummaryLine(summaryFigures(results));
    const out = resolve(repoRoot, options.out);
    await writeFile(out, `${JSON.stringify({ ...results, summary }, null, 2)}\n`);
    console.log(renderResultsTable(results));
    console.log(`\nfull results: ${out}`);
    console.log(summary);
    await rm(workDir, { recursive: true, force: true });
    return 0;
  } catch (e) {
    const code = e instanceof BenchError ? `${e.code}: ` : '';
    console.error(`npm run bench: ${code}${(e as Error).message}`);
    console.error(`Logs and data are kept in ${workDir} (logs/ has every child's output).`);
    if (!(e instanceof BenchError)) console.error(e);
    return 1;
  } finally {
    await nats?.stop();
  }
}

/** The local nats-server's version, as it prints it (the soak starts that binary). */
function natsServerVersion(): string {
  try {
    return execFileSync('nats-server', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** `npm run bench -- --soak`: the soak instead of the phases; its line comes last on stdout. */
async function soakMain(options: BenchOptions): Promise<number> {
  const workDir = await mkdtemp(join(tmpdir(), 'atc-soak-'));
  const logDir = join(workDir, 'logs');
  await mkdir(logDir, { recursive: true });
  try {
    const result = await runSoak(
      {
        minutes: options.soakMinutes,
        rate: options.soakRate,
        restartMinutes: options.soakRestartMinutes,
        sampleSeconds: 10,
        progressSeconds: 30,
        fromSources: false,
        cpuProfDir: options.cpuProfDir === undefined ? undefined : resolve(options.cpuProfDir),
        inboxMaxAge: options.soakInboxMaxAge,
        duplicateWindow: options.soakDuplicateWindow,
      },
      { workDir, logDir, childEnv: childEnvironment(process.env), progress },
    );
    const out = resolve(repoRoot, options.out);
    await writeFile(out, `${JSON.stringify({ machine: machineInfo(natsServerVersion()), ...result }, null, 2)}\n`);
    console.log(renderSoakReport(result));
    console.log(`\nfull results: ${out}`);
    console.log(result.line);
    await rm(workDir, { recursive: true, force: true });
    return result.lost === 0 && result.duplicated === 0 ? 0 : 1;
  } catch (e) {
    const code = e instanceof BenchError ? `${e.code}: ` : '';
    console.error(`npm run bench -- --soak: ${code}${(e as Error).message}`);
    console.error(`Logs and data are kept in ${workDir} (logs/ has every child's output).`);
    if (!(e instanceof BenchError)) console.error(e);
    return 1;
  }
}

process.exitCode = await main();

import type { AgentPhaseResult } from './agent-phase.js';
import type { ArchivePhaseResult } from './archive-phase.js';
import type { BenchPhase } from './bench-args.js';
import type { BaselinePhaseResult } from './baseline-phase.js';
import type { DatabankPhaseResult } from './databank-phase.js';
import type { FloorPhaseResult } from './floor-phase.js';
import type { BenchPlan } from './bench-plan.js';
import type { GatewayPhaseResult } from './gateway-phase.js';
import type { LatencyPhaseResult } from './latency-phase.js';
import type { MachineInfo } from './machine-info.js';
import type { ProfileSummary } from './profile-summary.js';
import type { ReplicasPhaseResult } from './replicas-phase.js';
import type { SearchPhaseResult } from './search-phase.js';
import type { SummaryFigures } from './summary-line.js';

/** Everything a run measured: the content of bench-results.json. */
export interface BenchResults {
  readonly mode: BenchPlan['mode'];
  readonly startedAt: string;
  readonly durationSeconds: number;
  /** Wall time of each phase that ran, set-up included. */
  readonly phaseSeconds: Partial<Record<BenchPhase, number>>;
  readonly machine: MachineInfo;
  readonly plan: BenchPlan;
  readonly gateway?: GatewayPhaseResult;
  readonly baseline?: BaselinePhaseResult;
  /** The unavoidable steps alone, hand-written (see FLOOR_METHOD). */
  readonly floor?: FloorPhaseResult;
  readonly latency?: LatencyPhaseResult;
  readonly archive?: ArchivePhaseResult;
  readonly databank?: DatabankPhaseResult;
  readonly agent?: AgentPhaseResult;
  readonly search?: SearchPhaseResult;
  /** One and two gateway replicas on PostgreSQL, and what more cores would carry. */
  readonly replicas?: ReplicasPhaseResult;
  /** Hot spots of the gateway's throughput phase, with --cpu-prof. */
  readonly gatewayProfile?: ProfileSummary;
}

/** The targets for a full run on a 2-core machine with the SQLite archive. */
export const TARGETS = {
  gatewayPerSecond: 8_000,
  ratio: 0.6,
  /** Submit -> recipient p99 at the latency phase's 1,000 msg/s. */
  latencyP99Ms: 50,
  /** Submit -> recipient p99 at its low load, 200 msg/s. */
  lowLoadP99Ms: 25,
  agentPerSecond: 2_000,
  agentP99Ms: 20,
  /** Inbox items one agent hands to a webhook receiver that answers at once. */
  handoverPerSecond: 1_000,
  archiveMedianMs: 5,
  /** A page of message search (GET /v1/messages) at 1,000,000 archived messages, any filters. */
  searchP95Ms: 200,
  gatewayRssMb: 300,
  /** Gateway CPU time (all threads) per message drained. */
  gatewayCpuMs: 0.3,
  /** Data bank projection on SQLite, archive entries applied per second. */
  databankPerSecond: 5_000,
  /** Longest an archived entry waits for the bank at the latency phase's load. */
  databankLagSeconds: 1,
  /** Dossier read and subject listing p95 at 1,000,000 records, SQLite and PostgreSQL. */
  dossierP95Ms: 20,
  listingP95Ms: 50,
  /** Person search p95 at 1,000,000 persons through the gateway API, SQLite and PostgreSQL. */
  personSearchP95Ms: 50,
  /** Member search round trip (agent -> centre -> agent) p95 at 20 queries/s. */
  memberSearchP95Ms: 150,
  recallAt10: 0.95,
  precisionAt3: 0.9,
} as const;

/** The figures of the last line, from whatever phases ran. */
export function summaryFigures(r: BenchResults): SummaryFigures {
  const rss = [r.gateway?.peakRssMb, r.latency?.gatewayPeakRssMb].filter((x): x is number => x !== undefined);
  return {
    gatewayRate: r.gateway?.rate.perSecond,
    baselineRate: r.baseline?.rate.perSecond,
    p99Ms: r.latency?.toRecipient.p99Ms,
    rssMb: rss.length === 0 ? undefined : Math.max(...rss),
    databankRate: r.databank?.projection.sqlite.available === true ? r.databank.projection.sqlite.perSecond : undefined,
    dossierP95Ms: dossierP95(r),
    searchP95Ms: searchP95(r),
    recallAt10: r.search?.quality.recallAt10,
    memberRoundTripP95Ms:
      r.search?.memberRoundTrip.available === true && r.search.memberRoundTrip.answered > 0
        ? r.search.memberRoundTrip.latency.p95Ms
        : undefined,
  };
}

/** The person search p95 of the slower engine measured. */
function searchP95(r: BenchResults): number | undefined {
  if (r.search === undefined) return undefined;
  const p95s = Object.values(r.search.engines).flatMap((e) => ('latency' in e ? [e.latency.p95Ms] : []));
  return p95s.length === 0 ? undefined : Math.max(...p95s);
}

/** The dossier read p95 of the slower engine measured (the target holds for both). */
function dossierP95(r: BenchResults): number | undefined {
  const reads = r.databank?.reads;
  if (reads?.available !== true) return undefined;
  const p95s = [reads.sqlite.dossier.p95Ms];
  if ('dossier' in reads.postgres) p95s.push(reads.postgres.dossier.p95Ms);
  return Math.max(...p95s);
}

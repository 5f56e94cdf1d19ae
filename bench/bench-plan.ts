import type { BenchOptions } from './bench-args.js';
import type { BankNames } from './bank-traffic.js';

/** How big each phase is; `--quick` shrinks everything to fit in 90 s on 2 cores. */
export interface BenchPlan {
  readonly mode: 'full' | 'quick';
  /** Envelopes published into ATC_SUBMIT (and, once more, into the baseline's stream). */
  readonly messages: number;
  /** Publisher processes (simulated member groups) that sign and publish. */
  readonly publishers: number;
  /**
   * Longest the gateway (and the baseline) may take to drain the backlog; a slower system is
   * measured over this long and the rest of the backlog is discarded.
   */
  readonly drainLimitSeconds: number;
  /** PubAcks a publisher may wait for at once. */
  readonly publishInFlight: number;
  /** Offered load of the latency phase, messages per second. */
  readonly latencyRate: number;
  readonly latencyWarmupSeconds: number;
  readonly latencySeconds: number;
  /** A second, lighter offered load measured after the first: the pipeline's latency with CPU to spare. */
  readonly latencyLowRate: number;
  readonly latencyLowSeconds: number;
  /** Messages generated into the archive-at-scale phase's archive. */
  readonly archiveSize: number;
  /** Random lookups (and proofs) timed on that archive. */
  readonly archiveQueries: number;
  /** Archive entries (signed records and withdrawals) the databank phase projects, per engine. */
  readonly databankEntries: number;
  /** Whose names the persons it projects carry. */
  readonly bankNames: BankNames;
  /** Records in the bank whose dossiers and subject listings are timed. */
  readonly bankRecords: number;
  /** Dossier reads and subject listings timed, each. */
  readonly bankQueries: number;
  /** Concurrency steps of the agent ingest ramp, and how long each lasts. */
  readonly agentConcurrency: readonly number[];
  readonly agentStepSeconds: number;
  /** Fixed request rate at which the agent's latency is measured, and for how long. */
  readonly agentPacedRate: number;
  readonly agentPacedSeconds: number;
  /** Inbox items one agent hands over to a fast webhook receiver (the agent phase's last step). */
  readonly handoverItems: number;
  /** Persons seeded into the bank the search phase searches (each engine). */
  readonly searchPersons: number;
  /** Person searches timed per engine. */
  readonly searchQueries: number;
  /** Member searches per second sent through an agent (agent -> centre -> agent), and for how long. */
  readonly memberSearchRate: number;
  readonly memberSearchSeconds: number;
  /** Envelopes the replicas phase drains on PostgreSQL, with one replica and again with two. */
  readonly replicaMessages: number;
}

/** The plan for `options`: full by default, quick with `--quick`, sizes overridable. */
export function benchPlan(options: BenchOptions): BenchPlan {
  const quick = options.quick;
  return {
    mode: quick ? 'quick' : 'full',
    messages: options.messages ?? (quick ? 5_000 : 200_000),
    publishers: 2,
    drainLimitSeconds: quick ? 8 : 120,
    publishInFlight: 256,
    latencyRate: 1_000,
    latencyWarmupSeconds: quick ? 2 : 10,
    latencySeconds: quick ? 4 : 30,
    latencyLowRate: 200,
    latencyLowSeconds: quick ? 3 : 15,
    archiveSize: options.archiveSize ?? (quick ? 50_000 : 1_000_000),
    archiveQueries: quick ? 150 : 1_000,
    databankEntries: quick ? 500 : 20_000,
    bankNames: options.bankNames,
    bankRecords: options.bankRecords ?? (quick ? 20_000 : 1_000_000),
    bankQueries: quick ? 200 : 1_000,
    agentConcurrency: quick ? [1, 4, 16, 64] : [1, 2, 4, 8, 16, 32, 64, 128],
    agentStepSeconds: quick ? 1 : 5,
    agentPacedRate: 500,
    agentPacedSeconds: quick ? 3 : 20,
    handoverItems: quick ? 1_000 : 20_000,
    searchPersons: options.searchPersons ?? (quick ? 5_000 : 1_000_000),
    searchQueries: quick ? 100 : 600,
    memberSearchRate: 20,
    memberSearchSeconds: quick ? 3 : 30,
    replicaMessages: options.messages ?? (quick ? 3_000 : 40_000),
  };
}

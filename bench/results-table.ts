import { TARGETS, summaryFigures, type BenchResults } from './bench-results.js';
import type { BankCatchUp } from './latency-phase.js';

/** One line of the results table. */
interface Row {
  readonly phase: string;
  readonly metric: string;
  readonly value: string;
  readonly target: string;
  readonly verdict: string;
}

/** The pipeline's stages (atc_gateway_stage_seconds), in the order a batch goes through them. */
const PIPELINE_STAGES = ['queued', 'checks', 'commit', 'publish_wait', 'publish'] as const;

const n0 = (x: number): string => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'n/a');
const ms = (x: number): string => (Number.isFinite(x) ? `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms` : 'n/a');

/** The table's rows and the notes that qualify them. */
interface Report {
  readonly rows: Row[];
  readonly notes: string[];
}

/**
 * Rows of the readable results table: each measured figure with its target and whether the
 * run meets it (targets are for a full run on 2 cores; a quick run only indicates), and
 * notes for every figure that is partial or a lower bound.
 */
export function resultReport(r: BenchResults): Report {
  const rows: Row[] = [];
  const notes: string[] = [];
  const add = (phase: string, metric: string, value: string, target = '', ok?: boolean): void => {
    rows.push({ phase, metric, value, target, verdict: ok === undefined ? '' : ok ? 'meets' : 'MISSES' });
  };
  /** The mean time per batch in each of the pipeline's stages, in their order. */
  const addStages = (phase: string, stagesMs: Readonly<Record<string, number>>): void => {
    const stages = PIPELINE_STAGES.filter((s) => s in stagesMs);
    if (stages.length === 0) return;
    add(
      phase,
      `gateway per batch: ${stages.join(' / ')}`,
      `${stages.map((s) => stagesMs[s]!.toFixed(1)).join(' / ')} ms`,
    );
  };
  const f = summaryFigures(r);
  if (r.gateway !== undefined) {
    const g = r.gateway;
    const rate = g.rate.perSecond;
    add(
      'gateway',
      'accepted and archived, steady state',
      `${n0(rate)} msg/s`,
      `>= ${n0(TARGETS.gatewayPerSecond)}`,
      rate >= TARGETS.gatewayPerSecond,
    );
    add('gateway', 'whole drain, warm-up included', `${n0(g.rate.overallPerSecond)} msg/s`);
    add(
      'gateway',
      'archived / queued, mean envelope',
      `${n0(g.archived)} / ${n0(g.messages)}, ${n0(g.meanEnvelopeBytes)} B`,
    );
    add(
      'gateway',
      'CPU per message (all threads)',
      ms(g.cpuMsPerMessage),
      `<= ${ms(TARGETS.gatewayCpuMs)}`,
      g.cpuMsPerMessage <= TARGETS.gatewayCpuMs,
    );
    add('gateway', 'CPU cores busy while draining', g.cpuCores.toFixed(2));
    addStages('gateway', g.stagesMs);
    if (!g.drainedAll) {
      notes.push(
        `gateway: the ${g.drainLimitSeconds} s drain limit ended the measurement; the rest of the backlog was discarded.`,
      );
    }
  }
  if (r.baseline !== undefined) {
    add('baseline', 'decode + verify + ack, steady state', `${n0(r.baseline.rate.perSecond)} msg/s`);
    add('baseline', 'CPU per message', ms(r.baseline.cpuMsPerMessage));
  }
  if (r.floor !== undefined) {
    const fl = r.floor;
    add('floor', 'unavoidable steps only, one thread', `${n0(fl.rate.perSecond)} msg/s`);
    add('floor', 'CPU per message', ms(fl.cpuMsPerMessage));
    if (fl.natsCpuMsPerMessage !== null) add('floor', "nats-server's CPU per message", ms(fl.natsCpuMsPerMessage));
    if (fl.ceilingPerSecond !== null) {
      add('floor', `ceiling on ${r.machine.cores} cores (all busy)`, `${n0(fl.ceilingPerSecond)} msg/s`);
    }
    if (fl.cpuMsPerMessage > TARGETS.gatewayCpuMs) {
      notes.push(
        `floor: the unavoidable steps alone cost ${ms(fl.cpuMsPerMessage)} of CPU per message, above the gateway's target of ${ms(TARGETS.gatewayCpuMs)}.`,
      );
    }
    if (!fl.drainedAll) notes.push('floor: the drain limit ended the measurement before the backlog was empty.');
  }
  if (f.gatewayRate !== undefined && f.baselineRate !== undefined) {
    const ratio = f.gatewayRate / f.baselineRate;
    add('ratio', 'gateway / baseline', ratio.toFixed(2), `>= ${TARGETS.ratio}`, ratio >= TARGETS.ratio);
  }
  const ceiling = r.floor?.ceilingPerSecond ?? null;
  if (ceiling !== null && f.baselineRate !== undefined) {
    const ratio = ceiling / f.baselineRate;
    add('ratio', 'floor ceiling / baseline', ratio.toFixed(2));
    if (ratio < TARGETS.ratio) {
      notes.push(
        `floor: with every core busy with nothing but the unavoidable steps, this machine would carry ${ratio.toFixed(2)} of the baseline, under the ratio target of ${TARGETS.ratio}.`,
      );
    }
  }
  if (r.floor !== undefined && f.gatewayRate !== undefined) {
    add('ratio', 'gateway / floor', (f.gatewayRate / r.floor.rate.perSecond).toFixed(2));
  }
  if (f.rssMb !== undefined) {
    add('gateway', 'peak RSS', `${n0(f.rssMb)} MB`, `<= ${TARGETS.gatewayRssMb} MB`, f.rssMb <= TARGETS.gatewayRssMb);
  }
  if (r.gateway !== undefined) {
    const quarters = r.gateway.peakRssByQuarterMb.map((mb) => (mb === null ? '-' : n0(mb)));
    add('gateway', 'peak RSS per quarter of the drain', `${quarters.join(' / ')} MB`);
  }
  if (r.latency !== undefined) {
    const l = r.latency;
    const bound = l.missing > 0 ? '>= ' : '';
    const at = `at ${n0(l.offeredRate)} msg/s`;
    const p99 = l.toRecipient.p99Ms;
    add('latency', `submit -> recipient p50 ${at}`, bound + ms(l.toRecipient.p50Ms));
    add('latency', 'submit -> recipient p90', bound + ms(l.toRecipient.p90Ms));
    add(
      'latency',
      'submit -> recipient p99',
      bound + ms(p99),
      `<= ${TARGETS.latencyP99Ms} ms`,
      p99 <= TARGETS.latencyP99Ms,
    );
    add('latency', 'submit -> recipient max', bound + ms(l.toRecipient.maxMs));
    add('latency', 'submit -> ACCEPTED receipt p50 / p99', `${ms(l.toReceipt.p50Ms)} / ${ms(l.toReceipt.p99Ms)}`);
    add('latency', 'routed copies timed / still missing', `${n0(l.toRecipient.count - l.missing)} / ${n0(l.missing)}`);
    const lo = l.lowLoad;
    add(
      'latency',
      `submit -> recipient p50 / p99 at ${n0(lo.offeredRate)} msg/s`,
      `${lo.missing > 0 ? '>= ' : ''}${ms(lo.toRecipient.p50Ms)} / ${ms(lo.toRecipient.p99Ms)}`,
      `p99 <= ${TARGETS.lowLoadP99Ms} ms`,
      lo.missing === 0 && lo.toRecipient.p99Ms <= TARGETS.lowLoadP99Ms,
    );
    addStages('latency', l.gatewayStagesMs);
    const c = l.cpuCores;
    add(
      'latency',
      'CPU cores busy: gateway / nats-server / load generator',
      `${c.gateway.toFixed(2)} / ${c.natsServer?.toFixed(2) ?? 'n/a'} / ${c.loadGenerator.toFixed(2)} of ${c.machineCores}`,
    );
    const [first, last] = [l.timeline[0], l.timeline[l.timeline.length - 1]];
    if (first !== undefined && last !== undefined && last !== first) {
      add('latency', 'p50 in the first / last second', `${ms(first.p50Ms)} / ${ms(last.p50Ms)}`);
    }
    if (l.missing > 0) {
      notes.push(
        `latency: the gateway did not keep up with ${n0(l.offeredRate)} msg/s; copies still missing count with the time they had waited, so the percentiles are lower bounds.`,
      );
    }
  }
  if (r.databank !== undefined || r.latency?.databank !== undefined) bankRows(r, add, notes);
  if (r.search !== undefined) searchRows(r, add, notes);
  if (r.agent !== undefined) {
    const a = r.agent;
    const rate = a.saturationPerSecond;
    add(
      'agent',
      `ingest at saturation (${a.saturationConcurrency} concurrent)`,
      `${n0(rate)} rec/s`,
      `>= ${n0(TARGETS.agentPerSecond)}`,
      rate >= TARGETS.agentPerSecond,
    );
    if ('skipped' in a.paced) {
      add('agent', `p99 at ${n0(r.plan.agentPacedRate)} req/s`, 'not run', `<= ${TARGETS.agentP99Ms} ms`, false);
      notes.push(`agent: fixed-rate run ${a.paced.skipped}.`);
    } else {
      const p = a.paced;
      add('agent', `p50 at ${n0(p.offeredPerSecond)} req/s`, ms(p.latency.p50Ms));
      add(
        'agent',
        `p99 at ${n0(p.offeredPerSecond)} req/s`,
        ms(p.latency.p99Ms),
        `<= ${TARGETS.agentP99Ms} ms`,
        p.latency.p99Ms <= TARGETS.agentP99Ms,
      );
    }
    add('agent', 'peak RSS', `${n0(a.agentPeakRssMb)} MB`);
    const h = a.handover;
    add(
      'agent',
      `webhook hand-over, fast receiver (${n0(h.items)} items, ${h.concurrency} in flight)`,
      `${n0(h.perSecond)} items/s`,
      `>= ${n0(TARGETS.handoverPerSecond)}`,
      h.perSecond >= TARGETS.handoverPerSecond,
    );
    add('agent', 'hand-over CPU per item (all threads)', ms(h.cpuMsPerItem));
  }
  if (r.archive !== undefined) {
    const a = r.archive;
    const full = a.note === undefined;
    const target = `<= ${TARGETS.archiveMedianMs} ms`;
    const check = (median: number): boolean | undefined => (full ? median <= TARGETS.archiveMedianMs : undefined);
    add('archive', `lookup by id, median, in process (${n0(a.messages)} msgs)`, ms(a.lookupInProcess.p50Ms));
    add(
      'archive',
      'lookup by id, median, GET /v1/messages/{id}',
      ms(a.lookupHttp.p50Ms),
      target,
      check(a.lookupHttp.p50Ms),
    );
    for (const [name, timing, hasTarget] of [
      ['inclusion proof, median', a.inclusionProof, true],
      ['consistency proof, median', a.consistencyProof, false],
    ] as const) {
      if (timing.available) {
        const median = timing.latency.p50Ms;
        add('archive', name, ms(median), hasTarget ? target : '', hasTarget ? check(median) : undefined);
      } else add('archive', name, 'not available');
    }
    const search = a.search;
    add(
      'archive',
      `message search page, p95 (${search.combinations} filter mixes, 50 per page)`,
      ms(search.latency.p95Ms),
      `<= ${TARGETS.searchP95Ms} ms`,
      full ? search.latency.p95Ms <= TARGETS.searchP95Ms : undefined,
    );
    add('archive', `message search, slowest mix p95 (${search.slowest.name})`, ms(search.slowest.p95Ms));
    notes.push(
      `archive: message search: ${n0(search.partialPages)} of ${n0(search.latency.count)} pages stopped at the scan budget (partial), as the rare filters of the mix do.`,
    );
    if (!a.inclusionProof.available) notes.push(`archive: proofs ${a.inclusionProof.reason}.`);
    if (a.note !== undefined) notes.push(`archive: ${a.note}.`);
  }
  if (r.replicas !== undefined) replicaRows(r.replicas, add, notes);
  return { rows, notes };
}

/** The replicas phase's rows: each drain on PostgreSQL, the appender's bound, and what more cores would carry. */
function replicaRows(
  r: NonNullable<BenchResults['replicas']>,
  add: (phase: string, metric: string, value: string, target?: string, ok?: boolean) => void,
  notes: string[],
): void {
  if (!r.available) {
    add('replicas', 'drain on PostgreSQL', 'not available');
    notes.push(`replicas: ${r.reason}.`);
    return;
  }
  for (const run of r.runs) {
    const c = run.cpuMsPerMessage;
    const name = `${run.replicas} replica${run.replicas === 1 ? '' : 's'}, NATS ${run.natsNodes === 1 ? '1 node' : `${run.natsNodes} nodes`}`;
    add('replicas', `${name}, PostgreSQL: steady state`, `${n0(run.rate.perSecond)} msg/s`);
    add(
      'replicas',
      `${name}: CPU per message, gateways / nats-servers / PostgreSQL`,
      `${Number.isFinite(c.gateways) ? c.gateways.toFixed(2) : 'n/a'} / ${c.nats?.toFixed(2) ?? 'n/a'} / ${c.postgres?.toFixed(2) ?? 'n/a'} ms`,
    );
    add('replicas', `${name}: data bank thread (apart)`, `${run.bankThreadCores.toFixed(2)} cores`);
    if (run.skippedNumbers !== 0) {
      notes.push(
        `replicas: ${name}: the archive's identity column skipped ${n0(run.skippedNumbers)} numbers (rolled-back inserts); the rate counts by it, the CPU per message by rows.`,
      );
    }
    add(
      'replicas',
      `${name}: per batch, submissions / commit`,
      `${run.meanBatch.toFixed(0)} / ${ms(run.commitMs)} (accepted per replica: ${run.acceptedByReplica.map(n0).join(' / ')})`,
    );
    if (!run.drainedAll) {
      notes.push(
        `replicas: ${name}: the drain limit ended the run at ${n0(run.archived)} of ${n0(run.messages)}; measured over that time.`,
      );
    }
  }
  add('replicas', 'the single appender at those batches (batch / commit)', `${n0(r.appenderBound)} msg/s`);
  add(
    'replicas',
    `cores -> msg/s (${r.table.map((t) => t.cores).join(' / ')})`,
    r.table.map((t) => n0(t.msgPerSecond)).join(' / '),
  );
  notes.push(`replicas: ${r.method}.`);
}

/** The databank phase's rows, and the bank's lag under the latency phase's load. */
function bankRows(
  r: BenchResults,
  add: (phase: string, metric: string, value: string, target?: string, ok?: boolean) => void,
  notes: string[],
): void {
  const d = r.databank;
  if (d !== undefined) {
    for (const engine of ['sqlite', 'postgres'] as const) {
      const p = d.projection[engine];
      const metric = `projection on ${engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`;
      if (!p.available) {
        add('databank', metric, 'not available');
        notes.push(`databank: ${metric}: ${p.reason}.`);
      } else {
        const value = `${n0(p.perSecond)} rec/s (${p.cpuMsPerEntry.toFixed(3)} ms CPU each)`;
        const sqlite = engine === 'sqlite';
        add(
          'databank',
          `${metric} (${n0(p.entries)} entries)`,
          value,
          sqlite ? `>= ${n0(TARGETS.databankPerSecond)}` : '',
          sqlite ? p.perSecond >= TARGETS.databankPerSecond : undefined,
        );
      }
    }
    notes.push(`databank: projection: ${d.method}.`);
  }
  const lag = r.latency?.databank;
  if (lag !== undefined) {
    const c = lag.catchUp;
    add('databank', 'catch-up in the gateway before the latency load', catchUpText(c));
    const u = lag.underLoad;
    const target = `< ${TARGETS.databankLagSeconds} s`;
    if (u === undefined) add('databank', `max lag at ${n0(r.latency!.offeredRate)} msg/s`, 'not sampled', target);
    else {
      add(
        'databank',
        `max lag at ${n0(r.latency!.offeredRate)} msg/s (${u.samples} samples)`,
        `${u.maxSeconds.toFixed(2)} s / ${n0(u.maxEntries)} entries`,
        target,
        u.maxSeconds < TARGETS.databankLagSeconds,
      );
    }
    const b = lag.beforeLowLoad;
    if (b !== undefined) {
      add(
        'databank',
        `catch-up before the ${n0(r.latency!.lowLoad.offeredRate)} msg/s load`,
        beforeLowLoadText(b, c.left ?? 0, r.latency!.offeredRate),
      );
    }
  }
  if (d === undefined) return;
  const reads = d.reads;
  if (!reads.available) {
    add('databank', 'dossier read / subject listing p95', 'not available');
    notes.push(`databank: dossier and listing: ${reads.reason}.`);
    return;
  }
  const full = reads.note === undefined;
  for (const [engine, t] of [
    ['SQLite', reads.sqlite],
    ['PostgreSQL', reads.postgres],
  ] as const) {
    if (!('dossier' in t)) {
      add('databank', `dossier / listing on ${engine}`, 'not available');
      notes.push(`databank: ${engine}: ${t.reason}.`);
      continue;
    }
    const size = `${n0(t.records)} records, ${n0(t.subjects)} subjects`;
    add(
      'databank',
      `dossier read p95, ${engine} (${size})`,
      ms(t.dossier.p95Ms),
      `<= ${TARGETS.dossierP95Ms} ms`,
      full ? t.dossier.p95Ms <= TARGETS.dossierP95Ms : undefined,
    );
    add(
      'databank',
      `subject listing p95, ${engine}`,
      ms(t.listing.p95Ms),
      `<= ${TARGETS.listingP95Ms} ms`,
      full ? t.listing.p95Ms <= TARGETS.listingP95Ms : undefined,
    );
  }
  notes.push(`databank: ${reads.method}.`);
  if (reads.note !== undefined) notes.push(`databank: ${reads.note}.`);
}

/** The search phase's rows: latency per engine, what the timed queries found, the labelled set's quality. */
function searchRows(
  r: BenchResults,
  add: (phase: string, metric: string, value: string, target?: string, ok?: boolean) => void,
  notes: string[],
): void {
  const s = r.search!;
  const full = s.note === undefined;
  for (const [engine, t] of [
    ['SQLite', s.engines.sqlite],
    ['PostgreSQL', s.engines.postgres],
  ] as const) {
    if (!('latency' in t)) {
      add('search', `person search on ${engine}`, 'not available');
      notes.push(`search: ${engine}: ${t.reason}.`);
      continue;
    }
    add(
      'search',
      `person search p50 / p95 / p99, ${engine} (${n0(t.persons)} persons, ${t.path})`,
      `${ms(t.latency.p50Ms)} / ${ms(t.latency.p95Ms)} / ${ms(t.latency.p99Ms)}`,
      `p95 <= ${TARGETS.personSearchP95Ms} ms`,
      full ? t.latency.p95Ms <= TARGETS.personSearchP95Ms : undefined,
    );
    add(
      'search',
      `seeded person in the first 10 / no-hit queries empty, ${engine}`,
      `${n0(t.found)} of ${n0(t.lookedFor)} / ${n0(t.noHitEmpty)} of ${n0(t.noHitQueries)}`,
    );
    add('search', `seeding, ${engine}`, `${t.seconds.toFixed(0)} s (${n0(t.tokens)} tokens)`);
  }
  const q = s.quality;
  add(
    'search',
    `recall@10 (labelled set, ${n0(q.pairs)} pairs, ${n0(q.distractors)} distractors)`,
    q.recallAt10.toFixed(3),
    `>= ${TARGETS.recallAt10}`,
    q.recallAt10 >= TARGETS.recallAt10,
  );
  add(
    'search',
    'precision@3 (labelled set)',
    q.precisionAt3.toFixed(3),
    `>= ${TARGETS.precisionAt3}`,
    q.precisionAt3 >= TARGETS.precisionAt3,
  );
  memberRoundTripRows(s.memberRoundTrip, full, add, notes);
  notes.push(`search: ${s.method}.`);
  if (s.note !== undefined) notes.push(`search: ${s.note}.`);
}

/** The member round trip's rows: latency through an agent at a fixed rate, and what did not come back. */
function memberRoundTripRows(
  rt: NonNullable<BenchResults['search']>['memberRoundTrip'],
  /** The bank is the target's size: only then is the verdict given. */
  full: boolean,
  add: (phase: string, metric: string, value: string, target?: string, ok?: boolean) => void,
  notes: string[],
): void {
  const target = `p95 <= ${TARGETS.memberSearchP95Ms} ms`;
  if (!rt.available) {
    add('search', 'member round trip (agent -> centre -> agent)', 'not measured', target);
    notes.push(`search: member round trip: ${rt.reason}.`);
    return;
  }
  const rate = Math.round(rt.offeredPerSecond);
  add(
    'search',
    `member round trip p50 / p95 / p99 at ${rate} queries/s (SQLite bank)`,
    rt.answered === 0 ? 'none answered' : `${ms(rt.latency.p50Ms)} / ${ms(rt.latency.p95Ms)} / ${ms(rt.latency.p99Ms)}`,
    target,
    rt.answered === 0
      ? false
      : full
        ? rt.latency.p95Ms <= TARGETS.memberSearchP95Ms && rt.timeouts === 0 && rt.errors === 0
        : undefined,
  );
  add('search', 'member round trip, one search at a time (median)', ms(rt.oneAtATimeMs));
  add(
    'search',
    'member searches answered / timed out / failed',
    `${n0(rt.answered)} / ${n0(rt.timeouts)} / ${n0(rt.errors)} of ${n0(rt.sent)} in ${rt.seconds} s (${rt.answeredPerSecond.toFixed(1)} answers/s steady)`,
  );
  if (rt.timeouts > 0) {
    notes.push(
      `search: member round trip: ${n0(rt.timeouts)} searches had no answer within the agent's wait (202); the percentiles count only those answered, so they are lower bounds.`,
    );
  }
  if (rt.firstError !== undefined) notes.push(`search: member round trip: first failure: ${rt.firstError}.`);
  notes.push(`search: member round trip: ${rt.method}.`);
}

/** The results as an aligned text table, with the machine and method above and notes below. */
export function renderResultsTable(r: BenchResults): string {
  const { rows, notes } = resultReport(r);
  const header = { phase: 'phase', metric: 'metric', value: 'value', target: 'target', verdict: '' };
  const cols = ['phase', 'metric', 'value', 'target', 'verdict'] as const;
  const width = Object.fromEntries(cols.map((c) => [c, Math.max(...[header, ...rows].map((x) => x[c].length))]));
  const line = (x: Row): string =>
    cols
      .map((c) => x[c].padEnd(width[c]!))
      .join('  ')
      .trimEnd();
  const m = r.machine;
  const lines = [
    `ATC Exchange benchmark (${r.mode} run, ${r.durationSeconds.toFixed(0)} s: ${Object.entries(r.phaseSeconds)
      .map(([p, s]) => `${p} ${s.toFixed(0)} s`)
      .join(', ')})`,
    `machine: ${m.cores} cores ${m.cpuModel}, ${m.memoryGiB} GiB, ${m.os}; node ${m.node}; nats-server ${m.natsServer}; load average at start ${m.loadAverageAtStart.join(' ')}`,
  ];
  if (r.gateway !== undefined) lines.push(`gateway method: ${r.gateway.method}`);
  if (r.mode === 'quick') lines.push('quick run: short phases; the targets apply to a full run');
  lines.push('', line(header), ...rows.map(line));
  if (notes.length > 0) lines.push('', ...notes);
  if (r.gatewayProfile !== undefined) {
    lines.push('', `gateway CPU profile (${(r.gatewayProfile.sampledMs / 1000).toFixed(1)} s sampled), top self time:`);
    for (const h of r.gatewayProfile.bySelf.slice(0, 12)) {
      lines.push(
        `  ${h.selfPercent.toFixed(1).padStart(5)}%  (total ${h.totalPercent.toFixed(1).padStart(5)}%)  ${h.name}`,
      );
    }
  }
  return lines.join('\n');
}

/**
 * The bank's wait before the latency phase's lighter load, which waits until the bank is back
 * `target` entries behind (where the offered load found it).
 */
function beforeLowLoadText(b: BankCatchUp, target: number, offeredRate: number): string {
  if (target === 0) return catchUpText(b);
  if (b.entries <= target) {
    return `${n0(b.entries)} entries behind, no more than the ${n0(offeredRate)} msg/s load found: no wait`;
  }
  const end = b.caughtUp ? `, as the ${n0(offeredRate)} msg/s load found it` : ` (not back to ${n0(target)})`;
  return `from ${n0(b.entries)} to ${n0(b.left)} entries behind in ${b.seconds.toFixed(1)} s${end}`;
}

/** A wait for the bank to catch up with the archive: entries behind, seconds, and whether it did. */
function catchUpText(c: BankCatchUp): string {
  return `${n0(c.entries)} entries in ${c.seconds.toFixed(1)} s${c.caughtUp ? '' : ` (not caught up: ${n0(c.left)} behind)`}`;
}

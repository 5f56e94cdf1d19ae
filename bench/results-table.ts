import { TARGETS, summaryFigures, type BenchResults } from './bench-results.js';

/** One line of the results table. */
interface Row {
  readonly phase: string;
  readonly metric: string;
  readonly value: string;
  readonly target: string;
  readonly verdict: string;
}

const n0 = (x: number): string => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'n/a');
const ms = (x: number): string => (Number.isFinite(x) ? `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms` : 'n/a');
const verdict = (ok: boolean | undefined): string => (ok === undefined ? '' : ok ? 'meets' : 'MISSES');

/**
 * Rows of the readable results table: each measured figure with its target and whether the
 * run meets it (targets are for a full run on 2 cores; a quick run only indicates).
 */
export function resultRows(r: BenchResults): Row[] {
  const rows: Row[] = [];
  const add = (phase: string, metric: string, value: string, target = '', ok?: boolean): void => {
    rows.push({ phase, metric, value, target, verdict: verdict(ok) });
  };
  const f = summaryFigures(r);
  if (r.gateway !== undefined) {
    const g = r.gateway;
    add(
      'gateway',
      'accepted and archived, steady state',
      `${n0(g.rate.perSecond)} msg/s`,
      `>= ${n0(TARGETS.gatewayPerSecond)}`,
      g.rate.perSecond >= TARGETS.gatewayPerSecond,
    );
    add('gateway', 'whole drain, warm-up included', `${n0(g.rate.overallPerSecond)} msg/s`);
    add(
      'gateway',
      g.drainedAll
        ? 'backlog drained / mean envelope'
        : `archived in the ${g.drainLimitSeconds} s limit / mean envelope`,
      `${n0(g.archived)} of ${n0(g.messages)} / ${n0(g.meanEnvelopeBytes)} B`,
    );
    add('gateway', 'CPU per message', ms(g.cpuMsPerMessage), '', undefined);
    add('gateway', 'CPU cores busy while draining', g.cpuCores.toFixed(2));
  }
  if (r.baseline !== undefined) {
    add('baseline', 'decode + verify + ack, steady state', `${n0(r.baseline.rate.perSecond)} msg/s`);
    add('baseline', 'CPU per message', ms(r.baseline.cpuMsPerMessage));
  }
  if (f.gatewayRate !== undefined && f.baselineRate !== undefined) {
    const ratio = f.gatewayRate / f.baselineRate;
    add('gateway', 'ratio gateway / baseline', ratio.toFixed(2), `>= ${TARGETS.ratio}`, ratio >= TARGETS.ratio);
  }
  if (f.rssMb !== undefined)
    add('gateway', 'peak RSS', `${n0(f.rssMb)} MB`, `<= ${TARGETS.gatewayRssMb} MB`, f.rssMb <= TARGETS.gatewayRssMb);
  if (r.latency !== undefined) {
    const l = r.latency;
    const offered = `at ${n0(l.offeredRate)} msg/s`;
    add('latency', `submit -> recipient p50 ${offered}`, ms(l.toRecipient.p50Ms));
    add('latency', `submit -> recipient p90`, ms(l.toRecipient.p90Ms));
    add(
      'latency',
      `submit -> recipient p99`,
      ms(l.toRecipient.p99Ms),
      `<= ${TARGETS.latencyP99Ms} ms`,
      l.toRecipient.p99Ms <= TARGETS.latencyP99Ms,
    );
    add('latency', `submit -> recipient max`, ms(l.toRecipient.maxMs));
    add('latency', 'submit -> ACCEPTED receipt p50 / p99', `${ms(l.toReceipt.p50Ms)} / ${ms(l.toReceipt.p99Ms)}`);
    add('latency', 'copies measured / missing', `${n0(l.toRecipient.count)} / ${n0(l.missing)}`);
  }
  if (r.agent !== undefined) {
    const a = r.agent;
    add(
      'agent',
      `ingest at saturation (${a.saturationConcurrency} concurrent)`,
      `${n0(a.saturationPerSecond)} rec/s`,
      `>= ${n0(TARGETS.agentPerSecond)}`,
      a.saturationPerSecond >= TARGETS.agentPerSecond,
    );
    add('agent', `p50 at ${n0(a.paced.offeredPerSecond)} req/s`, ms(a.paced.latency.p50Ms));
    add(
      'agent',
      `p99 at ${n0(a.paced.offeredPerSecond)} req/s`,
      ms(a.paced.latency.p99Ms),
      `<= ${TARGETS.agentP99Ms} ms`,
      a.paced.latency.p99Ms <= TARGETS.agentP99Ms,
    );
    add('agent', 'peak RSS', `${n0(a.agentPeakRssMb)} MB`);
  }
  if (r.archive !== undefined) {
    const a = r.archive;
    const full = a.note === undefined;
    const at = `(${n0(a.messages)} messages)`;
    const target = `<= ${TARGETS.archiveMedianMs} ms`;
    const check = (median: number): boolean | undefined => (full ? median <= TARGETS.archiveMedianMs : undefined);
    add('archive', `lookup by id, median ${at}, in process`, ms(a.lookupInProcess.p50Ms));
    add(
      'archive',
      'lookup by id, median, GET /v1/messages/{id}',
      ms(a.lookupHttp.p50Ms),
      target,
      check(a.lookupHttp.p50Ms),
    );
    for (const [name, timing] of [
      ['inclusion proof, median', a.inclusionProof],
      ['consistency proof, median', a.consistencyProof],
    ] as const) {
      if (timing.available)
        add(
          'archive',
          name,
          ms(timing.latency.p50Ms),
          name.startsWith('inclusion') ? target : '',
          name.startsWith('inclusion') ? check(timing.latency.p50Ms) : undefined,
        );
      else add('archive', name, 'not available', '', undefined);
    }
    if (!full) add('archive', 'note', a.note ?? '');
  }
  return rows;
}

/** The results as an aligned text table, with the machine and method lines above it. */
export function renderResultsTable(r: BenchResults): string {
  const rows = resultRows(r);
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
    `ATC Exchange benchmark (${r.mode} run, ${r.durationSeconds.toFixed(0)} s)`,
    `machine: ${m.cores} cores ${m.cpuModel}, ${m.memoryGiB} GiB, ${m.os}; node ${m.node}; nats-server ${m.natsServer}; load average at start ${m.loadAverageAtStart.join(' ')}`,
  ];
  if (r.gateway !== undefined) lines.push(`gateway method: ${r.gateway.method}`);
  if (r.mode === 'quick') lines.push('quick run: short phases; targets apply to a full run');
  lines.push('', line(header), ...rows.map(line));
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

/** The figures of the last line of a run; undefined where the phase did not run. */
export interface SummaryFigures {
  /** Gateway steady-state throughput, messages per second. */
  readonly gatewayRate: number | undefined;
  /** Baseline consumer steady-state throughput, messages per second. */
  readonly baselineRate: number | undefined;
  /** p99 of submit -> recipient inbox at the fixed offered load, ms. */
  readonly p99Ms: number | undefined;
  /** Gateway peak resident memory, MB (MiB). */
  readonly rssMb: number | undefined;
  /** Data bank projection on SQLite, archive entries (records) applied per second. */
  readonly databankRate: number | undefined;
  /** Dossier read p95 in the data bank, ms (the slower engine measured). */
  readonly dossierP95Ms: number | undefined;
  /** Person search p95, ms (the slower engine measured). */
  readonly searchP95Ms: number | undefined;
  /** Person search recall@10 on the labelled set, 0..1. */
  readonly recallAt10: number | undefined;
  /** Member search round trip (agent -> centre -> agent) p95, ms; absent when not measured. */
  readonly memberRoundTripP95Ms?: number | undefined;
}

/**
 * The last line of `npm run bench`, exactly
 * `bench: gateway=<msgs/s> baseline=<msgs/s> ratio=<2 decimals> p99_ms=<ms> rss_mb=<MB> databank_rps=<records/s> dossier_p95_ms=<ms> search_p95_ms=<ms> recall10=<2 decimals>`,
 * then ` member_rt_p95_ms=<ms>` when the member round trip was measured;
 * a figure that was not measured reads `n/a`.
 */
export function formatSummaryLine(f: SummaryFigures): string {
  const ratio =
    f.gatewayRate !== undefined && f.baselineRate !== undefined && f.baselineRate > 0
      ? (f.gatewayRate / f.baselineRate).toFixed(2)
      : 'n/a';
  return [
    'bench:',
    `gateway=${whole(f.gatewayRate)}`,
    `baseline=${whole(f.baselineRate)}`,
    `ratio=${ratio}`,
    `p99_ms=${oneDecimal(f.p99Ms)}`,
    `rss_mb=${whole(f.rssMb)}`,
    `databank_rps=${whole(f.databankRate)}`,
    `dossier_p95_ms=${oneDecimal(f.dossierP95Ms)}`,
    `search_p95_ms=${oneDecimal(f.searchP95Ms)}`,
    `recall10=${usable(f.recallAt10) ? f.recallAt10.toFixed(2) : 'n/a'}`,
    ...(usable(f.memberRoundTripP95Ms) ? [`member_rt_p95_ms=${oneDecimal(f.memberRoundTripP95Ms)}`] : []),
  ].join(' ');
}

function usable(n: number | undefined): n is number {
  return n !== undefined && Number.isFinite(n);
}

function whole(n: number | undefined): string {
  return usable(n) ? String(Math.round(n)) : 'n/a';
}

function oneDecimal(n: number | undefined): string {
  return usable(n) ? n.toFixed(1) : 'n/a';
}

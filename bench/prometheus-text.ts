/**
 * The sum of every series of metric `name` in a Prometheus text exposition (all label
 * combinations); 0 when the metric has no series yet.
 */
export function sumMetric(text: string, name: string): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (rest[0] !== '{' && rest[0] !== ' ') continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (Number.isFinite(value)) sum += value;
  }
  return sum;
}

/** The text of `url`/metrics; throws when the endpoint does not answer 200. */
export async function fetchMetricsText(url: string): Promise<string> {
  const res = await fetch(`${url}/metrics`);
  if (res.status !== 200) throw new Error(`${url}/metrics answered ${res.status}`);
  return res.text();
}

/** Fetches `url`/metrics and sums `names`; throws when the endpoint does not answer 200. */
export async function scrapeMetrics(url: string, names: readonly string[]): Promise<Record<string, number>> {
  const text = await fetchMetricsText(url);
  return Object.fromEntries(names.map((n) => [n, sumMetric(text, n)]));
}

/** Count and mean of one histogram per value of `label` (from its `_sum` and `_count` series). */
export function histogramByLabel(
  text: string,
  name: string,
  label: string,
): Record<string, { readonly count: number; readonly mean: number }> {
  const sums = new Map<string, number>();
  const counts = new Map<string, number>();
  const pattern = new RegExp(`^${name}_(sum|count)\\{(?:[^}]*,)?${label}="([^"]*)"[^}]*\\} (\\S+)$`);
  for (const line of text.split('\n')) {
    const m = pattern.exec(line);
    if (m === null) continue;
    (m[1] === 'sum' ? sums : counts).set(m[2]!, Number(m[3]));
  }
  return Object.fromEntries(
    [...counts].map(([value, count]) => [value, { count, mean: count === 0 ? 0 : (sums.get(value) ?? 0) / count }]),
  );
}

/** The mean time a batch spent in each pipeline stage (`atc_gateway_stage_seconds`), ms, in a gateway's metrics text. */
export function gatewayStageMeansMs(text: string): Record<string, number> {
  const stages = histogramByLabel(text, 'atc_gateway_stage_seconds', 'stage');
  return Object.fromEntries(Object.entries(stages).map(([stage, { mean }]) => [stage, mean * 1000]));
}

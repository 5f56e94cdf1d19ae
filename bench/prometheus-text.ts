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

/** Fetches `url`/metrics and sums `names`; throws when the endpoint does not answer 200. */
export async function scrapeMetrics(url: string, names: readonly string[]): Promise<Record<string, number>> {
  const res = await fetch(`${url}/metrics`);
  if (res.status !== 200) throw new Error(`${url}/metrics answered ${res.status}`);
  const text = await res.text();
  return Object.fromEntries(names.map((n) => [n, sumMetric(text, n)]));
}

/** The series the rate chart draws. */
export const RATE_KINDS = ['accepted', 'rejected', 'delivered'] as const;

/** One of the charted kinds. */
export type RateKind = (typeof RATE_KINDS)[number];

/** uPlot's data: times in seconds, then one series per kind (events per second). */
export type RateData = [number[], number[], number[], number[]];

/**
 * Events per second over the last `spanSeconds`, counted as they arrive from the live
 * feed. Seconds with no event count zero; older seconds are dropped.
 */
export class RateSeries {
  private readonly counts = new Map<number, [number, number, number]>();

  constructor(private readonly spanSeconds = 300) {}

  /** Counts one event of `kind` that arrived at `atMs`. */
  record(kind: RateKind, atMs: number): void {
    const second = Math.floor(atMs / 1000);
    const row = this.counts.get(second) ?? [0, 0, 0];
    row[RATE_KINDS.indexOf(kind)]! += 1;
    this.counts.set(second, row);
  }

  /** The chart's data ending at `nowMs`, one point per second. */
  data(nowMs: number): RateData {
    const end = Math.floor(nowMs / 1000);
    const start = end - this.spanSeconds + 1;
    for (const second of this.counts.keys()) if (second < start) this.counts.delete(second);
    const out: RateData = [[], [], [], []];
    for (let s = start; s <= end; s++) {
      const row = this.counts.get(s);
      out[0].push(s);
      out[1].push(row?.[0] ?? 0);
      out[2].push(row?.[1] ?? 0);
      out[3].push(row?.[2] ?? 0);
    }
    return out;
  }
}

/**
 * One measurement of how far this agent's clock is ahead of the centre's (negative: behind),
 * as bounds in milliseconds: the true offset lies between `low` and `high`. A request answered
 * with the centre's time gives bounds as wide as its round trip; a receipt gives bounds from
 * when the agent signed the message to when the receipt arrived.
 */
export interface OffsetSample {
  readonly low: number;
  readonly high: number;
}

/** What a {@link ClockOffsetEstimate} keeps. */
export interface ClockOffsetEstimateOptions {
  /** Samples whose bounds are wider than this are too uncertain (a receipt read from a backlog) and dropped. */
  readonly maxWidthMs: number;
  /** How many recent samples the median is taken over. */
  readonly keep: number;
  /** Samples older than this (monotonic time) no longer count. */
  readonly maxAgeMs: number;
  /** Monotonic milliseconds, for the samples' age: a stepped wall clock must not age them. */
  readonly monotonic: () => number;
}

/**
 * A robust estimate of the agent's clock offset from the centre: the median of the midpoints of
 * the most recent narrow samples, so that one slow answer or one odd receipt moves nothing.
 */
export class ClockOffsetEstimate {
  private readonly samples: { readonly mid: number; readonly at: number }[] = [];

  constructor(private readonly options: ClockOffsetEstimateOptions) {}

  /** Takes a sample; returns false when it was too uncertain to count. */
  add(sample: OffsetSample): boolean {
    const width = sample.high - sample.low;
    if (!(width >= 0) || width > this.options.maxWidthMs) return false;
    this.samples.push({ mid: (sample.low + sample.high) / 2, at: this.options.monotonic() });
    if (this.samples.length > this.options.keep) this.samples.shift();
    return true;
  }

  /** The estimated offset in milliseconds (positive: this clock is ahead), or `undefined` without recent samples. */
  offsetMs(): number | undefined {
    const oldest = this.options.monotonic() - this.options.maxAgeMs;
    while (this.samples.length > 0 && this.samples[0]!.at < oldest) this.samples.shift();
    if (this.samples.length === 0) return undefined;
    const sorted = this.samples.map((s) => s.mid).sort((a, b) => a - b);
    const half = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[half]! : (sorted[half - 1]! + sorted[half]!) / 2;
  }
}

/**
 * A latency histogram in the manner of HdrHistogram: values are kept in microseconds in
 * log-linear buckets (exact below 256 us, then 128 sub-buckets per power of two), so every
 * percentile is within 1% of the true value while memory stays constant whatever the
 * number of samples. Values are recorded and reported in milliseconds.
 */
export class Histogram {
  /** Sub-buckets per power of two; 128 gives a relative error below 1/128 (0.8%). */
  static readonly SUB_BUCKETS = 128;
  private readonly counts = new Map<number, number>();
  private total = 0;
  private sumUs = 0;
  private minUs = Number.POSITIVE_INFINITY;
  private maxUs = 0;

  /** Records one value in milliseconds (negative values count as 0). */
  record(ms: number): void {
    const us = Math.max(0, Math.round(ms * 1000));
    const index = bucketIndex(us);
    this.counts.set(index, (this.counts.get(index) ?? 0) + 1);
    this.total++;
    this.sumUs += us;
    if (us < this.minUs) this.minUs = us;
    if (us > this.maxUs) this.maxUs = us;
  }

  /** Number of values recorded. */
  get count(): number {
    return this.total;
  }

  /** Largest value recorded, exact, in ms (NaN when empty). */
  get max(): number {
    return this.total === 0 ? Number.NaN : this.maxUs / 1000;
  }

  /** Smallest value recorded, exact, in ms (NaN when empty). */
  get min(): number {
    return this.total === 0 ? Number.NaN : this.minUs / 1000;
  }

  /** Mean of the values, in ms (NaN when empty). */
  get mean(): number {
    return this.total === 0 ? Number.NaN : this.sumUs / this.total / 1000;
  }

  /**
   * The value at percentile `p` (0 < p <= 100) in ms: the highest value of the bucket that
   * holds the sample of that rank, never above the largest value recorded. NaN when empty.
   */
  percentile(p: number): number {
    if (!(p > 0 && p <= 100)) throw new RangeError(`a percentile is in (0, 100], not ${p}`);
    if (this.total === 0) return Number.NaN;
    const rank = Math.ceil((p / 100) * this.total);
    let seen = 0;
    for (const index of [...this.counts.keys()].sort((a, b) => a - b)) {
      seen += this.counts.get(index)!;
      if (seen >= rank) return Math.min(bucketHighest(index), this.maxUs) / 1000;
    }
    return this.maxUs / 1000;
  }

  /** Count, mean, p50, p90, p95, p99 and max in ms, for reports. */
  summary(): LatencySummary {
    return {
      count: this.total,
      meanMs: this.mean,
      p50Ms: this.percentile(50),
      p90Ms: this.percentile(90),
      p95Ms: this.percentile(95),
      p99Ms: this.percentile(99),
      maxMs: this.max,
    };
  }
}

/** The usual percentiles of a {@link Histogram}, in ms. */
export interface LatencySummary {
  readonly count: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

const SUB = Histogram.SUB_BUCKETS;
const EXACT_BELOW = 2 * SUB;
/** Bits of a sub-bucket number: SUB <= sub < 2 * SUB. */
const SUB_BITS = Math.log2(SUB) + 1;

function bucketIndex(us: number): number {
  if (us < EXACT_BELOW) return us;
  // Integer bit arithmetic (values are clamped to 32 bits: over an hour in microseconds).
  const value = Math.min(us, 0xffff_ffff);
  const shift = 32 - Math.clz32(value) - SUB_BITS;
  return indexOf(shift, value >>> shift);
}

function indexOf(shift: number, sub: number): number {
  return EXACT_BELOW + (shift - 1) * SUB + (sub - SUB);
}

function bucketHighest(index: number): number {
  if (index < EXACT_BELOW) return index;
  const shift = Math.floor((index - EXACT_BELOW) / SUB) + 1;
  const sub = ((index - EXACT_BELOW) % SUB) + SUB;
  return (sub + 1) * 2 ** shift - 1;
}

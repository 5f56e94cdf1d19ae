/** A progress sample: how many were done at a time (ms, any monotonic origin). */
export interface ProgressSample {
  readonly atMs: number;
  readonly done: number;
}

/** Which part of a run counts as steady state. */
export interface SteadyWindow {
  /** Fraction of the total treated as warm-up (JIT, caches, first batches). Default 0.1. */
  readonly warmupFraction?: number;
  /** Fraction of the total after which the tail (backlog running dry) is ignored. Default 0.95. */
  readonly endFraction?: number;
}

/** The steady-state rate and the window it was measured over. */
export interface SteadyRate {
  /** Items per second inside the window. */
  readonly perSecond: number;
  /** Items per second from the first to the last sample, warm-up included. */
  readonly overallPerSecond: number;
  readonly windowStartMs: number;
  readonly windowEndMs: number;
  readonly windowItems: number;
}

/**
 * The rate between the first sample past the warm-up fraction of `total` and the last
 * sample not past the end fraction, so that neither start-up nor the last, partial batches
 * count. Falls back to the whole run when the window holds fewer than two samples.
 */
export function steadyRate(samples: readonly ProgressSample[], total: number, window: SteadyWindow = {}): SteadyRate {
  if (samples.length < 2) throw new RangeError('a rate needs at least two progress samples');
  const first = samples[0]!;
  const last = samples[samples.length - 1]!;
  const overall = ratePerSecond(first, last);
  const warm = total * (window.warmupFraction ?? 0.1);
  const end = total * (window.endFraction ?? 0.95);
  const startIndex = samples.findIndex((s) => s.done >= warm);
  let endIndex = -1;
  for (let i = samples.length - 1; i >= 0; i--) {
    if (samples[i]!.done <= end) {
      endIndex = i;
      break;
    }
  }
  const from = startIndex < 0 ? first : samples[startIndex]!;
  const to = endIndex <= startIndex ? last : samples[endIndex]!;
  const useWindow = startIndex >= 0 && endIndex > startIndex && to.atMs > from.atMs;
  const a = useWindow ? from : first;
  const b = useWindow ? to : last;
  return {
    perSecond: ratePerSecond(a, b),
    overallPerSecond: overall,
    windowStartMs: a.atMs,
    windowEndMs: b.atMs,
    windowItems: b.done - a.done,
  };
}

function ratePerSecond(a: ProgressSample, b: ProgressSample): number {
  const ms = b.atMs - a.atMs;
  return ms > 0 ? ((b.done - a.done) * 1000) / ms : 0;
}

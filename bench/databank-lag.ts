/** The data bank's position as a gateway's `/readyz` reports it (its `databank` detail). */
export interface BankPosition {
  /** Next leaf the projection applies. */
  readonly cursor: number;
  /** Leaves in the archive log. */
  readonly size: number;
  /** Leaves not yet applied. */
  readonly lag: number;
}

/** How far the bank fell behind the log while it was sampled. */
export interface BankLagSummary {
  readonly samples: number;
  readonly intervalMs: number;
  /** Most leaves archived and not yet applied at any sample. */
  readonly maxEntries: number;
  /**
   * Longest an archived leaf waited for the projection, in seconds: at each sample, the time
   * since the sample before the one where the oldest unapplied leaf first appeared in the log
   * (an upper bound, by at most one interval).
   */
  readonly maxSeconds: number;
}

const DETAIL = /lag (\d+) entries \(cursor (\d+) of (\d+)\)/;

/** Reads the bank's position from `url`/readyz; undefined when the gateway reports no data bank. */
export async function readBankPosition(url: string): Promise<BankPosition | undefined> {
  // A gateway that does not answer must not hold a wait past its limit.
  const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5_000) });
  const body = (await res.json()) as { checks?: { name: string; reason?: string }[] };
  const reason = body.checks?.find((c) => c.name === 'databank')?.reason;
  const m = reason === undefined ? null : DETAIL.exec(reason);
  if (m === null) return undefined;
  return { lag: Number(m[1]), cursor: Number(m[2]), size: Number(m[3]) };
}

/**
 * Samples the bank's position every `intervalMs` while a load runs, and summarises how far
 * behind the log it fell, in entries and in seconds.
 */
export class BankLagSampler {
  readonly #samples: { readonly at: number; readonly position: BankPosition }[] = [];
  #timer: NodeJS.Timeout | undefined;
  #inFlight: Promise<void> | undefined;

  constructor(
    private readonly url: string,
    private readonly intervalMs = 100,
  ) {}

  start(): void {
    this.#timer ??= setInterval(() => {
      if (this.#inFlight !== undefined) return;
      const at = performance.now();
      this.#inFlight = readBankPosition(this.url)
        .then((position) => {
          if (position !== undefined) this.#samples.push({ at, position });
        })
        .catch(() => undefined)
        .finally(() => {
          this.#inFlight = undefined;
        });
    }, this.intervalMs);
  }

  /** Stops sampling; undefined when no sample could be read (a gateway without a data bank). */
  async stop(): Promise<BankLagSummary | undefined> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#inFlight;
    return summarizeLag(this.#samples, this.intervalMs);
  }
}

/** The summary of position samples taken every `intervalMs`, in time order. */
export function summarizeLag(
  samples: readonly { readonly at: number; readonly position: BankPosition }[],
  intervalMs: number,
): BankLagSummary | undefined {
  if (samples.length === 0) return undefined;
  let maxEntries = 0;
  let maxMs = 0;
  let first = 0;
  for (const { at, position } of samples) {
    maxEntries = Math.max(maxEntries, position.lag);
    if (position.lag === 0) continue;
    // The first sample whose log already held the oldest unapplied leaf (leaf `cursor`).
    while (first < samples.length - 1 && samples[first]!.position.size <= position.cursor) first++;
    const appeared = samples[Math.max(0, first - 1)]!.at;
    maxMs = Math.max(maxMs, at - appeared);
  }
  return { samples: samples.length, intervalMs, maxEntries, maxSeconds: maxMs / 1000 };
}

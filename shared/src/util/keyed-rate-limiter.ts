/** How fast one key may go: `perMinute` on average, with bursts of up to `burst`. */
export interface RateLimit {
  readonly perMinute: number;
  readonly burst: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Keys kept before full buckets are dropped (a full bucket is the same as no bucket). */
const PRUNE_ABOVE = 10_000;

/**
 * Token buckets per key (a member, a token): each take costs one token; tokens come back at
 * `perMinute / 60` per second up to `burst`. In memory and per process: with several replicas
 * each one limits what it serves.
 */
export class KeyedRateLimiter {
  readonly #buckets = new Map<string, Bucket>();
  readonly #perMs: number;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {
    if (!(limit.perMinute > 0) || !(limit.burst >= 1)) {
      throw new RangeError(`a rate limit needs perMinute > 0 and burst >= 1 (got ${limit.perMinute}, ${limit.burst})`);
    }
    this.#perMs = limit.perMinute / 60_000;
  }

  /** Takes one token for `key`: 0 when allowed, else the milliseconds until one is available. */
  take(key: string): number {
    const now = this.now();
    const bucket = this.#buckets.get(key) ?? { tokens: this.limit.burst, at: now };
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + Math.max(0, now - bucket.at) * this.#perMs);
    bucket.at = now;
    if (bucket.tokens < 1) {
      this.#buckets.set(key, bucket);
      return Math.ceil((1 - bucket.tokens) / this.#perMs);
    }
    bucket.tokens -= 1;
    this.#buckets.set(key, bucket);
    if (this.#buckets.size > PRUNE_ABOVE) this.#prune(now);
    return 0;
  }

  #prune(now: number): void {
    for (const [key, b] of this.#buckets) {
      if (b.tokens + (now - b.at) * this.#perMs >= this.limit.burst) this.#buckets.delete(key);
    }
  }
}

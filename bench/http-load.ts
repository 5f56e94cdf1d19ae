import { Histogram, type LatencySummary } from './histogram.js';
import type { HttpClient } from './http-client.js';

/** One request of a load run: its body is made per request number. */
export interface LoadRequest {
  readonly method: string;
  readonly path: string;
  body(n: number): string;
  /** Statuses that count as success. */
  readonly ok: readonly number[];
}

/** The outcome of a load run. */
export interface LoadResult {
  readonly requests: number;
  /** Answers with a status outside `ok`, and transport errors. */
  readonly errors: number;
  /** Successful requests per second. */
  readonly perSecond: number;
  readonly latency: LatencySummary;
  /** The first unexpected answer, to show the operator. */
  readonly firstError: string | undefined;
}

class Tally {
  readonly latency = new Histogram();
  requests = 0;
  errors = 0;
  firstError: string | undefined;

  async run(client: HttpClient, req: LoadRequest, n: number): Promise<void> {
    this.requests++;
    try {
      const res = await client.send(req.method, req.path, req.body(n));
      if (req.ok.includes(res.status)) this.latency.record(res.ms);
      else {
        this.errors++;
        this.firstError ??= `${res.status} ${res.body.slice(0, 300)}`;
      }
    } catch (e) {
      this.errors++;
      this.firstError ??= (e as Error).message;
    }
  }

  result(seconds: number): LoadResult {
    return {
      requests: this.requests,
      errors: this.errors,
      perSecond: this.latency.count / seconds,
      latency: this.latency.summary(),
      firstError: this.firstError,
    };
  }
}

/**
 * Closed loop: `concurrency` callers, each sending its next request as soon as the last one
 * is answered, for `seconds`. Measures what the service sustains at that concurrency.
 */
export async function closedLoop(
  client: HttpClient,
  req: LoadRequest,
  concurrency: number,
  seconds: number,
  firstNumber: number,
): Promise<LoadResult> {
  const tally = new Tally();
  const started = performance.now();
  const end = started + seconds * 1000;
  let n = firstNumber;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) await tally.run(client, req, n++);
    }),
  );
  return tally.result((performance.now() - started) / 1000);
}

/**
 * Open loop: requests started at a fixed `rate` per second for `seconds`, whatever the
 * answers; latency is counted from each request's send, so a slow service cannot slow
 * down the offered load (no coordinated omission from the client side).
 */
export async function openLoop(
  client: HttpClient,
  req: LoadRequest,
  rate: number,
  seconds: number,
  firstNumber: number,
): Promise<LoadResult & { readonly offeredPerSecond: number }> {
  const tally = new Tally();
  const total = Math.round(rate * seconds);
  const pending: Promise<void>[] = [];
  const started = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) * rate) / 1000) + 1);
    while (sent < due) pending.push(tally.run(client, req, firstNumber + sent++));
    await new Promise((r) => setTimeout(r, 1));
  }
  const offeredSeconds = (performance.now() - started) / 1000;
  await Promise.all(pending);
  return { ...tally.result(offeredSeconds), offeredPerSecond: total / offeredSeconds };
}

import { HttpClient } from './http-client.js';

/** How the load generator reaches the sending agent (its address survives restarts). */
export interface SoakLoadTarget {
  readonly url: string;
  readonly apiKey: string;
  /** The `POST /v1/messages` body of record number `n`. */
  body(n: number): string;
}

/** Counts of the load generator so far. */
export interface SoakLoadCounts {
  /** Records offered (each once, however often it was tried). */
  readonly offered: number;
  /**
   * Records the pacer did not offer because as many as {@link SoakLoad.maxAwaiting} were
   * still waiting for their 202: the agent could not keep up with the rate on this machine.
   */
  readonly heldBack: number;
  /** The most records that may await their 202 at once. */
  readonly maxAwaiting: number;
  /** Records the agent took (202). */
  readonly accepted: number;
  /** Records still waiting for their 202 (the agent was down, restarting or not ready). */
  readonly awaiting: number;
  /** Attempts that got no 202 and were tried again: connection refused, 503, no answer. */
  readonly retried: number;
  /** Records the agent refused outright (4xx): a bug of the soak or of the agent. */
  readonly refused: number;
  readonly firstRefusal: string | undefined;
}

/** How long a failed attempt waits before the same record is tried again. */
const RETRY_AFTER_MS = 1_000;
/** A request not answered in this long is tried again (with the same Idempotency-Key). */
const REQUEST_TIMEOUT_MS = 15_000;

/**
 * The national system in front of the sending agent: offers records at a fixed rate (open
 * loop) and, like an integrator following the README, tries each one again with the same
 * `Idempotency-Key` until the agent answers 202, so that a record whose answer was lost in a
 * crash is neither lost nor sent twice.
 */
export class SoakLoad {
  private readonly client: HttpClient;
  /** Record number -> message id, once the agent answered 202. */
  readonly messageIds = new Map<number, string>();
  private readonly awaiting = new Set<number>();
  private readonly retryQueue: { n: number; at: number }[] = [];
  private offered = 0;
  private heldBack = 0;
  private retried = 0;
  private refused = 0;
  private firstRefusal: string | undefined;
  private offering = false;
  private pacer: Promise<void> | undefined;
  private retrier: NodeJS.Timeout | undefined;

  constructor(
    private readonly target: SoakLoadTarget,
    private readonly rate: number,
    /** Prefix of the Idempotency-Keys: unique per run. */
    private readonly keyPrefix: string,
  ) {
    this.client = new HttpClient(target.url, { authorization: `Bearer ${target.apiKey}` }, 256, REQUEST_TIMEOUT_MS);
    this.maxAwaiting = Math.max(100, rate * 5);
  }

  /**
   * Records that may wait for their 202 at once (five seconds' worth): a national system
   * whose agent answers slower than it produces keeps the rest back rather than piling up
   * requests without end (which would measure the load generator, not the services).
   */
  readonly maxAwaiting: number;

  /** Starts offering `rate` records per second. */
  start(): void {
    this.offering = true;
    this.pacer = this.pace();
    this.retrier = setInterval(() => {
      this.retryDue();
    }, 100);
  }

  /** Stops offering new records; those awaiting their 202 keep being tried. */
  async stopOffering(): Promise<void> {
    this.offering = false;
    await this.pacer;
  }

  /** Stops everything (records still awaiting a 202 are given up). Idempotent. */
  close(): void {
    this.offering = false;
    clearInterval(this.retrier);
    this.client.close();
  }

  counts(): SoakLoadCounts {
    return {
      offered: this.offered,
      heldBack: this.heldBack,
      maxAwaiting: this.maxAwaiting,
      accepted: this.messageIds.size,
      awaiting: this.awaiting.size,
      retried: this.retried,
      refused: this.refused,
      firstRefusal: this.firstRefusal,
    };
  }

  private async pace(): Promise<void> {
    const started = performance.now();
    while (this.offering) {
      const due = Math.floor(((performance.now() - started) * this.rate) / 1000) + 1;
      while (this.offered + this.heldBack < due) {
        if (this.awaiting.size >= this.maxAwaiting) this.heldBack++;
        else void this.attempt(++this.offered);
      }
      await new Promise((r) => setTimeout(r, 2));
    }
  }

  private retryDue(): void {
    const now = performance.now();
    while (this.retryQueue.length > 0 && this.retryQueue[0]!.at <= now) void this.attempt(this.retryQueue.shift()!.n);
  }

  private async attempt(n: number): Promise<void> {
    this.awaiting.add(n);
    let outcome: 'accepted' | 'retry' | 'refused';
    try {
      const res = await this.client.send('POST', '/v1/messages', this.target.body(n), {
        'idempotency-key': `${this.keyPrefix}-${n}`,
      });
      if (res.status === 202) {
        this.messageIds.set(n, (JSON.parse(res.body) as { messageId: string }).messageId);
        outcome = 'accepted';
      } else if (res.status >= 400 && res.status < 500 && res.status !== 429) {
        this.firstRefusal ??= `${res.status} ${res.body.slice(0, 300)}`;
        outcome = 'refused';
      } else outcome = 'retry';
    } catch {
      outcome = 'retry';
    }
    if (outcome === 'retry') {
      this.retried++;
      this.retryQueue.push({ n, at: performance.now() + RETRY_AFTER_MS });
      return;
    }
    if (outcome === 'refused') this.refused++;
    this.awaiting.delete(n);
  }
}

import type { NatsConnection } from '@nats-io/transport-node';
import { AtcError, ErrorCode, logSubject, toIso, type Clock, type LogReply, type Logger } from '@atc/shared';
import { ClockOffsetEstimate, type OffsetSample } from './clock-offset-estimate.js';

/** The centre's accepted window until the gateway states its own (the gateway's default ATC_CLOCK_SKEW). */
const DEFAULT_GATEWAY_WINDOW_MS = 5 * 60_000;
/** A sample wider than this says too little (a receipt read from a backlog, a slow answer). */
const MAX_SAMPLE_WIDTH_MS = 10_000;
/** The median is taken over this many recent samples. */
const SAMPLES_KEPT = 5;
/** Samples older than this many check intervals no longer count. */
const MAX_SAMPLE_AGE_INTERVALS = 20;

/** The agent's clock as compared with the centre's. */
export interface ClockState {
  /** The estimated offset in ms (positive: this clock is ahead), `undefined` until measured. */
  readonly offsetMs: number | undefined;
  /** The offset beyond which records are refused (a share of the centre's window). */
  readonly limitMs: number;
  /** True while |offset| is over the limit: records are refused before they are signed. */
  readonly skewed: boolean;
  /** Since when it is skewed (this clock's Unix ms), or `undefined`. */
  readonly since: number | undefined;
  /** A sentence saying what is wrong and what to do, while skewed. */
  readonly reason: string | undefined;
}

/** What a {@link ClockWatch} needs. */
export interface ClockWatchDeps {
  readonly nc: NatsConnection;
  readonly memberId: string;
  readonly clock: Clock;
  /** Monotonic milliseconds (e.g. `performance.now`), unaffected by steps of the wall clock. */
  readonly monotonic: () => number;
  readonly logger: Logger;
  /** How often the centre's time is asked. */
  readonly intervalMs: number;
  /** The share of the centre's accepted window (percent) the offset may reach before records are refused. */
  readonly limitPercent: number;
  readonly requestTimeoutMs?: number;
  /** Told of every new estimate (metrics). */
  readonly onEstimate?: (state: ClockState) => void;
}

/**
 * Watches this agent's clock against the centre's: asks the gateway's time over NATS on a timer
 * (and once at start, before the API takes a record) and takes every gateway receipt about a
 * message it signed. While the offset's estimate is beyond a share of the window the gateway
 * accepts created_at in, the agent refuses new records (ERR_CLOCK_SKEW) instead of signing what
 * the centre would refuse; it recovers by itself once the clock is right again.
 */
export class ClockWatch {
  private readonly estimate: ClockOffsetEstimate;
  private windowMs = DEFAULT_GATEWAY_WINDOW_MS;
  private skewedSince: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;

  constructor(private readonly deps: ClockWatchDeps) {
    this.estimate = new ClockOffsetEstimate({
      maxWidthMs: MAX_SAMPLE_WIDTH_MS,
      keep: SAMPLES_KEPT,
      maxAgeMs: MAX_SAMPLE_AGE_INTERVALS * deps.intervalMs,
      monotonic: deps.monotonic,
    });
  }

  /** Asks the centre's time once (bounded by the request timeout), then on a timer. Idempotent. */
  async start(): Promise<void> {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => {
      this.inFlight ??= this.check().finally(() => {
        this.inFlight = undefined;
      });
    }, this.deps.intervalMs);
    this.timer.unref();
    await this.check();
  }

  /** Stops the timer and waits for a check in flight. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.inFlight;
  }

  /**
   * Takes a gateway receipt about a message this agent signed at `signedAt` (its own clock):
   * the gateway signed the receipt (`receiptAt`, its clock) after that and before the receipt
   * arrived (`receivedAt`, this clock).
   */
  receipt(signedAt: number, receiptAt: number, receivedAt: number): void {
    this.take({ low: signedAt - receiptAt, high: receivedAt - receiptAt });
  }

  /** The current comparison. */
  state(): ClockState {
    const offsetMs = this.estimate.offsetMs();
    const limitMs = this.limitMs();
    const skewed = offsetMs !== undefined && Math.abs(offsetMs) > limitMs;
    return {
      offsetMs,
      limitMs,
      skewed,
      since: skewed ? this.skewedSince : undefined,
      reason: skewed ? this.sentence(offsetMs) : undefined,
    };
  }

  /**
   * Refuses a new record while the clock is off, before anything is signed.
   *
   * @throws AtcError CLOCK_SKEW (retryable) saying the offset and what to do.
   */
  refuseIfSkewed(): void {
    const state = this.state();
    if (!state.skewed || state.reason === undefined) return;
    throw new AtcError(
      ErrorCode.CLOCK_SKEW,
      `${state.reason} Nothing was signed or sent; send it again once the clock is right.`,
      {
        retryable: true,
      },
    );
  }

  private limitMs(): number {
    return Math.round((this.windowMs * this.deps.limitPercent) / 100);
  }

  private sentence(offsetMs: number): string {
    const seconds = Math.round(Math.abs(offsetMs) / 1000);
    return (
      `This agent's clock is ${seconds} s ${offsetMs > 0 ? 'ahead of' : 'behind'} the centre's, more than the ` +
      `${Math.round(this.limitMs() / 1000)} s it allows (the centre refuses records dated over ` +
      `${Math.round(this.windowMs / 1000)} s ahead): fix the host's time synchronisation (NTP).`
    );
  }

  private async check(): Promise<void> {
    const { nc, memberId, clock } = this.deps;
    const sent = clock();
    let reply: LogReply;
    try {
      const m = await nc.request(logSubject(memberId), JSON.stringify({ op: 'time' }), {
        timeout: this.deps.requestTimeoutMs ?? 2_000,
      });
      reply = m.json<LogReply>();
    } catch (e) {
      // The gateway or NATS is away: receipts and the next check keep the estimate.
      this.deps.logger.debug({ err: e }, "the centre's time could not be asked");
      return;
    }
    const answered = clock();
    if (typeof reply.time !== 'number' || !Number.isFinite(reply.time)) {
      this.deps.logger.debug({ error: reply.error }, 'the centre did not state its time');
      return;
    }
    const window = reply.clockSkewMs;
    if (typeof window === 'number' && Number.isFinite(window) && window > 0) this.windowMs = window;
    this.take({ low: sent - reply.time, high: answered - reply.time });
  }

  private take(sample: OffsetSample): void {
    if (!this.estimate.add(sample)) return;
    const state = this.state();
    if (state.skewed && this.skewedSince === undefined) {
      this.skewedSince = this.deps.clock();
      this.deps.logger.warn(
        {
          offsetSeconds: Math.round(state.offsetMs! / 100) / 10,
          limitSeconds: state.limitMs / 1000,
          reason: state.reason,
        },
        `this agent's clock is off the centre's: new records are refused (${ErrorCode.CLOCK_SKEW}) until the host's time is synchronised (NTP)`,
      );
    } else if (!state.skewed && this.skewedSince !== undefined) {
      this.deps.logger.info(
        { offsetSeconds: Math.round((state.offsetMs ?? 0) / 100) / 10, skewedSince: toIso(this.skewedSince) },
        "this agent's clock agrees with the centre's again: records are taken again",
      );
      this.skewedSince = undefined;
    }
    this.deps.onEstimate?.(this.state());
  }
}

import type { JetStreamClient } from '@nats-io/jetstream';
import { headers } from '@nats-io/transport-node';
import {
  backoffDelay,
  childContext,
  formatTraceparent,
  Jitter,
  spanClock,
  SpanKind,
  submitSubject,
  systemClock,
  Tracer,
  TRACEPARENT_HEADER,
  type BackoffOptions,
  type TraceBook,
  type TraceContext,
  type Clock,
  type Logger,
  type Component,
} from '@atc/shared';
import type { OutboxStore } from '../store/outbox-store.js';
import { TurnBatcher } from '../store/turn-batcher.js';
import type { DueMessage } from '../store/outbox-records.js';
import { classifyPublishError, PublishFailure } from './classify-publish-error.js';

/** After a failed read of the outbox, the relay looks again this much later. */
const DB_RETRY_MS = 1_000;

/** While NATS stays unreachable, a reminder is logged this often (the first failure always is). */
const UNREACHABLE_WARN_EVERY_MS = 60_000;

/** A PubAck waiting for its record in the outbox; `done` once written (or the write failed). */
interface PendingMark {
  readonly messageId: string;
  readonly now: number;
  readonly resendAt: number;
  readonly done: () => void;
}

/** Collaborators and tuning of an {@link OutboxRelay}. */
export interface OutboxRelayOptions {
  readonly store: OutboxStore;
  /** JetStream over a connection that reconnects forever; the relay never closes it. */
  readonly js: JetStreamClient;
  /** This agent's member id: messages go to its submit subject. */
  readonly memberId: string;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** How often due messages are looked for when nothing wakes the relay. Default 200 ms. */
  readonly pollMs?: number;
  /** A published message without a receipt is sent again after this long. Default 30 s. */
  readonly resendAfterMs?: number;
  /** Resends slow down to at most one per this long for a message long unconfirmed. Default 1 h. */
  readonly resendMaxMs?: number;
  /** Publishes awaiting their PubAck at once. Default 64. */
  readonly maxInFlight?: number;
  /** How long one publish waits for its PubAck. Default 5 s. */
  readonly publishTimeoutMs?: number;
  /** First retry delay after a failed publish; it doubles per failure. Default 250 ms. */
  readonly retryBaseMs?: number;
  /** Longest retry delay. Default 30 s. */
  readonly retryMaxMs?: number;
  /** Called for each failed or unconfirmed publish (metrics). */
  readonly onPublishError?: () => void;
  /**
   * Called for each PubAck that says JetStream dropped the copy as a duplicate of one it
   * stored under the same message id within its de-duplication window (metrics).
   */
  readonly onDuplicate?: () => void;
  /**
   * Spans of publishes, and the trace contexts the API kept by message id: each publish
   * carries `traceparent` in its NATS headers, a child of the API's span (a new trace when the
   * context is not known, e.g. after a restart).
   */
  readonly tracing?: { readonly tracer: Tracer; readonly traces: TraceBook };
}

/**
 * Moves the outbox to JetStream: publishes each due envelope on the member's submit subject
 * with `Nats-Msg-Id` = its message id, many at once, and records the PubAck. Any failure or
 * unknown outcome is retried later with the same id, so a copy the server did store is dropped
 * as a duplicate. A PubAck only means the server has the message (maybe not on disk), so a
 * message is sent again while no signed receipt has settled it; accepted and rejected
 * messages are never sent again.
 *
 * When NATS looks unreachable (timeout, no responders, disconnected) the relay stops sending
 * in bulk and probes with one message at a time, after exponential backoff with jitter, until
 * one gets through; then every waiting message is due at once. An outage of any length costs
 * one probe per backoff period and nothing else.
 */
export class OutboxRelay implements Component {
  private readonly store: OutboxStore;
  private readonly js: JetStreamClient;
  private readonly subject: string;
  private readonly logger: Logger;
  private readonly clock: Clock;
  private readonly pollMs: number;
  private readonly resendAfterMs: number;
  private readonly resendMaxMs: number;
  private readonly maxInFlight: number;
  private readonly publishTimeoutMs: number;
  private readonly backoff: BackoffOptions;

  /**
   * Publishes awaiting their outcome (or its record in the outbox), by message id; each
   * promise settles, never rejects.
   */
  private readonly inFlight = new Map<string, Promise<void>>();
  /**
   * Acknowledgements waiting to be recorded together: those that arrived in one turn of the
   * event loop, in one write. Until then their rows stay in flight, so they are not read as
   * due and sent again.
   */
  private readonly marks = new TurnBatcher<PendingMark, void>({
    write: (marks) => {
      this.store.markPublishedMany(marks);
    },
    // Still due in the database: they are sent again and JetStream drops the copies.
    onWriteError: (e, marks) => {
      this.logger.error({ err: e, messages: marks.length }, 'PubAcks not recorded in the outbox');
    },
    settle: (m) => {
      m.done();
    },
  });
  private loop: Promise<void> | undefined;
  private stopping = false;
  private woken = false;
  private wakeUp: (() => void) | undefined;
  /** Consecutive failed probes; above 0 NATS looks unreachable and only one publish runs at a time. */
  private failures = 0;
  /** While unreachable: when the next probe may go. */
  private probeAt = 0;
  private unreachableSince = 0;
  private lastWarnAt = 0;

  private readonly onPublishError: (() => void) | undefined;
  private readonly onDuplicate: (() => void) | undefined;
  private readonly tracer: Tracer;
  private readonly traces: TraceBook | undefined;

  constructor(options: OutboxRelayOptions) {
    this.tracer = options.tracing?.tracer ?? new Tracer();
    this.traces = options.tracing?.traces;
    this.onPublishError = options.onPublishError;
    this.onDuplicate = options.onDuplicate;
    this.store = options.store;
    this.js = options.js;
    this.subject = submitSubject(options.memberId);
    this.logger = options.logger;
    this.clock = options.clock ?? systemClock;
    this.pollMs = options.pollMs ?? 200;
    this.resendAfterMs = options.resendAfterMs ?? 30_000;
    // Past an hour between resends: well beyond the streams' de-duplication window, so a long
    // gateway outage costs at most one extra stored copy per message and hour.
    this.resendMaxMs = Math.max(this.resendAfterMs, options.resendMaxMs ?? 3_600_000);
    this.maxInFlight = Math.max(1, options.maxInFlight ?? 64);
    this.publishTimeoutMs = options.publishTimeoutMs ?? 5_000;
    // Equal jitter: spread out, and never straight back.
    this.backoff = { baseMs: options.retryBaseMs ?? 250, maxMs: options.retryMaxMs ?? 30_000, jitter: Jitter.EQUAL };
  }

  /** Starts the relay loop. Calling it while running does nothing. */
  start(): void {
    if (this.loop !== undefined) return;
    this.stopping = false;
    this.logger.info({ subject: this.subject, depth: this.store.depth() }, 'outbox relay started');
    this.loop = this.run();
  }

  /** Looks for due messages now (call after an enqueue, so new messages go out at once). */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Stops taking messages and resolves once the publishes in flight have settled and been recorded. */
  async stop(): Promise<void> {
    const loop = this.loop;
    if (loop === undefined) return;
    this.stopping = true;
    this.wake();
    await loop;
    if (this.loop === loop) this.loop = undefined;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let waitMs = this.pollMs;
      try {
        waitMs = this.launchDue();
      } catch (e) {
        // A database read failed (disk, lock): the messages are still there; look again soon.
        this.logger.error({ err: e }, 'outbox relay could not read due messages; retrying');
        waitMs = Math.max(this.pollMs, DB_RETRY_MS);
      }
      await this.sleep(waitMs);
    }
    await Promise.all(this.inFlight.values());
    this.logger.info('outbox relay stopped');
  }

  /** Starts publishes for due messages up to the concurrency limit; returns how long to sleep. */
  private launchDue(): number {
    const now = this.clock();
    const unreachable = this.failures > 0;
    if (unreachable && now < this.probeAt) return this.probeAt - now;
    const free = (unreachable ? 1 : this.maxInFlight) - this.inFlight.size;
    // A completing publish wakes the loop, so a full window just waits; and a window is
    // refilled a quarter at a time, not one read of the outbox per finished publish.
    if (free <= 0 || (this.inFlight.size > 0 && free < Math.ceil(this.maxInFlight / 4))) return this.pollMs;
    // Rows in flight are still due: the store leaves them out.
    for (const row of this.store.due(now, free, this.inFlight)) this.launch(row, unreachable);
    return this.pollMs;
  }

  private launch(row: DueMessage, probe: boolean): void {
    const task = this.publish(row, probe).finally(() => {
      this.inFlight.delete(row.messageId);
      this.wake();
    });
    this.inFlight.set(row.messageId, task);
  }

  private async publish(row: DueMessage, probe: boolean): Promise<void> {
    let duplicate: boolean;
    const parent = this.traces?.get(row.messageId);
    const trace = childContext(parent);
    // A message whose context was lost keeps the trace its first publish began.
    if (parent === undefined) this.traces?.set(row.messageId, trace);
    const started = this.tracer.recording ? spanClock() : 0;
    const h = headers();
    h.set(TRACEPARENT_HEADER, formatTraceparent(trace));
    try {
      const ack = await this.js.publish(this.subject, row.envelope, {
        msgID: row.messageId,
        timeout: this.publishTimeoutMs,
        headers: h,
      });
      duplicate = ack.duplicate;
    } catch (e) {
      this.publishSpan(row, trace, parent, started, errorText(e));
      this.recordFailure(row, e, probe, trace.traceId);
      return;
    }
    this.publishSpan(row, trace, parent, started, undefined);
    if (duplicate) {
      // Usually a resend of these very bytes, whose receipt has not come yet. The gateway never
      // sees the copy; if JetStream holds other bytes under this id, their receipt says so by
      // its digest (see the agent's receipt check) and a resend after the window is refused.
      this.onDuplicate?.();
      this.logger.debug(
        { messageId: row.messageId, traceId: trace.traceId },
        'JetStream dropped the copy as a duplicate',
      );
    }
    await this.recordPublished(row, trace.traceId);
  }

  /** The span of one publish attempt (none unless spans are exported). */
  private publishSpan(
    row: DueMessage,
    trace: TraceContext,
    parent: TraceContext | undefined,
    started: number,
    error: string | undefined,
  ): void {
    if (!this.tracer.recording) return;
    this.tracer.record(trace, parent, {
      name: 'agent publish',
      kind: SpanKind.PRODUCER,
      startMs: started,
      endMs: spanClock(),
      attributes: {
        'atc.message_id': row.messageId,
        'atc.sequence': row.sequence,
        'atc.attempt': row.attempts + 1,
        'messaging.system': 'nats',
        'messaging.destination.name': this.subject,
      },
      error,
    });
  }

  /** Queues the acknowledgement's record; resolves once it is written (with others of the same turn). */
  private recordPublished(row: DueMessage, traceId: string): Promise<void> {
    const now = this.clock();
    this.reachable(now);
    // Each resend waits as long as the message has already gone unconfirmed (so the pace
    // halves each time), within [resendAfterMs, resendMaxMs]: a gateway down for hours is
    // not flooded with copies, a message the server lost is sent again soon.
    const unconfirmedFor = now - (row.publishedAt ?? now);
    const resendAt = now + Math.min(this.resendMaxMs, Math.max(this.resendAfterMs, unconfirmedFor));
    if (row.status === 'published') {
      this.logger.debug({ messageId: row.messageId, traceId, unconfirmedFor }, 'message re-published: no receipt yet');
    }
    return new Promise<void>((done) => {
      this.marks.add({ messageId: row.messageId, now, resendAt, done });
    });
  }

  private recordFailure(row: DueMessage, error: unknown, probe: boolean, traceId: string): void {
    this.onPublishError?.();
    const now = this.clock();
    const attempt = row.attempts + 1;
    let nextAttemptAt: number;
    if (classifyPublishError(error) === PublishFailure.refused) {
      this.reachable(now);
      nextAttemptAt = now + backoffDelay(attempt, this.backoff);
      this.logger.warn(
        { err: error, messageId: row.messageId, traceId, attempt, nextAttemptAt },
        'JetStream refused an outbox message; it will be retried with the same id',
      );
    } else {
      // Publishes started before the outage fail together; only the first failure and
      // failed probes move the backoff on.
      if (this.failures === 0 || probe) this.unreachable(now, error);
      nextAttemptAt = this.probeAt;
    }
    try {
      this.store.markAttemptFailed(row.messageId, errorText(error), nextAttemptAt);
    } catch (e) {
      this.logger.error({ err: e, messageId: row.messageId, traceId }, 'failed publish not recorded in the outbox');
    }
  }

  private unreachable(now: number, error: unknown): void {
    this.failures++;
    this.probeAt = now + backoffDelay(this.failures, this.backoff);
    if (this.failures === 1) this.unreachableSince = now;
    if (this.failures === 1 || now - this.lastWarnAt >= UNREACHABLE_WARN_EVERY_MS) {
      this.lastWarnAt = now;
      this.logger.warn(
        { err: error, unreachableForMs: now - this.unreachableSince, nextProbeInMs: this.probeAt - now },
        'JetStream unreachable; outbox publishing paused, probing with backoff',
      );
    }
  }

  private reachable(now: number): void {
    if (this.failures === 0) return;
    this.failures = 0;
    this.logger.info({ unreachableForMs: now - this.unreachableSince }, 'JetStream reachable again; outbox resumed');
  }

  /** Sleeps up to `ms`; `wake()` (a new message, a finished publish, stop) ends it early. */
  private async sleep(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        this.woken = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }
}

/** `Name: message`, as `last_error` keeps it. */
function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

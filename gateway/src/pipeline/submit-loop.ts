import type { ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import {
  backoffDelay,
  ErrorCode,
  isUuidV7,
  Jitter,
  memberOfSubmitSubject,
  sha256,
  Tracer,
  type Logger,
  type StorageHealth,
} from '@atc/shared';
import type { BatchCommitter } from '../archive/batch-committer.js';
import type { FlowFeed } from '../flow/flow-feed.js';
import type { MessageStore } from '../archive/message-store.js';
import { batchWrite, type CommittedBatch } from '../domain/batch-write.js';
import type { GatewayMetrics } from '../metrics/gateway-metrics.js';
import { SUBMIT_ACK_WAIT_MS } from '../nats/provision.js';
import type { InboxPublisher } from './publisher.js';
import type { BatchResult } from './batch-state.js';
import { BatchTraces } from './batch-traces.js';
import type { Prechecked, SubmissionProcessor } from './submission-processor.js';

/** Collaborators of the loop. */
export interface SubmitLoopDeps {
  /** Where the batch's flow events go: atc.v1.events and this gateway's listeners (see FlowFeed). */
  readonly events: Pick<FlowFeed, 'publish'>;
  /** Opens a pull subscription on the submissions; called again after it fails. */
  readonly consume: () => Promise<ConsumerMessages>;
  readonly processor: SubmissionProcessor;
  readonly committer: Pick<BatchCommitter, 'commit'>;
  /** Where an earlier quarantine row of a stream message delivered again is looked up. */
  readonly store: Pick<MessageStore, 'quarantinedFromStreams'>;
  readonly publisher: InboxPublisher;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
  readonly batchSize: number;
  /** The archive's health: told of every commit that failed for a storage reason, and of the next that succeeded. */
  readonly storage: StorageHealth;
  /** Records spans of traced submissions; their `traceparent` is passed on to recipients either way. */
  readonly tracer?: Tracer;
  /**
   * Where the loop keeps, in shared memory, how many submissions it holds and has not yet
   * taken into a batch (the data bank's thread defers to a backlog: see PipelineBacklog).
   */
  readonly backlog?: Int32Array;
  /**
   * The ack wait of the submit consumer (ATC_SUBMIT_ACK_WAIT); default {@link SUBMIT_ACK_WAIT_MS}.
   * The messages held are reported in progress every third of it.
   */
  readonly ackWaitMs?: number;
}

const RETRY_MIN_MS = 100;
/**
 * Commit attempts failed for reasons other than storage (a fault of the gateway's code with
 * this batch) before a batch is split, or a single submission set aside. A storage failure
 * (disk full, I/O error, database unreachable) is nobody's submission's fault: the batch
 * waits, unacknowledged and kept ours, and is tried again until the archive takes it.
 */
const POISON_ATTEMPTS = 4;
/** What `retry` returns when it stopped trying. */
const GAVE_UP = Symbol('gave up');
const RETRY_MAX_MS = 5_000;
/**
 * The longest wait between two attempts of a batch held back because the archive cannot
 * write (not by anything in it): once the database or the disk is back, the pipeline resumes
 * within this of the attempt in flight failing, not after a backoff grown to
 * {@link RETRY_MAX_MS}. An attempt against a database that is down fails at once (or after its
 * statement timeout), so this is no busy loop.
 */
const OUTAGE_RETRY_MAX_MS = 1_000;
/** While the same failure of the archive or the broker lasts, its warning is logged every this many attempts. */
const OUTAGE_WARN_EVERY = 30;
/**
 * Committed batches whose publication may wait at once. The next batch is verified and
 * committed while one publishes; beyond this the loop waits, so a slow NATS cannot make
 * committed batches pile up in memory.
 */
const PUBLICATIONS_AHEAD = 2;

/**
 * Group commit: submissions that arrive while a batch is being processed form the next
 * batch. Each batch is verified, committed in one transaction, routed and receipted, and
 * only then acknowledged to JetStream. A crash anywhere leaves the messages unacknowledged;
 * JetStream redelivers them and the pipeline treats them as exact replays.
 */
export class SubmitLoop {
  private readonly queue: JsMsg[] = [];
  /** The checks begun for each queued message (see SubmissionProcessor.precheck). */
  private readonly prechecks = new WeakMap<JsMsg, Prechecked>();
  /** When each queued message arrived (performance.now()), parallel to {@link queue}. */
  private readonly queuedAt: number[] = [];
  private wake: (() => void) | undefined;
  private drained: (() => void) | undefined;
  private lastError: unknown;
  private stopping = false;
  private started = false;
  private stopped: Promise<void> | undefined;
  private done: Promise<void> = Promise.resolve();
  private pump: Promise<void> = Promise.resolve();
  private messages: ConsumerMessages | undefined;
  /** Batches taken from the queue and not yet acknowledged or given back. */
  private readonly held = new Set<readonly JsMsg[]>();
  /**
   * Publications of committed batches not yet finished, oldest first. The next batch is
   * verified and committed while they run; each waits for the one before it, so they stay in
   * commit order, one at a time.
   */
  private readonly unpublished: Promise<void>[] = [];
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly tracer: Tracer;

  constructor(private readonly deps: SubmitLoopDeps) {
    this.tracer = deps.tracer ?? new Tracer();
  }

  /** Starts taking submissions. A second call, or a call after {@link stop}, does nothing. */
  start(): void {
    if (this.started || this.stopping) return;
    this.started = true;
    this.pump = this.fill();
    this.done = this.run();
    // Messages held here (queued, or in a batch that is retrying) are kept ours: without it
    // JetStream would hand them to another replica after the ack wait, which then does the
    // same work again.
    this.heartbeat = setInterval(
      () => {
        for (const batch of this.held) for (const m of batch) m.working();
        for (const m of this.queue) m.working();
      },
      (this.deps.ackWaitMs ?? SUBMIT_ACK_WAIT_MS) / 3,
    );
    this.heartbeat.unref();
  }

  /**
   * Stops taking messages, finishes the batch in flight, returns the rest for redelivery.
   * Every call returns the same stop.
   */
  stop(): Promise<void> {
    this.stopped ??= this.stopOnce();
    return this.stopped;
  }

  private async stopOnce(): Promise<void> {
    this.stopping = true;
    clearInterval(this.heartbeat);
    this.wake?.();
    this.drained?.();
    await this.messages?.close();
    await this.pump;
    await this.done;
    for (const m of this.queue.splice(0)) m.nak();
    this.queuedAt.length = 0;
    this.#queuedChanged();
  }

  /** Publishes the queue's length to {@link SubmitLoopDeps.backlog}. */
  #queuedChanged(): void {
    if (this.deps.backlog !== undefined) Atomics.store(this.deps.backlog, 0, this.queue.length);
  }

  /** Begins the checks of a queued message, once (see SubmissionProcessor.precheck). */
  private precheck(m: JsMsg): void {
    if (!this.prechecks.has(m)) this.prechecks.set(m, this.deps.processor.precheck(m.subject, m.data));
  }

  /** Records how long a stage that began at `since` took. */
  private stage(name: string, since: number): number {
    const now = performance.now();
    this.deps.metrics.stageSeconds.observe({ stage: name }, (now - since) / 1000);
    return now;
  }

  /**
   * Feeds the queue; when the subscription fails (NATS outage), opens it again. Stops
   * reading while the queue holds two batches: the client pulls more only as it is read,
   * so memory stays bounded and nothing waits in the queue past its ack deadline.
   */
  private async fill(): Promise<void> {
    const limit = this.deps.batchSize * 2;
    while (!this.stopping) {
      try {
        const messages = await this.deps.consume();
        this.messages = messages;
        // stop() may have run while the subscription was being opened.
        if (this.stopping) {
          await messages.close();
          break;
        }
        for await (const m of messages) {
          this.queue.push(m);
          this.#queuedChanged();
          // In the next batch: its signature is verified on the pool while the batch before it is committed.
          if (this.queue.length <= this.deps.batchSize) this.precheck(m);
          this.queuedAt.push(performance.now());
          this.wake?.();
          while (this.queue.length >= limit && !this.stopping) {
            await new Promise<void>((resolve) => {
              this.drained = resolve;
            });
          }
        }
      } catch (e) {
        if (!this.stopping) this.deps.logger.warn({ err: e }, 'submission subscription failed; opening it again');
      }
      if (!this.stopping) await new Promise((r) => setTimeout(r, RETRY_MAX_MS / 5));
    }
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      if (this.queue.length === 0) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
        this.wake = undefined;
        continue;
      }
      const batch = this.queue.splice(0, this.deps.batchSize);
      this.#queuedChanged();
      const oldest = this.queuedAt.splice(0, batch.length)[0]!;
      // The next batch's checks begin now, not after this one's commit.
      for (const m of this.queue.slice(0, this.deps.batchSize)) this.precheck(m);
      this.drained?.();
      this.drained = undefined;
      this.stage('queued', oldest);
      await this.handle(batch);
      while (this.unpublished.length >= PUBLICATIONS_AHEAD) await this.unpublished[0]!.catch(() => undefined);
    }
    await this.unpublished.at(-1);
  }

  private async handle(batch: JsMsg[]): Promise<void> {
    this.held.add(batch);
    try {
      await this.commitAndPublish(batch);
    } catch (e) {
      this.held.delete(batch);
      throw e;
    }
  }

  /**
   * Commits a batch, then hands its publication to {@link unpublished} and returns, so the
   * caller can start on the next batch (up to {@link PUBLICATIONS_AHEAD} publications wait).
   * The batch is acknowledged once it is published.
   */
  private async commitAndPublish(batch: JsMsg[]): Promise<void> {
    const started = performance.now();
    const { processor, committer } = this.deps;
    const submissions = batch.map((m) => ({
      subject: m.subject,
      data: m.data,
      msgId: m.headers?.get('Nats-Msg-Id') || undefined,
      streamSeq: m.seq,
      redelivered: m.redelivered,
      prechecked: this.prechecks.get(m),
    }));
    const traces = BatchTraces.of(batch, this.tracer);
    // Commit first; a failure before the commit leaves nothing behind, so the whole step
    // retries. A batch that keeps failing is split, so one poison message cannot hold up the
    // others; a single one that keeps failing is quarantined (the quarantine write retries
    // for ever, as a database outage would need).
    const result = await this.retry(
      'commit',
      batch,
      async () => {
        const r = await processor.process(submissions);
        const checked = this.stage('checks', started);
        const committed = await committer.commit(r.write);
        this.deps.storage.succeeded();
        return { ...r, committed, checked, committedAt: this.stage('commit', checked) };
      },
      POISON_ATTEMPTS,
    );
    if (result === GAVE_UP) {
      this.held.delete(batch);
      if (batch.length > 1) {
        for (const m of batch) await this.handle([m]);
        return;
      }
      await this.quarantineUnprocessable(batch[0]!);
      return;
    }
    if (result === undefined) {
      this.held.delete(batch);
      return;
    }
    // After the commit only publication is retried: the decisions are already archived.
    const previous = this.unpublished.at(-1);
    const committedAt = performance.now();
    const publication = (async () => {
      await previous;
      const publishing = this.stage('publish_wait', committedAt);
      const published = await this.retry('publish', batch, () => this.publish(result, traces).then(() => true));
      this.held.delete(batch);
      if (published === undefined || published === GAVE_UP) return;
      const publishedAt = this.stage('publish', publishing);
      for (const m of batch) m.ack();
      this.observe(result, batch.length, started);
      traces?.record(
        result,
        { started, checked: result.checked, committed: result.committedAt, publishing, published: publishedAt },
        this.deps.logger,
      );
    })().finally(() => {
      const at = this.unpublished.indexOf(publication);
      if (at >= 0) void this.unpublished.splice(at, 1);
    });
    this.unpublished.push(publication);
  }

  /**
   * Runs `step` until it succeeds, backing off; gives the batch back when stopping, and
   * gives up (GAVE_UP) after `maxAttempts` when a limit is set.
   */
  private async retry<T>(
    step: string,
    batch: readonly JsMsg[],
    fn: () => Promise<T>,
    maxAttempts = Number.POSITIVE_INFINITY,
  ): Promise<T | undefined | typeof GAVE_UP> {
    // Failures of the gateway's own storage or broker in a row, and the last one's code.
    let own = 0;
    let ownCode: string | undefined;
    for (let attempt = 1, faults = 0; ; attempt++) {
      let storageDown = false;
      try {
        return await fn();
      } catch (e) {
        const failure = this.ownFailure(step, e);
        if (failure === undefined) {
          faults++;
          own = 0;
          ownCode = undefined;
          this.deps.logger.error({ err: e, attempt, size: batch.length, step }, `batch ${step} failed; retrying`);
        } else {
          own++;
          // Said on the first attempt, when the failure changes (full disk, then database
          // unreachable), and now and then while it lasts; every attempt is counted.
          if (own === 1 || failure.code !== ownCode || own % OUTAGE_WARN_EVERY === 0) {
            this.deps.logger.warn({ err: e, attempt, size: batch.length, step, code: failure.code }, failure.message);
          }
          ownCode = failure.code;
          storageDown = failure.storage;
        }
        if (faults >= maxAttempts && !this.stopping) {
          this.lastError = e;
          return GAVE_UP;
        }
        if (this.stopping) {
          // Unacknowledged: JetStream redelivers them, and the pipeline sees exact replays.
          for (const m of batch) m.nak();
          return undefined;
        }
        await new Promise((r) =>
          setTimeout(
            r,
            backoffDelay(attempt + 1, {
              baseMs: RETRY_MIN_MS,
              maxMs: storageDown ? OUTAGE_RETRY_MAX_MS : RETRY_MAX_MS,
              jitter: Jitter.NONE,
            }),
          ),
        );
      }
    }
  }

  /**
   * What `e` is when it is a failure of the gateway's own storage (in the commit and
   * quarantine steps) or broker (in the publish step) rather than of the batch: counted, and
   * never held against the submissions; its code tells the kinds apart (ERR_STORAGE_FULL,
   * ERR_STORAGE_UNAVAILABLE, ERR_PUBLISH_FAILED). `storage`: the archive cannot write (a full disk, a
   * database down), tried again at least once a second; anything else the broker refused
   * backs off as other failures do (a refusal that lasts, such as a full stream, is not sent
   * again every second).
   */
  private ownFailure(
    step: string,
    e: unknown,
  ): { readonly code: string; readonly storage: boolean; readonly message: string } | undefined {
    const { metrics, storage } = this.deps;
    const failure = storage.failed(e);
    if (failure !== undefined) {
      metrics.storageFailures.inc({ kind: 'archive', code: failure.code });
      return {
        code: failure.code,
        storage: true,
        message: 'the archive cannot write; the submissions stay unacknowledged and are retried',
      };
    }
    if (step !== 'publish') return undefined;
    metrics.storageFailures.inc({ kind: 'broker', code: ErrorCode.PUBLISH_FAILED });
    return {
      code: ErrorCode.PUBLISH_FAILED,
      storage: false,
      message: 'publication of a committed batch failed; it stays unacknowledged and is retried',
    };
  }

  /**
   * Keeps a submission the pipeline cannot process in the quarantine, and acknowledges it.
   * The same stream message delivered again after a crash is set aside once (judged by its
   * stream sequence, whatever delivery count JetStream reports: see replayOf), and so is one
   * whose quarantine commit reported failure after it had committed: each attempt looks first.
   */
  private async quarantineUnprocessable(m: JsMsg): Promise<void> {
    const sha = sha256(m.data);
    const detail = `the gateway could not process this submission (${String((this.lastError as Error | undefined)?.message ?? this.lastError).slice(0, 300)}); it was set aside for an operator`;
    // Set once this call has sent the quarantine's commit: a row found after that is its own.
    let sent = false;
    const written = await this.retry('quarantine', [m], async () => {
      const before = (await this.deps.store.quarantinedFromStreams([m.seq]))
        .get(m.seq)
        ?.some((q) => sha.equals(q.envelopeSha256));
      if (before === true) return sent ? true : ('before' as const);
      sent = true;
      await this.deps.committer.commit(
        batchWrite({
          quarantine: [
            {
              receivedAt: Date.now(),
              subject: m.subject.slice(0, 256),
              transportSender: memberOfSubmitSubject(m.subject) ?? null,
              claimedSender: null,
              messageId: m.headers?.get('Nats-Msg-Id').slice(0, 64) || null,
              reason: ErrorCode.INTERNAL,
              detail,
              envelopeSha256: sha,
              size: m.data.length,
              head: m.data.subarray(0, 64 * 1024),
              securityEvent: false,
              receiptId: null,
              // Never processed, so never verified: operational whatever its header claims.
              exercise: false,
              streamSeq: m.seq,
            },
          ],
        }),
      );
      this.deps.storage.succeeded();
      return true;
    });
    if (written === 'before') {
      this.deps.logger.warn({ subject: m.subject, streamSeq: m.seq }, 'unprocessable submission already quarantined');
      m.ack();
      return;
    }
    if (written !== true) return;
    this.deps.logger.error({ subject: m.subject, detail }, 'unprocessable submission quarantined');
    // No receipt went out, so whether the subject's member is registered is not known here.
    this.deps.metrics.refused.inc({ code: ErrorCode.INTERNAL, member: 'unknown' });
    m.ack();
  }

  private async publish(
    result: BatchResult & { readonly committed: CommittedBatch },
    traces: BatchTraces | undefined,
  ): Promise<void> {
    const { publisher } = this.deps;
    const added = result.committed.addedRecipients;
    if (added.size > 0) {
      this.deps.logger.info(
        { withdrawals: Object.fromEntries(added) },
        'withdrawals routed to more holders found at commit (versions committed meanwhile by another replica)',
      );
    }
    const routes =
      added.size === 0
        ? result.routes
        : result.routes.map((r) => {
            const more = added.get(r.messageId);
            return more === undefined ? r : { ...r, recipients: [...r.recipients, ...more] };
          });
    await publisher.publish({
      routes,
      receipts: result.committed.receipts,
      ...(traces === undefined ? {} : { traceparents: traces.traceparents }),
    });
    await publisher.replay(result.replays);
  }

  private observe(result: BatchResult, size: number, started: number): void {
    const { metrics, events } = this.deps;
    metrics.batchSize.observe(size);
    metrics.pipelineSeconds.observe((performance.now() - started) / 1000);
    for (const m of result.write.messages) metrics.accepted.inc({ payload_type: m.payloadType, member: m.sender });
    for (const q of result.write.quarantine) {
      // A receipt goes only to a registered member: others share one label value.
      metrics.refused.inc({
        code: q.reason,
        member: q.receiptId === null ? 'unknown' : (q.transportSender ?? 'unknown'),
      });
      if (q.securityEvent) metrics.securityEvents.inc();
      if (q.messageId === null || !isUuidV7(q.messageId))
        metrics.refusedUnidentified.inc({ receipt: q.receiptId === null ? 'none' : 'sent' });
    }
    metrics.replayed.inc(result.replays.length);
    for (const event of result.events) events.publish(event);
  }
}

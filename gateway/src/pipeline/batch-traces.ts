import type { JsMsg } from '@nats-io/jetstream';
import {
  childContext,
  formatTraceparent,
  parseTraceparent,
  SpanKind,
  TRACEPARENT_HEADER,
  type Logger,
  type TraceContext,
  type Tracer,
} from '@atc/shared';
import type { BatchResult } from './batch-state.js';

/** When the stages of a batch began and ended (performance.now() values). */
export interface BatchStageTimes {
  readonly started: number;
  readonly checked: number;
  readonly committed: number;
  readonly publishing: number;
  readonly published: number;
}

/** One submission that came with a trace context. */
interface TracedSubmission {
  readonly messageId: string;
  /** The sender agent's publish span. */
  readonly parent: TraceContext;
  /** The gateway's route span: what the routed copies carry (the parent itself when no span is recorded). */
  readonly route: TraceContext;
}

/**
 * The trace contexts of one batch's submissions (W3C `traceparent` in their NATS headers): the
 * `traceparent` each routed copy carries on to its recipients, and, when spans are exported, a
 * verify, an archive and a route span per traced submission. Everything is built once per batch
 * from the stage times the loop measures anyway: no timer or closure per message.
 */
export class BatchTraces {
  private constructor(
    private readonly tracer: Tracer,
    private readonly traced: readonly TracedSubmission[],
    /** The `traceparent` of the routed copies, by message id. */
    readonly traceparents: ReadonlyMap<string, string>,
  ) {}

  /**
   * The traces of `batch`, or undefined when no submission carries a context (nothing to do).
   * A submission is named by its `Nats-Msg-Id` (agents set it to the message id).
   */
  static of(batch: readonly JsMsg[], tracer: Tracer): BatchTraces | undefined {
    let traced: TracedSubmission[] | undefined;
    let traceparents: Map<string, string> | undefined;
    for (const m of batch) {
      const h = m.headers;
      if (h === undefined) continue;
      const parent = parseTraceparent(h.get(TRACEPARENT_HEADER));
      const messageId = h.get('Nats-Msg-Id');
      if (parent === undefined || messageId === '') continue;
      const route = tracer.recording ? childContext(parent) : parent;
      (traced ??= []).push({ messageId, parent, route });
      (traceparents ??= new Map()).set(messageId, formatTraceparent(route));
    }
    return traced === undefined || traceparents === undefined
      ? undefined
      : new BatchTraces(tracer, traced, traceparents);
  }

  /** Records the spans of the batch's traced submissions, and logs (debug) what became of each. */
  record(result: BatchResult, times: BatchStageTimes, logger: Logger): void {
    const debug = logger.isLevelEnabled('debug');
    if (!this.tracer.recording && !debug) return;
    const accepted = new Set(result.write.messages.map((m) => m.messageId));
    const replayed = new Set(result.replays.map((r) => r.messageId));
    const refused = new Map(result.write.quarantine.map((q) => [q.messageId, q.reason]));
    const routed = new Map(result.routes.map((r) => [r.messageId, r.recipients.length]));
    const at = (t: number): number => performance.timeOrigin + t;
    for (const t of this.traced) {
      const reason = refused.get(t.messageId);
      const outcome = accepted.has(t.messageId)
        ? 'accepted'
        : replayed.has(t.messageId)
          ? 'replayed'
          : reason !== undefined
            ? 'refused'
            : 'other';
      if (debug) {
        logger.debug(
          { messageId: t.messageId, traceId: t.parent.traceId, outcome, ...(reason === undefined ? {} : { reason }) },
          'submission processed',
        );
      }
      if (!this.tracer.recording) continue;
      const attributes = {
        'atc.message_id': t.messageId,
        'atc.outcome': outcome,
        ...(reason === undefined ? {} : { 'atc.reason': reason }),
      };
      this.tracer.record(childContext(t.parent), t.parent, {
        name: 'gateway verify',
        kind: SpanKind.CONSUMER,
        startMs: at(times.started),
        endMs: at(times.checked),
        attributes,
        error: reason,
      });
      this.tracer.record(childContext(t.parent), t.parent, {
        name: 'gateway archive',
        kind: SpanKind.INTERNAL,
        startMs: at(times.checked),
        endMs: at(times.committed),
        attributes,
      });
      const recipients = routed.get(t.messageId);
      if (recipients === undefined) continue;
      this.tracer.record(t.route, t.parent, {
        name: 'gateway route',
        kind: SpanKind.PRODUCER,
        startMs: at(times.publishing),
        endMs: at(times.published),
        attributes: { ...attributes, 'atc.recipients': recipients, 'messaging.system': 'nats' },
      });
    }
  }
}

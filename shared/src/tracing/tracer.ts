import { performance } from 'node:perf_hooks';
import type { TraceContext } from './trace-context.js';

/** The kind of a span, as OTLP numbers it. */
export const SpanKind = { INTERNAL: 1, SERVER: 2, CLIENT: 3, PRODUCER: 4, CONSUMER: 5 } as const;

/** One of the {@link SpanKind} values. */
export type SpanKind = (typeof SpanKind)[keyof typeof SpanKind];

/** A span attribute's value. */
export type SpanAttribute = string | number | boolean;

/** A span that has ended, as it is queued for export. */
export interface FinishedSpan {
  readonly traceId: string;
  readonly spanId: string;
  /** The span this one is a child of; absent for a trace's root. */
  readonly parentSpanId: string | undefined;
  readonly name: string;
  readonly kind: SpanKind;
  /** Unix milliseconds with a fraction (see {@link spanClock}). */
  readonly startMs: number;
  readonly endMs: number;
  readonly attributes: Readonly<Record<string, SpanAttribute>>;
  /** Set when the span's work failed: the status is then ERROR with this message. */
  readonly error?: string | undefined;
}

/** Where finished spans go (an exporter's queue). `add` must never block nor throw. */
export interface SpanSink {
  add(span: FinishedSpan): void;
}

/** Unix milliseconds with sub-millisecond precision, from the monotonic clock. */
export function spanClock(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * Hands finished spans of sampled traces to a sink. Without a sink (no exporter configured)
 * `recording` is false and `record` does nothing, so callers skip building spans at all; trace
 * contexts are still passed on, so that services further along join the same trace.
 */
export class Tracer {
  readonly #sink: SpanSink | undefined;

  constructor(sink?: SpanSink) {
    this.#sink = sink;
  }

  /** Whether spans are exported: when false, do not build them. */
  get recording(): boolean {
    return this.#sink !== undefined;
  }

  /**
   * Records the span of `context` (a child of `parent`, or a root), unless nothing records or
   * its trace is not sampled.
   */
  record(
    context: TraceContext,
    parent: TraceContext | undefined,
    span: Omit<FinishedSpan, 'traceId' | 'spanId' | 'parentSpanId'>,
  ): void {
    if (this.#sink === undefined || !context.sampled) return;
    this.#sink.add({ ...span, traceId: context.traceId, spanId: context.spanId, parentSpanId: parent?.spanId });
  }
}

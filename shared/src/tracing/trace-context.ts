import { randomFillSync } from 'node:crypto';

/** The HTTP and NATS header that carries a W3C trace context (https://www.w3.org/TR/trace-context/). */
export const TRACEPARENT_HEADER = 'traceparent';

/** Where one span sits: its trace, its own id, and whether the trace is sampled (recorded). */
export interface TraceContext {
  /** 32 lowercase hex digits, not all zero. */
  readonly traceId: string;
  /** 16 lowercase hex digits, not all zero. */
  readonly spanId: string;
  /** The `sampled` flag: spans of an unsampled trace are passed on but never exported. */
  readonly sampled: boolean;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const ZERO_TRACE = '0'.repeat(32);
const ZERO_SPAN = '0'.repeat(16);

/**
 * The trace context of a `traceparent` header value, or undefined when there is none or it is
 * malformed (the caller then starts a new trace: a bad header is never an error). Version 00 is
 * read exactly; a later version is read by its first four fields, as the specification asks.
 */
export function parseTraceparent(value: unknown): TraceContext | undefined {
  if (typeof value !== 'string' || value.length < 55 || value.length > 512) return undefined;
  const m = TRACEPARENT.exec(value);
  if (m === null) return undefined;
  const [, version, traceId, spanId, flags, rest] = m as unknown as [string, string, string, string, string, string?];
  if (version === 'ff' || (version === '00' && rest !== undefined)) return undefined;
  if (traceId === ZERO_TRACE || spanId === ZERO_SPAN) return undefined;
  return { traceId, spanId, sampled: (parseInt(flags, 16) & 1) === 1 };
}

/** The `traceparent` header value (version 00) of `context`. */
export function formatTraceparent(context: TraceContext): string {
  return `00-${context.traceId}-${context.spanId}-${context.sampled ? '01' : '00'}`;
}

/** Random bytes drawn ahead in one call, so that an id costs a slice, not a system call. */
const pool = Buffer.alloc(4096);
let poolAt = pool.length;

function randomHex(bytes: number): string {
  if (poolAt + bytes > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const hex = pool.toString('hex', poolAt, poolAt + bytes);
  poolAt += bytes;
  // All zero is invalid; with 64 random bits or more it is never drawn in practice, but never emitted.
  return /^0+$/.test(hex) ? randomHex(bytes) : hex;
}

/** A new random trace id (16 bytes, hex). */
export function newTraceId(): string {
  return randomHex(16);
}

/** A new random span id (8 bytes, hex). */
export function newSpanId(): string {
  return randomHex(8);
}

/** A context for a new span: a child of `parent` in its trace, or the root of a new sampled trace. */
export function childContext(parent: TraceContext | undefined): TraceContext {
  return parent === undefined
    ? { traceId: newTraceId(), spanId: newSpanId(), sampled: true }
    : { traceId: parent.traceId, spanId: newSpanId(), sampled: parent.sampled };
}

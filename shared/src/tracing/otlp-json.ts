import type { FinishedSpan, SpanAttribute } from './tracer.js';

/** The resource spans are reported for: the service. */
export interface OtlpResource {
  /** `service.name`. */
  readonly serviceName: string;
  /** Other resource attributes (`service.instance.id`, `atc.member`, ...). */
  readonly attributes?: Readonly<Record<string, SpanAttribute>>;
}

/** The instrumentation scope every span is reported under. */
const SCOPE = { name: 'atc-exchange', version: '1' } as const;

/** OTLP status code ERROR. */
const STATUS_ERROR = 2;

type AnyValue = { stringValue: string } | { intValue: string } | { doubleValue: number } | { boolValue: boolean };

function anyValue(value: SpanAttribute): AnyValue {
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  // 64-bit integers are decimal strings in OTLP/JSON.
  return Number.isSafeInteger(value) ? { intValue: String(value) } : { doubleValue: value };
}

function keyValues(attributes: Readonly<Record<string, SpanAttribute>>): { key: string; value: AnyValue }[] {
  return Object.entries(attributes).map(([key, value]) => ({ key, value: anyValue(value) }));
}

/** Unix milliseconds (with a fraction) as OTLP's decimal string of nanoseconds. */
export function unixNanos(ms: number): string {
  const whole = Math.floor(ms);
  return (BigInt(whole) * 1_000_000n + BigInt(Math.round((ms - whole) * 1_000_000))).toString();
}

/**
 * An OTLP `ExportTraceServiceRequest` in the protocol's JSON encoding: ids as hex, enums as
 * numbers, 64-bit integers as strings (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding).
 */
export function otlpTraceJson(resource: OtlpResource, spans: readonly FinishedSpan[]): unknown {
  return {
    resourceSpans: [
      {
        resource: {
          attributes: keyValues({ ...resource.attributes, 'service.name': resource.serviceName }),
        },
        scopeSpans: [
          {
            scope: SCOPE,
            spans: spans.map((s) => ({
              traceId: s.traceId,
              spanId: s.spanId,
              ...(s.parentSpanId === undefined ? {} : { parentSpanId: s.parentSpanId }),
              name: s.name,
              kind: s.kind,
              startTimeUnixNano: unixNanos(s.startMs),
              endTimeUnixNano: unixNanos(Math.max(s.startMs, s.endMs)),
              attributes: keyValues(s.attributes),
              ...(s.error === undefined ? {} : { status: { code: STATUS_ERROR, message: s.error } }),
            })),
          },
        ],
      },
    ],
  };
}

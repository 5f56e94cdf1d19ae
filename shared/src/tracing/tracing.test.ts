import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config.js';
import { createLogger } from '../logging/create-logger.js';
import { openTracing, tracesUrl } from './open-tracing.js';
import { OtlpHttpExporter, SpanDropReason } from './otlp-http-exporter.js';
import { otlpTraceJson, unixNanos } from './otlp-json.js';
import { childContext, formatTraceparent, parseTraceparent } from './trace-context.js';
import { tracingSecrets, tracingSettings } from './tracing-settings.js';
import { SpanKind, type FinishedSpan } from './tracer.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

describe('traceparent', () => {
  it('reads a valid header and writes it back', () => {
    const ctx = parseTraceparent(`00-${TRACE}-${SPAN}-01`);
    expect(ctx).toEqual({ traceId: TRACE, spanId: SPAN, sampled: true });
    expect(formatTraceparent(ctx!)).toBe(`00-${TRACE}-${SPAN}-01`);
    expect(parseTraceparent(`00-${TRACE}-${SPAN}-00`)?.sampled).toBe(false);
    // A later version is read by its first four fields.
    expect(parseTraceparent(`01-${TRACE}-${SPAN}-03-more`)?.traceId).toBe(TRACE);
  });

  it.each([
    undefined,
    '',
    ['a', 'b'],
    'garbage',
    `00-${TRACE.toUpperCase()}-${SPAN}-01`,
    `00-${'0'.repeat(32)}-${SPAN}-01`,
    `00-${TRACE}-${'0'.repeat(16)}-01`,
    `ff-${TRACE}-${SPAN}-01`,
    `00-${TRACE}-${SPAN}-01-extra`,
    `00-${TRACE}-${SPAN}-0x`,
  ])('ignores %j', (value) => {
    expect(parseTraceparent(value)).toBeUndefined();
  });

  it('makes children in the parent trace, and new sampled roots', () => {
    const parent = { traceId: TRACE, spanId: SPAN, sampled: false };
    const child = childContext(parent);
    expect(child.traceId).toBe(TRACE);
    expect(child.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(child.spanId).not.toBe(SPAN);
    expect(child.sampled).toBe(false);
    const roots = new Set(Array.from({ length: 1000 }, () => childContext(undefined).traceId));
    expect(roots.size).toBe(1000);
    for (const r of roots) expect(r).toMatch(/^[0-9a-f]{32}$/);
  });
});

const span = (n: number): FinishedSpan => ({
  traceId: TRACE,
  spanId: SPAN,
  parentSpanId: undefined,
  name: `span ${n}`,
  kind: SpanKind.INTERNAL,
  startMs: 1_700_000_000_000.5,
  endMs: 1_700_000_000_001.25,
  attributes: { s: 'x', i: 3, d: 1.5, b: true },
});

describe('OTLP/JSON', () => {
  it('writes ids in hex, times as decimal nanoseconds, attributes typed', () => {
    expect(unixNanos(1_700_000_000_000.5)).toBe('1700000000000500000');
    const json = otlpTraceJson({ serviceName: 'svc', attributes: { 'atc.member': 'KZ' } }, [
      { ...span(1), error: 'it failed' },
    ]) as { resourceSpans: { resource: unknown; scopeSpans: { spans: unknown[] }[] }[] };
    const [rs] = json.resourceSpans;
    expect(rs!.resource).toEqual({
      attributes: [
        { key: 'atc.member', value: { stringValue: 'KZ' } },
        { key: 'service.name', value: { stringValue: 'svc' } },
      ],
    });
    expect(rs!.scopeSpans[0]!.spans[0]).toEqual({
      traceId: TRACE,
      spanId: SPAN,
      name: 'span 1',
      kind: 1,
      startTimeUnixNano: '1700000000000500000',
      endTimeUnixNano: '1700000000001250000',
      attributes: [
        { key: 's', value: { stringValue: 'x' } },
        { key: 'i', value: { intValue: '3' } },
        { key: 'd', value: { doubleValue: 1.5 } },
        { key: 'b', value: { boolValue: true } },
      ],
      status: { code: 2, message: 'it failed' },
    });
  });
});

describe('tracing settings', () => {
  const load = (env: Record<string, string>) =>
    loadConfig({ settings: tracingSettings, secrets: tracingSecrets }, { env });

  it('follows the OpenTelemetry variables', () => {
    const { settings, secrets } = load({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/',
      OTEL_EXPORTER_OTLP_HEADERS: 'Authorization=Bearer%20abc, x-tenant=atc',
    });
    expect(tracesUrl(settings)).toBe('http://collector:4318/v1/traces');
    expect(secrets.otelHeaders).toEqual({ authorization: 'Bearer abc', 'x-tenant': 'atc' });
    expect(tracesUrl(load({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://c/x' }).settings)).toBe('https://c/x');
    expect(tracesUrl(load({}).settings)).toBeUndefined();
    const off = load({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_TRACES_EXPORTER: 'none' });
    expect(
      openTracing(off.settings, off.secrets, { serviceName: 's', logger: createLogger({ name: 't' }) }).exporter,
    ).toBeUndefined();
  });

  it('refuses what this exporter cannot do, naming the variable', () => {
    expect(() => load({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toThrow(
      /OTEL_EXPORTER_OTLP_PROTOCOL: must be one of http\/json/,
    );
    expect(() => load({ OTEL_EXPORTER_OTLP_HEADERS: 'novalue' })).toThrow(/OTEL_EXPORTER_OTLP_HEADERS/);
    expect(() => load({ OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://c' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
  });
});

describe('OtlpHttpExporter', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => {
      if (server === undefined) resolve();
      else
        server.close(() => {
          resolve();
        });
    });
  });

  /** A collector that never answers. */
  async function hangingCollector(): Promise<string> {
    server = createServer(() => undefined);
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const address = server.address();
    return `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/v1/traces`;
  }

  it('never blocks: a hanging collector costs the spans beyond the queue and the batch that timed out', async () => {
    const dropped: Record<string, number> = {};
    const exporter = new OtlpHttpExporter({
      url: await hangingCollector(),
      resource: { serviceName: 'test' },
      timeoutMs: 200,
      maxQueueSize: 10,
      maxBatchSize: 5,
      scheduleDelayMs: 20,
      logger: createLogger({ name: 'test', level: 'silent' }),
      onDropped: (n, reason) => {
        dropped[reason] = (dropped[reason] ?? 0) + n;
      },
    });
    exporter.start();
    const started = performance.now();
    for (let i = 0; i < 1000; i++) exporter.add(span(i));
    // 1000 spans queued or dropped in well under the export timeout.
    expect(performance.now() - started).toBeLessThan(100);
    expect(exporter.queued).toBeLessThanOrEqual(10);
    expect(dropped[SpanDropReason.QUEUE_FULL]).toBeGreaterThanOrEqual(985);
    await expect.poll(() => dropped[SpanDropReason.EXPORT_FAILED] ?? 0, { timeout: 5_000 }).toBeGreaterThan(0);
    await exporter.stop();
  });
});

import type { Logger } from 'pino';
import type { ValuesOf } from '../config/load-config.js';
import { OtlpHttpExporter, type SpanDropReason } from './otlp-http-exporter.js';
import type { tracingSecrets, tracingSettings } from './tracing-settings.js';
import { Tracer, type SpanAttribute } from './tracer.js';

/** What {@link openTracing} needs besides the settings. */
export interface TracingOptions {
  /** The service's own name, the default `service.name`. */
  readonly serviceName: string;
  /** More resource attributes (e.g. the member id). */
  readonly resource?: Readonly<Record<string, SpanAttribute>>;
  readonly logger: Logger;
  readonly onExported?: (count: number) => void;
  readonly onDropped?: (count: number, reason: SpanDropReason) => void;
}

/**
 * The service's tracer and, when an endpoint is configured, the exporter behind it (a
 * component to start and stop with the service). The URL follows the OpenTelemetry rules:
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as is, else OTEL_EXPORTER_OTLP_ENDPOINT + `/v1/traces`.
 */
export function openTracing(
  settings: ValuesOf<typeof tracingSettings>,
  secrets: ValuesOf<typeof tracingSecrets>,
  options: TracingOptions,
): { readonly tracer: Tracer; readonly exporter: OtlpHttpExporter | undefined } {
  const url = tracesUrl(settings);
  if (url === undefined || settings.otelTracesExporter === 'none') return { tracer: new Tracer(), exporter: undefined };
  const exporter = new OtlpHttpExporter({
    url,
    ...(secrets.otelHeaders === undefined ? {} : { headers: secrets.otelHeaders }),
    resource: {
      serviceName: settings.otelServiceName ?? options.serviceName,
      ...(options.resource === undefined ? {} : { attributes: options.resource }),
    },
    timeoutMs: settings.otelTimeout,
    maxQueueSize: settings.otelQueueSize,
    maxBatchSize: Math.min(settings.otelBatchSize, settings.otelQueueSize),
    scheduleDelayMs: settings.otelScheduleDelay,
    logger: options.logger,
    ...(options.onExported === undefined ? {} : { onExported: options.onExported }),
    ...(options.onDropped === undefined ? {} : { onDropped: options.onDropped }),
  });
  return { tracer: new Tracer(exporter), exporter };
}

/** Where spans go, or undefined when no endpoint is set. */
export function tracesUrl(settings: ValuesOf<typeof tracingSettings>): string | undefined {
  if (settings.otelTracesEndpoint !== undefined) return settings.otelTracesEndpoint;
  if (settings.otelEndpoint === undefined) return undefined;
  return `${settings.otelEndpoint.replace(/\/+$/, '')}/v1/traces`;
}

import { parsers, type Parser } from '../config/parsers.js';

const optionalString = undefined as string | undefined;

/** `key=value,key2=value2`, values percent-decoded, as OTEL_EXPORTER_OTLP_HEADERS is written. */
const headerList: Parser<Readonly<Record<string, string>>> = (raw) => {
  const headers: Record<string, string> = {};
  for (const pair of raw.split(',')) {
    if (pair.trim() === '') continue;
    const at = pair.indexOf('=');
    const key = at < 0 ? '' : pair.slice(0, at).trim().toLowerCase();
    if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(key)) throw new Error('must be key=value pairs separated by commas');
    let value: string;
    try {
      value = decodeURIComponent(pair.slice(at + 1).trim());
    } catch {
      throw new Error(`the value of ${key} is not valid percent-encoding`);
    }
    if (/[\r\n\0]/.test(value)) throw new Error(`the value of ${key} must not contain line breaks`);
    headers[key] = value;
  }
  return Object.freeze(headers);
};

/**
 * The standard OpenTelemetry variables of span export (OTLP/HTTP with the JSON encoding),
 * shared by both services. Export is off while no endpoint is set; trace contexts are passed
 * on whatever these say.
 */
export const tracingSettings = {
  otelEndpoint: {
    env: 'OTEL_EXPORTER_OTLP_ENDPOINT',
    doc: 'OpenTelemetry collector base URL (OTLP/HTTP, JSON); spans go to <url>/v1/traces. No span export when unset',
    parse: parsers.url(['http:', 'https:']),
    default: optionalString,
  },
  otelTracesEndpoint: {
    env: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
    doc: 'full URL spans are sent to, used as is (over OTEL_EXPORTER_OTLP_ENDPOINT)',
    parse: parsers.url(['http:', 'https:']),
    default: optionalString,
  },
  otelProtocol: {
    env: 'OTEL_EXPORTER_OTLP_PROTOCOL',
    doc: 'OTLP protocol; this exporter speaks http/json only',
    parse: parsers.oneOf(['http/json'] as const),
    default: 'http/json' as const,
  },
  otelTracesExporter: {
    env: 'OTEL_TRACES_EXPORTER',
    doc: 'otlp, or none to export no spans even with an endpoint set',
    parse: parsers.oneOf(['otlp', 'none'] as const),
    default: 'otlp' as 'otlp' | 'none',
  },
  otelServiceName: {
    env: 'OTEL_SERVICE_NAME',
    doc: "the service.name of exported spans (default the service's own: atc-gateway, atc-agent-<MEMBER>)",
    parse: parsers.string(),
    default: optionalString,
  },
  otelTimeout: {
    env: 'OTEL_EXPORTER_OTLP_TIMEOUT',
    doc: 'longest wait for the collector per export, in milliseconds',
    parse: parsers.int(1, 600_000),
    default: 10_000,
  },
  otelQueueSize: {
    env: 'OTEL_BSP_MAX_QUEUE_SIZE',
    doc: 'spans waiting for export at most; more are dropped and counted',
    parse: parsers.int(1, 1_000_000),
    default: 2048,
  },
  otelBatchSize: {
    env: 'OTEL_BSP_MAX_EXPORT_BATCH_SIZE',
    doc: 'spans per export request at most',
    parse: parsers.int(1, 100_000),
    default: 512,
  },
  otelScheduleDelay: {
    env: 'OTEL_BSP_SCHEDULE_DELAY',
    doc: 'longest wait before a partial batch of spans is sent, in milliseconds',
    parse: parsers.int(1, 3_600_000),
    default: 5_000,
  },
};

/** Secrets of span export: the collector's request headers may hold credentials. */
export const tracingSecrets = {
  otelHeaders: {
    env: 'OTEL_EXPORTER_OTLP_HEADERS',
    doc: 'headers of export requests, key=value pairs separated by commas (values percent-encoded)',
    parse: headerList,
    default: undefined as Readonly<Record<string, string>> | undefined,
  },
};

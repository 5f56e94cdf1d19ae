import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** One span as an OTLP/HTTP JSON export carried it, with the service that sent it. */
export interface ReceivedSpan {
  readonly service: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string | undefined;
  readonly name: string;
  readonly kind: number;
  readonly startTimeUnixNano: string;
  readonly endTimeUnixNano: string;
  /** Attribute values by key (strings, numbers as OTLP wrote them, booleans). */
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly status: { readonly code?: number; readonly message?: string } | undefined;
}

/** An OpenTelemetry collector standing in for the real one: OTLP/HTTP with JSON, on a free port. */
export interface OtlpReceiver {
  /** The base URL, as OTEL_EXPORTER_OTLP_ENDPOINT takes it (spans are POSTed to `/v1/traces`). */
  readonly url: string;
  /** Every span received, in arrival order. */
  readonly spans: ReceivedSpan[];
  /** Export requests received (answered or held), with their headers. */
  readonly requests: { readonly path: string; readonly headers: IncomingMessage['headers'] }[];
  /** While true, requests are read and never answered (a collector that hangs); their spans are not kept. */
  hang: boolean;
  /** Requests being held now. */
  readonly held: number;
  close(): Promise<void>;
}

interface KeyValue {
  readonly key: string;
  readonly value: Record<string, unknown>;
}

function attributeMap(list: readonly KeyValue[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { key, value } of list ?? []) out[key] = Object.values(value)[0];
  return out;
}

/** The spans of an `ExportTraceServiceRequest` in JSON. */
function spansOf(body: unknown): ReceivedSpan[] {
  const out: ReceivedSpan[] = [];
  const request = body as {
    resourceSpans?: {
      resource?: { attributes?: KeyValue[] };
      scopeSpans?: { spans?: (Omit<ReceivedSpan, 'service' | 'attributes'> & { attributes?: KeyValue[] })[] }[];
    }[];
  };
  for (const rs of request.resourceSpans ?? []) {
    const name = attributeMap(rs.resource?.attributes)['service.name'];
    const service = typeof name === 'string' ? name : '';
    for (const ss of rs.scopeSpans ?? []) {
      for (const s of ss.spans ?? []) out.push({ ...s, service, attributes: attributeMap(s.attributes) });
    }
  }
  return out;
}

/** Starts an OTLP/HTTP receiver on 127.0.0.1. */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const held = new Set<ServerResponse>();
  const receiver = {
    url: '',
    spans: [] as ReceivedSpan[],
    requests: [] as { path: string; headers: IncomingMessage['headers'] }[],
    hang: false,
    get held(): number {
      return held.size;
    },
    close: async (): Promise<void> => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      });
    },
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    receiver.requests.push({ path: req.url ?? '', headers: req.headers });
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (receiver.hang) {
        held.add(res);
        res.on('close', () => held.delete(res));
        return;
      }
      if (req.method !== 'POST' || req.url !== '/v1/traces' || req.headers['content-type'] !== 'application/json') {
        res.writeHead(404).end();
        return;
      }
      try {
        receiver.spans.push(...spansOf(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' }).end('{}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  receiver.url = `http://127.0.0.1:${port}`;
  return receiver;
}

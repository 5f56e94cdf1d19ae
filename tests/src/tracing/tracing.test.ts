// Tracing end to end, with a real federation and a real OTLP/HTTP receiver: one trace from the
// sender's API through the gateway to the recipient's webhook (spans, the webhook's
// traceparent, log lines); a malformed traceparent starts a new trace; a collector that hangs
// costs spans, never messages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, type Logger } from '@atc/shared';
import {
  personRequest,
  startOtlpReceiver,
  startTestFederation,
  waitFor,
  type OtlpReceiver,
  type ReceivedSpan,
  type TestFederation,
  type WebhookCall,
} from '@atc/tests';

/** Log lines of one service, parsed. */
type LogLines = Record<string, unknown>[];

function capturingLogger(name: string, lines: LogLines): Logger {
  return createLogger({
    name,
    level: 'debug',
    destination: {
      write(line: string) {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  });
}

const TRACING_ENV = (url: string): Record<string, string> => ({
  OTEL_EXPORTER_OTLP_ENDPOINT: url,
  OTEL_BSP_SCHEDULE_DELAY: '100',
  OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '32',
  OTEL_BSP_MAX_QUEUE_SIZE: '256',
  OTEL_EXPORTER_OTLP_TIMEOUT: '1000',
  OTEL_EXPORTER_OTLP_HEADERS: 'x-collector-token=test%20token',
});

let otlp: OtlpReceiver;
let fed: TestFederation;
const logs: Record<'KZ' | 'BY' | 'gateway', LogLines> = { KZ: [], BY: [], gateway: [] };

beforeAll(async () => {
  otlp = await startOtlpReceiver();
  const env = TRACING_ENV(otlp.url);
  fed = await startTestFederation({
    // The gateway's queue holds fewer spans than 60 messages make (3 each): it fills while the collector hangs.
    gatewayEnv: { ...env, OTEL_BSP_MAX_QUEUE_SIZE: '64', OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '16' },
    gatewayLogger: capturingLogger('atc-gateway-test', logs.gateway),
    members: {
      KZ: { env, logger: capturingLogger('atc-agent-KZ', logs.KZ) },
      BY: {
        env,
        webhookSecret: 'by-webhook-secret-for-tracing-tests',
        logger: capturingLogger('atc-agent-BY', logs.BY),
      },
    },
  });
}, 60_000);

afterAll(async () => {
  await fed?.close();
  await otlp?.close();
});

/** Sends a record from KZ to BY with these extra headers; returns its message id. */
async function send(n: number, headers: Record<string, string> = {}): Promise<string> {
  const res = await fed.agent('KZ').api('POST', '/v1/messages', personRequest(['BY'], n), headers);
  expect(res.status).toBe(202);
  return res.body['messageId'] as string;
}

/** The webhook calls that handed over message `id`. */
const callsOf = (id: string): WebhookCall[] =>
  fed.receiver('BY').calls.filter((c) => (JSON.parse(c.body) as { id: string }).id === id);

const spansOf = (traceId: string): ReceivedSpan[] => otlp.spans.filter((s) => s.traceId === traceId);

const named = (spans: readonly ReceivedSpan[], name: string): ReceivedSpan[] => spans.filter((s) => s.name === name);

const SPAN_NAMES = [
  'agent api receive',
  'agent publish',
  'gateway verify',
  'gateway archive',
  'gateway route',
  'agent inbox receive',
  'agent handover',
];

/** The trace id of the `traceparent` a webhook call carried. */
function webhookTrace(call: WebhookCall): { traceId: string; spanId: string } {
  const header = call.headers['traceparent'];
  expect(header).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  const [, traceId, spanId] = (header as string).split('-');
  return { traceId: traceId!, spanId: spanId! };
}

describe('tracing', () => {
  it('carries one trace from the sender API through the gateway to the recipient webhook', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const callerSpan = '00f067aa0ba902b7';
    const id = await send(1, { traceparent: `00-${traceId}-${callerSpan}-01` });

    await waitFor(() => callsOf(id).some((c) => c.status === 200), { timeoutMs: 20_000, message: 'handed over' });
    const call = callsOf(id)[0]!;
    expect(webhookTrace(call).traceId).toBe(traceId);
    await waitFor(() => SPAN_NAMES.every((n) => named(spansOf(traceId), n).length > 0), {
      timeoutMs: 20_000,
      message: 'every span of the trace exported',
    });
    const spans = spansOf(traceId);
    const one = (name: string): ReceivedSpan => {
      const found = named(spans, name);
      expect(found, name).toHaveLength(1);
      return found[0]!;
    };
    // Each service reports under its own name, and the spans chain parent to child.
    const api = one('agent api receive');
    expect(api.service).toBe('atc-agent-KZ');
    expect(api.parentSpanId).toBe(callerSpan);
    expect(api.attributes['atc.message_id']).toBe(id);
    const publish = one('agent publish');
    expect(publish.parentSpanId).toBe(api.spanId);
    for (const name of ['gateway verify', 'gateway archive', 'gateway route']) {
      const s = one(name);
      expect(s.service).toBe('atc-gateway');
      expect(s.parentSpanId).toBe(publish.spanId);
      expect(s.attributes['atc.outcome']).toBe('accepted');
    }
    const inbox = one('agent inbox receive');
    expect(inbox.service).toBe('atc-agent-BY');
    expect(inbox.parentSpanId).toBe(one('gateway route').spanId);
    const handover = one('agent handover');
    expect(handover.parentSpanId).toBe(inbox.spanId);
    expect(handover.attributes['http.response.status_code']).toBe('200');
    expect(webhookTrace(call).spanId).toBe(handover.spanId);
    // The standard request headers of OTEL_EXPORTER_OTLP_HEADERS go with every export.
    expect(otlp.requests.every((r) => r.headers['x-collector-token'] === 'test token')).toBe(true);

    // Sent once, archived once, delivered once.
    expect(callsOf(id)).toHaveLength(1);
    const archived = await fed.gateway.api(`/v1/messages/${id}`);
    expect(archived.status).toBe(200);
    const detail = (await archived.json()) as { deliveries: { recipient: string }[] };
    expect(detail.deliveries.map((d) => d.recipient)).toEqual(['BY']);

    // The trace id is in the log lines of each service about this message.
    const withTrace = (lines: LogLines): string[] =>
      lines.filter((l) => l['traceId'] === traceId).map((l) => String(l['msg']));
    expect(withTrace(logs.KZ)).toContain('record taken into the outbox');
    expect(withTrace(logs.gateway)).toContain('submission processed');
    expect(withTrace(logs.BY)).toEqual(expect.arrayContaining(['inbox item stored', 'webhook delivered']));
  }, 60_000);

  it('starts a new trace for a missing or malformed traceparent, and refuses nothing for it', async () => {
    const malformed = [
      undefined,
      'not-a-traceparent',
      '00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01', // upper case
      '00-00000000000000000000000000000000-00f067aa0ba902b7-01', // all-zero trace id
      '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01', // all-zero span id
      'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', // forbidden version
      '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra', // version 00 with more
    ];
    const ids: string[] = [];
    for (const [i, header] of malformed.entries()) {
      ids.push(await send(100 + i, header === undefined ? {} : { traceparent: header }));
    }
    await waitFor(() => ids.every((id) => callsOf(id).some((c) => c.status === 200)), {
      timeoutMs: 20_000,
      message: 'all handed over',
    });
    const traceIds = new Set<string>();
    for (const id of ids) {
      const { traceId } = webhookTrace(callsOf(id)[0]!);
      expect(traceId).not.toBe('4bf92f3577b34da6a3ce929d0e0e4736');
      traceIds.add(traceId);
      // Each service exports its own spans: the sender's and the recipient's arrive in either order.
      await waitFor(
        () =>
          named(spansOf(traceId), 'agent handover').length > 0 &&
          named(spansOf(traceId), 'agent api receive').length > 0,
        { timeoutMs: 10_000, message: 'the new trace exported by the sending and the receiving agent' },
      );
      const [api] = named(spansOf(traceId), 'agent api receive');
      expect(api?.attributes['atc.message_id']).toBe(id);
      expect(api?.parentSpanId).toBeUndefined();
    }
    // A new trace each.
    expect(traceIds.size).toBe(ids.length);
  }, 60_000);

  it('keeps messages flowing while the collector hangs, counting the spans it drops', async () => {
    otlp.hang = true;
    const [requestsBefore, spansBefore] = [otlp.requests.length, otlp.spans.length];
    try {
      const ids = await Promise.all(Array.from({ length: 60 }, (_, i) => send(200 + i)));
      // Within 20 s: waiting on the collector (1 s export timeout) once per message would take 60 s.
      await waitFor(() => ids.every((id) => callsOf(id).some((c) => c.status === 200)), {
        timeoutMs: 20_000,
        message: 'all 60 handed over while the collector hangs',
      });
      // The collector took export requests and answered none of them.
      expect(otlp.requests.length).toBeGreaterThan(requestsBefore);
      expect(otlp.spans.length).toBe(spansBefore);
      // Each delivered once, with its trace context, none waiting on the collector.
      for (const id of ids) {
        expect(callsOf(id)).toHaveLength(1);
        webhookTrace(callsOf(id)[0]!);
      }
      // Spans beyond the bounded queue were dropped and counted; the exports that hung timed out.
      const metric = async (url: string, name: string, reason: string): Promise<number> => {
        const text = await (await fetch(`${url}/metrics`)).text();
        const m = new RegExp(`^${name}\\{reason="${reason}"\\} (\\d+)$`, 'm').exec(text);
        return Number(m?.[1] ?? 0);
      };
      await waitFor(
        async () => (await metric(fed.gateway.gateway.url, 'atc_gateway_trace_spans_dropped_total', 'queue_full')) > 0,
        { timeoutMs: 10_000, message: 'the gateway counts spans dropped from its full queue' },
      );
      await waitFor(
        async () =>
          (await metric(fed.agent('KZ').agent.url, 'atc_agent_trace_spans_dropped_total', 'export_failed')) > 0,
        { timeoutMs: 10_000, message: 'the agent counts spans of exports that timed out' },
      );
    } finally {
      otlp.hang = false;
    }
    // Once the collector answers again, spans flow again.
    const id = await send(300, { traceparent: '00-11111111111111111111111111111111-2222222222222222-01' });
    await waitFor(() => named(spansOf('11111111111111111111111111111111'), 'agent handover').length > 0, {
      timeoutMs: 20_000,
      message: 'spans exported again after the collector recovered',
    });
    expect(callsOf(id)).toHaveLength(1);
  }, 60_000);
});

import { Agent as HttpAgent, request as httpRequest, type ClientRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Logger } from 'pino';
import type { Component } from '../lifecycle/lifecycle.js';
import { otlpTraceJson, type OtlpResource } from './otlp-json.js';
import type { FinishedSpan, SpanSink } from './tracer.js';

/** A failed export is logged at most this often (the count of failures in between goes with it). */
const FAILURE_LOG_EVERY_MS = 60_000;

/** Longest response body read from a collector (then the connection is dropped). */
const MAX_RESPONSE_BYTES = 64 * 1024;

/** Why spans were not exported. */
export const SpanDropReason = {
  /** The queue was full: the collector is slower than the service, or away. */
  QUEUE_FULL: 'queue_full',
  /** The collector refused the batch, did not answer in time, or could not be reached. */
  EXPORT_FAILED: 'export_failed',
} as const;

/** One of the {@link SpanDropReason} values. */
export type SpanDropReason = (typeof SpanDropReason)[keyof typeof SpanDropReason];

/** What an {@link OtlpHttpExporter} needs. */
export interface OtlpHttpExporterOptions {
  /** The full URL spans are POSTed to, e.g. `http://collector:4318/v1/traces`. */
  readonly url: string;
  /** Extra request headers (OTEL_EXPORTER_OTLP_HEADERS), e.g. an authorization. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly resource: OtlpResource;
  /** Longest wait for one export's answer. */
  readonly timeoutMs: number;
  /** Spans waiting at most; beyond, new spans are dropped and counted. */
  readonly maxQueueSize: number;
  /** Spans per request at most; a full batch is sent at once. */
  readonly maxBatchSize: number;
  /** A partial batch waits at most this long. */
  readonly scheduleDelayMs: number;
  readonly logger: Logger;
  /** Told of spans exported (metrics). */
  readonly onExported?: (count: number) => void;
  /** Told of spans dropped, and why (metrics). */
  readonly onDropped?: (count: number, reason: SpanDropReason) => void;
}

/**
 * Sends finished spans to an OpenTelemetry collector over OTLP/HTTP with the JSON encoding,
 * in batches, one request at a time. Adding a span only pushes it on a bounded queue: the
 * service never waits for the collector. A collector that is slow, away or refusing costs
 * the spans that do not fit the queue, counted through `onDropped`; failures are not retried
 * and are logged at most once a minute.
 */
export class OtlpHttpExporter implements SpanSink, Component {
  readonly #options: OtlpHttpExporterOptions;
  readonly #url: URL;
  readonly #agent: HttpAgent;
  readonly #request: typeof httpRequest;
  #queue: FinishedSpan[] = [];
  #timer: NodeJS.Timeout | undefined;
  #flushQueued = false;
  #inFlight: { readonly request: ClientRequest; readonly done: Promise<boolean> } | undefined;
  #running = false;
  #failures = 0;
  #lastFailureLogAt = Number.NEGATIVE_INFINITY;

  constructor(options: OtlpHttpExporterOptions) {
    this.#options = options;
    this.#url = new URL(options.url);
    const https = this.#url.protocol === 'https:';
    this.#agent = https
      ? new HttpsAgent({ keepAlive: true, maxSockets: 1 })
      : new HttpAgent({ keepAlive: true, maxSockets: 1 });
    this.#request = https ? httpsRequest : httpRequest;
  }

  /** Starts the timer that sends partial batches. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#timer = setInterval(() => {
      this.#flush();
    }, this.#options.scheduleDelayMs);
    this.#timer.unref();
  }

  /** Queues a span; drops it (counted) when the queue is full. Never blocks, never throws. */
  add(span: FinishedSpan): void {
    if (!this.#running) return;
    if (this.#queue.length >= this.#options.maxQueueSize) {
      this.#options.onDropped?.(1, SpanDropReason.QUEUE_FULL);
      return;
    }
    this.#queue.push(span);
    if (this.#queue.length >= this.#options.maxBatchSize && !this.#flushQueued && this.#inFlight === undefined) {
      this.#flushQueued = true;
      setImmediate(() => {
        this.#flushQueued = false;
        this.#flush();
      });
    }
  }

  /** Spans waiting in the queue. */
  get queued(): number {
    return this.#queue.length;
  }

  /**
   * Sends what is queued (waiting at most the export timeout for each request), then stops.
   * Spans added afterwards are ignored.
   */
  async stop(): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    clearInterval(this.#timer);
    await this.#inFlight?.done;
    // What is left goes out, unless the collector fails: then stopping waits no longer.
    while (this.#queue.length > 0 && (await this.#send()));
    this.#agent.destroy();
  }

  #flush(): void {
    if (this.#inFlight !== undefined || this.#queue.length === 0) return;
    void this.#send().then(() => {
      // A backlog of full batches goes out one request after another.
      if (this.#running && this.#queue.length >= this.#options.maxBatchSize) this.#flush();
    });
  }

  /** Sends one batch from the head of the queue; resolves when it is answered (true) or given up. */
  #send(): Promise<boolean> {
    const batch =
      this.#queue.length <= this.#options.maxBatchSize ? this.#queue : this.#queue.slice(0, this.#options.maxBatchSize);
    this.#queue = batch === this.#queue ? [] : this.#queue.slice(batch.length);
    const body = JSON.stringify(otlpTraceJson(this.#options.resource, batch));
    let request!: ClientRequest;
    const done = new Promise<boolean>((resolve) => {
      let settled = false;
      const finish = (error: string | undefined): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.#inFlight = undefined;
        if (error === undefined) this.#options.onExported?.(batch.length);
        else this.#failed(batch.length, error);
        resolve(error === undefined);
      };
      request = this.#request(
        this.#url,
        {
          method: 'POST',
          agent: this.#agent,
          headers: {
            ...this.#options.headers,
            'content-type': 'application/json',
            'content-length': String(Buffer.byteLength(body)),
          },
        },
        (res) => {
          const status = res.statusCode ?? 0;
          let bytes = 0;
          res.on('data', (chunk: Buffer) => {
            bytes += chunk.length;
            if (bytes > MAX_RESPONSE_BYTES) res.destroy();
          });
          res.on('error', () => undefined);
          res.on('close', () => {
            finish(status >= 200 && status < 300 ? undefined : `the collector answered HTTP ${status}`);
          });
        },
      );
      const timer = setTimeout(() => {
        finish(`no answer from the collector within ${this.#options.timeoutMs} ms`);
        request.destroy();
      }, this.#options.timeoutMs);
      timer.unref();
      request.on('error', (e) => {
        finish(`the collector could not be reached (${e.message})`);
      });
      request.end(body);
    });
    this.#inFlight = { request, done };
    return done;
  }

  #failed(count: number, why: string): void {
    this.#options.onDropped?.(count, SpanDropReason.EXPORT_FAILED);
    this.#failures++;
    const now = Date.now();
    if (now - this.#lastFailureLogAt < FAILURE_LOG_EVERY_MS) return;
    this.#lastFailureLogAt = now;
    this.#options.logger.warn(
      { url: this.#url.origin + this.#url.pathname, why, failedExports: this.#failures },
      'spans not exported to the OpenTelemetry collector; they are dropped (tracing only, messages are not affected)',
    );
    this.#failures = 0;
  }
}

import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { performance } from 'node:perf_hooks';
import {
  backoffDelay,
  childContext,
  formatTraceparent,
  Jitter,
  spanClock,
  SpanKind,
  systemClock,
  toIso,
  Tracer,
  TRACEPARENT_HEADER,
  type Clock,
  type Logger,
  type TraceContext,
} from '@atc/shared';
import { parseRetryAfter } from './parse-retry-after.js';
import { signWebhook, WEBHOOK_SIGNATURE_HEADER } from './webhook-signature.js';

/** First retry delay before jitter, by default: one second. */
const DEFAULT_BASE_DELAY_MS = 1_000;

/** Longest delay between two attempts, by default: five minutes. */
const DEFAULT_MAX_DELAY_MS = 5 * 60_000;

/** The header naming the item delivered; the same on every attempt, so receivers de-duplicate on it. */
export const WEBHOOK_DELIVERY_ID_HEADER = 'Atc-Delivery-Id';

/** The header numbering the attempt, from 1. */
export const WEBHOOK_DELIVERY_ATTEMPT_HEADER = 'Atc-Delivery-Attempt';

/** What a {@link WebhookDeliverer} needs. */
export interface WebhookDelivererOptions {
  /** The national system's endpoint, http: or https:, without credentials in it. */
  readonly url: string;
  /** HMAC secret shared with the receiver; several while one replaces another (one `v1` each). */
  readonly secret: string | readonly string[];
  /** Longest wait for the receiver's response headers, per attempt. */
  readonly timeoutMs: number;
  /** Attempts before an item is given up as failed. */
  readonly maxAttempts: number;
  /** Ceiling of the first retry delay; doubles per attempt. Default 1 s. */
  readonly baseDelayMs?: number;
  /** Longest delay between attempts, also the cap on a receiver's `Retry-After`. Default 5 min. */
  readonly maxDelayMs?: number;
  /** The agent's logger; the deliverer logs under `component: 'webhook'`. */
  readonly logger: Logger;
  /** Unix milliseconds: signature timestamps and `retryAt`. Default the system clock. */
  readonly clock?: Clock;
  /** Numbers in [0, 1) for the backoff jitter; default `Math.random`. */
  readonly random?: () => number;
  /** Connections to the receiver kept open at most (one per call in flight). Default 64. */
  readonly maxConnections?: number;
  /** Records a span per attempt (the receiver gets its context as `traceparent`). */
  readonly tracer?: Tracer;
}

/** One item to push, and which attempt this is (from 1). */
export interface DeliveryItem {
  /** Stable across attempts; sent as `Atc-Delivery-Id`. Printable ASCII, no spaces. */
  readonly id: string;
  /** Sent as JSON. */
  readonly body: unknown;
  /** 1 for the first call, then 1 more per retry. */
  readonly attempt: number;
  /** The item's trace: each attempt is a child span of it (a new trace when absent). */
  readonly trace?: TraceContext;
}

/** Why an item was given up. */
export const DeliveryFailureReason = {
  /** The receiver refused it (a 4xx other than 401, 403, 408, 429; or a redirect). */
  REJECTED: 'rejected',
  /** The last allowed attempt failed in a way that is otherwise retried. */
  EXHAUSTED: 'exhausted',
  /** The body cannot be written as JSON; nothing was sent. */
  BODY_INVALID: 'body-invalid',
} as const;

/** One of the {@link DeliveryFailureReason} values. */
export type DeliveryFailureReason = (typeof DeliveryFailureReason)[keyof typeof DeliveryFailureReason];

/** The receiver answered 2xx: it has the item. */
export interface Delivered {
  readonly kind: 'delivered';
  readonly status: number;
  readonly durationMs: number;
}

/** The attempt failed in a way that may pass later: call again with `attempt + 1` at `retryAt`. */
export interface RetryLater {
  readonly kind: 'retry';
  /** Unix milliseconds. */
  readonly retryAt: number;
  /** The receiver's status; absent for network errors and timeouts. */
  readonly status?: number;
  /** What went wrong, in plain words, for the item's record and the operator. */
  readonly error: string;
  readonly durationMs: number;
}

/** The item will not be delivered by retrying: an operator must look at it. */
export interface DeliveryFailed {
  readonly kind: 'failed';
  readonly reason: DeliveryFailureReason;
  /** The receiver's last status; absent for network errors, timeouts and invalid bodies. */
  readonly status?: number;
  readonly error: string;
  readonly durationMs: number;
}

/** What one call of {@link WebhookDeliverer.deliver} came to. */
export type DeliveryOutcome = Delivered | RetryLater | DeliveryFailed;

/** The receiver's answer, or why there was none. */
type Answer = { readonly status: number; readonly retryAfter: string | null } | { readonly error: string };

/** Printable ASCII without spaces: safe as an HTTP header value and in logs. */
const DELIVERY_ID = /^[\x21-\x7e]{1,200}$/;

/**
 * Pushes received, verified items to the national system's webhook, one POST per call.
 * It never waits between attempts: a `retry` outcome says when to try again and the
 * caller schedules it, so that pending items survive a restart in the caller's store.
 *
 * Each call is signed afresh (`Atc-Signature`, see `webhook-signature.ts`). Status codes:
 * 2xx delivered; 408, 429 and 5xx retried (honouring `Retry-After`, capped at
 * `maxDelayMs`), as are network errors and timeouts; 401 and 403 are retried too, because
 * they mean the two ends disagree on the secret (a rotation half done), which an operator
 * fixes without the item changing; other 4xx fail at once, since the receiver will refuse
 * the same item again. Redirects are not followed (the body would go to an address nobody
 * configured) and fail. Neither the secret nor the body is ever logged.
 */
export class WebhookDeliverer {
  private readonly url: string;
  /** A private field, not a property: it never shows when the object is logged or inspected. */
  readonly #secret: string | readonly string[];
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly random: () => number;
  private readonly clock: Clock;
  private readonly logger: Logger;
  /** Keep-alive connections, reused across calls: no handshake per item. */
  private readonly agent: HttpAgent;
  private readonly request: typeof httpRequest;
  private readonly tracer: Tracer;

  constructor(options: WebhookDelivererOptions) {
    this.tracer = options.tracer ?? new Tracer();
    this.url = checkedUrl(options.url);
    const https = this.url.startsWith('https:');
    const agentOptions = {
      keepAlive: true,
      maxSockets: positiveInteger('maxConnections', options.maxConnections ?? 64),
    };
    this.agent = https ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
    this.request = https ? httpsRequest : httpRequest;
    this.#secret = options.secret;
    signWebhook(options.secret, '', 0); // refuses empty secrets now rather than on the first item
    this.timeoutMs = positiveInteger('timeoutMs', options.timeoutMs);
    this.maxAttempts = positiveInteger('maxAttempts', options.maxAttempts);
    this.baseDelayMs = positiveInteger('baseDelayMs', options.baseDelayMs ?? DEFAULT_BASE_DELAY_MS);
    this.maxDelayMs = positiveInteger('maxDelayMs', options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS);
    if (this.maxDelayMs < this.baseDelayMs) throw new RangeError('maxDelayMs must not be less than baseDelayMs');
    this.random = options.random ?? Math.random;
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger.child({ component: 'webhook' });
  }

  /**
   * Makes one POST attempt for `item`. An `attempt` past `maxAttempts` is still made (an
   * operator redelivering a failed item); if it fails it fails for good.
   *
   * @throws RangeError for an id that cannot be a header value or an attempt below 1.
   */
  async deliver(item: DeliveryItem): Promise<DeliveryOutcome> {
    if (!DELIVERY_ID.test(item.id)) throw new RangeError('a delivery id must be 1-200 printable ASCII characters');
    if (!Number.isSafeInteger(item.attempt) || item.attempt < 1) throw new RangeError('attempt must count from 1');
    // Every attempt is a span of its own, and the receiver is told which (W3C traceparent).
    const trace = childContext(item.trace);
    const body = toJson(item.body);
    if (body === undefined) {
      return this.report(item, trace, {
        kind: 'failed',
        reason: DeliveryFailureReason.BODY_INVALID,
        error: 'the item cannot be written as JSON',
        durationMs: 0,
      });
    }
    const startedAt = spanClock();
    const started = performance.now();
    const answer = await this.post(item, body, trace);
    const outcome = this.judge(item.attempt, answer, Math.round(performance.now() - started));
    if (this.tracer.recording) this.handoverSpan(item, trace, startedAt, outcome);
    return this.report(item, trace, outcome);
  }

  /** The span of one attempt. */
  private handoverSpan(item: DeliveryItem, trace: TraceContext, startedAt: number, outcome: DeliveryOutcome): void {
    this.tracer.record(trace, item.trace, {
      name: 'agent handover',
      kind: SpanKind.CLIENT,
      startMs: startedAt,
      endMs: spanClock(),
      attributes: {
        'atc.message_id': item.id,
        'atc.attempt': item.attempt,
        'atc.outcome': outcome.kind,
        'http.request.method': 'POST',
        ...('status' in outcome && outcome.status !== undefined ? { 'http.response.status_code': outcome.status } : {}),
      },
      error: outcome.kind === 'delivered' ? undefined : outcome.error,
    });
  }

  /** Closes the connections kept open to the receiver. */
  close(): void {
    this.agent.destroy();
  }

  /**
   * One POST with node:http (several times cheaper per call than fetch, which matters at a
   * thousand items a second). The timeout covers the whole wait for the response headers;
   * the response body is never needed and is discarded.
   */
  private post(item: DeliveryItem, body: string, trace: TraceContext): Promise<Answer> {
    const headers = {
      [TRACEPARENT_HEADER]: formatTraceparent(trace),
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      [WEBHOOK_SIGNATURE_HEADER]: signWebhook(this.#secret, body, Math.floor(this.clock() / 1000)),
      [WEBHOOK_DELIVERY_ID_HEADER]: item.id,
      [WEBHOOK_DELIVERY_ATTEMPT_HEADER]: String(item.attempt),
    };
    return new Promise<Answer>((resolve) => {
      let answered = false;
      const answer = (a: Answer): void => {
        if (answered) return;
        answered = true;
        clearTimeout(timer);
        resolve(a);
      };
      const req = this.request(this.url, { method: 'POST', headers, agent: this.agent }, (res) => {
        const retryAfter = res.headers['retry-after'];
        answer({ status: res.statusCode ?? 0, retryAfter: typeof retryAfter === 'string' ? retryAfter : null });
        discardBody(res, this.timeoutMs);
      });
      const timer = setTimeout(() => {
        answer({ error: `no answer within ${this.timeoutMs} ms` });
        req.destroy();
      }, this.timeoutMs);
      req.on('error', (error) => {
        answer({ error: describeNetworkError(error) });
      });
      req.end(body);
    });
  }

  private judge(attempt: number, answer: Answer, durationMs: number): DeliveryOutcome {
    if ('error' in answer) return this.retryOrGiveUp(attempt, { error: answer.error, durationMs }, undefined);
    const { status } = answer;
    if (status >= 200 && status < 300) return { kind: 'delivered', status, durationMs };
    const error = describeStatus(status);
    if (!isRetryableStatus(status)) {
      return { kind: 'failed', reason: DeliveryFailureReason.REJECTED, status, error, durationMs };
    }
    const requested = parseRetryAfter(answer.retryAfter, this.clock());
    return this.retryOrGiveUp(attempt, { status, error, durationMs }, requested);
  }

  private retryOrGiveUp(
    attempt: number,
    failure: { readonly status?: number; readonly error: string; readonly durationMs: number },
    requestedDelayMs: number | undefined,
  ): RetryLater | DeliveryFailed {
    if (attempt >= this.maxAttempts) {
      const error = `${failure.error}; gave up after attempt ${attempt} of ${this.maxAttempts}`;
      return { ...failure, kind: 'failed', reason: DeliveryFailureReason.EXHAUSTED, error };
    }
    const delay =
      requestedDelayMs === undefined
        ? // Full jitter: the retries of many items that failed together (a receiver that
          // was down) do not come back in step.
          backoffDelay(attempt, {
            baseMs: this.baseDelayMs,
            maxMs: this.maxDelayMs,
            jitter: Jitter.FULL,
            random: this.random,
          })
        : Math.min(requestedDelayMs, this.maxDelayMs);
    return { ...failure, kind: 'retry', retryAt: this.clock() + delay };
  }

  private report(item: DeliveryItem, trace: TraceContext, outcome: DeliveryOutcome): DeliveryOutcome {
    const fields = {
      id: item.id,
      traceId: trace.traceId,
      attempt: item.attempt,
      ...('status' in outcome ? { status: outcome.status } : {}),
      durationMs: outcome.durationMs,
    };
    switch (outcome.kind) {
      case 'delivered':
        this.logger.info(fields, 'webhook delivered');
        break;
      case 'retry':
        this.logger.warn({ ...fields, error: outcome.error, retryAt: toIso(outcome.retryAt) }, 'webhook will retry');
        break;
      case 'failed':
        this.logger.error({ ...fields, error: outcome.error, reason: outcome.reason }, 'webhook delivery failed');
        break;
    }
    return outcome;
  }
}

/** 408, 429 and 5xx pass with time; 401 and 403 once the secrets agree again (see the class). */
function isRetryableStatus(status: number): boolean {
  return status === 401 || status === 403 || status === 408 || status === 429 || status >= 500;
}

function describeStatus(status: number): string {
  if (status >= 300 && status < 400) {
    return `HTTP ${status}: the receiver redirects, which is not followed; configure its final address`;
  }
  if (status === 401 || status === 403) {
    return `HTTP ${status}: the receiver refused the call; check that it holds this agent's webhook secret`;
  }
  if (status === 408) return 'HTTP 408: the receiver timed out reading the call';
  if (status === 429) return 'HTTP 429: the receiver asks to slow down';
  if (status >= 500) return `HTTP ${status}: the receiver failed`;
  return `HTTP ${status}: the receiver refused the item`;
}

/** Most of a response body read (and dropped) to keep its connection for the next call. */
const MAX_DISCARDED_BYTES = 64 * 1024;

/**
 * Reads and drops a response body, so that its keep-alive connection serves the next call;
 * a body that is too long, or too slow, costs the connection instead.
 */
function discardBody(res: IncomingMessage, timeoutMs: number): void {
  let bytes = 0;
  const timer = setTimeout(() => res.destroy(), timeoutMs);
  res.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > MAX_DISCARDED_BYTES) res.destroy();
  });
  res.on('close', () => {
    clearTimeout(timer);
  });
  res.on('error', () => undefined);
}

function describeNetworkError(error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  const code = errorCode(error);
  return code === undefined ? `network error: ${detail}` : `network error (${code}): ${detail}`;
}

function errorCode(error: unknown): string | undefined {
  if (error instanceof AggregateError) return errorCode(error.errors[0]);
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

function toJson(body: unknown): string | undefined {
  try {
    // Typed string, but undefined for undefined, functions and symbols.
    return JSON.stringify(body);
  } catch {
    return undefined; // cycles, BigInt
  }
}

function checkedUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // Not rethrown: Node's error carries the input, which may hold credentials.
    throw new RangeError('the webhook URL is not a valid absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new RangeError('the webhook URL must be http: or https:');
  // fetch would refuse it anyway, with the credentials in its message.
  if (url.username !== '' || url.password !== '') throw new RangeError('the webhook URL must not contain credentials');
  return url.href;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a whole number from 1`);
  return value;
}

import { randomUUID } from 'node:crypto';
import { AGENT_OPERATIONS, type AgentOperationId, type AgentOperations } from './generated/agent-api.js';
import { AgentApiError, AgentUnreachableError } from './problem.js';
import {
  isRetryableStatus,
  parseRetryAfter,
  resolveRetryPolicy,
  retryDelayMs,
  sleep,
  type ResolvedRetryPolicy,
  type RetryPolicy,
} from './retry.js';
import { SseParser } from './sse.js';

/** Settings of an {@link AgentClient}. */
export interface AgentClientOptions {
  /** The agent's API, e.g. `http://127.0.0.1:8450`. */
  readonly baseUrl: string | URL;
  /** One of the agent's integrator API keys, sent as `Authorization: Bearer <token>`. */
  readonly token?: string;
  /** The fetch to use (default the global one), e.g. one with a TLS dispatcher. */
  readonly fetch?: typeof fetch;
  /** Retries of reads and of submissions carrying an Idempotency-Key. */
  readonly retry?: RetryPolicy;
  /** Random numbers in [0, 1) for the backoff jitter (default Math.random). */
  readonly random?: () => number;
}

type Op<K extends AgentOperationId> = AgentOperations[K];

/** What a call of operation `K` takes beside its name. */
export type CallOptions<K extends AgentOperationId> = {
  readonly query?: Op<K>['query'];
  /** Sent as Idempotency-Key; a request that carries one is retried with the same key. */
  readonly idempotencyKey?: string;
  readonly signal?: AbortSignal;
} & (keyof Op<K>['params'] extends never ? { readonly params?: undefined } : { readonly params: Op<K>['params'] }) &
  (Op<K>['body'] extends undefined ? { readonly body?: undefined } : { readonly body: Op<K>['body'] });

/** The body of `POST /v1/messages`. */
export type SendMessageBody = Op<'sendMessage'>['body'];
/** The agent's answer to a record it took (`created: false` when the Idempotency-Key named an earlier one). */
export type SendMessageResult = Op<'sendMessage'>['response'];
/** A sent message: lifecycle, receipts, deliveries and log proof. */
export type OutboxMessage = Op<'getMessage'>['response'];
/** A received item. */
export type InboxItem = Op<'getInboxItem'>['response'];

/** One event of the inbox stream. */
export type InboxStreamEvent =
  | { readonly kind: 'item'; readonly id: string; readonly item: InboxItem }
  | { readonly kind: 'other'; readonly event: string; readonly id: string; readonly data: string };

/** Options of {@link AgentClient.streamInbox}. */
export interface StreamInboxOptions {
  /** Start after this inbox cursor (`seq`); default: what arrives from now on. */
  readonly after?: number | string;
  /** Resume after this event id (the last one a previous stream gave). */
  readonly lastEventId?: string;
  /** Ends the stream (the loop over it ends without an error). */
  readonly signal?: AbortSignal;
  /** Waits between reconnections: base and ceiling of the jittered backoff (defaults 500 ms, 15 s). */
  readonly reconnectDelayMs?: number;
  readonly maxReconnectDelayMs?: number;
  /** Told of each reconnection with its reason, e.g. to log it. */
  readonly onReconnect?: (reason: string, attempt: number) => void;
}

/**
 * A typed client of a node agent's integrator API: one method per operation (or `call` with
 * an operation's name), RFC 9457 errors as {@link AgentApiError}, retries with the same
 * Idempotency-Key on network errors, 5xx and 429 (Retry-After respected, bounded, jittered
 * backoff), and the inbox as a resumable Server-Sent Events stream.
 */
export class AgentClient {
  private readonly baseUrl: URL;
  private readonly token: string | undefined;
  private readonly fetchImpl: typeof fetch;
  private readonly retry: ResolvedRetryPolicy;
  private readonly random: () => number;

  constructor(options: AgentClientOptions) {
    const base = new URL(options.baseUrl);
    if (base.protocol !== 'http:' && base.protocol !== 'https:') {
      throw new TypeError(`baseUrl ${base.href} is not an http(s) URL`);
    }
    this.baseUrl = base;
    this.token = options.token;
    this.fetchImpl = options.fetch ?? fetch;
    this.retry = resolveRetryPolicy(options.retry);
    this.random = options.random ?? Math.random;
  }

  /** Sends a record; without `idempotencyKey` a fresh one is made, so retries never send it twice. */
  sendMessage(
    body: SendMessageBody,
    options: { readonly idempotencyKey?: string; readonly signal?: AbortSignal } = {},
  ): Promise<SendMessageResult> {
    return this.call('sendMessage', { body, ...options, idempotencyKey: options.idempotencyKey ?? randomUUID() });
  }

  /** A sent message's lifecycle, receipts, deliveries and log proof. */
  getMessage(id: string, options: { readonly signal?: AbortSignal } = {}): Promise<OutboxMessage> {
    return this.call('getMessage', { params: { id }, ...options });
  }

  /** The outbox, a page at a time. */
  listMessages(query: Op<'listMessages'>['query'] = {}, options: { readonly signal?: AbortSignal } = {}) {
    return this.call('listMessages', { query, ...options });
  }

  /** Received items, a page at a time. */
  listInbox(query: Op<'listInbox'>['query'] = {}, options: { readonly signal?: AbortSignal } = {}) {
    return this.call('listInbox', { query, ...options });
  }

  /** One received item. */
  getInboxItem(id: string, options: { readonly signal?: AbortSignal } = {}): Promise<InboxItem> {
    return this.call('getInboxItem', { params: { id }, ...options });
  }

  /** Tells the agent the national system took an item. */
  ackInboxItem(id: string, options: { readonly signal?: AbortSignal } = {}) {
    return this.call('ackInboxItem', { params: { id }, ...options });
  }

  /** The agent's trust and log alarms. */
  listAlarms(options: { readonly signal?: AbortSignal } = {}) {
    return this.call('listAlarms', options);
  }

  /** Tombstones of withdrawn records. */
  listWithdrawals(query: Op<'listWithdrawals'>['query'] = {}, options: { readonly signal?: AbortSignal } = {}) {
    return this.call('listWithdrawals', { query, ...options });
  }

  /** One tombstone. */
  getWithdrawal(id: string, options: { readonly signal?: AbortSignal } = {}) {
    return this.call('getWithdrawal', { params: { id }, ...options });
  }

  /**
   * Calls operation `name`: fills the path, sends query, body and Idempotency-Key, and returns
   * the parsed answer. Reads and requests with an Idempotency-Key are retried (same key) on
   * network errors, 5xx and 429.
   *
   * @throws AgentApiError when the agent refused or failed the request.
   * @throws AgentUnreachableError when it could not be reached (after the retries).
   */
  async call<K extends AgentOperationId>(name: K, options: CallOptions<K>): Promise<Op<K>['response']> {
    const { method, path } = AGENT_OPERATIONS[name];
    const url = this.url(path, options.params, options.query);
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
    if (this.token !== undefined) headers['authorization'] = `Bearer ${this.token}`;
    if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const retryable = method === 'GET' || options.idempotencyKey !== undefined;
    const attempts = retryable ? this.retry.attempts : 1;

    for (let attempt = 1; ; attempt++) {
      let res: Response;
      try {
        res = await this.fetchImpl(url, {
          method,
          headers,
          ...(body === undefined ? {} : { body }),
          ...(options.signal === undefined ? {} : { signal: options.signal }),
        });
      } catch (e) {
        if (options.signal?.aborted === true) throw e;
        if (attempt >= attempts) throw new AgentUnreachableError(this.baseUrl.origin, e);
        await sleep(retryDelayMs(this.retry, attempt, undefined, this.random)!, options.signal);
        continue;
      }
      const text = await res.text();
      if (res.ok) return text === '' ? undefined : parseJson(res.status, text);
      const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
      const error = AgentApiError.fromAnswer(res.status, text, retryAfter);
      if (attempt >= attempts || !isRetryableStatus(res.status)) throw error;
      const delay = retryDelayMs(this.retry, attempt, retryAfter, this.random);
      if (delay === undefined) throw error;
      await sleep(delay, options.signal);
    }
  }

  /**
   * The inbox as it fills: one `item` event per received item, in order, for as long as the
   * loop runs. A dropped connection is reopened with Last-Event-ID after a jittered wait (or
   * the server's `retry:`), so no item is missed or repeated. Ends when `signal` aborts or the
   * loop stops; a refusal (401, 400) is thrown as {@link AgentApiError}.
   */
  async *streamInbox(options: StreamInboxOptions = {}): AsyncGenerator<InboxStreamEvent, void, undefined> {
    const base = options.reconnectDelayMs ?? 500;
    const ceiling = options.maxReconnectDelayMs ?? 15_000;
    let lastEventId = options.lastEventId;
    let failures = 0;
    for (;;) {
      if (options.signal?.aborted === true) return;
      const controller = new AbortController();
      const onAbort = (): void => {
        controller.abort();
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const parser = new SseParser();
      let reason: string;
      try {
        const headers: Record<string, string> = { accept: 'text/event-stream' };
        if (this.token !== undefined) headers['authorization'] = `Bearer ${this.token}`;
        if (lastEventId !== undefined && lastEventId !== '') headers['last-event-id'] = lastEventId;
        const query = lastEventId === undefined && options.after !== undefined ? { after: String(options.after) } : {};
        const res = await this.fetchImpl(this.url(AGENT_OPERATIONS.streamInbox.path, undefined, query), {
          headers,
          signal: controller.signal,
        });
        if (!res.ok || res.body === null) {
          const error = AgentApiError.fromAnswer(
            res.status,
            await res.text(),
            parseRetryAfter(res.headers.get('retry-after')),
          );
          if (!isRetryableStatus(res.status)) throw error;
          reason = error.message;
        } else {
          const decoder = new TextDecoder();
          for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
            for (const event of parser.push(decoder.decode(chunk, { stream: true }))) {
              failures = 0;
              lastEventId = event.id;
              if (event.event === 'item') {
                yield { kind: 'item', id: event.id, item: JSON.parse(event.data) as InboxItem };
              } else {
                yield { kind: 'other', event: event.event, id: event.id, data: event.data };
              }
            }
          }
          reason = 'the agent ended the stream';
        }
      } catch (e) {
        if (isAborted(options.signal)) return;
        if (e instanceof AgentApiError) throw e;
        reason = e instanceof Error ? e.message : String(e);
      } finally {
        options.signal?.removeEventListener('abort', onAbort);
        controller.abort();
      }
      failures++;
      options.onReconnect?.(reason, failures);
      const wait = parser.retryMs ?? Math.floor(this.random() * Math.min(ceiling, base * 2 ** (failures - 1)));
      try {
        await sleep(wait, options.signal);
      } catch {
        return;
      }
    }
  }

  private url(path: string, params: Record<string, unknown> | undefined, query: object | undefined): URL {
    const filled = path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
      const value = params?.[name];
      if (typeof value !== 'string' || value === '') throw new TypeError(`the path parameter ${name} is missing`);
      return encodeURIComponent(value);
    });
    const url = new URL(
      filled.replace(/^\//, ''),
      this.baseUrl.href.endsWith('/') ? this.baseUrl : `${this.baseUrl.href}/`,
    );
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url;
  }
}

/** Read through a function, so that a check after an await is not narrowed away. */
function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

function parseJson(status: number, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw AgentApiError.fromAnswer(status, `the agent's answer is not JSON: ${text.slice(0, 200)}`);
  }
}

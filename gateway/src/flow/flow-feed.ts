import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { isMemberId, Subjects, type Component, type Logger } from '@atc/shared';
import type { FlowEvent } from '../domain/flow-event.js';

/** A flow event as the feed hands it on: numbered in the order this gateway received it. */
export interface FeedEvent {
  /** Increasing within this gateway process, from 1. */
  readonly seq: number;
  readonly event: FlowEvent;
}

/** The kinds of flow events. */
export const FLOW_EVENT_KINDS: readonly FlowEvent['kind'][] = [
  'accepted',
  'rejected',
  'delivered',
  'replayed',
  'sequence-anomaly',
];

const MAX_RECIPIENTS = 1000;
const isShortText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const isOptional = (v: unknown, check: (x: unknown) => boolean): boolean => v === undefined || check(v);

/**
 * The event as a {@link FlowEvent} when it has that shape, else undefined. Only gateway
 * replicas may publish on atc.v1.events, but a bad event must not reach the statistics
 * or an operator's screen: every field is checked, and unknown ones are dropped.
 */
export function parseFlowEvent(data: unknown): FlowEvent | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const e = data as Record<string, unknown>;
  const kind = FLOW_EVENT_KINDS.find((k) => k === e['kind']);
  if (kind === undefined || !isShortText(e['at'], 40) || Number.isNaN(Date.parse(e['at']))) return undefined;
  const sender = e['sender'];
  const messageId = e['messageId'];
  if (!(sender === null || (typeof sender === 'string' && isMemberId(sender)))) return undefined;
  if (!(messageId === null || isShortText(messageId, 64))) return undefined;
  const recipients = e['recipients'];
  if (
    !isOptional(
      recipients,
      (r) => Array.isArray(r) && r.length <= MAX_RECIPIENTS && r.every((x) => typeof x === 'string' && isMemberId(x)),
    )
  ) {
    return undefined;
  }
  const delivery = e['delivery'] as Record<string, unknown> | undefined;
  if (
    !isOptional(
      delivery,
      (d) =>
        typeof d === 'object' &&
        d !== null &&
        isShortText((d as Record<string, unknown>)['messageId'], 64) &&
        typeof (d as Record<string, unknown>)['sender'] === 'string' &&
        isMemberId((d as Record<string, unknown>)['sender'] as string) &&
        typeof (d as Record<string, unknown>)['first'] === 'boolean',
    )
  ) {
    return undefined;
  }
  const text = (key: string, max: number): Record<string, string> => {
    const v = e[key];
    return isShortText(v, max) ? { [key]: v } : {};
  };
  const flag = (key: string): Record<string, boolean> => {
    const v = e[key];
    return typeof v === 'boolean' ? { [key]: v } : {};
  };
  return {
    kind,
    at: e['at'],
    messageId,
    sender,
    ...(recipients === undefined ? {} : { recipients: recipients as string[] }),
    ...text('payloadType', 128),
    ...text('code', 64),
    ...text('detail', 1000),
    ...flag('exercise'),
    ...flag('securityEvent'),
    ...(delivery === undefined
      ? {}
      : {
          delivery: {
            messageId: delivery['messageId'] as string,
            sender: delivery['sender'] as string,
            first: delivery['first'] as boolean,
          },
        }),
  };
}

/**
 * The live flow of the whole federation: one core NATS subscription to atc.v1.events,
 * which every gateway replica publishes to, so each replica sees every event. Hands each
 * valid event to its listeners (the statistics and the SSE clients).
 */
export class FlowFeed implements Component {
  private readonly listeners = new Set<(e: FeedEvent) => void>();
  private seq = 0;
  private invalid = 0;
  private subscription: Subscription | undefined;
  private stopped = false;
  readonly #echoes: boolean;

  constructor(
    private readonly nc: NatsConnection,
    private readonly logger: Logger,
    options: {
      /**
       * Whether `nc` hands this process's own publications back to its subscriptions (NATS
       * `noEcho` off, the default). A gateway's connection does not: its own events reach its
       * listeners from {@link publish} directly, not as JSON through the server and back
       * (a publication, a delivery, a parse and a check per message: about 2% of its main thread).
       */
      readonly echoes?: boolean;
    } = {},
  ) {
    this.#echoes = options.echoes ?? true;
  }

  /**
   * Publishes an event of this gateway on atc.v1.events (for the other replicas and any
   * monitor) and hands it to this feed's listeners. A failure to publish is logged: the flow is
   * for live monitoring only.
   */
  publish(event: FlowEvent): void {
    try {
      this.nc.publish(Subjects.events, JSON.stringify(event));
    } catch (e) {
      this.logger.warn({ err: e }, 'flow event not published');
    }
    if (this.#echoes || this.subscription === undefined) return;
    // As every other replica reads it from the server: checked, its texts within their bounds.
    const checked = parseFlowEvent(event);
    if (checked !== undefined) this.#hand(checked);
  }

  /** Subscribes, and resolves once the server has the subscription. */
  async start(): Promise<void> {
    if (this.subscription !== undefined || this.stopped) return;
    this.subscription = this.nc.subscribe(Subjects.events, {
      callback: (err, msg) => {
        if (err !== null) {
          this.logger.warn({ err }, 'flow event subscription failed');
          return;
        }
        this.receive(msg.data);
      },
    });
    await this.nc.flush();
  }

  /** Registers a listener; returns the function that removes it. */
  subscribe(listener: (e: FeedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Number of listeners (SSE clients and the statistics). */
  get size(): number {
    return this.listeners.size;
  }

  /** Stops receiving. */
  stop(): void {
    this.stopped = true;
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    this.listeners.clear();
  }

  private receive(data: Uint8Array): void {
    let event: FlowEvent | undefined;
    try {
      event = parseFlowEvent(JSON.parse(Buffer.from(data).toString('utf8')));
    } catch {
      event = undefined;
    }
    if (event === undefined) {
      // Logged now and then, not per event: a flood of bad events must not flood the log.
      if (this.invalid++ % 1000 === 0) this.logger.warn({ invalid: this.invalid }, 'malformed flow events ignored');
      return;
    }
    this.#hand(event);
  }

  /** Hands `event`, numbered, to every listener. */
  #hand(event: FlowEvent): void {
    const fed: FeedEvent = { seq: ++this.seq, event };
    for (const listener of this.listeners) {
      try {
        listener(fed);
      } catch (e) {
        this.logger.error({ err: e }, 'flow event listener failed');
      }
    }
  }
}

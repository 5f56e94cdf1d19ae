import type { NatsConnection, Status } from '@nats-io/transport-node';
import type { Logger } from '../logging/create-logger.js';
import type { Clock } from '../util/time.js';

/** The connection to NATS as a service sees it. */
export interface NatsLinkState {
  /** True while the connection is up (between a connect or reconnect and the next disconnect). */
  readonly connected: boolean;
  /** Since when it is down (Unix ms), while it is. */
  readonly downSince: number | undefined;
  /** Connections lost since the service started. */
  readonly disconnects: number;
  /** A sentence saying what is wrong and what to do, while it is down. */
  readonly reason: string | undefined;
}

/** What a {@link NatsLinkWatch} needs. */
export interface NatsLinkWatchDeps {
  readonly nc: NatsConnection;
  /** Who is connected (`the gateway`, `agent KZ`), for the sentences. */
  readonly who: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Told of every change (metrics). */
  readonly onChange?: (state: NatsLinkState) => void;
}

/**
 * Follows a NATS connection's status events, so that readiness, alarms and metrics can say when
 * the service is cut off from NATS: the client keeps reconnecting by itself, and a connection
 * object alone does not tell a lost link from a live one. A link that goes silent (a network
 * partition, not a closed socket) is noticed by the client's pings, after ATC_NATS_PING_INTERVAL
 * twice.
 */
export class NatsLinkWatch {
  #connected: boolean;
  #downSince: number | undefined;
  #disconnects = 0;
  #events: AsyncIterable<Status> | undefined;
  #loop: Promise<void> | undefined;

  constructor(private readonly deps: NatsLinkWatchDeps) {
    this.#connected = !deps.nc.isClosed();
    this.#downSince = this.#connected ? undefined : deps.clock();
  }

  /** Starts following the connection's events. Idempotent. */
  start(): void {
    if (this.#events !== undefined) return;
    const events = this.deps.nc.status();
    this.#events = events;
    this.#loop = (async () => {
      for await (const s of events) this.#take(s);
    })().catch((e: unknown) => {
      this.deps.logger.warn({ err: e }, 'NATS status events ended');
    });
    this.#publish();
  }

  /** Stops following; the connection itself is left to its owner. */
  async stop(): Promise<void> {
    const events = this.#events as { stop?: () => void } | undefined;
    if (events === undefined) return;
    events.stop?.();
    await this.#loop;
  }

  /** The link now. */
  state(): NatsLinkState {
    const downSince = this.#connected ? undefined : this.#downSince;
    return {
      connected: this.#connected,
      downSince,
      disconnects: this.#disconnects,
      reason:
        downSince === undefined
          ? undefined
          : `${this.deps.who} has been cut off from NATS since ${new Date(downSince).toISOString()} ` +
            `(${this.#disconnects} connection${this.#disconnects === 1 ? '' : 's'} lost so far) and keeps ` +
            'reconnecting; nothing accepted is lost meanwhile. Check the network between this host and the NATS servers, and the servers.',
    };
  }

  #take(s: Status): void {
    const { logger, clock } = this.deps;
    switch (s.type) {
      // Unanswered pings count as a lost link at once: the client closes a stale connection only
      // after flushing what it has queued, which on a dead link with a full send buffer waits
      // until the link heals, and its disconnect event with it.
      case 'staleConnection':
      case 'disconnect':
        if (!this.#connected) return;
        this.#connected = false;
        this.#downSince = clock();
        this.#disconnects++;
        logger.warn(
          { server: s.type === 'disconnect' ? s.server : undefined, disconnects: this.#disconnects },
          s.type === 'disconnect'
            ? 'NATS connection lost; reconnecting'
            : 'NATS did not answer pings: the link is treated as lost; reconnecting',
        );
        break;
      case 'reconnect': {
        const downMs = this.#downSince === undefined ? 0 : clock() - this.#downSince;
        this.#connected = true;
        this.#downSince = undefined;
        logger.info({ server: s.server, downMs }, 'NATS connection back');
        break;
      }
      case 'close':
        this.#connected = false;
        this.#downSince ??= clock();
        break;
      default:
        return;
    }
    this.#publish();
  }

  #publish(): void {
    this.deps.onChange?.(this.state());
  }
}

import type { NatsConnection } from '@nats-io/transport-node';
import type { Component } from '@atc/shared';
import type { TrustStore } from './trust-store.js';

/**
 * Follows the trust list in KV `ATC_TRUST` into a {@link TrustStore} from `start` until
 * `stop` (see {@link TrustStore.follow}). The bucket may not exist yet (gateway not
 * started): the follower keeps trying.
 */
export class TrustFollower implements Component {
  #abort: AbortController | undefined;
  #following: Promise<void> | undefined;

  constructor(
    private readonly deps: {
      readonly trust: Pick<TrustStore, 'follow'>;
      readonly nc: NatsConnection;
      /** How often the list is read. */
      readonly intervalMs: number;
    },
  ) {}

  start(): void {
    if (this.#abort !== undefined) return;
    this.#abort = new AbortController();
    this.#following = this.deps.trust.follow(this.deps.nc, this.#abort.signal, this.deps.intervalMs);
  }

  /** Ends the polling and waits for a read in flight. */
  async stop(): Promise<void> {
    this.#abort?.abort();
    await this.#following;
  }
}

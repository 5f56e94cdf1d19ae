import type { JetStreamManager } from '@nats-io/jetstream';
import { Periodic, type Component, type Logger } from '@atc/shared';
import { provisionInboxConsumer } from './provision.js';

/** What the provisioner reads of the member registry. */
export interface MemberSource {
  /** Changes whenever the registry does. */
  version(): Promise<number>;
  listMembers(): Promise<readonly { readonly id: string }[]>;
}

/** How often the gateway looks for registry changes made by the CLI. */
const REGISTRY_POLL_MS = 1_000;

/**
 * Keeps an inbox consumer for every registered member: provisions them all at start (the
 * start waits for it; a consumer whose settings changed, such as its ack wait, is updated),
 * then polls the registry for changes made elsewhere (the CLI, another replica) and creates
 * the consumers of new members. Also the gateway's current list of
 * member ids, for the flow statistics and the backlog metric.
 */
export class MemberProvisioner implements Component {
  #members: readonly string[] = [];
  #provisionedVersion = -1;
  readonly #poll: Periodic;

  constructor(
    private readonly options: {
      readonly jsm: JetStreamManager;
      readonly registry: MemberSource;
      readonly logger: Logger;
      readonly everyMs?: number;
      /** The inbox consumers' ack wait (ATC_INBOX_ACK_WAIT); provision.ts's default when not given. */
      readonly inboxAckWaitMs?: number;
    },
  ) {
    this.#poll = new Periodic({
      name: 'inbox consumer provisioning',
      everyMs: options.everyMs ?? REGISTRY_POLL_MS,
      task: () => this.#provision(false),
      logger: options.logger,
    });
  }

  /** The registered member ids, as of the last provisioning. */
  get members(): readonly string[] {
    return this.#members;
  }

  async start(): Promise<void> {
    await this.#provision(true);
    this.#poll.start();
  }

  stop(): Promise<void> {
    return this.#poll.stop();
  }

  /**
   * Provisions the consumers of the registered members: at start, each brought to this
   * gateway's settings; later, only those missing are created (replicas started with other
   * settings, during a rolling change, do not set them back and forth).
   */
  async #provision(atStart: boolean): Promise<void> {
    const { registry, jsm } = this.options;
    const version = await registry.version();
    if (version === this.#provisionedVersion) return;
    const list = await registry.listMembers();
    for (const m of list) await provisionInboxConsumer(jsm, m.id, this.options.inboxAckWaitMs, atStart);
    this.#members = list.map((m) => m.id);
    this.#provisionedVersion = version;
  }
}

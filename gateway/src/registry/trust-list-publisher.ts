import type { JetStreamClient } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  signTrustList,
  Streams,
  systemClock,
  toIso,
  type Clock,
  type KeyPair,
  type Logger,
  type TrustList,
  type TrustListKey,
} from '@atc/shared';
import type { Registry } from './registry.js';
import type { MemberKey } from './registry-types.js';

/** Revisions of the trust list the bucket keeps, for agents that look back. */
const TRUST_BUCKET_HISTORY = 5;
/** How often the publisher looks for registry changes by default. */
const DEFAULT_INTERVAL_MS = 1_000;

/**
 * Creates the KV bucket `ATC_TRUST` (history 5, file storage) or binds to it when it
 * exists already.
 */
export async function openTrustBucket(nats: NatsConnection | JetStreamClient, replicas: number): Promise<KV> {
  return new Kvm(nats).create(Streams.trustBucket, {
    history: TRUST_BUCKET_HISTORY,
    replicas,
    description: 'ATC Exchange: the gateway-signed trust list (members and their keys)',
  });
}

/** The trust list of the registry as it is now, naming the gateway and its key. */
export async function buildTrustList(
  registry: Registry,
  gatewayKey: KeyPair,
  gatewayId: string,
  clock: Clock = systemClock,
  rotations: readonly Uint8Array[] = [],
): Promise<TrustList> {
  const { version, members, keys } = await registry.snapshot();
  const keysOf = new Map<string, TrustListKey[]>();
  for (const key of keys) {
    const list = keysOf.get(key.memberId) ?? [];
    list.push(trustListKey(key));
    keysOf.set(key.memberId, list);
  }
  return {
    version,
    issuedAt: toIso(clock()),
    gateway: { id: gatewayId, kid: gatewayKey.kid, jwk: gatewayKey.publicJwk },
    members: members.map((m) => ({
      id: m.id,
      name: m.name,
      kind: m.kind,
      status: m.status,
      keys: keysOf.get(m.id) ?? [],
    })),
    ...(rotations.length === 0 ? {} : { gatewayRotations: rotations.map((r) => Buffer.from(r).toString('base64')) }),
  };
}

function trustListKey(key: MemberKey): TrustListKey {
  return {
    kid: key.kid,
    jwk: key.publicJwk,
    validFrom: toIso(key.validFrom),
    ...(key.validUntil === undefined ? {} : { validUntil: toIso(key.validUntil) }),
    status: key.status,
    ...(key.revokedAt === undefined ? {} : { revokedAt: toIso(key.revokedAt) }),
    ...(key.revocationReason === undefined ? {} : { revocationReason: key.revocationReason }),
  };
}

/** What a {@link TrustListPublisher} needs. */
export interface TrustListPublisherOptions {
  readonly registry: Registry;
  /** The `ATC_TRUST` bucket (see {@link openTrustBucket}). */
  readonly kv: KV;
  /** The gateway's signing key; agents pin its public half. */
  readonly keyPair: KeyPair;
  readonly gatewayId: string;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** How often `start()` looks for registry changes; default 1 s. */
  readonly intervalMs?: number;
  /** The archived KeyEvent envelopes of the gateway's own key rotations, in log order. */
  readonly rotations?: () => Promise<readonly Uint8Array[]>;
}

/**
 * Keeps the signed trust list in the KV bucket in step with the registry: publishes when
 * the registry version differs from the one last published (and on the first call), so
 * changes the CLI makes from another process reach the agents within one interval.
 */
export class TrustListPublisher {
  readonly #options: TrustListPublisherOptions;
  readonly #logger: Logger;
  #publishedVersion: number | undefined;
  /** Calls run one after another, so two never publish the same version twice. */
  #tail: Promise<unknown> = Promise.resolve();
  #timer: NodeJS.Timeout | undefined;
  #ticking = false;

  constructor(options: TrustListPublisherOptions) {
    this.#options = options;
    this.#logger = options.logger.child({ component: 'trust-list' });
  }

  /** Publishes the trust list when the registry changed; resolves true when it did. */
  publishIfChanged(): Promise<boolean> {
    const run = this.#tail.then(() => this.#publishIfChanged());
    this.#tail = run.catch(() => undefined);
    return run;
  }

  /** Polls the registry every interval until {@link stop}. Errors are logged, not thrown. */
  start(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(() => {
      this.#tick();
    }, this.#options.intervalMs ?? DEFAULT_INTERVAL_MS);
    this.#timer.unref();
    this.#tick();
  }

  /** Stops polling, and waits for a publish already under way. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#tail;
  }

  #tick(): void {
    // While NATS is away a put can outlast the interval: skip ticks instead of queueing them.
    if (this.#ticking) return;
    this.#ticking = true;
    void this.publishIfChanged()
      .catch((e: unknown) => {
        this.#logger.warn({ err: e }, 'trust list not published; retrying at the next interval');
      })
      .finally(() => {
        this.#ticking = false;
      });
  }

  async #publishIfChanged(): Promise<boolean> {
    const { registry, kv, keyPair, gatewayId, clock } = this.#options;
    if ((await registry.version()) === this.#publishedVersion) return false;
    const rotations = (await this.#options.rotations?.()) ?? [];
    const list = await buildTrustList(registry, keyPair, gatewayId, clock ?? systemClock, rotations);
    const revision = await kv.put(Streams.trustKey, signTrustList(list, keyPair));
    this.#publishedVersion = list.version;
    this.#logger.info({ version: list.version, revision, members: list.members.length }, 'trust list published');
    return true;
  }
}

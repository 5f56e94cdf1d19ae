import { readFile, rename, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  AtcError,
  ErrorCode,
  publicKeyFromJwk,
  unverifiedGatewayRotations,
  verifyTrustList,
  type KeyResolver,
  type Logger,
  type PublicJwk,
  type ResolvedKey,
  type TrustList,
} from '@atc/shared';
import type { KeyObject } from 'node:crypto';
import { GatewayKeyRing } from './gateway-key-ring.js';
import { readTrustList } from './read-trust-list.js';

/** A trust-list update the agent refused, kept for operators (`GET /v1/alarms` later). */
export interface TrustAlarm {
  readonly at: string;
  /** `gateway-key`: an announcement of a new gateway key that did not verify. */
  readonly source: 'kv' | 'cache' | 'gateway-key';
  readonly reason: string;
}

const ms = (iso: string | undefined): number | undefined => (iso === undefined ? undefined : Date.parse(iso));

/**
 * The agent's view of who may sign what: the gateway keys (the pinned trust anchor and the
 * keys it rotated to, see {@link GatewayKeyRing}) and the member keys of the latest signed
 * trust list. Updates come from KV `ATC_TRUST`, are verified with the gateway key in force
 * (a list signed by a new key is taken once the rotation it carries leads to that key), must
 * not go back in version, and are cached on disk so that the agent keeps verifying while the
 * centre is unreachable.
 */
export class TrustStore implements KeyResolver {
  private current: { list: TrustList; jws: string } | undefined;
  /** When the list in force was taken (Unix ms): unknown keys get their grace from here too. */
  acceptedAt = 0;
  private readonly keyObjects = new Map<string, KeyObject>();
  /** The gateway keys: the pinned one and those it rotated to. */
  readonly gatewayKeys: GatewayKeyRing;
  /** Refused updates, newest last. */
  readonly alarms: TrustAlarm[] = [];

  constructor(
    private readonly options: {
      readonly pinnedGatewayKey: PublicJwk;
      readonly gatewayId: string;
      readonly cachePath: string;
      readonly logger: Logger;
      /** Where the followed gateway key rotations are kept; none: kept in memory only. */
      readonly gatewayKeysPath?: string;
    },
  ) {
    if (options.pinnedGatewayKey.kid === undefined) {
      throw new AtcError(ErrorCode.KEY_INVALID, 'the pinned gateway key has no kid.');
    }
    this.gatewayKeys = new GatewayKeyRing({
      pinned: options.pinnedGatewayKey,
      gatewayId: options.gatewayId,
      ...(options.gatewayKeysPath === undefined ? {} : { statePath: options.gatewayKeysPath }),
      logger: options.logger,
      onRefused: (reason) => {
        this.alarm('gateway-key', reason);
      },
    });
  }

  /** The trust list in force, if any. */
  get trustList(): TrustList | undefined {
    return this.current?.list;
  }

  /** Loads the followed gateway keys and the cached trust list, when there is a valid one. */
  async loadCache(): Promise<boolean> {
    await this.gatewayKeys.load();
    let jws: string;
    try {
      jws = (await readFile(this.options.cachePath, 'utf8')).trim();
    } catch {
      return false;
    }
    return this.accept(jws, 'cache');
  }

  /**
   * Verifies and takes `jws` when it is newer than the list in force. A list that does not
   * verify with the pinned key, or that goes back in version, is refused and reported.
   */
  async accept(jws: string, source: TrustAlarm['source']): Promise<boolean> {
    let list: TrustList;
    try {
      list = await verifyTrustList(jws, (await this.signingKey(jws)).jwk);
    } catch (e) {
      this.alarm(source, (e as Error).message);
      return false;
    }
    const version = this.current?.list.version ?? -1;
    if (list.version < version) {
      this.alarm(source, `trust list version ${list.version} is older than version ${version} in force`);
      return false;
    }
    if (list.version === version && jws === this.current?.jws) return true;
    this.current = { list, jws };
    this.acceptedAt = Date.now();
    if (source !== 'cache') {
      // Atomic replace: a crash never leaves half a file behind.
      const tmp = `${this.options.cachePath}.tmp`;
      await writeFile(tmp, `${jws}\n`, { mode: 0o644 });
      await rename(tmp, this.options.cachePath);
    }
    this.options.logger.info({ version: list.version, members: list.members.length, source }, 'trust list in force');
    return true;
  }

  /**
   * The gateway key to verify `jws` with: the one it names when trusted (a list signed by a
   * superseded key only until that key's grace ends), after following the rotations the list
   * carries when it names a key not followed yet; else the key in force, which then refuses it.
   */
  private async signingKey(jws: string): Promise<{ jwk: PublicJwk }> {
    const ring = this.gatewayKeys;
    const { kid, rotations } = unverifiedGatewayRotations(jws);
    if (kid !== undefined && ring.entry(kid) === undefined && rotations.length > 0) await ring.follow(rotations);
    const named = kid === undefined ? undefined : ring.entry(kid);
    if (named === undefined || (named.until !== undefined && Date.now() >= named.until)) return ring.head;
    return named;
  }

  /**
   * Follows the trust list in KV `ATC_TRUST` until `signal` aborts: reads its latest
   * revision now and then every `intervalMs`, and takes each new one as {@link accept}
   * does (verified, never older than the list in force, cached on disk). It polls with a
   * direct get instead of watching, because a watch creates a consumer and a member's NATS
   * user may not create consumers. Read failures (no bucket yet, NATS down) are logged and
   * retried; resolves when `signal` aborts.
   */
  async follow(nc: NatsConnection, signal: AbortSignal, intervalMs: number): Promise<void> {
    let seen = 0;
    let failing = false;
    while (!signal.aborted) {
      try {
        const entry = await readTrustList(nc);
        if (failing) this.options.logger.info('trust list readable again');
        failing = false;
        if (entry !== undefined && entry.sequence !== seen) {
          // A refused revision is reported once; one that failed to be cached is read again.
          await this.accept(entry.jws, 'kv');
          seen = entry.sequence;
        }
      } catch (e) {
        // Once per outage: the agent keeps verifying with the list in force meanwhile.
        if (!failing && !signal.aborted) this.options.logger.warn({ err: e }, 'trust list not readable; retrying');
        failing = true;
      }
      await sleep(intervalMs, undefined, { signal }).catch(() => undefined);
    }
  }

  /** The status of a member in the list in force, if listed. */
  memberStatus(id: string): TrustList['members'][number]['status'] | undefined {
    return this.current?.list.members.find((m) => m.id === id)?.status;
  }

  /** The key with this id: a gateway key (pinned or followed), or a member key of the trust list. */
  resolveKey(kid: string): ResolvedKey | undefined {
    const gateway = this.gatewayKeys.resolve(kid);
    if (gateway !== undefined) return gateway;
    for (const member of this.current?.list.members ?? []) {
      const key = member.keys.find((k) => k.kid === kid);
      if (key === undefined) continue;
      let publicKey = this.keyObjects.get(kid);
      if (publicKey === undefined) {
        publicKey = publicKeyFromJwk(key.jwk);
        this.keyObjects.set(kid, publicKey);
      }
      const validFrom = ms(key.validFrom);
      const validUntil = ms(key.validUntil);
      const revokedAt = ms(key.revokedAt);
      return {
        kid,
        owner: member.id,
        publicKey,
        ...(validFrom === undefined ? {} : { validFrom }),
        ...(validUntil === undefined ? {} : { validUntil }),
        ...(revokedAt === undefined ? {} : { revokedAt }),
        ...(key.revocationReason === undefined ? {} : { revocationReason: key.revocationReason }),
      };
    }
    return undefined;
  }

  private alarm(source: TrustAlarm['source'], reason: string): void {
    this.alarms.push({ at: new Date().toISOString(), source, reason });
    if (source !== 'gateway-key') this.options.logger.error({ source, reason }, 'trust list update refused');
  }
}

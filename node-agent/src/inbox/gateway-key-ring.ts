import type { KeyObject } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import {
  atc,
  fromTimestamp,
  PayloadType,
  publicKeyFromJwk,
  toPublicJwk,
  verifyEnvelope,
  type Logger,
  type PublicJwk,
  type ResolvedKey,
} from '@atc/shared';

/** One key the gateway signs (or signed) with, as this agent follows them. */
export interface GatewayKeyEntry {
  readonly kid: string;
  readonly jwk: PublicJwk;
  readonly publicKey: KeyObject;
  /** When a rotation superseded it: what it signed after this is refused (Unix ms). */
  readonly until?: number;
}

/** What a {@link GatewayKeyRing} needs. */
export interface GatewayKeyRingOptions {
  /** The key pinned at installation (ATC_GATEWAY_PUBLIC_KEY_FILE): the anchor of the chain. */
  readonly pinned: PublicJwk;
  readonly gatewayId: string;
  /** Where the followed rotations are kept (re-verified from the pinned key at every start). */
  readonly statePath?: string;
  readonly logger: Logger;
  /** Told of every announcement refused, with why. */
  readonly onRefused?: (reason: string) => void;
}

/**
 * The gateway keys this agent trusts: the pinned key, then every key the gateway rotated to
 * since, each followed only when its announcement (a KeyEvent REGISTERED for the gateway,
 * archived in the log and carried by the trust list) verifies with the key before it. A
 * superseded key stays trusted for what it signed before the end of its grace period.
 */
export class GatewayKeyRing {
  readonly #options: GatewayKeyRingOptions;
  /** Oldest first; the last is the key in force. */
  #keys: GatewayKeyEntry[];
  /** The rotation entries followed so far, as the trust list carried them. */
  #followed: string[] = [];

  constructor(options: GatewayKeyRingOptions) {
    this.#options = options;
    this.#keys = [entryOf(options.pinned)];
  }

  /** The key in force: the one the gateway signs with now. */
  get head(): GatewayKeyEntry {
    return this.#keys[this.#keys.length - 1]!;
  }

  /** Every trusted gateway key, the key in force first. */
  publicKeys(): KeyObject[] {
    return this.#keys.map((k) => k.publicKey).reverse();
  }

  /** The trusted gateway key with this id, if any. */
  entry(kid: string): GatewayKeyEntry | undefined {
    return this.#keys.find((k) => k.kid === kid);
  }

  /** The gateway key with this id as envelope verification resolves it (superseded ones with their end). */
  resolve(kid: string): ResolvedKey | undefined {
    const k = this.entry(kid);
    if (k === undefined) return undefined;
    return {
      kid,
      owner: this.#options.gatewayId,
      publicKey: k.publicKey,
      ...(k.until === undefined ? {} : { revokedAt: k.until, revocationReason: 'superseded' as const }),
    };
  }

  /** Follows the rotations kept at the last run again, from the pinned key. */
  async load(): Promise<void> {
    if (this.#options.statePath === undefined) return;
    let saved: unknown;
    try {
      saved = JSON.parse(await readFile(this.#options.statePath, 'utf8'));
    } catch {
      return;
    }
    const rotations = (saved as { rotations?: unknown } | null)?.rotations;
    if (Array.isArray(rotations)) await this.follow(rotations.filter((r): r is string => typeof r === 'string'));
  }

  /**
   * Walks the gateway's rotation entries (base64 KeyEvent envelopes, in log order): the
   * superseding of the key in force and the registration of the next one are taken only when
   * signed by the key in force; entries about keys before the pinned one are skipped. The
   * first entry that does not verify stops the walk and is reported. Resolves true when a new
   * key was followed (and then kept on disk).
   */
  async follow(rotations: readonly string[]): Promise<boolean> {
    let followed = false;
    for (const text of rotations) {
      const outcome = await this.#take(text);
      if (outcome === 'refused') break;
      if (outcome === 'followed') followed = true;
    }
    if (followed) {
      this.#followed = [...rotations];
      await this.#save();
      this.#options.logger.warn(
        { kid: this.head.kid, earlier: this.#keys.slice(0, -1).map((k) => k.kid) },
        'the gateway rotated its key: the new key is pinned',
      );
    }
    return followed;
  }

  async #take(text: string): Promise<'followed' | 'skipped' | 'refused'> {
    const { gatewayId } = this.#options;
    let event: atc.v1.KeyEvent;
    let bytes: Uint8Array;
    try {
      bytes = Buffer.from(text, 'base64');
      const env = atc.v1.Envelope.decode(bytes);
      const header = atc.v1.Header.decode(env.header);
      if (header.payloadType !== PayloadType.KeyEvent || header.sender !== gatewayId) {
        return this.#refuse(`a gateway key announcement that is not a KeyEvent of ${gatewayId}`);
      }
      event = atc.v1.KeyEvent.decode(env.payload);
    } catch (e) {
      return this.#refuse(`an undecodable gateway key announcement (${(e as Error).message})`);
    }
    if (event.memberId !== gatewayId) return 'skipped';
    const head = this.head;
    const registered = event.type === atc.v1.KeyEventType.KEY_EVENT_TYPE_REGISTERED;
    const revoked = event.type === atc.v1.KeyEventType.KEY_EVENT_TYPE_REVOKED;
    // History before the key in force (or already followed): nothing to take.
    if (registered && this.entry(event.kid) !== undefined) return 'skipped';
    if (revoked && (event.kid !== head.kid || head.until !== undefined)) return 'skipped';
    if (!registered && !revoked) return 'skipped';
    try {
      await verifyEnvelope(bytes, {
        resolver: { resolveKey: (kid) => (kid === head.kid ? this.resolve(kid) : undefined) },
      });
    } catch (e) {
      return this.#refuse(
        `the announcement of gateway key ${event.kid} is not signed by the gateway key in force ${head.kid} (${(e as Error).message})`,
      );
    }
    if (revoked) {
      const until = fromTimestamp(event.revokedAt);
      this.#keys = [...this.#keys.slice(0, -1), { ...head, ...(until === undefined ? {} : { until }) }];
      return 'skipped';
    }
    let jwk: PublicJwk;
    try {
      jwk = toPublicJwk(JSON.parse(event.publicJwk));
    } catch (e) {
      return this.#refuse(`the announced gateway key ${event.kid} is not a usable key (${(e as Error).message})`);
    }
    if (jwk.kid !== event.kid)
      return this.#refuse(`the announced gateway key's kid ${event.kid} is not its thumbprint`);
    this.#keys = [...this.#keys, entryOf(jwk)];
    return 'followed';
  }

  #refuse(reason: string): 'refused' {
    this.#options.logger.error({ reason }, 'gateway key announcement refused');
    this.#options.onRefused?.(reason);
    return 'refused';
  }

  async #save(): Promise<void> {
    const path = this.#options.statePath;
    if (path === undefined) return;
    // Atomic replace: a crash never leaves half a file behind.
    await writeFile(`${path}.tmp`, `${JSON.stringify({ head: this.head.kid, rotations: this.#followed })}\n`, {
      mode: 0o644,
    });
    await rename(`${path}.tmp`, path);
  }
}

function entryOf(value: PublicJwk): GatewayKeyEntry {
  const jwk = toPublicJwk(value);
  return { kid: jwk.kid ?? '', jwk, publicKey: publicKeyFromJwk(jwk) };
}

import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

/** Why a request carries no valid API key. */
export type ApiKeyFailure = 'missing' | 'malformed' | 'unknown';

/** The outcome of {@link ApiKeyAuth.check}. */
export type ApiKeyResult = { readonly ok: true } | { readonly ok: false; readonly reason: ApiKeyFailure };

/**
 * Checks bearer API keys in constant time. Keys are compared by their SHA-256, so neither
 * their length nor their content leaks through timing.
 */
export class ApiKeyAuth {
  private readonly digests: readonly Buffer[];

  constructor(keys: readonly string[]) {
    this.digests = keys.map((k) => createHash('sha256').update(k).digest());
  }

  /**
   * Checks an `Authorization` header: "Bearer <key>", the scheme in any case (RFC 9110
   * section 11.1), with one of the configured keys. Never logs or keeps the key.
   */
  check(authorization: string | undefined): ApiKeyResult {
    if (authorization === undefined || authorization === '') return { ok: false, reason: 'missing' };
    const m = /^Bearer +([\x21-\x7e]{1,512})$/i.exec(authorization);
    if (m === null) return { ok: false, reason: 'malformed' };
    const digest = createHash('sha256').update(m[1]!).digest();
    // Compare against every key, so the position of a match does not show either.
    let ok = false;
    for (const d of this.digests) ok = timingSafeEqual(d, digest) || ok;
    return ok ? { ok: true } : { ok: false, reason: 'unknown' };
  }
}

/** Options of {@link requireApiKeys}. */
export interface RequireApiKeysOptions {
  readonly auth: ApiKeyAuth;
  /** Paths served without a key (probes, metrics, /docs). */
  readonly open: (path: string) => boolean;
}

/**
 * Requires one of the agent's API keys on every request of `app` but the open ones, checked
 * before anything else is read (`onRequest`), through `credentialAuth` (which must be
 * registered first): a refusal is logged, counted and charged to the client's address.
 */
export function requireApiKeys(app: FastifyInstance, options: RequireApiKeysOptions): void {
  const guard = app.credentialGuard((req) => {
    const result = options.auth.check(req.headers.authorization);
    if (result.ok) return undefined;
    return {
      reason: result.reason,
      detail:
        result.reason === 'unknown'
          ? "The API key is not one of this agent's keys (ATC_API_KEYS): mistyped or withdrawn. Send a valid one."
          : 'Send one of the agent\'s API keys as "Authorization: Bearer <key>".',
    };
  });
  app.addHook('onRequest', async (req, reply) => {
    if (options.open(req.url.split('?')[0] ?? '')) return undefined;
    return guard(req, reply);
  });
}

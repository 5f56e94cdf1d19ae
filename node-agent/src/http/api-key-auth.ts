import { createHash, timingSafeEqual } from 'node:crypto';

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

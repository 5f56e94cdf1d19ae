import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Checks bearer API keys in constant time. Keys are compared by their SHA-256, so neither
 * their length nor their content leaks through timing.
 */
export class ApiKeyAuth {
  private readonly digests: readonly Buffer[];

  constructor(keys: readonly string[]) {
    this.digests = keys.map((k) => createHash('sha256').update(k).digest());
  }

  /** True when the `Authorization` header carries one of the configured keys. */
  allows(authorization: string | undefined): boolean {
    const m = /^Bearer ([\x21-\x7e]+)$/.exec(authorization ?? '');
    if (m === null) return false;
    const digest = createHash('sha256').update(m[1]!).digest();
    // Compare against every key, so the position of a match does not show either.
    let ok = false;
    for (const d of this.digests) ok = timingSafeEqual(d, digest) || ok;
    return ok;
  }
}

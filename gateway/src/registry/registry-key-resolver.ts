import type { KeyObject } from 'node:crypto';
import { publicKeyFromJwk, type KeyResolver, type ResolvedKey } from '@atc/shared';
import type { Registry } from './registry.js';

/**
 * The pipeline's view of the registry's keys. Validity and revocation are read fresh on
 * every call, because the CLI changes them from another process while the gateway runs;
 * only the KeyObject is cached, since a kid's key material never changes (the kid is its
 * thumbprint).
 */
export function registryKeyResolver(registry: Registry): KeyResolver {
  const keyObjects = new Map<string, KeyObject>();
  return {
    async resolveKey(kid: string): Promise<ResolvedKey | undefined> {
      const key = await registry.getKey(kid);
      if (key === undefined) return undefined;
      let publicKey = keyObjects.get(kid);
      if (publicKey === undefined) {
        publicKey = publicKeyFromJwk(key.publicJwk);
        keyObjects.set(kid, publicKey);
      }
      return {
        kid,
        owner: key.memberId,
        publicKey,
        validFrom: key.validFrom,
        ...(key.validUntil === undefined ? {} : { validUntil: key.validUntil }),
        ...(key.revokedAt === undefined ? {} : { revokedAt: key.revokedAt }),
        ...(key.revocationReason === undefined ? {} : { revocationReason: key.revocationReason }),
      };
    },
  };
}

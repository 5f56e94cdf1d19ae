import { AtcError, ErrorCode } from '../errors/atc-error.js';

/** The page sizes every list route accepts. */
export const PAGE_LIMIT = { default: 100, max: 1000 } as const;

/**
 * The `limit` of a list route, from its query text (digits, checked by the route's schema):
 * the default when absent, otherwise 1 to {@link PAGE_LIMIT}.max. Anything else is refused
 * with ERR_QUERY_INVALID rather than quietly changed into another page size.
 */
export function pageLimit(raw: string | undefined): number {
  if (raw === undefined) return PAGE_LIMIT.default;
  const limit = /^[0-9]{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(limit >= 1 && limit <= PAGE_LIMIT.max)) {
    throw new AtcError(
      ErrorCode.QUERY_INVALID,
      `limit must be a whole number from 1 to ${PAGE_LIMIT.max} (default ${PAGE_LIMIT.default}); got ${JSON.stringify(raw.slice(0, 20))}.`,
    );
  }
  return limit;
}

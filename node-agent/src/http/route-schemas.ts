import { UUID_V7_PATTERN } from '@atc/shared';

/** Query strings are text: counts are digits, checked by pattern (no type coercion anywhere). */
export const COUNT = { type: 'string', pattern: '^[0-9]{1,9}$' } as const;

/** A page size: checked by `pageLimit`, which says the range when it is out of it. */
export const LIMIT = {
  ...COUNT,
  description: 'Page size, 1 to 1000 (default 100). The answer says more: true when another page exists.',
} as const;

/** The path parameters of a route about one message or inbox item. */
export const idParams = {
  type: 'object',
  properties: {
    id: { type: 'string', pattern: UUID_V7_PATTERN },
  },
  required: ['id'],
} as const;

/** An `Idempotency-Key`: 1 to 200 printable ASCII characters. */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * The headers of a request that may carry an `Idempotency-Key`: the same key again answers as
 * the first request did; with another body, 422 ERR_IDEMPOTENCY_KEY_REUSED.
 */
export const idempotencyHeaders = {
  type: 'object',
  properties: { 'idempotency-key': { type: 'string', pattern: IDEMPOTENCY_KEY.source } },
} as const;

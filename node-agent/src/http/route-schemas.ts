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

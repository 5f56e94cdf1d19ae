import { AtcError, ErrorCode } from '@atc/shared';
import { badRequest } from '@atc/shared/http';

/** Page sizes of the data bank's lists (the agreed API: default 50, at most 500). */
export const BANK_PAGE_LIMIT = { default: 50, max: 500 } as const;

/** A position in a list: the sort key of the last item returned. */
export type CursorKey = readonly (string | number)[];

/** What each element of a list's key is. */
export type CursorShape = readonly ('string' | 'integer')[];

const CURSOR_TEXT = /^[A-Za-z0-9_-]{1,1024}$/;

/**
 * The opaque `nextCursor` of a list: base64url of a small JSON object naming the list (and
 * namespace) it belongs to and the key of the last item returned, so that a cursor of
 * another list, or of the other namespace, is refused rather than misread. Not a secret and
 * not signed: a forged cursor only moves within the list its holder may read anyway.
 */
export function encodeCursor(list: string, key: CursorKey): string {
  return Buffer.from(JSON.stringify({ l: list, k: key }), 'utf8').toString('base64url');
}

/**
 * The key of a `cursor` query parameter, `undefined` when absent.
 *
 * @throws HttpProblem 400 ERR_CURSOR_INVALID for anything {@link encodeCursor} did not make for `list`.
 */
export function decodeCursor(list: string, raw: string | undefined, shape: CursorShape): CursorKey | undefined {
  if (raw === undefined) return undefined;
  const refuse = (): never => {
    throw badRequest(
      ErrorCode.CURSOR_INVALID,
      'The cursor is not one this list gave as nextCursor (mistyped, cut, or from another list or namespace); ' +
        'ask for the first page again without a cursor.',
    );
  };
  if (!CURSOR_TEXT.test(raw)) return refuse();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    return refuse();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return refuse();
  const { l, k } = parsed as { l?: unknown; k?: unknown };
  if (l !== list || !Array.isArray(k) || k.length !== shape.length) return refuse();
  const key = k as unknown[];
  const fits = shape.every((type, i) =>
    type === 'string' ? typeof key[i] === 'string' : Number.isSafeInteger(key[i]) && (key[i] as number) >= -1,
  );
  return fits ? (key as CursorKey) : refuse();
}

/**
 * The `limit` of a data bank list: {@link BANK_PAGE_LIMIT}.default when absent, otherwise a
 * whole number from 1 to the maximum.
 *
 * @throws AtcError ERR_QUERY_INVALID (400) for anything else.
 */
export function bankPageLimit(raw: string | undefined): number {
  if (raw === undefined) return BANK_PAGE_LIMIT.default;
  const limit = /^[0-9]{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(limit >= 1 && limit <= BANK_PAGE_LIMIT.max)) {
    throw new AtcError(
      ErrorCode.QUERY_INVALID,
      `limit must be a whole number from 1 to ${BANK_PAGE_LIMIT.max} (default ${BANK_PAGE_LIMIT.default}); got ${JSON.stringify(raw.slice(0, 20))}.`,
    );
  }
  return limit;
}

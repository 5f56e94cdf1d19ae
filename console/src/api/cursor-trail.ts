/**
 * The way back through keyset pages: the API gives only a cursor to the next page, so the
 * console remembers, for every cursor it followed, the cursor of the page it came from. Kept
 * in memory for this tab (a reloaded page offers the first page instead of the previous one).
 */
const previous = new Map<string, string | undefined>();

/** The entry of a page: its list (e.g. the filters) and its cursor ('' for the first page). */
const entry = (list: string, cursor: string): string => `${list}\n${cursor}`;

/** Notes that the page at `next` was reached from the page at `from` (undefined: the first page). */
export function rememberPrevious(list: string, next: string, from: string | undefined): void {
  previous.set(entry(list, next), from);
}

/**
 * The cursor of the page before the one at `cursor`: `null` when it is not known (reached
 * directly, e.g. from a bookmark), `undefined` when it is the first page.
 */
export function previousOf(list: string, cursor: string): string | undefined | null {
  const key = entry(list, cursor);
  return previous.has(key) ? previous.get(key) : null;
}

/** The filters of the message search, as the URL's query and the API's `GET /v1/messages` name them. */
export const SEARCH_FILTERS = [
  'messageId',
  'sender',
  'recipient',
  'payloadType',
  'status',
  'from',
  'to',
  'exercise',
] as const;

/** One filter of the message search. */
export type SearchFilter = (typeof SEARCH_FILTERS)[number];

/** The delivery states a search may ask for, in the order a copy goes through them. */
export const MESSAGE_STATES = ['pending', 'routed', 'delivered'] as const;

/** Messages per page the console asks for. */
export const SEARCH_PAGE_SIZE = 50;

/** The filters a route's query holds (only those given, and not empty). */
export function filtersOf(query: URLSearchParams): Partial<Record<SearchFilter, string>> {
  const filters: Partial<Record<SearchFilter, string>> = {};
  for (const name of SEARCH_FILTERS) {
    const value = query.get(name)?.trim();
    if (value !== undefined && value !== '') filters[name] = value;
  }
  return filters;
}

/** The filters as a stable text: the list a cursor belongs to (a cursor is only good for its filters). */
export function listKeyOf(filters: Partial<Record<SearchFilter, string>>): string {
  return new URLSearchParams(
    SEARCH_FILTERS.flatMap((n) => (filters[n] === undefined ? [] : [[n, filters[n]]])),
  ).toString();
}

/** The API path of a page of the search: the filters, the page size and, after the first page, its cursor. */
export function searchPath(filters: Partial<Record<SearchFilter, string>>, cursor: string | undefined): string {
  const params = new URLSearchParams(listKeyOf(filters));
  params.set('limit', String(SEARCH_PAGE_SIZE));
  if (cursor !== undefined) params.set('cursor', cursor);
  return `/v1/messages?${params.toString()}`;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** An RFC 3339 time as a `datetime-local` input shows it: the operator's own time zone, to the second. */
export function localInputOf(iso: string | undefined): string {
  if (iso === undefined) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` +
    `T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  );
}

/** A `datetime-local` value (the operator's time zone) as RFC 3339 in UTC; undefined when empty or unreadable. */
export function isoOfLocalInput(value: string): string | undefined {
  if (value.trim() === '') return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

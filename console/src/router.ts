import { useEffect, useState } from 'preact/hooks';

/** The console's pages, in the order the header lists them. */
export const PAGES = ['overview', 'members', 'messages', 'refusals', 'log', 'databank', 'search', 'audit'] as const;

/** One of the console's pages. */
export type PageId = (typeof PAGES)[number];

/**
 * Where the console is: a page, the path below it (e.g. a message id) and its query. Kept in the
 * URL's fragment (`#/messages/<id>?sender=KZ`), so that a view can be bookmarked, shared and
 * reloaded without the gateway serving a route per page.
 */
export interface Route {
  readonly page: PageId;
  readonly path: readonly string[];
  readonly query: URLSearchParams;
}

function isPage(value: string | undefined): value is PageId {
  return (PAGES as readonly (string | undefined)[]).includes(value);
}

/** Reads a fragment such as `#/messages/abc?status=delivered`; anything unknown is the overview. */
export function parseRoute(hash: string): Route {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  const q = text.indexOf('?');
  const pathText = q === -1 ? text : text.slice(0, q);
  const query = new URLSearchParams(q === -1 ? '' : text.slice(q + 1));
  const [first, ...rest] = pathText
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  return isPage(first) ? { page: first, path: rest, query } : { page: 'overview', path: [], query };
}

/** The fragment for a page, a path below it and a query (empty values are left out). */
export function routeHref(
  page: PageId,
  path: readonly string[] = [],
  query: Readonly<Record<string, string | undefined>> = {},
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, value);
  const search = params.toString();
  return `#/${[page, ...path].map(encodeURIComponent).join('/')}${search === '' ? '' : `?${search}`}`;
}

/** Goes to a fragment; with `replace`, without a new history entry (e.g. while typing a filter). */
export function navigate(href: string, replace = false): void {
  if (replace) history.replaceState(null, '', href);
  else location.hash = href.slice(1);
  if (replace) window.dispatchEvent(new HashChangeEvent('hashchange'));
}

/** The current route, following the browser's back and forward buttons. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const changed = () => {
      setRoute(parseRoute(location.hash));
    };
    window.addEventListener('hashchange', changed);
    return () => {
      window.removeEventListener('hashchange', changed);
    };
  }, []);
  return route;
}

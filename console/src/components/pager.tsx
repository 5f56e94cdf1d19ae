import { previousOf, rememberPrevious } from '../api/cursor-trail';

/** The links between keyset pages: each is left out when there is no such page (or it is not known). */
export interface PagerLinks {
  /** The newest page, offered when this page is not it. */
  readonly first?: string | undefined;
  /** The page before this one, when the console knows its cursor. */
  readonly newer?: string | undefined;
  /** The page after this one. */
  readonly older?: string | undefined;
  /** Called as the operator follows `older` (to remember the way back). */
  readonly onOlder?: () => void;
}

/** Pager texts in the page's catalogue. */
export interface PagerTexts {
  readonly label: string;
  readonly first: string;
  readonly newer: string;
  readonly older: string;
}

/** Links to the newest, newer and older pages of a list, as a labelled navigation landmark. */
export function Pager({ links, texts, testId }: { links: PagerLinks; texts: PagerTexts; testId: string }) {
  return (
    <nav class="pager" aria-label={texts.label} data-testid={testId}>
      {links.first !== undefined && (
        <a href={links.first} rel="first" data-page="first">
          {texts.first}
        </a>
      )}
      {links.newer !== undefined && (
        <a href={links.newer} rel="prev" data-page="newer">
          ← {texts.newer}
        </a>
      )}
      {links.older !== undefined && (
        <a href={links.older} rel="next" data-page="older" onClick={links.onOlder}>
          {texts.older} →
        </a>
      )}
    </nav>
  );
}

/**
 * The links of a keyset page: `list` names the list (its filters), `cursor` is this page's
 * (undefined: the newest page), `next` the API's nextCursor, and `href` makes a link from a cursor.
 */
export function keysetLinks(
  list: string,
  cursor: string | undefined,
  next: string | null,
  href: (cursor: string | undefined) => string,
): PagerLinks {
  const before = cursor === undefined ? null : previousOf(list, cursor);
  return {
    first: cursor === undefined ? undefined : href(undefined),
    newer: cursor === undefined || before === null ? undefined : href(before),
    older: next === null ? undefined : href(next),
    onOlder: () => {
      if (next !== null) rememberPrevious(list, next, cursor);
    },
  };
}

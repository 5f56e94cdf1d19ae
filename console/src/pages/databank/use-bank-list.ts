import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import type { BankPage } from '../../api/databank';

/** A data bank list as a view shows it: the pages loaded so far, and what went wrong. */
export interface BankList<T> {
  readonly items: readonly T[];
  readonly loading: boolean;
  readonly error: unknown;
  /** Whether the gateway has another page. */
  readonly more: boolean;
  readonly loadMore: () => void;
  readonly reload: () => void;
}

/**
 * Loads the first page of a list whenever `key` changes (a filter, the namespace), and further
 * pages on request with the list's `nextCursor`. A 401 means the session is gone.
 */
export function useBankList<T>(
  key: string,
  load: (cursor: string | undefined) => Promise<BankPage<T>>,
  onSessionLost: () => void,
): BankList<T> {
  const [items, setItems] = useState<readonly T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(undefined);
  const [generation, setGeneration] = useState(0);
  // Answers to an older key or a reload are dropped: only the latest request shows.
  const ticket = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  const fetchPage = useCallback(
    (after: string | undefined, append: boolean) => {
      const mine = ++ticket.current;
      setLoading(true);
      loader.current(after).then(
        (page) => {
          if (mine !== ticket.current) return;
          setItems((old) => (append ? [...old, ...page.items] : page.items));
          setCursor(page.nextCursor);
          setError(undefined);
          setLoading(false);
        },
        (e: unknown) => {
          if (mine !== ticket.current) return;
          if (e instanceof ApiError && e.status === 401) onSessionLost();
          setError(e);
          setLoading(false);
        },
      );
    },
    [onSessionLost],
  );

  useEffect(() => {
    setItems([]);
    fetchPage(undefined, false);
  }, [key, generation, fetchPage]);

  return {
    items,
    loading,
    error,
    more: cursor !== null,
    loadMore: () => {
      if (cursor !== null) fetchPage(cursor, true);
    },
    reload: () => {
      setGeneration((g) => g + 1);
    },
  };
}

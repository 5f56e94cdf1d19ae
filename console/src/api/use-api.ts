import { useEffect, useState } from 'preact/hooks';
import { ApiError, type ApiClient } from './client';

/** A read in progress, done, or refused. */
export interface ApiRead<T> {
  readonly data: T | undefined;
  /** The gateway's problem (code and sentence), when the read failed for another reason than a lost session. */
  readonly error: ApiError | undefined;
  readonly loading: boolean;
  /** Reads again (e.g. after the operator asked to refresh). */
  readonly reload: () => void;
}

/**
 * Reads `path` (a GET on the gateway's API) whenever it changes, and every `refreshMs` when
 * given; a 401 means the session is gone and hands over to `onSessionLost`. An answer that
 * arrives after `path` changed is dropped, so a slow answer never overwrites a newer one.
 * An answer to another path is not shown, unless both share `view` (e.g. the same view over a
 * later time range): then it stays until the new one arrives, instead of a blank.
 */
export function useApi<T>(
  client: ApiClient,
  path: string | undefined,
  onSessionLost: () => void,
  refreshMs?: number,
  view?: string,
): ApiRead<T> {
  // The answer with the path and view it answers (see above for when it is shown).
  const [answer, setAnswer] = useState<
    { readonly path: string; readonly view: string | undefined; readonly body: T } | undefined
  >();
  const [error, setError] = useState<ApiError | undefined>();
  const [loading, setLoading] = useState(false);
  const [round, setRound] = useState(0);

  useEffect(() => {
    if (path === undefined) return undefined;
    let live = true;
    setLoading(true);
    client.request('GET', path).then(
      (body) => {
        if (!live) return;
        setAnswer({ path, view, body: body as T });
        setError(undefined);
        setLoading(false);
      },
      (e: unknown) => {
        if (!live) return;
        setLoading(false);
        if (e instanceof ApiError && e.status === 401) onSessionLost();
        else setError(e instanceof ApiError ? e : new ApiError(0, { detail: String(e) }));
      },
    );
    const timer =
      refreshMs === undefined
        ? undefined
        : setTimeout(() => {
            setRound((n) => n + 1);
          }, refreshMs);
    return () => {
      live = false;
      if (timer !== undefined) clearTimeout(timer);
    };
    // `view` only decides what is shown meanwhile; it starts no read.
  }, [client, path, onSessionLost, refreshMs, round]);

  const shown = answer !== undefined && (answer.path === path || (view !== undefined && answer.view === view));
  const data = shown ? answer.body : undefined;
  return {
    data,
    error,
    loading,
    reload: () => {
      setRound((n) => n + 1);
    },
  };
}

import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, type ApiClient } from './client';

/** A GET of the gateway's API as a page sees it: loading, its answer, or why it failed. */
export type ApiResource<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'loaded'; readonly data: T }
  | { readonly state: 'failed'; readonly error: ApiError };

/**
 * Reads `path` (`undefined`: nothing to read yet) whenever it changes and parses the answer
 * with `parse`; a 401 means the session is gone, so `onSessionLost` is called. `reload`
 * asks again for the same path. An answer to a path no longer current is dropped.
 */
export function useApiResource<T>(
  client: ApiClient,
  path: string | undefined,
  parse: (body: unknown) => T,
  onSessionLost: () => void,
): { readonly resource: ApiResource<T>; readonly reload: () => void } {
  // Kept with the path it answers: after the path changed, the answer to the old one is not shown as the new one's.
  const [answer, setAnswer] = useState<{ path: string; resource: ApiResource<T> } | undefined>();
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (path === undefined) return undefined;
    let current = true;
    const setResource = (resource: ApiResource<T>): void => {
      setAnswer({ path, resource });
    };
    setResource({ state: 'loading' });
    client.request('GET', path).then(
      (body) => {
        if (!current) return;
        try {
          setResource({ state: 'loaded', data: parse(body) });
        } catch (error: unknown) {
          setResource({ state: 'failed', error: new ApiError(502, { detail: String(error) }) });
        }
      },
      (error: unknown) => {
        if (!current) return;
        if (error instanceof ApiError && error.status === 401) onSessionLost();
        setResource({ state: 'failed', error: error instanceof ApiError ? error : new ApiError(0, undefined) });
      },
    );
    return () => {
      current = false;
    };
    // `parse` and `onSessionLost` are stable in practice; a new path or a reload asks again.
  }, [client, path, generation]);
  const reload = useCallback(() => {
    setGeneration((g) => g + 1);
  }, []);
  const resource: ApiResource<T> =
    answer !== undefined && answer.path === path ? answer.resource : { state: 'loading' };
  return { resource, reload };
}

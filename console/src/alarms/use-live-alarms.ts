import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type ApiClient } from '../api/client';
import type { AlarmJson } from '../api/members-api';
import type { FlowEventJson } from '../flow/flow-model';
import { changesAlarms, orderAlarms } from './alarm-triggers';

/** Time-based alarms (a member falling silent, a witness falling behind) are read again this often. */
const POLL_MS = 15_000;

/** The current alarms as the overview shows them. */
export interface LiveAlarms {
  /** In the overview's order (security first); undefined until the first answer. */
  readonly items: readonly AlarmJson[] | undefined;
  /** Why the last read failed, when it did for another reason than a lost session. */
  readonly error: ApiError | undefined;
  /** Hand every live-feed event here: the alarms are read again at once when it can change them. */
  readonly onEvent: (event: FlowEventJson) => void;
}

/**
 * `GET /v1/alarms`, read on mount, every {@link POLL_MS}, and as soon as a feed event can
 * raise or clear an alarm. One read at a time: a request made meanwhile is served by one more
 * read when the current one ends, so a burst of events costs two reads, not one per event.
 */
export function useLiveAlarms(client: ApiClient, onSessionLost: () => void): LiveAlarms {
  const [items, setItems] = useState<readonly AlarmJson[] | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const current = useRef<readonly AlarmJson[]>([]);
  const refresh = useRef<() => void>(() => undefined);

  useEffect(() => {
    let stopped = false;
    let reading = false;
    let again = false;
    const read = async (): Promise<void> => {
      if (reading) {
        again = true;
        return;
      }
      reading = true;
      try {
        do {
          again = false;
          const body = (await client.request('GET', '/v1/alarms')) as { items: AlarmJson[] };
          if (stopped) return;
          current.current = orderAlarms(body.items);
          setItems(current.current);
          setError(undefined);
        } while (again);
      } catch (e: unknown) {
        if (stopped) return;
        if (e instanceof ApiError && e.status === 401) onSessionLost();
        else setError(e instanceof ApiError ? e : new ApiError(0, { detail: String(e) }));
      } finally {
        reading = false;
      }
    };
    refresh.current = () => void read();
    void read();
    const timer = setInterval(() => void read(), POLL_MS);
    return () => {
      stopped = true;
      refresh.current = () => undefined;
      clearInterval(timer);
    };
  }, [client, onSessionLost]);

  const onEvent = useCallback((event: FlowEventJson) => {
    if (changesAlarms(event, current.current)) refresh.current();
  }, []);
  return { items, error, onEvent };
}

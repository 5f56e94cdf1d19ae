import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type ApiClient } from '../api/client';
import {
  FLOW_EVENT_KINDS,
  parseFlowEvent,
  parseFlowStats,
  withLiveEvents,
  type FlowEventJson,
  type FlowStatsJson,
} from './flow-model';
import { minuteRates, parseFlowSeries, type FlowSeriesJson, type TrafficKind } from './minute-series';
import { RATE_KINDS, RateSeries, type RateData, type RateKind } from './rate-series';

/** How often the statistics are reloaded to follow the window as it slides. */
const RELOAD_MS = 15_000;
/** The chart redraws at least this often, so quiet seconds show as zeros. */
const TICK_MS = 1_000;

/** What the overview draws. */
export interface LiveFlow {
  readonly stats: FlowStatsJson | undefined;
  readonly rates: RateData;
  /** Per minute over the last hour, operational and exercise apart (once the gateway's series is read). */
  readonly minutes: Readonly<Record<TrafficKind, RateData>> | undefined;
  readonly connected: boolean;
  /** Events dropped by the feed because the page read too slowly (then the figures are reloaded). */
  readonly lagged: number;
  readonly error: string | undefined;
}

function isRateKind(kind: string): kind is RateKind {
  return (RATE_KINDS as readonly string[]).includes(kind);
}

/**
 * The flow statistics kept live: `GET /v1/stats/flow` and `GET /v1/stats/flow/series` give the
 * base, the SSE feed (`GET /v1/events`) adds each event as it arrives, and the base is reloaded
 * every {@link RELOAD_MS}, after the feed reconnects and after it reports dropped events. `onEvent`, when given, sees each
 * feed event too (e.g. to read the alarms again); changing it does not reopen the feed.
 */
export function useLiveFlow(
  client: ApiClient,
  onSessionLost: () => void,
  onEvent?: (event: FlowEventJson) => void,
): LiveFlow {
  const [base, setBase] = useState<FlowStatsJson | undefined>();
  const [history, setHistory] = useState<FlowSeriesJson | undefined>();
  const [connected, setConnected] = useState(false);
  const [lagged, setLagged] = useState(0);
  const [error, setError] = useState<string | undefined>();
  // Bumped by every event and every second: the figures below are recomputed on each render.
  const [, setTick] = useState(0);
  const events = useRef<FlowEventJson[]>([]);
  const historyEvents = useRef<FlowEventJson[]>([]);
  const series = useRef(new RateSeries());
  const listener = useRef(onEvent);
  listener.current = onEvent;

  useEffect(() => {
    let stopped = false;
    let reloading = false;
    const reload = async (): Promise<void> => {
      if (reloading) return;
      reloading = true;
      try {
        const [statsBody, seriesBody] = await Promise.all([
          client.request('GET', '/v1/stats/flow?window=1h'),
          client.request('GET', '/v1/stats/flow/series?window=1h'),
        ]);
        const stats = parseFlowStats(statsBody);
        const series = parseFlowSeries(seriesBody);
        if (stopped) return;
        const cutoff = Date.parse(stats.to);
        events.current = events.current.filter((e) => Date.parse(e.at) > cutoff);
        const seriesCutoff = Date.parse(series.to);
        historyEvents.current = historyEvents.current.filter((e) => Date.parse(e.at) > seriesCutoff);
        setBase(stats);
        setHistory(series);
        setError(undefined);
      } catch (e: unknown) {
        if (stopped) return;
        if (e instanceof ApiError && e.status === 401) onSessionLost();
        else setError(e instanceof Error ? e.message : String(e));
      } finally {
        reloading = false;
      }
    };

    // The feed opens before the first load, so no event falls between the two.
    const source = new EventSource('/v1/events');
    let opened = false;
    source.onopen = () => {
      setConnected(true);
      // Events may have been missed while the feed was down: read the figures again.
      if (opened) void reload();
      opened = true;
    };
    source.onerror = () => {
      setConnected(false);
      // A closed feed after an error is often an expired session: the next load tells.
      if (source.readyState === EventSource.CLOSED) void reload();
    };
    const onFeedEvent = (message: MessageEvent<string>): void => {
      const event = parseFlowEvent(message.data);
      if (event === undefined) return;
      events.current.push(event);
      historyEvents.current.push(event);
      if (isRateKind(event.kind) && !(event.kind === 'delivered' && event.delivery?.first === false)) {
        series.current.record(event.kind, Date.now());
      }
      listener.current?.(event);
      setTick((n) => n + 1);
    };
    for (const kind of FLOW_EVENT_KINDS) source.addEventListener(kind, onFeedEvent);
    source.addEventListener('lagged', (message: MessageEvent<string>) => {
      const dropped = Number(/"dropped":(\d+)/.exec(message.data)?.[1] ?? 0);
      setLagged((n) => n + dropped);
      void reload();
    });

    void reload();
    const reloadTimer = setInterval(() => void reload(), RELOAD_MS);
    const tickTimer = setInterval(() => {
      setTick((n) => n + 1);
    }, TICK_MS);
    return () => {
      stopped = true;
      source.close();
      clearInterval(reloadTimer);
      clearInterval(tickTimer);
    };
  }, [client, onSessionLost]);

  return {
    stats: base === undefined ? undefined : withLiveEvents(base, events.current),
    rates: series.current.data(Date.now()),
    minutes:
      history === undefined
        ? undefined
        : {
            operational: minuteRates(history, historyEvents.current, 'operational', Date.now()),
            exercise: minuteRates(history, historyEvents.current, 'exercise', Date.now()),
          },
    connected,
    lagged,
    error,
  };
}

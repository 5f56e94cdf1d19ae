import type { FlowEventJson, FlowTotals } from './flow-model';
import { RATE_KINDS, type RateData } from './rate-series';

/** Operational or exercise traffic: charted apart, never mixed. */
export type TrafficKind = 'operational' | 'exercise';

/** One point of `GET /v1/stats/flow/series`. */
export interface SeriesPointJson {
  readonly at: string;
  readonly operational: FlowTotals;
  readonly exercise: FlowTotals;
}

/** The body of `GET /v1/stats/flow/series`. */
export interface FlowSeriesJson {
  readonly window: string;
  readonly from: string;
  readonly to: string;
  readonly stepSeconds: number;
  readonly points: readonly SeriesPointJson[];
}

const MINUTE_MS = 60_000;

function isTotals(value: unknown): value is FlowTotals {
  return (
    typeof value === 'object' &&
    value !== null &&
    RATE_KINDS.every((k) => typeof (value as Record<string, unknown>)[k] === 'number')
  );
}

/** Checks the shape of a `GET /v1/stats/flow/series` body before the console draws from it. */
export function parseFlowSeries(value: unknown): FlowSeriesJson {
  const v = value as Partial<FlowSeriesJson> | null;
  const ok =
    v !== null &&
    typeof v === 'object' &&
    typeof v.to === 'string' &&
    typeof v.stepSeconds === 'number' &&
    Array.isArray(v.points) &&
    v.points.every((p: SeriesPointJson) => typeof p.at === 'string' && isTotals(p.operational) && isTotals(p.exercise));
  if (!ok) throw new Error('The gateway sent flow series the console does not understand.');
  return v as FlowSeriesJson;
}

/** Whether a feed event adds to the chart: accepted, refused, and a first delivery. */
function charted(e: FlowEventJson): e is FlowEventJson & { kind: (typeof RATE_KINDS)[number] } {
  return (RATE_KINDS as readonly string[]).includes(e.kind) && !(e.kind === 'delivered' && e.delivery?.first === false);
}

/**
 * uPlot's data for one kind of traffic, one point per minute: the gateway's per-minute series
 * (`base`, window 1h), slid on to the minute of `nowMs` (older minutes dropped, new ones zero),
 * plus the feed's events dated after the series was read, each in its own minute (a future
 * time in the current one, as the gateway counts it).
 */
export function minuteRates(
  base: FlowSeriesJson,
  events: readonly FlowEventJson[],
  traffic: TrafficKind,
  nowMs: number,
): RateData {
  const cutoff = Date.parse(base.to);
  const points = base.points.map((p) => ({ minute: Math.floor(Date.parse(p.at) / MINUTE_MS), counts: p[traffic] }));
  const span = points.length;
  const last = Math.max(points.at(-1)?.minute ?? 0, Math.floor(nowMs / MINUTE_MS));
  const first = last - span + 1;
  const byMinute = new Map(points.map((p) => [p.minute, [...RATE_KINDS.map((k) => p.counts[k])]]));
  const out: RateData = [[], [], [], []];
  for (let m = first; m <= last; m++) {
    out[0].push((m * MINUTE_MS) / 1000);
    const row = byMinute.get(m);
    for (let i = 0; i < RATE_KINDS.length; i++) out[i + 1]!.push(row?.[i] ?? 0);
  }
  for (const e of events) {
    const at = Date.parse(e.at);
    if (at <= cutoff || !charted(e) || (e.exercise === true) !== (traffic === 'exercise')) continue;
    const i = Math.min(last, Math.floor(at / MINUTE_MS)) - first;
    if (i < 0) continue;
    out[RATE_KINDS.indexOf(e.kind) + 1]![i]! += 1;
  }
  return out;
}

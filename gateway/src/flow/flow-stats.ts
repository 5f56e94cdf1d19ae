import type { FlowEvent } from '../domain/flow-event.js';
import { FlowBuckets, type Observation, type SeriesPoint, type WindowSummary } from './flow-buckets.js';

/** The windows of `GET /v1/stats/flow`, in minutes. */
export const FLOW_WINDOWS = { '1m': 1, '1h': 60, '24h': 1440 } as const;

/** One of the window names: `1m`, `1h` or `24h`. */
export type FlowWindow = keyof typeof FLOW_WINDOWS;

/** Kinds whose sender made a submission: they update the sender's last seen. */
const SUBMISSION_KINDS: ReadonlySet<FlowEvent['kind']> = new Set(['accepted', 'rejected', 'delivered', 'replayed']);
/** Distinct members whose last submission is remembered; more are ignored (ids come from events). */
const MAX_MEMBERS = 1000;
/**
 * Events dated this long before the start are surely in the archive the statistics were
 * seeded from; younger ones are checked against what the seed saw, so a publish that
 * raced the seed is counted once.
 */
const SEED_GRACE_MS = 2 * 60_000;
/** After this long, no event that raced the seed can still arrive: forget the seed's keys. */
const SEED_KEYS_TTL_MS = 10 * 60_000;

/** A key that tells the same archived fact apart in the seed and in the live events. */
function factKey(e: FlowEvent, at: number): string | undefined {
  if (e.messageId === null) return undefined;
  switch (e.kind) {
    case 'accepted':
    case 'delivered':
    case 'sequence-anomaly':
      return `${e.kind}:${e.messageId}`;
    case 'rejected':
      // A message may be refused several times; each refusal has its own time.
      return `rejected:${e.messageId}@${at}`;
    case 'replayed':
      return undefined;
  }
}

function observationOf(e: FlowEvent, at: number): Observation | undefined {
  const exercise = e.exercise === true;
  switch (e.kind) {
    case 'accepted':
      return {
        at,
        kind: 'accepted',
        exercise,
        pairs: e.sender === null ? [] : (e.recipients ?? []).map((r) => [e.sender!, r] as const),
      };
    case 'delivered':
      // A repeated DeliveryAck delivers nothing new.
      if (e.delivery?.first === false) return undefined;
      return {
        at,
        kind: 'delivered',
        exercise,
        pairs: e.delivery === undefined || e.sender === null ? [] : [[e.delivery.sender, e.sender]],
      };
    case 'rejected':
      return { at, kind: 'rejected', exercise, ...(e.code === undefined ? {} : { code: e.code }) };
    case 'replayed':
    case 'sequence-anomaly':
      return { at, kind: e.kind, exercise };
  }
}

/** What {@link FlowStats.summary} returns, before backlogs are added. */
export interface FlowSummary extends WindowSummary {
  readonly window: FlowWindow;
  /** Last submission (accepted or refused) seen from each member, Unix milliseconds. */
  readonly lastSeen: ReadonlyMap<string, number>;
}

/**
 * Flow statistics of the whole federation, fed by the `atc.v1.events` of every gateway
 * replica and seeded from the archive at start-up, so a restart does not zero them.
 */
export class FlowStats {
  private readonly buckets = new FlowBuckets();
  private readonly lastSeen = new Map<string, number>();
  private seedCutoff: number | undefined;
  private seedKeys = new Set<string>();

  constructor(private readonly clock: () => number) {}

  /**
   * Counts what the archive held before `cutoff` (events synthesised from its rows) and
   * remembers the most recent of them, so their live events are not counted twice.
   * Call once, before feeding live events.
   */
  async seed(events: AsyncIterable<FlowEvent> | Iterable<FlowEvent>, cutoff: number): Promise<number> {
    this.seedCutoff = cutoff;
    let n = 0;
    const now = this.clock();
    for await (const e of events) {
      const at = Date.parse(e.at);
      this.count(e, at, now);
      const key = factKey(e, at);
      if (key !== undefined && at >= cutoff - SEED_GRACE_MS) this.seedKeys.add(key);
      n++;
    }
    return n;
  }

  /** Records a member's last submission found in the archive. */
  seedLastSeen(member: string, at: number): void {
    this.see(member, at);
  }

  /** Counts one live event (from any replica). */
  ingest(e: FlowEvent): void {
    const now = this.clock();
    const parsed = Date.parse(e.at);
    const at = Number.isNaN(parsed) ? now : parsed;
    if (this.seedCutoff !== undefined) {
      if (now > this.seedCutoff + SEED_KEYS_TTL_MS) {
        this.seedKeys.clear();
      } else {
        const key = factKey(e, at);
        if (key !== undefined && this.seedKeys.delete(key)) return;
      }
      // Replays are not archived, so the seed never counted them.
      if (at < this.seedCutoff - SEED_GRACE_MS && e.kind !== 'replayed') return;
    }
    this.count(e, at, now);
  }

  /** Counts over `window` at the current time, with every member's last submission. */
  summary(window: FlowWindow): FlowSummary {
    return { ...this.buckets.summarize(FLOW_WINDOWS[window], this.clock()), window, lastSeen: this.lastSeen };
  }

  /**
   * The same counts as {@link summary} of `window`, per `stepMinutes` minutes (see
   * {@link FlowBuckets.series}).
   */
  series(window: FlowWindow, stepMinutes: number): { from: number; to: number; points: SeriesPoint[] } {
    const now = this.clock();
    const minutes = FLOW_WINDOWS[window];
    const from = (Math.floor(now / 60_000) - minutes) * 60_000;
    return { from, to: now, points: this.buckets.series(minutes, stepMinutes, now) };
  }

  private count(e: FlowEvent, at: number, now: number): void {
    if (e.sender !== null && SUBMISSION_KINDS.has(e.kind)) this.see(e.sender, Math.min(at, now));
    const o = observationOf(e, at);
    if (o !== undefined) this.buckets.record(o, now);
  }

  private see(member: string, at: number): void {
    const before = this.lastSeen.get(member);
    if (before === undefined && this.lastSeen.size >= MAX_MEMBERS) return;
    if (before === undefined || at > before) this.lastSeen.set(member, at);
  }
}

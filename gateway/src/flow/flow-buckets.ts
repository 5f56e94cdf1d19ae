/** Whether traffic is real or from a joint exercise: counted apart, never mixed. */
export type Traffic = 'operational' | 'exercise';

/** The flow event kinds the statistics count. */
export type CountedKind = 'accepted' | 'rejected' | 'delivered' | 'replayed' | 'sequence-anomaly';

/** One thing to count, at one time. */
export interface Observation {
  /** Unix milliseconds. */
  readonly at: number;
  readonly kind: CountedKind;
  readonly exercise: boolean;
  /** Sender x recipient pairs it adds to (accepted: one per recipient; delivered: the one delivered). */
  readonly pairs?: readonly (readonly [sender: string, recipient: string])[];
  /** The refusal code (rejected). */
  readonly code?: string;
}

/** Counts of each kind. */
export interface FlowTotals {
  accepted: number;
  rejected: number;
  delivered: number;
  replayed: number;
  sequenceAnomalies: number;
}

/** Messages between one sender and one recipient. */
export interface PairCount {
  readonly sender: string;
  readonly recipient: string;
  /** Accepted messages from sender to recipient. */
  readonly accepted: number;
  /** Of those, the ones the recipient's agent confirmed. */
  readonly delivered: number;
}

/** Operational or exercise traffic over a window. */
export interface TrafficSummary {
  readonly totals: FlowTotals;
  /** Pairs, busiest first. */
  readonly flows: readonly PairCount[];
  /** Refusals by code, most frequent first. */
  readonly refusals: readonly { readonly code: string; readonly count: number }[];
}

/** What {@link FlowBuckets.summarize} returns. */
export interface WindowSummary {
  /** Start of the oldest minute included (Unix milliseconds). */
  readonly from: number;
  /** The `now` of the call. */
  readonly to: number;
  readonly operational: TrafficSummary;
  readonly exercise: TrafficSummary;
  /** True when some pairs or codes were not kept (more distinct ones than the limits allow). */
  readonly truncated: boolean;
}

/** The counts of one step of {@link FlowBuckets.series}. */
export interface SeriesPoint {
  /** Start of the step (Unix milliseconds); the oldest step may begin before the window does. */
  readonly at: number;
  readonly operational: FlowTotals;
  readonly exercise: FlowTotals;
}

const MINUTE_MS = 60_000;
/** Distinct pairs and codes one minute keeps; more are counted in the totals only. */
const MAX_PAIRS_PER_MINUTE = 1024;
const MAX_CODES_PER_MINUTE = 64;
/** Rows of a summary at most, whatever the window. */
const MAX_SUMMARY_ROWS = 5000;

const TOTAL_FIELD = {
  accepted: 'accepted',
  rejected: 'rejected',
  delivered: 'delivered',
  replayed: 'replayed',
  'sequence-anomaly': 'sequenceAnomalies',
} as const satisfies Record<CountedKind, keyof FlowTotals>;

const zeroTotals = (): FlowTotals => ({ accepted: 0, rejected: 0, delivered: 0, replayed: 0, sequenceAnomalies: 0 });

/** Keys join their parts with NUL, which no member id or code contains. */
const SEP = '\u0000';

class MinuteBucket {
  readonly totals: [FlowTotals, FlowTotals] = [zeroTotals(), zeroTotals()];
  /** `<0|1> NUL sender NUL recipient` -> counts. */
  readonly pairs = new Map<string, { accepted: number; delivered: number }>();
  /** `<0|1> NUL code` -> count. */
  readonly refusals = new Map<string, number>();
  truncated = false;

  constructor(readonly minute: number) {}

  add(o: Observation): void {
    const t = o.exercise ? 1 : 0;
    this.totals[t][TOTAL_FIELD[o.kind]]++;
    if (o.kind === 'rejected' && o.code !== undefined) {
      const key = `${t}${SEP}${o.code}`;
      const n = this.refusals.get(key);
      if (n !== undefined) this.refusals.set(key, n + 1);
      else if (this.refusals.size < MAX_CODES_PER_MINUTE) this.refusals.set(key, 1);
      else this.truncated = true;
    }
    if (o.kind !== 'accepted' && o.kind !== 'delivered') return;
    for (const [sender, recipient] of o.pairs ?? []) {
      const key = `${t}${SEP}${sender}${SEP}${recipient}`;
      let counts = this.pairs.get(key);
      if (counts === undefined) {
        if (this.pairs.size >= MAX_PAIRS_PER_MINUTE) {
          this.truncated = true;
          continue;
        }
        counts = { accepted: 0, delivered: 0 };
        this.pairs.set(key, counts);
      }
      counts[o.kind]++;
    }
  }
}

function topRows<T>(rows: T[], weight: (row: T) => number, name: (row: T) => string): { rows: T[]; cut: boolean } {
  rows.sort((a, b) => weight(b) - weight(a) || (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
  return { rows: rows.slice(0, MAX_SUMMARY_ROWS), cut: rows.length > MAX_SUMMARY_ROWS };
}

/**
 * Flow counts in per-minute buckets over the last 24 hours: a ring of 1441 minutes (24 h of
 * whole minutes and the current one), each holding at most a fixed number of pairs and
 * codes, so memory stays bounded whatever the traffic. A window of N minutes covers the N
 * whole minutes before the current one and the current one so far.
 */
export class FlowBuckets {
  /** The longest window, in minutes. */
  static readonly MAX_WINDOW_MINUTES = 1440;
  private readonly ring: (MinuteBucket | undefined)[] = new Array<MinuteBucket | undefined>(
    FlowBuckets.MAX_WINDOW_MINUTES + 1,
  );

  /**
   * Counts `o` in its minute. Returns false (and counts nothing) when that minute is
   * older than the longest window at `now`, or its slot already holds a newer minute.
   * Times in the future are the sender's clock running ahead: counted in the current minute.
   */
  record(o: Observation, now: number): boolean {
    const current = Math.floor(now / MINUTE_MS);
    const minute = Math.min(current, Math.floor(o.at / MINUTE_MS));
    if (minute < current - FlowBuckets.MAX_WINDOW_MINUTES) return false;
    const slot = minute % this.ring.length;
    let bucket = this.ring[slot];
    if (bucket === undefined || bucket.minute < minute) {
      bucket = new MinuteBucket(minute);
      this.ring[slot] = bucket;
    } else if (bucket.minute > minute) {
      return false;
    }
    bucket.add(o);
    return true;
  }

  /** Totals, pairs and refusals of the last `minutes` whole minutes and the current one, at `now`. */
  summarize(minutes: number, now: number): WindowSummary {
    const span = Math.max(1, Math.min(minutes, FlowBuckets.MAX_WINDOW_MINUTES));
    const current = Math.floor(now / MINUTE_MS);
    const first = current - span;
    const totals: [FlowTotals, FlowTotals] = [zeroTotals(), zeroTotals()];
    const pairs = new Map<string, { accepted: number; delivered: number }>();
    const refusals = new Map<string, number>();
    let truncated = false;
    for (const bucket of this.ring) {
      if (bucket === undefined || bucket.minute < first || bucket.minute > current) continue;
      for (const t of [0, 1] as const) {
        for (const field of Object.values(TOTAL_FIELD)) totals[t][field] += bucket.totals[t][field];
      }
      for (const [key, c] of bucket.pairs) {
        const sum = pairs.get(key) ?? { accepted: 0, delivered: 0 };
        sum.accepted += c.accepted;
        sum.delivered += c.delivered;
        pairs.set(key, sum);
      }
      for (const [key, n] of bucket.refusals) refusals.set(key, (refusals.get(key) ?? 0) + n);
      truncated ||= bucket.truncated;
    }
    const traffic = (t: 0 | 1): TrafficSummary => {
      const flows = topRows(
        [...pairs]
          .filter(([key]) => key.startsWith(`${t}${SEP}`))
          .map(([key, c]): PairCount => {
            const [, sender = '', recipient = ''] = key.split(SEP);
            return { sender, recipient, accepted: c.accepted, delivered: c.delivered };
          }),
        (p) => p.accepted + p.delivered,
        (p) => `${p.sender}>${p.recipient}`,
      );
      const codes = topRows(
        [...refusals]
          .filter(([key]) => key.startsWith(`${t}${SEP}`))
          .map(([key, count]) => ({ code: key.slice(2), count })),
        (r) => r.count,
        (r) => r.code,
      );
      truncated ||= flows.cut || codes.cut;
      return { totals: totals[t], flows: flows.rows, refusals: codes.rows };
    };
    const operational = traffic(0);
    const exercise = traffic(1);
    return { from: first * MINUTE_MS, to: now, operational, exercise, truncated };
  }

  /**
   * The totals of the same minutes as {@link summarize} (the last `minutes` whole minutes and
   * the current one, at `now`), one point per `step` minutes aligned to multiples of `step`
   * since the epoch, oldest first, with no gap: a point whose minutes saw nothing counts zero.
   * The points add up to the summary's totals.
   */
  series(minutes: number, step: number, now: number): SeriesPoint[] {
    const span = Math.max(1, Math.min(minutes, FlowBuckets.MAX_WINDOW_MINUTES));
    const width = Math.max(1, Math.floor(step));
    const current = Math.floor(now / MINUTE_MS);
    const first = current - span;
    const start = Math.floor(first / width) * width;
    const points: SeriesPoint[] = [];
    for (let m = start; m <= current; m += width) {
      points.push({ at: m * MINUTE_MS, operational: zeroTotals(), exercise: zeroTotals() });
    }
    for (const bucket of this.ring) {
      if (bucket === undefined || bucket.minute < first || bucket.minute > current) continue;
      const point = points[Math.floor((bucket.minute - start) / width)]!;
      for (const field of Object.values(TOTAL_FIELD)) {
        point.operational[field] += bucket.totals[0][field];
        point.exercise[field] += bucket.totals[1][field];
      }
    }
    return points;
  }

  /** Minutes currently held (at most 1441): what bounds the memory. */
  get minutesHeld(): number {
    return this.ring.filter((b) => b !== undefined).length;
  }
}

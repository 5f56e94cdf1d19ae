/** One reading of a process during the soak. */
export interface SoakSample {
  /** Seconds since the soak's load began. */
  readonly atSeconds: number;
  /** The process id: a restart starts a new process, with a new id. */
  readonly pid: number;
  readonly rssBytes: number;
  readonly fds: number;
  /** User plus system CPU time of this process so far, seconds. */
  readonly cpuSeconds: number;
}

/** The trend of one process over the soak. */
export interface SoakTrend {
  /** Resident memory growth, MB per hour (least squares within each run of the process). */
  readonly rssMbPerHour: number;
  /** Open file descriptors' growth per hour, likewise. */
  readonly fdsPerHour: number;
  /** Readings the slopes were fitted on (those after each start's warm-up). */
  readonly samples: number;
  readonly lastRssMb: number;
  readonly maxRssMb: number;
  readonly lastFds: number;
  readonly maxFds: number;
  /** CPU time over all its runs, seconds (each run as last read: a killed run's last seconds are missed). */
  readonly cpuSeconds: number;
}

/**
 * Least-squares slope of `y` over `x` with one intercept per group: each restart starts a
 * process afresh (memory back to its start-up size), so a single line through every reading
 * would see the restarts, not a leak. The slope is the one line that fits every run of the
 * process at once, each from its own level. 0 when there is no spread in `x` to fit.
 */
export function groupedSlope(points: readonly { group: number; x: number; y: number }[]): number {
  const groups = new Map<number, { x: number; y: number; n: number }>();
  for (const p of points) {
    const g = groups.get(p.group) ?? { x: 0, y: 0, n: 0 };
    groups.set(p.group, { x: g.x + p.x, y: g.y + p.y, n: g.n + 1 });
  }
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    const g = groups.get(p.group)!;
    const dx = p.x - g.x / g.n;
    sxy += dx * (p.y - g.y / g.n);
    sxx += dx * dx;
  }
  return sxx === 0 ? 0 : sxy / sxx;
}

/**
 * The trend of one process: slopes per hour over the readings taken at least `warmupSeconds`
 * after each process's first reading (start-up allocates caches and JIT code; that is not a leak).
 */
export function soakTrend(samples: readonly SoakSample[], warmupSeconds: number): SoakTrend {
  const firstSeen = new Map<number, number>();
  for (const s of samples) if (!firstSeen.has(s.pid)) firstSeen.set(s.pid, s.atSeconds);
  const steady = samples.filter((s) => s.atSeconds - firstSeen.get(s.pid)! >= warmupSeconds);
  const hours = (s: SoakSample): number => s.atSeconds / 3600;
  const last = samples.at(-1);
  return {
    rssMbPerHour: groupedSlope(steady.map((s) => ({ group: s.pid, x: hours(s), y: s.rssBytes / 2 ** 20 }))),
    fdsPerHour: groupedSlope(steady.map((s) => ({ group: s.pid, x: hours(s), y: s.fds }))),
    samples: steady.length,
    lastRssMb: (last?.rssBytes ?? 0) / 2 ** 20,
    maxRssMb: Math.max(0, ...samples.map((s) => s.rssBytes)) / 2 ** 20,
    lastFds: last?.fds ?? 0,
    maxFds: Math.max(0, ...samples.map((s) => s.fds)),
    cpuSeconds: cpuOverRuns(samples),
  };
}

/** The CPU time of every run of a process: the last reading of each process id, summed. */
export function cpuOverRuns(samples: readonly SoakSample[]): number {
  const lastOf = new Map<number, number>();
  for (const s of samples) lastOf.set(s.pid, Math.max(lastOf.get(s.pid) ?? 0, s.cpuSeconds));
  let sum = 0;
  for (const v of lastOf.values()) sum += v;
  return sum;
}

/** What the soak counted at the end. */
export interface SoakCounts {
  /** Records the agent answered 202 for (each counted once, however often it was retried). */
  readonly submitted: number;
  /** Of those, archived by the gateway. */
  readonly archived: number;
  /** Of those, handed to the recipient's webhook (2xx), counted once per record. */
  readonly delivered: number;
  /** Submitted but not archived, or archived but not delivered, after the drain. */
  readonly lost: number;
  /** Archive rows beyond one per record, and records handed over under a second delivery id. */
  readonly duplicated: number;
}

/** The figures on the soak's closing line. */
export interface SoakLineFigures extends SoakCounts {
  readonly minutes: number;
  readonly rate: number;
  readonly restarts: number;
  readonly trends: Readonly<Record<string, SoakTrend>>;
}

/** CPU milliseconds a process spent per record submitted (0 when none was). */
export function cpuMsPerRecord(t: SoakTrend, submitted: number): number {
  return submitted === 0 ? 0 : (t.cpuSeconds * 1000) / submitted;
}

const signed = (n: number): string => `${n >= 0 ? '+' : ''}${n.toFixed(1)}`;

/**
 * The closing line of `npm run bench -- --soak`, e.g.
 * `soak: minutes=30 rate=500 restarts=5 submitted=900000 archived=900000 delivered=900000 lost=0
 * duplicated=0 rss_mb_per_h=gateway:+1.2,nats:-0.3 fds_per_h=gateway:+0.0,nats:+0.0
 * cpu_ms_per_record=gateway:1.85,nats:0.70`.
 */
export function formatSoakLine(f: SoakLineFigures): string {
  const per = (pick: (t: SoakTrend) => number): string =>
    Object.entries(f.trends)
      .map(([name, t]) => `${name}:${signed(pick(t))}`)
      .join(',');
  return [
    'soak:',
    `minutes=${f.minutes}`,
    `rate=${f.rate}`,
    `restarts=${f.restarts}`,
    `submitted=${f.submitted}`,
    `archived=${f.archived}`,
    `delivered=${f.delivered}`,
    `lost=${f.lost}`,
    `duplicated=${f.duplicated}`,
    `rss_mb_per_h=${per((t) => t.rssMbPerHour)}`,
    `fds_per_h=${per((t) => t.fdsPerHour)}`,
    `cpu_ms_per_record=${Object.entries(f.trends)
      .map(([name, t]) => `${name}:${cpuMsPerRecord(t, f.submitted).toFixed(2)}`)
      .join(',')}`,
  ].join(' ');
}

/** The fields {@link formatSoakLine} writes, in order: what a reader of the line may rely on. */
export const SOAK_LINE_FIELDS = [
  'minutes',
  'rate',
  'restarts',
  'submitted',
  'archived',
  'delivered',
  'lost',
  'duplicated',
  'rss_mb_per_h',
  'fds_per_h',
  'cpu_ms_per_record',
] as const;

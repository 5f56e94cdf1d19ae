import { readFile } from 'node:fs/promises';
import type { ProgressSample } from './steady-rate.js';

/**
 * Clock ticks per second of /proc/<pid>/stat times. Linux reports them in USER_HZ, which
 * is 100 on every mainstream architecture (it is fixed by the kernel ABI, not by CONFIG_HZ).
 */
const USER_HZ = 100;

/** Memory and CPU use of a process, read from /proc. */
export interface ProcStats {
  /** Resident memory now, bytes. */
  readonly rssBytes: number;
  /** Peak resident memory since the process started (VmHWM), bytes. */
  readonly peakRssBytes: number;
  /** User plus system CPU time used so far, seconds. */
  readonly cpuSeconds: number;
}

/** Reads `pid`'s memory and CPU use; undefined when the process is gone or /proc is missing. */
export async function readProcStats(pid: number): Promise<ProcStats | undefined> {
  try {
    const [status, stat] = await Promise.all([
      readFile(`/proc/${pid}/status`, 'utf8'),
      readFile(`/proc/${pid}/stat`, 'utf8'),
    ]);
    return { rssBytes: kib(status, 'VmRSS'), peakRssBytes: kib(status, 'VmHWM'), cpuSeconds: statCpuSeconds(stat) };
  } catch {
    return undefined;
  }
}

function kib(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
  return match === null ? 0 : Number(match[1]) * 1024;
}

/**
 * User plus system CPU seconds in the text of a `/proc/<pid>/stat`: utime + stime (fields 14
 * and 15); the command name in field 2 may hold spaces, so count after ")".
 */
export function statCpuSeconds(stat: string): number {
  return (Number(statField(stat, 14)) + Number(statField(stat, 15))) / USER_HZ;
}

/**
 * Field `n` (counted from 1, as proc(5) numbers them; 3 or more) of a `/proc/<pid>/stat` text:
 * the command name in field 2 may hold spaces, so the fields are counted after its ")".
 */
export function statField(stat: string, n: number): string | undefined {
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[n - 3];
}

/** A reading of resident memory, at a time on the benchmark's own clock (`performance.now()`). */
export interface RssReading {
  readonly atMs: number;
  readonly rssBytes: number;
}

/**
 * The highest resident memory read in each quarter of a run, by the share of its `total` items
 * done when read (the last progress sample at or before the reading): up to 25%, 50%, 75% and
 * 100%; null for a quarter no reading fell in. A process whose memory grows with the run's
 * length shows rising quarters; a flat one, about equal ones.
 */
export function peakRssByQuarter(
  progress: readonly ProgressSample[],
  readings: readonly RssReading[],
  total: number,
): (number | null)[] {
  const out: (number | null)[] = [null, null, null, null];
  if (total <= 0) return out;
  let at = -1;
  for (const r of [...readings].sort((a, b) => a.atMs - b.atMs)) {
    while (at + 1 < progress.length && progress[at + 1]!.atMs <= r.atMs) at++;
    if (at < 0) continue;
    const done = progress[at]!.done;
    const quarter = Math.min(3, Math.max(0, Math.ceil((done / total) * 4) - 1));
    out[quarter] = Math.max(out[quarter] ?? 0, r.rssBytes);
  }
  return out;
}

/**
 * Samples a process every `intervalMs` and keeps every resident memory reading, so that a peak
 * between the first and last reading is not missed (VmHWM covers start-up too).
 */
export class ProcSampler {
  private timer: NodeJS.Timeout | undefined;
  private last: ProcStats | undefined;
  private readonly readings: RssReading[] = [];

  constructor(
    private readonly pid: number,
    private readonly intervalMs = 250,
  ) {}

  /** Starts sampling. */
  start(): void {
    this.timer = setInterval(() => {
      void this.sample();
    }, this.intervalMs);
    this.timer.unref();
  }

  /** Takes one reading now. */
  async sample(): Promise<ProcStats | undefined> {
    const stats = await readProcStats(this.pid);
    if (stats !== undefined) {
      this.readings.push({ atMs: performance.now(), rssBytes: stats.rssBytes });
      this.last = stats;
    }
    return stats;
  }

  /** Stops sampling and returns the highest RSS seen, the last reading and every RSS reading. */
  async stop(): Promise<{
    readonly maxRssBytes: number;
    readonly last: ProcStats | undefined;
    readonly readings: readonly RssReading[];
  }> {
    clearInterval(this.timer);
    await this.sample();
    const maxRssBytes = this.readings.reduce((max, r) => Math.max(max, r.rssBytes), 0);
    return { maxRssBytes, last: this.last, readings: [...this.readings] };
  }
}

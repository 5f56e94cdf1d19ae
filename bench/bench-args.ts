import { parsePositiveDuration } from '@atc/gateway';
import type { BankNames } from './bank-traffic.js';
import { BenchError, BenchErrorCode } from './bench-error.js';

/** The phases of a run, in the order they run. */
export const BenchPhase = {
  Gateway: 'gateway',
  Baseline: 'baseline',
  Floor: 'floor',
  Latency: 'latency',
  Archive: 'archive',
  Databank: 'databank',
  Agent: 'agent',
  Search: 'search',
  Replicas: 'replicas',
} as const;

/** One of the {@link BenchPhase} names. */
export type BenchPhase = (typeof BenchPhase)[keyof typeof BenchPhase];

const ALL_PHASES: readonly BenchPhase[] = Object.values(BenchPhase);

/** The phases of `--quick` when none are named: all but the replicas (two more drains on PostgreSQL would not fit in 90 s). */
const QUICK_PHASES: readonly BenchPhase[] = ALL_PHASES.filter((p) => p !== BenchPhase.Replicas);

/** What `npm run bench -- ...` was asked to do. */
export interface BenchOptions {
  /** Shorter phases and a smaller archive (under 90 s on a 2-core machine). */
  readonly quick: boolean;
  /** Phases to run, in run order. */
  readonly phases: readonly BenchPhase[];
  /** Submissions the gateway and the baseline drain; undefined: the mode's default. */
  readonly messages: number | undefined;
  /** Messages in the archive-at-scale phase; undefined: the mode's default. */
  readonly archiveSize: number | undefined;
  /** Records in the databank phase's seeded bank; undefined: the mode's default. */
  readonly bankRecords: number | undefined;
  /** Whose names the persons the databank phase projects carry (see bank-traffic's BankNames). */
  readonly bankNames: BankNames;
  /** Persons in the search phase's seeded bank; undefined: the mode's default. */
  readonly searchPersons: number | undefined;
  /** Folder for a V8 CPU profile of the gateway during the throughput phase (slows it down). */
  readonly cpuProfDir: string | undefined;
  /** Where the full results go. */
  readonly out: string;
  readonly help: boolean;
  /** Run the soak (restarts under steady load) instead of the phases. */
  readonly soak: boolean;
  /** How long the soak's load lasts, minutes. */
  readonly soakMinutes: number;
  /** The soak's offered load, records per second. */
  readonly soakRate: number;
  /** Minutes between two restarts of the soak. */
  readonly soakRestartMinutes: number;
  /** The soak gateway's ATC_INBOX_MAX_AGE (a duration such as `5m`), when not the gateway's default. */
  readonly soakInboxMaxAge: string | undefined;
  /** The soak gateway's ATC_DUPLICATE_WINDOW, when not the gateway's default. */
  readonly soakDuplicateWindow: string | undefined;
}

/** `npm run bench -- --help`. */
export const BENCH_USAGE = `Usage: npm run bench -- [options]

Measures the gateway, a hand-written baseline consumer, end-to-end latency, the archive at
scale, the data bank (projection, dossier and subject listing), the node agent's ingest and
webhook hand-over and the person search, on this machine, with its own nats-server.

Options:
  --quick               shorter phases and a 50,000-message archive (under 90 s on 2 cores)
  --phases=a,b,...      run only these of: ${ALL_PHASES.join(', ')}
                        (default: all; with --quick all but replicas)
  --messages=N          submissions the gateway and the baseline each drain
  --archive-size=N      messages in the archive-at-scale phase
  --bank-records=N      records in the bank the databank phase reads dossiers and listings from
  --bank-names=K        the names of the persons the databank phase projects: namesakes
                        (default: 10 family and 8 given names, the most linking work per
                        record) or varied (the search phase's 8,192 family and 2,304 given names)
  --search-persons=N    persons in the bank the search phase times person searches on
  --cpu-prof=DIR        write V8 CPU profiles into DIR: the gateway's throughput phase, and
                        latency/, agent/ and agent-handover/ for those services (profiling slows
                        them down: do not compare that run's numbers)
  --out=FILE            where the full results go (default bench-results.json, with --soak
                        soak-results.json)
  --soak                instead of the phases: a steady load through agents, NATS, the gateway
                        and a recipient's webhook while the services are restarted in turn;
                        memory and open files sampled, every record counted (see README)
  --soak-minutes=N      how long the soak's load lasts (default 30)
  --soak-rate=N         records per second offered during the soak (default 500)
  --soak-restart-minutes=N  minutes between restarts (default 5)
  --soak-inbox-max-age=D    how long the inbox stream keeps routed copies and receipts during
                        the soak (the gateway's ATC_INBOX_MAX_AGE, e.g. 5m; default: the
                        gateway's, 90d): shorter than the run, nats-server's store stops growing
  --soak-duplicate-window=D  the streams' de-duplication window during the soak (the gateway's
                        ATC_DUPLICATE_WINDOW; default: the gateway's, 10m): nats-server keeps
                        every message id of the window in memory, which grows until it is full
  --help                this text`;

/**
 * Parses the arguments after `npm run bench --`.
 *
 * @throws BenchError ERR_BENCH_USAGE naming the argument that cannot be used.
 */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  let quick = false;
  let help = false;
  let phases: readonly BenchPhase[] | undefined;
  let messages: number | undefined;
  let archiveSize: number | undefined;
  let bankRecords: number | undefined;
  let bankNames: BankNames = 'namesakes';
  let searchPersons: number | undefined;
  let cpuProfDir: string | undefined;
  let out: string | undefined;
  let soak = false;
  let soakMinutes = 30;
  let soakRate = 500;
  let soakRestartMinutes = 5;
  let soakInboxMaxAge: string | undefined;
  let soakDuplicateWindow: string | undefined;
  for (const arg of argv) {
    const [name, value] = splitOption(arg);
    switch (name) {
      case '--quick':
        noValue(name, value);
        quick = true;
        break;
      case '--help':
      case '-h':
        noValue(name, value);
        help = true;
        break;
      case '--phases':
        phases = parsePhases(required(name, value));
        break;
      case '--messages':
        messages = positiveInt(name, required(name, value), 1_000);
        break;
      case '--archive-size':
        archiveSize = positiveInt(name, required(name, value), 1_000);
        break;
      case '--bank-records':
        bankRecords = positiveInt(name, required(name, value), 1_000);
        break;
      case '--bank-names': {
        const names = required(name, value);
        if (names !== 'namesakes' && names !== 'varied') {
          throw usage(`--bank-names must be namesakes or varied, not "${names}"`);
        }
        bankNames = names;
        break;
      }
      case '--search-persons':
        searchPersons = positiveInt(name, required(name, value), 1_000);
        break;
      case '--cpu-prof':
        cpuProfDir = required(name, value);
        break;
      case '--out':
        out = required(name, value);
        break;
      case '--soak':
        noValue(name, value);
        soak = true;
        break;
      case '--soak-minutes':
        soakMinutes = positiveNumber(name, required(name, value));
        break;
      case '--soak-rate':
        soakRate = positiveInt(name, required(name, value), 1);
        break;
      case '--soak-restart-minutes':
        soakRestartMinutes = positiveNumber(name, required(name, value));
        break;
      case '--soak-inbox-max-age':
        soakInboxMaxAge = positiveDuration(name, required(name, value));
        break;
      case '--soak-duplicate-window':
        soakDuplicateWindow = positiveDuration(name, required(name, value));
        break;
      default:
        throw usage(`unknown argument "${arg}"; see npm run bench -- --help`);
    }
  }
  return {
    quick,
    phases: phases ?? (quick ? QUICK_PHASES : ALL_PHASES),
    messages,
    archiveSize,
    bankRecords,
    bankNames,
    searchPersons,
    cpuProfDir,
    // The soak's results do not overwrite the phases'.
    out: out ?? (soak ? 'soak-results.json' : 'bench-results.json'),
    help,
    soak,
    soakMinutes,
    soakRate,
    soakRestartMinutes,
    soakInboxMaxAge,
    soakDuplicateWindow,
  };
}

/**
 * A duration longer than zero, checked by the gateway's own parser (`90s`, `5m`, `2h`) and
 * returned as written, for the gateway to read it again from its environment.
 */
function positiveDuration(name: string, raw: string): string {
  try {
    parsePositiveDuration(raw);
  } catch (e) {
    throw usage(`${name} ${e instanceof Error ? e.message : String(e)}, not "${raw}"`);
  }
  return raw;
}

function splitOption(arg: string): [string, string | undefined] {
  const eq = arg.indexOf('=');
  return eq < 0 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)];
}

function usage(message: string): BenchError {
  return new BenchError(BenchErrorCode.Usage, message);
}

function noValue(name: string, value: string | undefined): void {
  if (value !== undefined) throw usage(`${name} takes no value`);
}

function required(name: string, value: string | undefined): string {
  if (value === undefined || value === '') throw usage(`${name} needs a value: ${name}=...`);
  return value;
}

function positiveInt(name: string, text: string, min: number): number {
  const n = Number(text.replaceAll('_', ''));
  if (!/^[0-9_]+$/.test(text) || !Number.isSafeInteger(n) || n < min) {
    throw usage(`${name}=${text} is not a whole number of at least ${min.toLocaleString('en-US')}`);
  }
  return n;
}

/** A decimal number above 0 (minutes may be fractional: 0.5 is 30 s). */
function positiveNumber(name: string, text: string): number {
  const n = Number(text);
  if (!/^[0-9]+(\.[0-9]+)?$/.test(text) || !Number.isFinite(n) || n <= 0) {
    throw usage(`${name}=${text} is not a number above 0`);
  }
  return n;
}

function parsePhases(text: string): BenchPhase[] {
  const wanted = new Set<string>();
  for (const name of text.split(',').map((p) => p.trim())) {
    if (!(ALL_PHASES as readonly string[]).includes(name)) {
      throw usage(`--phases: "${name}" is not a phase; choose among ${ALL_PHASES.join(', ')}`);
    }
    wanted.add(name);
  }
  // Always in run order, whatever order they were named in.
  return ALL_PHASES.filter((p) => wanted.has(p));
}

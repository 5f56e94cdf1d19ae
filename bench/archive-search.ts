import { BenchError, BenchErrorCode } from './bench-error.js';
import { Histogram, type LatencySummary } from './histogram.js';
import type { HttpClient } from './http-client.js';

/** What the message search timing measured. */
export interface SearchTiming {
  /** Every page over every filter combination. */
  readonly latency: LatencySummary;
  /** The slowest combination's p95, by name. */
  readonly slowest: { readonly name: string; readonly p95Ms: number };
  readonly combinations: number;
  /** Pages that stopped at the scan budget before they were full. */
  readonly partialPages: number;
}

/** The members of the generated archive (archive-fill.ts): sender i % 10, recipients the next two. */
const MEMBERS = ['AZ', 'AM', 'BY', 'KZ', 'KG', 'MD', 'RU', 'TJ', 'TM', 'UZ'] as const;

/** First archive time of the generated messages (2026-01-01T00:00:00Z + 40 ms); message i is i ms later. */
const FIRST_ARCHIVED_MS = Date.UTC(2026, 0, 1) + 40;

interface Combination {
  readonly name: string;
  /** The operational namespace, which the generated archive leaves empty; exercise otherwise. */
  readonly operational?: true;
  readonly query: (random: () => number, size: number) => string;
}

const pick = (random: () => number): string => MEMBERS[Math.floor(random() * MEMBERS.length)]!;
const at = (ms: number): string => new Date(ms).toISOString();

/**
 * The filter combinations a console asks for, over the generated archive (all exercise
 * traffic, all delivered): the common ones, and the rare ones that examine a whole scan
 * budget and come back partial (a sender with a recipient it never writes to, a payload type
 * nobody sent), the worst case of a page.
 */
const COMBINATIONS: readonly Combination[] = [
  { name: 'newest', query: () => '' },
  { name: 'operational (none)', operational: true, query: () => '' },
  { name: 'sender', query: (r) => `sender=${pick(r)}` },
  { name: 'recipient', query: (r) => `recipient=${pick(r)}` },
  { name: 'payloadType', query: () => 'payloadType=atc.v1.PersonRecord' },
  { name: 'status=delivered', query: () => 'status=delivered' },
  { name: 'status=pending', query: () => 'status=pending' },
  { name: 'sender+recipient+status', query: (r) => `sender=${pick(r)}&recipient=${pick(r)}&status=delivered` },
  {
    name: 'time range',
    query: (r, size) => {
      const from = FIRST_ARCHIVED_MS + Math.floor(r() * size);
      return `from=${at(from)}&to=${at(from + 10_000)}`;
    },
  },
  {
    name: 'recipient+time range',
    query: (r, size) => `recipient=${pick(r)}&to=${at(FIRST_ARCHIVED_MS + Math.floor(r() * size))}`,
  },
  { name: 'sender+payloadType (none)', query: (r) => `sender=${pick(r)}&payloadType=atc.v1.IncidentReport` },
  { name: 'recipient (rare, none)', query: () => 'recipient=ZZ' },
];

interface PageJson {
  readonly nextCursor: string | null;
  readonly partial: boolean;
}

/**
 * Times `GET /v1/messages` pages (limit 50) over a mix of filter combinations on the archive
 * phase's gateway: `queries` first pages, each followed by its next page when there is one.
 */
export async function timeMessageSearch(
  http: HttpClient,
  size: number,
  queries: number,
  random: () => number,
): Promise<SearchTiming> {
  const all = new Histogram();
  const byCombination = new Map<string, Histogram>();
  let partialPages = 0;
  const get = async (combination: Combination, query: string): Promise<PageJson> => {
    const path = `/v1/messages?exercise=${combination.operational === true ? 'false' : 'true'}&limit=50${query}`;
    const res = await http.send('GET', path);
    if (res.status !== 200) {
      throw new BenchError(
        BenchErrorCode.ServiceFailed,
        `GET ${path} answered ${res.status}: ${res.body.slice(0, 300)}`,
      );
    }
    all.record(res.ms);
    let h = byCombination.get(combination.name);
    if (h === undefined) byCombination.set(combination.name, (h = new Histogram()));
    h.record(res.ms);
    const page = JSON.parse(res.body) as PageJson;
    if (page.partial) partialPages++;
    return page;
  };
  for (let q = 0; q < queries; q++) {
    const combination = COMBINATIONS[q % COMBINATIONS.length]!;
    const filters = combination.query(random, size);
    const query = filters === '' ? '' : `&${filters}`;
    const first = await get(combination, query);
    if (first.nextCursor !== null) await get(combination, `${query}&cursor=${first.nextCursor}`);
  }
  let slowest = { name: '', p95Ms: 0 };
  for (const [name, h] of byCombination) {
    const p95Ms = h.summary().p95Ms;
    if (p95Ms >= slowest.p95Ms) slowest = { name, p95Ms };
  }
  return { latency: all.summary(), slowest, combinations: COMBINATIONS.length, partialPages };
}

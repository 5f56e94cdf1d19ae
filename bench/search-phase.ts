import { join } from 'node:path';
import {
  BankPersonSearcher,
  labelledSet,
  measureSearchQuality,
  addToken,
  openArchive,
  recordProfile,
  type SearchQuality,
} from '@atc/gateway';
import { atc, inboxSubject, Streams } from '@atc/shared';
import type { TestDatabase } from '@atc/tests';
import type { BenchContext } from './bench-context.js';
import { BenchError, BenchErrorCode } from './bench-error.js';
import { gatewayEnvironment, prepareGatewayDir } from './bench-federation.js';
import { startService } from './bench-service.js';
import { HttpClient } from './http-client.js';
import { benchPostgres, type BankEngine } from './databank-phase.js';
import { Histogram, type LatencySummary } from './histogram.js';
import {
  measureMemberRoundTrip,
  ROUND_TRIP_MEMBER,
  ROUND_TRIP_WAIT_MS,
  type MemberRoundTripResult,
} from './member-round-trip.js';
import {
  SearchRows,
  seedQueries,
  seedSearchBank,
  searchVocabulary,
  type SearchSeed,
  type SeedQuery,
} from './search-seed.js';

/** Person searches timed on one engine. */
export interface SearchTimings extends SearchSeed {
  /** How the queries reached the engine: 'in process' or 'HTTP'. */
  readonly path: string;
  readonly queries: number;
  readonly latency: LatencySummary;
  /** Queries for a seeded person whose record was among the first 10 hits. */
  readonly found: number;
  /** Queries for a seeded person. */
  readonly lookedFor: number;
  /** No-hit queries that came back empty, of those asked. */
  readonly noHitEmpty: number;
  readonly noHitQueries: number;
}

/** What the search phase measured. */
export interface SearchPhaseResult {
  readonly method: string;
  /** Set when the bank is smaller than the target's 1,000,000 persons. */
  readonly note: string | undefined;
  readonly engines: Readonly<Record<BankEngine, SearchTimings | { readonly reason: string }>>;
  readonly quality: SearchQuality;
  /** The member round trip (agent -> centre -> agent) on the SQLite bank, or why it was not measured. */
  readonly memberRoundTrip: MemberRoundTripResult;
}

const FULL_SIZE = 1_000_000;

export const SEARCH_METHOD =
  'bank bulk-inserted (not projected): one current PersonRecord per person from 10 members, 3-5 spellings each (Cyrillic, ICAO Latin, a national Latin form, French-style, a typo) of fictitious syllable-built names, with date of birth and passport; index rows (profiles, tokens, vocabulary trigrams) built by recordProfile/profileTokens/vocabularySkeletons as the projection writes them; queries in a spelling the record does not carry (Latin given-name-first untyped, one-letter typo + year, Cyrillic without patronymic, French-style + year-month) and 1 in 10 matching nobody; POST /v1/databank/search (limit 10, purpose stated, one operator token, rate limit lifted) on a gateway serving that archive, one at a time, after 50 untimed queries';

/**
 * Person search at scale: seeds `searchPersons` persons into the bank on SQLite and on
 * PostgreSQL, times queries in other spellings on each, and measures recall@10 and precision@3
 * on the labelled set.
 */
export async function runSearchPhase(ctx: BenchContext): Promise<SearchPhaseResult> {
  const persons = ctx.plan.searchPersons;
  const vocabulary = searchVocabulary();
  const queries = seedQueries(vocabulary, persons, ctx.plan.searchQueries);
  let memberRoundTrip: MemberRoundTripResult = { available: false, reason: 'not measured' };
  const sqlite = await searchOn(ctx, undefined, persons, vocabulary, queries, async () => {
    memberRoundTrip = await roundTripOrReason(ctx, queries);
  });
  const pg = await benchPostgres();
  const postgres = 'reason' in pg ? { reason: pg.reason } : await searchOn(ctx, pg, persons, vocabulary, queries);
  ctx.progress('search: recall@10 and precision@3 on the labelled set');
  const quality = await labelledQuality(ctx);
  ctx.progress(
    `search: recall@10 ${quality.recallAt10.toFixed(3)}, precision@3 ${quality.precisionAt3.toFixed(3)} (${quality.queries} queries)`,
  );
  return {
    method: SEARCH_METHOD,
    note:
      persons < FULL_SIZE
        ? `smaller bank (${persons.toLocaleString('en-US')} persons, not ${FULL_SIZE.toLocaleString('en-US')}): run with --search-persons=1000000 for the target`
        : undefined,
    engines: { sqlite, postgres },
    quality,
    memberRoundTrip,
  };
}

/** The member round trip through an agent, or why it could not be measured (the other figures stand). */
async function roundTripOrReason(ctx: BenchContext, queries: readonly SeedQuery[]): Promise<MemberRoundTripResult> {
  const bodies = queries.map((q) =>
    requestBody(q, { legalBasis: 'benchmark: fictitious legal basis', waitMs: ROUND_TRIP_WAIT_MS }),
  );
  try {
    return await measureMemberRoundTrip(ctx, bodies);
  } catch (e) {
    if (!(e instanceof BenchError)) throw e;
    ctx.progress(`search: member round trip not measured: ${e.message}`);
    return { available: false, reason: `not measured: ${e.message}` };
  }
}

/** The JSON body of POST /v1/databank/search (gateway or agent, `extra` for the agent) for a seeded query. */
function requestBody(q: SeedQuery, extra: Readonly<Record<string, unknown>> = {}): string {
  return JSON.stringify({
    names: q.names.map((n) => ({
      parts: (n.parts ?? []).map((p) => ({
        ...(p.type ? { type: PART_TYPE_NAMES[p.type] } : {}),
        value: p.value,
      })),
    })),
    ...(q.dateOfBirth === undefined ? {} : { dateOfBirth: q.dateOfBirth }),
    limit: 10,
    purpose: 'benchmark of the person search on fictitious persons',
    ...extra,
  });
}

const PART_TYPE_NAMES: Readonly<Record<number, string>> = {
  [atc.v1.NamePartType.NAME_PART_TYPE_FAMILY]: 'FAMILY',
  [atc.v1.NamePartType.NAME_PART_TYPE_GIVEN]: 'GIVEN',
  [atc.v1.NamePartType.NAME_PART_TYPE_PATRONYMIC]: 'PATRONYMIC',
};

async function searchOn(
  ctx: BenchContext,
  pg: TestDatabase | undefined,
  persons: number,
  vocabulary: ReturnType<typeof searchVocabulary>,
  queries: readonly SeedQuery[],
  /** Run while the gateway still serves the seeded bank, after the timed searches. */
  andThen?: () => Promise<void>,
): Promise<SearchTimings> {
  const engine = pg === undefined ? 'sqlite' : 'postgres';
  const dir = join(ctx.workDir, `search-${engine}`);
  await prepareGatewayDir(dir, ctx.federation);
  const path = join(dir, 'archive.db');
  const n = (x: number) => x.toLocaleString('en-US');
  try {
    const archive = await openArchive({
      location: pg === undefined ? { path } : { url: pg.url },
      gatewayId: 'ATC',
      logOrigin: 'atc-exchange/ATC',
      key: ctx.federation.gatewayKey,
      clock: () => Date.now(),
    });
    let seed: SearchSeed;
    try {
      ctx.progress(`search: seeding ${n(persons)} persons on ${engine} (bulk insert, not projected)`);
      seed = await seedSearchBank(archive.db, persons, vocabulary, (done) => {
        ctx.progress(`search: ${engine}: ${n(done)}/${n(persons)} persons seeded`);
      });
    } finally {
      await archive.close();
    }
    ctx.progress(
      `search: ${engine}: seeded ${n(persons)} persons, ${n(seed.tokens)} tokens, ${n(seed.skeletons)} skeletons in ${seed.seconds.toFixed(0)} s`,
    );
    const { token } = addToken(join(dir, 'tokens.json'), { name: 'bench-operator', role: 'operator' }, Date.now());
    // Earlier phases leave submissions no gateway took (the agent phase runs without one) and
    // inbox items nobody read: this gateway would archive the former, the agent read the latter.
    await ctx.jsm.streams.purge(Streams.submit).catch(() => undefined);
    await ctx.jsm.streams.purge(Streams.inbox, { filter: inboxSubject(ROUND_TRIP_MEMBER) }).catch(() => undefined);
    const gateway = await startService({
      kind: 'gateway',
      env: {
        ...gatewayEnvironment(ctx.childEnv, ctx.natsUrl, dir),
        ...(pg === undefined ? { ATC_ARCHIVE_PATH: path } : { ATC_ARCHIVE_URL: pg.url }),
        // The bench is one token asking as fast as it can: the per-token limit is not what is measured.
        ATC_SEARCH_RATE_PER_MINUTE: '1000000',
        ATC_SEARCH_RATE_BURST: '1000000',
        // Nor is the per-member limit of members' queries (the round trip is one member at 20/s).
        ATC_MEMBER_SEARCH_RATE_PER_MINUTE: '1000000',
        ATC_MEMBER_SEARCH_RATE_BURST: '1000000',
      },
      logDir: ctx.logDir,
      logName: `gateway-search-${engine}`,
    });
    const http = new HttpClient(gateway.url, { authorization: `Bearer ${token}` }, 1);
    try {
      const ask = async (q: SeedQuery) => {
        const res = await http.send('POST', '/v1/databank/search', requestBody(q));
        if (res.status !== 200) {
          throw new BenchError(
            BenchErrorCode.ServiceFailed,
            `POST /v1/databank/search on ${engine} answered ${res.status}: ${res.body.slice(0, 300)}`,
          );
        }
        return { ms: res.ms, hits: (JSON.parse(res.body) as { hits: { recordId: string }[] }).hits };
      };
      for (const q of queries.slice(0, 50)) await ask(q);
      const h = new Histogram();
      let found = 0;
      let lookedFor = 0;
      let noHitEmpty = 0;
      let noHitQueries = 0;
      ctx.progress(`search: ${engine}: ${queries.length} person searches through POST /v1/databank/search`);
      for (const q of queries) {
        const { ms, hits } = await ask(q);
        h.record(ms);
        if (q.person === undefined) {
          noHitQueries++;
          if (hits.length === 0) noHitEmpty++;
        } else {
          lookedFor++;
          if (hits.some((m) => m.recordId === q.person!.recordId)) found++;
        }
      }
      if (lookedFor > 0 && found === 0) {
        throw new BenchError(BenchErrorCode.Stalled, `no search on ${engine} found the seeded person it looked for`);
      }
      const latency = h.summary();
      ctx.progress(
        `search: ${engine}: p50 ${latency.p50Ms.toFixed(1)} ms, p95 ${latency.p95Ms.toFixed(1)} ms, p99 ${latency.p99Ms.toFixed(1)} ms; found ${found}/${lookedFor}, no-hit empty ${noHitEmpty}/${noHitQueries}`,
      );
      await andThen?.();
      return { ...seed, path: 'HTTP', queries: queries.length, latency, found, lookedFor, noHitEmpty, noHitQueries };
    } finally {
      http.close();
      await gateway.stop();
    }
  } finally {
    await pg?.drop();
  }
}

/**
 * recall@10 / precision@3 of the labelled set: its records written into a fresh SQLite bank
 * as the projection indexes them (recordProfile), searched by BankPersonSearcher.
 */
async function labelledQuality(ctx: BenchContext): Promise<SearchQuality> {
  const set = labelledSet();
  const archive = await openArchive({
    location: { path: join(ctx.workDir, 'search-quality.db') },
    gatewayId: 'ATC',
    logOrigin: 'atc-exchange/ATC',
    key: ctx.federation.gatewayKey,
    clock: () => Date.now(),
  });
  try {
    const rows = new SearchRows();
    set.records.forEach((r, i) => {
      rows.add(i, r.originator, r.recordId, recordProfile(r.record));
    });
    await rows.flush(archive.db);
    const person = new Map(set.records.map((r) => [`${r.originator}/${r.recordId}`, r.personId]));
    return await measureSearchQuality(new BankPersonSearcher(archive.db), set, (originator, recordId) =>
      person.get(`${originator}/${recordId}`),
    );
  } finally {
    await archive.close();
  }
}

import { join } from 'node:path';
import { DatabankSubjects, openArchive, type SubjectFilter } from '@atc/gateway';
import { PayloadType } from '@atc/shared';
import type { TestDatabase } from '@atc/tests';
import { bankTraffic } from './bank-traffic.js';
import { seedBank, type BankSeed } from './bank-seed.js';
import type { BenchContext } from './bench-context.js';
import { BenchError, BenchErrorCode } from './bench-error.js';
import { benchPostgres } from './databank-phase.js';
import { Histogram, type LatencySummary } from './histogram.js';
import { BENCH_MEMBERS, seededRandom } from './person-envelopes.js';

/** Dossier reads and subject listings timed on one engine. */
export interface BankReadTimings extends BankSeed {
  readonly dossier: LatencySummary;
  readonly listing: LatencySummary;
}

/** Dossier and listing timings per engine, or why they could not be taken. */
export type BankReadsResult =
  | {
      readonly available: true;
      readonly method: string;
      /** Set when the bank is smaller than the target's 1,000,000 records (quick runs). */
      readonly note: string | undefined;
      readonly sqlite: BankReadTimings;
      readonly postgres: BankReadTimings | { readonly reason: string };
    }
  | { readonly available: false; readonly reason: string };

const FULL_SIZE = 1_000_000;
/** Real signed PersonRecords the seeded messages carry in turn. */
const POOL = 1_000;

export const READS_METHOD =
  'bank bulk-inserted (not projected): records, versions, subjects, facets, listing keys and archived messages carrying real signed PersonRecords from a pool of 1,000; dossier = DatabankSubjects.dossier(subject) for random subjects (30% with three records from three members, content decoded from the archive); listing = DatabankSubjects.listSubjects, 50 per page, no filter / member / nationality / category + member, from a random updated-since; in process, after 100 untimed reads of each';

/**
 * Dossier reads and subject listings through the bank's query module on a bank of
 * `bankRecords` records from the ten members, seeded on SQLite and on PostgreSQL.
 */
export async function runBankReads(ctx: BenchContext): Promise<BankReadsResult> {
  const records = ctx.plan.bankRecords;
  const pool = bankTraffic(ctx.federation.memberKeys, POOL * 2, Date.now())
    .rows.filter((r) => r.payloadType === PayloadType.PersonRecord)
    .slice(0, POOL)
    .map((r) => r.envelope);
  const sqlite = await readsOn(ctx, undefined, records, pool);
  const pg = await benchPostgres();
  const postgres = 'reason' in pg ? { reason: pg.reason } : await readsOn(ctx, pg, records, pool);
  return {
    available: true,
    method: READS_METHOD,
    note:
      records < FULL_SIZE
        ? `smaller bank (${records.toLocaleString('en-US')} records, not ${FULL_SIZE.toLocaleString('en-US')}): run without --quick for the target`
        : undefined,
    sqlite,
    postgres,
  };
}

async function readsOn(
  ctx: BenchContext,
  pg: TestDatabase | undefined,
  records: number,
  pool: readonly Uint8Array[],
): Promise<BankReadTimings> {
  const engine = pg === undefined ? 'sqlite' : 'postgres';
  const archive = await openArchive({
    location: pg === undefined ? { path: join(ctx.workDir, 'databank-reads.db') } : { url: pg.url },
    gatewayId: 'ATC',
    logOrigin: 'atc-exchange/ATC',
    key: ctx.federation.gatewayKey,
    clock: () => Date.now(),
  });
  try {
    const n = (x: number) => x.toLocaleString('en-US');
    ctx.progress(`databank: seeding ${n(records)} records on ${engine} (bulk insert, not projected)`);
    const seed = await seedBank(archive.db, records, pool, (done) => {
      ctx.progress(`databank: ${engine}: ${n(done)}/${n(records)} records seeded`);
    });
    ctx.progress(`databank: ${engine}: seeded ${n(seed.subjects)} subjects in ${seed.seconds.toFixed(0)} s`);
    const subjects = new DatabankSubjects({ db: archive.db, reader: archive.reader, audit: archive.registry });
    const random = seededRandom(95);
    // Subject s as seeded: its id is its founder's leaf.
    const subjectId = (s: number) =>
      `S-${String(s < seed.linkedSubjects ? s * 3 : s - seed.linkedSubjects + seed.linkedSubjects * 3).padStart(12, '0')}`;
    const dossier = async (h?: Histogram) => {
      // Every third read a subject of three records, the others single ones, as seeded.
      const s =
        random() < 1 / 3
          ? Math.floor(random() * seed.linkedSubjects)
          : seed.linkedSubjects + Math.floor(random() * (seed.subjects - seed.linkedSubjects));
      const started = performance.now();
      const d = await subjects.dossier(subjectId(s));
      h?.record(performance.now() - started);
      if (d.dossier.length === 0 || d.dossier[0]!.content === null) {
        throw new BenchError(BenchErrorCode.Stalled, `seeded subject ${subjectId(s)} has no readable dossier`);
      }
    };
    const lastUpdate = Date.UTC(2026, 0, 1) + seed.subjects * 1000;
    const listing = async (h?: Histogram) => {
      const member = BENCH_MEMBERS[Math.floor(random() * BENCH_MEMBERS.length)]!;
      const since = Date.UTC(2026, 0, 1) + Math.floor(random() * (lastUpdate - Date.UTC(2026, 0, 1)));
      const filters: SubjectFilter[] = [
        { updatedSince: since },
        { member, updatedSince: since },
        { nationality: member, updatedSince: since },
        { category: 'person', member, updatedSince: since },
      ];
      const filter = filters[Math.floor(random() * filters.length)]!;
      const started = performance.now();
      const page = await subjects.listSubjects({ ...filter, limit: 50 });
      h?.record(performance.now() - started);
      if (page.subjects.length === 0 && since < lastUpdate - 100_000) {
        throw new BenchError(BenchErrorCode.Stalled, `listing ${JSON.stringify(filter)} found no seeded subject`);
      }
    };
    for (let i = 0; i < 100; i++) {
      await dossier();
      await listing();
    }
    const dossiers = new Histogram();
    const listings = new Histogram();
    ctx.progress(`databank: ${engine}: ${ctx.plan.bankQueries} dossier reads and subject listings`);
    for (let i = 0; i < ctx.plan.bankQueries; i++) {
      await dossier(dossiers);
      await listing(listings);
    }
    const result = { ...seed, dossier: dossiers.summary(), listing: listings.summary() };
    ctx.progress(
      `databank: ${engine}: dossier p95 ${result.dossier.p95Ms.toFixed(2)} ms, listing p95 ${result.listing.p95Ms.toFixed(2)} ms`,
    );
    return result;
  } finally {
    await archive.close();
    await pg?.drop();
  }
}

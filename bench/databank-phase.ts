import { join } from 'node:path';
import { batchWrite, DatabankProjection, openArchive, type ArchivedMessageRow } from '@atc/gateway';
import { createTestDatabase, type TestDatabase } from '@atc/tests';
import { bankTraffic, type BankTrafficMix } from './bank-traffic.js';
import type { BenchContext } from './bench-context.js';
import { runBankReads, type BankReadsResult } from './databank-reads.js';

/** The archive engines the bank is measured on. */
export type BankEngine = 'sqlite' | 'postgres';

/** A figure measured on one engine, or why it could not be. */
export type EngineFigure<T> =
  ({ readonly available: true } & T) | { readonly available: false; readonly reason: string };

/** The real projection catching up with an archive of signed records. */
export interface ProjectionRun {
  readonly entries: number;
  readonly seconds: number;
  /** Archive entries (records and withdrawals) applied per second. */
  readonly perSecond: number;
  /** Records the bank holds afterwards. */
  readonly records: number;
  /**
   * CPU time of this process per entry (all of the SQLite projection's work; on PostgreSQL the
   * server's share is not in it): what the rate would be on one core of its own, whatever else
   * the machine runs.
   */
  readonly cpuMsPerEntry: number;
}

/** What the databank phase measured. */
export interface DatabankPhaseResult {
  /** How the archive the projection reads was made. */
  readonly method: string;
  readonly mix: BankTrafficMix;
  readonly projection: Readonly<Record<BankEngine, EngineFigure<ProjectionRun>>>;
  /** Dossier reads and subject listings on a bank of `bankRecords` records. */
  readonly reads: BankReadsResult;
}

export const PROJECTION_METHOD =
  'PersonRecords (85% new, one in ten of them about a person another member reported first; 13% later versions of the same person, one in five adding a national id; 2% withdrawals) signed by 10 members, archived through the gateway archive (group committer, Merkle log), then DatabankProjection.catchUp() from leaf 0 in batches of up to 1,000 entries or 100 ms (records, versions and subject linking; on SQLite in a file of the bank alone, whose WAL the projection commits checkpoint, as in the gateway), timed';

/**
 * The data bank: the projection's throughput on SQLite and PostgreSQL (the real
 * {@link DatabankProjection} catching up with an archive of signed records from every member),
 * then dossier reads and subject listings on a bank of `databankRecords` records.
 */
export async function runDatabankPhase(ctx: BenchContext): Promise<DatabankPhaseResult> {
  const count = ctx.plan.databankEntries;
  ctx.progress(`databank: signing ${count.toLocaleString('en-US')} records and withdrawals from 10 members`);
  const { rows, mix } = bankTraffic(ctx.federation.memberKeys, count, Date.now(), ctx.plan.bankNames);
  const projection = {
    sqlite: await projectOn(ctx, 'sqlite', rows),
    postgres: await projectOn(ctx, 'postgres', rows),
  };
  const reads = await runBankReads(ctx);
  return { method: `${PROJECTION_METHOD}; names: ${ctx.plan.bankNames}`, mix, projection, reads };
}

/** A throwaway PostgreSQL database for the bench, or why there is none. */
export async function benchPostgres(): Promise<TestDatabase | { readonly reason: string }> {
  try {
    return await createTestDatabase();
  } catch (e) {
    return { reason: `no PostgreSQL server (${(e as Error).message.split('\n')[0]})` };
  }
}

async function projectOn(
  ctx: BenchContext,
  engine: BankEngine,
  rows: readonly ArchivedMessageRow[],
): Promise<EngineFigure<ProjectionRun>> {
  let pg: TestDatabase | undefined;
  if (engine === 'postgres') {
    const db = await benchPostgres();
    if ('reason' in db) return { available: false, reason: db.reason };
    pg = db;
  }
  const archive = await openArchive({
    location: pg === undefined ? { path: join(ctx.workDir, 'databank-projection.db') } : { url: pg.url },
    gatewayId: 'ATC',
    logOrigin: 'atc-exchange/ATC',
    key: ctx.federation.gatewayKey,
    clock: () => Date.now(),
  });
  try {
    ctx.progress(`databank: archiving ${rows.length.toLocaleString('en-US')} entries on ${engine}`);
    for (let i = 0; i < rows.length; i += 2_000) {
      await archive.committer.commit(batchWrite({ messages: rows.slice(i, i + 2_000) }));
    }
    // As in the gateway's bank thread: on SQLite its commits write the bank's own file, and
    // checkpoint that file's WAL as SQLite does by default.
    const projection = new DatabankProjection(archive.db, archive.reader);
    ctx.progress(`databank: projecting on ${engine}`);
    const started = performance.now();
    const cpu = process.cpuUsage();
    const entries = await projection.catchUp();
    const seconds = (performance.now() - started) / 1000;
    const { user, system } = process.cpuUsage(cpu);
    const cpuMsPerEntry = (user + system) / 1000 / entries;
    const { records } = await projection.status();
    ctx.progress(
      `databank: ${engine}: ${entries.toLocaleString('en-US')} entries in ${seconds.toFixed(1)} s = ${Math.round(entries / seconds).toLocaleString('en-US')}/s (${cpuMsPerEntry.toFixed(3)} ms CPU each)`,
    );
    return { available: true, entries, seconds, perSecond: entries / seconds, records, cpuMsPerEntry };
  } finally {
    await archive.close();
    await pg?.drop();
  }
}

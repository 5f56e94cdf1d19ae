import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { loadKeyFile } from '@atc/shared';
import { addToken, MerkleLog, MessageStore, openDatabase, SqliteDb } from '@atc/gateway';
import { fillArchive, fillLog, generatedMessageId } from './archive-fill.js';
import { timeMessageSearch, type SearchTiming } from './archive-search.js';
import { BenchError, BenchErrorCode } from './bench-error.js';
import type { BenchContext } from './bench-context.js';
import { gatewayEnvironment, prepareGatewayDir } from './bench-federation.js';
import { startService } from './bench-service.js';
import { Histogram, type LatencySummary } from './histogram.js';
import { HttpClient } from './http-client.js';
import { seededRandom } from './person-envelopes.js';

/** A timing that could be taken, or why not. */
export type ArchiveTiming =
  | { readonly available: true; readonly latency: LatencySummary }
  | { readonly available: false; readonly reason: string };

/** What the archive-at-scale phase measured. */
export interface ArchivePhaseResult {
  readonly messages: number;
  /** Quick runs use a smaller archive than the 1,000,000 of the target, and say so. */
  readonly note: string | undefined;
  readonly fillSeconds: number;
  readonly databaseMiB: number;
  readonly queries: number;
  /** MessageStore.messageDetail (message, deliveries, receipts) in the benchmark's process. */
  readonly lookupInProcess: LatencySummary;
  /** GET /v1/messages/{id} on a gateway serving that archive. */
  readonly lookupHttp: LatencySummary;
  readonly inclusionProof: ArchiveTiming;
  readonly consistencyProof: ArchiveTiming;
  /** GET /v1/messages pages over a mix of filter combinations (SQLite archive). */
  readonly search: SearchTiming;
}

const FULL_SIZE = 1_000_000;

/**
 * Archive at scale: builds an archive of `archiveSize` messages in the gateway's schema,
 * then times lookups by id (in process and over the gateway's HTTP API), where the gateway
 * serves them inclusion and consistency proofs, and message search pages, each over random
 * queries.
 */
export async function runArchivePhase(ctx: BenchContext): Promise<ArchivePhaseResult> {
  const { archiveSize: size, archiveQueries: queries } = ctx.plan;
  const dir = join(ctx.workDir, 'archive-at-scale');
  await prepareGatewayDir(dir, ctx.federation);
  const path = join(dir, 'archive.db');
  ctx.progress(`archive: generating ${size.toLocaleString('en-US')} archived messages`);
  const fillDb = openDatabase(path);
  let fillSeconds: number;
  try {
    fillSeconds = fillArchive(fillDb, size, (done) => {
      ctx.progress(`archive: ${done.toLocaleString('en-US')}/${size.toLocaleString('en-US')} generated`);
    });
    const key = await loadKeyFile(join(dir, 'gateway.jwk'));
    const archive = new SqliteDb(fillDb, path);
    const log = new MerkleLog(archive, { origin: 'atc-exchange/ATC', privateKey: key.privateKey });
    fillSeconds += await fillLog(archive, log, (done) => {
      ctx.progress(`archive: ${done.toLocaleString('en-US')}/${size.toLocaleString('en-US')} log leaves`);
    });
  } finally {
    fillDb.close();
  }
  const databaseMiB = (await stat(path)).size / 2 ** 20;
  const random = seededRandom(7);
  const ids = Array.from({ length: queries }, () => generatedMessageId(Math.floor(random() * size)));

  ctx.progress(`archive: ${queries} lookups by id in process`);
  const lookupInProcess = new Histogram();
  const db = new SqliteDb(openDatabase(path), path);
  try {
    const store = new MessageStore(db);
    for (const id of ids) {
      const started = performance.now();
      const detail = await store.messageDetail(id);
      lookupInProcess.record(performance.now() - started);
      if (detail?.deliveries.length !== 2 || detail.receipts.length !== 1) {
        throw new BenchError(BenchErrorCode.Stalled, `generated message ${id} is not in the archive as generated`);
      }
    }
  } finally {
    await db.close();
  }

  ctx.progress(`archive: ${queries} lookups over HTTP on a gateway serving the archive`);
  // Message details need an auditor's token (the data dir's default tokens file).
  const { token } = addToken(join(dir, 'tokens.json'), { name: 'bench-auditor', role: 'auditor' }, Date.now());
  const gateway = await startService({
    kind: 'gateway',
    env: gatewayEnvironment(ctx.childEnv, ctx.natsUrl, dir),
    logDir: ctx.logDir,
    logName: 'gateway-archive',
  });
  const http = new HttpClient(gateway.url, { authorization: `Bearer ${token}` }, 1);
  try {
    const lookupHttp = new Histogram();
    for (const id of ids) {
      const res = await http.send('GET', `/v1/messages/${id}`);
      if (res.status !== 200) {
        throw new BenchError(
          BenchErrorCode.ServiceFailed,
          `GET /v1/messages/${id} answered ${res.status}: ${res.body}`,
        );
      }
      lookupHttp.record(res.ms);
    }
    const proofs = await timeProofs(http, size, queries, random);
    ctx.progress(`archive: ${queries} message searches over HTTP (a mix of filters, each with its next page)`);
    const search = await timeMessageSearch(http, size, queries, random);
    return {
      messages: size,
      note:
        size < FULL_SIZE
          ? `smaller archive (${size.toLocaleString('en-US')} messages, not ${FULL_SIZE.toLocaleString('en-US')}): run without --quick for the target`
          : undefined,
      fillSeconds,
      databaseMiB,
      queries,
      lookupInProcess: lookupInProcess.summary(),
      lookupHttp: lookupHttp.summary(),
      ...proofs,
      search,
    };
  } finally {
    http.close();
    await gateway.stop();
  }
}

/**
 * Times inclusion and consistency proofs over the gateway's HTTP API, or says they are not
 * available when the gateway has no such route yet.
 */
async function timeProofs(
  http: HttpClient,
  size: number,
  queries: number,
  random: () => number,
): Promise<Pick<ArchivePhaseResult, 'inclusionProof' | 'consistencyProof'>> {
  const probe = await http.send('GET', '/v1/log/proof/inclusion?index=0&size=1');
  if (probe.status === 404 && probe.body.includes('ERR_NOT_FOUND') && probe.body.includes('No route')) {
    const reason = 'not available: this gateway serves no log proofs (GET /v1/log/proof/* answers 404)';
    return { inclusionProof: { available: false, reason }, consistencyProof: { available: false, reason } };
  }
  // The archive's log holds exactly the `size` generated messages (fillLog), so every index
  // below `size` has a proof.
  const time = async (path: (i: number) => string): Promise<ArchiveTiming> => {
    const h = new Histogram();
    for (let q = 0; q < queries; q++) {
      const res = await http.send('GET', path(Math.floor(random() * size)));
      if (res.status !== 200) {
        return { available: false, reason: `the gateway answered ${res.status}: ${res.body.slice(0, 200)}` };
      }
      h.record(res.ms);
    }
    return { available: true, latency: h.summary() };
  };
  return {
    inclusionProof: await time((i) => `/v1/log/proof/inclusion?index=${i}&size=${size}`),
    consistencyProof: await time((i) => `/v1/log/proof/consistency?first=${Math.max(1, i)}&second=${size}`),
  };
}

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { generateKeyPair, saveKeyFile, type KeyPair } from '@atc/shared';
import { openArchiveDb, Registry, type ArchiveLocation } from '@atc/gateway';
import { BENCH_MEMBERS } from './person-envelopes.js';

/** The keys of a benchmark federation: fresh for every run, never written outside its temp dir. */
export interface BenchFederation {
  readonly gatewayKey: KeyPair;
  readonly memberKeys: ReadonlyMap<string, KeyPair>;
}

/** Fresh random keys for the gateway and each bench member. */
export function createBenchFederation(members: readonly string[] = BENCH_MEMBERS): BenchFederation {
  return {
    gatewayKey: generateKeyPair(),
    memberKeys: new Map(members.map((m) => [m, generateKeyPair()])),
  };
}

/**
 * Prepares a gateway data dir as `atc-gateway init`, `members add` and `keys add` would:
 * the gateway key (0600) and every member with its public key in the registry of the archive
 * at `archive` (default: the dir's SQLite archive; a PostgreSQL one for its replicas).
 */
export async function prepareGatewayDir(
  dataDir: string,
  federation: BenchFederation,
  archive: ArchiveLocation = { path: join(dataDir, 'archive.db') },
): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await saveKeyFile(join(dataDir, 'gateway.jwk'), federation.gatewayKey);
  const db = await openArchiveDb(archive);
  try {
    const registry = new Registry(db);
    const actor = { who: 'bench', why: 'benchmark federation' };
    for (const [id, key] of federation.memberKeys) {
      await registry.addMember({ id, name: `Benchmark member ${id}`, kind: 'national' }, actor);
      // Valid from a minute ago: envelopes signed right after registration must pass.
      await registry.addKey(id, key.publicJwk, { validFrom: Date.now() - 60_000 }, actor);
    }
  } finally {
    await db.close();
  }
}

/** The environment of a gateway on `dataDir`: the bench's child environment plus its settings. */
export function gatewayEnvironment(
  childEnv: Readonly<Record<string, string>>,
  natsUrl: string,
  dataDir: string,
): Record<string, string> {
  return {
    ...childEnv,
    ATC_DATA_DIR: dataDir,
    ATC_NATS_URL: natsUrl,
    ATC_LOG_LEVEL: 'warn',
    // As the deploy files run it: the data bank's thread yields the CPU to the pipeline.
    ATC_DATABANK_NICE: '5',
  };
}

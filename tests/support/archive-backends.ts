import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ArchiveLocation } from '@atc/gateway';
import { createTestDatabase } from './postgres.js';

/** A fresh, empty archive location of one backend, removed by `dispose`. */
export interface TestArchiveLocation extends AsyncDisposable {
  readonly location: ArchiveLocation;
  dispose(): Promise<void>;
}

/** One archive backend the archive suites run against. */
export interface ArchiveBackend {
  readonly name: 'sqlite' | 'postgres';
  /** A new empty archive: a SQLite file in a temporary folder, or a throwaway PostgreSQL database. */
  create(): Promise<TestArchiveLocation>;
}

function disposable(location: ArchiveLocation, dispose: () => Promise<void>): TestArchiveLocation {
  return { location, dispose, [Symbol.asyncDispose]: dispose };
}

/** SQLite (the default) and PostgreSQL (the local server, or a container where there is none). */
export const ARCHIVE_BACKENDS: readonly ArchiveBackend[] = [
  {
    name: 'sqlite',
    async create() {
      const dir = await mkdtemp(join(tmpdir(), 'atc-archive-'));
      return disposable({ path: join(dir, 'archive.db') }, () => rm(dir, { recursive: true, force: true }));
    },
  },
  {
    name: 'postgres',
    async create() {
      const database = await createTestDatabase();
      return disposable({ url: database.url }, () => database.drop());
    },
  },
];

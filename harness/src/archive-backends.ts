import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from './postgres.js';

/** Where an archive is: a SQLite file or a PostgreSQL URL (the shape the gateway's `ArchiveLocation` accepts). */
export type TestArchiveKind = { readonly path: string } | { readonly url: string };

/** A fresh, empty archive location of one backend, removed by `dispose`. */
export interface TestArchiveLocation extends AsyncDisposable {
  readonly location: TestArchiveKind;
  /** Environment settings that point a gateway or the CLI at this archive. */
  readonly env: Readonly<Record<string, string>>;
  /** An independent copy of the archive as it is now (no connection may be open to it). */
  copy(): Promise<TestArchiveLocation>;
  dispose(): Promise<void>;
}

/** One archive backend the archive suites run against. */
export interface ArchiveBackend {
  readonly name: 'sqlite' | 'postgres';
  /** A new empty archive: a SQLite file in a temporary folder, or a throwaway PostgreSQL database. */
  create(): Promise<TestArchiveLocation>;
}

function sqliteAt(dir: string): TestArchiveLocation {
  const path = join(dir, 'archive.db');
  const dispose = () => rm(dir, { recursive: true, force: true });
  return {
    location: { path },
    env: { ATC_ARCHIVE_PATH: path },
    async copy() {
      const copy = sqliteAt(await mkdtemp(join(tmpdir(), 'atc-archive-')));
      await copyFile(path, (copy.location as { path: string }).path);
      return copy;
    },
    dispose,
    [Symbol.asyncDispose]: dispose,
  };
}

function postgresAt(database: TestDatabase): TestArchiveLocation {
  const dispose = () => database.drop();
  return {
    location: { url: database.url },
    env: { ATC_ARCHIVE_URL: database.url },
    async copy() {
      return postgresAt(await createTestDatabase({ template: database.name }));
    },
    dispose,
    [Symbol.asyncDispose]: dispose,
  };
}

/** SQLite (the default) and PostgreSQL (the local server, or a container where there is none). */
export const ARCHIVE_BACKENDS: readonly ArchiveBackend[] = [
  {
    name: 'sqlite',
    async create() {
      return sqliteAt(await mkdtemp(join(tmpdir(), 'atc-archive-')));
    },
  },
  {
    name: 'postgres',
    async create() {
      return postgresAt(await createTestDatabase());
    },
  },
];

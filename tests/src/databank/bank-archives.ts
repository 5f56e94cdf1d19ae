import { afterEach } from 'vitest';
import {
  batchWrite,
  DatabankProjection,
  DatabankSubjects,
  openArchive,
  type Archive,
  type ArchivedMessageRow,
} from '@atc/gateway';
import { generateKeyPair } from '@atc/shared';
import { FIXTURE_TIME } from '@atc/shared/testing';
import type { ArchiveBackend, TestArchiveLocation } from '@atc/tests';

/**
 * Opens archives on one fresh location per test of `backend` (a SQLite file or a throwaway
 * PostgreSQL database); every `open()` in a test is another connection to the same archive.
 * After each test the archives are closed and the location disposed. Call it in a `describe`.
 */
export function bankArchives(
  backend: ArchiveBackend,
  clock: () => number = () => FIXTURE_TIME,
): (() => Promise<Archive>) & { readonly location: () => TestArchiveLocation | undefined } {
  let location: TestArchiveLocation | undefined;
  const archives: Archive[] = [];
  afterEach(async () => {
    for (const a of archives.splice(0)) await a.close();
    await location?.dispose();
    location = undefined;
  });
  const open = async (): Promise<Archive> => {
    location ??= await backend.create();
    const archive = await openArchive({
      location: location.location,
      gatewayId: 'ATC',
      logOrigin: 'atc-exchange/test',
      key: generateKeyPair(),
      clock,
    });
    archives.push(archive);
    return archive;
  };
  /** The archive's location in this test (after the first `open()`), e.g. for a second connection made elsewhere. */
  return Object.assign(open, { location: () => location });
}

/**
 * A bank over `archive` as the tests drive it: the projection, the subjects' queries, and
 * `project` (archive rows, then catch up; resolves to the entries applied).
 */
export function bankOn(archive: Archive) {
  const projection = new DatabankProjection(archive.db, archive.reader);
  const subjects = new DatabankSubjects({ db: archive.db, reader: archive.reader, audit: archive.registry });
  const project = async (rows: readonly ArchivedMessageRow[]): Promise<number> => {
    if (rows.length > 0) await archive.committer.commit(batchWrite({ messages: [...rows] }));
    return projection.catchUp();
  };
  return { archive, projection, subjects, project };
}

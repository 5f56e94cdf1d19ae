import { afterEach } from 'vitest';
import { openArchive, type Archive } from '@atc/gateway';
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

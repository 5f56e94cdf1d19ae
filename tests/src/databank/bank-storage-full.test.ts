// The data bank's thread on a disk that fills up (SQLite: the bank's file on a small tmpfs; the
// archive already holds the entries): each run that cannot write is counted as a storage failure
// with its code and rolled back, the thread keeps trying, and once space is back it applies every
// entry once, as a rebuild does.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { batchWrite, DatabankProjection, DatabankProjectionThread, dumpDatabank, openArchive } from '@atc/gateway';
import { generateKeyPair, type StorageFailure } from '@atc/shared';
import { FIXTURE_TIME } from '@atc/shared/testing';
import { capturingLogger, mountSmallDiskOrSkip, waitFor } from '@atc/tests';
import { person } from './bank-rows.js';

describe("the data bank's thread on a full disk (SQLite)", () => {
  it('counts each run that cannot write as a storage failure, keeps trying, then applies every entry once', async (ctx) => {
    // Room for the archive, the bank and the rebuild below once the filler is gone.
    const disk = await mountSmallDiskOrSkip('64m', (why) => {
      ctx.skip(why);
    });
    const path = join(disk.path, 'archive.db');
    let clock = FIXTURE_TIME;
    const archive = await openArchive({
      location: { path },
      gatewayId: 'ATC',
      logOrigin: 'atc-exchange/test',
      key: generateKeyPair(),
      clock: () => ++clock,
    });
    const failures: StorageFailure['code'][] = [];
    const lines: string[] = [];
    const projector = () =>
      new DatabankProjectionThread({
        location: { path },
        everyMs: 50,
        logger: capturingLogger('atc-gateway-test', lines),
        onStorageFailure: (code) => failures.push(code),
      });
    const projection = new DatabankProjection(archive.db, archive.reader);
    const caughtUp = (message: string) =>
      waitFor(async () => (await projection.lag()).lag === 0, { timeoutMs: 30_000, intervalMs: 50, message });
    let thread: DatabankProjectionThread | undefined;
    try {
      await archive.committer.commit(
        batchWrite({ messages: Array.from({ length: 10 }, (_, i) => person('KZ', i + 1, `KZ-P-${i + 1}`, 1)) }),
      );
      thread = projector();
      await thread.start();
      await caughtUp('the first entries applied');
      await thread.stop();
      // More than the bank's write-ahead log can take in the frames it has: its file must grow.
      const later = Array.from({ length: 400 }, (_, i) => person('BY', i + 11, `BY-P-${i + 1}`, 1));
      await archive.committer.commit(batchWrite({ messages: later }));
      await disk.fill();
      thread = projector();
      await thread.start();
      await waitFor(() => failures.length >= 2, { timeoutMs: 30_000, message: 'two runs failed for want of space' });
      expect(new Set(failures)).toEqual(new Set(['ERR_STORAGE_FULL']));
      expect((await projection.lag()).lag).toBeGreaterThan(0);
      expect(lines.join('')).toMatch(/SQLITE_FULL/);

      await disk.free();
      await caughtUp('every entry applied once space is back');
      expect((await projection.status()).records).toBe(410);
      const live = await dumpDatabank(archive.db);
      await thread.stop();
      await projection.clear();
      await projection.catchUp();
      expect(await dumpDatabank(archive.db)).toEqual(live);
    } finally {
      await thread?.stop();
      await archive.close();
      await disk.dispose();
    }
  }, 120_000);
});

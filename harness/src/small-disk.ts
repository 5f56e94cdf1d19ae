import { execFile } from 'node:child_process';
import { mkdtemp, open, rm, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const CHUNK = Buffer.alloc(64 * 1024);
const PAGE = Buffer.alloc(4096);

/** A small filesystem of its own (a tmpfs) that a test can fill up and free again. */
export interface SmallDisk extends AsyncDisposable {
  /** Where it is mounted. */
  readonly path: string;
  /** Fills every free byte with a filler file, until the filesystem answers ENOSPC. */
  fill(): Promise<void>;
  /** Removes the filler: the space is back. */
  free(): Promise<void>;
  /** Unmounts it and removes the mount point. Idempotent. */
  dispose(): Promise<void>;
}

/**
 * Mounts a tmpfs of `size` (e.g. `16m`) on a fresh folder: as root only. Resolves to the
 * reason instead when mounting is refused (not root, no mount permission in a container), so
 * the caller can skip with it; always dispose of a disk it got, even when the test fails.
 */
export async function mountSmallDisk(size: string): Promise<SmallDisk | { readonly refused: string }> {
  const path = await mkdtemp(join(tmpdir(), 'atc-small-disk-'));
  try {
    await run('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', path]);
  } catch (e) {
    await rmdir(path);
    return { refused: `cannot mount a ${size} tmpfs (${(e as Error).message.trim()}); a full disk needs root` };
  }
  const filler = join(path, 'filler');
  let mounted = true;
  const dispose = async (): Promise<void> => {
    if (!mounted) return;
    mounted = false;
    // Lazily: a database still open on it must not keep it mounted.
    await run('umount', ['-l', path]);
    await rmdir(path);
  };
  return {
    path,
    async fill() {
      // Large chunks, then pages (tmpfs counts in pages) for what the last chunk left.
      for (const chunk of [CHUNK, PAGE]) {
        const file = await open(filler, 'a');
        try {
          for (;;) await file.write(chunk);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
        } finally {
          await file.close();
        }
      }
    },
    async free() {
      await rm(filler, { force: true });
    },
    dispose,
    [Symbol.asyncDispose]: dispose,
  };
}

/**
 * {@link mountSmallDisk} for a test that cannot run without one: where mounting is refused,
 * the test is skipped with the reason (`skip` is the test context's, which ends the test).
 */
export async function mountSmallDiskOrSkip(size: string, skip: (note: string) => void): Promise<SmallDisk> {
  const disk = await mountSmallDisk(size);
  if ('refused' in disk) {
    skip(disk.refused);
    // Not reached under vitest, whose skip() throws; any other runner fails the test instead.
    throw new Error(disk.refused);
  }
  return disk;
}

import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../errors/atc-error.js';
import { StorageHealth } from './storage-health.js';

const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });

describe('StorageHealth', () => {
  it('is unwritable from a storage failure until a write succeeds, and counts each failure', async () => {
    const seen: string[] = [];
    const recovered: number[] = [];
    const health = new StorageHealth({
      name: 'the archive',
      onFailure: (f) => seen.push(f.code),
      onRecovery: (ms) => recovered.push(ms),
    });
    expect(await health.state()).toEqual({ writable: true, reason: undefined, code: undefined });
    expect(health.failed(new TypeError('a bug'))).toBeUndefined();
    expect((await health.state()).writable).toBe(true);
    expect(health.failed(full)?.code).toBe(ErrorCode.STORAGE_FULL);
    const down = await health.state();
    expect(down).toMatchObject({ writable: false, code: ErrorCode.STORAGE_FULL });
    expect(down.reason).toMatch(/^the archive cannot write since .* \(ERR_STORAGE_FULL\); it retries by itself/);
    expect(down.reason).not.toContain('database or disk is full');
    health.succeeded();
    expect((await health.state()).writable).toBe(true);
    expect(seen).toEqual([ErrorCode.STORAGE_FULL]);
    expect(recovered).toHaveLength(1);
  });

  it('is unwritable while the disk has less than the reserve free, and probes its way back', async () => {
    const short = new StorageHealth({ name: 'the outbox', folder: tmpdir(), reserveBytes: Number.MAX_SAFE_INTEGER });
    expect(await short.state()).toMatchObject({ writable: false, code: ErrorCode.STORAGE_FULL });

    let probeFails = true;
    const health = new StorageHealth({
      name: 'the outbox',
      folder: tmpdir(),
      reserveBytes: 1,
      probe: () => {
        if (probeFails) throw full;
      },
    });
    health.failed(full);
    expect((await health.state()).writable).toBe(false);
    probeFails = false;
    expect((await health.state()).writable).toBe(true);
  });

  it('reads the free space at most once per max age, shares a reading under way, and reads again after a failure', async () => {
    let clock = 1_000;
    const disk = fakeDisk(10);
    const health = disk.health(() => clock);
    const [a, b] = await Promise.all([health.freeBytes(), health.freeBytes()]);
    expect([a, b, disk.calls]).toEqual([40_960, 40_960, 1]);
    disk.bavail = 1;
    clock += 249;
    expect((await health.state()).writable).toBe(true);
    expect(disk.calls).toBe(1);
    clock += 1;
    expect(await health.state()).toMatchObject({ writable: false, code: ErrorCode.STORAGE_FULL });
    expect(disk.calls).toBe(2);
    disk.bavail = 10;
    health.failed(full);
    health.succeeded();
    expect((await health.state()).writable).toBe(true);
    expect(disk.calls).toBe(3);
  });

  it('reads the free space afresh when asked, for readiness, and keeps that reading for the writers', async () => {
    const disk = fakeDisk(10);
    const health = disk.health(() => 1_000);
    expect((await health.state()).writable).toBe(true);
    disk.bavail = 1;
    expect((await health.state()).writable).toBe(true);
    expect(await health.state({ fresh: true })).toMatchObject({ writable: false, code: ErrorCode.STORAGE_FULL });
    expect(await health.state()).toMatchObject({ writable: false, code: ErrorCode.STORAGE_FULL });
    expect(disk.calls).toBe(2);
  });

  it('does not keep a failed reading of the free space', async () => {
    let fail = true;
    let calls = 0;
    const health = new StorageHealth({
      name: 'the archive',
      folder: tmpdir(),
      statfs: () => {
        calls++;
        return fail ? Promise.reject(new Error('EIO')) : Promise.resolve({ bavail: 1, bsize: 1 });
      },
    });
    await expect(health.freeBytes()).rejects.toThrow('EIO');
    fail = false;
    expect(await health.freeBytes()).toBe(1);
    expect(calls).toBe(2);
  });
});

/** A filesystem whose free blocks (of 4 KiB) the test sets, counting the readings; its health keeps 5 blocks in reserve. */
function fakeDisk(bavail: number): { bavail: number; calls: number; health: (now: () => number) => StorageHealth } {
  const disk = {
    bavail,
    calls: 0,
    health: (now: () => number) =>
      new StorageHealth({
        name: 'the outbox',
        folder: tmpdir(),
        reserveBytes: 5 * 4096,
        now,
        freeSpaceMaxAgeMs: 250,
        statfs: async () => {
          disk.calls++;
          await Promise.resolve();
          return { bavail: disk.bavail, bsize: 4096 };
        },
      }),
  };
  return disk;
}

// The gauges the gateway reads from its archive before each scrape (both engines): log size,
// the newest checkpoint's age, how long each witness's cosignature has been waited for, the
// archive's size and, for SQLite, its disk's free space.
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bankPathOf, batchWrite, GatewayMetrics, refreshArchiveGauges, type Archive } from '@atc/gateway';
import { Duration, StorageHealth } from '@atc/shared';
import { FIXTURE_TIME } from '@atc/shared/testing';
import { ARCHIVE_BACKENDS } from '@atc/tests';
import { bankArchives } from '../databank/bank-archives.js';
import { version } from '../databank/purge-rows.js';

const NOW = FIXTURE_TIME + 20 * Duration.minute;

/** The value of one series in the registry's text, or undefined when it is absent. */
async function value(metrics: GatewayMetrics, series: string): Promise<number | undefined> {
  const text = await metrics.registry.metrics();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe.each(ARCHIVE_BACKENDS)('archive gauges on $name', { timeout: 60_000 }, (backend) => {
  const open = bankArchives(backend);

  async function refresh(archive: Archive, metrics: GatewayMetrics): Promise<void> {
    const folder = archive.db.dialect === 'sqlite' ? dirname(archive.db.location) : undefined;
    await refreshArchiveGauges(metrics, {
      db: archive.db,
      log: archive.log,
      storage: new StorageHealth({ name: 'the archive', folder }),
      folder,
      witnesses: () => Promise.resolve(['BY', 'KZ']),
      now: NOW,
    });
  }

  it('report an empty log as empty, and the archive as taking room', async () => {
    const archive = await open();
    const metrics = new GatewayMetrics();
    await refresh(archive, metrics);
    expect(await value(metrics, 'atc_gateway_log_entries')).toBe(0);
    expect(await value(metrics, 'atc_gateway_checkpoint_age_seconds')).toBe(0);
    expect(await value(metrics, 'atc_gateway_witness_cosignature_wait_seconds{witness="KZ"}')).toBe(0);
    expect(await value(metrics, 'atc_gateway_archive_bytes')).toBeGreaterThan(0);
    if (archive.db.dialect === 'sqlite') {
      // Both files count: the archive's and the data bank's beside it.
      const bank = bankPathOf(archive.db.location);
      expect(await value(metrics, 'atc_gateway_archive_bytes')).toBeGreaterThanOrEqual(
        statSync(archive.db.location).size + statSync(bank).size,
      );
      expect(statSync(bank).size).toBeGreaterThan(0);
    }
  });

  it('report the log size, the checkpoint age and what each witness has left to cosign', async () => {
    const archive = await open();
    await archive.committer.commit(batchWrite({ messages: [version('KZ', 1, 'KZ-P-TEST0001', 1, ['BY']).row] }));
    await archive.committer.commit(batchWrite({ messages: [version('KZ', 2, 'KZ-P-TEST0002', 1, ['BY']).row] }));
    const sizes = await archive.db.all<{ tree_size: number; created_at: number }>(
      'SELECT tree_size, created_at FROM checkpoints ORDER BY tree_size',
    );
    expect(sizes.length).toBe(2);
    await archive.db.run(
      'INSERT INTO cosignatures (tree_size, witness, line, signed_at, received_at) VALUES (?, ?, ?, ?, ?)',
      [sizes[1]!.tree_size, 'BY', '— BY dGVzdA==', FIXTURE_TIME, FIXTURE_TIME],
    );
    const metrics = new GatewayMetrics();
    await refresh(archive, metrics);
    expect(await value(metrics, 'atc_gateway_log_entries')).toBe(2);
    expect(await value(metrics, 'atc_gateway_checkpoint_age_seconds')).toBe((NOW - sizes[1]!.created_at) / 1000);
    // BY cosigned the newest checkpoint; KZ never cosigned, so the oldest checkpoint waits for it.
    expect(await value(metrics, 'atc_gateway_witness_cosignature_wait_seconds{witness="BY"}')).toBe(0);
    expect(await value(metrics, 'atc_gateway_witness_never_cosigned{witness="BY"}')).toBe(0);
    expect(await value(metrics, 'atc_gateway_witness_cosignature_wait_seconds{witness="KZ"}')).toBe(
      (NOW - sizes[0]!.created_at) / 1000,
    );
    expect(await value(metrics, 'atc_gateway_witness_never_cosigned{witness="KZ"}')).toBe(1);
  });

  it('report the free space of a SQLite archive disk, and none for PostgreSQL', async () => {
    const archive = await open();
    const metrics = new GatewayMetrics();
    await refresh(archive, metrics);
    const text = await metrics.registry.metrics();
    const free = /^atc_gateway_archive_disk_free_bytes\{folder="[^"]+"\} (\d+)$/m.exec(text);
    if (archive.db.dialect === 'sqlite') expect(Number(free?.[1])).toBeGreaterThan(0);
    else expect(free).toBeNull();
  });
});

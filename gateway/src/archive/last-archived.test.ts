import { afterEach, describe, expect, it } from 'vitest';
import { ARCHIVE_BACKENDS, type TestArchiveLocation } from '@atc/harness';
import { openArchiveDb } from '../db/open-database.js';
import type { SqlDb } from '../db/sql-db.js';
import { lastArchivedAt } from './last-archived.js';

/** A messages row with what the query reads; the rest filled in. */
async function archived(db: SqlDb, seq: number, sender: string, archivedAt: number, exercise: 0 | 1): Promise<void> {
  await db.run(
    `INSERT INTO messages (message_id, sender, payload_type, created_at, archived_at, tlp, urgency, broadcast,
       exercise, sender_sequence, kid, envelope, envelope_sha256, leaf_index)
     VALUES (?, ?, 'atc.v1.Notice', ?, ?, 1, 1, 0, ?, ?, 'k', ?, ?, ?)`,
    [`m-${seq}`, sender, archivedAt, archivedAt, exercise, seq, Buffer.from([seq]), Buffer.alloc(32, seq), seq],
  );
}

describe('a member’s last archived message', () => {
  const made: TestArchiveLocation[] = [];
  afterEach(async () => {
    for (const m of made.splice(0)) await m.dispose();
  });

  it.each(ARCHIVE_BACKENDS)('is the newest of either namespace, null for none ($name)', async (backend) => {
    const at = await backend.create();
    made.push(at);
    const db = await openArchiveDb(at.location);
    try {
      expect(await lastArchivedAt(db, 'KZ')).toBeNull();
      await archived(db, 1, 'KZ', 1_000, 0);
      await archived(db, 2, 'KZ', 3_000, 1);
      await archived(db, 3, 'BY', 5_000, 0);
      await archived(db, 4, 'BY', 4_000, 1);
      await archived(db, 5, 'KZ', 2_000, 0);
      // The exercise message is KZ's newest; BY's newest is operational; RU sent nothing.
      expect(await lastArchivedAt(db, 'KZ')).toBe(3_000);
      expect(await lastArchivedAt(db, 'BY')).toBe(5_000);
      expect(await lastArchivedAt(db, 'RU')).toBeNull();
    } finally {
      await db.close();
    }
  });
});

import type { SqlDb } from '../db/sql-db.js';

/**
 * When the last message `member` sent was archived (Unix ms), or null when none was: the
 * newest entry of each namespace in messages_search_sender (exercise, sender, archived_at, ...),
 * two index lookups whatever the archive's size. An index of its own (sender, archived_at) cost
 * a page write per message at every commit (migration 22 drops it).
 */
export async function lastArchivedAt(db: SqlDb, member: string): Promise<number | null> {
  const last = await db.get<{ t: number | null }>(
    `SELECT max(t) AS t FROM (
       SELECT max(archived_at) AS t FROM messages WHERE exercise = 0 AND sender = ?
       UNION ALL SELECT max(archived_at) AS t FROM messages WHERE exercise = 1 AND sender = ?) last`,
    [member, member],
  );
  return last?.t ?? null;
}

import type { Db, MerkleLog, SqliteDb } from '@atc/gateway';

/** Time of the first generated message (2026-01-01T00:00:00Z); message i is i ms later. */
const FIRST_MS = Date.UTC(2026, 0, 1);

/** Sender of generated message i, and its two recipients, as SQL over the seed members. */
const MEMBERS_SQL = "'AZAMBYKZKGMDRUTJTMUZ'";

/**
 * The UUIDv7 of generated message `i`: time-ordered like real ids (so the unique index grows
 * at its end, as it does in production), and unique through the counter in the last group.
 */
export function generatedMessageId(i: number): string {
  const ms = (FIRST_MS + i).toString(16).padStart(12, '0');
  const randA = (i % 4096).toString(16).padStart(3, '0');
  const variant = (0x8000 + (i % 16384)).toString(16);
  return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${randA}-${variant}-${i.toString(16).padStart(12, '0')}`;
}

/** The same id as {@link generatedMessageId} in SQL over a column `i`; `space` keeps receipt ids apart. */
function uuidSql(space = 0): string {
  const ms = `printf('%012x', ${FIRST_MS} + i)`;
  return `(substr(${ms}, 1, 8) || '-' || substr(${ms}, 9, 4) || '-7' || printf('%03x', i % 4096) || '-'
    || printf('%04x', 32768 + i % 16384) || '-' || printf('%012x', i + ${space}))`;
}

/** Receipt ids live above 2^44 in the counter group, apart from message ids. */
const RECEIPT_SPACE = 2 ** 44;

/**
 * Writes `count` archived messages, each with two routed-and-delivered recipients and its
 * ACCEPTED receipt, straight into the gateway's own schema with INSERT ... SELECT (no
 * pipeline: this builds the archive the lookups are timed on). Envelopes are 1-2 KB of random
 * bytes, the size of real ones. Returns the seconds it took.
 */
export function fillArchive(db: Db, count: number, onProgress: (done: number) => void): number {
  const started = performance.now();
  // Bulk load only: the timed lookups later open the archive with the gateway's own settings.
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const base =
    db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'messages'").get()?.seq ?? 0;
  const CHUNK = 100_000;
  for (let from = 0; from < count; from += CHUNK) {
    const to = Math.min(count, from + CHUNK) - 1;
    db.transaction(() => {
      db.prepare(
        `WITH RECURSIVE n(i) AS (SELECT CAST(? AS INTEGER) UNION ALL SELECT i + 1 FROM n WHERE i < ?)
         INSERT INTO messages (message_id, sender, payload_type, created_at, archived_at, tlp, urgency, broadcast, exercise,
           correlation_id, in_reply_to, sender_sequence, kid, envelope, envelope_sha256)
         SELECT ${uuidSql()}, substr(${MEMBERS_SQL}, (i % 10) * 2 + 1, 2), 'atc.v1.PersonRecord',
           ${FIRST_MS} + i, ${FIRST_MS} + i + 40, 3, 3, 0, 1, NULL, NULL, i / 10 + 1,
           'bench-generated-' || (i % 10), randomblob(1024 + abs(random() % 1024)), randomblob(32)
         FROM n`,
      ).run(from, to);
      for (const offset of [1, 2]) {
        db.prepare(
          `INSERT INTO deliveries (message_id, recipient, state, routed_at, delivered_at, ack_message_id)
           SELECT message_id, substr(${MEMBERS_SQL}, ((seq - ${base} - 1 + ${offset}) % 10) * 2 + 1, 2), 'delivered',
             archived_at + 5, archived_at + 900, NULL
           FROM messages WHERE seq BETWEEN ? AND ?`,
        ).run(base + from + 1, base + to + 1);
      }
      db.prepare(
        `INSERT INTO receipts (receipt_id, message_id, member, status, recipient, reason, envelope, created_at, published_at)
         SELECT ${uuidSql(RECEIPT_SPACE)}, message_id, sender, 'accepted', NULL, NULL, randomblob(320), archived_at, archived_at + 3
         FROM (SELECT seq - ${base} - 1 AS i, message_id, sender, archived_at FROM messages WHERE seq BETWEEN ? AND ?)`,
      ).run(base + from + 1, base + to + 1);
    })();
    onProgress(to + 1);
  }
  db.pragma('synchronous = FULL');
  return (performance.now() - started) / 1000;
}

/**
 * Makes the generated messages the archive log's leaves, in the order they were written,
 * through the gateway's own log code: a leaf and its completed subtrees per message, and a
 * signed checkpoint per chunk, as the group commit does. Returns the seconds it took.
 */
export async function fillLog(archive: SqliteDb, log: MerkleLog, onProgress: (done: number) => void): Promise<number> {
  const started = performance.now();
  const db = archive.connection;
  db.pragma('synchronous = OFF');
  db.prepare('UPDATE messages SET leaf_index = seq - (SELECT min(seq) FROM messages) WHERE leaf_index IS NULL').run();
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM messages').get()?.n ?? 0;
  const read = db.prepare<[number, number], { envelope: Buffer }>(
    'SELECT envelope FROM messages WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index',
  );
  const CHUNK = 50_000;
  for (let from = await log.size(); from < count; from += CHUNK) {
    const envelopes = read.all(from, from + CHUNK).map((r) => r.envelope);
    await archive.transaction(() => log.appendWithinTransaction(envelopes), { write: true });
    onProgress(Math.min(count, from + CHUNK));
  }
  db.pragma('synchronous = FULL');
  return (performance.now() - started) / 1000;
}

import { openDatabase } from '@atc/gateway';

/** The members of the seeded archive: message i is sent by member i % 5 to the next two. */
export const SEED_MEMBERS = ['KZ', 'BY', 'RU', 'UZ', 'KG'] as const;

/** What {@link seedMessageArchive} wrote. */
export interface SeededArchive {
  readonly count: number;
  /** Archive time of message 0 (Unix ms); message i is i seconds later. */
  readonly firstArchivedAt: number;
  readonly seconds: number;
}

const MEMBERS_SQL = `'${SEED_MEMBERS.join('')}'`;
const member = (offset: string): string => `substr(${MEMBERS_SQL}, ((i + ${offset}) % 5) * 2 + 1, 2)`;

/**
 * The UUIDv7 of seeded message i over a column `i` (time-ordered, unique by the counter in its
 * last group), the scheme of bench/archive-fill.ts.
 */
function uuidSql(firstMs: number): string {
  const ms = `printf('%012x', ${firstMs} + i)`;
  return `(substr(${ms}, 1, 8) || '-' || substr(${ms}, 9, 4) || '-7' || printf('%03x', i % 4096) || '-'
    || printf('%04x', 32768 + i % 16384) || '-' || printf('%012x', i))`;
}

/**
 * Writes `count` archived operational messages straight into a SQLite archive in the gateway's
 * own schema (creating it), with INSERT ... SELECT, before a gateway opens it: no pipeline, so
 * that a browser test can page through 100,000 messages after a few seconds of set-up. Every
 * tenth message is an IncidentReport (the rest PersonRecords); each has two recipients,
 * delivered, except that message i's first copy is only routed when i % 40 == 7 and its second
 * copy still pending when i % 97 == 3. Envelopes are random bytes: these rows are for search,
 * which reads metadata only.
 */
export function seedMessageArchive(path: string, count: number, firstArchivedAt: number): SeededArchive {
  const started = performance.now();
  const db = openDatabase(path);
  try {
    db.pragma('synchronous = OFF');
    db.transaction(() => {
      db.prepare(
        `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1)
         INSERT INTO messages (message_id, sender, payload_type, created_at, archived_at, tlp, urgency, broadcast,
           exercise, correlation_id, in_reply_to, sender_sequence, kid, envelope, envelope_sha256)
         SELECT ${uuidSql(firstArchivedAt)}, ${member('0')},
           CASE WHEN i % 10 = 0 THEN 'atc.v1.IncidentReport' ELSE 'atc.v1.PersonRecord' END,
           ? + i * 1000 - 40, ? + i * 1000, 2, 3, 0, 0, NULL, NULL, i / 5 + 1, 'seed-' || ${member('0')},
           randomblob(200 + i % 300), randomblob(32)
         FROM n`,
      ).run(count, firstArchivedAt, firstArchivedAt);
      // Recipient copies: message i is row seq i + 1 of the new archive.
      for (const [offset, open, state, routed] of [
        [1, 'i % 40 = 7', 'routed', 'archived_at + 5'],
        [2, 'i % 97 = 3', 'pending', 'NULL'],
      ] as const) {
        db.prepare(
          `INSERT INTO deliveries (message_id, recipient, state, routed_at, delivered_at, ack_message_id)
           SELECT message_id, ${member(String(offset))},
             CASE WHEN ${open} THEN '${state}' ELSE 'delivered' END,
             CASE WHEN ${open} THEN ${routed} ELSE archived_at + 5 END,
             CASE WHEN ${open} THEN NULL ELSE archived_at + 900 END, NULL
           FROM (SELECT seq - 1 AS i, message_id, archived_at FROM messages)`,
        ).run();
      }
    })();
    db.pragma('synchronous = FULL');
  } finally {
    db.close();
  }
  return { count, firstArchivedAt, seconds: (performance.now() - started) / 1000 };
}

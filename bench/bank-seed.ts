import { SqliteDb, type SqlDb, type SqlDialect } from '@atc/gateway';

/** Time of the first seeded record (2026-01-01T00:00:00Z). */
const FIRST_MS = Date.UTC(2026, 0, 1);

/** The seed members, two letters each, as SQL picks them by `i % 10`. */
const MEMBERS = 'AZAMBYKZKGMDRUTJTMUZ';

/** Share of records linked in threes (one person reported by three members); the others stand alone. */
const LINKED_SHARE = 0.3;

/** How the seeded bank is shaped, for the output. */
export interface BankSeed {
  readonly records: number;
  readonly subjects: number;
  /** Subjects with three records (from three members), the first ones by index. */
  readonly linkedSubjects: number;
  readonly seconds: number;
}

/** SQL that differs between the engines, for `INSERT ... SELECT` over a series `n(i)`. */
interface Dialect {
  /** Prefix and FROM source of a series of `i` from `?` to `?` (inclusive). */
  readonly series: { readonly prefix: string; readonly from: string };
  pad(expr: string, width: number): string;
  /** 32 bytes derived from the integer expression. */
  bytes32(expr: string): string;
}

const DIALECTS: Readonly<Record<SqlDialect, Dialect>> = {
  sqlite: {
    series: {
      prefix: 'WITH RECURSIVE n(i) AS (SELECT CAST(? AS INTEGER) UNION ALL SELECT i + 1 FROM n WHERE i < ?)',
      from: 'n',
    },
    pad: (expr, width) => `printf('%0${width}d', ${expr})`,
    bytes32: () => 'randomblob(32)',
  },
  postgres: {
    series: { prefix: '', from: 'generate_series(CAST(? AS BIGINT), CAST(? AS BIGINT)) AS n(i)' },
    pad: (expr, width) => `lpad(CAST(${expr} AS TEXT), ${width}, '0')`,
    bytes32: (expr) => `sha256(int8send(CAST(${expr} AS BIGINT)))`,
  },
};

/**
 * Fills an empty archive's data bank with `records` current PersonRecords from the ten seed
 * members, straight into the tables with `INSERT ... SELECT` over a generated series (the
 * projection would take minutes for a million): for each record its archived message (the
 * envelope bytes drawn in turn from `envelopes`, real signed PersonRecords, so that a dossier
 * decodes real content), its version, its record row, and its subject with the subject's
 * facets and listing keys as the subject linker writes them. The first 30% of records are
 * linked in threes (three members reporting one person); the rest are subjects of their own.
 * Nationality = originator; subjects are updated one second apart in index order.
 */
export async function seedBank(
  db: SqlDb,
  records: number,
  envelopes: readonly Uint8Array[],
  onProgress: (done: number) => void,
): Promise<BankSeed> {
  const started = performance.now();
  const d = DIALECTS[db.dialect];
  const sqlite = db instanceof SqliteDb ? db.connection : undefined;
  // Bulk load only: the timed reads open the archive with the gateway's own settings.
  sqlite?.pragma('synchronous = OFF');
  // The bank's own file (attached as `bank`), which these rows go to.
  sqlite?.pragma('bank.synchronous = OFF');
  await createPool(db, envelopes);

  const linked = Math.floor((records * LINKED_SHARE) / 3) * 3;
  const linkedSubjects = linked / 3;
  // Subject number of record i, member and record id of record i.
  const subjectOf = `(CASE WHEN i < ${linked} THEN i / 3 ELSE i - ${linked} + ${linkedSubjects} END)`;
  const member = (expr: string) => `substr('${MEMBERS}', CAST((${expr}) % 10 AS INTEGER) * 2 + 1, 2)`;
  const recordId = `${member('i')} || '-S-' || ${d.pad('i', 9)}`;
  // A subject's id is its founder's leaf (the founder: its record first in the log).
  const subjectId = (founderLeaf: string) => `'S-' || ${d.pad(founderLeaf, 12)}`;
  const founderOf = `(CASE WHEN i < ${linked} THEN (i / 3) * 3 ELSE i END)`;
  const messageId = `'bench-bank-' || ${d.pad('i', 9)}`;
  const updatedAt = (expr: string) => `${FIRST_MS} + (${expr}) * 1000`;
  const handling = `'{"tlp":"TLP_LEVEL_AMBER","noOnwardTransmission":false,"noJudicialUse":false,"otherConditions":"","reviewBy":null}'`;
  const evaluation = `'{"source":"SOURCE_RELIABILITY_B","information":"INFORMATION_ASSESSMENT_2"}'`;
  const insert = (table: string, columns: string, select: string): string =>
    `${d.series.prefix} INSERT INTO ${table} (${columns}) SELECT ${select} FROM ${d.series.from}`;

  /** Statements run per chunk of record numbers [from, to]. */
  const perRecord = [
    insert(
      'messages',
      `message_id, sender, payload_type, created_at, archived_at, tlp, urgency, broadcast, exercise, correlation_id,
       in_reply_to, sender_sequence, kid, envelope, envelope_sha256, leaf_index`,
      `${messageId}, ${member('i')}, 'atc.v1.PersonRecord', ${FIRST_MS} + i, ${FIRST_MS} + i + 40, 3, 3, 0, 0, NULL, NULL,
       i / 10 + 1, 'bench-generated-' || ${member('i')},
       (SELECT p.envelope FROM bench_envelope_pool p WHERE p.k = i % ${envelopes.length}), ${d.bytes32('i')}, i`,
    ),
    insert(
      'databank_versions',
      'exercise, originator, record_id, version, message_id, leaf_index, archived_at, content_sha256, handling, evaluation',
      `0, ${member('i')}, ${recordId}, 1, ${messageId}, i, ${FIRST_MS} + i + 40, ${d.bytes32('i + 7')}, ${handling}, ${evaluation}`,
    ),
    insert(
      'databank_records',
      'exercise, originator, record_id, record_type, current_version, current_message_id, updated_at, withdrawn, withdrawn_by',
      `0, ${member('i')}, ${recordId}, 'atc.v1.PersonRecord', 1, ${messageId}, ${updatedAt(subjectOf)}, 0, NULL`,
    ),
    insert(
      'databank_subject_records',
      'exercise, originator, record_id, subject_id, category, first_leaf, nationalities',
      `0, ${member('i')}, ${recordId}, ${subjectId(founderOf)}, 'person', i, '["' || ${member('i')} || '"]'`,
    ),
    // A member's and a nationality's facet per record: the three records of a subject come from three members.
    ...['m:', 'n:'].map((facet) =>
      insert(
        'databank_subject_facets',
        'subject_id, facet, records',
        `${subjectId(founderOf)}, '${facet}' || ${member('i')}, 1`,
      ),
    ),
    ...['person|m:', 'person|n:'].map((key) =>
      insert(
        'databank_subject_list',
        'exercise, list_key, updated_at, subject_id',
        `0, '${key}' || ${member('i')}, ${updatedAt(subjectOf)}, ${subjectId(founderOf)}`,
      ),
    ),
  ];
  /** Statements run per chunk of subject numbers; a subject's founder is its first record. */
  const founder = `(CASE WHEN i < ${linkedSubjects} THEN i * 3 ELSE i - ${linkedSubjects} + ${linked} END)`;
  const perSubject = [
    insert(
      'databank_subjects',
      // The listing time a dossier's summary shows (its listing keys are left empty: the bench
      // reads this bank, the subject linking never writes to it).
      'subject_id, exercise, category, founder_leaf, founder_originator, founder_record_id, records, listed_at',
      `${subjectId(founder)}, 0, 'person', ${founder}, ${member(founder)},
       ${member(founder)} || '-S-' || ${d.pad(founder, 9)}, CASE WHEN i < ${linkedSubjects} THEN 3 ELSE 1 END,
       ${updatedAt('i')}`,
    ),
    insert(
      'databank_subject_list',
      'exercise, list_key, updated_at, subject_id',
      `0, 'person|*', ${updatedAt('i')}, ${subjectId(founder)}`,
    ),
  ];
  const subjects = linkedSubjects + (records - linked);
  const CHUNK = 50_000;
  for (let from = 0; from < records; from += CHUNK) {
    const to = Math.min(records, from + CHUNK) - 1;
    await db.transaction(async () => {
      for (const sql of perRecord) await db.run(sql, [from, to]);
      if (from < subjects) {
        for (const sql of perSubject) await db.run(sql, [from, Math.min(subjects - 1, to)]);
      }
    });
    onProgress(to + 1);
  }
  for (let from = records; from < subjects; from += CHUNK) {
    const to = Math.min(subjects, from + CHUNK) - 1;
    await db.transaction(async () => {
      for (const sql of perSubject) await db.run(sql, [from, to]);
    });
  }
  await db.run('UPDATE databank_cursor SET next_leaf = ?, updated_at = ? WHERE id = 1', [
    records,
    FIRST_MS + records + 40,
  ]);
  await db.exec('DROP TABLE bench_envelope_pool');
  // Statistics as each engine has them in service: PostgreSQL's autovacuum analyzes new
  // tables; the gateway never runs ANALYZE on SQLite (with sqlite_stat1, SQLite 3.53 plans the
  // subject listing as a skip-scan that sorts the whole range: 20-360 ms instead of 1).
  if (db.dialect === 'postgres') await db.exec('ANALYZE');
  sqlite?.pragma('synchronous = FULL');
  sqlite?.pragma('bank.synchronous = NORMAL');
  return { records, subjects, linkedSubjects, seconds: (performance.now() - started) / 1000 };
}

/** A table of the real envelopes the seeded messages carry, by number. */
async function createPool(db: SqlDb, envelopes: readonly Uint8Array[]): Promise<void> {
  const blob = db.dialect === 'sqlite' ? 'BLOB' : 'BYTEA';
  await db.exec(`CREATE TABLE bench_envelope_pool (k INTEGER PRIMARY KEY, envelope ${blob} NOT NULL)`);
  await db.transaction(async () => {
    for (const [k, envelope] of envelopes.entries()) {
      await db.run('INSERT INTO bench_envelope_pool (k, envelope) VALUES (?, ?)', [k, envelope]);
    }
  });
}

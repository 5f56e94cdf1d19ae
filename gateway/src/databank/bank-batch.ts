import { inLists, insertRows } from '../db/insert-rows.js';
import type { SqlDb, SqlValue } from '../db/sql-db.js';

/** A bank record's identity: (exercise namespace, originator, record id). */
export interface RecordKey {
  readonly exercise: 0 | 1;
  readonly originator: string;
  readonly recordId: string;
}

/** A record's row in `databank_records`, as a batch reads and changes it. */
export interface RecordState {
  recordType: string;
  currentVersion: number;
  currentMessageId: string;
  updatedAt: number;
  withdrawn: 0 | 1;
  withdrawnBy: string | null;
}

/** The first version row (in log order) of a record at one version: what later copies are compared with. */
export interface FirstVersion {
  readonly messageId: string;
  readonly contentSha256: Uint8Array;
}

/** A row of `databank_versions`. */
export interface VersionRow {
  readonly key: RecordKey;
  readonly version: number;
  readonly messageId: string;
  readonly leafIndex: number;
  readonly archivedAt: number;
  readonly contentSha256: Uint8Array;
  readonly handling: string;
  readonly evaluation: string;
}

const SEP = '\u0000';

function keyString(key: RecordKey): string {
  return `${key.exercise}${SEP}${key.originator}${SEP}${key.recordId}`;
}

/**
 * A record key as a row of a `VALUES` list (typed: PostgreSQL takes untyped parameters there
 * as text). The list is the outer loop of a `CROSS JOIN`, which SQLite never reorders: left
 * to itself, it scans the whole table against the list instead of looking each key up.
 */
const KEY_TUPLE = '(CAST(? AS INTEGER), ?, ?)';
const VERSION_TUPLE = '(CAST(? AS INTEGER), ?, ?, CAST(? AS BIGINT))';

interface RecordDbRow {
  exercise: number;
  originator: string;
  record_id: string;
  record_type: string;
  current_version: number;
  current_message_id: string;
  updated_at: number;
  withdrawn: number;
  withdrawn_by: string | null;
}

interface VersionDbRow {
  exercise: number;
  originator: string;
  record_id: string;
  version: number;
  message_id: string;
  content_sha256: Uint8Array;
}

/**
 * One projection batch's view of the bank, in memory: the rows of every record the batch
 * names are read up front with a few statements (one per originator and namespace, of a few
 * fixed shapes), the batch's envelopes are applied to this view in log order, and
 * {@link flush} writes what changed with multi-row statements. A batch thus costs a dozen
 * round trips, not several per envelope (PostgreSQL), and the result is what applying the
 * envelopes one by one to the tables gives. Read the bank through this view, never through
 * the tables, while a batch is applied: the tables catch up only at the flush.
 */
export class BankBatch {
  readonly #records = new Map<string, { readonly key: RecordKey; state: RecordState; changed: boolean }>();
  /** First version row per (record, version), from the tables or from this batch. */
  readonly #firstVersions = new Map<string, FirstVersion>();
  readonly #versions: VersionRow[] = [];
  readonly #conflicts: SqlValue[][] = [];
  readonly #flags = new Map<string, SqlValue[]>();

  private constructor(private readonly db: SqlDb) {}

  /**
   * Reads the records `keys` name and, for those the bank holds, the version rows at the
   * versions `versions` names: two statements (per 256 keys) of a few fixed shapes.
   */
  static async load(
    db: SqlDb,
    keys: readonly RecordKey[],
    versions: readonly (readonly [RecordKey, number])[],
  ): Promise<BankBatch> {
    const batch = new BankBatch(db);
    const unique = [...new Map(keys.map((k) => [keyString(k), k])).values()];
    for (const list of inLists(unique)) {
      const rows = await db.all<RecordDbRow>(
        `SELECT r.exercise, r.originator, r.record_id, r.record_type, r.current_version, r.current_message_id,
           r.updated_at, r.withdrawn, r.withdrawn_by
         FROM (VALUES ${list.map(() => KEY_TUPLE).join(', ')}) k CROSS JOIN databank_records r
         WHERE r.exercise = k.column1 AND r.originator = k.column2 AND r.record_id = k.column3`,
        list.flatMap((k) => [k.exercise, k.originator, k.recordId]),
      );
      for (const r of rows) {
        const key: RecordKey = { exercise: r.exercise === 1 ? 1 : 0, originator: r.originator, recordId: r.record_id };
        batch.#records.set(keyString(key), {
          key,
          changed: false,
          state: {
            recordType: r.record_type,
            currentVersion: r.current_version,
            currentMessageId: r.current_message_id,
            updatedAt: r.updated_at,
            withdrawn: r.withdrawn === 1 ? 1 : 0,
            withdrawnBy: r.withdrawn_by,
          },
        });
      }
    }
    // Versions exist only of records the bank holds (the first version inserts the record).
    const wanted = [
      ...new Map(
        versions.filter(([k]) => batch.#records.has(keyString(k))).map((v) => [`${keyString(v[0])}${SEP}${v[1]}`, v]),
      ).values(),
    ];
    for (const list of wanted.length === 0 ? [] : inLists(wanted)) {
      const rows = await db.all<VersionDbRow>(
        `SELECT v.exercise, v.originator, v.record_id, v.version, v.message_id, v.content_sha256
         FROM (VALUES ${list.map(() => VERSION_TUPLE).join(', ')}) k CROSS JOIN databank_versions v
         WHERE v.exercise = k.column1 AND v.originator = k.column2 AND v.record_id = k.column3 AND v.version = k.column4
         ORDER BY v.leaf_index`,
        list.flatMap(([k, version]) => [k.exercise, k.originator, k.recordId, version]),
      );
      for (const r of rows) {
        const at = `${r.exercise}${SEP}${r.originator}${SEP}${r.record_id}${SEP}${r.version}`;
        if (!batch.#firstVersions.has(at)) {
          batch.#firstVersions.set(at, { messageId: r.message_id, contentSha256: r.content_sha256 });
        }
      }
    }
    return batch;
  }

  /** The record's row as the batch has it so far, or undefined when the bank does not hold it. */
  record(key: RecordKey): Readonly<RecordState> | undefined {
    return this.#records.get(keyString(key))?.state;
  }

  /** Creates or changes the record's row. */
  setRecord(key: RecordKey, state: RecordState): void {
    this.#records.set(keyString(key), { key, state: { ...state }, changed: true });
  }

  /** The first version row of the record at `version`, if any. */
  firstVersion(key: RecordKey, version: number): FirstVersion | undefined {
    return this.#firstVersions.get(`${keyString(key)}${SEP}${version}`);
  }

  addVersion(row: VersionRow): void {
    this.#versions.push(row);
    const at = `${keyString(row.key)}${SEP}${row.version}`;
    if (!this.#firstVersions.has(at)) {
      this.#firstVersions.set(at, { messageId: row.messageId, contentSha256: row.contentSha256 });
    }
  }

  /** A second content for the same version: `other` conflicts with the version's first message. */
  addConflict(
    key: RecordKey,
    version: number,
    currentMessageId: string,
    otherMessageId: string,
    leafIndex: number,
  ): void {
    this.#conflicts.push([
      key.exercise,
      key.originator,
      key.recordId,
      version,
      currentMessageId,
      otherMessageId,
      leafIndex,
    ]);
  }

  /** A flag on an envelope the bank did not apply (once per message and code). */
  flag(messageId: string, code: string, leafIndex: number, detail: string): void {
    const at = `${messageId}${SEP}${code}`;
    if (!this.#flags.has(at)) this.#flags.set(at, [messageId, code, leafIndex, detail]);
  }

  /** Writes the batch's versions, conflicts, flags and changed records, a few multi-row statements per table. */
  async flush(): Promise<void> {
    await insertRows(
      this.db,
      'databank_versions',
      [
        'exercise',
        'originator',
        'record_id',
        'version',
        'message_id',
        'leaf_index',
        'archived_at',
        'content_sha256',
        'handling',
        'evaluation',
      ],
      this.#versions.map((v) => [
        v.key.exercise,
        v.key.originator,
        v.key.recordId,
        v.version,
        v.messageId,
        v.leafIndex,
        v.archivedAt,
        v.contentSha256,
        v.handling,
        v.evaluation,
      ]),
    );
    await insertRows(
      this.db,
      'databank_conflicts',
      ['exercise', 'originator', 'record_id', 'version', 'current_message_id', 'other_message_id', 'leaf_index'],
      this.#conflicts,
    );
    await insertRows(
      this.db,
      'databank_flags',
      ['message_id', 'code', 'leaf_index', 'detail'],
      [...this.#flags.values()],
      ' ON CONFLICT DO NOTHING',
    );
    const changed = [...this.#records.values()].filter((r) => r.changed);
    await insertRows(
      this.db,
      'databank_records',
      [
        'exercise',
        'originator',
        'record_id',
        'record_type',
        'current_version',
        'current_message_id',
        'updated_at',
        'withdrawn',
        'withdrawn_by',
      ],
      changed.map(({ key, state }) => [
        key.exercise,
        key.originator,
        key.recordId,
        state.recordType,
        state.currentVersion,
        state.currentMessageId,
        state.updatedAt,
        state.withdrawn,
        state.withdrawnBy,
      ]),
      // Each record at most once per statement (the map holds one row per key).
      ` ON CONFLICT (exercise, originator, record_id) DO UPDATE SET record_type = excluded.record_type,
        current_version = excluded.current_version, current_message_id = excluded.current_message_id,
        updated_at = excluded.updated_at, withdrawn = excluded.withdrawn, withdrawn_by = excluded.withdrawn_by`,
    );
  }
}

import { setImmediate as setImmediatePromise } from 'node:timers/promises';
import {
  atc,
  DATA_RECORD_TYPES,
  ErrorCode,
  RefusalCode,
  decodePayload,
  fromTimestamp,
  isRefusal,
  PayloadType,
  Periodic,
  sha256,
  type Component,
  type Logger,
} from '@atc/shared';
import type { ArchivedEnvelope, ArchiveReader } from '../archive/archive-reader.js';
import type { SqlDb } from '../db/sql-db.js';
import { applyInformationRequest, applyInformationResponse, RequestFlag } from './information-requests.js';
import { applyPurgeAck, applyWithdrawalPurges, PurgeFlag } from './purge-projection.js';
import { organizationKeys, personKeys } from './subject-keys.js';
import { SubjectLinker, type DecisionRow } from './subject-linker.js';
import { BANK_FILE_TABLES } from '../db/schema.js';
import { SEARCH_DUMP_ORDER, SearchIndexBatch } from '../search/search-index.js';

/** Payload types the bank keeps as records (versions of (originator, record_id)): the data records. */
type BankRecordType = (typeof DATA_RECORD_TYPES)[number];
type BankRecord = atc.v1.PersonRecord | atc.v1.OrganizationRecord | atc.v1.IncidentReport;

const RECORD_CLASSES = {
  [PayloadType.PersonRecord]: atc.v1.PersonRecord,
  [PayloadType.OrganizationRecord]: atc.v1.OrganizationRecord,
  [PayloadType.IncidentReport]: atc.v1.IncidentReport,
} as const;

/** Other payload types the bank applies: withdrawals and purges, information requests and their answers. */
const TRACKED_TYPES = [
  PayloadType.RecordWithdrawal,
  PayloadType.PurgeAck,
  PayloadType.InformationRequest,
  PayloadType.InformationResponse,
] as const;
type TrackedType = (typeof TRACKED_TYPES)[number];

function isTrackedType(type: string): type is TrackedType {
  return (TRACKED_TYPES as readonly string[]).includes(type);
}

function isBankRecordType(type: string): type is BankRecordType {
  return (DATA_RECORD_TYPES as readonly string[]).includes(type);
}

/** Stable codes of what the bank flags instead of applying (kept in `databank_flags`). */
export const DatabankFlag = {
  /** A withdrawal names a record the bank does not hold. */
  RECORD_UNKNOWN: ErrorCode.RECORD_UNKNOWN,
  /** A withdrawal names a record of another originator than its sender. */
  NOT_ORIGINATOR: RefusalCode.NOT_ORIGINATOR,
  /** A version arrived for a record already withdrawn: kept in history, the record stays withdrawn. */
  RECORD_WITHDRAWN: ErrorCode.RECORD_WITHDRAWN,
  /** Retention erased the payload before the bank read it: nothing to apply. */
  PAYLOAD_ERASED: ErrorCode.PAYLOAD_ERASED,
  /** The payload does not decode as its type (an archive written by another version): skipped, not stuck on. */
  PAYLOAD_MALFORMED: RefusalCode.PAYLOAD_MALFORMED,
  /** A version arrived with its review date already passed: kept in history, never current. */
  REVIEW_DATE_PASSED: ErrorCode.REVIEW_DATE_PASSED,
  /** PurgeAcks the purge tracking does not apply or applies as incomplete (purge-projection.ts). */
  ...PurgeFlag,
  /** InformationResponses the request tracking does not apply (information-requests.ts). */
  ...RequestFlag,
} as const;

/** Envelopes read and applied per transaction by default (tests step in smaller batches). */
export const DATABANK_BATCH = 200;

/**
 * Envelopes read per transaction while catching up with a backlog: a commit's cost is mostly
 * the pages it writes, which a larger batch shares among more entries.
 */
export const DATABANK_CATCH_UP_BATCH = 1_000;

/**
 * A batch stops taking envelopes after this long: the bank's write lock it holds delays an
 * operator's decision (and another writer of the bank) by about this much at most, however
 * large the batch. Behind a backlog the budget grows (see {@link nextBatchBudget}).
 */
export const DATABANK_BATCH_BUDGET_MS = 100;

/**
 * The longest a batch's budget grows to while a backlog lasts. A commit's cost is mostly the
 * pages it writes, and the entries of a longer batch share them: catching up 20,000 of the
 * benchmark's namesake entries, batches of 25 ms spent 8.6-9.3 s in `COMMIT` (878-956 commits),
 * batches of 500 ms 2.4-3.7 s (44-67 commits). An operator's decision made during a catch-up
 * waits for at most about this long.
 */
export const DATABANK_MAX_BATCH_BUDGET_MS = 400;

/**
 * Why a batch stopped taking entries: its time budget passed, it held as many as it may, it
 * reached the log's end, or it was asked to end early (see {@link DatabankProjection.step}).
 */
export type BatchEnd = 'budget' | 'limit' | 'end' | 'early';

/**
 * The budget of the batch after one with `budgetMs` that ended as `ended` says: twice as long
 * (at most `maxMs`) when entries still wait (its budget or its size cut it short); back to
 * `baseMs` when it reached the log's end or was ended early.
 */
export function nextBatchBudget(budgetMs: number, ended: BatchEnd, baseMs: number, maxMs: number): number {
  return ended === 'budget' || ended === 'limit' ? Math.max(baseMs, Math.min(budgetMs * 2, maxMs)) : baseMs;
}

/**
 * How often a run that goes on reports the lag: a gauge updated only when a run ends would
 * say 0 for the whole of a catch-up after a restart.
 */
export const DATABANK_LAG_EVERY_MS = 1_000;

/** Archive entries a batch reads at a time (a batch its budget cuts short reads no more than it applies, nearly). */
const DATABANK_READ_CHUNK = 128;

interface RecordRow {
  current_version: number;
  current_message_id: string;
  withdrawn: number;
}

/** What the bank holds, for `databank status` and the readiness detail. */
export interface DatabankStatus {
  /** Next leaf index to apply (= leaves applied). */
  readonly cursor: number;
  /** Leaves in the archive log. */
  readonly size: number;
  /** Leaves not yet applied. */
  readonly lag: number;
  readonly records: number;
  readonly conflicts: number;
  readonly flags: number;
  /** Subjects, both namespaces. */
  readonly subjects: number;
  /** Candidate links waiting for an operator, both namespaces. */
  readonly openCandidates: number;
  /** The score (0..1) from which two person records are proposed as a candidate link (ATC_LINK_THRESHOLD). */
  readonly linkThreshold: number;
}

/** The subject linking's tables (see {@link SubjectLinker}), with their canonical dump order. */
const SUBJECT_DUMP_ORDER = {
  databank_subject_records: 'exercise, originator, record_id',
  databank_identifiers: 'exercise, kind, value, linkable, subject_id, originator, record_id',
  databank_subjects: 'subject_id',
  databank_subject_facets: 'subject_id, facet',
  databank_subject_list: 'exercise, list_key, updated_at, subject_id',
  databank_candidates: 'candidate_id',
  databank_links: 'decision_id',
  databank_detached: 'decision_id',
  databank_decisions_applied: 'decision_id',
} as const;

/** How the projection's transactions write: the bank only, under its own lock, without waiting for the disk. */
const BANK_WRITE = { write: true, relaxed: true, writes: 'databank' } as const;

/** The bank's tables, in the order `clear` empties them: those of its file but the cursor. */
export const DATABANK_TABLES = BANK_FILE_TABLES.filter((t) => t !== 'databank_cursor');

/**
 * The data bank's projection of the archive (DESIGN.md section 9): reads accepted envelopes
 * in log order through the {@link ArchiveReader} only, and applies each batch and the cursor
 * in one write transaction, re-reading the cursor inside it, so that a batch is applied
 * once whatever crashes or how many replicas run it.
 */
export class DatabankProjection {
  readonly #subjects: SubjectLinker;
  /** The person search's writes of the batch being applied, flushed before its cursor moves. */
  readonly #search = new SearchIndexBatch();
  #lastBatchEnd: BatchEnd | undefined;

  constructor(
    private readonly db: SqlDb,
    private readonly reader: ArchiveReader,
    options: { readonly linkThreshold?: number } = {},
  ) {
    this.#subjects = new SubjectLinker(db, options);
  }

  /** The score from which two person records are proposed as a candidate link. */
  get linkThreshold(): number {
    return this.#subjects.linkThreshold;
  }

  /**
   * Applies the next batch (at most `limit` envelopes, and none more once `budgetMs` have
   * passed or, after the first, once `endEarly` says so, asked with the time the batch has
   * run); resolves to how many were applied. Why it ended is then {@link lastBatchEnd}.
   */
  async step(
    limit = DATABANK_BATCH,
    budgetMs = DATABANK_BATCH_BUDGET_MS,
    endEarly?: (elapsedMs: number) => boolean,
  ): Promise<number> {
    this.#lastBatchEnd = undefined;
    const { applied, ended } = await this.db.transaction(
      () => this.#subjects.withinBatch(() => this.#batch(limit, budgetMs, endEarly)),
      // A projection, rebuildable from the archive: a commit lost to a power failure goes with
      // the cursor it moved, and the batch is applied again. No fsync per batch. It writes the
      // bank only, under the bank's own lock: the pipeline's commits never wait for it.
      BANK_WRITE,
    );
    // Said once the batch committed (a batch that failed says nothing).
    this.#lastBatchEnd = ended;
    return applied;
  }

  /** Why the last batch {@link step} applied ended (undefined before the first, or when it failed). */
  get lastBatchEnd(): BatchEnd | undefined {
    return this.#lastBatchEnd;
  }

  /** {@link step}'s batch, inside its transaction: the entries it applied, and why it ended. */
  async #batch(
    limit: number,
    budgetMs: number,
    endEarly: ((elapsedMs: number) => boolean) | undefined,
  ): Promise<{ readonly applied: number; readonly ended: BatchEnd }> {
    const started = performance.now();
    // What an earlier batch that failed before its end left pending is not applied.
    this.#search.discard();
    this.#subjects.discardPending();
    const from = await this.cursor();
    // Read in chunks: a batch cut short by its time budget does not read (and decode) the
    // entries it leaves to the next one.
    let chunk = await this.reader.messagesFrom(from, Math.min(limit, DATABANK_READ_CHUNK));
    // Operators' decisions apply at the cursor they were made at, before the leaf there.
    const decisions = await this.#subjects.pendingDecisions();
    const decideUpTo = async (leaf: number): Promise<void> => {
      while (decisions[0] !== undefined && decisions[0].at_leaf <= leaf) {
        // A decision meets the bank as the operator saw it: every leaf before it settled.
        await this.#settle();
        await this.#subjects.applyDecision(decisions.shift() as DecisionRow);
      }
    };
    if (chunk.length === 0) {
      await decideUpTo(from);
      return { applied: 0, ended: 'end' };
    }
    let applied = 0;
    let last = chunk[0]!;
    let ended: BatchEnd = 'end';
    reading: for (;;) {
      for (const envelope of chunk) {
        if (applied > 0) {
          const elapsed = performance.now() - started;
          ended = endEarly?.(elapsed) === true ? 'early' : elapsed > budgetMs ? 'budget' : ended;
          if (ended !== 'end') break reading;
        }
        await decideUpTo(envelope.leafIndex);
        await this.apply(envelope);
        // Each entry's candidate links are proposed against the bank as it stands after that
        // entry, whatever the batch: live projection, a resumed one and a rebuild propose the
        // same pairs even where the linking's bounds choose among many namesakes.
        await this.#settle();
        applied++;
        last = envelope;
      }
      const wanted = Math.min(limit - applied, DATABANK_READ_CHUNK);
      if (wanted <= 0) {
        ended = 'limit';
        break;
      }
      if (chunk.length < DATABANK_READ_CHUNK) break;
      chunk = await this.reader.messagesFrom(last.leafIndex + 1, wanted);
      if (chunk.length === 0) break;
    }
    await decideUpTo(last.leafIndex + 1);
    await this.#settle();
    await this.db.run('UPDATE databank_cursor SET next_leaf = ?, updated_at = ? WHERE id = 1', [
      last.leafIndex + 1,
      last.archivedAt,
    ]);
    return { applied, ended };
  }

  /**
   * Writes the search index's pending rows, then the candidate links of the persons changed
   * since (which the search finds through that index).
   */
  async #settle(): Promise<void> {
    this.#subjects.vocabularyAdded(await this.#search.flush(this.db));
    await this.#subjects.proposePending();
  }

  /**
   * Proposes every current person's candidate links again with this projection's threshold,
   * `chunk` persons per write transaction: undecided candidates scoring below it go, pairs
   * scoring at least it are proposed; operators' decisions and the candidates they decided stay
   * (with their new score). Resolves to the persons relinked.
   */
  async relink(chunk = 500, onProgress?: (done: number) => void): Promise<number> {
    let after: [number, string, string] = [-1, '', ''];
    let done = 0;
    for (;;) {
      const n = await this.db.transaction(async () => {
        // A row value, which both engines read as the start of the primary key's range (with
        // nested ORs each chunk scanned the table from its first row: quadratic in the persons;
        // a lower bound on exercise alone, with its two values, would not do).
        const rows = await this.db.all<{ exercise: number; originator: string; record_id: string }>(
          `SELECT exercise, originator, record_id FROM databank_subject_records
             WHERE category = 'person' AND (exercise, originator, record_id) > (?, ?, ?)
             ORDER BY exercise, originator, record_id LIMIT ${chunk}`,
          after,
        );
        for (const r of rows) {
          this.#subjects.queuePerson({ exercise: r.exercise, originator: r.originator, recordId: r.record_id });
        }
        await this.#subjects.proposePending();
        const last = rows.at(-1);
        if (last !== undefined) after = [last.exercise, last.originator, last.record_id];
        return rows.length;
      }, BANK_WRITE);
      done += n;
      if (n > 0) onProgress?.(done);
      if (n < chunk) return done;
    }
  }

  /**
   * Applies batches until the cursor reaches the log's size as read at the start, their budget
   * growing while the backlog lasts (see {@link nextBatchBudget}).
   */
  async catchUp(onProgress?: (cursor: number, size: number) => void): Promise<number> {
    const size = await this.reader.size();
    let applied = 0;
    let budgetMs = DATABANK_BATCH_BUDGET_MS;
    while ((await this.cursor()) < size) {
      const n = await this.step(DATABANK_CATCH_UP_BATCH, budgetMs);
      budgetMs = nextBatchBudget(
        budgetMs,
        this.#lastBatchEnd ?? 'end',
        DATABANK_BATCH_BUDGET_MS,
        DATABANK_MAX_BATCH_BUDGET_MS,
      );
      if (n === 0) break;
      applied += n;
      onProgress?.(await this.cursor(), size);
    }
    return applied;
  }

  /** Empties the bank and sets its cursor back to leaf 0, in one transaction. */
  async clear(): Promise<void> {
    await this.db.transaction(async () => {
      for (const table of DATABANK_TABLES) await this.db.run(`DELETE FROM ${table}`);
      await this.db.run('UPDATE databank_cursor SET next_leaf = 0, updated_at = 0 WHERE id = 1');
    }, BANK_WRITE);
  }

  /** Next leaf index the projection applies. */
  async cursor(): Promise<number> {
    return (await this.db.get<{ next_leaf: number }>('SELECT next_leaf FROM databank_cursor WHERE id = 1'))!.next_leaf;
  }

  /** Leaves archived and not yet applied (two point reads). */
  async lag(): Promise<{ readonly cursor: number; readonly size: number; readonly lag: number }> {
    const cursor = await this.cursor();
    const size = await this.reader.size();
    return { cursor, size, lag: Math.max(0, size - cursor) };
  }

  async status(): Promise<DatabankStatus> {
    const count = async (table: string): Promise<number> =>
      (await this.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))!.n;
    const cursor = await this.cursor();
    const size = await this.reader.size();
    return {
      cursor,
      size,
      lag: Math.max(0, size - cursor),
      records: await count('databank_records'),
      conflicts: await count('databank_conflicts'),
      flags: await count('databank_flags'),
      subjects: await count('databank_subjects'),
      openCandidates: (await this.db.get<{ n: number }>(
        "SELECT COUNT(*) AS n FROM databank_candidates WHERE status = 'open'",
      ))!.n,
      linkThreshold: this.linkThreshold,
    };
  }

  async #flag(envelope: ArchivedEnvelope, code: string, detail: string): Promise<void> {
    await this.db.run(
      `INSERT INTO databank_flags (message_id, code, leaf_index, detail, exercise) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
      [envelope.messageId, code, envelope.leafIndex, detail, envelope.exercise ? 1 : 0],
    );
  }

  private async apply(envelope: ArchivedEnvelope): Promise<void> {
    const type = envelope.payloadType;
    if (!isBankRecordType(type) && !isTrackedType(type)) return;
    if (envelope.payload === undefined) {
      await this.#flag(envelope, DatabankFlag.PAYLOAD_ERASED, type);
      return;
    }
    let payload:
      atc.v1.RecordWithdrawal | atc.v1.PurgeAck | atc.v1.InformationRequest | atc.v1.InformationResponse | BankRecord;
    try {
      payload = decodePayload(type, envelope.payload);
    } catch (e) {
      if (!isRefusal(e)) throw e;
      await this.#flag(envelope, DatabankFlag.PAYLOAD_MALFORMED, e.message);
      return;
    }
    if (payload instanceof atc.v1.RecordWithdrawal) await this.applyWithdrawal(envelope, payload);
    else if (payload instanceof atc.v1.PurgeAck) {
      await applyPurgeAck(this.db, envelope, payload, (e, code, detail) => this.#flag(e, code, detail));
    } else if (payload instanceof atc.v1.InformationRequest) {
      await applyInformationRequest(this.db, this.reader, envelope, payload);
    } else if (payload instanceof atc.v1.InformationResponse) {
      await applyInformationResponse(this.db, envelope, payload, (e, code, detail) => this.#flag(e, code, detail));
    } else await this.applyVersion(envelope, type as BankRecordType, payload);
  }

  private async applyVersion(envelope: ArchivedEnvelope, type: BankRecordType, record: BankRecord): Promise<void> {
    // The content, without the nonce that makes every message's payload unique.
    const cls = RECORD_CLASSES[type] as unknown as { encode(m: object): { finish(): Uint8Array } };
    record.nonce = new Uint8Array(0);
    const content = cls.encode(record).finish();
    const sha = sha256(content);
    const { handling, evaluation, reviewBy } = handlingOf(envelope);
    const exercise = envelope.exercise ? 1 : 0;
    const key = [exercise, envelope.sender, record.recordId] as const;
    const version = record.version;

    const same = await this.db.all<{ message_id: string; content_sha256: Uint8Array }>(
      `SELECT message_id, content_sha256 FROM databank_versions
       WHERE exercise = ? AND originator = ? AND record_id = ? AND version = ? ORDER BY leaf_index`,
      [...key, version],
    );
    await this.db.run(
      `INSERT INTO databank_versions (exercise, originator, record_id, version, message_id, leaf_index, archived_at,
         content_sha256, handling, evaluation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [...key, version, envelope.messageId, envelope.leafIndex, envelope.archivedAt, sha, handling, evaluation],
    );
    const first = same[0];
    if (first !== undefined && !Buffer.from(first.content_sha256).equals(sha)) {
      await this.db.run(
        `INSERT INTO databank_conflicts (exercise, originator, record_id, version, current_message_id,
           other_message_id, leaf_index) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [...key, version, first.message_id, envelope.messageId, envelope.leafIndex],
      );
    }

    // Applied, it would leave the current view at once: history only (DESIGN.md section 9 "Review").
    if (reviewBy !== null && reviewBy <= envelope.archivedAt) {
      await this.#flag(
        envelope,
        DatabankFlag.REVIEW_DATE_PASSED,
        `${envelope.sender}/${record.recordId} v${version} review by ${new Date(reviewBy).toISOString()}`,
      );
      return;
    }

    const current = await this.db.get<RecordRow>(
      `SELECT current_version, current_message_id, withdrawn FROM databank_records
       WHERE exercise = ? AND originator = ? AND record_id = ?`,
      [...key],
    );
    if (current === undefined) {
      await this.db.run(
        `INSERT INTO databank_records (exercise, originator, record_id, record_type, current_version,
           current_message_id, updated_at, withdrawn, withdrawn_by, review_by) VALUES (?, ?, ?, ?, ?, ?, ?, 0, NULL, ?)`,
        [...key, type, version, envelope.messageId, envelope.archivedAt, reviewBy],
      );
      await this.#linkSubject(envelope, record, true);
      this.#index(envelope, record, true);
      return;
    }
    if (current.withdrawn === 1) {
      await this.#flag(envelope, DatabankFlag.RECORD_WITHDRAWN, `${envelope.sender}/${record.recordId} v${version}`);
      return;
    }
    if (version > current.current_version) {
      await this.db.run(
        `UPDATE databank_records SET record_type = ?, current_version = ?, current_message_id = ?, updated_at = ?,
           review_by = ? WHERE exercise = ? AND originator = ? AND record_id = ?`,
        [type, version, envelope.messageId, envelope.archivedAt, reviewBy, ...key],
      );
      await this.#linkSubject(envelope, record, false);
      this.#index(envelope, record, false);
    }
  }

  /** A version became current: a person's search profile and tokens replace the previous version's. */
  #index(envelope: ArchivedEnvelope, record: BankRecord, isNew: boolean): void {
    const key = { exercise: envelope.exercise ? 1 : 0, originator: envelope.sender, recordId: record.recordId };
    if (record instanceof atc.v1.PersonRecord) {
      this.#search.put(key, { version: record.version, messageId: envelope.messageId }, record, isNew);
    } else if (!isNew) {
      // A record id that carried a person before and now another type: no longer a person to find.
      this.#search.remove(key);
    }
  }

  /** A version became current: persons and organisations are (re)linked into subjects. */
  async #linkSubject(envelope: ArchivedEnvelope, record: BankRecord, isNew: boolean): Promise<void> {
    const keys =
      record instanceof atc.v1.PersonRecord
        ? personKeys(record)
        : record instanceof atc.v1.OrganizationRecord
          ? organizationKeys(record)
          : undefined;
    if (keys === undefined) return;
    const key = { exercise: envelope.exercise ? 1 : 0, originator: envelope.sender, recordId: record.recordId };
    await this.#subjects.currentChanged(key, keys, envelope.leafIndex, envelope.archivedAt, isNew);
  }

  private async applyWithdrawal(envelope: ArchivedEnvelope, withdrawal: atc.v1.RecordWithdrawal): Promise<void> {
    const target = withdrawal.target;
    const originator = target?.originator ?? '';
    const recordId = target?.recordId ?? '';
    if (originator !== envelope.sender) {
      await this.#flag(envelope, DatabankFlag.NOT_ORIGINATOR, `${originator}/${recordId}`);
      return;
    }
    await applyWithdrawalPurges(this.db, this.reader, envelope, withdrawal);
    const changed = await this.db.run(
      `UPDATE databank_records SET withdrawn = 1, withdrawn_by = ?, updated_at = ?
       WHERE exercise = ? AND originator = ? AND record_id = ? AND withdrawn = 0`,
      [envelope.messageId, envelope.archivedAt, envelope.exercise ? 1 : 0, originator, recordId],
    );
    if (changed > 0) {
      const key = { exercise: envelope.exercise ? 1 : 0, originator, recordId };
      await this.#subjects.withdrawn(key, envelope.archivedAt);
      this.#search.remove(key);
      return;
    }
    const known = await this.db.get(
      'SELECT 1 AS one FROM databank_records WHERE exercise = ? AND originator = ? AND record_id = ?',
      [envelope.exercise ? 1 : 0, originator, recordId],
    );
    // A second withdrawal of a withdrawn record changes nothing; one of an unknown record is flagged.
    if (known === undefined) await this.#flag(envelope, DatabankFlag.RECORD_UNKNOWN, `${originator}/${recordId}`);
  }
}

/** The envelope's handling marking and its 4x4 evaluation, as canonical JSON, and its review date. */
function handlingOf(envelope: ArchivedEnvelope): { handling: string; evaluation: string; reviewBy: number | null } {
  const header = atc.v1.Header.decode(atc.v1.Envelope.decode(envelope.envelope).header);
  const h = header.handling ?? atc.v1.Handling.create();
  const reviewBy = fromTimestamp(h.reviewBy) ?? null;
  return {
    reviewBy,
    handling: JSON.stringify({
      tlp: atc.v1.TlpLevel[h.tlp ?? 0],
      noOnwardTransmission: h.noOnwardTransmission === true,
      noJudicialUse: h.noJudicialUse === true,
      otherConditions: h.otherConditions ?? '',
      reviewBy,
    }),
    evaluation: JSON.stringify({
      source: atc.v1.SourceReliability[h.sourceReliability ?? 0],
      information: atc.v1.InformationAssessment[h.informationAssessment ?? 0],
    }),
  };
}

/**
 * Runs the projection as a component: every `everyMs` it applies batches until it has caught
 * up with the log, off the pipeline's commit path; `onApplied` reports the lag after each run.
 */
export class DatabankProjector implements Component {
  readonly #periodic: Periodic;
  #stopping = false;

  constructor(
    readonly projection: DatabankProjection,
    options: {
      readonly logger: Logger;
      readonly everyMs?: number;
      /**
       * How long one batch may take (default {@link DATABANK_BATCH_BUDGET_MS}); behind a backlog
       * the budget grows up to `maxBatchBudgetMs` (see {@link nextBatchBudget}).
       */
      readonly batchBudgetMs?: number;
      /** The most a batch's budget grows to (default {@link DATABANK_MAX_BATCH_BUDGET_MS}). */
      readonly maxBatchBudgetMs?: number;
      /**
       * Awaited before each batch: resolves when the batch may start (default: at once), to
       * `'forced'` when it starts behind a busier part of the process it did not wait out (the
       * pipeline's lasting backlog): that batch has the base budget, and the next starts from it.
       */
      readonly waitTurn?: () => Promise<'forced' | undefined>;
      /**
       * Asked after each entry of a batch, with the time the batch has run and whether it was
       * forced: `true` ends the batch there (a writer of the bank waits, the pipeline fell
       * behind), and the next one has the base budget. A stop ends a batch the same way.
       */
      readonly endBatchWhen?: (elapsedMs: number, forced: boolean) => boolean;
      /**
       * The lag in leaves (for the lag gauge): after each run, and during a long one (catching up
       * with a backlog takes minutes) after a batch once `lagEveryMs` have passed since the last.
       */
      readonly onLag?: (lag: number) => void;
      /** How often a run reports its lag while it goes on (default {@link DATABANK_LAG_EVERY_MS}). */
      readonly lagEveryMs?: number;
      /** Entries applied by each batch (for the applied counter), and the budget it had. */
      readonly onApplied?: (entries: number, budgetMs: number) => void;
      /** Told of each run that failed (which is then logged, and runs again later). */
      readonly onFailure?: (e: unknown) => void;
    },
  ) {
    this.#periodic = new Periodic({
      name: 'data bank projection',
      everyMs: options.everyMs ?? 200,
      logger: options.logger,
      runAtStart: true,
      task: async () => {
        try {
          // Batch after batch until caught up, or until stopped (a stop ends the batch in flight after
          // its entry in progress, and waits for its commit, not for the backlog), letting the event
          // loop run between batches: on SQLite a batch never waits for I/O, so without it a long
          // backlog would hold up the pipeline, NATS and HTTP until done.
          const lagEveryMs = options.lagEveryMs ?? DATABANK_LAG_EVERY_MS;
          const baseMs = options.batchBudgetMs ?? DATABANK_BATCH_BUDGET_MS;
          const maxMs = options.maxBatchBudgetMs ?? DATABANK_MAX_BATCH_BUDGET_MS;
          let budgetMs = baseMs;
          let reported = performance.now();
          while (!this.#stopping) {
            const forced = (await options.waitTurn?.()) === 'forced';
            if (this.#stopping) break;
            if (forced) budgetMs = baseMs;
            const n = await projection.step(
              DATABANK_CATCH_UP_BATCH,
              budgetMs,
              (elapsedMs) => this.#stopping || (options.endBatchWhen?.(elapsedMs, forced) ?? false),
            );
            if (n === 0) break;
            options.onApplied?.(n, budgetMs);
            budgetMs = forced ? baseMs : nextBatchBudget(budgetMs, projection.lastBatchEnd ?? 'end', baseMs, maxMs);
            if (options.onLag !== undefined && performance.now() - reported >= lagEveryMs) {
              options.onLag((await projection.lag()).lag);
              reported = performance.now();
            }
            await setImmediatePromise();
          }
          options.onLag?.((await projection.lag()).lag);
        } catch (e) {
          options.onFailure?.(e);
          throw e;
        }
      },
    });
  }

  start(): void {
    this.#periodic.start();
  }

  /** Runs the projection now (after a run in flight); resolves when it has caught up. */
  runNow(): Promise<void> {
    return this.#periodic.runNow();
  }

  stop(): Promise<void> {
    this.#stopping = true;
    return this.#periodic.stop();
  }
}

const DUMP_ORDER: Readonly<Record<string, string>> = {
  databank_records: 'exercise, originator, record_id',
  databank_versions: 'exercise, originator, record_id, version, leaf_index',
  databank_conflicts: 'other_message_id',
  databank_flags: 'message_id, code',
  databank_withdrawals: 'message_id',
  databank_purges: 'withdrawal_message_id, member',
  databank_requests: 'request_message_id, recipient',
  ...SUBJECT_DUMP_ORDER,
  ...SEARCH_DUMP_ORDER,
};

/**
 * The bank's tables and cursor in a canonical order (binary columns as hex), so that two
 * banks, e.g. before and after a rebuild, compare equal exactly when they hold the same.
 */
export async function dumpDatabank(db: SqlDb): Promise<Record<string, unknown[]>> {
  const dump: Record<string, unknown[]> = {
    databank_cursor: await db.all('SELECT next_leaf FROM databank_cursor'),
  };
  for (const table of DATABANK_TABLES) {
    const rows = await db.all<Record<string, unknown>>(`SELECT * FROM ${table} ORDER BY ${DUMP_ORDER[table]!}`);
    dump[table] = rows.map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [k, v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v]),
      ),
    );
  }
  return dump;
}

/**
 * The bank's readiness detail: always holds (a lagging bank does not stop the exchange),
 * and reports the cursor, the log's size and the lag.
 */
export function databankReadiness(projection: DatabankProjection): {
  readonly name: string;
  check(): Promise<{ readonly ok: boolean; readonly reason: string }>;
} {
  return {
    name: 'databank',
    check: async () => {
      const { cursor, size, lag } = await projection.lag();
      return { ok: true, reason: `lag ${lag} entries (cursor ${cursor} of ${size})` };
    },
  };
}

import { createHash } from 'node:crypto';
import { setImmediate as setImmediatePromise } from 'node:timers/promises';
import {
  atc,
  ErrorCode,
  RefusalCode,
  decodePayload,
  fromTimestamp,
  isRefusal,
  PayloadType,
  Periodic,
  type Component,
  type Logger,
} from '@atc/shared';
import type { ArchivedEnvelope, ArchiveReader } from '../archive/archive-reader.js';
import type { SqlDb } from '../db/sql-db.js';
import { BankBatch, type RecordKey } from './bank-batch.js';
import { organizationKeys, personKeys } from './subject-keys.js';
import { SubjectLinker, type DecisionRow } from './subject-linker.js';

/** Payload types the bank keeps as records (versions of (originator, record_id)). */
export const BANK_RECORD_TYPES = [
  PayloadType.PersonRecord,
  PayloadType.OrganizationRecord,
  PayloadType.IncidentReport,
] as const;
type BankRecordType = (typeof BANK_RECORD_TYPES)[number];
type BankRecord = atc.v1.PersonRecord | atc.v1.OrganizationRecord | atc.v1.IncidentReport;

const RECORD_CLASSES = {
  [PayloadType.PersonRecord]: atc.v1.PersonRecord,
  [PayloadType.OrganizationRecord]: atc.v1.OrganizationRecord,
  [PayloadType.IncidentReport]: atc.v1.IncidentReport,
} as const;

function isBankRecordType(type: string): type is BankRecordType {
  return (BANK_RECORD_TYPES as readonly string[]).includes(type);
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
} as const;

/** Envelopes read and applied per transaction: small enough that the archive's write lock it holds delays a pipeline commit by a few tens of milliseconds at most. */
export const DATABANK_BATCH = 200;

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
const SUBJECT_TABLES = Object.keys(SUBJECT_DUMP_ORDER);

/** The bank's tables, in the order `clear` empties them. */
export const DATABANK_TABLES = [
  'databank_records',
  'databank_versions',
  'databank_conflicts',
  'databank_flags',
  // Subjects (the operators' decisions, databank_decisions, are input, never cleared: a rebuild applies them again).
  ...SUBJECT_TABLES,
];

/**
 * The data bank's projection of the archive (DESIGN.md section 9): reads accepted envelopes
 * in log order through the {@link ArchiveReader} only, and applies each batch and the cursor
 * in one write transaction, re-reading the cursor inside it, so that a batch is applied
 * once whatever crashes or how many replicas run it.
 */
export class DatabankProjection {
  readonly #subjects: SubjectLinker;

  constructor(
    private readonly db: SqlDb,
    private readonly reader: ArchiveReader,
  ) {
    this.#subjects = new SubjectLinker(db);
  }

  /**
   * Applies the next batch (at most `limit` envelopes); resolves to how many were applied.
   * The batch is decoded first, the records it names are read in a few statements, it is
   * applied in log order to that view ({@link BankBatch}), and what changed is written with
   * multi-row statements: a dozen round trips per batch instead of several per envelope.
   */
  step(limit = DATABANK_BATCH): Promise<number> {
    return this.db.transaction(
      async () => {
        const from = await this.cursor();
        const batch = await this.reader.messagesFrom(from, limit);
        // Operators' decisions apply at the cursor they were made at, before the leaf there.
        const decisions = await this.#subjects.pendingDecisions();
        const decideUpTo = async (leaf: number): Promise<void> => {
          while (decisions[0] !== undefined && decisions[0].at_leaf <= leaf) {
            await this.#subjects.applyDecision(decisions.shift() as DecisionRow);
          }
        };
        if (batch.length === 0) {
          await decideUpTo(from);
          return 0;
        }
        const entries = batch.map(decodeEntry);
        const bank = await BankBatch.load(
          this.db,
          entries.flatMap((e) => (e.kind === 'version' || e.kind === 'withdrawal' ? [e.key] : [])),
          entries.flatMap((e) => (e.kind === 'version' ? [[e.key, e.version] as const] : [])),
        );
        // Subjects are linked as entries apply (their tables are written at once, not by the flush).
        for (const entry of entries) {
          await decideUpTo(entry.envelope.leafIndex);
          await this.apply(bank, entry);
        }
        await decideUpTo(batch.at(-1)!.leafIndex + 1);
        await bank.flush();
        await this.db.run('UPDATE databank_cursor SET next_leaf = ?, updated_at = ? WHERE id = 1', [
          batch.at(-1)!.leafIndex + 1,
          batch.at(-1)!.archivedAt,
        ]);
        return batch.length;
      },
      { write: true, relaxed: true },
    );
  }

  /** Applies batches until the cursor reaches the log's size as read at the start. */
  async catchUp(onProgress?: (cursor: number, size: number) => void): Promise<number> {
    const size = await this.reader.size();
    let applied = 0;
    while ((await this.cursor()) < size) {
      const n = await this.step();
      if (n === 0) break;
      applied += n;
      onProgress?.(await this.cursor(), size);
    }
    return applied;
  }

  /** Empties the bank and sets its cursor back to leaf 0, in one transaction. */
  async clear(): Promise<void> {
    await this.db.transaction(
      async () => {
        for (const table of DATABANK_TABLES) await this.db.run(`DELETE FROM ${table}`);
        await this.db.run('UPDATE databank_cursor SET next_leaf = 0, updated_at = 0 WHERE id = 1');
      },
      { write: true },
    );
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
    };
  }

  private async apply(bank: BankBatch, entry: BankEntry): Promise<void> {
    const { envelope } = entry;
    switch (entry.kind) {
      case 'skip':
        return;
      case 'flag':
        bank.flag(envelope.messageId, entry.code, envelope.leafIndex, entry.detail);
        return;
      case 'version':
        await this.applyVersion(bank, entry);
        return;
      case 'withdrawal':
        await this.applyWithdrawal(bank, entry);
    }
  }

  private async applyVersion(bank: BankBatch, entry: VersionEntry): Promise<void> {
    const { envelope, key, version, type } = entry;
    const { handling, evaluation } = handlingOf(envelope);
    const first = bank.firstVersion(key, version);
    bank.addVersion({
      key,
      version,
      messageId: envelope.messageId,
      leafIndex: envelope.leafIndex,
      archivedAt: envelope.archivedAt,
      contentSha256: entry.contentSha256,
      handling,
      evaluation,
    });
    if (first !== undefined && !Buffer.from(first.contentSha256).equals(entry.contentSha256)) {
      bank.addConflict(key, version, first.messageId, envelope.messageId, envelope.leafIndex);
    }

    const current = bank.record(key);
    if (current === undefined) {
      bank.setRecord(key, {
        recordType: type,
        currentVersion: version,
        currentMessageId: envelope.messageId,
        updatedAt: envelope.archivedAt,
        withdrawn: 0,
        withdrawnBy: null,
      });
      await this.#linkSubject(entry, true);
      return;
    }
    if (current.withdrawn === 1) {
      bank.flag(
        envelope.messageId,
        DatabankFlag.RECORD_WITHDRAWN,
        envelope.leafIndex,
        `${key.originator}/${key.recordId} v${version}`,
      );
      return;
    }
    if (version > current.currentVersion) {
      bank.setRecord(key, {
        ...current,
        recordType: type,
        currentVersion: version,
        currentMessageId: envelope.messageId,
        updatedAt: envelope.archivedAt,
      });
      await this.#linkSubject(entry, false);
    }
  }

  /** A version became current: persons and organisations are (re)linked into subjects. */
  async #linkSubject({ envelope, key, record }: VersionEntry, isNew: boolean): Promise<void> {
    const keys =
      record instanceof atc.v1.PersonRecord
        ? personKeys(record)
        : record instanceof atc.v1.OrganizationRecord
          ? organizationKeys(record)
          : undefined;
    if (keys === undefined) return;
    await this.#subjects.currentChanged(key, keys, envelope.leafIndex, envelope.archivedAt, isNew);
  }

  private async applyWithdrawal(bank: BankBatch, entry: WithdrawalEntry): Promise<void> {
    const { envelope, key } = entry;
    if (key.originator !== envelope.sender) {
      bank.flag(
        envelope.messageId,
        DatabankFlag.NOT_ORIGINATOR,
        envelope.leafIndex,
        `${key.originator}/${key.recordId}`,
      );
      return;
    }
    const current = bank.record(key);
    // A second withdrawal of a withdrawn record changes nothing; one of an unknown record is flagged.
    if (current === undefined) {
      bank.flag(
        envelope.messageId,
        DatabankFlag.RECORD_UNKNOWN,
        envelope.leafIndex,
        `${key.originator}/${key.recordId}`,
      );
      return;
    }
    if (current.withdrawn === 0) {
      bank.setRecord(key, {
        ...current,
        withdrawn: 1,
        withdrawnBy: envelope.messageId,
        updatedAt: envelope.archivedAt,
      });
      await this.#subjects.withdrawn(key, envelope.archivedAt);
    }
  }
}

/** A version of a bank record, decoded. */
interface VersionEntry {
  readonly kind: 'version';
  readonly envelope: ArchivedEnvelope;
  readonly type: BankRecordType;
  readonly key: RecordKey;
  readonly version: number;
  /** The record, decoded (its nonce cleared). */
  readonly record: BankRecord;
  /** SHA-256 of the content: the payload without the nonce that makes every message's payload unique. */
  readonly contentSha256: Buffer;
}

/** A withdrawal, decoded; `key` is the record it names. */
interface WithdrawalEntry {
  readonly kind: 'withdrawal';
  readonly envelope: ArchivedEnvelope;
  readonly key: RecordKey;
}

/** What one archived envelope does to the bank. */
type BankEntry =
  | VersionEntry
  | WithdrawalEntry
  | { readonly kind: 'skip'; readonly envelope: ArchivedEnvelope }
  | { readonly kind: 'flag'; readonly envelope: ArchivedEnvelope; readonly code: string; readonly detail: string };

/** Decodes an archived envelope into what it does to the bank (no database access). */
function decodeEntry(envelope: ArchivedEnvelope): BankEntry {
  const type = envelope.payloadType;
  if (!isBankRecordType(type) && type !== PayloadType.RecordWithdrawal) return { kind: 'skip', envelope };
  if (envelope.payload === undefined) {
    return { kind: 'flag', envelope, code: DatabankFlag.PAYLOAD_ERASED, detail: type };
  }
  let payload: atc.v1.RecordWithdrawal | BankRecord;
  try {
    payload = decodePayload(type, envelope.payload);
  } catch (e) {
    if (!isRefusal(e)) throw e;
    return { kind: 'flag', envelope, code: DatabankFlag.PAYLOAD_MALFORMED, detail: e.message };
  }
  const exercise = envelope.exercise ? 1 : 0;
  if (payload instanceof atc.v1.RecordWithdrawal) {
    const target = payload.target;
    return {
      kind: 'withdrawal',
      envelope,
      key: { exercise, originator: target?.originator ?? '', recordId: target?.recordId ?? '' },
    };
  }
  const recordType = type as BankRecordType;
  const cls = RECORD_CLASSES[recordType] as unknown as { encode(m: object): { finish(): Uint8Array } };
  const version = payload.version;
  const recordId = payload.recordId;
  payload.nonce = new Uint8Array(0);
  return {
    kind: 'version',
    envelope,
    type: recordType,
    key: { exercise, originator: envelope.sender, recordId },
    version,
    record: payload,
    contentSha256: createHash('sha256').update(cls.encode(payload).finish()).digest(),
  };
}

/** The envelope's handling marking and its 4x4 evaluation, as canonical JSON. */
function handlingOf(envelope: ArchivedEnvelope): { handling: string; evaluation: string } {
  const header = atc.v1.Header.decode(atc.v1.Envelope.decode(envelope.envelope).header);
  const h = header.handling ?? atc.v1.Handling.create();
  const reviewBy = fromTimestamp(h.reviewBy) ?? null;
  return {
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
      /** The lag after each run, in leaves (for the lag gauge). */
      readonly onLag?: (lag: number) => void;
    },
  ) {
    this.#periodic = new Periodic({
      name: 'data bank projection',
      everyMs: options.everyMs ?? 200,
      logger: options.logger,
      runAtStart: true,
      task: async () => {
        // Batch after batch until caught up, or until stopped (a stop waits for one batch, not the
        // backlog), letting the event loop run between batches: on SQLite a batch never waits for
        // I/O, so without it a long backlog would hold up the pipeline, NATS and HTTP until done.
        while (!this.#stopping && (await projection.step()) > 0) await setImmediatePromise();
        options.onLag?.((await projection.lag()).lag);
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
  ...SUBJECT_DUMP_ORDER,
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

import { AtcError, decodePayload, ErrorCode, isMemberId, payloadToJson, toIso, type PayloadType } from '@atc/shared';
import type { ArchiveReader } from '../archive/archive-reader.js';
import { marks as placeholders, padded } from '../db/insert-rows.js';
import type { SqlDb, SqlValue } from '../db/sql-db.js';
import { asBankWriter, type BankWriters } from './bank-writers.js';
import { currentView } from './review.js';
import { SubjectCategory } from './subject-keys.js';
import { CandidateStatus, DecisionKind, SubjectLinker, type DecisionRow, type RecordKey } from './subject-linker.js';
import { reasonsWithoutContent } from '../search/person-score.js';

/** Page sizes of the subject and candidate lists. */
export const SUBJECT_PAGE = { default: 50, max: 500 } as const;

/** Filter and page of {@link DatabankSubjects.listSubjects}. */
export interface SubjectFilter {
  /** The exercise namespace instead of the operational one. */
  readonly exercise?: boolean;
  /** Subjects with a record from this member (originator). */
  readonly member?: string;
  readonly category?: string;
  /** ISO 3166-1 alpha-2: subjects with a record giving this nationality (organisations: country). */
  readonly nationality?: string;
  /** Unix milliseconds: subjects updated at or after it. */
  readonly updatedSince?: number;
  /** `nextCursor` of the previous page. */
  readonly cursor?: string;
  readonly limit?: number;
}

/** A subject as listed: no record content (names, dates, documents), so no purpose is needed. */
export interface SubjectSummary {
  readonly subjectId: string;
  readonly exercise: boolean;
  readonly category: string;
  /** Current records linked to it. */
  readonly records: number;
  /** Records per member (originator), by member id. */
  readonly members: readonly { readonly member: string; readonly records: number }[];
  readonly nationalities: readonly string[];
  readonly updatedAt: string;
}

/** One page of subjects, oldest update first (stable: updated time, then subject id). */
export interface SubjectPage {
  readonly subjects: readonly SubjectSummary[];
  /** Cursor of the next page, null at the end. */
  readonly nextCursor: string | null;
}

/** One current record of a dossier. */
export interface DossierRecord {
  readonly originator: string;
  readonly recordId: string;
  readonly recordType: string;
  readonly version: number;
  /** The message that carried the current version. */
  readonly messageId: string;
  readonly archivedAt: string;
  readonly handling: Readonly<Record<string, unknown>>;
  /** Source reliability and information assessment (the 4x4 codes). */
  readonly evaluation: Readonly<Record<string, unknown>>;
  /** handling.review_by as RFC 3339, or null. */
  readonly reviewBy: string | null;
  /** The record as JSON (without its nonce); null when retention erased the payload. */
  readonly content: Readonly<Record<string, unknown>> | null;
}

/** Every current record linked to a subject: a content read (the HTTP layer audits it). */
export interface Dossier extends SubjectSummary {
  readonly dossier: readonly DossierRecord[];
}

/**
 * A candidate link: two person records the search scores at least the link threshold, or two
 * organisations with an equal name key, of different subjects (closed: one subject now).
 */
export interface CandidateView {
  readonly candidateId: string;
  readonly exercise: boolean;
  readonly status: string;
  readonly records: readonly { readonly originator: string; readonly recordId: string; readonly subjectId: string }[];
  /** The search's score of the pair (0..1; 0 for organisations, matched by an equal name key). */
  readonly score: number;
  /** Why the search matched them, one sentence each ("family name via ICAO key ABDULLAEV", "date of birth equal"). */
  readonly reasons: readonly string[];
  /** The decision that confirmed or rejected it, when one did. */
  readonly decision: DecisionView | null;
}

/** One page of candidates, by candidate id. */
export interface CandidatePage {
  readonly candidates: readonly CandidateView[];
  readonly nextCursor: string | null;
}

/** An operator decision as recorded. */
export interface DecisionView {
  readonly decisionId: string;
  readonly exercise: boolean;
  readonly kind: DecisionKind;
  readonly actor: string;
  readonly reason: string;
  readonly madeAt: string;
  /** The bank's cursor when it was made: a rebuild applies it after the leaves before it. */
  readonly atLeaf: number;
  readonly candidateId: string | null;
  readonly subjectId: string | null;
  readonly record: { readonly originator: string; readonly recordId: string } | null;
  readonly targetDecisionId: string | null;
  /** Whether a later decision reverted it. */
  readonly reverted: boolean;
}

/** What an operator decides. */
export type DecisionInput =
  | { readonly kind: 'confirm' | 'reject'; readonly candidateId: string; readonly exercise?: boolean }
  | {
      readonly kind: 'split';
      readonly subjectId: string;
      readonly originator: string;
      readonly recordId: string;
      readonly exercise?: boolean;
    }
  | { readonly kind: 'revert'; readonly decisionId: string; readonly exercise?: boolean };

/** A decision made, with the subjects its records belong to afterwards. */
export interface DecisionOutcome {
  readonly decision: DecisionView;
  readonly subjects: readonly string[];
}

/** The audit actions of decisions (the registry's AuditAction.DATABANK_*). */
const AUDIT_ACTIONS = {
  confirm: 'databank.confirm',
  reject: 'databank.reject',
  split: 'databank.split',
  revert: 'databank.revert',
} as const;

/** Who decides and why: both end up in the audit log. */
export interface DecisionActor {
  /** The person or process, e.g. `http:alice` (the token's name). */
  readonly who: string;
  /** Why (ticket, evidence): required. */
  readonly why: string;
  /** The role of the token behind an HTTP decision, recorded in the audit row. */
  readonly role?: string | undefined;
}

/**
 * The gateway's audit log, as the registry keeps it ({@link Registry.audited}): runs `apply`
 * in one write transaction with the audit row, after checking the actor and reason; with
 * `bank`, holding the data bank's write lock too.
 */
export interface DecisionAudit {
  audited<T>(
    actor: DecisionActor,
    action: (typeof AUDIT_ACTIONS)[keyof typeof AUDIT_ACTIONS],
    subject: string,
    apply: (now: number) => Promise<{ readonly result: T; readonly details: Readonly<Record<string, unknown>> }>,
    options: { readonly bank: true },
  ): Promise<T>;
}

const queryInvalid = (message: string): AtcError => new AtcError(ErrorCode.QUERY_INVALID, message);

function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return SUBJECT_PAGE.default;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > SUBJECT_PAGE.max) {
    throw queryInvalid(`limit must be a whole number from 1 to ${SUBJECT_PAGE.max}; got ${String(limit)}.`);
  }
  return limit;
}

/** An opaque cursor: base64url of a JSON array. */
function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

function decodeCursor<T extends readonly unknown[]>(cursor: string, check: (v: readonly unknown[]) => v is T): T {
  let value: unknown;
  try {
    value = /^[A-Za-z0-9_-]{1,400}$/.test(cursor)
      ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
      : null;
  } catch {
    value = null;
  }
  if (!Array.isArray(value) || !check(value)) {
    throw new AtcError(ErrorCode.CURSOR_INVALID, 'cursor is not one this list returned; start again without a cursor.');
  }
  return value;
}

const isSubjectCursor = (v: readonly unknown[]): v is [number, string] =>
  v.length === 2 && Number.isSafeInteger(v[0]) && typeof v[1] === 'string';
const isCandidateCursor = (v: readonly unknown[]): v is [string] => v.length === 1 && typeof v[0] === 'string';

function parseJson(text: string): Record<string, unknown> {
  return JSON.parse(text) as Record<string, unknown>;
}

interface SubjectRow {
  subject_id: string;
  exercise: number;
  category: string;
  records: number;
}

interface CandidateRow {
  candidate_id: string;
  exercise: number;
  a_originator: string;
  a_record_id: string;
  b_originator: string;
  b_record_id: string;
  a_subject: string;
  b_subject: string;
  status: string;
  decided_by: number | null;
  score: number;
  reasons: string;
}

const CANDIDATE_COLUMNS = `candidate_id, exercise, a_originator, a_record_id, b_originator, b_record_id, a_subject,
  b_subject, status, decided_by, score, reasons`;

/**
 * The data bank's subjects for operators (DESIGN.md section 9): listings, dossiers, candidate
 * links and the decisions on them, as plain JSON-able objects for the HTTP layer. Every read
 * names its namespace: an operational read never returns an exercise subject, nor the reverse.
 */
export class DatabankSubjects {
  readonly #db: SqlDb;
  readonly #reader: ArchiveReader;
  readonly #audit: DecisionAudit;
  readonly #linker: SubjectLinker;
  readonly #bankWriters: BankWriters | undefined;

  /**
   * @param options.audit the gateway's audit log: the registry.
   * @param options.linkThreshold the projection's (ATC_LINK_THRESHOLD): a split proposes the
   *   record's candidates again with it.
   */
  constructor(options: {
    readonly db: SqlDb;
    readonly reader: ArchiveReader;
    readonly audit: DecisionAudit;
    readonly linkThreshold?: number;
    /** This process's writers of the bank, which its projection thread gives way to (see {@link BankWriters}). */
    readonly bankWriters?: BankWriters | undefined;
  }) {
    this.#bankWriters = options.bankWriters;
    this.#db = options.db;
    this.#reader = options.reader;
    this.#audit = options.audit;
    this.#linker = new SubjectLinker(
      options.db,
      options.linkThreshold === undefined ? {} : { linkThreshold: options.linkThreshold },
    );
  }

  /**
   * Subjects matching the filter, a page at a time, ordered by update time then subject id.
   * Each filter combination is read from one index range (`databank_subject_list`).
   *
   * @throws AtcError QUERY_INVALID for a malformed filter, limit or cursor.
   */
  async listSubjects(filter: SubjectFilter = {}): Promise<SubjectPage> {
    const limit = pageLimit(filter.limit);
    const exercise = filter.exercise === true ? 1 : 0;
    const member = filter.member;
    if (member !== undefined && !isMemberId(member))
      throw queryInvalid(`member ${JSON.stringify(member)} is not a member id.`);
    const nationality = filter.nationality?.toUpperCase();
    if (nationality !== undefined && !/^[A-Z]{2}$/.test(nationality)) {
      throw queryInvalid(`nationality ${JSON.stringify(filter.nationality)} is not an ISO 3166-1 alpha-2 code.`);
    }
    const category = filter.category;
    if (category !== undefined && !Object.values(SubjectCategory).includes(category as SubjectCategory)) {
      throw queryInvalid(`category must be one of ${Object.values(SubjectCategory).join(', ')}.`);
    }
    const since = filter.updatedSince ?? 0;
    if (!Number.isSafeInteger(since) || since < 0) throw queryInvalid('updated_since must be a time.');
    const [afterAt, afterId] = filter.cursor === undefined ? [since, ''] : decodeCursor(filter.cursor, isSubjectCursor);

    const facet = member !== undefined ? `m:${member}` : nationality !== undefined ? `n:${nationality}` : '*';
    // One index range per category asked (both when none is): each read in order, at most a
    // page and one from each, merged.
    const categories = category === undefined ? Object.values(SubjectCategory) : [category];
    const params: SqlValue[] = [];
    // The range starts at the later of `since` and the cursor's time: given both lower bounds
    // on updated_at, SQLite took `since` for the range and walked it from there on every page.
    const from = Math.max(since, afterAt);
    const ranges = categories.map((c) => {
      params.push(exercise, `${c}|${facet}`, from, afterAt, afterId);
      let also = '';
      if (member !== undefined && nationality !== undefined) {
        also = `AND EXISTS (SELECT 1 FROM databank_subject_facets f
                  WHERE f.subject_id = databank_subject_list.subject_id AND f.facet = ?)`;
        params.push(`n:${nationality}`);
      }
      // The page's size is a parameter: one statement for every size asked.
      params.push(limit + 1);
      return `SELECT * FROM (SELECT subject_id, updated_at FROM databank_subject_list
         WHERE exercise = ? AND list_key = ? AND updated_at >= ? AND (updated_at, subject_id) > (?, ?) ${also}
         ORDER BY updated_at, subject_id LIMIT ?) ${c}_range`;
    });
    params.push(limit + 1);
    const rows = await this.#db.all<{ subject_id: string; updated_at: number }>(
      `${ranges.join(' UNION ALL ')} ORDER BY updated_at, subject_id LIMIT ?`,
      params,
    );
    const page = rows.slice(0, limit);
    const subjects = await this.#summaries(page.map((r) => r.subject_id));
    const last = page.at(-1);
    return {
      subjects,
      nextCursor: rows.length > limit && last !== undefined ? encodeCursor([last.updated_at, last.subject_id]) : null,
    };
  }

  /**
   * A subject's metadata (category, records per member, nationalities, update time), as the
   * listing shows it: no record content.
   *
   * @throws AtcError SUBJECT_UNKNOWN when the namespace holds no such subject.
   */
  async summary(subjectId: string, exercise: boolean): Promise<SubjectSummary> {
    const summary = (await this.#summaries([subjectId]))[0];
    if (summary === undefined || summary.exercise !== exercise) {
      throw new AtcError(
        ErrorCode.SUBJECT_UNKNOWN,
        `no subject ${JSON.stringify(subjectId)} in the ${exercise ? 'exercise' : 'operational'} bank; list the subjects to find its id (subjects merge and split, so ids change).`,
      );
    }
    return summary;
  }

  /**
   * Every current record linked to the subject, with its content decoded through the archive
   * reader: a content read, which the caller audits with its purpose before sending it.
   *
   * @throws AtcError SUBJECT_UNKNOWN when the namespace holds no such subject.
   */
  async dossier(
    subjectId: string,
    options: { readonly exercise?: boolean; readonly now?: number } = {},
  ): Promise<Dossier> {
    const summary = await this.summary(subjectId, options.exercise === true);
    // As of `now`, records past their review date are out of the current view (review.ts).
    const view = options.now === undefined ? undefined : currentView('r', options.now);
    const rows = await this.#db.all<{
      originator: string;
      record_id: string;
      record_type: string;
      current_version: number;
      current_message_id: string;
      archived_at: number;
      handling: string;
      evaluation: string;
    }>(
      `SELECT s.originator, s.record_id, r.record_type, r.current_version, r.current_message_id, v.archived_at,
         v.handling, v.evaluation
       FROM databank_subject_records s
       JOIN databank_records r ON r.exercise = s.exercise AND r.originator = s.originator AND r.record_id = s.record_id
       JOIN databank_versions v ON v.message_id = r.current_message_id
       WHERE s.subject_id = ? ${view === undefined ? '' : `AND ${view.where}`}
       ORDER BY s.first_leaf, s.originator, s.record_id`,
      [subjectId, ...(view?.params ?? [])],
    );
    const dossier: DossierRecord[] = [];
    for (const r of rows) {
      const handling = parseJson(r.handling);
      const reviewBy = typeof handling['reviewBy'] === 'number' ? toIso(handling['reviewBy']) : null;
      dossier.push({
        originator: r.originator,
        recordId: r.record_id,
        recordType: r.record_type,
        version: r.current_version,
        messageId: r.current_message_id,
        archivedAt: toIso(r.archived_at),
        handling: { ...handling, reviewBy },
        evaluation: parseJson(r.evaluation),
        reviewBy,
        content: await this.#content(r.current_message_id, r.record_type),
      });
    }
    return { ...summary, dossier };
  }

  /**
   * Candidate links in one state (default open), a page at a time by candidate id. Lists no
   * record content: operators read both dossiers (with a purpose) to decide.
   *
   * @throws AtcError QUERY_INVALID for an unknown status, a bad limit or cursor.
   */
  async candidates(
    options: {
      readonly status?: string;
      readonly exercise?: boolean;
      readonly cursor?: string;
      readonly limit?: number;
    } = {},
  ): Promise<CandidatePage> {
    const limit = pageLimit(options.limit);
    const status = options.status ?? CandidateStatus.OPEN;
    if (!Object.values(CandidateStatus).includes(status as CandidateStatus)) {
      throw queryInvalid(`status must be one of ${Object.values(CandidateStatus).join(', ')}.`);
    }
    const [after] = options.cursor === undefined ? [''] : decodeCursor(options.cursor, isCandidateCursor);
    const rows = await this.#db.all<CandidateRow>(
      `SELECT ${CANDIDATE_COLUMNS} FROM databank_candidates WHERE exercise = ? AND status = ? AND candidate_id > ?
       ORDER BY candidate_id LIMIT ?`,
      [options.exercise === true ? 1 : 0, status, after, limit + 1],
    );
    const page = rows.slice(0, limit);
    const candidates: CandidateView[] = [];
    for (const row of page) candidates.push(await this.#candidateView(row));
    return {
      candidates,
      nextCursor: rows.length > limit && page.length > 0 ? encodeCursor([page.at(-1)!.candidate_id]) : null,
    };
  }

  /** One candidate link. @throws AtcError CANDIDATE_UNKNOWN. */
  async candidate(candidateId: string, options: { readonly exercise?: boolean } = {}): Promise<CandidateView> {
    return this.#candidateView(await this.#candidateRow(candidateId, options.exercise === true));
  }

  /** One decision. @throws AtcError DECISION_UNKNOWN. */
  async decision(decisionId: string, options: { readonly exercise?: boolean } = {}): Promise<DecisionView> {
    return this.#decisionView(await this.#decisionRow(decisionId, options.exercise === true));
  }

  /**
   * Records an operator decision and applies it to the bank at once, in one write transaction
   * with its row in the gateway's audit log (who, when, why, what). The decision is kept apart
   * from what the projection derives, with the bank's cursor: a rebuild applies it at the same
   * place in the log, giving the same bank.
   *
   * @throws RegistryError ACTOR_REQUIRED or REASON_REQUIRED (nothing written).
   * @throws AtcError CANDIDATE_UNKNOWN, CANDIDATE_STALE, SUBJECT_UNKNOWN, SPLIT_INVALID,
   *   DECISION_UNKNOWN, DECISION_STALE, or DATABANK_BUSY while a rebuild has not yet applied
   *   earlier decisions (retryable).
   */
  async decide(input: DecisionInput, actor: DecisionActor): Promise<DecisionOutcome> {
    const exercise = input.exercise === true ? 1 : 0;
    // Named as the bank's content reads are: the exercise namespace's apart by its prefix.
    const auditSubject = `${exercise === 1 ? 'exercise:' : ''}${
      input.kind === 'split'
        ? `subject:${input.subjectId}`
        : input.kind === 'revert'
          ? `decision:${input.decisionId}`
          : `candidate:${input.candidateId}`
    }`;
    // With the bank's write lock too: no batch of the projection runs between the cursor read
    // below and the decision's application (on SQLite the bank is a file of its own). Counted
    // among the bank's writers, which the projection's thread gives way to.
    return asBankWriter(this.#bankWriters, () => this.#decide(input, exercise, auditSubject, actor));
  }

  async #decide(
    input: DecisionInput,
    exercise: number,
    auditSubject: string,
    actor: DecisionActor,
  ): Promise<DecisionOutcome> {
    return this.#audit.audited(
      actor,
      AUDIT_ACTIONS[input.kind],
      auditSubject,
      async (now) => {
        if ((await this.#linker.pendingDecisions()).length > 0) {
          throw new AtcError(
            ErrorCode.DATABANK_BUSY,
            'the data bank is being rebuilt and has not yet applied the decisions made before; decide again in a moment.',
            { retryable: true },
          );
        }
        const fields = await this.#decisionFields(input, exercise);
        const cursor = (await this.#db.get<{ next_leaf: number }>(
          'SELECT next_leaf FROM databank_cursor WHERE id = 1',
        ))!.next_leaf;
        const id = (await this.#db.get<{ id: number }>(
          'SELECT COALESCE(MAX(decision_id), 0) + 1 AS id FROM databank_decisions',
        ))!.id;
        const row: DecisionRow = {
          decision_id: id,
          exercise,
          kind: input.kind,
          at_leaf: cursor,
          made_at: now,
          actor: actor.who.trim(),
          reason: actor.why.trim(),
          ...fields,
        };
        await this.#db.run(
          `INSERT INTO databank_decisions (decision_id, exercise, kind, at_leaf, made_at, actor, reason, candidate_id,
           subject_id, a_originator, a_record_id, b_originator, b_record_id, target_decision)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            row.decision_id,
            row.exercise,
            row.kind,
            row.at_leaf,
            row.made_at,
            row.actor,
            row.reason,
            row.candidate_id,
            row.subject_id,
            row.a_originator,
            row.a_record_id,
            row.b_originator,
            row.b_record_id,
            row.target_decision,
          ],
        );
        await this.#linker.applyDecision(row);
        const subjects = await this.#subjectsAfter(row);
        const decision = await this.#decisionView(row);
        return {
          result: { decision, subjects },
          details: {
            decisionId: decision.decisionId,
            kind: row.kind,
            exercise: exercise === 1,
            atLeaf: row.at_leaf,
            candidateId: row.candidate_id,
            subjectId: row.subject_id,
            records: [
              [row.a_originator, row.a_record_id],
              [row.b_originator, row.b_record_id],
            ].filter(([o]) => o !== null),
            targetDecisionId: row.target_decision === null ? null : String(row.target_decision),
            subjectsAfter: subjects,
          },
        };
      },
      { bank: true },
    );
  }

  /** Checks the decision against the bank as it is now; the columns it records. */
  async #decisionFields(
    input: DecisionInput,
    exercise: number,
  ): Promise<
    Pick<
      DecisionRow,
      | 'candidate_id'
      | 'subject_id'
      | 'a_originator'
      | 'a_record_id'
      | 'b_originator'
      | 'b_record_id'
      | 'target_decision'
    >
  > {
    const none = {
      candidate_id: null,
      subject_id: null,
      a_originator: null,
      a_record_id: null,
      b_originator: null,
      b_record_id: null,
      target_decision: null,
    };
    switch (input.kind) {
      case 'confirm':
      case 'reject': {
        const c = await this.#candidateRow(input.candidateId, exercise === 1);
        if (c.status !== CandidateStatus.OPEN) {
          throw new AtcError(
            ErrorCode.CANDIDATE_STALE,
            `candidate ${c.candidate_id} is ${c.status}, not open: it was decided already or its records are one subject now; list the open candidates again.`,
          );
        }
        return {
          ...none,
          candidate_id: c.candidate_id,
          a_originator: c.a_originator,
          a_record_id: c.a_record_id,
          b_originator: c.b_originator,
          b_record_id: c.b_record_id,
        };
      }
      case 'split': {
        const subject = await this.#db.get<SubjectRow>(
          'SELECT subject_id, exercise, category, records FROM databank_subjects WHERE subject_id = ?',
          [input.subjectId],
        );
        if (subject === undefined || subject.exercise !== exercise) {
          throw new AtcError(ErrorCode.SUBJECT_UNKNOWN, `no subject ${JSON.stringify(input.subjectId)} in this bank.`);
        }
        const member = await this.#db.get<{ subject_id: string }>(
          'SELECT subject_id FROM databank_subject_records WHERE exercise = ? AND originator = ? AND record_id = ?',
          [exercise, input.originator, input.recordId],
        );
        if (member?.subject_id !== subject.subject_id) {
          throw new AtcError(
            ErrorCode.SPLIT_INVALID,
            `record ${input.originator}/${input.recordId} is not linked to subject ${subject.subject_id}; read the dossier to see its records.`,
          );
        }
        if (subject.records < 2) {
          throw new AtcError(
            ErrorCode.SPLIT_INVALID,
            `subject ${subject.subject_id} has only this record: nothing to split.`,
          );
        }
        return { ...none, subject_id: subject.subject_id, a_originator: input.originator, a_record_id: input.recordId };
      }
      case 'revert': {
        const target = await this.#decisionRow(input.decisionId, exercise === 1);
        if (target.kind === DecisionKind.REVERT) {
          throw new AtcError(
            ErrorCode.DECISION_STALE,
            `decision ${target.decision_id} is itself a revert; make the original decision again instead.`,
          );
        }
        if (await this.#revertOf(target.decision_id)) {
          throw new AtcError(ErrorCode.DECISION_STALE, `decision ${target.decision_id} is reverted already.`);
        }
        return { ...none, target_decision: target.decision_id };
      }
    }
  }

  async #revertOf(decisionId: number): Promise<boolean> {
    return (
      (await this.#db.get('SELECT 1 AS one FROM databank_decisions WHERE target_decision = ? AND kind = ?', [
        decisionId,
        DecisionKind.REVERT,
      ])) !== undefined
    );
  }

  async #subjectsAfter(row: DecisionRow): Promise<string[]> {
    const keys: RecordKey[] = [];
    let target = row;
    if (row.kind === DecisionKind.REVERT) {
      target = (await this.#db.get<DecisionRow>('SELECT * FROM databank_decisions WHERE decision_id = ?', [
        row.target_decision,
      ]))!;
    }
    if (target.a_originator !== null)
      keys.push({ exercise: row.exercise, originator: target.a_originator, recordId: target.a_record_id! });
    if (target.b_originator !== null)
      keys.push({ exercise: row.exercise, originator: target.b_originator, recordId: target.b_record_id! });
    if (target.kind === DecisionKind.SPLIT && target.subject_id !== null) {
      // The rest of the subject the record was taken from.
      const rest = await this.#db.all<{ originator: string; record_id: string }>(
        `SELECT originator, record_id FROM databank_subject_records WHERE subject_id = ? LIMIT 1`,
        [target.subject_id],
      );
      for (const r of rest) keys.push({ exercise: row.exercise, originator: r.originator, recordId: r.record_id });
    }
    const subjects = new Set<string>();
    for (const k of keys) {
      const s = await this.#db.get<{ subject_id: string }>(
        'SELECT subject_id FROM databank_subject_records WHERE exercise = ? AND originator = ? AND record_id = ?',
        [k.exercise, k.originator, k.recordId],
      );
      if (s !== undefined) subjects.add(s.subject_id);
    }
    return [...subjects].sort();
  }

  async #candidateRow(candidateId: string, exercise: boolean): Promise<CandidateRow> {
    const row = await this.#db.get<CandidateRow>(
      `SELECT ${CANDIDATE_COLUMNS} FROM databank_candidates WHERE candidate_id = ?`,
      [candidateId],
    );
    if (row === undefined || row.exercise !== (exercise ? 1 : 0)) {
      throw new AtcError(
        ErrorCode.CANDIDATE_UNKNOWN,
        `no candidate link ${JSON.stringify(candidateId)} in the ${exercise ? 'exercise' : 'operational'} bank; list the candidates to find its id.`,
      );
    }
    return row;
  }

  async #decisionRow(decisionId: string, exercise: boolean): Promise<DecisionRow> {
    const row = /^[1-9][0-9]{0,14}$/.test(decisionId)
      ? await this.#db.get<DecisionRow>('SELECT * FROM databank_decisions WHERE decision_id = ?', [Number(decisionId)])
      : undefined;
    if (row === undefined || row.exercise !== (exercise ? 1 : 0)) {
      throw new AtcError(
        ErrorCode.DECISION_UNKNOWN,
        `no decision ${JSON.stringify(decisionId)} in the ${exercise ? 'exercise' : 'operational'} bank.`,
      );
    }
    return row;
  }

  async #candidateView(row: CandidateRow): Promise<CandidateView> {
    const decided =
      row.decided_by === null
        ? undefined
        : await this.#db.get<DecisionRow>('SELECT * FROM databank_decisions WHERE decision_id = ?', [row.decided_by]);
    return {
      candidateId: row.candidate_id,
      exercise: row.exercise === 1,
      status: row.status,
      records: [
        { originator: row.a_originator, recordId: row.a_record_id, subjectId: row.a_subject },
        { originator: row.b_originator, recordId: row.b_record_id, subjectId: row.b_subject },
      ],
      score: row.score / 1000,
      // Stored without content; stripped again for rows a restored candidate wrote whole before.
      reasons: reasonsWithoutContent(JSON.parse(row.reasons) as string[]),
      decision: decided === undefined ? null : await this.#decisionView(decided),
    };
  }

  async #decisionView(row: DecisionRow): Promise<DecisionView> {
    return {
      decisionId: String(row.decision_id),
      exercise: row.exercise === 1,
      kind: row.kind,
      actor: row.actor,
      reason: row.reason,
      madeAt: toIso(row.made_at),
      atLeaf: row.at_leaf,
      candidateId: row.candidate_id,
      subjectId: row.subject_id,
      record:
        row.kind === DecisionKind.SPLIT && row.a_originator !== null
          ? { originator: row.a_originator, recordId: row.a_record_id! }
          : null,
      targetDecisionId: row.target_decision === null ? null : String(row.target_decision),
      reverted: await this.#revertOf(row.decision_id),
    };
  }

  /** Summaries of the subjects (those that exist), in the order asked. */
  async #summaries(ids: readonly string[]): Promise<SubjectSummary[]> {
    if (ids.length === 0) return [];
    // A page's ids, padded to one of a few lengths (a repeated id changes no result).
    const list = padded(ids);
    const marks = placeholders(list.length);
    const subjects = await this.#db.all<SubjectRow & { listed_at: number }>(
      `SELECT subject_id, exercise, category, records, listed_at FROM databank_subjects WHERE subject_id IN (${marks})`,
      list,
    );
    // A subject's update time is the time its listing rows carry.
    const updated = new Map(subjects.map((t) => [t.subject_id, t.listed_at]));
    const facets = await this.#db.all<{ subject_id: string; facet: string; records: number }>(
      `SELECT subject_id, facet, records FROM databank_subject_facets WHERE subject_id IN (${marks}) ORDER BY subject_id, facet`,
      list,
    );
    const byId = new Map(subjects.map((s) => [s.subject_id, s]));
    return ids.flatMap((id) => {
      const s = byId.get(id);
      if (s === undefined) return [];
      const mine = facets.filter((f) => f.subject_id === id);
      return [
        {
          subjectId: id,
          exercise: s.exercise === 1,
          category: s.category,
          records: s.records,
          members: mine
            .filter((f) => f.facet.startsWith('m:'))
            .map((f) => ({ member: f.facet.slice(2), records: f.records })),
          nationalities: mine.filter((f) => f.facet.startsWith('n:')).map((f) => f.facet.slice(2)),
          updatedAt: toIso(updated.get(id) ?? 0),
        },
      ];
    });
  }

  /** The current version's content as JSON, read through the archive reader; null once erased. */
  async #content(messageId: string, recordType: string): Promise<Record<string, unknown> | null> {
    const envelope = await this.#reader.message(messageId);
    if (envelope?.payload === undefined) return null;
    const type = recordType as PayloadType;
    return payloadToJson(type, decodePayload(type, envelope.payload), { input: true });
  }
}

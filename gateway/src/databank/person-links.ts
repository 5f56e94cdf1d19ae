import { insertRows, marks, padded } from '../db/insert-rows.js';
import type { SqlDb, SqlValue } from '../db/sql-db.js';
import { BankPersonSearcher, recordLists, type LinkPartner } from '../search/bank-searcher.js';
import type { PersonProfile } from '../search/person-profile.js';
import { ParsedProfiles } from '../search/profile-cache.js';
import { NearSkeletonMemo, type VocabularyEntry } from '../search/search-index.js';
import {
  DATES_DIFFER_CEILING,
  profileScore,
  reasonsWithoutContent,
  scoreCeiling,
  scoreProfile,
  type ProfileScore,
} from '../search/person-score.js';
import { DEFAULT_LINK_THRESHOLD } from '../config/link-threshold.js';

/** A bank record's identity: namespace (1 = exercise), originator, record id. */
export interface LinkedRecord {
  readonly exercise: number;
  readonly originator: string;
  readonly recordId: string;
}

/**
 * Candidate links proposed per person record and round: a name shared by hundreds proposes
 * the best scored ones only (as name keys proposed at most MAX_CANDIDATES_PER_KEY).
 */
export const MAX_CANDIDATES_PER_RECORD = 50;

/** The columns of a proposed candidate's row, as {@link PersonLinkProposer} writes it. */
const CANDIDATE_COLUMNS = [
  'candidate_id',
  'exercise',
  'a_originator',
  'a_record_id',
  'b_originator',
  'b_record_id',
  'a_subject',
  'b_subject',
  'status',
  'created_leaf',
  'score',
  'reasons',
] as const;

/** What a candidate row needs to know of a person record: its profile, subject and first leaf. */
interface Held {
  readonly profile: PersonProfile;
  readonly subjectId: string;
  readonly firstLeaf: number;
}

const textOf = (k: { originator: string; recordId: string }): string => `${k.originator}\u0000${k.recordId}`;

/**
 * A pair's score, the same whichever record proposes it: the search scores a query against a
 * candidate (a part only the query has costs weight, one only the candidate has may not), so
 * each record is scored as the query against the other and the better score is the pair's,
 * with its reasons (the first record's when equal).
 */
function scorePair(a: PersonProfile, b: PersonProfile): ProfileScore {
  return explainPair(a, b, pairValue(a, b));
}

/** {@link scorePair}'s score without its reasons, and which record was the query for it. */
function pairValue(a: PersonProfile, b: PersonProfile): { readonly score: number; readonly bFirst: boolean } {
  const ab = profileScore(a, b);
  const ba = profileScore(b, a);
  return { score: Math.max(ab, ba), bFirst: ba > ab };
}

/** The pair's score with its reasons, from the direction {@link pairValue} chose (profileScore is scoreProfile's score). */
function explainPair(a: PersonProfile, b: PersonProfile, value: { readonly bFirst: boolean }): ProfileScore {
  return value.bFirst ? scoreProfile(b, a) : scoreProfile(a, b);
}

/**
 * Proposes the candidate links of person records with the person search (DESIGN.md sections
 * 9 and 10): a record whose current version changed is queued, and once the batch's search
 * index is written ({@link proposePending}) its partners are retrieved by the search engine in
 * its namespace only, each pair is scored (the same whichever side proposes it: see
 * {@link scorePair}), and every pair scoring at least the
 * threshold is a candidate: open between two subjects, closed inside one (at most
 * {@link MAX_CANDIDATES_PER_RECORD}, the best). Its undecided candidates not proposed again
 * are dropped; decided ones keep their status (and get the new score when proposed again). A candidate's id and creation leaf depend on its pair only (the later
 * of the two records' first leaves), so that a rebuild in batches of any size gives the same rows.
 */
export class PersonLinkProposer {
  readonly #searcher: BankPersonSearcher;
  readonly #pending = new Map<string, LinkedRecord>();
  /** The neighbours of the skeletons read in this projection batch, if in one (see {@link withinBatch}). */
  #near: NearSkeletonMemo | undefined;
  readonly #threshold: number;
  /** Thousandths: the integer the candidates' score column holds. */
  readonly #thresholdMilli: number;

  constructor(
    private readonly db: SqlDb,
    private readonly candidateIdOf: (exercise: number, a: LinkedRecord, b: LinkedRecord) => string,
    threshold = DEFAULT_LINK_THRESHOLD,
  ) {
    this.#searcher = new BankPersonSearcher(db);
    this.#threshold = threshold;
    this.#thresholdMilli = Math.round(threshold * 1000);
  }

  /** The score from which a pair of person records is a candidate link (0..1). */
  get threshold(): number {
    return this.#threshold;
  }

  /** `key` changed (a new current version, a new subject): its candidates are proposed again. */
  queue(key: LinkedRecord): void {
    this.#pending.set(`${key.exercise}\u0000${textOf(key)}`, key);
  }

  /** Forgets the queue (a batch that failed is applied again from its start). */
  discard(): void {
    this.#pending.clear();
  }

  /**
   * Runs `fn` (a projection batch, inside its transaction) remembering the neighbours of the
   * skeletons it reads, which {@link vocabularyAdded} keeps true to the index: a batch's
   * namesakes read them once. Outside, every read goes to the index (another connection, or
   * another replica's projection, may have changed it).
   */
  async withinBatch<T>(fn: () => Promise<T>): Promise<T> {
    this.#near = new NearSkeletonMemo();
    try {
      return await fn();
    } finally {
      this.#near = undefined;
    }
  }

  /** The search index's vocabulary gained these skeletons (what the neighbours read of it must follow). */
  vocabularyAdded(added: readonly VocabularyEntry[]): void {
    for (const a of added) this.#near?.added(a.exercise, a.skeleton);
  }

  /**
   * Proposes the queued records' candidates (call once the search index holds the batch's
   * profiles), in the order of their record texts.
   */
  async proposePending(): Promise<void> {
    const keys = [...this.#pending.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, k]) => k);
    this.#pending.clear();
    for (const key of keys) await this.#propose(key);
  }

  /**
   * The pair's score and reasons (canonical order: `a` before `b`), or undefined when either is
   * not a current person record of the bank.
   */
  async pairScore(exercise: number, a: LinkedRecord, b: LinkedRecord): Promise<ProfileScore | undefined> {
    const ha = await this.#held({ exercise, originator: a.originator, recordId: a.recordId });
    const hb = await this.#held({ exercise, originator: b.originator, recordId: b.recordId });
    return ha === undefined || hb === undefined ? undefined : scorePair(ha.profile, hb.profile);
  }

  async #propose(key: LinkedRecord): Promise<void> {
    const own = await this.#held(key);
    // Withdrawn, or no longer a person, since it was queued: its candidates went with it.
    if (own === undefined) return;
    const passing: {
      readonly other: LinkPartner;
      readonly a: LinkedRecord;
      readonly b: LinkedRecord;
      readonly score: ProfileScore;
    }[] = [];
    // Above the ceiling of pairs whose dates of birth differ, only the dates its own can agree with are read.
    const byDate = this.#thresholdMilli > Math.round(DATES_DIFFER_CEILING * 1000);
    for (const other of await this.#searcher.linkPartners(key.exercise, own.profile, { byDate, near: this.#near })) {
      if (other.originator === key.originator && other.recordId === key.recordId) continue;
      // Most namesakes differ in the date of birth or sex: no spelling of the names can make them a pair.
      const ceiling = Math.max(scoreCeiling(own.profile, other.profile), scoreCeiling(other.profile, own.profile));
      if (Math.round(ceiling * 1000) < this.#thresholdMilli) continue;
      const mineFirst = textOf(key) < textOf(other);
      const [first, second] = mineFirst ? [own.profile, other.profile] : [other.profile, own.profile];
      const value = pairValue(first, second);
      if (Math.round(value.score * 1000) < this.#thresholdMilli) continue;
      const score = explainPair(first, second, value);
      const partner: LinkedRecord = { exercise: key.exercise, originator: other.originator, recordId: other.recordId };
      passing.push({ other, a: mineFirst ? key : partner, b: mineFirst ? partner : key, score });
    }
    // The subjects of the few pairs that pass (a partner that has none is not a person of the bank's subjects).
    const subjects = await this.#subjectsOf(
      key.exercise,
      passing.map((p) => p.other),
    );
    const proposals = passing.flatMap((p) => {
      const subject = subjects.get(textOf(p.other));
      return subject === undefined ? [] : [{ ...p, subject }];
    });
    proposals.sort((x, y) => y.score.score - x.score.score || (textOf(x.other) < textOf(y.other) ? -1 : 1));
    const proposed = new Set<string>();
    const rows: SqlValue[][] = [];
    for (const p of proposals.slice(0, MAX_CANDIDATES_PER_RECORD)) {
      const id = this.candidateIdOf(key.exercise, p.a, p.b);
      proposed.add(id);
      const [sa, sb] = p.a === key ? [own.subjectId, p.subject.subjectId] : [p.subject.subjectId, own.subjectId];
      rows.push([
        id,
        key.exercise,
        p.a.originator,
        p.a.recordId,
        p.b.originator,
        p.b.recordId,
        sa,
        sb,
        sa === sb ? 'closed' : 'open',
        Math.max(own.firstLeaf, p.subject.firstLeaf),
        Math.round(p.score.score * 1000),
        // Candidates are listed to roles without access to content: the evidence, not the names.
        JSON.stringify(reasonsWithoutContent(p.score.reasons)),
      ]);
    }
    // A few statements per record (the proposals are distinct pairs, each upserted once), not
    // fifty; a new candidate is undecided (decided_by NULL).
    await insertRows(
      this.db,
      'databank_candidates',
      CANDIDATE_COLUMNS,
      rows,
      ' ON CONFLICT (candidate_id) DO UPDATE SET score = excluded.score, reasons = excluded.reasons',
    );
    await this.#dropUnproposed(key, proposed);
  }

  /**
   * The record's undecided candidates this round did not propose (their score fell below the
   * threshold, or the search no longer retrieves them among the record's best) go: a record's
   * undecided candidates are those of its latest round and those others' rounds proposed
   * since. Two statements by index, however many candidates the record had.
   */
  async #dropUnproposed(key: LinkedRecord, proposed: ReadonlySet<string>): Promise<void> {
    // At most MAX_CANDIDATES_PER_RECORD ids, padded to one of a few lengths.
    const ids = proposed.size === 0 ? [] : padded([...proposed]);
    const keep = ids.length === 0 ? '' : `AND candidate_id NOT IN (${marks(ids.length)})`;
    for (const side of ['a', 'b'] as const) {
      await this.db.run(
        `DELETE FROM databank_candidates WHERE exercise = ? AND ${side}_originator = ? AND ${side}_record_id = ?
           AND status IN ('open', 'closed') ${keep}`,
        [key.exercise, key.originator, key.recordId, ...ids],
      );
    }
  }

  /** The subject and first leaf of each of these records that has them, by record text. */
  async #subjectsOf(
    exercise: number,
    records: readonly { readonly originator: string; readonly recordId: string }[],
  ): Promise<Map<string, { readonly subjectId: string; readonly firstLeaf: number }>> {
    const out = new Map<string, { readonly subjectId: string; readonly firstLeaf: number }>();
    for (const { withRecords, params } of recordLists(records)) {
      const rows = await this.db.all<{ originator: string; record_id: string; subject_id: string; first_leaf: number }>(
        `${withRecords}
         SELECT s.originator, s.record_id, s.subject_id, s.first_leaf FROM c CROSS JOIN databank_subject_records s
         WHERE s.exercise = ? AND s.originator = c.originator AND s.record_id = c.record_id`,
        [...params, exercise],
      );
      for (const r of rows) {
        out.set(textOf({ originator: r.originator, recordId: r.record_id }), {
          subjectId: r.subject_id,
          firstLeaf: r.first_leaf,
        });
      }
    }
    return out;
  }

  /** A current person record's profile, subject and first leaf, or undefined. */
  async #held(key: LinkedRecord): Promise<Held | undefined> {
    const row = await this.db.get<{ message_id: string; profile: string; subject_id: string; first_leaf: number }>(
      `SELECT p.message_id, p.profile, s.subject_id, s.first_leaf FROM databank_search_profiles p
       JOIN databank_subject_records s ON s.exercise = p.exercise AND s.originator = p.originator
         AND s.record_id = p.record_id
       WHERE p.exercise = ? AND p.originator = ? AND p.record_id = ?`,
      [key.exercise, key.originator, key.recordId],
    );
    if (row === undefined) return undefined;
    return {
      profile: ParsedProfiles.of(this.db).read(row.message_id, row.profile),
      subjectId: row.subject_id,
      firstLeaf: row.first_leaf,
    };
  }
}

import type { SqlDb } from '../db/sql-db.js';
import { BankPersonSearcher, type LinkPartner } from '../search/bank-searcher.js';
import type { PersonProfile } from '../search/person-profile.js';
import { scoreProfile, type ProfileScore } from '../search/person-score.js';
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

/** What a candidate row needs to know of a person record: its profile, subject and first leaf. */
interface Held {
  readonly profile: PersonProfile;
  readonly subjectId: string;
  readonly firstLeaf: number;
}

/** A candidate row of one record, as the re-scoring reads it. */
interface OwnCandidate {
  candidate_id: string;
  a_originator: string;
  a_record_id: string;
  b_originator: string;
  b_record_id: string;
  status: string;
}

const textOf = (k: { originator: string; recordId: string }): string => `${k.originator}\u0000${k.recordId}`;

/**
 * Proposes the candidate links of person records with the person search (DESIGN.md sections
 * 9 and 10): a record whose current version changed is queued, and once the batch's search
 * index is written ({@link proposePending}) its partners are retrieved by the search engine in
 * its namespace only, each pair is scored (always in the pair's canonical order, so that either
 * side proposing gives the same score and reasons), and every pair scoring at least the
 * threshold is a candidate: open between two subjects, closed inside one. Its undecided
 * candidates that score below the threshold now are dropped; decided ones keep their status
 * and get the new score. A candidate's id and creation leaf depend on its pair only (the later
 * of the two records' first leaves), so that a rebuild in batches of any size gives the same rows.
 */
export class PersonLinkProposer {
  readonly #searcher: BankPersonSearcher;
  readonly #pending = new Map<string, LinkedRecord>();
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
    return ha === undefined || hb === undefined ? undefined : scoreProfile(ha.profile, hb.profile);
  }

  async #propose(key: LinkedRecord): Promise<void> {
    const own = await this.#held(key);
    // Withdrawn, or no longer a person, since it was queued: its candidates went with it.
    if (own === undefined) return;
    const proposals: {
      readonly other: LinkPartner;
      readonly a: LinkedRecord;
      readonly b: LinkedRecord;
      readonly score: ProfileScore;
    }[] = [];
    for (const other of await this.#searcher.linkPartners(key.exercise, own.profile)) {
      if (other.originator === key.originator && other.recordId === key.recordId) continue;
      const mineFirst = textOf(key) < textOf(other);
      const score = mineFirst ? scoreProfile(own.profile, other.profile) : scoreProfile(other.profile, own.profile);
      if (Math.round(score.score * 1000) < this.#thresholdMilli) continue;
      const partner: LinkedRecord = { exercise: key.exercise, originator: other.originator, recordId: other.recordId };
      proposals.push({ other, a: mineFirst ? key : partner, b: mineFirst ? partner : key, score });
    }
    proposals.sort((x, y) => y.score.score - x.score.score || (textOf(x.other) < textOf(y.other) ? -1 : 1));
    const proposed = new Set<string>();
    for (const p of proposals.slice(0, MAX_CANDIDATES_PER_RECORD)) {
      const id = this.candidateIdOf(key.exercise, p.a, p.b);
      proposed.add(id);
      const mineFirst = p.a === key;
      const [sa, sb] = mineFirst ? [own.subjectId, p.other.subjectId] : [p.other.subjectId, own.subjectId];
      await this.db.run(
        `INSERT INTO databank_candidates (candidate_id, exercise, a_originator, a_record_id, b_originator, b_record_id,
           a_subject, b_subject, status, decided_by, created_leaf, score, reasons)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)
         ON CONFLICT (candidate_id) DO UPDATE SET score = excluded.score, reasons = excluded.reasons`,
        [
          id,
          key.exercise,
          p.a.originator,
          p.a.recordId,
          p.b.originator,
          p.b.recordId,
          sa,
          sb,
          sa === sb ? 'closed' : 'open',
          Math.max(own.firstLeaf, p.other.firstLeaf),
          Math.round(p.score.score * 1000),
          JSON.stringify(p.score.reasons),
        ],
      );
    }
    await this.#rescoreOthers(key, proposed);
  }

  /**
   * The record's candidates not proposed this round (the search did not return them, or their
   * score fell): scored again; undecided ones below the threshold go.
   */
  async #rescoreOthers(key: LinkedRecord, proposed: ReadonlySet<string>): Promise<void> {
    const columns = 'candidate_id, a_originator, a_record_id, b_originator, b_record_id, status';
    const rows = await this.db.all<OwnCandidate>(
      `SELECT ${columns} FROM databank_candidates WHERE exercise = ? AND a_originator = ? AND a_record_id = ?
       UNION ALL
       SELECT ${columns} FROM databank_candidates WHERE exercise = ? AND b_originator = ? AND b_record_id = ?`,
      [key.exercise, key.originator, key.recordId, key.exercise, key.originator, key.recordId],
    );
    for (const c of rows) {
      if (proposed.has(c.candidate_id)) continue;
      const score = await this.pairScore(
        key.exercise,
        { exercise: key.exercise, originator: c.a_originator, recordId: c.a_record_id },
        { exercise: key.exercise, originator: c.b_originator, recordId: c.b_record_id },
      );
      const undecided = c.status === 'open' || c.status === 'closed';
      if (undecided && (score === undefined || Math.round(score.score * 1000) < this.#thresholdMilli)) {
        await this.db.run('DELETE FROM databank_candidates WHERE candidate_id = ?', [c.candidate_id]);
      } else if (score !== undefined) {
        await this.db.run('UPDATE databank_candidates SET score = ?, reasons = ? WHERE candidate_id = ?', [
          Math.round(score.score * 1000),
          JSON.stringify(score.reasons),
          c.candidate_id,
        ]);
      }
    }
  }

  /** A current person record's profile, subject and first leaf, or undefined. */
  async #held(key: LinkedRecord): Promise<Held | undefined> {
    const row = await this.db.get<{ profile: string; subject_id: string; first_leaf: number }>(
      `SELECT p.profile, s.subject_id, s.first_leaf FROM databank_search_profiles p
       JOIN databank_subject_records s ON s.exercise = p.exercise AND s.originator = p.originator
         AND s.record_id = p.record_id
       WHERE p.exercise = ? AND p.originator = ? AND p.record_id = ?`,
      [key.exercise, key.originator, key.recordId],
    );
    if (row === undefined) return undefined;
    return {
      profile: JSON.parse(row.profile) as PersonProfile,
      subjectId: row.subject_id,
      firstLeaf: row.first_leaf,
    };
  }
}

import { checkSearchLimit, skeletonOf, type atc } from '@atc/shared';
import type { SqlDb, SqlValue } from '../db/sql-db.js';
import { currentView } from '../databank/review.js';
import { checkedQueryProfile, type PersonProfile } from './person-profile.js';
import { MIN_SCORE, scoreProfile } from './person-score.js';
import type { PersonMatch, PersonSearcher, PersonSearchOptions, PersonSearchResult } from './person-searcher.js';
import { DOCUMENT_PREFIX, trigrams, vocabularySkeletons } from './search-index.js';

/** Records read per token: a token naming more records (a common given name) is too common to retrieve by. */
export const TOKEN_CAP = 2_000;
/** Most candidates scored per search. */
export const MAX_CANDIDATES = 600;
/**
 * The linking's bounds, per record changed (the projection runs one retrieval per person it
 * applies): tokens naming more records than this are too common while rarer ones exist...
 */
export const LINK_TOKEN_CAP = 200;
/** ...and the candidates scored for a record's links, at most. */
export const LINK_CANDIDATES = 100;

/** How much one retrieval may read. */
interface Bounds {
  readonly tokenCap: number;
  readonly candidates: number;
}
const SEARCH_BOUNDS: Bounds = { tokenCap: TOKEN_CAP, candidates: MAX_CANDIDATES };
const LINK_BOUNDS: Bounds = { tokenCap: LINK_TOKEN_CAP, candidates: LINK_CANDIDATES };
/** Trigram retrieval runs when exact keys yield fewer candidates than this. */
const FEW_CANDIDATES = 50;
/** Skeletons near a misspelt one that are searched, per skeleton of the query. */
const NEAR_SKELETONS = 20;
/** Profiles loaded per statement. */
const LOAD_CHUNK = 100;

interface Candidate {
  readonly originator: string;
  readonly recordId: string;
  hits: number;
}

/** A current person record a link may join, as {@link BankPersonSearcher.linkPartners} reads it. */
export interface LinkPartner {
  readonly originator: string;
  readonly recordId: string;
  readonly profile: PersonProfile;
  /** Its subject. */
  readonly subjectId: string;
  /** The leaf that brought it into the bank. */
  readonly firstLeaf: number;
}

interface ProfileRow {
  originator: string;
  record_id: string;
  version: number;
  message_id: string;
  profile: string;
  subject_id: string | null;
}

/**
 * The data bank's person search (DESIGN.md "Search"): candidates by exact match keys,
 * skeletons and document numbers first, then (when those yield too few) by the skeletons of the
 * vocabulary that share most trigrams with the query's (one-letter typos); tokens
 * naming more than {@link TOKEN_CAP} records are skipped while rarer ones exist; the
 * candidates' profiles are scored against the query, those of at least {@link MIN_SCORE} are
 * returned best first with their reasons. Only current records (not withdrawn, review date not
 * passed) of the namespace asked are ever read.
 */
export class BankPersonSearcher implements PersonSearcher {
  constructor(
    private readonly db: SqlDb,
    private readonly clock: () => number = Date.now,
  ) {}

  async search(query: atc.v1.DataBankQuery.$Properties, options: PersonSearchOptions): Promise<PersonSearchResult> {
    const limit = checkSearchLimit(options.limit);
    const { profile } = checkedQueryProfile(query);
    const exercise = options.exercise ? 1 : 0;
    const rows = await this.#load(exercise, await this.#candidates(exercise, profile, SEARCH_BOUNDS));
    const matches: PersonMatch[] = [];
    for (const row of rows) {
      const scored = scoreProfile(profile, JSON.parse(row.profile) as PersonProfile);
      if (scored.score < MIN_SCORE) continue;
      matches.push({
        originator: row.originator,
        recordId: row.record_id,
        version: row.version,
        messageId: row.message_id,
        subjectId: row.subject_id ?? '',
        score: scored.score,
        reasons: scored.reasons,
      });
    }
    matches.sort(
      (a, b) =>
        b.score - a.score ||
        (a.originator < b.originator ? -1 : a.originator > b.originator ? 1 : 0) ||
        (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0),
    );
    return { matches: matches.slice(0, limit), truncated: matches.length > limit };
  }

  /**
   * The records of the bank's person subjects that may be the person of `profile` (those a
   * search for it would score), with their profiles, subjects and first leaves: what the
   * subject linking scores candidate links from. Reads the index and the subjects only (no
   * clock), so that a rebuild reads what the live projection read.
   */
  async linkPartners(exercise: number, profile: PersonProfile): Promise<LinkPartner[]> {
    const chosen = await this.#candidates(exercise, profile, LINK_BOUNDS);
    const out: LinkPartner[] = [];
    for (let i = 0; i < chosen.length; i += LOAD_CHUNK) {
      const chunk = chosen.slice(i, i + LOAD_CHUNK);
      const params: SqlValue[] = [];
      for (const c of chunk) params.push(c.originator, c.recordId);
      params.push(exercise);
      const rows = await this.db.all<{
        originator: string;
        record_id: string;
        profile: string;
        subject_id: string;
        first_leaf: number;
      }>(
        `WITH c (originator, record_id) AS (VALUES ${chunk.map(() => '(?, ?)').join(', ')})
         SELECT p.originator, p.record_id, p.profile, s.subject_id, s.first_leaf
         FROM c CROSS JOIN databank_search_profiles p
         JOIN databank_subject_records s ON s.exercise = p.exercise AND s.originator = p.originator
           AND s.record_id = p.record_id
         WHERE p.exercise = ? AND p.originator = c.originator AND p.record_id = c.record_id`,
        params,
      );
      for (const r of rows) {
        out.push({
          originator: r.originator,
          recordId: r.record_id,
          profile: JSON.parse(r.profile) as PersonProfile,
          subjectId: r.subject_id,
          firstLeaf: r.first_leaf,
        });
      }
    }
    return out;
  }

  /**
   * Candidates for `profile`: by its exact tokens, then (when those yield too few) by the
   * vocabulary's skeletons sharing most trigrams with its own; the `bounds.candidates` with
   * most hits (ties in the order the tokens named them: deterministic for one index).
   */
  async #candidates(exercise: number, profile: PersonProfile, bounds: Bounds): Promise<Candidate[]> {
    const candidates = new Map<string, Candidate>();
    await this.#retrieve(exercise, exactTokens(profile), candidates, 1, bounds.tokenCap);
    if (candidates.size < FEW_CANDIDATES) {
      // Misspelt names: the vocabulary's skeletons sharing most trigrams with the query's, then
      // the records of those skeletons.
      const near = await this.#nearSkeletons(exercise, vocabularySkeletons(profile));
      await this.#retrieve(exercise, near, candidates, 0.5, bounds.tokenCap);
    }
    return [...candidates.values()].sort((a, b) => b.hits - a.hits).slice(0, bounds.candidates);
  }

  /**
   * Adds the records each token names to `into` (one hit per token); tokens naming more than
   * `cap` records are too common: used only when nothing rarer named anyone. Resolves to the number of tokens whose records were added.
   */
  async #retrieve(
    exercise: number,
    tokens: readonly string[],
    into: Map<string, Candidate>,
    weight: number,
    cap: number,
  ): Promise<number> {
    let used = 0;
    const common: string[][][] = [];
    for (const token of tokens) {
      const rows = await this.db.all<{ originator: string; record_id: string }>(
        `SELECT originator, record_id FROM databank_search_tokens WHERE exercise = ? AND token = ?
         ORDER BY originator, record_id LIMIT ?`,
        [exercise, token, cap + 1],
      );
      const pairs = rows.map((r) => [r.originator, r.record_id]);
      if (rows.length > cap) common.push(pairs.slice(0, cap));
      else {
        add(into, pairs, weight);
        used++;
      }
    }
    if (used === 0) for (const pairs of common) add(into, pairs, weight);
    return used === 0 ? common.length : used;
  }

  /**
   * Skeletons of the vocabulary one or two letters away from each of `skeletons`: sharing at
   * least half of its trigrams (a changed letter changes at most three); the closest
   * {@link NEAR_SKELETONS} per skeleton.
   */
  async #nearSkeletons(exercise: number, skeletons: readonly string[]): Promise<string[]> {
    const out = new Set<string>();
    for (const skeleton of skeletons) {
      const grams = [...new Set(trigrams(skeleton))];
      const shared = new Map<string, number>();
      for (const gram of grams) {
        const rows = await this.db.all<{ skeleton: string }>(
          'SELECT skeleton FROM databank_search_grams WHERE exercise = ? AND gram = ? LIMIT ?',
          [exercise, gram, TOKEN_CAP],
        );
        for (const r of rows) shared.set(r.skeleton, (shared.get(r.skeleton) ?? 0) + 1);
      }
      const needed = Math.max(2, Math.ceil(grams.length / 2));
      [...shared]
        .filter(([s, n]) => n >= needed && s !== skeleton && Math.abs(s.length - skeleton.length) <= 2)
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, NEAR_SKELETONS)
        .forEach(([s]) => out.add(s));
    }
    return [...out].sort();
  }

  /** The current records among `candidates`, with their profile, version and subject. */
  async #load(exercise: number, candidates: readonly Candidate[]): Promise<ProfileRow[]> {
    const out: ProfileRow[] = [];
    const current = currentView('r', this.clock());
    for (let i = 0; i < candidates.length; i += LOAD_CHUNK) {
      const chunk = candidates.slice(i, i + LOAD_CHUNK);
      // The candidates drive the join (CROSS JOIN keeps them the outer loop on SQLite): one
      // primary-key lookup per candidate in each table, whatever the bank's size.
      const params: SqlValue[] = [];
      for (const c of chunk) params.push(c.originator, c.recordId);
      params.push(exercise, ...current.params);
      const rows = await this.db.all<ProfileRow>(
        `WITH c (originator, record_id) AS (VALUES ${chunk.map(() => '(?, ?)').join(', ')})
         SELECT p.originator, p.record_id, p.version, p.message_id, p.profile, s.subject_id
         FROM c CROSS JOIN databank_search_profiles p
         JOIN databank_records r ON r.exercise = p.exercise AND r.originator = p.originator AND r.record_id = p.record_id
         LEFT JOIN databank_subject_records s ON s.exercise = p.exercise AND s.originator = p.originator
           AND s.record_id = p.record_id
         WHERE p.exercise = ? AND p.originator = c.originator AND p.record_id = c.record_id
           AND ${current.where}`,
        params,
      );
      out.push(...rows);
    }
    return out;
  }
}

function add(into: Map<string, Candidate>, pairs: readonly string[][], weight: number): void {
  for (const [originator, recordId] of pairs) {
    const k = `${originator!}\u0000${recordId!}`;
    const known = into.get(k);
    if (known === undefined) into.set(k, { originator: originator!, recordId: recordId!, hits: weight });
    else known.hits += weight;
  }
}

/** The query's exact tokens: every key and skeleton of its name parts, its document numbers. */
function exactTokens(profile: PersonProfile): string[] {
  const tokens = new Set<string>();
  for (const name of profile.n) {
    for (const part of name) {
      for (const key of part.k) {
        tokens.add(key);
        tokens.add(skeletonOf(key));
      }
      tokens.add(part.s);
    }
  }
  for (const doc of profile.d) tokens.add(DOCUMENT_PREFIX + doc.n);
  return [...tokens].sort();
}

/** The engine behind every person search of the bank. */
export function bankPersonSearcher(db: SqlDb, clock?: () => number): PersonSearcher {
  return new BankPersonSearcher(db, clock);
}

import { checkSearchLimit, type atc } from '@atc/shared';
import type { SqlDb, SqlValue } from '../db/sql-db.js';
import { currentView } from '../databank/review.js';
import { checkedQueryProfile, type PersonProfile } from './person-profile.js';
import { MIN_SCORE, scoreProfile } from './person-score.js';
import type { PersonMatch, PersonSearcher, PersonSearchOptions, PersonSearchResult } from './person-searcher.js';
import { DOCUMENT_PREFIX, TRIGRAM_PREFIX, trigrams } from './search-index.js';

/** Records read per token: a token naming more records (a common given name) is too common to retrieve by. */
export const TOKEN_CAP = 2_000;
/** Most candidates scored per search. */
export const MAX_CANDIDATES = 600;
/** Trigram retrieval runs when exact keys yield fewer candidates than this. */
const FEW_CANDIDATES = 50;
/** Profiles loaded per statement. */
const LOAD_CHUNK = 100;

interface Candidate {
  readonly originator: string;
  readonly recordId: string;
  hits: number;
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
 * skeletons and document numbers first, by skeleton trigrams when those yield too few; tokens
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
    const candidates = new Map<string, Candidate>();
    await this.#retrieve(exercise, exactTokens(profile), candidates, 1);
    if (candidates.size < FEW_CANDIDATES) {
      const grams = trigramTokens(profile);
      const byGram = new Map<string, Candidate>();
      const used = await this.#retrieve(exercise, grams, byGram, 1);
      // A one-letter change leaves all but three of a name's trigrams: at least half of those
      // read (too common ones are not) must be shared.
      const needed = Math.max(2, Math.ceil(used / 2 / Math.max(1, profile.n.length)));
      for (const [k, c] of byGram) {
        if (c.hits < needed) continue;
        const known = candidates.get(k);
        if (known === undefined) candidates.set(k, { ...c, hits: c.hits / 4 });
        else known.hits += c.hits / 4;
      }
    }
    const chosen = [...candidates.values()].sort((a, b) => b.hits - a.hits).slice(0, MAX_CANDIDATES);
    const rows = await this.#load(exercise, chosen);
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
   * Adds the records each token names to `into` (one hit per token); too common tokens only when
   * nothing rarer named anyone. Resolves to the number of tokens whose records were added.
   */
  async #retrieve(
    exercise: number,
    tokens: readonly string[],
    into: Map<string, Candidate>,
    weight: number,
  ): Promise<number> {
    let used = 0;
    const common: string[][][] = [];
    for (const token of tokens) {
      const rows = await this.db.all<{ originator: string; record_id: string }>(
        `SELECT originator, record_id FROM databank_search_tokens WHERE exercise = ? AND token = ?
         ORDER BY originator, record_id LIMIT ?`,
        [exercise, token, TOKEN_CAP + 1],
      );
      const pairs = rows.map((r) => [r.originator, r.record_id]);
      if (rows.length > TOKEN_CAP) common.push(pairs.slice(0, TOKEN_CAP));
      else {
        add(into, pairs, weight);
        used++;
      }
    }
    if (used === 0) for (const pairs of common) add(into, pairs, weight);
    return used === 0 ? common.length : used;
  }

  /** The current records among `candidates`, with their profile, version and subject. */
  async #load(exercise: number, candidates: readonly Candidate[]): Promise<ProfileRow[]> {
    const out: ProfileRow[] = [];
    const current = currentView('r', this.clock());
    for (let i = 0; i < candidates.length; i += LOAD_CHUNK) {
      const chunk = candidates.slice(i, i + LOAD_CHUNK);
      const params: SqlValue[] = [exercise];
      for (const c of chunk) params.push(c.originator, c.recordId);
      params.push(...current.params);
      const rows = await this.db.all<ProfileRow>(
        `SELECT p.originator, p.record_id, p.version, p.message_id, p.profile, s.subject_id
         FROM databank_search_profiles p
         JOIN databank_records r ON r.exercise = p.exercise AND r.originator = p.originator AND r.record_id = p.record_id
         LEFT JOIN databank_subject_records s ON s.exercise = p.exercise AND s.originator = p.originator
           AND s.record_id = p.record_id
         WHERE p.exercise = ? AND (${chunk.map(() => '(p.originator = ? AND p.record_id = ?)').join(' OR ')})
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
      for (const key of part.k) tokens.add(key);
      tokens.add(part.s);
    }
  }
  for (const doc of profile.d) tokens.add(DOCUMENT_PREFIX + doc.n);
  return [...tokens].sort();
}

/** The skeleton trigrams of the query's family, given and untyped parts. */
function trigramTokens(profile: PersonProfile): string[] {
  const tokens = new Set<string>();
  for (const name of profile.n) {
    for (const part of name) {
      if (part.t === 'f' || part.t === 'g' || part.t === 'u') {
        for (const t of trigrams(part.s)) tokens.add(TRIGRAM_PREFIX + t);
      }
    }
  }
  return [...tokens].sort();
}

/** The engine behind every person search of the bank. */
export function bankPersonSearcher(db: SqlDb, clock?: () => number): PersonSearcher {
  return new BankPersonSearcher(db, clock);
}

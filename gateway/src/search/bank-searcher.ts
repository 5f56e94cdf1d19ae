import { checkSearchLimit, skeletonOf, type atc } from '@atc/shared';
import { inLists, marks, padded, tuples } from '../db/insert-rows.js';
import type { SqlDb, SqlValue } from '../db/sql-db.js';
import { currentView } from '../databank/review.js';
import { checkedQueryProfile, type PersonProfile, type ProfilePart } from './person-profile.js';
import { ParsedProfiles } from './profile-cache.js';
import { jaroWinkler, MIN_SCORE, scoreProfile } from './person-score.js';
import type { PersonMatch, PersonSearcher, PersonSearchOptions, PersonSearchResult } from './person-searcher.js';
import { deletionVariants, DOCUMENT_PREFIX, linkToken, trigrams, type NearSkeletonMemo } from './search-index.js';

/** Records read per token: a token naming more records (a common given name) is too common to retrieve by. */
export const TOKEN_CAP = 2_000;
/** Most candidates scored per search: those with the most name evidence (see {@link Candidates}). */
export const MAX_CANDIDATES = 160;
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
  /** The tokens a profile is looked up by. */
  readonly tokens: (profile: PersonProfile) => Map<string, TokenParts>;
  /**
   * The tokens are names under dates of birth ({@link datedIndexedTokens}). Each names few
   * records, so on SQLite their records are read in one statement without counting each token
   * first (see {@link #recordsOf}); misspelt names are always looked up, one letter away under
   * the same dates; and a patronymic alone names no candidate (see {@link Candidates.best}).
   * Otherwise misspelt names are looked up only when the tokens name few records.
   */
  readonly dated: boolean;
}
const SEARCH_BOUNDS: Bounds = { tokenCap: TOKEN_CAP, candidates: MAX_CANDIDATES, tokens: exactTokens, dated: false };
const LINK_BOUNDS: Bounds = {
  tokenCap: LINK_TOKEN_CAP,
  candidates: LINK_CANDIDATES,
  tokens: indexedTokens,
  dated: false,
};
/** Linking a record with a year of birth: its tokens under the dates its own can agree with. */
const LINK_BY_DATE_BOUNDS: Bounds = {
  tokenCap: LINK_TOKEN_CAP,
  candidates: LINK_CANDIDATES,
  tokens: datedIndexedTokens,
  dated: true,
};
/** Trigram retrieval runs when exact keys yield fewer candidates than this (or none named by every main part of a name). */
const FEW_CANDIDATES = 50;
/** Skeletons near a misspelt one that are searched, per skeleton of the query. */
const NEAR_SKELETONS = 20;
/** What pads a list of records (originator, record id) to a statement's length: no record has it. */
const NO_RECORD: readonly [string, string] = ['', ''];
/** What `#recordsOf` answers for a token naming more records than the cap. */
const COMMON = Symbol('common token');

interface Candidate {
  readonly originator: string;
  readonly recordId: string;
  /** Per part of the query (its names' parts in a row): 1 named by an exact token, 0.5 by a near skeleton. */
  readonly evidence: Float32Array;
  /** Named by one of the query's document numbers. */
  document: boolean;
}

/** What a query's token stands for: the parts (indexes into the query's parts in a row) it came from, or a document. */
export type TokenParts = readonly number[] | 'document';

/** A current person record a link may join, as {@link BankPersonSearcher.linkPartners} reads it. */
export interface LinkPartner {
  readonly originator: string;
  readonly recordId: string;
  readonly profile: PersonProfile;
}

interface RecordRow {
  originator: string;
  record_id: string;
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
 * Records in lists of one statement each, padded with a pair no record has to one of a few
 * lengths (see db/insert-rows.ts): each as the `WITH c (originator, record_id) AS (VALUES ...)`
 * clause a read joins them by, and its parameters.
 */
export function recordLists(
  records: readonly { readonly originator: string; readonly recordId: string }[],
): { readonly withRecords: string; readonly params: readonly SqlValue[] }[] {
  return inLists(
    records.map((r): readonly [string, string] => [r.originator, r.recordId]),
    NO_RECORD,
  ).map((list) => ({
    withRecords: `WITH c (originator, record_id) AS (VALUES ${tuples(list.length, 2)})`,
    params: list.flat(),
  }));
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
   * The current person records of the bank that may be the person of `profile` (those a search
   * for it would score), with their profiles: what the subject linking scores candidate links
   * from. Reads the index only (no clock), so that a rebuild reads what the live projection read.
   */
  async linkPartners(
    exercise: number,
    profile: PersonProfile,
    options: {
      readonly byDate?: boolean;
      /** Skeletons' neighbours already read, valid for the index as it stands (see {@link NearSkeletonMemo}). */
      readonly near?: NearSkeletonMemo | undefined;
    } = {},
  ): Promise<LinkPartner[]> {
    const bounds = options.byDate === true && profile.b !== undefined ? LINK_BY_DATE_BOUNDS : LINK_BOUNDS;
    const chosen = await this.#candidates(exercise, profile, bounds, options.near);
    const kept = ParsedProfiles.of(this.db);
    const out: LinkPartner[] = [];
    for (const { withRecords, params } of recordLists(chosen)) {
      const rows = await this.db.all<{ originator: string; record_id: string; message_id: string; profile: string }>(
        `${withRecords}
         SELECT p.originator, p.record_id, p.message_id, p.profile FROM c CROSS JOIN databank_search_profiles p
         WHERE p.exercise = ? AND p.originator = c.originator AND p.record_id = c.record_id`,
        [...params, exercise],
      );
      for (const r of rows) {
        out.push({ originator: r.originator, recordId: r.record_id, profile: kept.read(r.message_id, r.profile) });
      }
    }
    return out;
  }

  /**
   * Candidates for `profile`: by its exact tokens, then (when those yield too few, or none named
   * by every main part of a name) by the vocabulary's skeletons near its own; the
   * `bounds.candidates` with the most evidence (ties in the order the tokens named them:
   * deterministic for one index).
   */
  async #candidates(
    exercise: number,
    profile: PersonProfile,
    bounds: Bounds,
    memo?: NearSkeletonMemo,
  ): Promise<Candidate[]> {
    const candidates = new Candidates(profile);
    await this.#retrieve(exercise, bounds.tokens(profile), candidates, 1, bounds);
    if (bounds.dated) {
      // A name spelt one letter apart in one of its parts, born when the record can have been.
      const near = await this.#oneLetterAwayAll(exercise, queryParts(profile), candidates.mainParts(), memo);
      await this.#retrieve(exercise, datedTokens(profile, near), candidates, 0.5, bounds);
      return candidates.best(bounds.candidates, { mainNamed: true });
    }
    // Near skeletons: for every main part when the exact keys named few records; else, when no
    // record was named by every main part of a name, for the main parts that named fewer
    // records than are scored (a part naming more cannot single anyone out, its neighbours
    // would name even more); else for the main parts that named nobody.
    const lookNear =
      candidates.size < FEW_CANDIDATES
        ? candidates.mainParts()
        : candidates.anyFullName()
          ? candidates.partsNaming(0)
          : candidates.partsNaming(bounds.candidates - 1);
    if (lookNear.length > 0) {
      // Misspelt names: the vocabulary's skeletons one letter away (or sharing most trigrams),
      // then the records of those skeletons.
      const near = await this.#nearSkeletons(exercise, queryParts(profile), lookNear);
      await this.#retrieve(exercise, near, candidates, 0.5, bounds);
    }
    return candidates.best(bounds.candidates);
  }

  /**
   * Adds the records each token names to `into`, as evidence for the parts the token came from;
   * tokens naming more than `cap` records are too common: used only when nothing rarer named anyone.
   */
  async #retrieve(
    exercise: number,
    tokens: ReadonlyMap<string, TokenParts>,
    into: Candidates,
    weight: number,
    bounds: Bounds,
  ): Promise<void> {
    const cap = bounds.tokenCap;
    let used = 0;
    const common: [string, TokenParts][] = [];
    const named = await this.#recordsOf(exercise, [...tokens.keys()], cap, { few: bounds.dated });
    for (const [token, parts] of tokens) {
      const rows = named.get(token) ?? [];
      if (rows === COMMON || rows.length > cap) common.push([token, parts]);
      else {
        into.add(rows, parts, weight);
        used++;
      }
    }
    if (used > 0 || common.length === 0) return;
    // Nothing rarer: the first `cap` records of each common token, in key order.
    const first = await this.#recordsOf(
      exercise,
      common.map(([token]) => token),
      cap,
      { capped: true },
    );
    for (const [token, parts] of common) {
      const rows = first.get(token);
      into.add(rows === undefined || rows === COMMON ? [] : rows.slice(0, cap), parts, weight);
    }
  }

  /**
   * The records each token names, at most `cap` + 1 per token (in key order): on PostgreSQL
   * all in one statement (one round trip per search instead of one per token). On SQLite a
   * token naming more than `cap` records is {@link COMMON}, its records counted in the index
   * and never read (most of a linking's reads were such records, read only to be set aside),
   * in two statements however many tokens ({@link #recordsOfUnderCap}); with `few`, tokens
   * that each name few records, every record of every token in one statement (a token naming
   * more than `cap` is {@link COMMON} all the same, read whole: dozens of index probes counted
   * one by one cost more than the few rows they find); with `capped`, each token's first `cap`
   * records whatever their number, one range read per token.
   */
  async #recordsOf(
    exercise: number,
    tokens: readonly string[],
    cap: number,
    options: { readonly capped?: boolean; readonly few?: boolean } = {},
  ): Promise<Map<string, RecordRow[] | typeof COMMON>> {
    const out = new Map<string, RecordRow[] | typeof COMMON>();
    if (this.db.dialect === 'postgres') {
      if (tokens.length === 0) return out;
      // One row per token, its records as two arrays: a few thousand rows of three columns
      // would cost more to decode than to find.
      const rows = await this.db.all<{ token: string; o: string[]; r: string[] }>(
        `SELECT t.token, array_agg(x.originator ORDER BY x.originator, x.record_id) AS o,
           array_agg(x.record_id ORDER BY x.originator, x.record_id) AS r
         FROM unnest(CAST(? AS text[])) AS t (token)
         CROSS JOIN LATERAL (SELECT s.originator, s.record_id FROM databank_search_tokens s
           WHERE s.exercise = ? AND s.token = t.token ORDER BY s.originator, s.record_id LIMIT ?) x
         GROUP BY t.token`,
        [tokens as unknown as SqlValue, exercise, cap + 1],
      );
      for (const row of rows)
        out.set(
          row.token,
          row.o.map((originator, i) => ({ originator, record_id: row.r[i]! })),
        );
      return out;
    }
    if (options.few === true && options.capped !== true) {
      for (const [token, named] of await this.#recordsOfAll(exercise, tokens)) {
        out.set(token, named.length > cap ? COMMON : named);
      }
      return out;
    }
    if (options.capped !== true) return this.#recordsOfUnderCap(exercise, tokens, cap);
    for (const token of tokens) {
      out.set(
        token,
        await this.db.all<RecordRow>(
          `SELECT originator, record_id FROM databank_search_tokens WHERE exercise = ? AND token = ?
           ORDER BY originator, record_id LIMIT ?`,
          [exercise, token, cap],
        ),
      );
    }
    return out;
  }

  /**
   * SQLite: the records each token names, or {@link COMMON} for a token naming more than `cap`,
   * in two statements whatever the number of tokens: each token's records counted (at most
   * `cap` + 1 read per token, however common), then the records of those under the cap.
   */
  async #recordsOfUnderCap(
    exercise: number,
    tokens: readonly string[],
    cap: number,
  ): Promise<Map<string, RecordRow[] | typeof COMMON>> {
    const out = new Map<string, RecordRow[] | typeof COMMON>();
    const counts: { token: string; n: number }[] = [];
    // In runs: a record's names are not bounded, SQLite's parameters are.
    for (const part of inLists(tokens)) {
      counts.push(
        ...(await this.db.all<{ token: string; n: number }>(
          // The padding repeats a token: each is counted once.
          `WITH t (token) AS (VALUES ${tuples(part.length, 1)})
           SELECT t.token, (SELECT count(*) FROM (SELECT 1 FROM databank_search_tokens s
             WHERE s.exercise = ? AND s.token = t.token LIMIT ?)) AS n FROM (SELECT DISTINCT token FROM t) t`,
          [...part, exercise, cap + 1],
        )),
      );
    }
    const read: string[] = [];
    for (const { token, n } of counts) {
      if (n > cap) out.set(token, COMMON);
      else if (n > 0) read.push(token);
      else out.set(token, []);
    }
    for (const [token, named] of await this.#recordsOfAll(exercise, read)) out.set(token, named);
    return out;
  }

  /** Every record each token names (in key order), in one statement (SQLite). */
  async #recordsOfAll(exercise: number, tokens: readonly string[]): Promise<Map<string, RecordRow[]>> {
    const out = new Map<string, RecordRow[]>(tokens.map((t) => [t, []]));
    for (const part of inLists(tokens)) {
      const rows = await this.db.all<RecordRow & { token: string }>(
        `SELECT token, originator, record_id FROM databank_search_tokens
         WHERE exercise = ? AND token IN (${marks(part.length)}) ORDER BY token, originator, record_id`,
        [exercise, ...part],
      );
      // Each row as read (its token is a field more): thousands a second, not copied.
      for (const r of rows) out.get(r.token)!.push(r);
    }
    return out;
  }

  /**
   * Skeletons of the vocabulary near the skeleton of each family, given or untyped part of the
   * query, each standing for the parts it is near: one letter away (sharing a deletion variant,
   * a few exact lookups), or, when there is none, sharing at least half of its trigrams (a
   * changed letter changes at most three; two changed letters too), the closest
   * {@link NEAR_SKELETONS} of those.
   */
  async #nearSkeletons(
    exercise: number,
    parts: readonly ProfilePart[],
    which: readonly number[],
  ): Promise<Map<string, number[]>> {
    const bySkeleton = partsBySkeleton(parts, which);
    const near = new Map<string, readonly string[]>();
    for (const skeleton of bySkeleton.keys()) {
      let found = await this.#oneLetterAway(exercise, skeleton);
      if (found.length === 0) found = await this.#sharingTrigrams(exercise, skeleton);
      near.set(skeleton, found);
    }
    return standingFor(bySkeleton, near);
  }

  /**
   * {@link #oneLetterAway} for the skeletons of several parts in one statement: the skeletons of
   * the vocabulary one letter away from each part's, each standing for the parts it is near.
   * Those `memo` holds are not read again; those read are added to it.
   */
  async #oneLetterAwayAll(
    exercise: number,
    parts: readonly ProfilePart[],
    which: readonly number[],
    memo: NearSkeletonMemo | undefined,
  ): Promise<Map<string, number[]>> {
    const bySkeleton = partsBySkeleton(parts, which);
    const near = new Map<string, readonly string[]>();
    const variantsOf = new Map<string, string[]>();
    for (const skeleton of bySkeleton.keys()) {
      const known = memo?.get(exercise, skeleton);
      if (known !== undefined) {
        near.set(skeleton, known);
        continue;
      }
      for (const v of deletionVariants(skeleton)) variantsOf.set(v, [...(variantsOf.get(v) ?? []), skeleton]);
    }
    const unread = bySkeleton.size - near.size;
    const rows: { gram: string; skeleton: string }[] = [];
    for (const part of inLists([...variantsOf.keys()])) {
      rows.push(
        ...(await this.db.all<{ gram: string; skeleton: string }>(
          `SELECT gram, skeleton FROM databank_search_grams WHERE exercise = ? AND gram IN (${marks(part.length)})
           ORDER BY gram, skeleton LIMIT ?`,
          [exercise, ...part, TOKEN_CAP * unread],
        )),
      );
    }
    const found = new Map<string, Set<string>>();
    for (const r of rows) {
      for (const skeleton of variantsOf.get(r.gram) ?? []) {
        const set = found.get(skeleton) ?? new Set<string>();
        set.add(r.skeleton);
        found.set(skeleton, set);
      }
    }
    for (const skeleton of bySkeleton.keys()) {
      if (near.has(skeleton)) continue;
      const closest = closestOneLetterAway(skeleton, found.get(skeleton) ?? []);
      memo?.set(exercise, skeleton, closest);
      near.set(skeleton, closest);
    }
    return standingFor(bySkeleton, near);
  }

  /** Skeletons of the vocabulary one letter changed, added or dropped away from `skeleton`. */
  async #oneLetterAway(exercise: number, skeleton: string): Promise<string[]> {
    const found = deletionVariants(skeleton);
    if (found.length === 0) return [];
    // A name's length is not bounded: the list is padded to one of a few lengths.
    const variants = padded(found);
    const rows = await this.db.all<{ skeleton: string }>(
      `SELECT DISTINCT skeleton FROM databank_search_grams WHERE exercise = ? AND gram IN (${marks(variants.length)})
       ORDER BY skeleton LIMIT ?`,
      [exercise, ...variants, TOKEN_CAP],
    );
    return closestOneLetterAway(
      skeleton,
      rows.map((r) => r.skeleton),
    );
  }

  /** The {@link NEAR_SKELETONS} skeletons of the vocabulary sharing most trigrams with `skeleton`, at least half of them. */
  async #sharingTrigrams(exercise: number, skeleton: string): Promise<string[]> {
    const grams = [...new Set(trigrams(skeleton))];
    const needed = Math.max(2, Math.ceil(grams.length / 2));
    const shared = new Map<string, number>();
    if (this.db.dialect === 'postgres') {
      // Counted by the server: only the skeletons sharing enough trigrams come back.
      const rows = await this.db.all<{ skeleton: string; n: number }>(
        `SELECT x.skeleton, count(*)::int AS n FROM unnest(CAST(? AS text[])) AS g (gram)
         CROSS JOIN LATERAL (SELECT s.skeleton FROM databank_search_grams s
           WHERE s.exercise = ? AND s.gram = g.gram ORDER BY s.skeleton LIMIT ?) x
         GROUP BY x.skeleton HAVING count(*) >= ?`,
        [grams as unknown as SqlValue, exercise, TOKEN_CAP, needed],
      );
      for (const r of rows) shared.set(r.skeleton, r.n);
    } else {
      for (const gram of grams) {
        const rows = await this.db.all<{ skeleton: string }>(
          'SELECT skeleton FROM databank_search_grams WHERE exercise = ? AND gram = ? ORDER BY skeleton LIMIT ?',
          [exercise, gram, TOKEN_CAP],
        );
        for (const r of rows) shared.set(r.skeleton, (shared.get(r.skeleton) ?? 0) + 1);
      }
    }
    return [...shared]
      .filter(([s, n]) => n >= needed && s !== skeleton && Math.abs(s.length - skeleton.length) <= 2)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, NEAR_SKELETONS)
      .map(([s]) => s);
  }

  /** The current records among `candidates`, with their profile, version and subject. */
  async #load(exercise: number, candidates: readonly Candidate[]): Promise<ProfileRow[]> {
    const out: ProfileRow[] = [];
    const current = currentView('r', this.clock());
    for (const { withRecords, params } of recordLists(candidates)) {
      // The candidates drive the join (CROSS JOIN keeps them the outer loop on SQLite): one
      // primary-key lookup per candidate in each table, whatever the bank's size.
      const rows = await this.db.all<ProfileRow>(
        `${withRecords}
         SELECT p.originator, p.record_id, p.version, p.message_id, p.profile, s.subject_id
         FROM c CROSS JOIN databank_search_profiles p
         JOIN databank_records r ON r.exercise = p.exercise AND r.originator = p.originator AND r.record_id = p.record_id
         LEFT JOIN databank_subject_records s ON s.exercise = p.exercise AND s.originator = p.originator
           AND s.record_id = p.record_id
         WHERE p.exercise = ? AND p.originator = c.originator AND p.record_id = c.record_id
           AND ${current.where}`,
        [...params, exercise, ...current.params],
      );
      out.push(...rows);
    }
    return out;
  }
}

/** The family, given and untyped parts among `which` by their skeleton (of two letters or more). */
function partsBySkeleton(parts: readonly ProfilePart[], which: readonly number[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const i of which) {
    const part = parts[i]!;
    if (part.s.length >= 2) out.set(part.s, [...(out.get(part.s) ?? []), i]);
  }
  return out;
}

/** Each near skeleton standing for the parts whose skeleton it is near, in skeleton order. */
function standingFor(
  bySkeleton: ReadonlyMap<string, readonly number[]>,
  near: ReadonlyMap<string, readonly string[]>,
): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const skeleton of [...bySkeleton.keys()].sort()) {
    for (const s of near.get(skeleton) ?? []) out.set(s, [...(out.get(s) ?? []), ...bySkeleton.get(skeleton)!]);
  }
  return sortedByKey(out);
}

/** The map's entries in the order of their keys (by code unit: the same order whatever the locale). */
function sortedByKey<V>(map: ReadonlyMap<string, V>): Map<string, V> {
  return new Map([...map].sort((a, b) => byCodeUnit(a[0], b[0])));
}

/**
 * The {@link NEAR_SKELETONS} closest of the vocabulary's skeletons that share a deletion variant
 * with `skeleton`: two deletions at different places may also meet skeletons two letters apart,
 * so those of a length more than one apart go, and the closest come first.
 */
function closestOneLetterAway(skeleton: string, found: Iterable<string>): string[] {
  return [...found]
    .filter((s) => s !== skeleton && Math.abs(s.length - skeleton.length) <= 1)
    .map((s) => [s, jaroWinkler(s, skeleton)] as const)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, NEAR_SKELETONS)
    .map(([s]) => s);
}

/** The query's parts, its names' parts in a row (the index {@link Candidate.evidence} is kept by). */
function queryParts(profile: PersonProfile): ProfilePart[] {
  return profile.n.flat();
}

/**
 * The records retrieved for a query and their evidence: which of the query's parts named them
 * (by an exact token, or by a near skeleton at half weight) and whether a document did. The
 * records with the most evidence are scored: a document first, then, per name of the query, the
 * weight of the parts that named the record (family 1, given 0.8, untyped 0.9, others 0.35).
 */
class Candidates {
  readonly #byKey = new Map<string, Candidate>();
  readonly #parts: readonly ProfilePart[];
  /** Per part of the query: records its exact tokens named. */
  readonly #named: Uint32Array;
  /** Per name of the query: the range of its parts in {@link #parts}. */
  readonly #names: readonly (readonly [number, number])[];

  constructor(profile: PersonProfile) {
    this.#parts = queryParts(profile);
    this.#named = new Uint32Array(this.#parts.length);
    const names: [number, number][] = [];
    let at = 0;
    for (const name of profile.n) {
      names.push([at, at + name.length]);
      at += name.length;
    }
    this.#names = names;
  }

  get size(): number {
    return this.#byKey.size;
  }

  add(rows: readonly RecordRow[], parts: TokenParts, weight: number): void {
    if (weight === 1 && parts !== 'document') for (const i of parts) this.#named[i]! += rows.length;
    for (const { originator, record_id: recordId } of rows) {
      const k = `${originator}\u0000${recordId}`;
      let c = this.#byKey.get(k);
      if (c === undefined) {
        c = {
          originator,
          recordId,
          evidence: new Float32Array(this.#parts.length),
          document: false,
        };
        this.#byKey.set(k, c);
      }
      if (parts === 'document') c.document = true;
      else for (const i of parts) if (c.evidence[i]! < weight) c.evidence[i] = weight;
    }
  }

  /** The indexes of the query's family, given and untyped parts. */
  mainParts(): number[] {
    const out: number[] = [];
    this.#parts.forEach((p, i) => {
      if (p.t === 'f' || p.t === 'g' || p.t === 'u') out.push(i);
    });
    return out;
  }

  /** The main parts whose exact tokens named at most `most` records. */
  partsNaming(most: number): number[] {
    return this.mainParts().filter((i) => this.#named[i]! <= most);
  }

  /** Some record was named exactly by every family, given and untyped part of one of the query's names. */
  anyFullName(): boolean {
    for (const c of this.#byKey.values()) {
      for (const [from, to] of this.#names) {
        let full = true;
        let main = 0;
        for (let i = from; i < to && full; i++) {
          const t = this.#parts[i]!.t;
          if (t !== 'f' && t !== 'g' && t !== 'u') continue;
          main++;
          if (c.evidence[i]! < 1) full = false;
        }
        if (full && main > 0) return true;
      }
    }
    return false;
  }

  #priority(c: Candidate): number {
    let best = 0;
    for (const [from, to] of this.#names) {
      let sum = 0;
      for (let i = from; i < to; i++) sum += PART_PRIORITY[this.#parts[i]!.t] * c.evidence[i]!;
      if (sum > best) best = sum;
    }
    return (c.document ? 10 : 0) + best;
  }

  /**
   * The `n` candidates with the most evidence (ties: the order they were retrieved in); with
   * `mainNamed`, when the query has a family, given or untyped part, only those one of them
   * named (exactly or one letter apart) or a document did: a patronymic alone, which thousands
   * share, names no partner.
   */
  best(n: number, options: { readonly mainNamed?: boolean } = {}): Candidate[] {
    const main = this.mainParts();
    const named = (c: Candidate): boolean =>
      options.mainNamed !== true || main.length === 0 || c.document || main.some((i) => c.evidence[i]! > 0);
    return [...this.#byKey.values()]
      .filter(named)
      .map((c, i) => ({ c, i, p: this.#priority(c) }))
      .sort((a, b) => b.p - a.p || a.i - b.i)
      .slice(0, n)
      .map((x) => x.c);
  }
}

/** How much a part's evidence counts for choosing the candidates scored (the score's own part weights). */
const PART_PRIORITY: Readonly<Record<ProfilePart['t'], number>> = { f: 1, g: 0.8, u: 0.9, p: 0.35, m: 0.35, o: 0.3 };

/** The query's exact tokens: every key and skeleton of its name parts, each standing for its parts; its document numbers. */
function exactTokens(profile: PersonProfile): Map<string, TokenParts> {
  return tokensOf(profile, (part, put) => {
    for (const key of part.k) {
      put(key);
      put(skeletonOf(key));
    }
    put(part.s);
  });
}

/**
 * A record's tokens as the index holds them (its first key and skeletons, as search-index's profileTokens writes them),
 * each standing for its parts, and its documents: what linking looks a record's partners up by.
 * Another record shares one of them when a query for the first would find it by a key, as a
 * key's skeleton is indexed with it; the other keys' own spellings, which only a query needs,
 * are not looked up.
 */
function indexedTokens(profile: PersonProfile): Map<string, TokenParts> {
  return tokensOf(profile, (part, put) => {
    if (part.k[0] !== undefined) put(part.k[0]);
    put(part.s);
    for (let i = 1; i < part.k.length; i++) put(skeletonOf(part.k[i]!));
  });
}

/**
 * A record's name tokens as {@link indexedTokens}, each under the dates of birth its own can
 * agree with (see person-score's compareDates: its year and the years either side, in its month
 * or with the month unknown, every month when its own is unknown; its day as the month in its
 * year, for day and month swapped; an unknown year), and its documents: the partners a link
 * with a threshold above person-score's DATES_DIFFER_CEILING can have, as a pair whose dates of birth
 * differ scores below it unless a document is equal.
 */
function datedIndexedTokens(profile: PersonProfile): Map<string, TokenParts> {
  return datedTokens(profile, indexedTokens(profile));
}

/**
 * `tokens` (name tokens, each standing for parts, and documents) under the dates {@link datedIndexedTokens} reads,
 * in the order of their keys (by code unit), built in that order rather than sorted: documents
 * (`!...`) come before every dated token (`@...`); a dated token is its date's prefix, which ends
 * with the only `|` in it, then the name, so that two of them compare as their prefixes do when
 * those differ, else as their names do.
 */
export function datedTokens(
  profile: Pick<PersonProfile, 'b'>,
  tokens: ReadonlyMap<string, TokenParts>,
): Map<string, TokenParts> {
  const [year, month, day] = profile.b!;
  const prefixes = [linkToken(undefined, 0, '')];
  for (const y of [year - 1, year, year + 1]) {
    if (month === 0) for (let m = 0; m <= 12; m++) prefixes.push(linkToken(y, m, ''));
    else prefixes.push(linkToken(y, month, ''), linkToken(y, 0, ''));
  }
  if (month !== 0 && day !== 0 && day <= 12 && day !== month) prefixes.push(linkToken(year, day, ''));
  prefixes.sort(byCodeUnit);
  const documents: string[] = [];
  const names: [string, TokenParts][] = [];
  for (const entry of tokens) {
    if (entry[1] === 'document') documents.push(entry[0]);
    else names.push(entry);
  }
  names.sort((a, b) => byCodeUnit(a[0], b[0]));
  const out = new Map<string, TokenParts>();
  for (const d of documents.sort(byCodeUnit)) out.set(d, 'document');
  for (const prefix of prefixes) for (const [name, parts] of names) out.set(prefix + name, parts);
  return out;
}

/** Strings in the order of their code units (the same order whatever the locale). */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function tokensOf(
  profile: PersonProfile,
  partTokens: (part: ProfilePart, put: (token: string) => void) => void,
): Map<string, TokenParts> {
  const tokens = new Map<string, number[]>();
  queryParts(profile).forEach((part, i) => {
    partTokens(part, (token) => {
      const parts = tokens.get(token);
      if (parts === undefined) tokens.set(token, [i]);
      else if (!parts.includes(i)) parts.push(i);
    });
  });
  const out = new Map<string, TokenParts>(sortedByKey(tokens));
  for (const doc of profile.d) out.set(DOCUMENT_PREFIX + doc.n, 'document');
  return out;
}

/** The engine behind every person search of the bank. */
export function bankPersonSearcher(db: SqlDb, clock?: () => number): PersonSearcher {
  return new BankPersonSearcher(db, clock);
}

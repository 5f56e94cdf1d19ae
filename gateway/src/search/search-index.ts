import { BoundedCache, skeletonOf, type atc } from '@atc/shared';
import { inLists, insertRows, tuples } from '../db/insert-rows.js';
import type { SqlDb } from '../db/sql-db.js';
import { recordProfile, type PersonProfile } from './person-profile.js';
import { ParsedProfiles } from './profile-cache.js';

/** The search index's tables (emptied with the bank), with their canonical dump order. */
export const SEARCH_DUMP_ORDER = {
  databank_search_profiles: 'exercise, originator, record_id',
  databank_search_tokens: 'exercise, token, originator, record_id',
  databank_search_grams: 'exercise, gram, skeleton',
} as const;

/** Prefix of a document number token. */
export const DOCUMENT_PREFIX = '!';

/** One current record in the index. */
export interface IndexKey {
  readonly exercise: number;
  readonly originator: string;
  readonly recordId: string;
}

/**
 * The trigrams of a skeleton, padded with '^' at the start and '$' at the end so that short
 * names and a changed first or last letter still share most of them (ivan: ^iv iva van an$).
 */
export function trigrams(skeleton: string): string[] {
  const padded = `^${skeleton}$`;
  const out: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) out.push(padded.slice(i, i + 3));
  return out;
}

/** Prefix of a vocabulary row holding one of a skeleton's deletion variants (trigrams hold '^', '$' and letters only). */
export const DELETION_PREFIX = '~';

/** Skeletons shorter than this have no deletion variants (two letters left say nothing). */
export const MIN_DELETION_SKELETON = 4;

/**
 * The skeleton and each of its one-letter deletions, prefixed with {@link DELETION_PREFIX}: two
 * skeletons one letter apart (a letter changed, added or dropped) share one of them, which finds a
 * misspelt name by a few exact lookups however large the vocabulary (trigrams find it too, but
 * read every skeleton sharing a common trigram).
 */
export function deletionVariants(skeleton: string): string[] {
  if (skeleton.length < MIN_DELETION_SKELETON) return [];
  const out = new Set<string>([DELETION_PREFIX + skeleton]);
  for (let i = 0; i < skeleton.length; i++) out.add(DELETION_PREFIX + skeleton.slice(0, i) + skeleton.slice(i + 1));
  return [...out];
}

/** The vocabulary's rows for a skeleton: its trigrams and its deletion variants, distinct. */
export function vocabularyGrams(skeleton: string): string[] {
  return [...new Set([...trigrams(skeleton), ...deletionVariants(skeleton)])];
}

/**
 * The vocabulary's skeletons one letter away from a skeleton (see
 * BankPersonSearcher.linkPartners), by namespace and skeleton, as read from the index: kept
 * while the vocabulary holds the same skeletons near it. A skeleton added to the vocabulary
 * ({@link added}) forgets exactly the skeletons it shares a deletion variant with, the only
 * ones whose answer it changes. The projection keeps one per batch (PersonLinkProposer.withinBatch),
 * so that the namesakes of a batch read their names' neighbours once.
 */
export class NearSkeletonMemo {
  readonly #near = new Map<string, readonly string[]>();
  /** Per namespace and deletion variant: the remembered skeletons having it. */
  readonly #byVariant = new Map<string, Set<string>>();

  get(exercise: number, skeleton: string): readonly string[] | undefined {
    return this.#near.get(`${exercise}\u0000${skeleton}`);
  }

  set(exercise: number, skeleton: string, near: readonly string[]): void {
    const key = `${exercise}\u0000${skeleton}`;
    this.#near.set(key, near);
    for (const v of deletionVariants(skeleton)) {
      const vk = `${exercise}\u0000${v}`;
      let keys = this.#byVariant.get(vk);
      if (keys === undefined) {
        keys = new Set();
        this.#byVariant.set(vk, keys);
      }
      keys.add(key);
    }
  }

  /** `skeleton` joined the namespace's vocabulary: the skeletons it is one letter away from are read again. */
  added(exercise: number, skeleton: string): void {
    for (const v of deletionVariants(skeleton)) {
      const vk = `${exercise}\u0000${v}`;
      for (const key of this.#byVariant.get(vk) ?? []) this.#near.delete(key);
      this.#byVariant.delete(vk);
    }
  }
}

/**
 * What a profile is found by: the first (ICAO) key and the skeleton of each name part, the
 * skeletons of its other keys (Məmmədov: memedov and mamadov), and its document numbers;
 * distinct, sorted. The other keys themselves are not indexed (a query's keys meet them through
 * their skeletons, which fold the tables' differences), nor trigrams (they go to the vocabulary,
 * once per distinct skeleton: {@link vocabularySkeletons}): few rows per record keep the
 * projection fast.
 */
export function profileTokens(profile: PersonProfile): string[] {
  const names = nameTokens(profile);
  const tokens = new Set<string>(names);
  // The same again under the year and month of birth, for linking (see linkToken).
  for (const t of names) tokens.add(linkToken(profile.b?.[0], profile.b?.[1], t));
  for (const doc of profile.d) tokens.add(DOCUMENT_PREFIX + doc.n);
  return [...tokens].sort();
}

/** The name tokens of a profile the index holds (see {@link profileTokens}), distinct. */
function nameTokens(profile: PersonProfile): Set<string> {
  const tokens = new Set<string>();
  for (const name of profile.n) {
    for (const part of name) {
      if (part.k[0] !== undefined) tokens.add(part.k[0]);
      tokens.add(part.s);
      for (let i = 1; i < part.k.length; i++) tokens.add(cachedSkeleton(part.k[i]!));
    }
  }
  return tokens;
}

/** Prefix of a name token under a date of birth (names' keys and skeletons hold letters only). */
export const LINK_PREFIX = '@';

/**
 * A name token under a year and month of birth (`@1980-4|abdullaev`, `@1980-0|abdullaev` with
 * the month unknown, `@|abdullaev` with the year unknown): linking looks a record's partners up
 * by these, under the dates its own date of birth can agree with (see
 * BankPersonSearcher.linkPartners), instead of reading every namesake.
 */
export function linkToken(year: number | undefined, month: number | undefined, token: string): string {
  return year === undefined ? `${LINK_PREFIX}|${token}` : `${LINK_PREFIX}${year}-${month ?? 0}|${token}`;
}

/** The skeletons of the profile's family, given and untyped parts: the vocabulary a misspelt name is looked up in. */
export function vocabularySkeletons(profile: PersonProfile): string[] {
  const out = new Set<string>();
  for (const name of profile.n) {
    for (const part of name)
      if ((part.t === 'f' || part.t === 'g' || part.t === 'u') && part.s.length >= 2) out.add(part.s);
  }
  return [...out].sort();
}

/** Skeletons of keys, kept: names repeat. */
const skeletonCache = new BoundedCache<string, string>(20_000);

function cachedSkeleton(key: string): string {
  return skeletonCache.getOrSet(key, () => skeletonOf(key));
}

const keyOf = (k: IndexKey): string => `${k.exercise}\u0000${k.originator}\u0000${k.recordId}`;

/** What a batch leaves in the index for one record: its new profile, or nothing (removed). */
interface PendingRecord {
  readonly key: IndexKey;
  /** The record had a profile in the index before this batch (its rows are to be replaced). */
  readonly indexedBefore: boolean;
  put?: { readonly version: number; readonly messageId: string; readonly profile: string; readonly tokens: string[] };
}

/**
 * The search index's writes of one projection batch, applied together by {@link flush} inside
 * the batch's transaction: a few multi-row statements per batch instead of several statements
 * per record, which keeps the projection's rate. A record changed twice in one batch is
 * written once, as it stands at the end of the batch.
 */
export class SearchIndexBatch {
  readonly #pending = new Map<string, PendingRecord>();
  /** Skeletons of every version made current in the batch (the vocabulary only grows, whatever replaced them). */
  readonly #vocabulary = new Map<string, { readonly exercise: number; readonly skeleton: string }>();

  /**
   * A person record's version became current: its profile and tokens replace the previous
   * version's. `isNew`: the record had no current version before (nothing to replace).
   */
  put(
    key: IndexKey,
    current: { readonly version: number; readonly messageId: string },
    record: atc.v1.PersonRecord.$Properties,
    isNew: boolean,
  ): void {
    const profile = recordProfile(record);
    const entry = this.#entry(key, !isNew);
    entry.put = {
      version: current.version,
      messageId: current.messageId,
      profile: JSON.stringify(profile),
      tokens: profileTokens(profile),
    };
    for (const skeleton of vocabularySkeletons(profile)) {
      this.#vocabulary.set(`${key.exercise}\u0000${skeleton}`, { exercise: key.exercise, skeleton });
    }
  }

  /** A record left the current records (withdrawn, or no longer a person): its profile and tokens go. */
  remove(key: IndexKey): void {
    const entry = this.#entry(key, true);
    delete entry.put;
  }

  /** The record's pending entry; `mayBeIndexed`: when the batch first sees it, it may have rows already. */
  #entry(key: IndexKey, mayBeIndexed: boolean): PendingRecord {
    const id = keyOf(key);
    let entry = this.#pending.get(id);
    if (entry === undefined) {
      entry = { key, indexedBefore: mayBeIndexed };
      this.#pending.set(id, entry);
    }
    return entry;
  }

  /** Forgets what is pending (a batch that failed is applied again from its start). */
  discard(): void {
    this.#pending.clear();
    this.#vocabulary.clear();
  }

  /**
   * Writes the batch's changes (call inside the batch's transaction) and forgets them; resolves
   * to the skeletons the vocabulary did not hold before.
   */
  async flush(db: SqlDb): Promise<VocabularyEntry[]> {
    const entries = [...this.#pending.values()];
    const vocabulary = [...this.#vocabulary.values()];
    this.discard();
    if (entries.length === 0) return [];
    const old = await previousTokens(
      db,
      entries.filter((e) => e.indexedBefore).map((e) => e.key),
    );
    const removeRows: [IndexKey, string][] = [];
    const addRows: [IndexKey, string][] = [];
    for (const e of entries) {
      const before = old.get(keyOf(e.key)) ?? [];
      const now = new Set(e.put?.tokens ?? []);
      const kept = new Set(before);
      for (const t of before) if (!now.has(t)) removeRows.push([e.key, t]);
      for (const t of now) if (!kept.has(t)) addRows.push([e.key, t]);
    }
    for (const part of inLists(removeRows)) {
      await db.run(
        `DELETE FROM databank_search_tokens WHERE ${part
          .map(() => '(exercise = ? AND token = ? AND originator = ? AND record_id = ?)')
          .join(' OR ')}`,
        part.flatMap(([k, t]) => [k.exercise, t, k.originator, k.recordId]),
      );
    }
    const gone = entries.filter((e) => e.put === undefined && old.has(keyOf(e.key)));
    for (const part of inLists(gone)) {
      await db.run(
        `DELETE FROM databank_search_profiles WHERE ${part
          .map(() => '(exercise = ? AND originator = ? AND record_id = ?)')
          .join(' OR ')}`,
        part.flatMap((e) => [e.key.exercise, e.key.originator, e.key.recordId]),
      );
    }
    const puts = entries.filter((e) => e.put !== undefined);
    const parsed = ParsedProfiles.of(db);
    for (const e of puts) parsed.written(e.put!.messageId, e.put!.profile);
    // Each once (insertRows does not pad): an upsert may not meet its row twice.
    await insertRows(
      db,
      'databank_search_profiles',
      ['exercise', 'originator', 'record_id', 'version', 'message_id', 'profile', 'tokens'],
      puts.map((e) => {
        const put = e.put!;
        return [
          e.key.exercise,
          e.key.originator,
          e.key.recordId,
          put.version,
          put.messageId,
          put.profile,
          JSON.stringify(put.tokens),
        ];
      }),
      ` ON CONFLICT (exercise, originator, record_id) DO UPDATE SET version = excluded.version,
         message_id = excluded.message_id, profile = excluded.profile, tokens = excluded.tokens`,
    );
    for (const part of inLists(addRows)) {
      await db.run(
        `INSERT INTO databank_search_tokens (exercise, token, originator, record_id)
         VALUES ${tuples(part.length, 4)} ON CONFLICT DO NOTHING`,
        part.flatMap(([k, t]) => [k.exercise, t, k.originator, k.recordId]),
      );
    }
    return addToVocabulary(db, vocabulary);
  }
}

/** A skeleton of a namespace's vocabulary. */
export interface VocabularyEntry {
  readonly exercise: number;
  readonly skeleton: string;
}

/** The tokens the index holds for these records (those it holds). */
async function previousTokens(db: SqlDb, keys: readonly IndexKey[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const part of inLists(keys)) {
    const rows = await db.all<{ exercise: number; originator: string; record_id: string; tokens: string }>(
      `SELECT exercise, originator, record_id, tokens FROM databank_search_profiles WHERE ${part
        .map(() => '(exercise = ? AND originator = ? AND record_id = ?)')
        .join(' OR ')}`,
      part.flatMap((k) => [k.exercise, k.originator, k.recordId]),
    );
    for (const r of rows) {
      out.set(
        keyOf({ exercise: r.exercise, originator: r.originator, recordId: r.record_id }),
        JSON.parse(r.tokens) as string[],
      );
    }
  }
  return out;
}

/**
 * Adds the skeletons the vocabulary does not hold yet, with their trigrams and deletion
 * variants: the batch's distinct skeletons' first trigram rows in one statement (a row is there
 * exactly when its skeleton is), then the other rows of those that were new.
 */
async function addToVocabulary(db: SqlDb, wanted: readonly VocabularyEntry[]): Promise<VocabularyEntry[]> {
  const rest: [number, string, string][] = [];
  const added: VocabularyEntry[] = [];
  // A repeated row is inserted (and returned) once.
  for (const part of inLists(wanted)) {
    const rows = await db.all<{ exercise: number; skeleton: string }>(
      `INSERT INTO databank_search_grams (exercise, gram, skeleton) VALUES ${tuples(part.length, 3)}
       ON CONFLICT DO NOTHING RETURNING exercise, skeleton`,
      part.flatMap((w) => [w.exercise, trigrams(w.skeleton)[0]!, w.skeleton]),
    );
    added.push(...rows);
    for (const a of rows) {
      const first = trigrams(a.skeleton)[0]!;
      for (const g of vocabularyGrams(a.skeleton)) if (g !== first) rest.push([a.exercise, g, a.skeleton]);
    }
  }
  for (const part of inLists(rest)) {
    await db.run(
      `INSERT INTO databank_search_grams (exercise, gram, skeleton) VALUES ${tuples(part.length, 3)}
       ON CONFLICT DO NOTHING`,
      part.flat(),
    );
  }
  return added;
}

import { skeletonOf, type atc } from '@atc/shared';
import type { SqlDb } from '../db/sql-db.js';
import { recordProfile, type PersonProfile } from './person-profile.js';

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

/**
 * What a profile is found by: the first (ICAO) key and the skeleton of each name part, the
 * skeletons of its other keys (Məmmədov: memedov and mamadov), and its document numbers;
 * distinct, sorted. The other keys themselves are not indexed (a query's keys meet them through
 * their skeletons, which fold the tables' differences), nor trigrams (they go to the vocabulary,
 * once per distinct skeleton: {@link vocabularySkeletons}): few rows per record keep the
 * projection fast.
 */
export function profileTokens(profile: PersonProfile): string[] {
  const tokens = new Set<string>();
  for (const name of profile.n) {
    for (const part of name) {
      if (part.k[0] !== undefined) tokens.add(part.k[0]);
      tokens.add(part.s);
      for (let i = 1; i < part.k.length; i++) tokens.add(cachedSkeleton(part.k[i]!));
    }
  }
  for (const doc of profile.d) tokens.add(DOCUMENT_PREFIX + doc.n);
  return [...tokens].sort();
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

/**
 * Adds the skeletons the vocabulary does not hold yet, with their trigrams: one point write per
 * skeleton (its first trigram row, which is there exactly when the skeleton is), the others only
 * for a skeleton new to the bank.
 */
async function addToVocabulary(db: SqlDb, exercise: number, skeletons: readonly string[]): Promise<void> {
  for (const skeleton of skeletons) {
    const [first, ...rest] = [...new Set(trigrams(skeleton))];
    const added = await db.run(
      'INSERT INTO databank_search_grams (exercise, gram, skeleton) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
      [exercise, first!, skeleton],
    );
    if (added === 0 || rest.length === 0) continue;
    await db.run(
      `INSERT INTO databank_search_grams (exercise, gram, skeleton) VALUES ${rest.map(() => '(?, ?, ?)').join(', ')}
       ON CONFLICT DO NOTHING`,
      rest.flatMap((g) => [exercise, g, skeleton]),
    );
  }
}

/** Skeletons of keys, kept: names repeat. */
const SKELETON_CACHE_SIZE = 20_000;
const skeletonCache = new Map<string, string>();

function cachedSkeleton(key: string): string {
  let s = skeletonCache.get(key);
  if (s === undefined) {
    s = skeletonOf(key);
    if (skeletonCache.size >= SKELETON_CACHE_SIZE) skeletonCache.clear();
    skeletonCache.set(key, s);
  }
  return s;
}

async function insertTokens(db: SqlDb, key: IndexKey, tokens: readonly string[]): Promise<void> {
  if (tokens.length === 0) return;
  await db.run(
    `INSERT INTO databank_search_tokens (exercise, token, originator, record_id) VALUES ${tokens
      .map(() => '(?, ?, ?, ?)')
      .join(', ')} ON CONFLICT DO NOTHING`,
    tokens.flatMap((t) => [key.exercise, t, key.originator, key.recordId]),
  );
}

async function deleteTokens(db: SqlDb, key: IndexKey, tokens: readonly string[]): Promise<void> {
  if (tokens.length === 0) return;
  await db.run(
    `DELETE FROM databank_search_tokens WHERE exercise = ? AND originator = ? AND record_id = ?
       AND token IN (${tokens.map(() => '?').join(', ')})`,
    [key.exercise, key.originator, key.recordId, ...tokens],
  );
}

/**
 * A person record's version became current: its profile and tokens replace the previous
 * version's (only the tokens that changed are written). `isNew`: the record had no current
 * version before, so there is nothing to replace (one write fewer on the projection's path).
 */
export async function indexPerson(
  db: SqlDb,
  key: IndexKey,
  current: { readonly version: number; readonly messageId: string },
  record: atc.v1.PersonRecord.$Properties,
  isNew: boolean,
): Promise<void> {
  const profile = recordProfile(record);
  const tokens = profileTokens(profile);
  const previous = isNew
    ? undefined
    : await db.get<{ tokens: string }>(
        'SELECT tokens FROM databank_search_profiles WHERE exercise = ? AND originator = ? AND record_id = ?',
        [key.exercise, key.originator, key.recordId],
      );
  const old = previous === undefined ? [] : (JSON.parse(previous.tokens) as string[]);
  await db.run(
    `INSERT INTO databank_search_profiles (exercise, originator, record_id, version, message_id, profile, tokens)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (exercise, originator, record_id) DO UPDATE SET version = excluded.version,
       message_id = excluded.message_id, profile = excluded.profile, tokens = excluded.tokens`,
    [
      key.exercise,
      key.originator,
      key.recordId,
      current.version,
      current.messageId,
      JSON.stringify(profile),
      JSON.stringify(tokens),
    ],
  );
  await addToVocabulary(db, key.exercise, vocabularySkeletons(profile));
  const keep = new Set(old);
  const now = new Set(tokens);
  await deleteTokens(
    db,
    key,
    old.filter((t) => !now.has(t)),
  );
  await insertTokens(
    db,
    key,
    tokens.filter((t) => !keep.has(t)),
  );
}

/** A record left the bank's current records (withdrawn): its profile and tokens go. */
export async function unindexPerson(db: SqlDb, key: IndexKey): Promise<void> {
  const previous = await db.get<{ tokens: string }>(
    'SELECT tokens FROM databank_search_profiles WHERE exercise = ? AND originator = ? AND record_id = ?',
    [key.exercise, key.originator, key.recordId],
  );
  if (previous === undefined) return;
  await deleteTokens(db, key, JSON.parse(previous.tokens) as string[]);
  await db.run('DELETE FROM databank_search_profiles WHERE exercise = ? AND originator = ? AND record_id = ?', [
    key.exercise,
    key.originator,
    key.recordId,
  ]);
}

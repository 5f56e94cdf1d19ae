import type { atc } from '@atc/shared';
import type { SqlDb } from '../db/sql-db.js';
import { recordProfile, type PersonProfile } from './person-profile.js';

/** The search index's tables (emptied with the bank), with their canonical dump order. */
export const SEARCH_DUMP_ORDER = {
  databank_search_profiles: 'exercise, originator, record_id',
  databank_search_tokens: 'exercise, token, originator, record_id',
} as const;

/** Prefix of a skeleton trigram token. */
export const TRIGRAM_PREFIX = '#';
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
 * What a profile is found by: every match key and skeleton of its name parts, the skeleton
 * trigrams of its family, given and untyped parts (for one-letter typos), and its document
 * numbers; distinct, sorted.
 */
export function profileTokens(profile: PersonProfile): string[] {
  const tokens = new Set<string>();
  for (const name of profile.n) {
    for (const part of name) {
      for (const key of part.k) tokens.add(key);
      tokens.add(part.s);
      if (part.t === 'f' || part.t === 'g' || part.t === 'u') {
        for (const t of trigrams(part.s)) tokens.add(TRIGRAM_PREFIX + t);
      }
    }
  }
  for (const doc of profile.d) tokens.add(DOCUMENT_PREFIX + doc.n);
  return [...tokens].sort();
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

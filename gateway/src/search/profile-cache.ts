import { AtcError, BoundedCache, ErrorCode } from '@atc/shared';
import type { SqlDb, SqlValue } from '../db/sql-db.js';
import type { PersonProfile } from './person-profile.js';

/**
 * Profiles kept parsed per connection: a common name's records are partners of every namesake
 * linked, and the projection writes each profile just before its namesakes look for it. A
 * parsed profile takes about 1.5 KB: 20,000 of them about 30 MB.
 */
export const PARSED_PROFILES = 20_000;

/** Profiles loaded per statement. */
const LOAD_CHUNK = 200;

/** A current person record of the index whose profile is wanted: the message of its current version. */
export interface ProfileOf {
  readonly originator: string;
  readonly recordId: string;
  readonly messageId: string;
}

const byConnection = new WeakMap<SqlDb, ParsedProfiles>();

/**
 * The search index's profiles parsed, by the message of the version they are the profile of:
 * a profile is computed from its version's content alone, so a message's profile never changes
 * (a rebuild of the bank computes the same one), and a record whose current version changed is
 * read under its new message. Kept per connection (each archive has its own messages), so the
 * only read a kept profile spares is its text's: which version is current is always read from
 * the index.
 */
export class ParsedProfiles {
  readonly #parsed = new BoundedCache<string, PersonProfile>(PARSED_PROFILES);

  private constructor(private readonly db: SqlDb) {}

  /** The profiles kept for `db`'s index. */
  static of(db: SqlDb): ParsedProfiles {
    let kept = byConnection.get(db);
    if (kept === undefined) {
      kept = new ParsedProfiles(db);
      byConnection.set(db, kept);
    }
    return kept;
  }

  /** The index now holds `text` as the profile of `messageId`'s version (parsed now: it is soon read). */
  written(messageId: string, text: string): void {
    this.#parsed.set(messageId, JSON.parse(text) as PersonProfile);
  }

  /**
   * The profiles of these records' current versions, in their order, as `rows` were read
   * (call in the transaction that read them: the texts not kept are read in the same snapshot).
   *
   * @throws AtcError INTERNAL when a record's version is no longer the index's (read outside that transaction).
   */
  async of(exercise: number, rows: readonly ProfileOf[]): Promise<PersonProfile[]> {
    const out: (PersonProfile | undefined)[] = rows.map((r) => this.#parsed.get(r.messageId));
    const missing: number[] = [];
    out.forEach((p, i) => {
      if (p === undefined) missing.push(i);
    });
    for (let i = 0; i < missing.length; i += LOAD_CHUNK) {
      const chunk = missing.slice(i, i + LOAD_CHUNK);
      const params: SqlValue[] = [];
      for (const at of chunk) params.push(rows[at]!.originator, rows[at]!.recordId);
      params.push(exercise);
      const texts = await this.db.all<{ message_id: string; profile: string }>(
        `WITH c (originator, record_id) AS (VALUES ${chunk.map(() => '(?, ?)').join(', ')})
         SELECT p.message_id, p.profile FROM c CROSS JOIN databank_search_profiles p
         WHERE p.exercise = ? AND p.originator = c.originator AND p.record_id = c.record_id`,
        params,
      );
      const byMessage = new Map(texts.map((t) => [t.message_id, t.profile]));
      for (const at of chunk) {
        const { messageId } = rows[at]!;
        const text = byMessage.get(messageId);
        if (text === undefined) {
          // Never while the bank's write lock is held (every caller holds it): a broken invariant.
          throw new AtcError(
            ErrorCode.INTERNAL,
            `the search index changed while read: ${exercise === 1 ? 'exercise' : 'operational'} record ${rows[at]!.originator}/${rows[at]!.recordId} is no longer at message ${messageId}`,
          );
        }
        const parsed = JSON.parse(text) as PersonProfile;
        this.#parsed.set(messageId, parsed);
        out[at] = parsed;
      }
    }
    return out as PersonProfile[];
  }
}

import { BoundedCache } from '@atc/shared';
import type { SqlDb } from '../db/sql-db.js';
import type { PersonProfile } from './person-profile.js';

/**
 * Profiles kept parsed per connection: a common name's records are partners of every namesake
 * linked, and the projection writes each profile just before its namesakes look for it. A
 * parsed profile takes about 1.1-1.5 KB: 20,000 of them 22-30 MB.
 */
export const PARSED_PROFILES = 20_000;

const byConnection = new WeakMap<SqlDb, ParsedProfiles>();

/**
 * The search index's profiles parsed, by the message of the version they are the profile of:
 * a profile is computed from its version's content alone, so a message's profile never changes
 * (a rebuild of the bank computes the same one), and a record whose current version changed is
 * read under its new message. Kept per connection (each archive has its own messages). A
 * reader reads a profile's message and text in one row, so what it is given is always the
 * index's; the text is parsed only when that message's profile is not kept (looked up by the
 * message id, not by the text: hashing hundreds of characters per partner cost more than the
 * look-up spares).
 */
export class ParsedProfiles {
  readonly #parsed = new BoundedCache<string, PersonProfile>(PARSED_PROFILES);

  private constructor() {}

  /** The profiles kept for `db`'s index. */
  static of(db: SqlDb): ParsedProfiles {
    let kept = byConnection.get(db);
    if (kept === undefined) {
      kept = new ParsedProfiles();
      byConnection.set(db, kept);
    }
    return kept;
  }

  /** The index now holds `text` as the profile of `messageId`'s version (parsed now: it is soon read). */
  written(messageId: string, text: string): void {
    this.#parsed.set(messageId, JSON.parse(text) as PersonProfile);
  }

  /** The profile `text` of `messageId`'s version, as read from the index in the same row: parsed once while kept. */
  read(messageId: string, text: string): PersonProfile {
    return this.#parsed.getOrSet(messageId, () => JSON.parse(text) as PersonProfile);
  }
}

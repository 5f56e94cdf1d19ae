import type { atc } from '@atc/shared';

/** One record a search found, before it is shaped for whoever asked (hit/no-hit, content). */
export interface PersonMatch {
  readonly originator: string;
  readonly recordId: string;
  /** The record's current version. */
  readonly version: number;
  /** The archived message that carries the current version. */
  readonly messageId: string;
  /** The data bank subject the record is linked to. */
  readonly subjectId: string;
  /** 0..1, higher is better. */
  readonly score: number;
  /** Why it matched, one sentence each ("family name via ICAO key ABDULLAEV", "date of birth equal"). */
  readonly reasons: readonly string[];
}

/** Where and how much to search. */
export interface PersonSearchOptions {
  /** The namespace: exercise records are searched only by exercise queries, and never otherwise. */
  readonly exercise: boolean;
  /** Most matches wanted, 1..50. */
  readonly limit: number;
}

/** The matches, best first. */
export interface PersonSearchResult {
  readonly matches: readonly PersonMatch[];
  /** More records scored above the floor than `limit` allowed. */
  readonly truncated: boolean;
}

/**
 * Searches the data bank's current person records. The one engine behind the operators' API,
 * members' DataBankQuery messages and the bank's candidate links. Refuses queries it cannot
 * answer with an AtcError (ERR_QUERY_TOO_BROAD, ERR_NAME_NO_LETTERS, ERR_NAME_SCRIPT_UNSUPPORTED).
 */
export interface PersonSearcher {
  search(query: atc.v1.DataBankQuery.$Properties, options: PersonSearchOptions): Promise<PersonSearchResult>;
}

import type { ApiClient } from './client';

/** A name part of a search, typed or not (`type` one of the protocol's short names). */
export interface SearchNamePart {
  readonly type?: 'FAMILY' | 'GIVEN' | 'PATRONYMIC';
  readonly value: string;
}

/** The body of `POST /v1/databank/search`: what is known of the person, and why the search is made. */
export interface PersonSearchBody {
  readonly names?: readonly { readonly parts: readonly SearchNamePart[] }[];
  readonly dateOfBirth?: { readonly year: number; readonly month?: number; readonly day?: number };
  readonly sex?: 'MALE' | 'FEMALE';
  readonly nationalities?: readonly string[];
  readonly documents?: readonly { readonly number: string }[];
  readonly limit?: number;
  /** Recorded in the audit log with the terms and the result count. */
  readonly purpose: string;
  readonly exercise?: boolean;
}

/** One record the search found: a reference, its score and why it matched (no record content). */
export interface SearchHit {
  readonly originator: string;
  readonly recordId: string;
  readonly version: number;
  readonly messageId: string;
  readonly subjectId: string;
  /** 0..1, higher is better. */
  readonly score: number;
  /** Empty for operators when the record is restricted. */
  readonly reasons: readonly string[];
  /** TLP:RED, TLP:AMBER+STRICT or hit/no-hit only: the centre sees that it exists, not why. */
  readonly restricted: boolean;
}

/** What the search answered. */
export interface SearchAnswer {
  readonly exercise: boolean;
  readonly hits: readonly SearchHit[];
  readonly truncated: boolean;
}

/** Searches the data bank's persons (operators, auditors; sent with the session's CSRF token and audited). */
export async function searchPersons(client: ApiClient, body: PersonSearchBody): Promise<SearchAnswer> {
  return (await client.request('POST', '/v1/databank/search', body)) as SearchAnswer;
}

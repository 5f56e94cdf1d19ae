import { AtcError, ErrorCode } from '../errors/atc-error.js';
import { RefusalCode } from '../errors/refusal-codes.js';
import type { atc } from '../proto/protobuf.js';
import { matchKeys, type MatchKeys } from './match-keys.js';

/** Most hits one person search returns. */
export const SEARCH_LIMIT_MAX = 50;
/**
 * The centre answers a DataBankQuery archived at most this long ago; one it first finds
 * unanswered later is left unanswered (its asker has long given up), and the agent then says so.
 */
export const SEARCH_ANSWER_WINDOW_MS = 3_600_000;
/** Hits returned when a DataBankQuery leaves `limit` at 0. */
export const SEARCH_LIMIT_DEFAULT = 10;
/** Most names (spellings) one query may carry. */
export const SEARCH_MAX_NAMES = 10;
/** Most parts one name may have. */
export const SEARCH_MAX_PARTS = 8;
/** Longest name part, in characters. */
export const SEARCH_MAX_PART_LENGTH = 100;
/** Most documents one query may carry. */
export const SEARCH_MAX_DOCUMENTS = 10;

const LETTER = /\p{L}/gu;
const DOCUMENT_NOISE = /[\s\p{Pd}\u00ad]/gu;

/** A query's name part, checked, with its match keys. */
export interface CheckedNamePart {
  readonly type: number;
  readonly value: string;
  readonly keys: MatchKeys;
}

/** A DataBankQuery the search can answer: its names' keys computed and its limit resolved. */
export interface CheckedQuery {
  /** Per name, its parts with their keys (parts without a value are left out). */
  readonly names: readonly (readonly CheckedNamePart[])[];
  /** 1..50 (0 in the query means {@link SEARCH_LIMIT_DEFAULT}). */
  readonly limit: number;
}

function letters(text: string): number {
  return text.normalize('NFKC').match(LETTER)?.length ?? 0;
}

/** A document number as compared: NFKC, upper case, spaces and dashes removed. */
export function normalizeDocumentNumber(number: string): string {
  return number.normalize('NFKC').toUpperCase().replace(DOCUMENT_NOISE, '');
}

/**
 * Throws ERR_QUERY_LIMIT_INVALID unless `limit` is a whole number from 1 to 50 (the searcher's
 * options, and a DataBankQuery's `limit` once 0 is read as the default).
 */
export function checkSearchLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > SEARCH_LIMIT_MAX) {
    throw new AtcError(
      RefusalCode.QUERY_LIMIT_INVALID,
      `The search limit must be a whole number from 1 to ${SEARCH_LIMIT_MAX}; got ${String(limit)}.`,
    );
  }
  return limit;
}

/**
 * The rules every person search is held to, wherever it arrives (the gateway's API, a member's
 * agent, a DataBankQuery in the pipeline): at least one name part of two letters or more, or one
 * document number (a single letter, a date of birth, a sex or a nationality alone is too broad:
 * ERR_QUERY_TOO_BROAD); every name part readable by the transliteration tables (ERR_NAME_NO_LETTERS,
 * ERR_NAME_SCRIPT_UNSUPPORTED); `limit` 0 (the default, 10) or 1..50 (ERR_QUERY_LIMIT_INVALID);
 * at most 10 names of 8 parts of 100 characters and 10 documents (ERR_QUERY_INVALID).
 */
export function checkDataBankQuery(query: atc.v1.DataBankQuery.$Properties): CheckedQuery {
  const limit = checkSearchLimit(
    query.limit === undefined || query.limit === null || query.limit === 0 ? SEARCH_LIMIT_DEFAULT : query.limit,
  );
  const names = query.names ?? [];
  const documents = query.documents ?? [];
  if (names.length > SEARCH_MAX_NAMES || documents.length > SEARCH_MAX_DOCUMENTS) {
    throw new AtcError(
      ErrorCode.QUERY_INVALID,
      `A search takes at most ${SEARCH_MAX_NAMES} names and ${SEARCH_MAX_DOCUMENTS} documents; got ${names.length} and ${documents.length}.`,
    );
  }
  const checked: CheckedNamePart[][] = [];
  let longest = 0;
  for (const name of names) {
    const parts = (name.parts ?? []).filter((p) => (p.value ?? '') !== '');
    if (parts.length > SEARCH_MAX_PARTS) {
      throw new AtcError(
        ErrorCode.QUERY_INVALID,
        `A name takes at most ${SEARCH_MAX_PARTS} parts; got ${parts.length}.`,
      );
    }
    const out: CheckedNamePart[] = [];
    for (const part of parts) {
      const value = part.value ?? '';
      if (value.length > SEARCH_MAX_PART_LENGTH) {
        throw new AtcError(
          ErrorCode.QUERY_INVALID,
          `A name part takes at most ${SEARCH_MAX_PART_LENGTH} characters; got ${value.length}.`,
        );
      }
      out.push({ type: part.type ?? 0, value, keys: matchKeys(value) });
      longest = Math.max(longest, letters(value));
    }
    if (out.length > 0) checked.push(out);
  }
  const hasDocument = documents.some((d) => normalizeDocumentNumber(d.number ?? '').length >= 2);
  if (longest < 2 && !hasDocument) {
    throw new AtcError(
      RefusalCode.QUERY_TOO_BROAD,
      'The search is too broad: give at least one name part of two letters or more, or a document number (a date of birth, sex or nationality alone, or a single letter, would match too many people).',
    );
  }
  return { names: checked, limit };
}

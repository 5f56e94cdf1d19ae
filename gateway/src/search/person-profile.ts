import {
  atc,
  AtcError,
  BoundedCache,
  checkDataBankQuery,
  matchKeys,
  normalizeDocumentNumber,
  type CheckedQuery,
  type MatchKeys,
} from '@atc/shared';
import { normalizeKey } from '../databank/subject-keys.js';

/** A name part's kind, one letter: g given, f family, p patronymic, m middle, o other, u not stated. */
export type PartKind = 'g' | 'f' | 'p' | 'm' | 'o' | 'u';

const KIND_OF: Readonly<Record<number, PartKind>> = {
  [atc.v1.NamePartType.NAME_PART_TYPE_GIVEN]: 'g',
  [atc.v1.NamePartType.NAME_PART_TYPE_FAMILY]: 'f',
  [atc.v1.NamePartType.NAME_PART_TYPE_PATRONYMIC]: 'p',
  [atc.v1.NamePartType.NAME_PART_TYPE_MIDDLE]: 'm',
  [atc.v1.NamePartType.NAME_PART_TYPE_OTHER]: 'o',
};

/** One name part as the search compares it (compact: profiles are stored as JSON per record). */
export interface ProfilePart {
  readonly t: PartKind;
  /** Latin keys, the first the ICAO (composite) one. */
  readonly k: readonly string[];
  /** Skeleton. */
  readonly s: string;
}

/** A document as compared: type name (PASSPORT, or '' when not stated), number, issuing country. */
export interface ProfileDocument {
  readonly t: string;
  readonly n: string;
  readonly c: string;
}

/** A person as the search compares it: the names and aliases, and the facts that raise or lower a score. */
export interface PersonProfile {
  /** Each name and alias, its parts in order. */
  readonly n: readonly (readonly ProfilePart[])[];
  /** Date of birth [year, month, day], unknown parts 0; absent when the year is unknown. */
  readonly b?: readonly [number, number, number];
  /** Sex: 1 male, 2 female; absent when unknown. */
  readonly x?: number;
  /** Nationalities, ISO 3166-1 alpha-2, upper case. */
  readonly a: readonly string[];
  readonly d: readonly ProfileDocument[];
}

function kindOf(type: number | null | undefined): PartKind {
  return KIND_OF[type ?? 0] ?? 'u';
}

function dateOf(date: atc.v1.PartialDate.$Properties | null | undefined): [number, number, number] | undefined {
  const year = date?.year ?? 0;
  if (year === 0) return undefined;
  return [year, date?.month ?? 0, date?.day ?? 0];
}

function documentsOf(documents: readonly atc.v1.IdentityDocument.$Properties[] | null | undefined): ProfileDocument[] {
  const out: ProfileDocument[] = [];
  for (const doc of documents ?? []) {
    const n = normalizeDocumentNumber(doc.number ?? '');
    if (n === '') continue;
    const type = doc.type ?? 0;
    const t = type === 0 ? '' : (atc.v1.DocumentType[type] ?? `TYPE_${type}`).replace(/^DOCUMENT_TYPE_/, '');
    out.push({ t, n, c: normalizeKey(doc.issuingCountry ?? '') });
  }
  return out;
}

function facts(
  source: Pick<atc.v1.PersonRecord.$Properties, 'dateOfBirth' | 'sex' | 'nationalities' | 'documents'>,
): Omit<PersonProfile, 'n'> {
  const b = dateOf(source.dateOfBirth);
  const sex = source.sex ?? 0;
  return {
    ...(b === undefined ? {} : { b }),
    ...(sex === 0 ? {} : { x: sex }),
    a: [...new Set((source.nationalities ?? []).map(normalizeKey).filter((n) => n !== ''))].sort(),
    d: documentsOf(source.documents),
  };
}

/** Name parts whose keys are kept (names repeat: family names shared by many, common given names). */
const keysCache = new BoundedCache<string, MatchKeys | null>(20_000);

/** The match keys of a record's name part, or null when the tables cannot read it; cached. */
function cachedKeys(value: string): MatchKeys | null {
  return keysCache.getOrSet(value, () => {
    try {
      return matchKeys(value);
    } catch (e) {
      if (!(e instanceof AtcError)) throw e;
      return null; // Another script, no letters: not searchable by this part.
    }
  });
}

/**
 * The profile of a record's current version: its names and aliases (a part the tables cannot
 * read is left out: a record is never refused by the search, only less findable), date of
 * birth, sex, nationalities and documents.
 */
export function recordProfile(record: atc.v1.PersonRecord.$Properties): PersonProfile {
  const names: ProfilePart[][] = [];
  for (const name of [...(record.names ?? []), ...(record.aliases ?? [])]) {
    const parts: ProfilePart[] = [];
    for (const part of name.parts ?? []) {
      const keys = cachedKeys(part.value ?? '');
      if (keys !== null) parts.push({ t: kindOf(part.type), k: keys.keys, s: keys.skeleton });
    }
    if (parts.length > 0) names.push(parts);
  }
  return { n: names, ...facts(record) };
}

/** The profile of a query already checked by {@link checkDataBankQuery}. */
export function queryProfile(query: atc.v1.DataBankQuery.$Properties, checked: CheckedQuery): PersonProfile {
  return {
    n: checked.names.map((parts) => parts.map((p) => ({ t: kindOf(p.type), k: p.keys.keys, s: p.keys.skeleton }))),
    ...facts(query),
  };
}

/** Checks a query (throws the search's refusals) and returns its profile and limit. */
export function checkedQueryProfile(query: atc.v1.DataBankQuery.$Properties): {
  readonly profile: PersonProfile;
  readonly limit: number;
} {
  const checked = checkDataBankQuery(query);
  return { profile: queryProfile(query, checked), limit: checked.limit };
}

import { atc } from '@atc/shared';

/** The subject categories: one person or one organisation. */
export const SubjectCategory = { PERSON: 'person', ORGANIZATION: 'organization' } as const;
/** One of the subject categories. */
export type SubjectCategory = (typeof SubjectCategory)[keyof typeof SubjectCategory];

/**
 * Kinds of identifiers a record yields. `doc` is strong (records sharing one are linked
 * automatically); `name` (organisations) only proposes candidate links.
 */
export const IdentifierKind = { DOCUMENT: 'doc', NAME: 'name' } as const;
/** One of the identifier kinds. */
export type IdentifierKind = (typeof IdentifierKind)[keyof typeof IdentifierKind];

/** One identifier of a record, normalised. */
export interface SubjectIdentifier {
  readonly kind: IdentifierKind;
  readonly value: string;
}

/** What the subject linking reads from a record's current version. */
export interface SubjectKeys {
  readonly category: SubjectCategory;
  /** Strong and name identifiers, distinct, sorted. */
  readonly identifiers: readonly SubjectIdentifier[];
  /** Nationalities (persons) or countries (organisations), normalised, distinct, sorted. */
  readonly nationalities: readonly string[];
}

// Separators and spaces of every script: they vary between spellings of one name or number.
const IGNORED = /[\s\p{Pd}\u00ad]/gu;

/** NFKC, upper case, spaces and hyphens (any dash) removed: the form identifiers are compared in. */
export function normalizeKey(text: string): string {
  return text.normalize('NFKC').toUpperCase().replace(IGNORED, '');
}

function distinctSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].filter((v) => v !== '').sort();
}

function identifiers(docs: Iterable<string>, names: Iterable<string>): SubjectIdentifier[] {
  return [
    ...distinctSorted(docs).map((value) => ({ kind: IdentifierKind.DOCUMENT, value })),
    ...distinctSorted(names).map((value) => ({ kind: IdentifierKind.NAME, value })),
  ];
}

/**
 * A person's identifiers: strong ones only, each document with a stated type, a number and an
 * issuing country (`PASSPORT:N123:KZ`; a national identity card is the document type
 * NATIONAL_ID). Persons have no name keys: their candidate links come from the person search
 * (subject-linker.ts), which compares names across alphabets and spellings.
 */
export function personKeys(record: atc.v1.PersonRecord.$Properties): SubjectKeys {
  const docs: string[] = [];
  for (const doc of record.documents ?? []) {
    const type = doc.type ?? 0;
    const number = normalizeKey(doc.number ?? '');
    const country = normalizeKey(doc.issuingCountry ?? '');
    if (type === 0 || number === '' || country === '') continue;
    const typeName = (atc.v1.DocumentType[type] ?? `TYPE_${type}`).replace(/^DOCUMENT_TYPE_/, '');
    docs.push(`${typeName}:${number}:${country}`);
  }
  return {
    category: SubjectCategory.PERSON,
    identifiers: identifiers(docs, []),
    nationalities: distinctSorted((record.nationalities ?? []).map(normalizeKey)),
  };
}

/**
 * An organisation's identifiers: no strong one (protocol v1 carries no registration number),
 * and a name key per written name and country it operates in (`O:PRIMERGROUP|KZ`).
 */
export function organizationKeys(record: atc.v1.OrganizationRecord.$Properties): SubjectKeys {
  const countries = distinctSorted((record.countries ?? []).map(normalizeKey));
  const names: string[] = [];
  for (const name of record.names ?? []) {
    const value = normalizeKey(name.value ?? '');
    if (value === '') continue;
    for (const country of countries.length > 0 ? countries : ['']) names.push(`O:${value}|${country}`);
  }
  return { category: SubjectCategory.ORGANIZATION, identifiers: identifiers([], names), nationalities: countries };
}

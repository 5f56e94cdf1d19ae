import { atc, matchKeys } from '@atc/shared';
import data from './name-variants.json' with { type: 'json' };

/**
 * A labelled set for the person search (issue 17, "Quality, measured"): fictitious persons
 * built from the hand-written name parts and spellings of name-variants.json, one record each
 * from its member in the member's script (some also reported by a second member in a passport
 * spelling), queries that spell them as other members and documents do, and distractors:
 * similar-looking different persons (the same family name with another given name, from the
 * same script) that must not rank high. Deterministic: one seed gives one set.
 */

const T = atc.v1.NamePartType;

/** One spelling group: the name as its member writes it, then spellings of it seen elsewhere. */
type Group = readonly string[];

interface MemberNames {
  readonly script: string;
  readonly family: readonly Group[];
  readonly given: readonly Group[];
  readonly patronymic: readonly Group[];
}

const MEMBERS = data.members as unknown as Readonly<Record<string, MemberNames>>;

/** A record to put in the bank. */
export interface LabelledRecord {
  readonly originator: string;
  readonly recordId: string;
  /** The person it is about (distractors are persons of their own). */
  readonly personId: string;
  readonly record: atc.v1.PersonRecord.$Properties;
}

/** How a query spells the person. */
export type QueryKind =
  | 'icao-passport'
  | 'other-spelling'
  | 'one-letter-typo'
  | 'order-swapped'
  | 'no-patronymic'
  | 'french-style'
  | 'year-one-apart';

/** A query and the person it looks for. */
export interface LabelledQuery {
  readonly kind: QueryKind;
  readonly personId: string;
  readonly query: atc.v1.DataBankQuery.$Properties;
}

export interface LabelledSet {
  readonly records: readonly LabelledRecord[];
  readonly queries: readonly LabelledQuery[];
  /** (query, true record) pairs: each query with each record of its person. */
  readonly pairs: number;
  readonly distractors: number;
}

/** mulberry32: a small fast deterministic generator. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function part(type: atc.v1.NamePartType, value: string): atc.v1.NamePart.$Properties {
  return { type, value };
}

function scriptCode(script: string, value: string): string {
  return /\p{Script=Latin}/u.test(value) ? 'Latn' : script;
}

/** One letter of the word (not the first, not the last) replaced by another letter of the word. */
function typo(word: string, random: () => number): string {
  const chars = Array.from(word);
  if (chars.length < 4) return word;
  const at = 1 + Math.floor(random() * (chars.length - 2));
  const others = [...new Set(chars.map((c) => c.toLowerCase()))].filter((c) => c !== chars[at]!.toLowerCase());
  chars[at] = others[Math.floor(random() * others.length)] ?? chars[at]!;
  return chars.join('');
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

interface Person {
  readonly id: string;
  readonly member: string;
  readonly family: Group;
  readonly given: Group;
  readonly patronymic: Group | undefined;
  readonly dob: { year: number; month: number; day: number };
  readonly sex: atc.v1.Sex;
  readonly passport: string | undefined;
}

function randomDob(random: () => number): { year: number; month: number; day: number } {
  return {
    year: 1960 + Math.floor(random() * 40),
    month: 1 + Math.floor(random() * 12),
    day: 1 + Math.floor(random() * 28),
  };
}

function nativeRecord(p: Person, script: string): atc.v1.PersonRecord.$Properties {
  const parts = [part(T.NAME_PART_TYPE_FAMILY, p.family[0]!), part(T.NAME_PART_TYPE_GIVEN, p.given[0]!)];
  if (p.patronymic !== undefined) parts.push(part(T.NAME_PART_TYPE_PATRONYMIC, p.patronymic[0]!));
  return {
    names: [{ script: scriptCode(script, p.family[0]!), parts }],
    dateOfBirth: p.dob,
    sex: p.sex,
    nationalities: [p.member],
    documents:
      p.passport === undefined
        ? []
        : [{ type: atc.v1.DocumentType.DOCUMENT_TYPE_PASSPORT, number: p.passport, issuingCountry: p.member }],
  };
}

/** A second member's record of the person: its passport (ICAO) spelling, year of birth only. */
function secondRecord(p: Person): atc.v1.PersonRecord.$Properties {
  return {
    names: [
      {
        script: 'Latn',
        parts: [part(T.NAME_PART_TYPE_FAMILY, p.family[1]!), part(T.NAME_PART_TYPE_GIVEN, p.given[1]!)],
      },
    ],
    dateOfBirth: { year: p.dob.year },
    nationalities: [p.member],
  };
}

function queryFor(kind: QueryKind, p: Person, random: () => number): atc.v1.DataBankQuery.$Properties {
  const typed = (family: string, given: string, patronymic?: string): atc.v1.PersonName.$Properties => ({
    parts: [
      part(T.NAME_PART_TYPE_FAMILY, family),
      part(T.NAME_PART_TYPE_GIVEN, given),
      ...(patronymic === undefined ? [] : [part(T.NAME_PART_TYPE_PATRONYMIC, patronymic)]),
    ],
  });
  const spelling = (g: Group) => (g.length > 1 ? g[1 + Math.floor(random() * (g.length - 1))]! : g[0]!);
  const { year, month, day } = p.dob;
  switch (kind) {
    case 'icao-passport':
      return {
        names: [typed(p.family[1] ?? p.family[0]!, p.given[1] ?? p.given[0]!, p.patronymic?.[1])],
        dateOfBirth: p.dob,
        sex: p.sex,
      };
    case 'other-spelling':
      return { names: [typed(spelling(p.family), spelling(p.given))], dateOfBirth: { year, month } };
    case 'one-letter-typo':
      return { names: [typed(typo(pick(random, p.family), random), p.given[0]!)], dateOfBirth: p.dob };
    case 'order-swapped':
      return {
        names: [
          {
            parts: [
              part(T.NAME_PART_TYPE_UNSPECIFIED, spelling(p.given)),
              part(T.NAME_PART_TYPE_UNSPECIFIED, spelling(p.family)),
            ],
          },
        ],
      };
    case 'no-patronymic':
      return { names: [typed(p.family[0]!, p.given[0]!)], dateOfBirth: { year } };
    case 'french-style':
      return {
        names: [typed(p.family.at(-1)!, p.given.at(-1)!)],
        // Day and month swapped, as a form filled in the other order gives.
        dateOfBirth: day <= 12 ? { year, month: day, day: month } : p.dob,
      };
    case 'year-one-apart':
      return {
        names: [typed(spelling(p.family), p.given[0]!)],
        dateOfBirth: { year: year + (random() < 0.5 ? -1 : 1), month, day },
      };
  }
}

const KINDS: readonly QueryKind[] = [
  'icao-passport',
  'other-spelling',
  'one-letter-typo',
  'order-swapped',
  'no-patronymic',
  'french-style',
  'year-one-apart',
];

function comboKey(family: string, given: string): string {
  return `${matchKeys(family).skeleton}|${matchKeys(given).skeleton}`;
}

/**
 * The labelled set: `personsPerMember` persons per member (11 scripts and alphabets), two
 * queries each, a second member's record for 40% of them, and `distractorsPerMember`
 * distractors per member (fewer where the member's names allow fewer distinct ones).
 */
export function labelledSet(
  options: { seed?: number; personsPerMember?: number; distractorsPerMember?: number } = {},
): LabelledSet {
  const random = seeded(options.seed ?? 17);
  const perMember = options.personsPerMember ?? 24;
  const distractorsPerMember = options.distractorsPerMember ?? 48;
  const used = new Set<string>();
  const records: LabelledRecord[] = [];
  const queries: LabelledQuery[] = [];
  let pairs = 0;
  let distractors = 0;
  const memberIds = Object.keys(MEMBERS);
  for (const member of memberIds) {
    const names = MEMBERS[member]!;
    const persons: Person[] = [];
    for (let tries = 0; persons.length < perMember && tries < 10_000; tries++) {
      const family = pick(random, names.family);
      const given = pick(random, names.given);
      const key = comboKey(family[0]!, given[0]!);
      if (used.has(key)) continue;
      used.add(key);
      const n = persons.length;
      persons.push({
        id: `${member}-${n}`,
        member,
        family,
        given,
        patronymic: names.patronymic.length === 0 ? undefined : pick(random, names.patronymic),
        dob: randomDob(random),
        sex: random() < 0.5 ? atc.v1.Sex.SEX_MALE : atc.v1.Sex.SEX_UNSPECIFIED,
        passport: random() < 0.5 ? `TEST${String(100000 + Math.floor(random() * 900000))}` : undefined,
      });
    }
    for (const p of persons) {
      let held = 1;
      records.push({
        originator: member,
        recordId: `${member}-P-${p.id}`,
        personId: p.id,
        record: nativeRecord(p, names.script),
      });
      if (random() < 0.4) {
        const other = pick(
          random,
          memberIds.filter((m) => m !== member),
        );
        records.push({ originator: other, recordId: `${other}-Q-${p.id}`, personId: p.id, record: secondRecord(p) });
        held = 2;
      }
      const first = pick(random, KINDS);
      const second = pick(
        random,
        KINDS.filter((k) => k !== first),
      );
      for (const kind of [first, second]) {
        queries.push({ kind, personId: p.id, query: queryFor(kind, p, random) });
        pairs += held;
      }
    }
    // Distractors: the member's family names with given names of the same script (another
    // member's, too), never a combination a person of the set has.
    const givenPool = memberIds.filter((m) => MEMBERS[m]!.script === names.script).flatMap((m) => MEMBERS[m]!.given);
    let made = 0;
    for (let tries = 0; made < distractorsPerMember && tries < 10_000; tries++) {
      const family = pick(random, names.family);
      const given = pick(random, givenPool);
      const key = comboKey(family[0]!, given[0]!);
      if (used.has(key)) continue;
      used.add(key);
      const d: Person = {
        id: `${member}-D${made}`,
        member,
        family,
        given,
        patronymic: names.patronymic.length === 0 ? undefined : pick(random, names.patronymic),
        dob: randomDob(random),
        sex: random() < 0.5 ? atc.v1.Sex.SEX_MALE : atc.v1.Sex.SEX_UNSPECIFIED,
        passport: random() < 0.5 ? `TEST${String(100000 + Math.floor(random() * 900000))}` : undefined,
      };
      records.push({
        originator: member,
        recordId: `${member}-D-${made}`,
        personId: d.id,
        record: nativeRecord(d, names.script),
      });
      made++;
    }
    distractors += made;
  }
  return { records, queries, pairs, distractors };
}

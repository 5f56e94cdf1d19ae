import { atc, matchKeys } from '@atc/shared';
import {
  profileTokens,
  recordProfile,
  SqliteDb,
  vocabularyGrams,
  vocabularySkeletons,
  type PersonProfile,
  type SqlDb,
  type SqlValue,
} from '@atc/gateway';
import { BENCH_MEMBERS, seededRandom } from './person-envelopes.js';

const T = atc.v1.NamePartType;

/** Clearly fictitious Cyrillic syllables the seeded names are built from. */
const SYLLABLES = [
  'Зар',
  'Бел',
  'Кум',
  'Дор',
  'Тал',
  'Мир',
  'Сан',
  'Вол',
  'Гут',
  'Нар',
  'Пир',
  'Лек',
  'Хур',
  'Шам',
  'Жол',
  'Чер',
  'Бук',
  'Рам',
  'Сеф',
  'Тоб',
  'Ург',
  'Фал',
  'Юлд',
  'Яр',
  'Кар',
  'Мух',
  'Дав',
  'Зул',
  'Гар',
  'Нес',
  'Оль',
  'Пет',
] as const;
const FAMILY_ENDINGS = ['ов', 'ев', 'ин', 'анов', 'улаев', 'ян', 'енко', 'баев'] as const;
const GIVEN_ENDINGS = ['ан', 'ир', 'ат', 'ид', 'ур', 'ем'] as const;

/** Syllables never used by the seed: queries built from them find nobody. */
const NOHIT_SYLLABLES = ['Квэ', 'Флю', 'Щиг', 'Эцц', 'Ёпп', 'Ффа'] as const;

/** The vocabulary: syllables^2 x endings family names, syllables x endings given names. */
export interface SearchVocabulary {
  readonly family: readonly string[];
  readonly given: readonly string[];
}

export function searchVocabulary(): SearchVocabulary {
  const family: string[] = [];
  for (const a of SYLLABLES)
    for (const b of SYLLABLES) for (const e of FAMILY_ENDINGS) family.push(a + b.toLowerCase() + e);
  const given: string[] = [];
  for (const a of SYLLABLES)
    for (const b of SYLLABLES.slice(0, 12))
      for (const e of GIVEN_ENDINGS) given.push(a + b.toLowerCase().slice(0, 1) + e);
  return { family, given };
}

/** A seeded person: Cyrillic name parts, date of birth, sex, document, member. */
export interface SeedPerson {
  readonly index: number;
  readonly member: string;
  readonly recordId: string;
  readonly family: string;
  readonly given: string;
  readonly patronymic: string;
  readonly birth: readonly [number, number, number];
  readonly sex: number;
  readonly passport: string;
  /** Name variants the record carries (3-5). */
  readonly variants: number;
}

/** Person `i` of the seed (deterministic: queries rebuild it from its index). */
export function seedPerson(vocabulary: SearchVocabulary, i: number): SeedPerson {
  const random = seededRandom(i * 7919 + 13);
  const family = vocabulary.family[Math.floor(random() * vocabulary.family.length)]!;
  const given = vocabulary.given[Math.floor(random() * vocabulary.given.length)]!;
  const father = vocabulary.given[Math.floor(random() * vocabulary.given.length)]!;
  const member = BENCH_MEMBERS[i % BENCH_MEMBERS.length]!;
  return {
    index: i,
    member,
    recordId: `${member}-P-${String(i).padStart(9, '0')}`,
    family,
    given,
    patronymic: `${father}ович`,
    birth: [1950 + Math.floor(random() * 55), 1 + Math.floor(random() * 12), 1 + Math.floor(random() * 28)],
    sex: 1,
    passport: `${member}${String(1_000_000 + i)}`,
    variants: 3 + Math.floor(random() * 3),
  };
}

/** Match keys of the seed's name parts, kept (a few tens of thousands of distinct values). */
const keysCache = new Map<string, readonly string[]>();
function keysOf(value: string): readonly string[] {
  let keys = keysCache.get(value);
  if (keys === undefined) {
    keys = matchKeys(value).keys;
    keysCache.set(value, keys);
  }
  return keys;
}
const firstKey = (value: string): string => keysOf(value)[0]!;
const upper = (s: string): string => s.toUpperCase();
/** An old French-style passport spelling of a Latin key. */
const french = (key: string): string =>
  key.replaceAll('sh', 'ch').replaceAll('zh', 'j').replaceAll('u', 'ou').replace(/ov$/, 'off');
/** One letter changed (deterministic by `seed`). */
export function typo(s: string, seed: number): string {
  const at = 1 + (seed % Math.max(1, s.length - 2));
  const letters = /[а-яё]/i.test(s) ? 'аеиоуы' : 'aeiou';
  const c = letters[seed % letters.length]!;
  const replacement = c === s[at] ? letters[(seed + 1) % letters.length]! : c;
  return s.slice(0, at) + replacement + s.slice(at + 1);
}

type Name = [type: atc.v1.NamePartType, value: string][];

/** The 3-5 spellings a record carries: Cyrillic, ICAO Latin, a national Latin form, French-style, a typo. */
export function recordNames(p: SeedPerson): Name[] {
  const cyr: Name = [
    [T.NAME_PART_TYPE_FAMILY, p.family],
    [T.NAME_PART_TYPE_GIVEN, p.given],
    [T.NAME_PART_TYPE_PATRONYMIC, p.patronymic],
  ];
  const latin = (f: (v: string) => string): Name => cyr.map(([t, v]) => [t, f(v)]);
  const national = (v: string): string => keysOf(v).at(-1)!;
  const all: Name[] = [
    cyr,
    latin((v) => upper(firstKey(v))),
    latin(national),
    latin((v) => french(firstKey(v))),
    [[T.NAME_PART_TYPE_FAMILY, typo(p.family, p.index)], cyr[1]!, cyr[2]!],
  ];
  return all.slice(0, p.variants);
}

/** The seed's spellings as a PersonRecord's names. */
export const toRecordNames = (names: readonly Name[]): atc.v1.PersonName.$Properties[] =>
  names.map((n) => ({ parts: n.map(([type, value]) => ({ type, value })) }));

/** A person query in one of the spellings a record does not carry, or one that finds nobody. */
export interface SeedQuery {
  readonly kind: 'latin-swapped' | 'typo' | 'no-patronymic' | 'french' | 'no-hit';
  /** The person it looks for (undefined: no-hit). */
  readonly person: SeedPerson | undefined;
  readonly names: atc.v1.PersonName.$Properties[];
  readonly dateOfBirth: { year: number; month?: number; day?: number } | undefined;
}

/** `count` queries over persons `0..persons-1`, one kind in turn (one in ten finds nobody). */
export function seedQueries(vocabulary: SearchVocabulary, persons: number, count: number): SeedQuery[] {
  const random = seededRandom(2026);
  const out: SeedQuery[] = [];
  for (let q = 0; q < count; q++) {
    const p = seedPerson(vocabulary, Math.floor(random() * persons));
    const birth = { year: p.birth[0], month: p.birth[1], day: p.birth[2] };
    const name = (parts: Name): atc.v1.PersonName.$Properties[] => toRecordNames([parts]);
    switch (q % 10) {
      case 0: {
        const a = NOHIT_SYLLABLES[Math.floor(random() * NOHIT_SYLLABLES.length)]!;
        const b = NOHIT_SYLLABLES[Math.floor(random() * NOHIT_SYLLABLES.length)]!;
        out.push({
          kind: 'no-hit',
          person: undefined,
          names: name([
            [T.NAME_PART_TYPE_FAMILY, `${a}${b.toLowerCase()}ов`],
            [T.NAME_PART_TYPE_GIVEN, `${b}${a.toLowerCase()}ан`],
          ]),
          dateOfBirth: { year: 1977 },
        });
        break;
      }
      case 1:
      case 2:
      case 3:
        // Latin, given name first, parts untyped.
        out.push({
          kind: 'latin-swapped',
          person: p,
          names: name([
            [T.NAME_PART_TYPE_UNSPECIFIED, firstKey(p.given)],
            [T.NAME_PART_TYPE_UNSPECIFIED, firstKey(p.family)],
          ]),
          dateOfBirth: birth,
        });
        break;
      case 4:
      case 5:
        out.push({
          kind: 'typo',
          person: p,
          names: name([
            [T.NAME_PART_TYPE_FAMILY, typo(firstKey(p.family), p.index + 3)],
            [T.NAME_PART_TYPE_GIVEN, firstKey(p.given)],
          ]),
          dateOfBirth: { year: p.birth[0] },
        });
        break;
      case 6:
      case 7:
        out.push({
          kind: 'no-patronymic',
          person: p,
          names: name([
            [T.NAME_PART_TYPE_FAMILY, p.family],
            [T.NAME_PART_TYPE_GIVEN, p.given],
          ]),
          dateOfBirth: birth,
        });
        break;
      default:
        out.push({
          kind: 'french',
          person: p,
          names: name([
            [T.NAME_PART_TYPE_FAMILY, upper(french(firstKey(p.family)))],
            [T.NAME_PART_TYPE_GIVEN, upper(french(firstKey(p.given)))],
          ]),
          dateOfBirth: { year: p.birth[0], month: p.birth[1] },
        });
    }
  }
  return out;
}

/** How the search seed went, for the output. */
export interface SearchSeed {
  readonly persons: number;
  readonly tokens: number;
  readonly skeletons: number;
  readonly seconds: number;
}

/** First time of the seeded records (2026-01-01T00:00:00Z). */
const FIRST_MS = Date.UTC(2026, 0, 1);
const HANDLING =
  '{"tlp":"TLP_LEVEL_AMBER","noOnwardTransmission":false,"noJudicialUse":false,"otherConditions":"","reviewBy":null}';
const EVALUATION = '{"source":"SOURCE_RELIABILITY_B","information":"INFORMATION_ASSESSMENT_2"}';

/** Rows of one table, column-wise, for a bulk insert. */
class Columns {
  readonly values: SqlValue[][];
  constructor(
    readonly table: string,
    readonly names: readonly string[],
  ) {
    this.values = names.map(() => []);
  }
  push(...row: SqlValue[]): void {
    for (let i = 0; i < row.length; i++) this.values[i]!.push(row[i]!);
  }
  get length(): number {
    return this.values[0]!.length;
  }
  clear(): void {
    for (const v of this.values) v.length = 0;
  }
}

const PG_TYPES: Readonly<Record<string, string>> = {
  exercise: 'int',
  version: 'int',
  current_version: 'int',
  updated_at: 'bigint',
  withdrawn: 'int',
  first_leaf: 'bigint',
  leaf_index: 'bigint',
  archived_at: 'bigint',
  content_sha256: 'bytea',
};

/** Writes the rows gathered: PostgreSQL one `unnest` statement per table, SQLite multi-row INSERTs. */
async function flush(db: SqlDb, tables: readonly Columns[]): Promise<void> {
  await db.transaction(async () => {
    for (const t of tables) {
      if (t.length === 0) continue;
      if (db.dialect === 'postgres') {
        await db.run(
          `INSERT INTO ${t.table} (${t.names.join(', ')}) SELECT * FROM unnest(${t.names
            .map((n) => `CAST(? AS ${PG_TYPES[n] ?? 'text'}[])`)
            .join(', ')}) ON CONFLICT DO NOTHING`,
          t.values as unknown as SqlValue[],
        );
      } else {
        const per = Math.floor(30_000 / t.names.length / 64) * 64;
        const tuple = `(${t.names.map(() => '?').join(', ')})`;
        for (let from = 0; from < t.length; from += per) {
          const n = Math.min(per, t.length - from);
          const params: SqlValue[] = [];
          for (let r = from; r < from + n; r++) for (const col of t.values) params.push(col[r]!);
          await db.run(
            `INSERT INTO ${t.table} (${t.names.join(', ')}) VALUES ${Array(n).fill(tuple).join(', ')} ON CONFLICT DO NOTHING`,
            params,
          );
        }
      }
      t.clear();
    }
  });
}

/**
 * Bank rows as the projection leaves them for current person records: databank_records,
 * versions and subject rows, and the search index (profile, tokens, vocabulary skeletons and
 * their trigrams, as SearchIndexBatch writes them), gathered column-wise and written in big
 * transactions by {@link flush}.
 */
export class SearchRows {
  readonly #profiles = new Columns('databank_search_profiles', [
    'exercise',
    'originator',
    'record_id',
    'version',
    'message_id',
    'profile',
    'tokens',
  ]);
  readonly #tokens = new Columns('databank_search_tokens', ['exercise', 'token', 'originator', 'record_id']);
  readonly #grams = new Columns('databank_search_grams', ['exercise', 'gram', 'skeleton']);
  readonly #records = new Columns('databank_records', [
    'exercise',
    'originator',
    'record_id',
    'record_type',
    'current_version',
    'current_message_id',
    'updated_at',
    'withdrawn',
  ]);
  readonly #versions = new Columns('databank_versions', [
    'exercise',
    'originator',
    'record_id',
    'version',
    'message_id',
    'leaf_index',
    'archived_at',
    'content_sha256',
    'handling',
    'evaluation',
  ]);
  readonly #subjects = new Columns('databank_subject_records', [
    'exercise',
    'originator',
    'record_id',
    'subject_id',
    'category',
    'first_leaf',
    'nationalities',
  ]);
  readonly #skeletons = new Set<string>();
  readonly #hash = new Uint8Array(32);
  tokens = 0;
  get skeletons(): number {
    return this.#skeletons.size;
  }

  /** Record number `leaf` (its leaf index and subject number) with `profile`. */
  add(leaf: number, originator: string, recordId: string, profile: PersonProfile): void {
    const t = profileTokens(profile);
    const messageId = `bench-search-${String(leaf).padStart(9, '0')}`;
    this.#records.push(0, originator, recordId, 'atc.v1.PersonRecord', 1, messageId, FIRST_MS + leaf, 0);
    this.#versions.push(0, originator, recordId, 1, messageId, leaf, FIRST_MS + leaf, this.#hash, HANDLING, EVALUATION);
    this.#subjects.push(
      0,
      originator,
      recordId,
      `S-${String(leaf).padStart(12, '0')}`,
      'person',
      leaf,
      JSON.stringify(profile.a),
    );
    this.#profiles.push(0, originator, recordId, 1, messageId, JSON.stringify(profile), JSON.stringify(t));
    for (const token of t) this.#tokens.push(0, token, originator, recordId);
    this.tokens += t.length;
    for (const s of vocabularySkeletons(profile)) {
      if (this.#skeletons.has(s)) continue;
      this.#skeletons.add(s);
      for (const g of vocabularyGrams(s)) this.#grams.push(0, g, s);
    }
  }

  async flush(db: SqlDb): Promise<void> {
    await flush(db, [this.#records, this.#versions, this.#subjects, this.#profiles, this.#tokens, this.#grams]);
  }
}

/**
 * Fills an empty archive's bank with `persons` current PersonRecords (one per person, member
 * `i % 10`, 3-5 spellings each) through {@link SearchRows}. Profiles are built once per
 * distinct name (cached).
 */
export async function seedSearchBank(
  db: SqlDb,
  persons: number,
  vocabulary: SearchVocabulary,
  onProgress: (done: number) => void,
): Promise<SearchSeed> {
  const started = performance.now();
  const sqlite = db instanceof SqliteDb ? db.connection : undefined;
  sqlite?.pragma('synchronous = OFF');
  // The bank's own file (attached as `bank`), which these rows go to.
  sqlite?.pragma('bank.synchronous = OFF');
  const rows = new SearchRows();
  // The profile of each distinct name part (names repeat: a few thousand families and given names).
  const partCache = new Map<string, PersonProfile['n'][number][number] | null>();
  const partOf = (type: atc.v1.NamePartType, value: string) => {
    const key = `${type}|${value}`;
    let part = partCache.get(key);
    if (part === undefined) {
      part = recordProfile({ names: [{ parts: [{ type, value }] }] }).n[0]?.[0] ?? null;
      partCache.set(key, part);
    }
    return part;
  };
  const CHUNK = 20_000;
  for (let i = 0; i < persons; i++) {
    const p = seedPerson(vocabulary, i);
    const n = recordNames(p).map((name) =>
      name.map(([type, value]) => partOf(type, value)).filter((x): x is NonNullable<typeof x> => x !== null),
    );
    rows.add(i, p.member, p.recordId, {
      n,
      b: p.birth,
      x: p.sex,
      a: [p.member],
      d: [{ t: 'PASSPORT', n: p.passport, c: p.member }],
    });
    if ((i + 1) % CHUNK === 0 || i + 1 === persons) {
      await rows.flush(db);
      onProgress(i + 1);
    }
  }
  // As autovacuum leaves a table in service: statistics, and the visibility map that lets the
  // token and vocabulary reads be index-only (bulk-loaded pages are not all-visible until vacuumed).
  if (db.dialect === 'postgres') await db.exec('VACUUM ANALYZE');
  sqlite?.pragma('synchronous = FULL');
  sqlite?.pragma('bank.synchronous = NORMAL');
  return { persons, tokens: rows.tokens, skeletons: rows.skeletons, seconds: (performance.now() - started) / 1000 };
}

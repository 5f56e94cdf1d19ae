import armenian from './tables/bgn-pcgn-armenian.json' with { type: 'json' };
import centralAsian from './tables/bgn-pcgn-central-asian.json' with { type: 'json' };
import bgnRussian from './tables/bgn-pcgn-russian.json' with { type: 'json' };
import gostB from './tables/gost-7-79-b.json' with { type: 'json' };
import icaoBelarusian from './tables/icao-9303-belarusian.json' with { type: 'json' };
import icao from './tables/icao-9303-cyrillic.json' with { type: 'json' };
import kazakh from './tables/kazakh-latin-2021.json' with { type: 'json' };
import latinFold from './tables/latin-fold.json' with { type: 'json' };
import latinPassport from './tables/latin-passport.json' with { type: 'json' };
import uzbek from './tables/uzbek-latin.json' with { type: 'json' };

/** The scripts the match keys handle. */
export type NameScript = 'Cyrillic' | 'Armenian' | 'Latin';

/** Where a context rule replaces a letter's usual value. */
export type RuleWhere = 'initial-or-after' | 'after' | 'before';

/** A letter whose value depends on its neighbours (e.g. BGN/PCGN Е -> ye after vowels). */
export interface ContextRule {
  readonly letter: string;
  readonly output: string;
  /** `initial-or-after`: at a word's start or after one of `letters`; `after`/`before`: next to one of them. */
  readonly where: RuleWhere;
  readonly letters: string;
}

/** One transliteration table, as its data file states it (lower-case letters only). */
export interface TranslitTable {
  readonly id: string;
  readonly script: NameScript;
  /** The standard's full name and edition. */
  readonly source: string;
  readonly scope: string;
  /** What the table leaves out or simplifies, and why. */
  readonly notes: readonly string[];
  /** Letter (or digraph) -> Latin. */
  readonly mapping: Readonly<Record<string, string>>;
  readonly rules: readonly ContextRule[];
}

/**
 * Every table, in the order keys are built: ICAO Doc 9303 first (the passport spelling), then the
 * national and common alternatives. The composite key takes each letter from the first table that has it.
 */
export const TABLES: readonly TranslitTable[] = [
  icao,
  icaoBelarusian,
  gostB,
  bgnRussian,
  uzbek,
  kazakh,
  centralAsian,
  armenian,
  latinFold,
  latinPassport,
] as TranslitTable[];

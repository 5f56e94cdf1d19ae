import { AtcError, ErrorCode } from '../errors/atc-error.js';
import { skeletonOf } from './skeleton.js';
import { TABLES, type NameScript, type TranslitTable } from './tables.js';
import { codePoints, transliterateWord } from './transliterate.js';

/** The keys one name part is found by. */
export interface MatchKeys {
  /** Latin spellings, one per table that covers the part (first: ICAO with national letters filled in), distinct. */
  readonly keys: string[];
  /** The first key with the usual spelling variants folded: equal for the usual spellings of one name. */
  readonly skeleton: string;
}

// Word separators (spaces, any dash, dots) and apostrophe-like marks (', ’, ‘, `, ´, ʼ U+02BC, ʻ U+02BB, ”).
const SEPARATORS = /[\s\p{Pd}.]+/u;
const APOSTROPHES = /['’‘`´ʼʻ”]/gu;
const COMBINING_DOT_ABOVE = /\u0307/gu;
const MARKS = /\p{M}/gu;
const SCRIPTS: readonly (readonly [NameScript, RegExp])[] = [
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Latin', /\p{Script=Latin}/u],
];
const LATIN_FOLD = TABLES.find((t) => t.id === 'latin-fold') as TranslitTable;
const LATIN_PASSPORT = TABLES.find((t) => t.id === 'latin-passport') as TranslitTable;

function unsupported(detail: string): AtcError {
  return new AtcError(
    ErrorCode.NAME_SCRIPT_UNSUPPORTED,
    `${detail}; names are matched in the Cyrillic, Armenian and Latin scripts only: write the name in one of them, without digits or symbols.`,
  );
}

function scriptOf(char: string): NameScript {
  const found = SCRIPTS.find(([, pattern]) => pattern.test(char));
  if (found === undefined) {
    const code = char.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0') ?? '';
    throw unsupported(`"${char}" (U+${code}) is not a letter of a script the search knows`);
  }
  return found[0];
}

/** NFKC, lower case, apostrophes dropped, split into words; refuses what the tables cannot read. */
function wordsOf(namePart: string): { words: string[]; script: NameScript } {
  const folded = namePart.normalize('NFKC').toLowerCase().replace(COMBINING_DOT_ABOVE, '').replace(APOSTROPHES, '');
  const words = folded.split(SEPARATORS).filter((w) => w !== '');
  const scripts = new Set(codePoints(words.join('')).map(scriptOf));
  const [script, ...others] = scripts;
  if (script === undefined) {
    throw new AtcError(
      ErrorCode.NAME_NO_LETTERS,
      'The name part has no letters: give at least one letter of the name (Cyrillic, Armenian or Latin).',
    );
  }
  if (others.length > 0) throw unsupported(`The name part mixes scripts (${[...scripts].join(', ')})`);
  return { words, script };
}

/** A Latin letter to ASCII: by the national alphabets' table, else by dropping its marks. */
function foldLatinChar(char: string): string {
  const mapped = LATIN_FOLD.mapping[char];
  if (mapped !== undefined) return mapped;
  const bare = char.normalize('NFD').replace(MARKS, '');
  if (!/^[a-z]$/.test(bare)) throw unsupported(`The letter "${char}" has no ASCII folding`);
  return bare;
}

function foldLatin(word: string): string {
  return codePoints(word).map(foldLatinChar).join('');
}

function keysFor(words: readonly string[], tables: readonly TranslitTable[]): string[] {
  const [first, ...rest] = tables;
  if (first === undefined) return [];
  const spell = (t: TranslitTable, fallbacks: readonly TranslitTable[]): string[] | undefined => {
    const out = words.map((w) => transliterateWord(w, t, fallbacks));
    return out.every((w) => w !== undefined) ? out.map((w) => w.replace(APOSTROPHES, '')) : undefined;
  };
  const composite = spell(first, rest);
  if (composite === undefined) {
    const letter = codePoints(words.join('')).find((c) => tables.every((t) => t.mapping[c] === undefined)) ?? '?';
    throw unsupported(`No transliteration table has the letter "${letter}"`);
  }
  const spellings = [composite, ...tables.map((t) => spell(t, [])).filter((s) => s !== undefined)];
  return [...new Set(spellings.map((s) => s.join('')))];
}

/**
 * The match keys of one name part (a family name, a given name, a patronymic; words inside it are
 * joined): NFKC and case folding, one Latin key per table that covers the part's script, and a
 * skeleton folding the usual variants. Throws `ERR_NAME_NO_LETTERS` for a part without letters and
 * `ERR_NAME_SCRIPT_UNSUPPORTED` for scripts, letters or symbols the tables cannot read.
 */
export function matchKeys(namePart: string): MatchKeys {
  const { words, script } = wordsOf(namePart);
  if (script === 'Latin') {
    const ascii = words.map(foldLatin);
    // The passport spelling of the national letters (Məmmədov: memmedov and MAMMADOV), when it differs.
    const passport = words.map((w) =>
      codePoints(w)
        .map((c) => LATIN_PASSPORT.mapping[c] ?? foldLatinChar(c))
        .join(''),
    );
    return { keys: [...new Set([ascii.join(''), passport.join('')])], skeleton: ascii.map(skeletonOf).join('') };
  }
  const tables = TABLES.filter((t) => t.script === script);
  const keys = keysFor(words, tables);
  // Apostrophes go before the ASCII folding: tables spell letters with one (Uzbek ғ as gʻ,
  // Armenian թ as t’), and an apostrophe has no ASCII folding.
  const primary = words.map((w) =>
    foldLatin((transliterateWord(w, tables[0] as TranslitTable, tables) ?? '').replace(APOSTROPHES, '')),
  );
  return { keys, skeleton: primary.map(skeletonOf).join('') };
}

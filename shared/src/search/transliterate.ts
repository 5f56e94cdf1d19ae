import type { ContextRule, TranslitTable } from './tables.js';

/** The code points of `text` (names are NFKC, so a letter is one code point). */
export function codePoints(text: string): string[] {
  return Array.from(text);
}

/** The longest mapping key of any table (digraphs such as Armenian ու). */
const MAX_UNIT = 2;

function ruleApplies(rule: ContextRule, prev: string | undefined, next: string | undefined): boolean {
  switch (rule.where) {
    case 'initial-or-after':
      return prev === undefined || rule.letters.includes(prev);
    case 'after':
      return prev !== undefined && rule.letters.includes(prev);
    case 'before':
      return next !== undefined && rule.letters.includes(next);
  }
}

/**
 * One word (lower case, letters only) by `table`, or undefined when the table lacks one of its
 * letters. `fallbacks` are asked, in order, for letters `table` lacks (the composite key).
 */
export function transliterateWord(
  word: string,
  table: TranslitTable,
  fallbacks: readonly TranslitTable[] = [],
): string | undefined {
  const chars = codePoints(word);
  const tables = fallbacks.length === 0 ? [table] : [table, ...fallbacks];
  let out = '';
  let i = 0;
  while (i < chars.length) {
    let matched = false;
    for (let len = Math.min(MAX_UNIT, chars.length - i); len >= 1 && !matched; len--) {
      const unit = len === 1 ? chars[i]! : chars[i]! + chars[i + 1]!;
      for (const t of tables) {
        const value = t.mapping[unit];
        if (value === undefined) continue;
        const rule =
          t.rules.length === 0
            ? undefined
            : t.rules.find((r) => r.letter === unit && ruleApplies(r, chars[i - 1], chars[i + len]));
        out += rule?.output ?? value;
        i += len;
        matched = true;
        break;
      }
    }
    if (!matched) return undefined;
  }
  return out;
}

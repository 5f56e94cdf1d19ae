// Ordered rewrites that fold the usual spelling variants of one name. Earlier rules feed later ones:
// digraphs first (shch before ch, tch before ch), then y/i/j, then endings, then doubled letters.
const FOLDS: readonly (readonly [RegExp, string])[] = [
  [/shch|shh|sch/g, 'sh'],
  [/tch/g, 'ch'], // French-style Tchernov
  [/ch/g, 'sh'], // French-style Khourchid: ch is sh
  [/ts|cz|tz/g, 'c'],
  [/kh|x/g, 'h'],
  [/q/g, 'k'], // Uzbek and Kazakh Latin q (қ) is k in Russian-style spellings: Qochqorov / Kochkorov
  [/zh|dj|dzh/g, 'j'],
  [/ou/g, 'u'], // French-style ou
  [/j(?![aeiouy])/g, 'i'], // й before a consonant or at the end (Sergej) is i; j before a vowel stays (ж in Uzbek Latin)
  [/y/g, 'i'],
  [/^ie/g, 'e'], // Yeltsin / Eltsin, Yelena / Elena
  [/iev$/g, 'ev'],
  [/(?:ow|off|ov)$/g, 'ov'],
  [/ian$/g, 'an'],
  [/([a-z])\1+/g, '$1'],
];

/**
 * The skeleton of a Latin spelling (lower case, ASCII letters only): the usual variants folded
 * (kh/h/x, q/k, ts/c, zh/j, ya/ia, yu/iu, y/i/j, -yev/-ev/-iev, -ov/-ow/-off, -yan/-ian, doubled letters),
 * so that spellings of one name by different tables and habits meet.
 */
export function skeletonOf(latin: string): string {
  return FOLDS.reduce((s, [pattern, to]) => s.replace(pattern, to), latin);
}

import { type AtcError, ErrorCode, isAtcError } from '../errors/atc-error.js';
import { describe, expect, it } from 'vitest';
import { matchKeys } from './match-keys.js';
import { skeletonOf } from './skeleton.js';

/** The error `matchKeys` throws for `input`; fails the test when it throws none. */
function refusalOf(input: string): AtcError {
  try {
    matchKeys(input);
  } catch (e) {
    if (isAtcError(e)) return e;
    throw e;
  }
  throw new Error(`matchKeys(${JSON.stringify(input)}) did not refuse`);
}

function skeletons(...spellings: string[]): string[] {
  return spellings.map((s) => matchKeys(s).skeleton);
}

describe('matchKeys', () => {
  it('gives several keys for a Russian name: ICAO, GOST B, BGN/PCGN, Uzbek, Kazakh, deduplicated', () => {
    const { keys } = matchKeys('Хуршид');
    expect(keys).toEqual(['khurshid', 'xurshid', 'hurşid']);
    expect(matchKeys('Ельцин').keys).toEqual(['eltsin', 'elcin', 'yeltsin', 'yelsin']);
  });

  it('makes the issue example meet: RU, UZ, ICAO and French-style spellings share a skeleton per part', () => {
    expect(new Set(skeletons('Абдуллаев', 'Abdullayev', 'ABDULLAEV', 'Abdullaev'))).toEqual(new Set(['abdulaev']));
    expect(new Set(skeletons('Хуршид', 'Xurshid', 'KHURSHID', 'Khourchid'))).toEqual(new Set(['hurshid']));
  });

  it('reads Cyrillic letters that a table spells with an apostrophe (Kazakh and Tajik ғ as gʻ)', () => {
    expect(matchKeys('Ғабдуллин').skeleton).toBe(matchKeys('Gabdullin').skeleton);
    expect(matchKeys('Ғафуров').skeleton).toBe(matchKeys('GAFUROV').skeleton);
    for (const key of matchKeys('Ғафуров').keys) expect(key).not.toMatch(/['ʻʼ’]/);
  });

  it('folds the usual variants', () => {
    const same = (...names: string[]): void => {
      expect(new Set(names.map(skeletonOf)).size, names.join('/')).toBe(1);
    };
    same('tsoy', 'coj', 'czoi');
    same('zhanna', 'janna');
    same('yakubov', 'iakubov');
    same('sergej', 'sergei', 'sergey');
    same('yusupov', 'iusupov', 'yusupow', 'yusupoff');
    same('sergeyev', 'sergeev', 'sergeiev');
    same('petrosyan', 'petrosian');
    same('mukhammad', 'muhammad', 'muxammad');
    same('yeltsin', 'eltsin', 'elcin');
    same('qochqorov', 'kochkorov', 'qochkorov');
    expect(skeletonOf('tsoy')).not.toBe(skeletonOf('soy'));
  });

  it('meets Uzbek and Kazakh q (қ) with the Russian-style k, whatever the script', () => {
    // Uzbek Latin and Cyrillic against the Russian spelling and its ICAO transliteration.
    expect(new Set(skeletons('Qochqorov', 'Қочқоров', 'Кочкоров', 'KOCHKOROV'))).toEqual(new Set(['koshkorov']));
    // Kazakh Cyrillic қ against the Russian-style Latin.
    expect(matchKeys('Құдайбергенов').skeleton).toBe(matchKeys('Kudaibergenov').skeleton);
  });

  it('folds Azerbaijani, Turkmen and Romanian letters to ASCII, and other marks by NFD', () => {
    // The ASCII folding first, then the passport spelling when it differs (latin-passport).
    expect(matchKeys('Şəhriyar').keys).toEqual(['sehriyar', 'shahriyar']);
    expect(matchKeys('Məmmədov').keys).toEqual(['memmedov', 'mammadov']);
    expect(matchKeys('Öwezow').keys).toEqual(['owezow', 'ovezov']);
    expect(matchKeys('Ýusup Ňurly').keys).toEqual(['yusupnurly']);
    expect(matchKeys('Ştefan').keys).toEqual(matchKeys('Ștefan').keys);
    expect(matchKeys('Brâncuși Țurcanu').keys).toEqual(['brancusiturcanu', 'brancushitsurcanu']);
    expect(matchKeys('José').keys).toEqual(['jose']);
  });

  it('drops apostrophes, ʻ and ʼ, case and compatibility forms', () => {
    expect(matchKeys('Gʻulom').keys).toEqual(['gulom']);
    expect(matchKeys("G'ULOM").keys).toEqual(['gulom']);
    expect(matchKeys('Oʼrol').skeleton).toBe(matchKeys('O‘rol').skeleton);
    expect(matchKeys('ＡＢＤＵＬＬＡＥＶ').keys).toEqual(['abdullaev']); // full-width, folded by NFKC
    expect(matchKeys('İsmayıl').keys).toEqual(['ismayil']);
  });

  it('reads Kazakh, Kyrgyz, Tajik, Belarusian and Armenian names (fictitious)', () => {
    expect(matchKeys('Әбділлаев').keys).toEqual(['äbdillaev', 'äbdıllaev']);
    expect(matchKeys('Өмүрбеков').keys).toEqual(['ömürbekov']);
    expect(matchKeys('Ҷӯраев').keys).toEqual(['jūraev']);
    expect(matchKeys('Ҷӯраев').skeleton).toBe(matchKeys('Juraev').skeleton);
    expect(matchKeys('Лукашэвіч').keys).toEqual(['lukashevich']);
    expect(matchKeys('Ігар').keys).toEqual(['igar', 'ihar', 'ıgar']);
    expect(matchKeys('Պետրոսյան').keys).toEqual(['petrosyan']);
    expect(matchKeys('Պետրոսյան').skeleton).toBe(matchKeys('Petrosian').skeleton);
    // An aspirate the table spells with an apostrophe (թ = t’).
    expect(matchKeys('Թեստյան').skeleton).toBe(matchKeys('Testyan').skeleton);
  });

  it('joins the words of one part', () => {
    expect(matchKeys('Абдул-Азиз').keys[0]).toBe('abdulaziz');
    expect(matchKeys('Abdul Aziz').skeleton).toBe(matchKeys('Абдулазиз').skeleton);
  });

  it('refuses a part without letters', () => {
    for (const input of ['', '   ', '-', "'"]) {
      const error = refusalOf(input);
      expect(error.code, JSON.stringify(input)).toBe(ErrorCode.NAME_NO_LETTERS);
      expect(error.message).toMatch(/at least one letter/);
    }
  });

  it('refuses scripts, letters and symbols it cannot read, naming them', () => {
    const cases: [string, RegExp][] = [
      ['李', /U\+674E/],
      ['Ab1', /"1"/],
      ['Абдуlla', /mixes scripts/],
      ['Ђорђе', /"ђ"/], // Serbian letter: no table has it
      ['Øyvind', /"ø"/],
    ];
    for (const [input, detail] of cases) {
      const error = refusalOf(input);
      expect(error.code, input).toBe(ErrorCode.NAME_SCRIPT_UNSUPPORTED);
      expect(error.message).toMatch(detail);
      expect(error.message).toMatch(/Cyrillic, Armenian and Latin/);
    }
  });
});

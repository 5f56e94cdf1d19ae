import { describe, expect, it } from 'vitest';
import { TABLES, type TranslitTable } from './tables.js';
import { codePoints, transliterateWord } from './transliterate.js';

function table(id: string): TranslitTable {
  const found = TABLES.find((t) => t.id === id);
  if (found === undefined) throw new Error(`no table ${id}`);
  return found;
}

/** Each word, lower-cased, through one table alone. */
function spell(id: string, text: string): string {
  return text
    .toLowerCase()
    .split(' ')
    .map((w) => transliterateWord(w, table(id)) ?? `<${w} not covered>`)
    .join(' ');
}

describe('transliteration tables (data files)', () => {
  it('each names its source, scope and notes, and maps lower-case letters only', () => {
    expect(TABLES.length).toBe(10);
    for (const t of TABLES) {
      expect(t.source.length, t.id).toBeGreaterThan(40);
      expect(t.scope.length, t.id).toBeGreaterThan(10);
      expect(t.notes.length, t.id).toBeGreaterThan(0);
      for (const letter of Object.keys(t.mapping)) expect(letter, t.id).toBe(letter.toLowerCase());
      for (const rule of t.rules) expect(t.mapping[rule.letter], `${t.id} ${rule.letter}`).toBeDefined();
    }
    expect(new Set(TABLES.map((t) => t.id)).size).toBe(TABLES.length);
  });

  it('ICAO Doc 9303: the Russian column letter by letter, and Belarusian names', () => {
    expect(spell('icao-9303', 'абвгдеёжзийклмнопрстуфхцчшщъыьэюя')).toBe('abvgdeezhziiklmnoprstufkhtschshshchieyeiuia');
    // Belarusian examples without Г (this table keeps Г = G; see its notes).
    expect(spell('icao-9303', 'Міховіч Марыя')).toBe('mikhovich maryia');
    expect(spell('icao-9303', 'СВЯТЛАНА Мікалай')).toBe('sviatlana mikalai');
    // Ukrainian letters the table has.
    expect(spell('icao-9303', 'Ґалина Євгенія Ївга')).toBe('galina ievgeniia ivga');
    // Kazakh, Kyrgyz and Tajik letters are not in the table.
    expect(transliterateWord('әлия', table('icao-9303'))).toBeUndefined();
    expect(transliterateWord('ҷӯра', table('icao-9303'))).toBeUndefined();
  });

  it('ICAO Doc 9303 Belarusian column: Г = H, Ё = IO', () => {
    // Examples published with a machine-readable rendering of this column (interscript maps).
    expect(spell('icao-9303-belarusian', 'Бабрыковіч Аляксандр Ігар Палто Алена')).toBe(
      'babrykovich aliaksandr ihar palto alena',
    );
    expect(spell('icao-9303-belarusian', 'Лёня')).toBe('lionia');
    expect(transliterateWord('щукин', table('icao-9303-belarusian'))).toBeUndefined();
  });

  it('GOST 7.79-2000 system B: cz / c before e, i, y, j; shh; x; j; the grave-accent letters', () => {
    expect(spell('gost-7.79-b', 'Цаплин центр цирк цыган Щукин Хабаров Сергей')).toBe(
      'czaplin centr cirk cy`gan shhukin xabarov sergej',
    );
    expect(spell('gost-7.79-b', 'съезд альбом это южный яма ёлка журнал')).toBe(
      's``ezd al`bom e`to yuzhny`j yama yolka zhurnal',
    );
  });

  it('BGN/PCGN Russian: ye / yë at the start and after vowels, Й, Ъ, Ь', () => {
    expect(spell('bgn-pcgn-russian', 'Ельцин Горбачёв Ёлкин Сергеев Соловьёв объезд')).toBe(
      'yel’tsin gorbachëv yëlkin sergeyev solov’yëv ob”yezd',
    );
    expect(spell('bgn-pcgn-russian', 'Щербаков Чайковский')).toBe('shcherbakov chaykovskiy');
  });

  it('Uzbek Latin (1995): ўқғҳ, ye initially, ts after vowels, j for Ж', () => {
    expect(spell('uzbek-latin', 'Ўрол Ғулом Қодиров Раҳимов Журабек')).toBe('oʻrol gʻulom qodirov rahimov jurabek');
    expect(spell('uzbek-latin', 'Ергаш Сергеев Цех Лицей')).toBe('yergash sergeyev sex litsey');
  });

  it('Kazakh Latin (2021): ä ğ q ñ ö ū ü ş ı, and refuses letters it leaves out', () => {
    expect(spell('kazakh-latin-2021', 'Әбділлаев Ғалым Қайрат Жаңабек Өмір Ұлан Үміт Шыңғыс')).toBe(
      'äbdıllaev ğalym qairat jañabek ömır ūlan ümıt şyñğys',
    );
    // A 1902 text in today's Cyrillic and in the 2021 Latin alphabet, as the Kazakh-alphabets literature prints it.
    expect(
      spell(
        'kazakh-latin-2021',
        'Бұрыңғы өткен заманда бір данышпан кісі Бағдат шаһарының бір үлкен қазысының үйіне келіп қоныпты',
      ),
    ).toBe('būryñğy ötken zamanda bır danyşpan kısı bağdat şaharynyñ bır ülken qazysynyñ üiıne kelıp qonypty');
    expect(transliterateWord('чокан', table('kazakh-latin-2021'))).toBeUndefined();
  });

  it('BGN/PCGN Armenian: initial ye and vo, ու, եւ, aspirates with apostrophes', () => {
    expect(spell('bgn-pcgn-armenian', 'Երևան Ոսկան Պետրոսյան Թադևոսյան Ղուկաս Քոչարյան'.normalize('NFKC'))).toBe(
      'yerevan voskan petrosyan t’adevosyan ghukas k’och’aryan',
    );
  });

  it('Latin folding: Azerbaijani, Turkmen, Romanian letters to ASCII', () => {
    const fold = table('latin-fold');
    const folded = codePoints('əçşğıöüäžňýñūăâîșțţ')
      .map((c) => fold.mapping[c])
      .join('');
    expect(folded).toBe('ecsgiouaznynuaaistt');
  });

  it('Latin passport spellings: Azerbaijani, Turkmen, Romanian letters as passports print them', () => {
    const passport = (word: string) =>
      codePoints(word.toLowerCase())
        .map((c) => table('latin-passport').mapping[c] ?? c)
        .join('')
        .toUpperCase();
    expect(passport('Məmmədov')).toBe('MAMMADOV');
    expect(passport('Çələbiyev')).toBe('CHALABIYEV');
    expect(passport('Şükürov')).toBe('SHUKUROV');
    expect(passport('Öwezow')).toBe('OVEZOV');
    expect(passport('Çaryýew')).toBe('CHARYYEV');
    expect(passport('Țurcanu')).toBe('TSURCANU');
  });
});

import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useMemo, useState } from 'preact/hooks';
import { en, type Catalogue, type MessageKey } from './en';
import { ru } from './ru';

/** The console's languages. */
export const LANGUAGES = { en, ru } as const satisfies Record<string, Catalogue>;

/** One of the console's languages. */
export type Language = keyof typeof LANGUAGES;

const STORAGE_KEY = 'atc-console-language';

function isLanguage(value: unknown): value is Language {
  return value === 'en' || value === 'ru';
}

/** The language remembered from the last visit, else the browser's if it is Russian, else English. */
export function initialLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // Storage may be disabled; the browser's language decides then.
  }
  return navigator.language.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

/** A catalogue key built from a value the gateway sent, when the catalogues know it. */
export function knownKey(key: string): MessageKey | undefined {
  return key in en ? (key as MessageKey) : undefined;
}

/** Fills `{name}` placeholders of a catalogue string. */
export function format(template: string, values: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}

/** What the components read: the language, its strings, and how to change it. */
export interface I18n {
  readonly lang: Language;
  readonly t: (key: MessageKey, values?: Readonly<Record<string, string | number>>) => string;
  readonly setLang: (lang: Language) => void;
  /** A date and time in the operator's time zone, in the current language. */
  readonly dateTime: (iso: string) => string;
  readonly number: (n: number, maxFraction?: number) => string;
  /** A rate per second: two significant digits, so that a quiet flow does not read 0. */
  readonly rate: (perSecond: number) => string;
}

const I18nContext = createContext<I18n | undefined>(undefined);

/** Provides the language to the console and remembers the operator's choice. */
export function I18nProvider({ children }: { children: ComponentChildren }) {
  const [lang, setLangState] = useState<Language>(initialLanguage);
  const setLang = useCallback((next: Language) => {
    setLangState(next);
    document.documentElement.lang = next;
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembered when storage is disabled; the choice holds for this page.
    }
  }, []);
  const value = useMemo<I18n>(() => {
    const catalogue = LANGUAGES[lang];
    const dates = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'medium' });
    return {
      lang,
      setLang,
      t: (key, values) => format(catalogue[key], values),
      dateTime: (iso) => dates.format(new Date(iso)),
      number: (n, maxFraction = 0) => n.toLocaleString(lang, { maximumFractionDigits: maxFraction }),
      rate: (perSecond) =>
        perSecond >= 10
          ? perSecond.toLocaleString(lang, { maximumFractionDigits: 1 })
          : perSecond.toLocaleString(lang, { maximumSignificantDigits: 2 }),
    };
  }, [lang, setLang]);
  document.documentElement.lang = lang;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The console's strings and formats in the operator's language. */
export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (i18n === undefined) throw new Error('useI18n outside I18nProvider');
  return i18n;
}

import { describe, expect, it } from 'vitest';
import { en } from './en';
import { ru } from './ru';

describe('console catalogues', () => {
  it('have the same keys in English and Russian, none empty', () => {
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
    for (const [lang, catalogue] of Object.entries({ en, ru })) {
      for (const [key, text] of Object.entries(catalogue)) {
        expect(text.trim(), `${lang} ${key}`).not.toBe('');
      }
    }
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(ru[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('translate the header and sign-in strings (Russian differs from English)', () => {
    for (const key of [
      'session.signOut',
      'signIn.title',
      'nav.overview',
      'overview.operational',
      'memberPage.backlog',
      'refusalPage.security',
    ] as const) {
      expect(ru[key], key).not.toBe(en[key]);
      expect(ru[key], key).toMatch(/[А-Яа-яЁё]/);
    }
  });
});

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dictionaries, LANGS, missingKeys, translate } from '../../src/ui/i18n';

const localesDir = join(__dirname, '../../src/ui/locales');

describe('i18n', () => {
  it('has the same locale files in every language', () => {
    const files = LANGS.map((l) => readdirSync(join(localesDir, l)).sort());
    for (const f of files) expect(f).toEqual(files[0]);
  });

  it('loads every locale file', () => {
    for (const lang of LANGS) expect(Object.keys(dictionaries[lang]).length).toBeGreaterThan(0);
  });

  it('misses no key in any language', () => {
    expect(missingKeys()).toEqual([]);
  });

  it('uses the same {params} in every language', () => {
    const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const diffs: string[] = [];
    for (const key of Object.keys(dictionaries.en)) {
      const want = params(dictionaries.en[key]);
      for (const lang of LANGS) {
        const text = dictionaries[lang][key];
        if (text !== undefined && params(text).join() !== want.join()) diffs.push(`${lang} ${key}`);
      }
    }
    expect(diffs).toEqual([]);
  });

  it('has no empty text', () => {
    const empty = LANGS.flatMap((l) =>
      Object.entries(dictionaries[l])
        .filter(([, v]) => v.trim() === '')
        .map(([k]) => `${l} ${k}`),
    );
    expect(empty).toEqual([]);
  });

  it('interpolates and falls back', () => {
    expect(missingKeys({ en: { a: 'x', b: 'y' }, 'zh-CN': { a: '甲' } })).toEqual([
      { lang: 'zh-CN', key: 'b' },
    ]);
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
  });
});

/**
 * Internationalisation: English and Simplified Chinese, complete.
 *
 * Dictionaries live in `./locales/<lang>/<namespace>.ts`, each file
 * `export default { 'ns.key': 'text with {param}' } satisfies Record<string, string>`.
 * Every file under every language is merged into one flat dictionary per language.
 */
import { create } from 'zustand';

export type Lang = 'en' | 'zh-CN';
export const LANGS: readonly Lang[] = ['en', 'zh-CN'];
/** How each language names itself in the switch. */
export const LANG_NAMES: Record<Lang, string> = { en: 'English', 'zh-CN': '简体中文' };

export type Params = Record<string, string | number>;
export type TFunction = (key: string, params?: Params) => string;

const STORAGE_KEY = 'zablab.lang';

const modules = import.meta.glob<{ default: Record<string, string> }>('./locales/*/*.ts', { eager: true });

function buildDictionaries(): Record<Lang, Record<string, string>> {
  const dicts: Record<Lang, Record<string, string>> = { en: {}, 'zh-CN': {} };
  for (const [path, mod] of Object.entries(modules)) {
    const m = /\.\/locales\/([^/]+)\//.exec(path);
    const lang = m?.[1] as Lang | undefined;
    if (!lang || !(lang in dicts)) continue;
    Object.assign(dicts[lang], mod.default);
  }
  return dicts;
}

export const dictionaries: Record<Lang, Record<string, string>> = buildDictionaries();

/** Every key present in one language but not in another (a zh-CN gap is a bug). */
export function missingKeys(dicts: Record<Lang, Record<string, string>> = dictionaries): {
  lang: Lang;
  key: string;
}[] {
  const all = new Set<string>();
  for (const lang of LANGS) for (const k of Object.keys(dicts[lang])) all.add(k);
  const out: { lang: Lang; key: string }[] = [];
  for (const lang of LANGS) {
    for (const key of [...all].sort()) if (!(key in dicts[lang])) out.push({ lang, key });
  }
  return out;
}

function interpolate(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Translates outside React (e.g. for aria text computed in d3 code). Falls back to English, then the key. */
export function translate(lang: Lang, key: string, params?: Params): string {
  const text = dictionaries[lang][key] ?? dictionaries.en[key] ?? key;
  return interpolate(text, params);
}

function isLang(v: unknown): v is Lang {
  return v === 'en' || v === 'zh-CN';
}

/** The language to start with: the remembered one, else the browser's (zh* → zh-CN), else English. */
export function initialLang(): Lang {
  try {
    const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
    if (isLang(saved)) return saved;
  } catch {
    // storage may be blocked (privacy mode); fall through
  }
  const nav = typeof navigator !== 'undefined' ? navigator.language : '';
  return /^zh/i.test(nav ?? '') ? 'zh-CN' : 'en';
}

function applyHtmlLang(lang: Lang): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

interface LangState {
  lang: Lang;
  setLang: (l: Lang) => void;
}

export const useLangStore = create<LangState>((set) => ({
  lang: initialLang(),
  setLang: (lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // not remembered; still switch
    }
    applyHtmlLang(lang);
    set({ lang });
  },
}));
applyHtmlLang(useLangStore.getState().lang);

const translators = new Map<Lang, TFunction>(
  LANGS.map((l) => [l, (key: string, params?: Params) => translate(l, key, params)]),
);

/** The translate function for the current language; stable per language (safe in deps arrays). */
export function useT(): TFunction {
  const lang = useLangStore((s) => s.lang);
  return translators.get(lang)!;
}

export function useLang(): [Lang, (l: Lang) => void] {
  const lang = useLangStore((s) => s.lang);
  const setLang = useLangStore((s) => s.setLang);
  return [lang, setLang];
}

/** Current language and translator outside React. */
export function currentLang(): Lang {
  return useLangStore.getState().lang;
}
export function t(key: string, params?: Params): string {
  return translate(currentLang(), key, params);
}

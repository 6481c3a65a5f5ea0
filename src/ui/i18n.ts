/**
 * Internationalisation: English and Simplified Chinese, complete.
 *
 * Dictionaries live in `./locales/<lang>/<namespace>.ts`, each file
 * `export default { 'ns.key': 'text with {param}' } satisfies Record<string, string>`.
 * Every file of a language is merged into one flat dictionary (`./locales/<lang>.ts`, one chunk
 * per language). A page loads the language it starts in before its first render (main.tsx) and
 * the others when asked for (a switch loads, then switches), so it never downloads a language it
 * does not show.
 */
import { useMemo } from 'react';
import { create } from 'zustand';

export type Lang = 'en' | 'zh-CN';
export const LANGS: readonly Lang[] = ['en', 'zh-CN'];
/** How each language names itself in the switch. */
export const LANG_NAMES: Record<Lang, string> = { en: 'English', 'zh-CN': '简体中文' };

export type Params = Record<string, string | number>;
export type TFunction = (key: string, params?: Params) => string;

const STORAGE_KEY = 'zablab.lang';

/**
 * A language comes in three parts: `core` (the first screen's texts), `lessons` (lessons, presets
 * and their cues, the longest texts) and `panels` (the panels beside the stage, which are a chunk
 * of their own too). A plain visit's first screen shows neither of the last two: main.tsx loads them
 * right after it, and the panels' code waits for its texts (Panels.tsx).
 */
export type LangPart = 'core' | 'lessons' | 'panels';
type Loader = () => Promise<{ default: Record<string, string> }>;
const loaders: Record<Lang, Record<LangPart, Loader>> = {
  en: {
    core: () => import('./locales/en'),
    lessons: () => import('./locales/en/lessons'),
    panels: () => import('./locales/en/panels'),
  },
  'zh-CN': {
    core: () => import('./locales/zh-CN'),
    lessons: () => import('./locales/zh-CN/lessons'),
    panels: () => import('./locales/zh-CN/panels'),
  },
};

/** Each language's dictionary, filled in as its parts load (empty until then). */
export const dictionaries: Record<Lang, Record<string, string>> = { en: {}, 'zh-CN': {} };
const loading = new Map<string, Promise<void>>();
const loaded = new Set<string>();

function loadPart(lang: Lang, part: LangPart): Promise<void> {
  const id = `${lang}/${part}`;
  let p = loading.get(id);
  if (!p) {
    p = loaders[lang][part]().then((m) => {
      dictionaries[lang] = { ...dictionaries[lang], ...m.default };
      loaded.add(id);
      // what is on screen already says its texts again, now complete
      useLangStore.setState((st) => ({ rev: st.rev + 1 }));
    });
    // a failed load (a network error) may be tried again
    p.catch(() => loading.delete(id));
    loading.set(id, p);
  }
  return p;
}

/** Loads a language's texts (each part once); resolves when they can be shown. */
export async function loadLang(
  lang: Lang,
  parts: readonly LangPart[] = ['core', 'lessons', 'panels'],
): Promise<void> {
  await Promise.all(parts.map((part) => loadPart(lang, part)));
}

/**
 * The texts of the language a page starts in, asked for when this module is evaluated: it is among
 * the first modules the entry runs, so their chunk downloads while the rest of the app's modules
 * are evaluated rather than after them (a waterfall before the first render); main.tsx awaits it.
 * A plain visit's first screen shows no lesson or preset text: those load right after it (with
 * English, the fallback of a missing text); an address that opens something may show them at once.
 * Outside a page (Node: the CLI, unit tests) nothing is loaded here.
 */
export const startTexts: Promise<void> =
  typeof window === 'undefined' || typeof location === 'undefined'
    ? Promise.resolve()
    : loadLang(
        initialLang(),
        location.search !== '' || location.hash !== '' ? ['core', 'lessons', 'panels'] : ['core'],
      );

/** Whether a language's texts are all here. */
export function langLoaded(lang: Lang): boolean {
  return loaded.has(`${lang}/core`) && loaded.has(`${lang}/lessons`) && loaded.has(`${lang}/panels`);
}

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
  /** bumped when texts arrive (a language part loaded), so translators are made anew */
  rev: number;
  setLang: (l: Lang) => void;
}

export const useLangStore = create<LangState>((set) => ({
  lang: initialLang(),
  rev: 0,
  setLang: (lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // not remembered; still switch
    }
    // switch once the language's texts are here (never a screen of raw keys)
    const show = () => {
      applyHtmlLang(lang);
      set({ lang });
    };
    if (langLoaded(lang)) show();
    else
      void loadLang(lang).then(show, (e: unknown) => {
        // stay in the language on screen; the next click tries again
        console.warn(`the ${lang} texts could not be loaded`, e);
      });
  },
}));
applyHtmlLang(useLangStore.getState().lang);

/** The translate function for the current language; stable while its texts stay the same. */
export function useT(): TFunction {
  const lang = useLangStore((s) => s.lang);
  const rev = useLangStore((s) => s.rev);
  // a new function when texts arrived (rev), so memoized views that depend on it say them again
  return useMemo<TFunction>(() => translatorFor(lang, rev), [lang, rev]);
}

function translatorFor(lang: Lang, _rev: number): TFunction {
  return (key, params) => translate(lang, key, params);
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

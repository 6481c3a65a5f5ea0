/**
 * Every text key named by the presets (titles, paragraphs, cues, chapters, topics), the lessons
 * (titles, narrations, questions, choices, explanations) and the share-link and import errors
 * exists in English and Simplified Chinese, with the same {params}, every param filled in by the
 * code that uses it, and the Chinese actually written in Chinese.
 */
import { describe, expect, it } from 'vitest';
import { lessonKeys, lessons, openLesson } from '../../src/lessons';
import { presets, PRESET_TOPICS, topicKey } from '../../src/presets';
import { IMPORT_ERROR_CODES } from '../../src/share/files';
import { LINK_ERROR_CODES, linkErrorKey } from '../../src/share/link';
import en from '../../src/ui/locales/en/lessons';
import zh from '../../src/ui/locales/zh-CN/lessons';
import enZk from '../../src/ui/locales/en/zkfeatures';
import zhZk from '../../src/ui/locales/zh-CN/zkfeatures';
import enStorage2 from '../../src/ui/locales/en/storage2';
import zhStorage2 from '../../src/ui/locales/zh-CN/storage2';
import enPurge from '../../src/ui/locales/en/purge';
import zhPurge from '../../src/ui/locales/zh-CN/purge';
import enClients from '../../src/ui/locales/en/clients';
import zhClients from '../../src/ui/locales/zh-CN/clients';
import enReadonly from '../../src/ui/locales/en/readonly';
import zhReadonly from '../../src/ui/locales/zh-CN/readonly';

/** Preset texts kept in another namespace's locale file (its presets.* and cues.* keys). */
const presetPart = (d: Record<string, string>) =>
  Object.fromEntries(Object.entries(d).filter(([k]) => /^(presets|cues)\./.test(k)));
const dicts = {
  en: {
    ...(en as Record<string, string>),
    ...presetPart(enZk),
    ...presetPart(enStorage2),
    ...presetPart(enPurge),
    ...presetPart(enClients),
    ...presetPart(enReadonly),
  },
  'zh-CN': {
    ...(zh as Record<string, string>),
    ...presetPart(zhZk),
    ...presetPart(zhStorage2),
    ...presetPart(zhPurge),
    ...presetPart(zhClients),
    ...presetPart(zhReadonly),
  },
};
const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function referencedKeys(): string[] {
  const keys: string[] = [];
  for (const t of PRESET_TOPICS) keys.push(topicKey(t));
  for (const p of presets) {
    keys.push(p.titleKey, p.watchKey);
    for (const c of p.cues ?? []) keys.push(c.captionKey);
    for (const c of p.chapters ?? []) keys.push(c.titleKey);
  }
  for (const l of lessons) keys.push(...lessonKeys(l));
  for (const c of LINK_ERROR_CODES) keys.push(linkErrorKey(c));
  for (const c of IMPORT_ERROR_CODES) keys.push(`link.import.${c}`);
  return [...new Set(keys)];
}

describe('lesson and preset texts', () => {
  it('exist in both languages for every key the code names', () => {
    const missing: string[] = [];
    for (const key of referencedKeys())
      for (const [lang, d] of Object.entries(dicts)) if (!(key in d)) missing.push(`${lang} ${key}`);
    expect(missing).toEqual([]);
  });

  it('both files hold the same keys, and no preset/cue text is left over from a removed preset', () => {
    expect(Object.keys(dicts['zh-CN']).sort()).toEqual(Object.keys(dicts.en).sort());
    const used = new Set(referencedKeys());
    const stale = Object.keys(dicts.en).filter(
      (k) => (k.startsWith('presets.') || k.startsWith('cues.') || k.startsWith('link.')) && !used.has(k),
    );
    expect(stale).toEqual([]);
    for (const k of Object.keys(dicts.en)) expect(k).toMatch(/^(presets|cues|lessons|link)\./);
  });

  it('use the same {params} in both languages; no text is empty or holds markup', () => {
    for (const key of Object.keys(dicts.en)) {
      expect(params(dicts['zh-CN'][key]), key).toEqual(params(dicts.en[key]));
      for (const d of Object.values(dicts)) {
        expect(d[key].trim().length, key).toBeGreaterThan(0);
        expect(d[key], key).not.toMatch(/[<>]/);
      }
    }
  });

  it('get every {param} they use from the code', () => {
    const missing: string[] = [];
    for (const l of lessons) {
      const lesson = openLesson(l.id)!;
      for (const s of lesson.steps) {
        const have = Object.keys(s.params).sort();
        const keys = [s.narrationKey, ...(s.predict ? [s.predict.promptKey, s.predict.explainKey] : [])];
        for (const k of keys)
          for (const p of params(en[k as keyof typeof en]))
            if (!have.includes(p)) missing.push(`${k} {${p}}`);
        for (const c of s.predict?.choices ?? [])
          for (const p of params(en[c.labelKey as keyof typeof en]))
            if (!(c.labelParams && p in c.labelParams)) missing.push(`${c.labelKey} {${p}}`);
      }
    }
    // preset texts, cues, chapters and topics take no params; link errors only future-version's {version}
    for (const p of presets) {
      for (const k of [p.titleKey, p.watchKey, ...(p.cues ?? []).map((c) => c.captionKey)])
        if (params(dicts.en[k]).length > 0) missing.push(k);
    }
    for (const c of LINK_ERROR_CODES) {
      const want = c === 'future-version' ? ['version'] : [];
      if (params(en[linkErrorKey(c) as keyof typeof en]).join() !== want.join())
        missing.push(linkErrorKey(c));
    }
    expect(missing).toEqual([]);
  });

  it('are written in Chinese in zh-CN (identifiers alone excepted)', () => {
    const cjk = /[\u4e00-\u9fff]/;
    const notChinese = Object.entries(dicts['zh-CN'])
      .filter(([, v]) => !cjk.test(v) && !/^[A-Za-z0-9 {}.]{1,16}$/.test(v))
      .map(([k]) => k);
    expect(notChinese).toEqual([]);
  });
});

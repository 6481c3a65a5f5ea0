/**
 * This language's namespace files merged into one dictionary — all but the lessons and presets
 * texts (`./zh-CN/lessons.ts`) and the panels' (`./zh-CN/panels.ts`), chunks of their own: one chunk per language for the first screen, so a
 * page loads only the language it shows (i18n.loadLang), and the long lesson texts after it.
 */
const modules = import.meta.glob<{ default: Record<string, string> }>(
  ['./zh-CN/*.ts', '!./zh-CN/lessons.ts', '!./zh-CN/panels.ts'],
  {
    eager: true,
  },
);

const dictionary: Record<string, string> = {};
for (const mod of Object.values(modules)) Object.assign(dictionary, mod.default);

export default dictionary;

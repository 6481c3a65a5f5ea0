/**
 * Invisible and direction-changing characters, shown visibly: every place that displays text a
 * user or a file chose (a title, a znode's name or data, a console line, the event log) passes it
 * through `visible()`, so "Leader \u202Ehsarc\u202C demo" reads as "Leader ⟦U+202E⟧hsarc⟦U+202C⟧ demo",
 * never as "Leader crash demo". Such characters are accepted the same everywhere (links, files, the
 * console — ZooKeeper allows them in paths and data); only their display is escaped. Pure.
 */

/**
 * C0 controls except tab and line feed (text layout, visible as such), DEL and C1, the soft
 * hyphen, the Arabic letter mark, the Mongolian vowel separator, zero-width space/joiners and the
 * LRM/RLM marks, line and paragraph separators, bidi embeddings/overrides/isolates, invisible
 * operators and deprecated format controls, the BOM (zero-width no-break space), and interlinear
 * annotation controls.
 */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF\uFFF9-\uFFFB]/g;

/** True if `s` holds a character visible() escapes. */
export function hasInvisible(s: string): boolean {
  INVISIBLE.lastIndex = 0;
  return INVISIBLE.test(s);
}

/** `U+202E`: how a character is named in the escape. */
export function codePointName(c: string): string {
  return `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `s` with every invisible or direction-changing character written as ⟦U+XXXX⟧. */
export function visible(s: string): string {
  if (!hasInvisible(s)) return s;
  return s.replace(INVISIBLE, (c) => `⟦${codePointName(c)}⟧`);
}

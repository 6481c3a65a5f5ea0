/**
 * The limits every scenario obeys, wherever it comes from — a file given to the CLI, a file
 * imported in the app, a share link — so that each input gets bounded work, checked before any of
 * that work starts, and a refusal that names the limit and the value. Models nothing in ZooKeeper.
 * Stated in README ("Limits") as an addition to the scenario contract.
 */

export const LIMITS = {
  /** bytes of a scenario file (the CLI reads no more; the app checks the file's size first) */
  fileBytes: 2 * 1024 * 1024,
  /** entries in `actions` */
  actions: 20_000,
  /** how deep JSON may nest (a scenario needs 4 levels: actions[i].partition[j][k]) */
  depth: 12,
  /** characters in an object key (every key of the format is a short name) */
  keyChars: 64,
  /** characters in a title */
  titleChars: 200,
  /** virtual ms of `until`: 30 days */
  untilMs: 30 * 24 * 3600 * 1000,
  /**
   * `until` in ticks (until / tickTime): every server's work is paced by its tick, so this bounds
   * the events of a run before it starts. 100,000 ticks is 55 hours at ZooKeeper's default 2000 ms.
   */
  untilTicks: 100_000,
  /** events a headless run may process (the CLI stops with exit 2 past it) */
  steps: 3_000_000,
  /** characters of a share link (checked before anything is decoded) */
  linkChars: 64 * 1024,
  /** bytes a link's payload may inflate to (zip-bomb guard) */
  linkJsonBytes: 1024 * 1024,
  /** the deepest step a link may point at (the page replays to it when it opens) */
  linkStep: 1_000_000,
  /** user actions recorded in a link */
  recorded: 10_000,
  /** characters of any one text in a link (a client command, an id) */
  textChars: 4096,
} as const;

export type LimitName = keyof typeof LIMITS;

/** `"aaaa…" (a key of 2000000 characters)`: a key or value quoted, never more than ~40 characters. */
export function quoteClipped(s: string, max = 40): string {
  if (s.length <= max) return JSON.stringify(s);
  return `${JSON.stringify(s.slice(0, max))}… (${s.length} characters)`;
}

/** "2 MiB (2097152 bytes)" and the like, for messages. */
export function bytesText(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MiB (${n} bytes)`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB (${n} bytes)`;
  return `${n} bytes`;
}

/** The English sentence for a value over a limit: `…; the limit "actions" is 20000`. */
export function overLimit(what: string, limit: LimitName, shown: string = String(LIMITS[limit])): string {
  return `${what}; the limit "${limit}" is ${shown}`;
}

/** An input over one of the limits: which, by how much, and the English sentence. */
export interface LimitProblem {
  limit: LimitName;
  /** the input's value, in the limit's unit */
  value: number;
  message: string;
}

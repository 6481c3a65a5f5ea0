/**
 * Share links: a whole run — scenario, the user's recorded actions, the step being looked at, and
 * a little view state — in one URL-safe string, and back.
 *
 * Format, version 1:  `v=1&z=<payload>`  (put it in the URL hash: `https://…/#v=1&z=…`)
 *   payload = base64url (no padding) of zlib(deflate) of the UTF-8 JSON
 *             { "s": scenario, "r": recorded actions, "n": step, "w"?: view }
 *   The scenario is written in full (every config key), like serializeScenario does, so that a link
 *   reproduces the run even if a default changes later.
 *
 * Why fflate (zlib) + base64url rather than lz-string: (1) a zip bomb must be stopped while
 * decompressing, not after — fflate inflates as a stream, fed here in small pieces, so output is
 * cut off at MAX_JSON_BYTES; lz-string only decompresses all at once, and its LZW output can grow
 * quadratically with the input; (2) zlib carries an Adler-32 checksum, so a damaged link is
 * reported as damaged instead of decoding to some other run; (3) it is ~30 % shorter on scenario
 * JSON; (4) fflate is an ES module (lz-string is CommonJS).
 *
 * decodeLink never throws: every input gives either { ok: true, state } with plain, validated,
 * length-limited data (zod; the scenario through validateScenario) or a typed error with an English
 * message and an i18n key (link.error.<code>). Nothing from a link is ever markup: the UI renders
 * text only, strings are limited in length, and control, bidi and invisible characters are shown
 * escaped wherever they are displayed (src/share/visible.ts).
 *
 * Pure: no DOM, no timers.
 */
import { Unzlib, zlibSync } from 'fflate';
import { z } from 'zod';
import { CRASH_ON_TYPES, scenarioSizeProblem, validateScenario } from '../sim/Scenario';
import { bytesText, LIMITS, overLimit, quoteClipped } from '../sim/limits';
import type { LimitProblem } from '../sim/limits';
import { hasInvisible } from './visible';
import type { Scenario } from '../sim/Scenario';
import type { RecordedAction, UserAction } from '../sim/SimulationApi';

// --------------------------------------------------------------------------------------------
// Types and limits

export const LINK_VERSION = 1;

/** longest link text accepted (checked before anything is decoded) */
// The limits are the ones every scenario input shares (src/sim/limits.ts).
export const MAX_LINK_CHARS = LIMITS.linkChars;
/** most bytes a payload may inflate to (zip-bomb guard) */
export const MAX_JSON_BYTES = LIMITS.linkJsonBytes;
/** deepest step a link may point at */
export const MAX_STEP = LIMITS.linkStep;
export const MAX_RECORDED = LIMITS.recorded;
export const MAX_SCENARIO_ACTIONS = LIMITS.actions;
export const MAX_TITLE_CHARS = LIMITS.titleChars;
export const MAX_CLIENT_ID_CHARS = 64;
export const MAX_CMD_CHARS = LIMITS.textChars;
/** any other string inside a link (enum-like values) */
export const MAX_STRING_CHARS = LIMITS.textChars;

export type LinkLang = 'en' | 'zh-CN';

export interface LinkView {
  lang?: LinkLang;
  selectedSid?: number;
  /** open in lecture mode (pauses at the preset's cues) */
  lecture?: boolean;
  /** open in embed mode (a stripped-down frame for slides and pages) */
  embed?: boolean;
  /** the preset the scenario came from (its cues, chapters, texts) */
  preset?: string;
  /** the guided lesson being followed */
  lesson?: string;
}

export interface LinkState {
  scenario: Scenario;
  recorded: RecordedAction[];
  step: number;
  view?: LinkView;
}

export type LinkErrorCode =
  | 'malformed'
  | 'truncated'
  | 'future-version'
  | 'too-large'
  | 'invalid-scenario'
  | 'invalid-actions'
  | 'invalid-step';

export interface LinkError {
  code: LinkErrorCode;
  /** English, for logs and tests; may name the problem's place */
  message: string;
  /** i18n key: link.error.<code> */
  messageKey: string;
  /** parameters for the translated text (e.g. { version } for future-version) */
  params?: Record<string, string | number>;
}

export type DecodeResult = { ok: true; state: LinkState } | { ok: false; error: LinkError };

export const LINK_ERROR_CODES: readonly LinkErrorCode[] = [
  'malformed',
  'truncated',
  'future-version',
  'too-large',
  'invalid-scenario',
  'invalid-actions',
  'invalid-step',
];

export function linkErrorKey(code: LinkErrorCode): string {
  return `link.error.${code}`;
}

function fail(code: LinkErrorCode, message: string, params?: Record<string, string | number>): DecodeResult {
  const error: LinkError = { code, message: clip(message, 600), messageKey: linkErrorKey(code) };
  if (params) error.params = params;
  return { ok: false, error };
}

/**
 * A link over one of the shared limits: the code, the English sentence naming the limit and the
 * value, and an i18n key of its own (limits.over.<limit>) with { value, max }.
 */
function overFail(code: LinkErrorCode, p: LimitProblem, where = ''): DecodeResult {
  return {
    ok: false,
    error: {
      code,
      message: clip(where + p.message, 600),
      messageKey: `limits.over.${p.limit}`,
      // grouped digits read better than 10000000000, in English and in Chinese alike
      params: { value: p.value.toLocaleString('en-US'), max: LIMITS[p.limit].toLocaleString('en-US') },
    },
  };
}

// --------------------------------------------------------------------------------------------
// Schemas

/**
 * Controls, bidi and invisible characters (src/share/visible.ts). A link may carry them, as a file
 * and the console may (ZooKeeper allows them in paths and data): every display shows them escaped.
 */
export function hasUnsafeChar(s: string): boolean {
  return hasInvisible(s);
}

const safeString = (max: number, what: string) =>
  z.string().max(max, { message: `${what} is longer than ${max} characters` });

const sid = z.int().min(1).max(64);
const sidList = z.array(sid).min(1).max(64);
const msRange = z
  .tuple([z.int().min(0).max(3_600_000), z.int().min(0).max(3_600_000)])
  .refine(([lo, hi]) => lo <= hi, { message: 'lo is greater than hi' });

const userActionSchema = z.union([
  z.strictObject({ start: sidList }),
  z.strictObject({ crash: sidList }),
  z.strictObject({ restart: sidList }),
  z.strictObject({ partition: z.array(sidList).min(1).max(64) }),
  z.strictObject({ heal: z.literal(true) }),
  z.strictObject({ cut: z.tuple([sid, sid]) }),
  z.strictObject({ uncut: z.tuple([sid, sid]) }),
  z.strictObject({ drop: z.strictObject({ from: sid, to: sid }) }),
  z.strictObject({ latency: z.strictObject({ ms: msRange }) }),
  z.strictObject({
    client: z.strictObject({
      id: safeString(MAX_CLIENT_ID_CHARS, 'a client id').min(1),
      server: sid.optional(),
      cmd: safeString(MAX_CMD_CHARS, 'a client command').min(1),
      sessionTimeoutMs: z.int().min(1).max(3_600_000).optional(),
      canBeReadOnly: z.boolean().optional(),
    }),
  }),
  z.strictObject({ crashOn: z.strictObject({ sid, after: z.enum(CRASH_ON_TYPES) }) }),
  z.strictObject({ wipe: z.strictObject({ sid }) }),
  z.strictObject({
    corrupt: z.strictObject({ sid, zxid: z.string().regex(/^0x(0|[1-9a-f][0-9a-f]{0,12})$/) }),
  }),
  // PurgeTxnLog refuses a count below 3
  z.strictObject({ purge: z.strictObject({ sid, count: z.int().min(3).max(1_000_000).optional() }) }),
]);

const recordedSchema = z
  .array(z.strictObject({ step: z.int().min(0).max(MAX_STEP), action: userActionSchema }))
  .max(MAX_RECORDED, { message: overLimit(`more than ${MAX_RECORDED} recorded actions`, 'recorded') });

const viewSchema = z.strictObject({
  lang: z.enum(['en', 'zh-CN']).optional(),
  selectedSid: sid.optional(),
  lecture: z.boolean().optional(),
  embed: z.boolean().optional(),
  preset: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/)
    .optional(),
  lesson: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/)
    .optional(),
});

const envelopeSchema = z.strictObject({
  s: z.unknown(),
  r: z.unknown(),
  n: z.unknown(),
  w: z.unknown().optional(),
});

// --------------------------------------------------------------------------------------------
// Encoding

/** The link text for a run: `v=1&z=<payload>`. Put it after `#` in the app's URL. */
export function encodeLink(state: {
  scenario: Scenario;
  recorded: readonly RecordedAction[];
  step: number;
  view?: LinkView;
}): string {
  const body: Record<string, unknown> = {
    s: state.scenario,
    r: state.recorded.map((r) => ({ step: r.step, action: r.action })),
    n: state.step,
  };
  if (state.view && Object.keys(state.view).length > 0) body.w = cleanView(state.view);
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  return `v=${LINK_VERSION}&z=${toBase64Url(zlibSync(bytes, { level: 9 }))}`;
}

/**
 * encodeLink, checked: the link, or why it would not open (a title with a line break, a run deeper
 * than MAX_STEP, a link longer than MAX_LINK_CHARS…). Use it behind a "Share" button.
 */
export function shareLink(state: {
  scenario: Scenario;
  recorded: readonly RecordedAction[];
  step: number;
  view?: LinkView;
}): { ok: true; link: string } | { ok: false; error: LinkError } {
  const link = encodeLink(state);
  const back = decodeLink(link);
  return back.ok ? { ok: true, link } : { ok: false, error: back.error };
}

function cleanView(v: LinkView): LinkView {
  const out: LinkView = {};
  if (v.lang !== undefined) out.lang = v.lang;
  if (v.selectedSid !== undefined) out.selectedSid = v.selectedSid;
  if (v.lecture !== undefined) out.lecture = v.lecture;
  if (v.embed !== undefined) out.embed = v.embed;
  if (v.preset !== undefined) out.preset = v.preset;
  if (v.lesson !== undefined) out.lesson = v.lesson;
  return out;
}

// --------------------------------------------------------------------------------------------
// Decoding

/**
 * Reads a link: the bare `v=1&z=…`, a hash (`#v=1&z=…`), a query (`?v=1&z=…`, also wrapped as
 * `?s=v=1&z=…`) or a whole URL. Never throws.
 */
export function decodeLink(text: string): DecodeResult {
  try {
    return decode(text);
  } catch (e) {
    // not expected: every step below reports its own problems
    return fail('malformed', `could not read the link: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function decode(text: unknown): DecodeResult {
  if (typeof text !== 'string') return fail('malformed', 'a link is text');
  if (text.length > MAX_LINK_CHARS)
    return overFail('too-large', {
      limit: 'linkChars',
      value: text.length,
      message: overLimit(
        `the link is ${text.length} characters long`,
        'linkChars',
        `${MAX_LINK_CHARS} characters`,
      ),
    });

  const params = readParams(text.trim());
  if (params === null) return fail('malformed', 'the link has its "v" or "z" part more than once');
  const v = params.get('v');
  if (v === undefined) return fail('malformed', 'this is not a ZAB Lab link: it has no version ("v=1")');
  if (!/^[0-9]{1,9}$/.test(v) || Number(v) === 0)
    return fail(
      'malformed',
      `the link's version must be a whole number ≥ 1, got ${JSON.stringify(clip(v, 20))}`,
    );
  if (Number(v) > LINK_VERSION) {
    return fail(
      'future-version',
      `this link was made by a newer ZAB Lab (link version ${Number(v)}); this one reads version ${LINK_VERSION}`,
      { version: Number(v) },
    );
  }
  const z64 = params.get('z');
  if (z64 === undefined || z64 === '')
    return fail('truncated', 'the link has no data ("z=…"): it was cut short');
  if (!/^[A-Za-z0-9_-]+$/.test(z64))
    return fail('malformed', 'the link data holds characters a link never has');
  if (z64.length % 4 === 1)
    return fail('truncated', 'the link data ends in the middle of a character: it was cut short');

  const bytes = fromBase64Url(z64);
  const inflated = inflateLimited(bytes, MAX_JSON_BYTES);
  if (!inflated.ok) return inflated.result;

  let json: unknown;
  try {
    const textJson = new TextDecoder('utf-8', { fatal: true }).decode(inflated.data);
    json = JSON.parse(textJson);
  } catch {
    return fail('malformed', 'the link data is not valid JSON text');
  }
  return readState(json);
}

/** The link's parameters; a piece `a=b=c` counts as `b=c` (so `?s=v=1&z=…` reads too). */
function readParams(text: string): Map<string, string> | null {
  let body = text;
  const hash = body.indexOf('#');
  if (hash >= 0) body = body.slice(hash + 1);
  else {
    const q = body.indexOf('?');
    if (q >= 0) body = body.slice(q + 1);
  }
  const out = new Map<string, string>();
  for (const piece of body.split('&')) {
    const parts = piece.split('=');
    if (parts.length < 2) continue;
    const key = parts[parts.length - 2];
    const value = parts[parts.length - 1];
    if (key !== 'v' && key !== 'z') continue;
    if (out.has(key)) return null;
    out.set(key, value);
  }
  return out;
}

function readState(json: unknown): DecodeResult {
  const env = envelopeSchema.safeParse(json);
  if (!env.success)
    return fail('malformed', 'the link data is not a ZAB Lab run ({ s: scenario, r: actions, n: step })');
  const { s, r, n, w } = env.data;

  // scenario
  const size = checkStrings(s);
  if (size) return overFail('invalid-scenario', size, 'the scenario in the link: ');
  const tooBig = scenarioSizeProblem(s);
  if (tooBig) return overFail('invalid-scenario', tooBig, 'the scenario in the link: ');
  if (s !== null && typeof s === 'object' && !Array.isArray(s)) {
    const title = (s as { title?: unknown }).title;
    if (typeof title === 'string' && title.length > MAX_TITLE_CHARS)
      return overFail('invalid-scenario', {
        limit: 'titleChars',
        value: title.length,
        message: overLimit(`the title is ${title.length} characters long`, 'titleChars'),
      });
  }
  const parsed = validateScenario(s);
  if (!parsed.ok) {
    return fail(
      'invalid-scenario',
      `the scenario in the link is not valid: ${parsed.errors.slice(0, 5).join('; ')}`,
    );
  }
  const scenario = parsed.scenario;
  const unsafe = unsafeScenarioText(scenario);
  if (unsafe) return fail('invalid-scenario', `the scenario in the link: ${unsafe}`);

  // recorded actions
  if (Array.isArray(r) && r.length > MAX_RECORDED)
    return overFail('invalid-actions', {
      limit: 'recorded',
      value: r.length,
      message: overLimit(`the link holds ${r.length} recorded actions`, 'recorded'),
    });
  const rec = recordedSchema.safeParse(r);
  if (!rec.success) return fail('invalid-actions', `the recorded actions: ${firstIssue(rec.error)}`);
  const recorded = rec.data as RecordedAction[];
  const n0 = scenario.ensemble.voters + scenario.ensemble.observers;
  for (let i = 0; i < recorded.length; i++) {
    if (i > 0 && recorded[i].step < recorded[i - 1].step)
      return fail(
        'invalid-actions',
        `recorded action ${i} is at step ${recorded[i].step}, before the one above it`,
      );
    const bad = badSid(recorded[i].action, n0);
    if (bad !== null)
      return fail(
        'invalid-actions',
        `recorded action ${i} names server ${bad}; this ensemble has servers 1–${n0}`,
      );
  }

  // step
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0)
    return fail('invalid-step', 'the step must be a whole number ≥ 0');
  if (n > MAX_STEP)
    return overFail('invalid-step', {
      limit: 'linkStep',
      value: n,
      message: overLimit(`the step ${n} is beyond the deepest a link may point at`, 'linkStep'),
    });

  // view
  const state: LinkState = { scenario, recorded, step: n };
  if (w !== undefined) {
    const view = viewSchema.safeParse(w);
    if (!view.success) return fail('malformed', `the view settings: ${firstIssue(view.error)}`);
    const v = cleanView(view.data);
    if (v.selectedSid !== undefined && v.selectedSid > n0)
      return fail('malformed', `the selected server ${v.selectedSid} is not in this ensemble`);
    if (Object.keys(v).length > 0) state.view = v;
  }
  return { ok: true, state };
}

function firstIssue(e: z.ZodError): string {
  const iss = e.issues[0];
  if (!iss) return 'not valid';
  const where = iss.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  return `${where ? where.replace(/^\./, '') + ': ' : ''}${iss.message}`;
}

/** The first server id an action names outside 1..n, or null. */
function badSid(a: UserAction, n: number): number | null {
  const ids: number[] = [];
  if ('start' in a) ids.push(...a.start);
  else if ('crash' in a) ids.push(...a.crash);
  else if ('restart' in a) ids.push(...a.restart);
  else if ('partition' in a) ids.push(...a.partition.flat());
  else if ('cut' in a) ids.push(...a.cut);
  else if ('uncut' in a) ids.push(...a.uncut);
  else if ('drop' in a) ids.push(a.drop.from, a.drop.to);
  else if ('crashOn' in a) ids.push(a.crashOn.sid);
  else if ('wipe' in a) ids.push(a.wipe.sid);
  else if ('corrupt' in a) ids.push(a.corrupt.sid);
  else if ('purge' in a) ids.push(a.purge.sid);
  else if ('client' in a && a.client.server !== undefined) ids.push(a.client.server);
  for (const id of ids) if (id < 1 || id > n) return id;
  return null;
}

/** Walks a parsed JSON value: a problem with its size (too deep, too long a key or text). */
function checkStrings(v: unknown, depth = 0): LimitProblem | null {
  if (depth > LIMITS.depth)
    return {
      limit: 'depth',
      value: depth,
      message: overLimit(`nested more than ${LIMITS.depth} levels deep`, 'depth'),
    };
  if (typeof v === 'string')
    return v.length > MAX_STRING_CHARS
      ? {
          limit: 'textChars',
          value: v.length,
          message: overLimit(`a text is ${v.length} characters long`, 'textChars'),
        }
      : null;
  if (Array.isArray(v)) {
    for (const x of v) {
      const p = checkStrings(x, depth + 1);
      if (p) return p;
    }
    return null;
  }
  if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k.length > LIMITS.keyChars)
        return {
          limit: 'keyChars',
          value: k.length,
          message: overLimit(`the key ${quoteClipped(k)} is too long`, 'keyChars'),
        };
      const p = checkStrings(x, depth + 1);
      if (p) return p;
    }
  }
  return null;
}

/** Over-long client texts in a validated scenario. */
function unsafeScenarioText(s: Scenario): string | null {
  for (const a of s.actions) {
    if (!('client' in a)) continue;
    const { id, cmd } = a.client;
    if (id.length > MAX_CLIENT_ID_CHARS)
      return `a client id is longer than ${MAX_CLIENT_ID_CHARS} characters`;
    if (cmd.length > MAX_CMD_CHARS) return `a client command is longer than ${MAX_CMD_CHARS} characters`;
  }
  return null;
}

// --------------------------------------------------------------------------------------------
// zlib with limits

type Inflated = { ok: true; data: Uint8Array } | { ok: false; result: DecodeResult };

/** Feeds the zlib stream in small pieces and stops as soon as the output passes `limit`. */
function inflateLimited(bytes: Uint8Array, limit: number): Inflated {
  if (bytes.length < 6)
    return { ok: false, result: fail('truncated', 'the link data is too short: it was cut short') };
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  const stream = new Unzlib((chunk) => {
    total += chunk.length;
    if (total > limit) over = true;
    else chunks.push(chunk);
  });
  const PIECE = 256;
  try {
    for (let i = 0; i < bytes.length; i += PIECE) {
      const end = Math.min(bytes.length, i + PIECE);
      stream.push(bytes.subarray(i, end), end === bytes.length);
      if (over) break;
    }
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === 0)
      return { ok: false, result: fail('truncated', 'the link data ends too early: it was cut short') };
    return { ok: false, result: fail('malformed', 'the link data is damaged (it does not decompress)') };
  }
  if (over)
    return {
      ok: false,
      result: overFail('too-large', {
        limit: 'linkJsonBytes',
        value: total,
        message: overLimit(
          `the link data unpacks to more than ${bytesText(MAX_JSON_BYTES)}`,
          'linkJsonBytes',
          bytesText(MAX_JSON_BYTES),
        ),
      }),
    };
  const data = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    data.set(c, at);
    at += c.length;
  }
  const want =
    ((bytes[bytes.length - 4] << 24) |
      (bytes[bytes.length - 3] << 16) |
      (bytes[bytes.length - 2] << 8) |
      bytes[bytes.length - 1]) >>>
    0;
  if (adler32(data) !== want)
    return { ok: false, result: fail('malformed', 'the link data is damaged (its checksum does not match)') };
  return { ok: true, data };
}

function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  const MOD = 65521;
  for (let i = 0; i < data.length;) {
    const end = Math.min(data.length, i + 3800);
    for (; i < end; i++) {
      a += data[i];
      b += a;
    }
    a %= MOD;
    b %= MOD;
  }
  return ((b << 16) | a) >>> 0;
}

// --------------------------------------------------------------------------------------------
// base64url (RFC 4648 §5, no padding)

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63];
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63];
  }
  return out;
}

/** Decodes base64url already checked to hold only its alphabet and a length ≢ 1 (mod 4). */
export function fromBase64Url(s: string): Uint8Array {
  const full = Math.floor(s.length / 4);
  const rest = s.length % 4;
  const out = new Uint8Array(full * 3 + (rest === 3 ? 2 : rest === 2 ? 1 : 0));
  let o = 0;
  let i = 0;
  const val = (k: number) => LOOKUP[s.charCodeAt(k)];
  for (let g = 0; g < full; g++, i += 4) {
    const n = (val(i) << 18) | (val(i + 1) << 12) | (val(i + 2) << 6) | val(i + 3);
    out[o++] = n >> 16;
    out[o++] = (n >> 8) & 255;
    out[o++] = n & 255;
  }
  if (rest === 2) {
    out[o] = ((val(i) << 18) | (val(i + 1) << 12)) >> 16;
  } else if (rest === 3) {
    const n = (val(i) << 18) | (val(i + 1) << 12) | (val(i + 2) << 6);
    out[o] = n >> 16;
    out[o + 1] = (n >> 8) & 255;
  }
  return out;
}

function clip(s: string, max: number): string {
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

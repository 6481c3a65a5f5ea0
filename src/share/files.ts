/**
 * Files in and out of the app: the trace as JSON Lines (the same text as the CLI's `--trace`,
 * scenario-format.md "Trace"), scenario files read with clear, placed errors, and a trace file read
 * back and compared with the run on screen (does the CLI, or another browser, give the same run?).
 *
 * Pure: the UI does the downloading and the file picking.
 */
import { parseScenario, serializeScenario } from '../sim/Scenario';
import type { Scenario } from '../sim/Scenario';
import { traceToJsonl } from '../sim/run';
import { LIMITS } from '../sim/limits';
import { Simulation } from '../sim/Simulation';
import type { RecordedAction } from '../sim/SimulationApi';
import { firstHeld } from '../sim/TraceLog';
import type { TraceEvent } from '../zk/trace';
import { canonicalJson } from '../runtime/fingerprint';

/** The biggest scenario file read (a scenario is a few kB; this is far beyond any real one). */
export const MAX_SCENARIO_FILE_CHARS = LIMITS.fileBytes;

/** One JSON object per line, in order, each with `t` and `ev`; ends with a newline (or is empty). */
export function exportTrace(trace: readonly TraceEvent[]): string {
  return traceToJsonl(trace);
}

/** The scenario as a file (canonical pretty JSON, every config key written out). */
export function exportScenario(scenario: Scenario): string {
  return serializeScenario(scenario);
}

/** A name to save a file under: the scenario's title made safe, else the fallback. */
export function fileNameFor(scenario: Scenario, ext: 'json' | 'jsonl', fallback = 'scenario'): string {
  const base = (scenario.title ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${base || fallback}.${ext}`;
}

export const IMPORT_ERROR_CODES = ['empty', 'too-large', 'invalid-scenario', 'invalid-trace'] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

export interface ImportError {
  code: ImportErrorCode;
  /** English summary */
  message: string;
  /** i18n key of the summary: link.import.<code> */
  messageKey: string;
  /** every problem, each naming its place in the file (`actions[3].crash[0]: …`); English, from the
   *  scenario parser (show them as a list under the translated summary) */
  details: string[];
}

export type ImportResult = { ok: true; scenario: Scenario } | { ok: false; error: ImportError };

type Failed = { ok: false; error: ImportError };

/** A file that could not be read; each of `details` (a placed problem) cut to 500 characters. */
function importError(code: ImportErrorCode, message: string, details: string[] = []): Failed {
  const clipped = details.map((d) => (d.length > 500 ? d.slice(0, 499) + '…' : d));
  return { ok: false, error: { code, message, messageKey: `link.import.${code}`, details: clipped } };
}

/** What every file is checked for first: is there anything in it, and not too much. */
function emptyOrTooLarge(text: string, kind: string, max: number, shape: string): Failed | null {
  if (typeof text !== 'string' || text.trim() === '')
    return importError('empty', `the file is empty; ${shape}`);
  if (text.length > max)
    return importError(
      'too-large',
      `the file is ${text.length} characters long; a ${kind} file is at most ${max}`,
    );
  return null;
}

/** Reads a scenario file's text (format 1). Never throws. */
export function importScenarioFile(text: string): ImportResult {
  const bad = emptyOrTooLarge(
    text,
    'scenario',
    MAX_SCENARIO_FILE_CHARS,
    'a scenario is a JSON object { "format": 1, … }',
  );
  if (bad) return bad;
  const r = parseScenario(text);
  if (!r.ok) {
    const n = r.errors.length;
    return importError(
      'invalid-scenario',
      `this is not a valid scenario file (${n} problem${n === 1 ? '' : 's'})`,
      r.errors,
    );
  }
  return { ok: true, scenario: r.scenario };
}

/** Events past the run on screen that a comparison plays the run on to check (~0.5 s of work). */
export const MAX_CONTINUE_EVENTS = 200_000;

/** The first of `events[from..to)` that is not the run's event at the same index, as a verdict. */
function firstDifference(
  events: readonly string[],
  trace: readonly TraceEvent[],
  from: number,
  to: number,
  older: readonly TraceEvent[] = [],
): TraceComparison | null {
  const held = firstHeld(trace);
  for (let i = from; i < to; i++) {
    const ev = i < held ? older[i] : trace[i];
    if (ev === undefined) throw new RangeError(`trace line ${i} was not recomputed for the comparison`);
    // the run's events as the JSON Lines export writes them, read back
    const run = canonicalJson(JSON.parse(JSON.stringify(ev)) as unknown);
    if (run !== events[i]) return { ok: true, kind: 'differs', line: i + 1, file: events[i], run, t: ev.t };
  }
  return null;
}

/** How many lines of a trace file compareTraceFile reads (for a caller that recomputes `older`). */
export function traceFileLines(text: string): number {
  let n = 0;
  for (const line of text.split(/\r?\n/)) if (line.trim() !== '') n++;
  return n;
}

/** The biggest trace file compared (a 100,000-step run's trace is ~15 MB). */
export const MAX_TRACE_FILE_CHARS = 64 * 1024 * 1024;

/** A trace file next to the run on screen: where they agree, and where they part. */
export type TraceComparison =
  /** the file holds exactly the run's events so far */
  | { ok: true; kind: 'same'; events: number }
  /**
   * the run's events so far are the file's first `events`; the file has `more` after them. With
   * the run's history given, the run was played on (a copy) and `checked` of those `more` are its
   * next events too (all of them, unless over MAX_CONTINUE_EVENTS or the run ended first)
   */
  | { ok: true; kind: 'file-longer'; events: number; more: number; checked?: number }
  /** the whole file is the run's first `events`; the run has gone `more` events further */
  | { ok: true; kind: 'run-longer'; events: number; more: number }
  /** line `line` (1-based) is the first that differs; both lines, and the virtual ms of the run's */
  | { ok: true; kind: 'differs'; line: number; file: string; run: string; t: number }
  | Failed;

/**
 * Reads a trace file (JSON Lines, one event per line with `t` and `ev`) and compares it, event by
 * event, with `trace`. Key order and spacing do not matter; values do. Never throws. A bounded
 * trace (sim/TraceLog) holds its recent lines only: `older` gives the lines before the first one
 * held (recomputed by replaying the run, sim/traceReplay.ts), at least as many as the file has.
 */
export function compareTraceFile(
  text: string,
  trace: readonly TraceEvent[],
  history?: { scenario: Scenario; recorded: readonly RecordedAction[] },
  older?: readonly TraceEvent[],
): TraceComparison {
  const bad = emptyOrTooLarge(text, 'trace', MAX_TRACE_FILE_CHARS, 'a trace has one JSON object per line');
  if (bad) return bad;
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  const events: string[] = [];
  const problems: string[] = [];
  for (let i = 0; i < lines.length && problems.length < 12; i++) {
    const where = `line ${i + 1}`;
    let v: unknown;
    try {
      v = JSON.parse(lines[i]);
    } catch (e) {
      problems.push(`${where}: not JSON (${e instanceof Error ? e.message : String(e)})`);
      continue;
    }
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      problems.push(`${where}: not a JSON object`);
      continue;
    }
    const o = v as Record<string, unknown>;
    if (typeof o.t !== 'number' || typeof o.ev !== 'string') {
      problems.push(`${where}: an event needs a number "t" and a string "ev"`);
      continue;
    }
    events.push(canonicalJson(o));
  }
  if (problems.length > 0) {
    const n = problems.length;
    return importError(
      'invalid-trace',
      `this is not a trace file (${n}${n === 12 ? '+' : ''} problem${n === 1 ? '' : 's'})`,
      problems,
    );
  }
  const n = Math.min(events.length, trace.length);
  const differs = firstDifference(events, trace, 0, n, older);
  if (differs) return differs;
  if (events.length === trace.length) return { ok: true, kind: 'same', events: n };
  if (events.length > trace.length) {
    const more = events.length - n;
    if (!history) return { ok: true, kind: 'file-longer', events: n, more };
    // The run on screen is behind the file (at step 0 it has no events at all): play a copy of
    // it on, as far as the file goes (bounded), and compare those events too.
    const sim = new Simulation(history.scenario, history.recorded);
    const upTo = Math.min(events.length, n + MAX_CONTINUE_EVENTS);
    while (sim.trace.length < upTo && sim.step());
    const end = Math.min(upTo, sim.trace.length);
    const later = firstDifference(events, sim.trace, 0, end);
    if (later) return later;
    return { ok: true, kind: 'file-longer', events: n, more, checked: end - n };
  }
  return { ok: true, kind: 'run-longer', events: n, more: trace.length - n };
}

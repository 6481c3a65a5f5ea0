/**
 * Files in and out of the app: the trace as JSON Lines (the same text as the CLI's `--trace`,
 * scenario-format.md "Trace") and scenario files read with clear, placed errors.
 *
 * Pure: the UI does the downloading and the file picking.
 */
import { parseScenario, serializeScenario } from '../sim/Scenario';
import type { Scenario } from '../sim/Scenario';
import { traceToJsonl } from '../sim/run';
import type { TraceEvent } from '../zk/trace';

/** The biggest scenario file read (a scenario is a few kB; this is far beyond any real one). */
export const MAX_SCENARIO_FILE_CHARS = 2 * 1024 * 1024;

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

export type ImportErrorCode = 'empty' | 'too-large' | 'invalid-scenario';

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

function importError(code: ImportErrorCode, message: string, details: string[] = []): ImportResult {
  return { ok: false, error: { code, message, messageKey: `link.import.${code}`, details } };
}

/** Reads a scenario file's text (format 1). Never throws. */
export function importScenarioFile(text: string): ImportResult {
  if (typeof text !== 'string' || text.trim() === '')
    return importError('empty', 'the file is empty; a scenario is a JSON object { "format": 1, … }');
  if (text.length > MAX_SCENARIO_FILE_CHARS)
    return importError(
      'too-large',
      `the file is ${text.length} characters long; a scenario file is at most ${MAX_SCENARIO_FILE_CHARS}`,
    );
  const r = parseScenario(text);
  if (!r.ok) {
    const n = r.errors.length;
    return importError(
      'invalid-scenario',
      `this is not a valid scenario file (${n} problem${n === 1 ? '' : 's'})`,
      r.errors.map((e) => (e.length > 500 ? e.slice(0, 499) + '…' : e)),
    );
  }
  return { ok: true, scenario: r.scenario };
}

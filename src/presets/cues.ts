/**
 * Cue points and chapters: places in a run where lecture mode pauses (with a caption) or that a
 * lecturer can jump to. A place is named by what happens there — a step number, a moment of
 * virtual time, or the first (nth) trace event that matches a predicate — and is resolved to a
 * step number by running the simulation once. The run is deterministic, so the same scenario (and
 * recorded actions) always resolves to the same steps, and "the position" is a function of the
 * simulation step: seeking back and forth never loses it.
 *
 * Step numbering is the store's: step n is the picture after n events were processed (step 0 is
 * the picture before the first one). A trace event belongs to the step whose processing produced
 * it (or at which the action that wrote it was done), so seeking to that step shows the event as
 * just happened. The Simulation records this as it runs (`sim.records`, src/sim/StepRecords.ts).
 *
 * Pure: no DOM, no timers, no Math.random.
 */
import { Simulation } from '../sim/Simulation';
import type { Scenario } from '../sim/Scenario';
import type { RecordedAction } from '../sim/SimulationApi';
import type { StepRecordsView } from '../sim/StepRecords';
import { summarize } from '../sim/Summary';
import type { Summary } from '../sim/Summary';
import type { SyncMode, TraceEvent, TraceKind } from '../zk/trace';

/**
 * A predicate on one trace event: `ev` must match and every other given field must equal the
 * event's field of the same name (an event without that field never matches). `op` and `cmd` match
 * as prefixes; `after` keeps only events at or after that virtual time (ms).
 */
export interface TraceMatch {
  ev: TraceKind;
  sid?: number;
  state?: string;
  zabState?: string;
  /** message type of a `send` (NOTIFICATION, PROPOSAL, …) */
  type?: string;
  mode?: SyncMode;
  from?: number;
  to?: number;
  leader?: number;
  learner?: number;
  /** the client of a `reply` / `watch` */
  client?: string;
  /** the client of a `client` event, or the message id of a send/recv/drop */
  id?: string | number;
  path?: string | null;
  invariant?: string;
  zxid?: string;
  epoch?: number;
  ok?: boolean;
  /** prefix of the `op` of a `propose` / `apply` event, e.g. "closeSession" or "create /a" */
  op?: string;
  /** prefix of the `cmd` of a `client` event */
  cmd?: string;
  /** only events with t ≥ after (virtual ms) */
  after?: number;
}

/** Where a cue, a chapter or a lesson stop sits. */
export type CueTarget =
  /** a fixed step */
  | { step: number }
  /** the first step at which virtual time has reached `time` ms */
  | { time: number }
  /**
   * the step of the `nth` (1-based, default 1) trace event matching `match`; with `before`, the step
   * just before it (the moment before it happens: the place to ask "what will happen next?")
   */
  | { match: TraceMatch; nth?: number; before?: boolean };

/** Lecture mode pauses here and shows the caption. */
export interface Cue {
  id: string;
  at: CueTarget;
  /** i18n key of the caption */
  captionKey: string;
}

/** A named jump target (a chapter of the story). */
export interface Chapter {
  id: string;
  at: CueTarget;
  /** i18n key of the chapter's name */
  titleKey: string;
}

export interface ResolvedCue {
  id: string;
  step: number;
  /** virtual ms at that step */
  t: number;
  captionKey: string;
}

export interface ResolvedChapter {
  id: string;
  step: number;
  t: number;
  titleKey: string;
}

/**
 * One complete run with, for every step, where its trace events end and what time it was (the
 * Simulation's own records): enough to turn any trace event into the step that produced it. Build
 * it once, resolve many things on it.
 */
export interface RunIndex {
  scenario: Scenario;
  recorded: readonly RecordedAction[];
  trace: readonly TraceEvent[];
  /** per step: its trace lines and its virtual time (`lineEnd(n)`, `timeOf(n)`, `stepOfLine(i)`) */
  records: StepRecordsView;
  /** the last step of the run (steps until nothing is left before `until`) */
  lastStep: number;
  /** the run's summary at its end (scenario-format.md, "Summary") */
  summary: Summary;
}

/** Runs the scenario (with the recorded actions) to its end once and indexes every step. */
export function indexRun(scenario: Scenario, recorded: readonly RecordedAction[] = []): RunIndex {
  const sim = new Simulation(scenario, recorded);
  sim.runToEnd();
  return {
    scenario,
    recorded: [...recorded],
    trace: sim.trace,
    records: sim.records,
    lastStep: sim.stepCount,
    summary: summarize(sim),
  };
}

/** The step that produced trace event number `index`. */
export function stepOfEvent(run: RunIndex, index: number): number {
  return run.records.stepOfLine(index);
}

const PREFIX_KEYS = new Set(['op', 'cmd']);
const SKIP_KEYS = new Set(['ev', 'after']);

/** Does this trace event match the predicate? */
export function matches(e: TraceEvent, m: TraceMatch): boolean {
  if (e.ev !== m.ev) return false;
  if (m.after !== undefined && e.t < m.after) return false;
  const rec = e as unknown as Record<string, unknown>;
  for (const [k, want] of Object.entries(m)) {
    if (want === undefined || SKIP_KEYS.has(k)) continue;
    if (!(k in rec)) return false;
    const got = rec[k];
    if (PREFIX_KEYS.has(k)) {
      if (typeof got !== 'string' || typeof want !== 'string' || !got.startsWith(want)) return false;
    } else if (got !== want) return false;
  }
  return true;
}

/** Index into the trace of the nth (1-based) event matching `m`, or -1. */
export function findEvent(run: RunIndex, m: TraceMatch, nth = 1): number {
  let seen = 0;
  for (let i = 0; i < run.trace.length; i++) {
    if (matches(run.trace[i], m) && ++seen >= nth) return i;
  }
  return -1;
}

/** The step a target names in this run, or null if it never happens (a cue that never pauses). */
export function resolveTarget(run: RunIndex, at: CueTarget): number | null {
  if ('step' in at) {
    if (!Number.isInteger(at.step) || at.step < 0) return null;
    return Math.min(at.step, run.lastStep);
  }
  if ('time' in at) {
    return run.records.firstStepAt(at.time);
  }
  const idx = findEvent(run, at.match, at.nth ?? 1);
  if (idx < 0) return null;
  const step = stepOfEvent(run, idx);
  return at.before ? Math.max(0, step - 1) : step;
}

/** Stable sort by step (ties keep the given order). */
function byStep<T extends { step: number }>(xs: T[]): T[] {
  return xs
    .map((x, i) => [x, i] as const)
    .sort((a, b) => a[0].step - b[0].step || a[1] - b[1])
    .map(([x]) => x);
}

/** Cues resolved on an indexed run, sorted by step; cues that never happen are left out. */
export function resolveCuesIn(run: RunIndex, cues: readonly Cue[]): ResolvedCue[] {
  const out: ResolvedCue[] = [];
  for (const c of cues) {
    const step = resolveTarget(run, c.at);
    if (step !== null) out.push({ id: c.id, step, t: run.records.timeOf(step), captionKey: c.captionKey });
  }
  return byStep(out);
}

/** Chapters resolved on an indexed run, sorted by step; chapters that never happen are left out. */
export function resolveChaptersIn(run: RunIndex, chapters: readonly Chapter[]): ResolvedChapter[] {
  const out: ResolvedChapter[] = [];
  for (const c of chapters) {
    const step = resolveTarget(run, c.at);
    if (step !== null) out.push({ id: c.id, step, t: run.records.timeOf(step), titleKey: c.titleKey });
  }
  return byStep(out);
}

/**
 * Runs the simulation once and maps each cue to its step (deterministic). Sorted by step; a cue
 * whose event never happens (e.g. after the user changed the run) is left out.
 */
export function resolveCues(
  scenario: Scenario,
  cues: readonly Cue[],
  recorded: readonly RecordedAction[] = [],
): ResolvedCue[] {
  return resolveCuesIn(indexRun(scenario, recorded), cues);
}

/** As resolveCues, for chapters. */
export function resolveChapters(
  scenario: Scenario,
  chapters: readonly Chapter[],
  recorded: readonly RecordedAction[] = [],
): ResolvedChapter[] {
  return resolveChaptersIn(indexRun(scenario, recorded), chapters);
}

/** The first cue strictly after `step`: where lecture mode, playing on from `step`, pauses next. */
export function nextCue(cues: readonly ResolvedCue[], step: number): ResolvedCue | null {
  for (const c of cues) if (c.step > step) return c;
  return null;
}

/** The last cue strictly before `step` (lecture mode's "back"), or null. */
export function prevCue(cues: readonly ResolvedCue[], step: number): ResolvedCue | null {
  let out: ResolvedCue | null = null;
  for (const c of cues) if (c.step < step) out = c;
  return out;
}

/** The cues at exactly this step (their captions show while paused there). */
export function cuesAt(cues: readonly ResolvedCue[], step: number): ResolvedCue[] {
  return cues.filter((c) => c.step === step);
}

/** The chapter the step is in (the last one starting at or before it), or null before the first. */
export function chapterAt(chapters: readonly ResolvedChapter[], step: number): ResolvedChapter | null {
  let cur: ResolvedChapter | null = null;
  for (const c of chapters) if (c.step <= step) cur = c;
  return cur;
}

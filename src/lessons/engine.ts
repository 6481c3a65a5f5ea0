/**
 * The guided-lesson engine. A lesson walks through one preset's run; each of its steps is tied to
 * the event history (a cue target: a step, a time, or the first trace event matching a predicate),
 * resolved to a simulation step by running the scenario once. The learner's position is therefore
 * a function of the simulation step alone — step back, seek, reload: the lesson follows.
 *
 * A lesson step may ask the learner to predict what happens next. Its answer is never written in
 * the lesson: a function reads it from the run's real outcome (summary and trace), so the
 * "correct" choice is whatever the simulator actually did.
 *
 * Pure: no DOM, no timers, no Math.random.
 */
import type { Scenario } from '../sim/Scenario';
import type { RecordedAction } from '../sim/SimulationApi';
import { indexRun, resolveTarget } from '../presets/cues';
import type { CueTarget, RunIndex } from '../presets/cues';

export type Params = Record<string, string | number>;

export type ChoiceKind = 'server' | 'mode' | 'text';

export interface Choice {
  id: string;
  labelKey: string;
  labelParams?: Params;
  kind: ChoiceKind;
  /** a server id (kind 'server'), a sync mode (kind 'mode'), or any value (kind 'text') */
  value: string | number;
}

/** What a lesson author writes for a question. */
export interface PredictDef {
  promptKey: string;
  choices: Choice[];
  /** reads the real outcome from the run; the choice whose value equals it is the answer */
  answer: (run: RunIndex) => string | number | null;
  explainKey: string;
}

/** What a lesson author writes for one stop. */
export interface LessonStepDef {
  id: string;
  at: CueTarget;
  narrationKey: string;
  /** parameters for the narration/prompt/explanation texts, read from the run */
  params?: (run: RunIndex) => Params;
  predict?: PredictDef;
  /** the side panel to bring forward at this stop (a panel id: 'console', 'log', 'zab', …) */
  panel?: string;
}

export interface LessonDef {
  id: string;
  titleKey: string;
  /** the preset whose scenario the lesson runs */
  presetId: string;
  steps: LessonStepDef[];
}

/** A question with its answer resolved against the run. */
export interface Predict {
  promptKey: string;
  choices: Choice[];
  /** id of the choice that matches what really happened; null if none does (a lesson bug, or a
   *  run changed by recorded actions) */
  answer: string | null;
  explainKey: string;
}

/** One resolved stop of a lesson. */
export interface LessonStep {
  id: string;
  /** position among the resolved steps, 0-based */
  index: number;
  /** the simulation step it belongs to */
  step: number;
  /** virtual ms at that step */
  t: number;
  narrationKey: string;
  params: Params;
  predict?: Predict;
  /** the side panel this stop brings forward, if any */
  panel?: string;
}

export interface Lesson {
  id: string;
  titleKey: string;
  presetId: string;
  /** sorted by step (ties keep the author's order) */
  steps: LessonStep[];
  /** the run's last step */
  lastStep: number;
  /** ids of steps whose cue never happened in this run (left out of `steps`) */
  unresolved: string[];
}

/** Resolves a lesson against a run already indexed (share one run between cues and lessons). */
export function resolveLessonIn(def: LessonDef, run: RunIndex): Lesson {
  const resolved: Omit<LessonStep, 'index'>[] = [];
  const unresolved: string[] = [];
  for (const s of def.steps) {
    const step = resolveTarget(run, s.at);
    if (step === null) {
      unresolved.push(s.id);
      continue;
    }
    const out: Omit<LessonStep, 'index'> = {
      id: s.id,
      step,
      t: run.records.timeOf(step),
      narrationKey: s.narrationKey,
      params: s.params ? s.params(run) : {},
    };
    if (s.panel) out.panel = s.panel;
    if (s.predict) {
      const real = s.predict.answer(run);
      const hit = real === null ? undefined : s.predict.choices.find((c) => c.value === real);
      out.predict = {
        promptKey: s.predict.promptKey,
        choices: s.predict.choices.map((c) => ({ ...c })),
        answer: hit ? hit.id : null,
        explainKey: s.predict.explainKey,
      };
    }
    resolved.push(out);
  }
  const steps = resolved
    .map((s, i) => [s, i] as const)
    .sort((a, b) => a[0].step - b[0].step || a[1] - b[1])
    .map(([s], index) => ({ ...s, index }));
  return {
    id: def.id,
    titleKey: def.titleKey,
    presetId: def.presetId,
    steps,
    lastStep: run.lastStep,
    unresolved,
  };
}

/** Runs the scenario once and resolves the lesson on it. */
export function resolveLesson(
  def: LessonDef,
  scenario: Scenario,
  recorded: readonly RecordedAction[] = [],
): Lesson {
  return resolveLessonIn(def, indexRun(scenario, recorded));
}

export interface LessonPosition {
  /** index of the current lesson step: the last one at or before the simulation step; -1 before the first */
  index: number;
  current: LessonStep | null;
  /** the simulation is exactly at the current lesson step (show its question, if any) */
  atStop: boolean;
  next: LessonStep | null;
  prev: LessonStep | null;
  /** lesson steps reached so far (current included) and in all */
  reached: number;
  total: number;
  /** the last lesson step has been reached */
  finished: boolean;
}

/** Where the learner is when the simulation is at `step`. */
export function lessonAt(lesson: Lesson, step: number): LessonPosition {
  let index = -1;
  for (const s of lesson.steps) if (s.step <= step) index = s.index;
  // steps sharing one simulation step: the last one is current
  const current = index >= 0 ? lesson.steps[index] : null;
  const total = lesson.steps.length;
  return {
    index,
    current,
    atStop: current !== null && current.step === step,
    next: lesson.steps.find((s) => s.step > step) ?? null,
    prev: index > 0 ? lesson.steps[index - 1] : null,
    reached: index + 1,
    total,
    finished: total > 0 && index === total - 1,
  };
}

/** The simulation step of the next lesson stop after `step`, or null at the end. */
export function nextStop(lesson: Lesson, step: number): number | null {
  for (const s of lesson.steps) if (s.step > step) return s.step;
  return null;
}

/** The simulation step of the previous lesson stop before `step`, or null at the start. */
export function prevStop(lesson: Lesson, step: number): number | null {
  let out: number | null = null;
  for (const s of lesson.steps) if (s.step < step) out = s.step;
  return out;
}

export interface AnswerCheck {
  /** null when the lesson step asks nothing, or the run gave none of the choices */
  correct: boolean | null;
  /** the right choice's id (null: see above) */
  answer: string | null;
  chosen: string;
  explainKey: string | null;
}

/** Checks a learner's choice at a lesson step. */
export function checkAnswer(step: LessonStep, choiceId: string): AnswerCheck {
  const p = step.predict;
  if (!p) return { correct: null, answer: null, chosen: choiceId, explainKey: null };
  if (p.answer === null) return { correct: null, answer: null, chosen: choiceId, explainKey: p.explainKey };
  return { correct: p.answer === choiceId, answer: p.answer, chosen: choiceId, explainKey: p.explainKey };
}

/** Every i18n key a lesson definition names (for the completeness test and tools). */
export function lessonKeys(def: LessonDef): string[] {
  const keys = [def.titleKey];
  for (const s of def.steps) {
    keys.push(s.narrationKey);
    if (s.predict) {
      keys.push(s.predict.promptKey, s.predict.explainKey);
      for (const c of s.predict.choices) keys.push(c.labelKey);
    }
  }
  return keys;
}

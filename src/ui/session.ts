/**
 * What the app is showing around the run (the run itself is ./store.ts): which preset or lesson
 * is open, lecture and embed mode, a link that could not be opened, and the cue points and
 * chapters of the open preset resolved to steps.
 *
 * Cues and chapters are a function of (scenario, recorded actions): they are resolved again when
 * the user changes the run, so lecture mode always pauses where the story's events really happen.
 */
import { create } from 'zustand';
import { lessonById, resolveLessonIn, type Lesson } from '../lessons';
import { presetById, type Preset } from '../presets';
import {
  indexRun,
  resolveChaptersIn,
  resolveCuesIn,
  type ResolvedChapter,
  type ResolvedCue,
  type RunIndex,
} from '../presets/cues';
import type { Scenario } from '../sim/Scenario';
import type { RecordedAction } from '../sim/SimulationApi';
import type { Params } from './i18n';
import { useSim } from './store';

/** A link or file that could not be opened: what to tell the user (an i18n key and its params). */
export interface OpenError {
  messageKey: string;
  params?: Params;
  /** the English detail (where in the link or file the problem is), shown as plain text */
  detail?: string;
  /** every problem of a file, each naming its place (English, from the scenario parser) */
  details?: string[];
}

export interface SessionState {
  /** the preset the run was loaded from (null: the default ensemble, a file, a custom link) */
  presetId: string | null;
  /** the scenario object loaded for that preset (a link brings its own copy of the preset's) */
  presetScenario: Scenario | null;
  /** the lesson being followed, if any, resolved on the current run */
  lessonId: string | null;
  lesson: Lesson | null;
  /** the learner's answers to the lesson's questions: lesson step id → choice id */
  answers: Record<string, string>;
  lecture: boolean;
  /** lecture mode's black screen (the clicker's `b` / `.`): the room looks at the lecturer */
  black: boolean;
  /** `?embed=`: only the stage and the playback controls */
  embed: boolean;
  /** a bad link opened at start-up: the app shows this message and a "start fresh" button */
  linkError: OpenError | null;
  /** the open preset's cue points / chapters on the current run, by step */
  cues: ResolvedCue[];
  chapters: ResolvedChapter[];
  /** the indexed run the cues were resolved on (lessons read it too) */
  run: RunIndex | null;

  setLecture(on: boolean): void;
}

export const useSession = create<SessionState>((set) => ({
  presetId: null,
  presetScenario: null,
  lessonId: null,
  lesson: null,
  answers: {},
  lecture: false,
  black: false,
  embed: false,
  linkError: null,
  cues: [],
  chapters: [],
  run: null,
  setLecture: (on) => set({ lecture: on, black: false }),
}));

export function currentPreset(): Preset | undefined {
  const id = useSession.getState().presetId;
  return id ? presetById(id) : undefined;
}

/** Resolution of one (scenario, recorded) pair, kept while the run is the same. */
let resolvedFor: { scenario: unknown; recorded: readonly RecordedAction[] } | null = null;

/** Resolves the open preset's cues and chapters on the current run (once per distinct run). */
export function resolveForCurrentRun(): void {
  const preset = currentPreset();
  const { scenario, recorded } = useSim.getState();
  if (!preset) {
    resolvedFor = null;
    // already nothing to resolve: new empty lists would re-render everything that reads them
    const s = useSession.getState();
    if (s.cues.length || s.chapters.length || s.run !== null || s.lesson !== null)
      useSession.setState({ cues: [], chapters: [], run: null, lesson: null });
    return;
  }
  // the store replaces `recorded` whenever the history changes (act, fork, load)
  if (resolvedFor && resolvedFor.scenario === scenario && resolvedFor.recorded === recorded) return;
  resolvedFor = { scenario, recorded };
  const run = indexRun(scenario, recorded);
  const lessonId = useSession.getState().lessonId;
  const def = lessonId ? lessonById(lessonId) : undefined;
  useSession.setState({
    run,
    cues: resolveCuesIn(run, preset.cues ?? []),
    chapters: resolveChaptersIn(run, preset.chapters ?? []),
    lesson: def && def.presetId === preset.id ? resolveLessonIn(def, run) : null,
  });
}

export interface OpenAt {
  step?: number;
  recorded?: RecordedAction[];
  /** the scenario to run instead of the preset's own file (a link's copy of it) */
  scenario?: Scenario;
}

/** Loads a preset into the store (by default at step 0, nothing recorded) and makes it the open preset. */
export function openPreset(id: string, at: OpenAt = {}): boolean {
  const preset = presetById(id);
  if (!preset) return false;
  const scenario = at.scenario ?? preset.file;
  useSession.setState({ presetId: id, presetScenario: scenario, lessonId: null, lesson: null, answers: {} });
  resolvedFor = null;
  useSim.getState().load(scenario, at.recorded ?? [], at.step ?? 0);
  resolveForCurrentRun();
  return true;
}

/** Opens a guided lesson: loads its preset at `step` and resolves its stops on that run. */
export function openLessonById(id: string, at: OpenAt = {}): boolean {
  const def = lessonById(id);
  if (!def || !openPreset(def.presetId, at)) return false;
  const run = useSession.getState().run;
  if (!run) return false;
  useSession.setState({ lessonId: id, lesson: resolveLessonIn(def, run), answers: {} });
  return true;
}

/** Leaves the lesson; the preset and the run stay open. */
export function closeLesson(): void {
  useSession.setState({ lessonId: null, lesson: null, answers: {} });
}

/** Records the learner's answer to the question of lesson step `stepId`. */
export function answer(stepId: string, choiceId: string): void {
  useSession.setState((s) => ({ answers: { ...s.answers, [stepId]: choiceId } }));
}

/** Leaves the open preset / lesson (the run stays as it is: it is simply no longer "the preset"). */
export function closePreset(): void {
  useSession.setState({
    presetId: null,
    presetScenario: null,
    lessonId: null,
    lesson: null,
    answers: {},
    cues: [],
    chapters: [],
    run: null,
  });
  resolvedFor = null;
}

/**
 * Keeps the session in step with the run: a run loaded from elsewhere (a file, the default) is no
 * longer the preset; a changed history re-resolves the cues. Returns the unsubscribe function.
 */
export function followRun(): () => void {
  let pending: ReturnType<typeof setTimeout> | null = null;
  const unsub = useSim.subscribe((s, prev) => {
    if (s.scenario !== prev.scenario) {
      const open = useSession.getState().presetScenario;
      if (open && open !== s.scenario) closePreset();
    }
    if (s.recorded !== prev.recorded || s.scenario !== prev.scenario) {
      // after the action's own render; resolving replays the whole (short) preset run
      if (pending !== null) clearTimeout(pending);
      pending = setTimeout(() => {
        pending = null;
        resolveForCurrentRun();
      }, 0);
    }
  });
  return () => {
    if (pending !== null) clearTimeout(pending);
    unsub();
  };
}

/**
 * "Run until answered": plays until client `id` has its answer (it is no longer busy), then pauses.
 * Stops watching when the user pauses, the run ends, or the client goes away. Returns false (and
 * does nothing) when the client is not waiting for anything.
 */
export function runUntilAnswered(id: string): boolean {
  const busy = () => useSim.getState().view.clients.find((c) => c.id === id)?.busy ?? false;
  if (!busy()) return false;
  const unsub = useSim.subscribe((st, prev) => {
    if (!busy()) {
      unsub();
      if (st.playing) st.pause();
    } else if (prev.playing && !st.playing) unsub();
  });
  useSim.getState().play();
  return true;
}

/**
 * The guided lessons, in the order a course would take them, and helpers to open one on its
 * preset. The engine (positions, stops, answers) is in ./engine; answers are read from the real
 * run by ./outcome. Texts: src/ui/locales/{en,zh-CN}/lessons.ts under lessons.*.
 *
 * Pure.
 */
import { presetById } from '../presets';
import type { RecordedAction } from '../sim/SimulationApi';
import { broadcastLesson } from './broadcast';
import { electionLesson } from './election';
import { resolveLesson } from './engine';
import type { Lesson, LessonDef } from './engine';
import { recoveryLesson } from './recovery';
import { sessionsLesson } from './sessions';

export * from './engine';

export const lessons: LessonDef[] = [electionLesson, broadcastLesson, recoveryLesson, sessionsLesson];

export function lessonById(id: string): LessonDef | undefined {
  return lessons.find((l) => l.id === id);
}

/**
 * Opens a lesson on its preset: runs the preset once and resolves every stop and answer. Null if
 * the lesson or its preset is unknown. `recorded`: the user's actions, if they changed the run
 * (stops whose events no longer happen are left out, answers follow the changed run).
 */
export function openLesson(id: string, recorded: readonly RecordedAction[] = []): Lesson | null {
  const def = lessonById(id);
  const preset = def ? presetById(def.presetId) : undefined;
  if (!def || !preset) return null;
  return resolveLesson(def, preset.file, recorded);
}

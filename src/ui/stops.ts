/**
 * Stops: the steps where playback pauses by itself — the open preset's cue points in lecture mode,
 * its chapters outside it, the open lesson's steps — and the clicker that moves between them.
 *
 * Forward (PageDown, `.`, the "next" button) plays to the next stop, animated, and pauses exactly
 * on it (the store never plays past a stop). Pressed again while it is still playing there, it
 * jumps straight to that stop. Back (PageUp) goes to the previous stop at once. Both follow the
 * simulation step, so the scrubber, ← and → never get the clicker out of step.
 */
import { useEffect } from 'react';
import { useSession } from './session';
import { usePaceSettings } from './paceSettings';
import { nextStopAfter, useSim } from './store';

/**
 * The stops in force: cue steps in lecture mode, lesson steps while a lesson is open, else the open
 * preset's chapters (a setting, on by default).
 */
export function activeStops(): number[] {
  const s = useSession.getState();
  const out: number[] = [];
  if (s.lecture) for (const c of s.cues) out.push(c.step);
  // a lesson has stops of its own: its chapters would only interrupt them
  else if (!s.lesson && usePaceSettings.getState().chapterStops) for (const c of s.chapters) out.push(c.step);
  if (s.lesson) for (const l of s.lesson.steps) out.push(l.step);
  return [...new Set(out)].sort((a, b) => a - b);
}

/** True when forward/back move between stops (there are some); else they step one event. */
export function hasStops(): boolean {
  return activeStops().length > 0;
}

/** Plays to the next stop (or, if already playing to it, goes there at once). False at the end. */
export function toNextStop(): boolean {
  const sim = useSim.getState();
  const target = nextStopAfter(activeStops(), sim.view.step);
  if (target === Infinity) return false;
  if (sim.playing) {
    sim.seek(target);
    return true;
  }
  if (sim.finished) {
    sim.seek(target);
    return true;
  }
  sim.play();
  return true;
}

/** Goes back to the previous stop (step 0 before the first). False at step 0. */
export function toPrevStop(): boolean {
  const sim = useSim.getState();
  const step = sim.view.step;
  if (step === 0) return false;
  let target = 0;
  for (const s of activeStops()) if (s < step) target = s;
  sim.seek(target);
  return true;
}

/** Goes to a step now (a chapter, a lesson step picked from its list). */
export function jumpTo(step: number): void {
  useSim.getState().seek(step);
}

/** Keeps the store's stops equal to the active ones. */
export function useSyncStops(): void {
  const lecture = useSession((s) => s.lecture);
  const cues = useSession((s) => s.cues);
  const lesson = useSession((s) => s.lesson);
  const chapters = useSession((s) => s.chapters);
  const chapterStops = usePaceSettings((s) => s.chapterStops);
  useEffect(() => {
    useSim.getState().setStops(activeStops());
  }, [lecture, cues, lesson, chapters, chapterStops]);
}

/**
 * Playback stops at a violation (when the setting is on): as soon as the trace holds a violation
 * it did not hold before while playing, playback pauses on the step that produced it — going back
 * to that step if one frame played past it. A newly loaded scenario clears the banner's choices.
 */
import { useSim } from '../store';
import { logHistory } from './logHistory';
import { useStageUi } from './stageUi';

let started = false;

export function startViolationPause(): void {
  if (started) return;
  started = true;
  let prev = useSim.getState();
  let seen = logHistory(prev.sim.trace).violations.length;
  useSim.subscribe((s) => {
    if (s.view === prev.view && s.sim === prev.sim) return;
    const before = prev;
    prev = s;
    // a closed banner or a picked violation belong to their run: another scenario starts afresh
    if (s.scenario !== before.scenario) {
      useStageUi.getState().dismiss(null);
      useStageUi.getState().pick(null);
    }
    const found = logHistory(s.sim.trace).violations;
    if (s.sim !== before.sim || s.view.step < before.view.step) {
      // a rebuilt or reloaded run: what it already holds is not news
      seen = found.length;
      return;
    }
    if (found.length <= seen) return;
    const first = found[seen];
    seen = found.length;
    if (!before.playing || !useStageUi.getState().pauseAtViolation) return;
    useStageUi.getState().dismiss(null);
    s.pause();
    const step = s.view.step - before.view.step <= 1 ? s.view.step : s.sim.records.stepOfLine(first.index);
    if (step < s.view.step) s.seek(step);
  });
}

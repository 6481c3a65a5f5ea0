/**
 * The store as the panels beside the stage read it: at a reading rate while playing fast, exact
 * otherwise. Playing faster than FAST_SPEED, a new frame of the run reaches the panels at most
 * every READING_MS (the first at once, the last one when the READING_MS since the one before are
 * over), so that the event log, the ZAB, vote box and storage panels are not rendered, laid out and
 * painted again at every animation frame (under the UI bench's write load, 7 servers and ~600
 * events/s, they took 3–4 ms of a frame's main thread). Anything else that changes — a selection,
 * the runtime, pausing, stepping, seeking, a slower speed — reaches them at once, with the frame of
 * that moment: a still or stepped view is always the same picture in the panels as on the stage.
 * The stage, the header and the captions read `useSim` itself: they agree at every frame.
 */
import { create } from 'zustand';
import { FAST_SPEED, useSim, type SimState } from './store';

/** ms between two frames shown in the panels while playing fast (8 a second) */
export const READING_MS = 125;

/** What a frame of the run replaces (src/ui/store.ts, fromFrame): the part that may wait. */
const FRAME_KEYS = new Set<keyof SimState>([
  'scenario',
  'recorded',
  'sim',
  'view',
  'lastEvents',
  'delivered',
  'dropped',
  'horizon',
  'finished',
  'branch',
  'branches',
  'canUndo',
]);

const useReading = create<SimState>(() => useSim.getState());

let timer: ReturnType<typeof setTimeout> | null = null;
let shownAt = -Infinity;

function show(): void {
  if (timer !== null) clearTimeout(timer);
  timer = null;
  shownAt = performance.now();
  useReading.setState(useSim.getState(), true);
}

/** True if only the run's frame differs between `s` and what the panels show. */
function onlyFrameChanged(s: SimState, shown: SimState): boolean {
  for (const k of Object.keys(s) as (keyof SimState)[])
    if (s[k] !== shown[k] && !FRAME_KEYS.has(k)) return false;
  return true;
}

useSim.subscribe((s) => {
  const fast = s.playing && s.speed > FAST_SPEED;
  if (!fast || !onlyFrameChanged(s, useReading.getState())) {
    show();
    return;
  }
  if (timer !== null) return;
  const wait = shownAt + READING_MS - performance.now();
  if (wait <= 0) show();
  else timer = setTimeout(show, wait);
});

/**
 * A slice of the store for a panel beside the stage (see above); re-renders when the slice changes.
 * Handlers read the live store (`useSim.getState()`) as before.
 */
export function usePanelSim<T>(selector: (s: SimState) => T): T {
  return useReading(selector);
}

/** What the panels show now. */
export function panelState(): SimState {
  return useReading.getState();
}

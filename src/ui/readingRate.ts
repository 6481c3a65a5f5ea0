/**
 * The store as the panels beside the stage read it: at a reading rate while playing fast, exact
 * otherwise. Playing faster than FAST_SPEED, a new frame of the run reaches the panels at most
 * every READING_MS (the latest one, in the page's next idle moment once READING_MS have passed
 * since the one before), so that the event log, the ZAB, vote box and storage panels are not
 * rendered, laid out and painted again at every animation frame (under the UI bench's write load,
 * 7 servers and ~600 events/s, they took 3–4 ms of a frame's main thread). Anything else that
 * changes — a selection, the runtime, pausing, stepping, seeking, a slower speed — reaches them at
 * once, with the frame of that moment: a still or stepped view is always the same picture in the
 * panels as on the stage.
 * The stage, the header and the captions read `useSim` itself: they agree at every frame.
 */
import { create } from 'zustand';
import { shallow } from 'zustand/shallow';
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

/** the longest a due frame waits for an idle moment of the page (then it is shown anyway) */
const IDLE_WAIT_MS = 60;

let timer: ReturnType<typeof setTimeout> | null = null;
let idle: number | null = null;
let shownAt = -Infinity;

function show(): void {
  if (timer !== null) clearTimeout(timer);
  if (idle !== null) cancelIdleCallback(idle);
  timer = idle = null;
  shownAt = performance.now();
  useReading.setState(useSim.getState(), true);
}

/**
 * Shows the latest frame in an idle moment of the page: with the servers in workers a frame of the
 * run reaches the stage every few animation frames, and the panels' frame is better drawn in one
 * of those between (at most IDLE_WAIT_MS later).
 */
function showWhenIdle(): void {
  timer = null;
  if (typeof requestIdleCallback !== 'function') {
    show();
    return;
  }
  idle = requestIdleCallback(show, { timeout: IDLE_WAIT_MS });
}

/**
 * True if only the run's frame differs between `s` and what the panels show. With the servers in
 * workers every frame comes with a new `runtime` object (its `live` flag): a copy with the same
 * values is no change.
 */
function onlyFrameChanged(s: SimState, shown: SimState): boolean {
  for (const k of Object.keys(s) as (keyof SimState)[]) {
    if (s[k] === shown[k] || FRAME_KEYS.has(k)) continue;
    if (k === 'runtime' && shallow(s.runtime, shown.runtime)) continue;
    return false;
  }
  return true;
}

useSim.subscribe((s) => {
  const fast = s.playing && s.speed > FAST_SPEED;
  if (!fast || !onlyFrameChanged(s, useReading.getState())) {
    show();
    return;
  }
  if (timer !== null || idle !== null) return;
  const wait = shownAt + READING_MS - performance.now();
  if (wait <= 0) showWhenIdle();
  else timer = setTimeout(showWhenIdle, wait);
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

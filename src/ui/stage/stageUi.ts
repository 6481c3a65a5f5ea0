/**
 * The stage's own settings: which main view it shows (the ring of servers or the log view), and
 * whether playback pauses when the invariant checker reports a violation (on by default; kept in
 * localStorage like the other preferences).
 */
import { create } from 'zustand';

export type StageMode = 'ring' | 'log';

const PAUSE_KEY = 'zablab.pauseAtViolation';
const MODE_KEY = 'zablab.stageMode';

function read(key: string): string | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    if (typeof localStorage !== 'undefined') localStorage.setItem(key, value);
  } catch {
    // storage refused (private window): the setting lasts for this page only
  }
}

export interface StageUiState {
  mode: StageMode;
  pauseAtViolation: boolean;
  /** trace line of a violation whose banner the user closed (per run: a new one shows again) */
  dismissed: number | null;
  /** trace line of the violation the banner shows (null: the newest) */
  picked: number | null;
  setMode(mode: StageMode): void;
  toggleMode(): void;
  setPauseAtViolation(on: boolean): void;
  dismiss(index: number | null): void;
  pick(index: number | null): void;
  /**
   * A trace line the Event log is asked to show (the violation banner's link): the panel brings it
   * into view, selects it and clears the request; `seq` makes asking twice for one line two requests.
   */
  logLine: { index: number; seq: number } | null;
  showLogLine(index: number | null): void;
}

/** Requests made to show a log line so far (each request's `seq`, never reused after a clear). */
let lineRequests = 0;

export const useStageUi = create<StageUiState>((set, get) => ({
  mode: read(MODE_KEY) === 'log' ? 'log' : 'ring',
  pauseAtViolation: read(PAUSE_KEY) !== 'off',
  dismissed: null,
  picked: null,
  setMode: (mode) => {
    write(MODE_KEY, mode);
    set({ mode });
  },
  toggleMode: () => get().setMode(get().mode === 'ring' ? 'log' : 'ring'),
  setPauseAtViolation: (on) => {
    write(PAUSE_KEY, on ? 'on' : 'off');
    set({ pauseAtViolation: on });
  },
  dismiss: (index) => set({ dismissed: index }),
  pick: (index) => set({ picked: index }),
  logLine: null,
  showLogLine: (index) => set({ logLine: index === null ? null : { index, seq: ++lineRequests } }),
}));

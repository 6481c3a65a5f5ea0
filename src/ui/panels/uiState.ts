/** What the panels remember while the user switches tabs (each tab unmounts the others). */
import { create } from 'zustand';

export interface PanelUiState {
  treeCompare: number | null;
  treePath: string | null;
  timelineWindow: number;
  /** console: tabs opened with "+" that have not sent anything yet */
  consoleDrafts: string[];
  /** console: the server picked per client */
  consolePicked: Record<string, number>;
  /** console: commands typed per client, oldest first (↑ / ↓) */
  consoleHistory: Record<string, string[]>;
  set: (patch: Partial<Omit<PanelUiState, 'set'>>) => void;
}

export const usePanelUi = create<PanelUiState>((set) => ({
  treeCompare: null,
  treePath: null,
  timelineWindow: 2000,
  consoleDrafts: [],
  consolePicked: {},
  consoleHistory: {},
  set: (patch) => set(patch),
}));

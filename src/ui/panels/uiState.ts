/** What the panels remember while the user switches tabs (each tab unmounts the others). */
import { create } from 'zustand';

export interface PanelUiState {
  treeCompare: number | null;
  treePath: string | null;
  timelineWindow: number;
  set: (patch: Partial<Omit<PanelUiState, 'set'>>) => void;
}

export const usePanelUi = create<PanelUiState>((set) => ({
  treeCompare: null,
  treePath: null,
  timelineWindow: 2000,
  set: (patch) => set(patch),
}));

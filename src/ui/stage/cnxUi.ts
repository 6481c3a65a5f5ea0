/**
 * Whether the stage draws the election connections (QuorumCnxManager) between servers: off by
 * default, kept in localStorage like the stage's other preferences.
 */
import { create } from 'zustand';

const KEY = 'zablab.showCnx';

function read(): boolean {
  try {
    return typeof localStorage !== 'undefined' && localStorage.getItem(KEY) === 'on';
  } catch {
    return false;
  }
}

interface CnxUiState {
  show: boolean;
  setShow(on: boolean): void;
}

export const useCnxUi = create<CnxUiState>((set) => ({
  show: read(),
  setShow: (on) => {
    try {
      if (typeof localStorage !== 'undefined') localStorage.setItem(KEY, on ? 'on' : 'off');
    } catch {
      // storage refused (private window): the setting lasts for this page only
    }
    set({ show: on });
  },
}));

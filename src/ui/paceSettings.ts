/**
 * The playback settings a person chooses once and keeps: the pace (narrated by default, see
 * ./pace.ts) and whether playback pauses at each chapter of a preset outside lecture mode too
 * (on by default). Remembered in localStorage.
 */
import { create } from 'zustand';
import { DEFAULT_PACE, PACES, type Pace } from './pace';

const STORAGE_KEY = 'zablab.playback';

export interface PaceSettings {
  pace: Pace;
  /** pause at every chapter of the open preset (lecture mode pauses at its cues) */
  chapterStops: boolean;
  setPace(p: Pace): void;
  setChapterStops(on: boolean): void;
}

function load(): { pace: Pace; chapterStops: boolean } {
  const out = { pace: DEFAULT_PACE, chapterStops: true };
  try {
    const raw = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
    if (!raw) return out;
    const v = JSON.parse(raw) as { pace?: unknown; chapterStops?: unknown };
    if (PACES.includes(v.pace as Pace)) out.pace = v.pace as Pace;
    if (typeof v.chapterStops === 'boolean') out.chapterStops = v.chapterStops;
  } catch {
    // blocked or garbled storage: the defaults
  }
  return out;
}

function save(s: { pace: Pace; chapterStops: boolean }): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ pace: s.pace, chapterStops: s.chapterStops }));
  } catch {
    // storage may be blocked (privacy mode): the setting lasts for this page only
  }
}

export const usePaceSettings = create<PaceSettings>((set, get) => ({
  ...load(),
  setPace: (pace) => {
    set({ pace });
    save(get());
  },
  setChapterStops: (chapterStops) => {
    set({ chapterStops });
    save(get());
  },
}));

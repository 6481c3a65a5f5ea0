/**
 * Lecture mode's scale: how much larger than its 1280×720 design the presenter layout is drawn on
 * this screen (1 at 1280×720, 1.5 at 1920×1080, 3 at 3840×2160). The stage sizes its cards and their
 * type by it; the bars and panels around it are zoomed by it (CSS `--lk`).
 */
import { useSyncExternalStore } from 'react';

const BASE_W = 1280;
const BASE_H = 720;

/** never smaller than the design (a 1024×768 projector keeps the 1280 sizes), at most 4× (8K) */
export function lectureScaleFor(width: number, height: number): number {
  const k = Math.min(width / BASE_W, height / BASE_H);
  return Math.round(Math.min(4, Math.max(1, k)) * 100) / 100;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('resize', onChange);
  return () => window.removeEventListener('resize', onChange);
}

function snapshot(): number {
  return lectureScaleFor(window.innerWidth, window.innerHeight);
}

/** The scale for this window, kept up to date on resize; 1 when `on` is false. */
export function useLectureScale(on: boolean): number {
  const k = useSyncExternalStore(subscribe, snapshot, () => 1);
  return on ? k : 1;
}

/**
 * Lecture mode's own parts: the caption area under the stage (the cue the run has reached, in large
 * type) with the clicker's buttons, the toggle in and out of lecture mode, the lecturer's choice of
 * panels, the black screen and the laser pointer.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { cuesAt } from '../presets/cues';
import { useT } from './i18n';
import { ScreenIcon } from './icons';
import { useSession } from './session';
import { toNextStop, toPrevStop } from './stops';
import { useSim } from './store';
import { syncLectureParam } from './url';
import { useDismiss } from './useDismiss';

export function setLecture(on: boolean): void {
  useSession.getState().setLecture(on);
  syncLectureParam(on);
}

export function LectureToggle() {
  const t = useT();
  return (
    <button
      type="button"
      className="btn"
      onClick={() => setLecture(true)}
      title={t('scn.lecture.hint')}
      data-testid="lecture-on"
    >
      <ScreenIcon /> {t('scn.lecture.on')}
    </button>
  );
}

/** The caption of the last cue reached (bright when the run stands exactly on it), and the clicker. */
export function CaptionArea() {
  const t = useT();
  const cues = useSession((s) => s.cues);
  const presetId = useSession((s) => s.presetId);
  // the index of the last cue at or before the step: re-renders only when that changes
  const index = useSim((s) => {
    let i = -1;
    for (let k = 0; k < cues.length; k++) if (cues[k].step <= s.view.step) i = k;
    return i;
  });
  const exact = useSim((s) => index >= 0 && cues[index].step === s.view.step);
  const atStart = useSim((s) => s.view.step === 0);
  const here = useMemo(() => (index >= 0 ? cuesAt(cues, cues[index].step) : []), [cues, index]);
  const atEnd = index === cues.length - 1;
  return (
    <section className="caption-area" aria-label={t('scn.lecture.captions')} data-testid="captions">
      <div className="caption-text" aria-live="polite">
        {cues.length === 0 ? (
          <p className="caption dim">{presetId ? t('scn.lecture.noCues') : t('scn.lecture.pickPreset')}</p>
        ) : index < 0 ? (
          <p className="caption dim">{t('scn.lecture.start')}</p>
        ) : (
          here.map((c) => (
            <p key={c.id} className={exact ? 'caption' : 'caption dim'} data-cue={c.id}>
              {t(c.captionKey)}
            </p>
          ))
        )}
      </div>
      <div className="clicker">
        {cues.length > 0 ? (
          <span className="cue-count" data-testid="cue-count">
            {t('scn.lecture.cueOf', { n: index + 1, total: cues.length })}
          </span>
        ) : null}
        <button
          type="button"
          className="btn"
          onClick={() => toPrevStop()}
          disabled={atStart}
          title={`${t('scn.lecture.prev')} (PageUp)`}
        >
          ◀ {t('scn.lecture.prev')}
        </button>
        <button
          type="button"
          className="btn primary"
          onClick={() => toNextStop()}
          disabled={cues.length === 0 || atEnd}
          title={`${t('scn.lecture.next')} (PageDown, .)`}
        >
          {t('scn.lecture.next')} ▶
        </button>
      </div>
    </section>
  );
}

/** The panels a lecturer may put beside the stage (ids and titles of ./panels/index.ts). */
export const LECTURE_PANEL_CHOICES: readonly { id: string; titleKey: string }[] = [
  { id: 'vote', titleKey: 'panels.vote.title' },
  { id: 'zab', titleKey: 'panels.zab.title' },
  { id: 'pipeline', titleKey: 'panels.pipe.title' },
  { id: 'storage', titleKey: 'panels.storage.title' },
  { id: 'tree', titleKey: 'panels.tree.title' },
  { id: 'log', titleKey: 'panels.log.title' },
  { id: 'timeline', titleKey: 'panels.tl.title' },
  { id: 'console', titleKey: 'panels.console.title' },
];
const DEFAULT_LECTURE_PANELS = ['vote', 'zab'];
const PANELS_KEY = 'zablab.lecture.panels';

function loadLecturePanels(): string[] {
  try {
    const raw = localStorage.getItem(PANELS_KEY);
    if (raw !== null) {
      const v: unknown = JSON.parse(raw);
      if (Array.isArray(v)) return LECTURE_PANEL_CHOICES.map((p) => p.id).filter((id) => v.includes(id));
    }
  } catch {
    // storage blocked or a bad value: the default
  }
  return DEFAULT_LECTURE_PANELS;
}

/** The lecturer's choice of panels (none: the stage takes the whole width), remembered. */
export function useLecturePanels(): [string[], (ids: string[]) => void] {
  const [ids, setIds] = useState<string[]>(loadLecturePanels);
  const set = useCallback((next: string[]) => {
    setIds(next);
    try {
      localStorage.setItem(PANELS_KEY, JSON.stringify(next));
    } catch {
      // not remembered
    }
  }, []);
  return [ids, set];
}

/** "Panels ▾": which panels stand beside the stage. */
export function LecturePanelPicker({ ids, onChange }: { ids: string[]; onChange: (ids: string[]) => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useDismiss(open, ref, () => setOpen(false));
  return (
    <div className="lecture-panels" ref={ref}>
      <button
        type="button"
        className="btn"
        aria-haspopup="true"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        data-testid="lecture-panels"
      >
        {t('present.lecture.panels')} ▾
      </button>
      {open ? (
        <fieldset className="popover lecture-panels-menu">
          <legend className="sr-only">{t('present.lecture.panelsHint')}</legend>
          <p className="lecture-panels-hint">{t('present.lecture.panelsHint')}</p>
          {LECTURE_PANEL_CHOICES.map((p) => (
            <label key={p.id} className="check">
              <input
                type="checkbox"
                checked={ids.includes(p.id)}
                onChange={(e) =>
                  onChange(
                    LECTURE_PANEL_CHOICES.map((c) => c.id).filter((id) =>
                      id === p.id ? e.target.checked : ids.includes(id),
                    ),
                  )
                }
              />
              {t(p.titleKey)}
            </label>
          ))}
        </fieldset>
      ) : null}
    </div>
  );
}

/** The clicker's black screen: covers everything until `b`, `.`, Escape, a page key or a click. */
export function BlackScreen() {
  const t = useT();
  const black = useSession((s) => s.black);
  if (!black) return null;
  return (
    <div
      className="black-screen"
      role="button"
      tabIndex={-1}
      aria-label={t('present.lecture.unblack')}
      data-testid="black-screen"
      onClick={() => useSession.setState({ black: false })}
    />
  );
}

/**
 * A laser pointer for the stage: a red dot instead of the mouse cursor, and the server card or
 * message under it (or nearest to it, within a few px) lit up so the back row sees what is meant.
 */
export function LaserPointer({ areaRef }: { areaRef: RefObject<HTMLElement | null> }) {
  const dotRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const area = areaRef.current;
    const dot = dotRef.current;
    if (!area || !dot) return;
    let lit: Element | null = null;
    const light = (el: Element | null) => {
      if (el === lit) return;
      lit?.classList.remove('laser');
      el?.classList.add('laser');
      lit = el;
    };
    const onMove = (e: PointerEvent) => {
      if (e.pointerType === 'touch') return;
      dot.style.transform = `translate(${e.clientX}px, ${e.clientY}px)`;
      dot.hidden = false;
      area.classList.add('laser-on');
      light(laserTarget(area, e.clientX, e.clientY));
    };
    const onLeave = () => {
      dot.hidden = true;
      area.classList.remove('laser-on');
      light(null);
    };
    area.addEventListener('pointermove', onMove);
    area.addEventListener('pointerleave', onLeave);
    return () => {
      area.removeEventListener('pointermove', onMove);
      area.removeEventListener('pointerleave', onLeave);
      onLeave();
    };
  }, [areaRef]);
  return <div ref={dotRef} className="laser-dot" aria-hidden="true" hidden />;
}

/** The card or message at (x, y); else the message whose dot is nearest, if within reach. */
function laserTarget(area: HTMLElement, x: number, y: number): Element | null {
  for (const el of document.elementsFromPoint(x, y)) {
    const hit = el.closest('.server-card, .msg');
    if (hit && area.contains(hit)) return hit;
  }
  let best: Element | null = null;
  let bestD = 28;
  for (const dot of area.querySelectorAll('.msg .dot')) {
    const r = dot.getBoundingClientRect();
    const d = Math.hypot(r.left + r.width / 2 - x, r.top + r.height / 2 - y) - r.width / 2;
    if (d < bestD) {
      bestD = d;
      best = dot.closest('.msg');
    }
  }
  return best;
}
